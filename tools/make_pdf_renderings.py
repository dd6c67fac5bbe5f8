#!/usr/bin/env python3
"""PDF renderings of every corpus document by three real writers, for tests/renderings.rs (each
must score as its .txt) and the PDF reader's tests:

  corpus/renderings/pdf-lo/NNN.pdf         LibreOffice (soffice --convert-to pdf) of the .docx
                                            rendering (corpus/renderings/docx, one paragraph a line)
                                            with a centred "— N —" page-number footer added by
                                            python-docx. Documents with task tables flattened one cell
                                            a line (TABLES below) are rebuilt with python-docx as real
                                            ruled Word tables (merged cells, a header row repeated on
                                            every page) before LibreOffice prints them; the short
                                            ones (146, 147) on a small page, so that they too run
                                            over pages, rows broken by the page included.
  corpus/renderings/pdf-chromium/NNN.pdf   Chromium printing the HTML rendering (corpus/renderings/
                                            html) with --no-pdf-header-footer; the documents in
                                            CHROME_HEADERS with Chromium's own header (date, title)
                                            and footer (file URL, page N/M), as real printouts carry.
  corpus/renderings/pdf-reportlab/NNN.pdf  reportlab set as a 公文 (GB/T 9704): A4, a 156 x 225 mm
                                            text block, the non-embedded CID font STSong-Light
                                            (UniGB-UCS2-H, no ToUnicode), title lines centred at
                                            22 pt, body 16 pt indented two characters on a 28.9 pt
                                            pitch, signature and date set right, "— N —" page
                                            numbers at the outer edge; TABLES as ruled tables with
                                            the header row repeated.

usage: tools/make_pdf_renderings.py [--only lo,chromium,reportlab] [--all | NNN ...]
  NNN ...  these documents only; none: each writer's documents that have no rendering by it yet
  (the committed ones stay byte-identical: the writers stamp dates in their files); --all: every
  document again.
needs: soffice (libreoffice-writer-nogui), chromium, python3 with reportlab and python-docx,
       fonts-noto-cjk (LibreOffice's and Chromium's CJK font). The tests need none of these.
"""
import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
OUT = CORPUS / "renderings"

# Flattened task tables (one cell a line in the .txt) rebuilt as real tables: the line that opens
# the header, the number of columns, whether rows start with a running 序号, and the line that
# ends the table (the next attachment label).
# A header whose labels wrap in the text ("责任" / "领导") gives its cells' lines as "labels"; "strip"
# is a cell separator the flattened text ends cells with ("80 |"); "until" None runs to the end.
# "page" (width, height in mm) sets a small page, so that a short table runs over two pages and
# repeats its header row there, as long task tables do on A4.
TABLES = {
    "037": [
        {"header": "序号", "after": "附件1", "cols": 6, "numbered": True, "until": "附件2"},
        {"header": "街镇、园区", "after": "附件2", "cols": 2, "numbered": False, "until": "附件3"},
    ],
    "146": [
        {"header": "序号 |", "after": "附件", "cols": 5, "numbered": False, "until": None, "strip": " |",
         "page": (148, 105)},
    ],
    "147": [
        {"header": "序号", "after": "泗洲头镇2024年度重点工作计划二季度执行情况", "cols": 7, "numbered": False,
         "until": None, "page": (148, 105),
         "labels": [["序号"], ["重点工作"], ["责任", "领导"], ["责任", "科室"], ["攻坚目标", "任务"], ["工作任务安排"],
                    ["第二季度", "完成情况"]]},
    ],
}
# Chromium's own header and footer on these (documents of three pages and more, so that the
# header repeats on every page as running furniture does).
CHROME_HEADERS = {"004", "015", "037"}


def lines_of(name):
    return (CORPUS / "docs" / f"{name}.txt").read_text(encoding="utf-8").split("\n")


# ---------------------------------------------------------------- tables in the flattened text

def split_tables(name, lines):
    """The document as blocks: ("p", line) for a paragraph, ("t", header, rows) for a table, each
    row a list of cells, each cell a list of paragraphs or None for a cell merged from above."""
    specs = TABLES.get(name, [])
    stripped = [l.strip() for l in lines]
    blocks = []
    i = 0
    for spec in specs:
        after = stripped.index(spec["after"], i)
        h = stripped.index(spec["header"], after)
        end = stripped.index(spec["until"], h) if spec["until"] else len(lines)
        blocks += [("p", l) for l in lines[i:h]]
        strip = spec.get("strip", "")
        cells = [l.removesuffix(strip).strip() if strip else l for l in stripped[h:end] if l]
        labels = spec.get("labels") or [[c] for c in cells[: spec["cols"]]]
        header, body = ["\n".join(c) for c in labels], cells[sum(len(c) for c in labels):]
        blocks.append(("t", header, table_rows(body, spec)))
        i = end
    blocks += [("p", l) for l in lines[i:]]
    return blocks


UNIT_END = ("局", "委", "办", "室", "院", "会", "中心", "部", "处", "所", "队", "站", "镇", "街道", "（园区）",
            "机构", "单位", "公司", "政府", "联", "团", "社", "、", "）")


