#!/usr/bin/env python3
"""Start-up cost of the CLI (issue 14): the process's CPU time (user + system) for `gongwen parse`
and `gongwen text` of a small file, averaged over many runs. Usage:
    python3 tools/startup_cpu.py [BIN] [FILE ...]
Defaults: target/release/gongwen and the first KB of corpus/docs/000.txt (a download site's page:
chrome, notice, items) and of corpus/docs/003.txt (a plan body)."""
import resource
import subprocess
import sys
import tempfile

RUNS = 200


def cpu_ms(args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _ in range(RUNS):
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used / RUNS * 1000


def excerpt(path, size=1024):
    """The first `size` bytes of a text, cut at a character boundary, in a temporary file."""
    data = open(path, "rb").read()[:size].decode("utf-8", "ignore").encode("utf-8")
    out = tempfile.NamedTemporaryFile(prefix="gongwen-1k-", suffix=".txt", delete=False)
    out.write(data)
    out.close()
    return out.name


def main():
    bin_ = sys.argv[1] if len(sys.argv) > 1 else "target/release/gongwen"
    files = sys.argv[2:] or [excerpt(f"corpus/docs/{n}.txt") for n in ("000", "003")]
    for f in files:
        text = cpu_ms([bin_, "text", f])
        parse = cpu_ms([bin_, "parse", f])
        print(f"{f}: text {text:.2f} ms, parse {parse:.2f} ms, parse/text {parse / text:.2f}")


if __name__ == "__main__":
    main()
