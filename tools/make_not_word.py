#!/usr/bin/env python3
"""Writes the OOXML fixtures of tests/docx.rs that are not Word or are damaged, from real writers:

- workbook.xlsx (openpyxl) and slides.pptx (python-pptx), each holding a line of a plan, and
  workbook-as.docx: the workbook's bytes under a Word name (gongwen goes by the bytes);
- bad-styles.docx, bad-numbering.docx, bad-doc-rels.docx, bad-root-rels.docx: numbering.docx
  (python-docx, tools/make_docx_fixtures.py) with one byte of that part's compressed data
  flipped, so the entry fails its inflate or its CRC, as a bad sector or a broken transfer leaves
  it; word/document.xml is untouched.

usage: python3 -m venv /tmp/venv && /tmp/venv/bin/pip install openpyxl python-pptx
       /tmp/venv/bin/python tools/make_not_word.py tests/fixtures/docx
"""
import shutil
import struct
import sys
import zipfile
from pathlib import Path

import openpyxl
from pptx import Presentation

LINE = "一、各区人民政府牵头，2025年底前完成老旧小区改造。"


def workbook(out):
    wb = openpyxl.Workbook()
    wb.active["A1"] = LINE
    wb.save(out / "workbook.xlsx")
    shutil.copy(out / "workbook.xlsx", out / "workbook-as.docx")


def slides(out):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "工作方案"
    slide.placeholders[1].text = LINE
    prs.save(out / "slides.pptx")


def damage(src, dst, part):
    """Copies src to dst with one byte in the middle of `part`'s compressed data flipped."""
    data = bytearray(src.read_bytes())
    info = zipfile.ZipFile(src).getinfo(part)
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    assert info.compress_size > 4, part
    data[start + info.compress_size // 2] ^= 0x55
    dst.write_bytes(bytes(data))


def main():
    out = Path(sys.argv[1])
    workbook(out)
    slides(out)
    base = out / "numbering.docx"
    for name, part in [("bad-styles", "word/styles.xml"), ("bad-numbering", "word/numbering.xml"),
                       ("bad-doc-rels", "word/_rels/document.xml.rels"), ("bad-root-rels", "_rels/.rels")]:
        damage(base, out / f"{name}.docx", part)


main()