def unit_like(c):
    return len(c) <= 120 and not re.search(r"[，。；：]", c) and c.endswith(UNIT_END)


def task_row(r, n):
    """A six-column task row (序号, 任务名称, 任务内容, 牵头部门, 配合部门, 时间节点) from its cell
    lines, read as the flattened text is: the date last; before it the run of unit cells, the first
    the lead and the rest the supporting units (one cell, a paragraph each); before them the content
    and, when there is one more cell, the task group's name (else merged from the row above)."""
    no, rest, date = r[0], r[1:-1], r[-1]
    k = len(rest)
    while k > 0 and unit_like(rest[k - 1]):
        k -= 1
    units = rest[k:]
    head = rest[:k]
    if not units:
        sys.exit(f"a task row without units: {r}")
    # More units than the two columns hold: the rest support.
    lead, support = units[0], units[1:] or [""]
    if len(head) == 0:
        head = [rest[k - 1]] if k else [""]
    name = None if len(head) == 1 else [head[0]]
    content = head[-1:] if len(head) <= 2 else ["".join(head[1:])]
    return [[no], name, content, [lead], support, [date]][:n]


def table_rows(cells, spec):
    """Rows from the cell lines: a numbered table starts a row at the next number; an unnumbered
    one has a fixed number of cells a row."""
    n = spec["cols"]
    if not spec["numbered"]:
        return [[[c] for c in cells[k:k + n]] for k in range(0, len(cells), n)]
    raw = []
    expect = 1
    for c in cells:
        if c == str(expect):
            raw.append([c])
            expect += 1
        else:
            raw[-1].append(c)
    return [task_row(r, n) for r in raw]


# ---------------------------------------------------------------- LibreOffice

def add_page_footer(doc):
    """A centred "— N —" footer (a PAGE field) on every section."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for section in doc.sections:
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run("— ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        field.append(r)
        p._p.append(field)
        p.add_run(" —")


def cjk_font(doc, name="Noto Serif CJK SC"):
    from docx.oxml.ns import qn

    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        from docx.oxml import OxmlElement

        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def word_table(doc, header, rows):
    """A ruled Word table: the header row repeated on each page, merged cells as vMerge."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    t = doc.add_table(rows=1 + len(rows), cols=len(header))
    t.style = "Table Grid"
    trpr = t.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for c, text in enumerate(header):
        t.cell(0, c).text = text
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            target = t.cell(r, c)
            # A cell merged from above spans down over the rows whose cell is None.
            below = r
            while below + 1 <= len(rows) and rows[below][c] is None:
                below += 1
            if below > r:
                target = target.merge(t.cell(below, c))
            target.paragraphs[0].text = cell[0]
            for extra in cell[1:]:
                target.add_paragraph(extra)
    return t


def small_page(doc, specs):
    """The page size a spec asks for, with 12 mm margins."""
    from docx.shared import Mm

    size = next((s["page"] for s in specs if "page" in s), None)
    if size is None:
        return
    for section in doc.sections:
        section.page_width, section.page_height = Mm(size[0]), Mm(size[1])
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(12))


def lo_sources(names, tmp):
    """The .docx files LibreOffice prints: the corpus renderings with a footer, or a python-docx
    document with real tables."""
    import docx

    out = []
    for name in names:
        if name in TABLES:
            d = docx.Document()
            cjk_font(d)
            small_page(d, TABLES[name])
            for b in split_tables(name, lines_of(name)):
                if b[0] == "p":
                    d.add_paragraph(b[1])
                else:
                    word_table(d, b[1], b[2])
        else:
            src = OUT / "docx" / f"{name}.docx"
            if not src.exists():
                continue
            d = docx.Document(str(src))
        add_page_footer(d)
        path = tmp / f"{name}.docx"
        d.save(str(path))
        out.append(path)
    return out


def render_lo(names):
    dest = OUT / "pdf-lo"
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        srcs = lo_sources(names, tmp)
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "pdf", "--outdir", str(dest)] + [str(s) for s in srcs],
                       check=True, capture_output=True)


# ---------------------------------------------------------------- Chromium

def render_chromium(names):
    dest = OUT / "pdf-chromium"
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as t:
        for name in names:
            src = OUT / "html" / f"{name}.html"
            if not src.exists():
                continue
            args = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={t}",
                    f"--print-to-pdf={dest / (name + '.pdf')}"]
            if name not in CHROME_HEADERS:
                args.append("--no-pdf-header-footer")
            subprocess.run(args + [src.as_uri()], check=True, capture_output=True, timeout=120)


# ---------------------------------------------------------------- reportlab, set as a 公文

DATE = re.compile(r"^\d{4}年\d{1,2}月(\d{1,2}日)?$")
MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[.、．]|第[一二三四五六七八九十\d]+[条章])")
TITLE_END = ("通知", "方案", "要点", "意见", "计划", "办法", "规划", "细则", "清单", "分解表", "决定", "批复", "报告")


