#!/usr/bin/env python3
"""Writes the .docx fixtures of tests/docx.rs with python-docx (a real OOXML writer).

python-docx has no numbering API, so the list definitions are added to its numbering part as
Word writes them (w:abstractNum + w:num); everything else is python-docx's own output.

usage: python3 -m venv /tmp/venv && /tmp/venv/bin/pip install python-docx
       /tmp/venv/bin/python tools/make_docx_fixtures.py tests/fixtures/docx
"""
import sys
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W = nsdecls("w")


def lvl(ilvl, fmt, text, start=1, suff=None, restart=None):
    s = f'<w:suff w:val="{suff}"/>' if suff else ""
    r = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{r}{s}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


def add_abstract(doc, aid, levels):
    numbering = doc.part.numbering_part.element
    el = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{aid}">'
                   f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>')
    # abstractNum elements come before every num element (schema order).
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(el)
    else:
        numbering.append(el)


def add_num(doc, num_id, aid, start_override=None):
    over = ""
    if start_override:
        over = "".join(f'<w:lvlOverride w:ilvl="{l}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                       for l, v in start_override.items())
    doc.part.numbering_part.element.append(
        parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{over}</w:num>'))


def num_pr(paragraph, num_id, ilvl=None):
    ppr = paragraph._p.get_or_add_pPr()
    il = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    ppr.insert(0, parse_xml(f'<w:numPr {W}>{il}<w:numId w:val="{num_id}"/></w:numPr>'))


def numbering_doc(out):
    doc = Document()
    # 公文 headings: 一、 （一） 1. （1）, one multi-level list; no tab after the label.
    add_abstract(doc, 90, [
        lvl(0, "chineseCounting", "%1、", suff="nothing"),
        lvl(1, "chineseCounting", "（%2）", suff="nothing"),
        lvl(2, "decimal", "%3.", suff="nothing"),
        lvl(3, "decimal", "（%4）", suff="nothing"),
    ])
    add_num(doc, 90, 90)
    # A second instance of the same list (continues it) and one that restarts level 0 at 1.
    add_num(doc, 91, 90)
    add_num(doc, 92, 90, {0: 1})
    # Other formats, the default tab suffix, a space suffix, w:start, legal-style %1.%2.
    add_abstract(doc, 93, [
        lvl(0, "chineseCountingThousand", "第%1条", start=9, suff="space"),
        lvl(1, "decimal", "%1.%2"),
    ])
    add_num(doc, 93, 93)
    add_abstract(doc, 94, [lvl(0, "decimalEnclosedCircle", "%1", suff="nothing"),
                           lvl(1, "ideographTraditional", "%2、", suff="nothing"),
                           lvl(2, "lowerLetter", "%3)", suff="nothing", restart=0)])
    add_num(doc, 94, 94)
    add_abstract(doc, 95, [lvl(0, "bullet", "\uf0b7")])
    add_num(doc, 95, 95)

    # A heading style that carries the list (level 0), and one based on it that sets level 1:
    # numbering inherited through w:basedOn.
    styles = doc.styles.element
    styles.append(parse_xml(
        f'<w:style {W} w:type="paragraph" w:styleId="GwH1"><w:name w:val="gw heading 1"/>'
        f'<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr></w:pPr></w:style>'))
    styles.append(parse_xml(
        f'<w:style {W} w:type="paragraph" w:styleId="GwH2"><w:name w:val="gw heading 2"/>'
        f'<w:basedOn w:val="GwH1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'))

    doc.add_paragraph("关于印发某某工作方案的通知")
    num_pr(doc.add_paragraph("总体要求"), 90, 0)
    num_pr(doc.add_paragraph("指导思想"), 90, 1)
    num_pr(doc.add_paragraph("工作目标"), 90, 1)
    num_pr(doc.add_paragraph("到2025年，完成改造任务。"), 90, 2)
    num_pr(doc.add_paragraph("建立台账。"), 90, 3)
    num_pr(doc.add_paragraph("按月调度。"), 90, 3)
    num_pr(doc.add_paragraph("加强考核。"), 90, 2)
    doc.add_paragraph("正文段落不编号。")
    p = doc.add_paragraph("重点任务", style="gw heading 1")
    p = doc.add_paragraph("推进改造", style="gw heading 2")
    p = doc.add_paragraph("此段样式带编号但 numId 为 0：不编号。", style="gw heading 1")
    num_pr(p, 0)
    num_pr(doc.add_paragraph("保障措施"), 91, 0)
    num_pr(doc.add_paragraph("附则重新编号"), 92, 0)
    num_pr(doc.add_paragraph("沿用原列表"), 90, 0)
    num_pr(doc.add_paragraph("条款"), 93, 0)
    num_pr(doc.add_paragraph("细则"), 93, 1)
    num_pr(doc.add_paragraph("细则"), 93, 1)
    num_pr(doc.add_paragraph("条款"), 93, 0)
    num_pr(doc.add_paragraph("圈码"), 94, 0)
    num_pr(doc.add_paragraph("甲项"), 94, 1)
    num_pr(doc.add_paragraph("小项"), 94, 2)
    num_pr(doc.add_paragraph("乙项"), 94, 1)
    num_pr(doc.add_paragraph("小项不重新开始"), 94, 2)
    num_pr(doc.add_paragraph("圈码"), 94, 0)
    num_pr(doc.add_paragraph("项目符号不显示"), 95, 0)
    doc.save(out / "numbering.docx")


def table_doc(out):
    doc = Document()
    doc.add_paragraph("附件")
    doc.add_paragraph("重点任务分解表")
    t = doc.add_table(rows=4, cols=4)
    rows = [["序号", "工作任务", "牵头单位", "完成时限"],
            ["1", "建设数据平台", "市数据局", "2025年6月底前"],
            ["2", "完善标准体系", "", "2025年12月底前"],
            ["3", "开展试点示范", "市发展改革委", "持续推进"]]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                t.cell(r, c).text = text
    # 牵头单位 of rows 1–2 merged vertically (w:vMerge), 完成时限 of row 3 spanning nothing;
    # the header's first two cells merged horizontally (w:gridSpan) after their text is set.
    t.cell(1, 2).merge(t.cell(2, 2))
    hdr = t.cell(0, 0).merge(t.cell(0, 1))
    hdr.text = "序号及任务"
    doc.add_paragraph("表后段落。")
    doc.save(out / "table.docx")


def tracked_doc(out):
    doc = Document()
    p = doc.add_paragraph()
    p.add_run("各区人民政府")
    # Tracked insertion (kept) and deletion (dropped), as accepted.
    p._p.append(parse_xml(
        f'<w:ins {W} w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>、市政府各部门</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(
        f'<w:del {W} w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>、各直属机构</w:delText></w:r></w:del>'))
    p.add_run("：")
    p = doc.add_paragraph()
    p.add_run("现将方案印发给你们，")
    hidden = p.add_run("（隐藏的批注文字）")
    hidden.font.hidden = True
    p.add_run("请认真贯彻执行。")
    # A tab, a line break inside the paragraph, and a field: instruction dropped, result kept.
    p = doc.add_paragraph()
    p.add_run("联系人：张三")
    p.add_run().add_tab()
    p.add_run("电话：12345")
    p.add_run().add_break()
    p.add_run("日期：")
    for xml in ['<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r {W}><w:instrText xml:space="preserve"> DATE \\@ "yyyy年M月d日" </w:instrText></w:r>',
                '<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>',
                '<w:r {W}><w:t>2024年1月1日</w:t></w:r>',
                '<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>']:
        p._p.append(parse_xml(xml.format(W=W)))
    # A PAGE field in the body: its result is page furniture and is left out.
    p = doc.add_paragraph("第")
    for xml in ['<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r {W}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                '<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>',
                '<w:r {W}><w:t>1</w:t></w:r>',
                '<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>']:
        p._p.append(parse_xml(xml.format(W=W)))
    p.add_run("页")
    # The footer: "— PAGE —", never part of the text.
    fp = doc.sections[0].footer.paragraphs[0]
    fp.text = "— "
    fp._p.append(parse_xml(f'<w:fldSimple {W} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    fp.add_run(" —")
    doc.add_paragraph("抄送：市委办公室。")
    doc.save(out / "tracked.docx")


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/docx")
    out.mkdir(parents=True, exist_ok=True)
    numbering_doc(out)
    table_doc(out)
    tracked_doc(out)


if __name__ == "__main__":
    main()
