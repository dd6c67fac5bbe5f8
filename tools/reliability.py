#!/usr/bin/env python3
"""Reliability bench: seeded mutants of real inputs through the release binary, one process each.

For every format (corpus texts in UTF-8, GB18030, UTF-16LE without BOM and UTF-16BE with one;
the .docx, .doc, RTF, HTML and PDF fixtures) it makes MUTANTS damaged copies (bytes cut out,
flipped or inserted, the end cut off), runs `gongwen parse` on each under /usr/bin/time with a
deadline, and counts:

- panics (exit 101 or "panicked" on stderr) and hangs (past --timeout): must be 0;
- exit codes other than 0 (parsed) and 1 (refused with a reason): must be 0;
- silent re-encodings, for the texts: a parsed mutant whose decoded text is in another encoding
  than the original, or differs from it (beyond the damaged characters) without an
  `encoding_errors` or `damaged` warning: must be 0;
- peak RSS, and the largest share of the bound the issue sets (30 times the input plus 100 MB).

usage: tools/reliability.py [--mutants 1000] [--seed 1] [--bin target/release/gongwen]
Exit 0 when there were no panics, hangs, stray exit codes or silent re-encodings.
"""
import argparse
import difflib
import glob
import json
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TEXT_ENCODINGS = [("UTF-8", "utf-8", b""), ("gb18030", "gb18030", b""),
                  ("UTF-16LE", "utf-16-le", b""), ("UTF-16BE", "utf-16-be", b"\xfe\xff")]


def originals():
    """(kind, bytes, original text or None, encoding name or None)."""
    out = []
    for p in sorted(glob.glob(os.path.join(ROOT, "corpus/docs/*.txt")))[:12]:
        text = open(p, encoding="utf-8").read()
        for name, codec, bom in TEXT_ENCODINGS:
            out.append((f"txt-{name}", bom + text.encode(codec), text, name))
    for pattern, kind in [("tests/fixtures/docx/*.docx", "docx"), ("tests/fixtures/doc/*.doc", "doc"),
                          ("tests/fixtures/rtf_html/*.rtf", "rtf"), ("tests/fixtures/rtf_html/*.html", "html"),
                          ("tests/fixtures/pdf/made/*.pdf", "pdf")]:
        for p in sorted(glob.glob(os.path.join(ROOT, pattern)))[:8]:
            out.append((kind, open(p, "rb").read(), None, None))
    return out


