#!/usr/bin/env python3
"""PDF twins of the OFD text documents, for `cargo bench --bench ofd` (issue 12: "OFD at least as fast
per page as PDF"): each OFD page set again by reportlab, line for line, so that the two formats are
timed on the same pages, holding the same characters.

  tests/fixtures/pdf/ofd-twins/NAME.pdf   for ../shared/fixtures/ofd/NAME.ofd

What the OFD reader draws (examples/layout_dump: every glyph's text, left edge, baseline and size)
is grouped into runs, glyphs that follow each other on one baseline at one size; each run is set
with reportlab's drawString at its first glyph's place, on a page of the OFD page's size: in an
embedded TrueType CJK font (WenQuanYi Micro Hei, subset by reportlab) when the OFD embeds its
font (sign__doc1File: a PDF of the same document would carry its font too), else in the
non-embedded CID font STSong-Light (UniGB-UCS2-H) as the OFD names a system font, with
the character spacing that makes it as wide as in the OFD (a justified line). A run is the
writer's own unit (a line of a 公文 is one string), so the PDF holds what a PDF of these pages
holds: one string a line, not the OFD's deltas a character. The twins read to the same text as
their OFD (tests/ofd.rs checks it).

usage: tools/make_ofd_twins.py [NAME ...]   (default: the four text documents of the bench)
needs: python3 with reportlab, fonts-wqy-microhei; cargo (builds the example). The tests and the bench need neither.
"""
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[1]
OFD = ROOT.parent / "shared" / "fixtures" / "ofd"
OUT = ROOT / "tests" / "fixtures" / "pdf" / "ofd-twins"
TEXT_DOCUMENTS = ["converter__n", "crypto__hello", "layout__SplitParagraph", "sign__doc1File"]
FONT = "STSong-Light"
EMBEDDED = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

PAGE = re.compile(r"^page (\d+) ([\d.]+)x([\d.]+) ")
GLYPH = re.compile(r'^  "(.*)" x ([-\d.]+)-([-\d.]+) base ([-\d.]+) size ([\d.]+) rot (\d+)$')


def drawn(name):
    """[(width, height, [(text, x0, x1, baseline, size)])] a page, from layout_dump."""
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "--example", "layout_dump", "--", str(OFD / f"{name}.ofd")],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout
    pages = []
    for line in out.splitlines():
        if m := PAGE.match(line):
            pages.append((float(m[2]), float(m[3]), []))
        elif m := GLYPH.match(line):
            pages[-1][2].append((unescape(m[1]), float(m[2]), float(m[3]), float(m[4]), float(m[5])))
    return pages


def unescape(debug):
    """A string as Rust's Debug prints it (\\u{..}, \\n, \\", …), unquoted."""
    simple = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}
    return re.sub(r"\\(u\{([0-9a-f]+)\}|.)",
                  lambda m: chr(int(m[2], 16)) if m[2] else simple.get(m[1], m[1]), debug)


def runs(glyphs):
    """Glyphs that follow each other on one baseline at one size, with the run's first glyph."""
    run = []
    for g in glyphs:
        if run:
            last = run[-1]
            if abs(g[3] - last[3]) > 0.5 or abs(g[4] - last[4]) > 0.1 or not (-0.2 * g[4] < g[1] - last[2] < g[4]):
                yield run
                run = []
        run.append(g)
    if run:
        yield run


def font_of(name):
    """The font the twin is set in: where the OFD embeds its font, a TrueType CJK font embedded
    (reportlab subsets it, as PDF writers embed the subset a document uses); else the standard
    CID font, not embedded, as the OFD names a system font. (The OFD's own font cannot serve:
    sign__doc1File's SimSun subset is glyph-indexed, with no cmap or name table.)"""
    with zipfile.ZipFile(OFD / f"{name}.ofd") as z:
        if not any(n.lower().endswith((".ttf", ".otf")) for n in z.namelist()):
            return FONT
    if "embedded" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("embedded", EMBEDDED, subfontIndex=0))
    return "embedded"


def twin(name):
    pages = drawn(name)
    font = font_of(name)
    OUT.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(OUT / f"{name}.pdf"), invariant=1)
    for width, height, glyphs in pages:
        c.setPageSize((width, height))
        for run in runs(glyphs):
            text = "".join(g[0] for g in run)
            if text.strip():
                size = run[0][4]
                # Character spacing (Tc) stretches the run to the OFD's width: a justified line
                # stays as wide as the text block, so the layout reads it as the OFD's.
                natural = pdfmetrics.stringWidth(text, font, size)
                spacing = (run[-1][2] - run[0][1] - natural) / len(text)
                c.setFont(font, size)
                c.drawString(run[0][1], height - run[0][3], text, charSpace=round(spacing, 3))
        c.showPage()
    c.save()
    print(f"{name}: {len(pages)} pages, {sum(len(p[2]) for p in pages)} glyphs, font {font}")


def main():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    for name in sys.argv[1:] or TEXT_DOCUMENTS:
        twin(name)


if __name__ == "__main__":
    main()
