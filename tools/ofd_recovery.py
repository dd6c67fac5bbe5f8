#!/usr/bin/env python3
"""How much of an OFD package's text `gongwen text` recovers (issue 12's OFD criterion).

For each .ofd file: the characters of its TextCode elements (whitespace left out) as a multiset,
and the share of them that `gongwen text` prints (also as a multiset: reading order is judged
elsewhere). Two counts:
  all    every TextCode of every XML file of the package, as the issue words it;
  drawn  only what a viewer draws: the pages Document.xml lists, the template pages they use, the
         composite graphic units they (and those) place, their annotations. Test packages often
         keep pages, templates or units that nothing draws (a 5-page invoice cut to 1 page keeps
         its 5 templates); no viewer shows those, so no reader should print them.
This is an independent reading of the package structure (ElementTree, not gongwen's code). A file
whose TextCode elements hold fewer than 20 characters is reported but not counted; a file gongwen
refuses counts as 0.

usage: tools/ofd_recovery.py GONGWEN [DIR] [--tsv OUT]   (DIR defaults to ../shared/fixtures/ofd)
"""
import collections
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path


def textcode_chars(path):
    """The non-space characters of every TextCode element of the package."""
    chars = collections.Counter()
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.lower().endswith(".xml"):
                continue
            try:
                root = ET.fromstring(z.read(name))
            except ET.ParseError:
                continue
            for el in root.iter():
                if el.tag.rsplit("}", 1)[-1] == "TextCode" and el.text:
                    chars.update(c for c in el.text if not c.isspace())
    return chars


def local(tag):
    return tag.rsplit("}", 1)[-1]


def resolve(folder, target):
    target = target.strip().replace("\\", "/")
    parts = [] if target.startswith("/") else [p for p in folder.split("/") if p]
    for seg in target.split("/"):
        if seg in ("", "."):
            continue
        if seg == "..":
            parts and parts.pop()
        else:
            parts.append(seg)
    return "/".join(parts)


def drawn_chars(path):
    """The non-space characters of the TextCode elements that the first document draws."""
    chars = collections.Counter()
    with zipfile.ZipFile(path) as z:
        names = {n.lstrip("/").lower(): n for n in z.namelist()}

        def xml(name):
            n = names.get(name.lower())
            if n is None:
                return None
            try:
                return ET.fromstring(z.read(n))
            except ET.ParseError:
                return None

        ofd = xml("OFD.xml")
        roots = [el.text for el in ofd.iter() if local(el.tag) == "DocRoot"] if ofd is not None else []
        if not roots:
            return chars
        root_path = resolve("", roots[0])
        doc_dir = root_path.rsplit("/", 1)[0] if "/" in root_path else ""
        doc = xml(root_path)
        if doc is None:
            return chars
        units = {}
        templates = {}
        res_files = [resolve(doc_dir, el.text) for el in doc.iter() if local(el.tag) in ("PublicRes", "DocumentRes") and el.text]
        for el in doc.iter():
            if local(el.tag) == "TemplatePage":
                templates[el.get("ID")] = resolve(doc_dir, el.get("BaseLoc", ""))
        pages = [(el.get("ID"), resolve(doc_dir, el.get("BaseLoc", ""))) for el in doc.iter() if local(el.tag) == "Page" and el.get("BaseLoc")]
        notes = {}
        ann = [el.text for el in doc.iter() if local(el.tag) == "Annotations" and el.text]
        if ann:
            ann_path = resolve(doc_dir, ann[0])
            a = xml(ann_path)
            ann_dir = ann_path.rsplit("/", 1)[0] if "/" in ann_path else ""
            if a is not None:
                for p in a.iter():
                    if local(p.tag) == "Page":
                        for loc in p.iter():
                            if local(loc.tag) == "FileLoc" and loc.text:
                                notes.setdefault(p.get("PageID"), []).append(resolve(ann_dir, loc.text))

        def load_units(res_path):
            r = xml(res_path)
            if r is None:
                return
            for u in r.iter():
                if local(u.tag) == "CompositeGraphicUnit":
                    units[u.get("ID")] = u

        for f in res_files:
            load_units(f)

        def count(el, depth=0):
            for e in el.iter():
                t = local(e.tag)
                if t == "TextCode" and e.text:
                    chars.update(c for c in e.text if not c.isspace())
                elif t == "CompositeObject" and depth < 8 and e.get("ResourceID") in units:
                    count(units[e.get("ResourceID")], depth + 1)

        for pid, ppath in pages:
            page = xml(ppath)
            if page is None:
                continue
            pdir = ppath.rsplit("/", 1)[0]
            for e in page.iter():
                if local(e.tag) == "PageRes" and e.text:
                    load_units(resolve(pdir, e.text))
            for e in page.iter():
                if local(e.tag) == "Template" and e.get("TemplateID") in templates:
                    t = xml(templates[e.get("TemplateID")])
                    if t is not None:
                        count(t)
            count(page)
            for n in notes.get(pid, []):
                a = xml(n)
                if a is not None:
                    count(a)
    return chars


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    tsv = sys.argv[sys.argv.index("--tsv") + 1] if "--tsv" in sys.argv else None
    if tsv:
        args.remove(tsv)
    gongwen = args[0]
    folder = Path(args[1] if len(args) > 1 else Path(__file__).resolve().parents[1] / "../shared/fixtures/ofd")
    rows = []
    for f in sorted(folder.glob("*.ofd")):
        p = subprocess.run([gongwen, "text", str(f)], capture_output=True, text=True, timeout=60)
        got = collections.Counter(c for c in p.stdout if not c.isspace())
        status = "ok" if p.returncode == 0 else p.stderr.strip().split(": ", 2)[-1]
        row = [f.name]
        for want in (textcode_chars(f), drawn_chars(f)):
            total = sum(want.values())
            kept = sum(min(n, got[c]) for c, n in want.items())
            row += [total, kept / total if total else 1.0]
        rows.append(row + [status])
    out = ["file\tall_chars\tall_share\tdrawn_chars\tdrawn_share\tstatus"]
    out += [f"{n}\t{t}\t{s:.4f}\t{dt}\t{ds:.4f}\t{st}" for n, t, s, dt, ds, st in rows]
    if tsv:
        Path(tsv).write_text("\n".join(out) + "\n")
    else:
        print("\n".join(out))
    for name, col in (("all", 1), ("drawn", 3)):
        counted = [r for r in rows if r[col] >= 20]
        good = [r for r in counted if r[col + 1] >= 0.97]
        print(f"{name}: {len(good)}/{len(counted)} files with >= 20 TextCode characters recover >= 97% "
              f"({100 * len(good) / max(len(counted), 1):.1f}%)", file=sys.stderr)


if __name__ == "__main__":
    main()