def docx_of(xml_bytes, rnd):
    """A .docx whose body is about `xml_bytes` of XML, of plan-like sentences (about 35:1)."""
    import io
    import zipfile
    sents = ["各区县人民政府要在%d月底前完成第%d项任务。" % (m, k) for m in range(1, 13) for k in range(1, 6)]
    parts = ['<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>']
    size = 0
    while size < xml_bytes:
        p = f"<w:p><w:r><w:t>{rnd.choice(sents)}{rnd.choice(sents)}</w:t></w:r></w:p>"
        parts.append(p)
        size += len(p.encode())
    parts.append("</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "".join(parts))
    return buf.getvalue()


def large_inputs(rnd):
    """Large inputs for the memory bound: (name, bytes)."""
    text = open(os.path.join(ROOT, "corpus/docs/000.txt"), encoding="utf-8").read()
    gb = text.encode("gb18030")
    return [
        ("10 MB GB18030 text", gb * (10_000_000 // len(gb))),
        ("docx, 45 MB of XML", docx_of(45_000_000, rnd)),
        ("docx, 60 MB of XML", docx_of(60_000_000, rnd)),
        ("docx, 300 MB of XML", docx_of(300_000_000, rnd)),
    ]


def mutate(data, rnd):
    """A damaged copy and how many places were damaged."""
    b = bytearray(data)
    n = 1 + rnd.randrange(3)
    for _ in range(n):
        op = rnd.randrange(4)
        i = rnd.randrange(len(b))
        if op == 0:
            del b[i]
        elif op == 1:
            b[i] ^= 1 + rnd.randrange(255)
        elif op == 2:
            b.insert(i, rnd.randrange(256))
        else:
            del b[len(b) - 1 - rnd.randrange(min(6, len(b) - 1)):]
    return bytes(b), n


def run(binary, path, timeout):
    cmd = ["/usr/bin/time", "-f", "%M", binary, "parse", path]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, b"", "", 0
    err = p.stderr.decode("utf-8", "replace")
    lines = [l for l in err.strip().splitlines() if not l.startswith("Command exited with")]
    rss = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return p.returncode, p.stdout, "\n".join(lines[:-1]), rss


def silent(doc, encoding):
    """Why a parsed text mutant is a silent re-encoding, or None."""
    src = doc["source"]
    if src.get("encoding") != encoding:
        return f"read as {src.get('encoding')}, not {encoding}"
    return None


def text_differs(binary, path, original, damages, timeout):
    p = subprocess.run([binary, "text", path], capture_output=True, timeout=timeout)
    got = p.stdout.decode("utf-8", "replace")
    sm = difflib.SequenceMatcher(None, original, got, autojunk=False)
    lost = sum(max(a2 - a1, b2 - b1) for op, a1, a2, b1, b2 in sm.get_opcodes() if op != "equal")
    # Each damage may cost the characters around it (2 either side), and a cut the last ones.
    return lost > damages * 6 + 6, lost


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mutants", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/gongwen"))
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    base = originals()
    tmp = tempfile.mkdtemp(prefix="gongwen-reliability-")
    _, _, _, baseline = run(a.bin, os.path.join(ROOT, "corpus/docs/000.txt"), a.timeout)
    counts = {"panic": 0, "hang": 0, "stray_exit": 0, "silent": 0, "parsed": 0, "refused": 0}
    by_kind = {}
    worst = (0.0, "", 0, 0)
    peak = 0
    for k in range(a.mutants):
        kind, data, original, encoding = base[k % len(base)]
        mutant, damages = mutate(data, rnd)
        path = os.path.join(tmp, f"m{k}")
        with open(path, "wb") as f:
            f.write(mutant)
        rc, out, err, rss = run(a.bin, path, a.timeout)
        stats = by_kind.setdefault(kind, [0, 0])
        stats[0] += 1
        peak = max(peak, rss)
        share = rss * 1024 / (30 * len(mutant) + 100 * 2**20)
        if share > worst[0]:
            worst = (share, kind, len(mutant), rss)
        if rc is None:
            counts["hang"] += 1
            print(f"HANG m{k} ({kind})")
        elif rc == 101 or "panicked" in err:
            counts["panic"] += 1
            print(f"PANIC m{k} ({kind}): {err[:200]}")
        elif rc not in (0, 1):
            counts["stray_exit"] += 1
            print(f"EXIT {rc} m{k} ({kind}): {err[:200]}")
        elif rc == 1:
            counts["refused"] += 1
        else:
            counts["parsed"] += 1
            stats[1] += 1
            if original is not None:
                doc = json.loads(out)
                why = silent(doc, encoding)
                warned = {w["code"] for w in doc.get("warnings", [])} & {"encoding_errors", "damaged"}
                differs, lost = text_differs(a.bin, path, original, damages, a.timeout)
                if why is None and differs and not warned:
                    why = f"{lost} characters differ without a warning"
                if why:
                    counts["silent"] += 1
                    print(f"SILENT m{k} ({kind}, {damages} damages): {why}")
        if k != a.mutants - 1:
            os.remove(path)
    for name, data in large_inputs(rnd):
        path = os.path.join(tmp, "large")
        with open(path, "wb") as f:
            f.write(data)
        rc, _, err, rss = run(a.bin, path, a.timeout)
        share = rss * 1024 / (30 * len(data) + 100 * 2**20)
        worst = max(worst, (share, name, len(data), rss))
        peak = max(peak, rss)
        outcome = "parsed" if rc == 0 else f"exit {rc}: {err.splitlines()[-1][:120] if err else ''}"
        print(f"{name} ({len(data) / 1e6:.1f} MB): {outcome}; peak RSS {rss / 1024:.1f} MB = {share:.2f} of 30 x input + 100 MB")
        os.remove(path)
    print(f"{a.mutants} mutants of {len(base)} inputs (seed {a.seed}): "
          + ", ".join(f"{v} {k}" for k, v in counts.items()))
    print("parsed per kind: " + ", ".join(f"{k} {v[1]}/{v[0]}" for k, v in sorted(by_kind.items())))
    print(f"peak RSS {peak / 1024:.1f} MB (a corpus text alone: {baseline / 1024:.1f} MB); largest share of "
          f"30 x input + 100 MB: {worst[0]:.3f} ({worst[1]}, {worst[2]} bytes, {worst[3] / 1024:.1f} MB)")
    bad = counts["panic"] + counts["hang"] + counts["stray_exit"] + counts["silent"] + (worst[0] > 1)
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