def kinds(lines):
    """How each line of the .txt is set: centred (title lines and the head before the first
    sentence), right (signature and date), flush (主送, 附件 labels) or body (indented)."""
    text = [l.strip() for l in lines]
    first_body = next((i for i, l in enumerate(text) if l.endswith("。") or len(l) > 40), len(text))
    out = []
    for i, l in enumerate(text):
        nxt = next((x for x in text[i + 1:] if x), "")
        plain = not re.search(r"[。；，,;]", l) and len(l) <= 40 and not MARKER.match(l)
        if not l:
            out.append("blank")
        elif DATE.match(l):
            out.append("right")
        elif plain and DATE.match(nxt) and i > first_body:
            out.append("right")
        elif l.endswith("：") and i <= first_body + 1 and not MARKER.match(l) and len(l) <= 80:
            out.append("flush")
        elif re.match(r"^附件\s*\d*$", l):
            out.append("flush")
        elif plain and (i < first_body or l.endswith(TITLE_END)):
            out.append("centre")
        else:
            out.append("body")
    return out


def render_reportlab(names):
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    from xml.sax.saxutils import escape

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=16, leading=28.9, firstLineIndent=32,
                          alignment=TA_JUSTIFY, wordWrap="CJK")
    styles = {
        "body": body,
        "flush": ParagraphStyle("flush", parent=body, firstLineIndent=0),
        "centre": ParagraphStyle("centre", parent=body, fontSize=22, leading=34, firstLineIndent=0,
                                 alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=body, firstLineIndent=0, alignment=TA_RIGHT, rightIndent=64),
        "cell": ParagraphStyle("cell", fontName="STSong-Light", fontSize=10.5, leading=14, wordWrap="CJK",
                               alignment=TA_LEFT),
    }

    def page_number(canvas, doc):
        n = canvas.getPageNumber()
        canvas.setFont("STSong-Light", 14)
        label = f"— {n} —"
        if n % 2:
            canvas.drawRightString(A4[0] - 26 * mm - 14, 25 * mm, label)
        else:
            canvas.drawString(28 * mm + 14, 25 * mm, label)

    dest = OUT / "pdf-reportlab"
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        story = []
        for b in split_tables(name, lines_of(name)):
            if b[0] == "t":
                story.append(rl_table(b[1], b[2], styles["cell"], Paragraph, Table, TableStyle, escape, mm))
                continue
            # Paragraph kinds are decided on the whole text; blank lines are not set.
            story.append(b)
        lines = [b[1] for b in story if isinstance(b, tuple)]
        k = iter(kinds(lines))
        flow = []
        for b in story:
            if not isinstance(b, tuple):
                flow.append(b)
                continue
            kind = next(k)
            if kind != "blank":
                flow.append(Paragraph(escape(b[1].strip()), styles[kind]))
        doc = SimpleDocTemplate(str(dest / f"{name}.pdf"), pagesize=A4, topMargin=37 * mm, bottomMargin=35 * mm,
                                leftMargin=28 * mm, rightMargin=26 * mm, title=name, author="gongwen corpus")
        doc.build(flow, onFirstPage=page_number, onLaterPages=page_number)


def rl_table(header, rows, style, Paragraph, Table, TableStyle, escape, mm):
    """A ruled table whose merged cells are drawn as Word draws them: no border between the rows a
    cell spans (reportlab's SPAN cannot be split across pages, and a task group spans many)."""
    n = len(header)
    widths = {6: [12, 24, 56, 22, 24, 18], 2: [36, 120]}.get(n, [156 / n] * n)
    # A header label printed over two lines in the text ("责任" / "领导") keeps its break, as the
    # body cells' paragraphs do.
    data = [[Paragraph("<br/>".join(escape(x) for x in h.split("\n")), style) for h in header]]
    rules = [("BOX", (0, 0), (-1, -1), 0.5, "black"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
             ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for c in range(1, n):
        rules.append(("LINEBEFORE", (c, 0), (c, -1), 0.5, "black"))
    for r, row in enumerate(rows, start=1):
        data.append([Paragraph("<br/>".join(escape(p) for p in cell), style) if cell else "" for cell in row])
        if r == len(rows):
            continue
        for c in range(n):
            if rows[r][c] is not None:  # the next row's cell is its own: a border between them
                rules.append(("LINEBELOW", (c, r), (c, r), 0.5, "black"))
    t = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    t.setStyle(TableStyle(rules))
    return t


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="lo,chromium,reportlab")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    every = sorted(p.stem for p in (CORPUS / "docs").glob("*.txt"))
    writers = a.only.split(",")
    for writer, render in (("lo", render_lo), ("chromium", render_chromium), ("reportlab", render_reportlab)):
        if writer not in writers:
            continue
        names = a.names or [n for n in every if a.all or not (OUT / f"pdf-{writer}" / f"{n}.pdf").exists()]
        if names:
            render(names)
    for w in ("pdf-lo", "pdf-chromium", "pdf-reportlab"):
        d = OUT / w
        if d.exists():
            print(f"{w}: {len(list(d.glob('*.pdf')))} files")


if __name__ == "__main__":
    main()
