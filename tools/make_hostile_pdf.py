#!/usr/bin/env python3
"""Builds the hostile PDFs in tests/hostile/pdf/ (checked by tests/pdf_hostile.rs). Each is written
here object by object (no real document posing as one), except truncated.pdf, which is the first
60% of reportlab's notice.pdf (tools/make_pdf_fixtures.py). Run from the repository root:

    python3 tools/make_hostile_pdf.py

  xref_loop.pdf        the trailer's /Prev points at its own cross-reference table
  objstm_loop.pdf      two object streams that /Extends each other, objects listed in both
  flate_bomb.pdf       a page content stream that inflates to 512 MB of zeros from ~500 KB
  nested_content.pdf   a content stream opening 1,000,000 arrays
  nested_object.pdf    an object of 100,000 nested arrays (lopdf stops at 100 levels)
  page_tree_cycle.pdf  the page tree's /Kids point back at the root and at themselves
  many_ops.pdf         a page running 200,000 operators (refused with --max-pdf-operators 1000)
  truncated.pdf        a real file cut at 60% (its page tree and contents are lost)
  truncated_xref.pdf   the same file cut just before its cross-reference table (rebuilt by scanning)
"""
import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "hostile", "pdf")
NOTICE = os.path.join(HERE, "..", "tests", "fixtures", "pdf", "made", "notice.pdf")

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 720 Td (Hostile but readable.) Tj ET"


def stream(data, extra=b""):
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def write(name, objects, trailer_extra=b"", prev_self=False):
    """Objects numbered from 1; a classic xref table; /Prev at itself when asked."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    prev = b" /Prev %d" % xref if prev_self else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, prev, trailer_extra, xref)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(out)


def page_doc(content, filter_=b"", kids=b"[3 0 R]", page_extra=b""):
    """1 catalog, 2 pages, 3 page, 4 content, 5 font."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids %s /Count 1 >>" % kids,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> %s >>" % page_extra,
        stream(content, filter_),
        FONT,
    ]


def objstm_loop():
    # 1 catalog, 2 pages, 3 page (in stream 6), 4 content, 5 font, 6 and 7 object streams that
    # extend each other, 8 the xref stream.
    def objstm(nums_bodies, extends):
        header = b" ".join(b"%d %d" % (n, 0) for n, _ in nums_bodies)
        offs, body = [], b""
        for n, b_ in nums_bodies:
            offs.append(len(body))
            body += b_ + b" "
        header = b" ".join(b"%d %d" % (n, o) for (n, _), o in zip(nums_bodies, offs)) + b" "
        data = header + body
        return stream(data, b"/Type /ObjStm /N %d /First %d /Extends %d 0 R" % (len(nums_bodies), len(header), extends))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        4: stream(TEXT),
        5: FONT,
        6: objstm([(3, page)], 7),
        7: objstm([(3, page)], 6),
    }
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for n in sorted(objs):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
    xref_off = len(out)
    rows = b""
    for n in range(9):
        if n == 3:
            rows += bytes([2]) + (6).to_bytes(4, "big") + (0).to_bytes(2, "big")
        elif n in offsets:
            rows += bytes([1]) + offsets[n].to_bytes(4, "big") + (0).to_bytes(2, "big")
        elif n == 8:
            rows += bytes([1]) + xref_off.to_bytes(4, "big") + (0).to_bytes(2, "big")
        else:
            rows += bytes([0]) + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")
    out += b"8 0 obj\n" + stream(rows, b"/Type /XRef /Size 9 /W [1 4 2] /Root 1 0 R /Prev %d" % xref_off) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref_off
    with open(os.path.join(OUT, "objstm_loop.pdf"), "wb") as f:
        f.write(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    write("xref_loop.pdf", page_doc(TEXT), prev_self=True)
    objstm_loop()
    bomb = zlib.compressobj(9)
    data = b"".join(bomb.compress(b"\0" * (1 << 20)) for _ in range(512)) + bomb.flush()
    write("flate_bomb.pdf", page_doc(data, b"/Filter /FlateDecode"))
    deep = zlib.compress(b"[" * 1_000_000 + b" Tj " + TEXT, 9)
    write("nested_content.pdf", page_doc(deep, b"/Filter /FlateDecode"))
    objs = page_doc(TEXT, page_extra=b"/Deep 6 0 R")
    objs.append(b"[" * 100_000 + b"]" * 100_000)
    write("nested_object.pdf", objs)
    cycle = page_doc(TEXT, kids=b"[3 0 R 2 0 R 6 0 R]")
    cycle.append(b"<< /Type /Pages /Parent 2 0 R /Kids [6 0 R 2 0 R 3 0 R] /Count 2 >>")
    write("page_tree_cycle.pdf", cycle)
    ops = zlib.compress(b"q Q " * 100_000 + TEXT, 9)
    write("many_ops.pdf", page_doc(ops, b"/Filter /FlateDecode"))
    real = open(NOTICE, "rb").read()
    with open(os.path.join(OUT, "truncated.pdf"), "wb") as f:
        f.write(real[: len(real) * 6 // 10])
    with open(os.path.join(OUT, "truncated_xref.pdf"), "wb") as f:
        f.write(real[: real.rindex(b"xref")])
    print("made", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
