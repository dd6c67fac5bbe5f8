#!/usr/bin/env python3
"""Agreement of a PDF text extractor with poppler's pdftotext on pdf.js's test PDFs (issue 12).

  python3 tools/pdf_agreement.py refs              # remake tests/fixtures/pdf/pdftotext/ (needs pdftotext)
  python3 tools/pdf_agreement.py score CMD...      # score CMD FILE (stdout = text) against the refs

The references are the files where pdftotext prints at least 200 non-space characters (and the 4
Chinese files, whatever their length); each is
pdftotext's text (UTF-8, default options). A file's share is the part of pdftotext's characters,
whitespace removed, that the candidate's text also holds, counted as a multiset (reading order is
judged by the renderings' scores, not here). tests/pdf_agreement.rs computes the same share with
the library, so the tests need neither poppler nor this script.
"""
import collections, os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PDFJS = os.path.join(REPO, "..", "shared", "fixtures", "pdfjs")
if not os.path.isdir(PDFJS):
    PDFJS = "/work/shared/fixtures/pdfjs"
REFS = os.path.join(REPO, "tests", "fixtures", "pdf", "pdftotext")
MIN_CHARS = 200
CHINESE = ["issue16063", "issue12823", "issue15340", "issue19360"]


def chars(text):
    return collections.Counter(c for c in text if not c.isspace())


def share(ref, got):
    r, g = chars(ref), chars(got)
    total = sum(r.values())
    if total == 0:
        return 1.0
    return sum(min(n, g[c]) for c, n in r.items()) / total


def chars_in_ref(stem):
    with open(os.path.join(REFS, stem + ".txt"), encoding="utf-8") as f:
        return sum(1 for c in f.read() if not c.isspace())


def make_refs():
    os.makedirs(REFS, exist_ok=True)
    for old in os.listdir(REFS):
        os.remove(os.path.join(REFS, old))
    kept = 0
    for name in sorted(os.listdir(PDFJS)):
        if not name.endswith(".pdf"):
            continue
        try:
            out = subprocess.run(["pdftotext", "-enc", "UTF-8", os.path.join(PDFJS, name), "-"],
                                 capture_output=True, timeout=60).stdout.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            continue
        if sum(1 for c in out if not c.isspace()) >= MIN_CHARS or name[:-4] in CHINESE:
            with open(os.path.join(REFS, name[:-4] + ".txt"), "w", encoding="utf-8") as f:
                f.write(out)
            kept += 1
    print(f"{kept} references in {REFS}")


def score(cmd):
    rows = []
    for ref_name in sorted(os.listdir(REFS)):
        stem = ref_name[:-4]
        with open(os.path.join(REFS, ref_name), encoding="utf-8") as f:
            ref = f.read()
        t0 = time.time()
        try:
            p = subprocess.run(cmd + [os.path.join(PDFJS, stem + ".pdf")], capture_output=True, timeout=60)
            got, status = p.stdout.decode("utf-8", "replace"), p.returncode
        except subprocess.TimeoutExpired:
            got, status = "", "timeout"
        rows.append((stem, share(ref, got), status, time.time() - t0))
    for stem, s, status, secs in rows:
        print(f"{s:.3f}\t{status}\t{secs:.2f}s\t{stem}")
    big = [r for r in rows if r[0] not in CHINESE or chars_in_ref(r[0]) >= MIN_CHARS]
    good = sum(1 for _, s, _, _ in big if s >= 0.95)
    print(f"share >= 0.95 on {good}/{len(big)} files ({100 * good / len(big):.1f}%)")
    for stem, s, _, _ in rows:
        if stem in CHINESE:
            print(f"chinese {stem}: {s:.3f}")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "refs":
        make_refs()
    elif len(sys.argv) >= 3 and sys.argv[1] == "score":
        score(sys.argv[2:])
    else:
        sys.exit(__doc__)
