"""Speed of the Python package against the library it wraps (not a test: figures for the README).

    python python/bench.py [--rounds N] [--docs DIR]

On corpus/docs (the 74 .txt documents, read into memory once), best of --repeat runs each:
  library      gongwen::parse + write_json in Rust, in this process (gongwen._native._library_loop)
  parse_json   gongwen.parse_json(bytes): the library plus the Python call and the str
  parse        gongwen.parse(bytes): a dict instead of the JSON text
  parse_many   the files parsed by parse_many with jobs=1 and jobs=2 (dicts, read from disk)
  threads      parse_json(bytes) from 1 and 2 Python threads (the GIL is released while parsing)
and the ratios the README quotes: parse_json / library, parse / parse_json, parse_many 2 jobs /
1 job, 2 threads / 1 thread.
"""

import argparse
import os
import threading
import time
from pathlib import Path

import gongwen
from gongwen import _native

ROOT = Path(__file__).resolve().parents[1]


def load():
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def best(repeat, fn):
    """The shortest of `repeat` timings of fn() (the least disturbed by other work on the machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def loop(call, docs, rounds):
    def run():
        for _ in range(rounds):
            for d in docs:
                call(d)

    return run


def threaded(n, call, docs, rounds):
    """n Python threads, each doing the whole loop: n times the work."""

    def run():
        threads = [threading.Thread(target=loop(call, docs, rounds)) for _ in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    return run


def many(paths, jobs, rounds):
    def run():
        for _ in range(rounds):
            for _path, result in gongwen.parse_many(paths, jobs=jobs):
                assert isinstance(result, dict)

    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=Path, default=ROOT / "corpus" / "docs")
    ap.add_argument("--rounds", type=int, default=20, help="passes over the documents per timing")
    ap.add_argument("--repeat", type=int, default=5, help="timings per figure; the best is kept")
    args = ap.parse_args()
    paths = sorted(str(p) for p in args.docs.iterdir() if p.is_file())
    docs = [Path(p).read_bytes() for p in paths]
    n, mb = len(docs) * args.rounds, sum(map(len, docs)) * args.rounds / 1e6
    gongwen.parse_json(docs[0])  # warm-up: the grammar's one-time tables

    lib = min(_native._library_loop(docs, args.rounds) for _ in range(args.repeat))
    pj = best(args.repeat, loop(gongwen.parse_json, docs, args.rounds))
    pd = best(args.repeat, loop(gongwen.parse, docs, args.rounds))
    m1 = best(args.repeat, many(paths, 1, args.rounds))
    m2 = best(args.repeat, many(paths, 2, args.rounds))
    t1 = best(args.repeat, threaded(1, gongwen.parse_json, docs, args.rounds))
    t2 = best(args.repeat, threaded(2, gongwen.parse_json, docs, args.rounds))
    td1 = best(args.repeat, threaded(1, gongwen.parse, docs, args.rounds))
    td2 = best(args.repeat, threaded(2, gongwen.parse, docs, args.rounds))

    print(f"{len(docs)} documents x {args.rounds} rounds ({mb / args.rounds:.2f} MB a round), best of {args.repeat}")
    print(f"load average at the end: {load()} on {os.cpu_count()} cores (other work skews the thread figures)")
    print("| what | µs per document | documents/s |")
    print("|---|---|---|")
    for name, secs, count in [
        ("library (Rust: parse + write_json)", lib, n),
        ("parse_json(bytes)", pj, n),
        ("parse(bytes) -> dict", pd, n),
        ("parse_many(paths, jobs=1)", m1, n),
        ("parse_many(paths, jobs=2)", m2, n),
        ("parse_json, 1 Python thread", t1, n),
        ("parse_json, 2 Python threads", t2, 2 * n),
        ("parse, 1 Python thread", td1, n),
        ("parse, 2 Python threads", td2, 2 * n),
    ]:
        print(f"| {name} | {secs / count * 1e6:.1f} | {count / secs:,.0f} |")
    print()
    print(f"parse_json / library time:      {pj / lib:.3f}  (goal: within 1.10)")
    print(f"parse / parse_json time:        {pd / pj:.3f}  (goal: within 1.5)")
    print(f"parse_many 2 jobs / 1 job:      {m1 / m2:.2f}x  (goal: at least 1.5x)")
    print(f"parse_json 2 threads / 1:       {2 * t1 / t2:.2f}x  (goal: at least 1.5x)")
    print(f"parse 2 threads / 1:            {2 * td1 / td2:.2f}x")


if __name__ == "__main__":
    main()
