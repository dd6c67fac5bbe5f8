#!/usr/bin/env python3
"""Compare `gongwen text` on the .doc files of a folder with antiword and catdoc.

Usage: tools/doc_agreement.py [--bin target/release/gongwen] [--dir /work/shared/fixtures/poi-word]
                              [--table docs/doc-agreement.md] [--diff NAME ...] [--cache DIR]

Both sides are whitespace-normalised (all whitespace and antiword's `|` table borders removed)
before comparing. Each file is classified:

  equal          ours == antiword or ours == catdoc
  clean-failure  gongwen exits 1 with a message, and neither reference prints any text
                 (encrypted files, fuzz files that are not a readable Word document)
  documented     differs, for a reason given in the table of docs/doc-agreement.md; the table
                 also records the similarity measured then, and the file only counts as
                 documented while it is no lower (so a regression shows as unexplained)
  unexplained    anything else

References are cached (antiword/catdoc are deterministic) in --cache, keyed by size and mtime.
Exit status 1 when some file is unexplained or gongwen exits with a status other than 0 or 1.
"""
import argparse, difflib, glob, hashlib, json, os, re, subprocess, sys

def norm(s):
    return ''.join(c for c in s if not c.isspace() and c != '|')

def run(cmd, timeout=30):
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return -9, '', 'timeout'
    return r.returncode, r.stdout.decode('utf-8', 'replace'), r.stderr.decode('utf-8', 'replace')

def refs(path, cache):
    st = os.stat(path)
    key = hashlib.sha1(f"{os.path.abspath(path)}:{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()
    cf = os.path.join(cache, key + '.json')
    if os.path.exists(cf):
        with open(cf) as fh:
            return json.load(fh)
    out = {}
    for name, cmd in (('antiword', ['antiword', '-w', '0', '-m', 'UTF-8.txt', path]),
                      ('catdoc', ['catdoc', '-w', '-d', 'utf-8', path])):
        rc, so, _ = run(cmd)
        out[name] = so if rc == 0 else ''
    os.makedirs(cache, exist_ok=True)
    with open(cf, 'w') as fh:
        json.dump(out, fh)
    return out

def ratio(a, b):
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    big = len(a) + len(b) > 60000
    return difflib.SequenceMatcher(None, a, b, autojunk=big).ratio()

def read_table(path):
    """file -> (reason id, recorded similarity) from the markdown table rows
    `| file | reason | similarity |` under the heading 'Per file'."""
    rows = {}
    if not os.path.exists(path):
        return rows
    in_table = False
    for line in open(path, encoding='utf-8'):
        if line.startswith('## '):
            in_table = line.strip().lower().startswith('## per file')
            continue
        if not in_table or not line.startswith('|'):
            continue
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if len(cells) < 3 or cells[0] in ('file', '') or set(cells[0]) <= set('-: '):
            continue
        name = cells[0].strip('`')
        try:
            sim = float(cells[2])
        except ValueError:
            continue
        rows[name] = (cells[1], sim)
    return rows

def show_diff(name, ours, ref, refname):
    print(f"=== {name}: ours vs {refname}")
    sm = difflib.SequenceMatcher(None, ours, ref, autojunk=len(ours) + len(ref) > 60000)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == 'equal':
            continue
        a, b = ours[i1:i2], ref[j1:j2]
        ctx = ours[max(0, i1 - 20):i1]
        print(f"  {op:7} after …{ctx!r}: ours={a[:200]!r} ref={b[:200]!r}")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default='target/release/gongwen')
    ap.add_argument('--dir', default='/work/shared/fixtures/poi-word')
    ap.add_argument('--table', default=os.path.join(os.path.dirname(__file__), '..', 'docs', 'doc-agreement.md'))
    ap.add_argument('--cache', default=os.path.join('/tmp', 'doc-agreement-cache'))
    ap.add_argument('--diff', nargs='*', help='print the differences for these files')
    ap.add_argument('--lo', help='also compare with NAME.txt in this folder, a third opinion '
                    '(soffice --headless --convert-to "txt:Text (encoded):UTF8"); not used to classify')
    ap.add_argument('--all', action='store_true', help='list every file, not only those not equal')
    args = ap.parse_args()

    files = sorted(glob.glob(os.path.join(args.dir, '*.doc')))
    if args.diff:
        files = [f for f in files if os.path.basename(f) in args.diff]
    table = read_table(args.table)
    counts = {'equal': 0, 'clean-failure': 0, 'documented': 0, 'unexplained': 0}
    rows, bad_exit = [], []
    for f in files:
        name = os.path.basename(f)
        rc, so, se = run([args.bin, 'text', f])
        if rc not in (0, 1):
            bad_exit.append((name, rc))
        r = refs(f, args.cache)
        ours = norm(so) if rc == 0 else ''
        best, best_ref = 0.0, 'antiword'
        for refname in ('antiword', 'catdoc') if rc == 0 else ():
            sim = ratio(ours, norm(r[refname]))
            if sim > best or (sim == best and refname == 'antiword'):
                best, best_ref = sim, refname
            if sim == 1.0:
                break
        refs_empty = not norm(r['antiword']) and not norm(r['catdoc'])
        if best == 1.0 and rc == 0:
            cls, why = 'equal', ''
        elif rc == 1 and se.strip() and refs_empty:
            cls, why = 'clean-failure', se.strip().splitlines()[-1]
        elif name in table and best >= table[name][1] - 0.0005:
            cls, why = 'documented', table[name][0]
        else:
            cls = 'unexplained'
            why = (se.strip().splitlines() or [''])[-1] if rc else ''
            if name in table:
                why = f"similarity {best:.3f} below the recorded {table[name][1]:.3f}"
        counts[cls] += 1
        lo = os.path.join(args.lo or '', os.path.splitext(name)[0] + '.txt')
        if args.lo and cls != 'equal' and os.path.exists(lo):
            lo_sim = ratio(ours, norm(open(lo, encoding='utf-8-sig').read()))
            why = f"[LibreOffice {lo_sim:.4f}] " + why
        rows.append((cls, best, name, best_ref, why))
        if args.diff is not None:
            for refname in ('antiword', 'catdoc'):
                show_diff(name, ours, norm(r[refname]), refname)
            lo = os.path.join(args.lo or '', os.path.splitext(name)[0] + '.txt')
            if args.lo and os.path.exists(lo):
                show_diff(name, ours, norm(open(lo, encoding='utf-8-sig').read()), 'LibreOffice')
    order = {'unexplained': 0, 'documented': 1, 'clean-failure': 2, 'equal': 3}
    for cls, best, name, best_ref, why in sorted(rows, key=lambda x: (order[x[0]], x[1], x[2])):
        if cls != 'equal' or args.all:
            print(f"{cls:13} {best:.4f} {name} (closest: {best_ref}) {why}")
    print(f"{len(files)} files: " + ', '.join(f"{v} {k}" for k, v in counts.items()))
    for name, rc in bad_exit:
        print(f"BAD EXIT {rc}: {name}")
    sys.exit(1 if counts['unexplained'] or bad_exit else 0)

if __name__ == '__main__':
    main()
