#!/usr/bin/env python3
"""Load test of `gongwen serve` on loopback, bounded in count and time.

Starts the release binary on a free port, then sends ROUNDS x REQUESTS requests from CLIENTS
concurrent clients, mixing formats (txt/docx/doc/rtf/html/mht from corpus/ and tests/fixtures/),
routes (/v1/parse raw and multipart, /v1/tasks as CSV and XLSX) and a few damaged files (cut
.docx, binary noise, empty body). Every answer must be the expected one: 200 for a file that
`gongwen parse` reads, the problem status for the damaged ones (422, 415, 400). Prints latency
percentiles and the server's RSS (VmRSS) before, after each round, and its peak (VmHWM).

With --slow N, N more clients hold connections open during the whole run, each sending a
request's headers one byte a second (slowloris): the server must close them at its header
deadline and keep answering the others (its connection cap keeps the rest in the accept queue).

Usage: tools/load_serve.py [--requests 500] [--clients 16] [--rounds 2] [--jobs 2] [--slow 0] [--bin PATH]
Exit 0 when no request failed and memory stayed flat across rounds, else 1.
"""
import argparse
import concurrent.futures as cf
import http.client
import os
import random
import resource
import socket
import subprocess
import threading
import sys
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rss_kb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def inputs(binary):
    """(name, bytes, expected status) for every input."""
    paths = []
    for d, exts in [
        ("corpus/docs", (".txt",)),
        ("tests/fixtures/docx", (".docx",)),
        ("tests/fixtures/doc", (".doc",)),
        ("tests/fixtures/rtf_html", (".rtf", ".html", ".mht", ".doc", ".txt")),
        ("corpus/renderings/html", (".html",)),
        ("tests/fixtures/parity/html-gbk", (".html",)),
        ("tests/fixtures/parity/docx-rich", (".docx",)),
        ("tests/fixtures/parity/doc-rich", (".doc",)),
    ]:
        full = os.path.join(ROOT, d)
        for n in sorted(os.listdir(full)):
            if n.endswith(exts):
                paths.append(os.path.join(full, n))
    out = []
    for p in paths:
        with open(p, "rb") as f:
            b = f.read()
        # What the CLI says decides what the server must answer.
        rc = subprocess.run([binary, "parse", "-"], input=b, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        out.append((os.path.relpath(p, ROOT), b, 200 if rc == 0 else None))
    with open(os.path.join(ROOT, "tests/fixtures/docx/corpus-000.docx"), "rb") as f:
        docx = f.read()
    rnd = random.Random(7)
    out.append(("damaged: cut .docx", docx[: len(docx) // 2], 422))
    out.append(("damaged: binary noise", bytes(rnd.randrange(256) for _ in range(8192)), 415))
    out.append(("damaged: empty body", b"", 400))
    return out


def send(addr, item, route):
    name, body, want = item
    host, port = addr.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=120)
    headers = {}
    fname = os.path.basename(name)
    if route == "multipart":
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fname}\"\r\n"
                f"Content-Type: application/octet-stream\r\n\r\n").encode() + body + f"\r\n--{boundary}--\r\n".encode()
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        path = "/v1/parse"
    elif route == "csv":
        path = "/v1/tasks?format=csv&excel=1"
    elif route == "xlsx":
        path = "/v1/tasks?format=xlsx"
    else:
        path = "/v1/parse"
    t0 = time.perf_counter()
    conn.request("POST", path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    dt = time.perf_counter() - t0
    conn.close()
    ok = r.status == want if want is not None else 400 <= r.status < 500 and r.status != 413
    if ok and r.status != 200:
        ok = r.getheader("Content-Type") == "application/problem+json"
    return ok, dt, r.status, name, route, len(data)


def slow_clients(addr, n, stop):
    """n connections that trickle header bytes until `stop` is set; returns (threads, counters)."""
    host, port = addr.split(":")
    counters = {"opened": 0, "closed_by_server": 0}
    lock = threading.Lock()

    def one():
        while not stop.is_set():
            try:
                s = socket.create_connection((host, int(port)), timeout=5)
            except OSError:
                time.sleep(0.5)
                continue
            with lock:
                counters["opened"] += 1
            head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 10_000
            try:
                for b in head:
                    if stop.is_set():
                        break
                    s.send(bytes([b]))
                    stop.wait(1.0)
                else:
                    continue
            except OSError:
                with lock:
                    counters["closed_by_server"] += 1
            finally:
                s.close()

    threads = [threading.Thread(target=one, daemon=True) for _ in range(n)]
    for t in threads:
        t.start()
    return threads, counters


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/gongwen"))
    ap.add_argument("--time-limit", type=float, default=300, help="seconds for the whole run")
    ap.add_argument("--slow", type=int, default=0, help="slow clients trickling headers during the run")
    a = ap.parse_args()

    items = inputs(a.bin)
    good = sum(1 for i in items if i[2] == 200)
    print(f"inputs: {len(items)} ({good} documents, {len(items) - good} refused or damaged), "
          f"{sum(len(i[1]) for i in items) / 1e6:.1f} MB")
    srv = subprocess.Popen([a.bin, "serve", "--addr", "127.0.0.1:0", "--jobs", str(a.jobs)], stdout=subprocess.PIPE, text=True)
    try:
        addr = srv.stdout.readline().strip().removeprefix("listening on http://")
        time.sleep(0.2)
        rss0 = rss_kb(srv.pid)
        print(f"server {addr} pid {srv.pid} --jobs {a.jobs}: RSS at start {rss0 / 1024:.1f} MB")
        stop = threading.Event()
        slow = None
        if a.slow:
            soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, a.slow + a.clients + 256)), hard))
            slow = slow_clients(addr, a.slow, stop)
            time.sleep(3)
            print(f"{a.slow} slow clients trickling headers a byte a second")
        rnd = random.Random(42)
        routes = ["raw", "raw", "multipart", "csv", "xlsx"]
        failed = 0
        rss_after = []
        deadline = time.monotonic() + a.time_limit
        all_lat = []
        for rnd_no in range(a.rounds):
            plan = [(rnd.choice(items), rnd.choice(routes)) for _ in range(a.requests)]
            t0 = time.perf_counter()
            with cf.ThreadPoolExecutor(a.clients) as ex:
                results = list(ex.map(lambda pr: send(addr, pr[0], pr[1]), plan))
            wall = time.perf_counter() - t0
            if time.monotonic() > deadline:
                print("time limit exceeded")
                failed += 1
            lat = [r[1] for r in results]
            all_lat += lat
            bad = [r for r in results if not r[0]]
            failed += len(bad)
            for r in bad[:10]:
                print(f"  FAILED {r[3]} via {r[4]}: HTTP {r[2]}")
            by = {}
            for r in results:
                by[r[2]] = by.get(r[2], 0) + 1
            rss_after.append(rss_kb(srv.pid))
            print(f"round {rnd_no + 1}: {len(results)} requests, {a.clients} clients, {wall:.1f} s, {len(results) / wall:.0f} req/s; "
                  f"statuses {dict(sorted(by.items()))}; latency p50 {pct(lat, 50) * 1000:.0f} ms, p90 {pct(lat, 90) * 1000:.0f} ms, "
                  f"p99 {pct(lat, 99) * 1000:.0f} ms, max {max(lat) * 1000:.0f} ms; RSS after {rss_after[-1] / 1024:.1f} MB")
        peak = rss_kb(srv.pid, "VmHWM")
        stop.set()
        if slow:
            print(f"slow clients: {slow[1]['opened']} connections opened, {slow[1]['closed_by_server']} closed by the server")
        print(f"all: {len(all_lat)} requests, {failed} failed; p99 {pct(all_lat, 99) * 1000:.0f} ms; "
              f"RSS start {rss0 / 1024:.1f} MB, after each round {', '.join(f'{r / 1024:.1f}' for r in rss_after)} MB, peak {peak / 1024:.1f} MB")
        flat = len(rss_after) < 2 or rss_after[-1] <= rss_after[0] * 1.25 + 4096
        print("memory flat across rounds" if flat else "MEMORY GREW across rounds")
        return 0 if failed == 0 and flat else 1
    finally:
        srv.terminate()
        srv.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
