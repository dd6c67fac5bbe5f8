#!/usr/bin/env python3
"""Records what a gongwen binary does with every file a refactor must not change, so two builds can
be compared: `behaviour_snapshot.py BIN OUT.json`, then `behaviour_snapshot.py --diff A.json B.json`.

Per file: the exit code of `gongwen parse`, its stderr line, the sha256 of its JSON; the status and
error of `gongwen batch`; the HTTP status and problem code of `gongwen serve`'s POST /v1/parse.
Files: corpus/docs, corpus/renderings, tests/hostile, ../shared/fixtures/{poi-word,cn-word}.
"""
import hashlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRS = ["corpus/docs", "corpus/renderings", "tests/hostile", "../shared/fixtures/poi-word", "../shared/fixtures/cn-word"]


def files():
    out = []
    for d in DIRS:
        base = os.path.join(ROOT, d)
        for dirpath, _, names in os.walk(base):
            for n in names:
                p = os.path.join(dirpath, n)
                if "expected-lo" in p or n.endswith((".tsv", ".md")):
                    continue
                out.append(os.path.relpath(p, ROOT))
    return sorted(out)


def parse_cli(binary, rel):
    r = subprocess.run([binary, "parse", rel], cwd=ROOT, capture_output=True, timeout=120)
    return {
        "exit": r.returncode,
        "stderr": r.stderr.decode("utf-8", "replace").strip(),
        "json": hashlib.sha256(r.stdout).hexdigest() if r.stdout else None,
    }


def batch(binary, rels):
    with tempfile.TemporaryDirectory() as out, tempfile.NamedTemporaryFile("w", delete=False) as lst:
        lst.write("\n".join(rels) + "\n")
        lst.close()
        subprocess.run([binary, "batch", "--quiet", "--jobs", "2", "--files-from", lst.name, "-o", out],
                       cwd=ROOT, capture_output=True, timeout=900)
        res = {}
        with open(os.path.join(out, "index.jsonl"), encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                res[rec["path"]] = {"status": rec.get("status"), "error": rec.get("error")}
        os.unlink(lst.name)
        return res


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def serve(binary, rels):
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--addr", f"127.0.0.1:{port}", "--max-upload", "300MB"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        proc.stdout.readline()
        res = {}
        for rel in rels:
            with open(os.path.join(ROOT, rel), "rb") as f:
                body = f.read()
            req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/parse", data=body, method="POST")
            try:
                with urllib.request.urlopen(req, timeout=120) as r:
                    res[rel] = {"status": r.status, "code": None}
            except urllib.error.HTTPError as e:
                try:
                    code = json.loads(e.read()).get("code")
                except Exception:
                    code = "?"
                res[rel] = {"status": e.code, "code": code}
            except Exception as e:  # a refused or reset connection is behaviour too
                res[rel] = {"status": None, "code": type(e).__name__}
        return res
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def snapshot(binary, out):
    binary = os.path.abspath(binary)
    rels = files()
    snap = {rel: {"parse": parse_cli(binary, rel)} for rel in rels}
    for rel, v in batch(binary, rels).items():
        if rel in snap:
            snap[rel]["batch"] = v
    for rel, v in serve(binary, rels).items():
        snap[rel]["http"] = v
    with open(out, "w", encoding="utf-8") as f:
        json.dump(snap, f, ensure_ascii=False, indent=1, sort_keys=True)
    print(f"{len(snap)} files recorded in {out}")


def diff(a_path, b_path):
    a = json.load(open(a_path, encoding="utf-8"))
    b = json.load(open(b_path, encoding="utf-8"))
    n = 0
    for rel in sorted(set(a) | set(b)):
        if a.get(rel) != b.get(rel):
            n += 1
            print(rel)
            print("  before:", json.dumps(a.get(rel), ensure_ascii=False))
            print("  after: ", json.dumps(b.get(rel), ensure_ascii=False))
    print(f"{n} of {len(set(a) | set(b))} files differ")
    return 1 if n else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--diff":
        sys.exit(diff(sys.argv[2], sys.argv[3]))
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    start = time.time()
    snapshot(sys.argv[1], sys.argv[2])
    print(f"{time.time() - start:.0f} s")
