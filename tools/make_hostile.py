#!/usr/bin/env python3
"""Builds the hostile corpus in tests/hostile/ (checked by tests/hostile.rs).

Every file is generated here, never a real document posing as one: ZIP packages are written by
Python's zipfile, OLE2 files by LibreOffice (soffice --headless) from a generated text and then
corrupted byte by byte, random bytes from a seeded generator. The encrypted .docx is copied from
Apache POI's test files (Apache-2.0). Run from the repository root:

    python3 tools/make_hostile.py

Files made (expected outcome in tests/hostile.rs):
  zip_bomb.docx        word/document.xml inflates 300 MB from ~300 KB (1000:1): refused by ratio
  zip_lying.docx       document.xml declares 1 KB but inflates 50 MB: refused while inflating
  zip_many.docx        500 entries: refused with --max-zip-entries 100
  xxe.docx             an external entity (file:///etc/passwd) in a DTD: never resolved
  billion_laughs.docx  the classic nested entities: never expanded
  deep_xml.docx        50,000 nested elements: read up to the depth limit, marked damaged
  deep.rtf             100,000 nested RTF groups: refused by the depth limit
  cfb_loop.doc         a LibreOffice .doc whose WordDocument sector chain loops back
  cfb_out_of_range.doc the same with a FAT entry pointing past the end of the file
  xls_renamed.doc      a LibreOffice .xls workbook named .doc
  encrypted.docx       a password-protected .docx (POI bug53475-password-is-pass.docx)
  empty.txt            0 bytes
  random.bin           64 KB of seeded random bytes
"""

import io
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "hostile")
POI = "/work/shared/fixtures/poi-word/bug53475-password-is-pass.docx"

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def para(text):
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def document(body, doctype=""):
    return f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:document {W}><w:body>{body}</w:body></w:document>'


def package(path, doc_xml, extra=()):
    """A minimal .docx: content types, the package relationship, the main part (and extras)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", doc_xml)
        for name, data in extra:
            z.writestr(name, data)


def zip_bomb(path):
    # 300 MB of spaces inside a valid document: deflate packs it about 1000:1.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        head = document(para("一、总体要求") + "<w:p><w:r><w:t>").encode()
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head)
            chunk = b" " * (1 << 20)
            for _ in range(300):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")


def zip_lying(path):
    """A package whose main part declares 1 KB uncompressed but inflates to 50 MB: the sizes
    in the local header and the central directory are patched after writing."""
    buf = io.BytesIO()
    big = document(para("一、总体要求") + para(" " * (50 << 20))).encode()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", big)
    data = bytearray(buf.getvalue())
    name = b"word/document.xml"
    real = struct.pack("<I", len(big))
    lie = struct.pack("<I", 1024)
    # Local file header: signature, then the uncompressed size at +22; central directory entry:
    # uncompressed size at +24. Both are followed by the name at +30 / +46.
    for sig, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        i = 0
        while True:
            i = data.find(sig, i)
            if i < 0:
                break
            if data[i + name_at : i + name_at + len(name)] == name:
                assert data[i + size_at : i + size_at + 4] == real
                data[i + size_at : i + size_at + 4] = lie
            i += 4
    with open(path, "wb") as f:
        f.write(data)


def zip_many(path):
    # Kept small for the repository: the test lowers the limit (--max-zip-entries 100).
    package(path, document(para("一、总体要求")), [(f"m/{i}", "") for i in range(500)])


def xxe(path):
    dtd = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    body = para("一、总体要求") + para("外部实体：&xxe;。") + para("二、主要任务")
    package(path, document(body, dtd))


def billion_laughs(path):
    ents = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "lol" if i == 1 else f"lol{i - 1}"
        ents.append(f'<!ENTITY lol{i} "' + f"&{prev};" * 10 + '">')
    dtd = "<!DOCTYPE w:document [" + "".join(ents) + "]>"
    body = para("一、总体要求") + para("&lol9;") + para("二、主要任务")
    package(path, document(body, dtd))


def deep_xml(path):
    # 50,000 levels stay under 1 MB inflated, below the compression-ratio check.
    n = 50_000
    body = para("一、总体要求") + "<w:sdt>" * n + "</w:sdt>" * n + para("二、主要任务")
    package(path, document(body))


def deep_rtf(path):
    n = 100_000
    with open(path, "wb") as f:
        f.write(b"{\\rtf1\\ansi " + b"{" * n + b"text" + b"}" * n + b"}")


def soffice(src, fmt, outdir):
    subprocess.run(
        ["soffice", "--headless", "--convert-to", fmt, "--outdir", outdir, src],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def cfb_streams(data):
    """(name, start sector, size) of each directory entry, and the FAT, of a v3 CFB file."""
    sector = 1 << struct.unpack_from("<H", data, 30)[0]
    assert sector == 512

    def at(s):
        return 512 + s * sector

    difat = [x for x in struct.unpack_from("<109I", data, 76) if x < 0xFFFFFFFA]
    fat = []
    for s in difat:
        fat.extend(struct.unpack_from(f"<{sector // 4}I", data, at(s)))
    entries = []
    s = struct.unpack_from("<I", data, 48)[0]
    while s < 0xFFFFFFFA:
        for k in range(sector // 128):
            off = at(s) + k * 128
            nlen = struct.unpack_from("<H", data, off + 64)[0]
            name = data[off : off + max(nlen - 2, 0)].decode("utf-16-le", "replace")
            start, size = struct.unpack_from("<II", data, off + 116)
            entries.append((name, start, size))
        s = fat[s]
    return entries, fat, difat, at


def corrupt_fat(src, dst, how):
    data = bytearray(open(src, "rb").read())
    entries, fat, difat, at = cfb_streams(data)
    start = next(st for name, st, _ in entries if name == "WordDocument")
    chain = [start]
    while fat[chain[-1]] < 0xFFFFFFFA:
        chain.append(fat[chain[-1]])
    assert len(chain) > 2, "the WordDocument stream must span several sectors"
    last = chain[-1]
    # The FAT entry of the chain's last sector, wherever that FAT sector is stored.
    per = 512 // 4
    pos = at(difat[last // per]) + (last % per) * 4
    if how == "loop":
        struct.pack_into("<I", data, pos, chain[0])  # back to the start: a cycle
    else:
        struct.pack_into("<I", data, pos, 0x00FFFFF0)  # far past the end of the file
    with open(dst, "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    out = lambda name: os.path.join(OUT, name)
    zip_bomb(out("zip_bomb.docx"))
    zip_lying(out("zip_lying.docx"))
    zip_many(out("zip_many.docx"))
    xxe(out("xxe.docx"))
    billion_laughs(out("billion_laughs.docx"))
    deep_xml(out("deep_xml.docx"))
    deep_rtf(out("deep.rtf"))
    with tempfile.TemporaryDirectory() as tmp:
        txt = os.path.join(tmp, "plan.txt")
        with open(txt, "w", encoding="utf-8") as f:
            f.write("关于印发某某工作方案的通知\n")
            for i in range(1, 200):
                f.write(f"{i}. 第{i}项任务：加强组织领导，明确责任分工，确保各项工作落到实处。\n")
        soffice(txt, "doc", tmp)
        doc = os.path.join(tmp, "plan.doc")
        corrupt_fat(doc, out("cfb_loop.doc"), "loop")
        corrupt_fat(doc, out("cfb_out_of_range.doc"), "range")
        csv = os.path.join(tmp, "sheet.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("序号,任务,责任单位\n1,加强领导,市政府办公室\n")
        soffice(csv, "xls:MS Excel 97", tmp)
        shutil.copy(os.path.join(tmp, "sheet.xls"), out("xls_renamed.doc"))
    shutil.copy(POI, out("encrypted.docx"))
    open(out("empty.txt"), "wb").close()
    rng = random.Random(5)
    with open(out("random.bin"), "wb") as f:
        f.write(bytes(rng.getrandbits(8) for _ in range(65536)))
    for name in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(out(name)):>10}  {name}", file=sys.stderr)


if __name__ == "__main__":
    main()
