#!/usr/bin/env python3
"""Writes the hostile and unusual OFD packages of tests/hostile/ofd_*.ofd (checked by tests/ofd.rs).
They are small packages built here, not real writers' files: each stresses one bound of the reader.

  ofd_two_documents.ofd   two DocBody entries: the first is read, an other_documents warning
  ofd_unit_loop.ofd       a composite graphic unit that draws itself (and a pair drawing each other)
  ofd_g_repeat.ofd        DeltaX "g 4000000000 1": the repeat is capped at the characters drawn
  ofd_deep.ofd            a TextObject under 25,000 nested PageBlocks (under 1 MB: no ZIP bomb)
  ofd_many_pages.ofd      17,000 pages sharing one Content.xml of 5,000 characters: the glyph
                          budget stops the reader (a damaged warning), in bounded time
  ofd_no_document.ofd     OFD.xml names a Document.xml that is not in the package: damaged
  ofd_no_docbody.ofd      OFD.xml without a DocBody: damaged
  ofd_truncated.ofd       a package cut in half: damaged
  ofd_bomb.ofd            a Content.xml inflating 1000:1 to 20 MB: over the compression ratio limit
  ofd_images_only.ofd     one page drawing an image over the whole page: a scanned document

usage: python3 tools/make_ofd_hostile.py   (writes into tests/hostile/)
"""
import io
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "hostile"
NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def ofd_xml(*roots):
    bodies = "".join(f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>{i}</ofd:DocID></ofd:DocInfo>"
                     f"<ofd:DocRoot>{r}</ofd:DocRoot></ofd:DocBody>" for i, r in enumerate(roots))
    return f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" DocType="OFD">{bodies}</ofd:OFD>'


def document(pages, res=None, box="0 0 210 297"):
    page_list = "".join(f'<ofd:Page ID="{100 + i}" BaseLoc="{p}"/>' for i, p in enumerate(pages))
    res_xml = f"<ofd:DocumentRes>{res}</ofd:DocumentRes>" if res else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData>'
            f"<ofd:MaxUnitID>1000</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>{box}</ofd:PhysicalBox>"
            f"</ofd:PageArea>{res_xml}</ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>")


def text(s, x=25, y=40, dx="5", size=5):
    return (f'<ofd:TextObject ID="1" Boundary="{x} {y} 160 8" Font="1" Size="{size}">'
            f'<ofd:TextCode X="0" Y="5" DeltaX="{dx}">{s}</ofd:TextCode></ofd:TextObject>')


def page(body):
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID="2">'
            f"{body}</ofd:Layer></ofd:Content></ofd:Page>")


def package(name, files, compress=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as z:
        for n, data in files.items():
            z.writestr(n, data)
    (OUT / name).write_bytes(buf.getvalue())
    return buf.getvalue()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    one = text("第一个文档的正文。", dx="g 8 5")
    package("ofd_two_documents.ofd", {
        "OFD.xml": ofd_xml("Doc_0/Document.xml", "Doc_1/Document.xml"),
        "Doc_0/Document.xml": document(["Pages/Page_0/Content.xml"]),
        "Doc_0/Pages/Page_0/Content.xml": page(one),
        "Doc_1/Document.xml": document(["Pages/Page_0/Content.xml"]),
        "Doc_1/Pages/Page_0/Content.xml": page(text("第二个文档不读。", dx="g 7 5")),
    })
    units = ('<?xml version="1.0" encoding="UTF-8"?><ofd:Res ' + NS + ' BaseLoc="Res"><ofd:CompositeGraphicUnits>'
             '<ofd:CompositeGraphicUnit ID="10" Width="210" Height="297"><ofd:Content>'
             + text("自己画自己", dx="g 4 5") +
             '<ofd:CompositeObject ID="11" Boundary="0 1 210 297" ResourceID="10"/></ofd:Content></ofd:CompositeGraphicUnit>'
             '<ofd:CompositeGraphicUnit ID="20" Width="210" Height="297"><ofd:Content>'
             '<ofd:CompositeObject ID="21" Boundary="0 0 210 297" ResourceID="30"/></ofd:Content></ofd:CompositeGraphicUnit>'
             '<ofd:CompositeGraphicUnit ID="30" Width="210" Height="297"><ofd:Content>'
             '<ofd:CompositeObject ID="31" Boundary="0 0 210 297" ResourceID="20"/></ofd:Content></ofd:CompositeGraphicUnit>'
             '</ofd:CompositeGraphicUnits></ofd:Res>')
    package("ofd_unit_loop.ofd", {
        "OFD.xml": ofd_xml("Doc_0/Document.xml"),
        "Doc_0/Document.xml": document(["Pages/Page_0/Content.xml"], res="DocumentRes.xml"),
        "Doc_0/DocumentRes.xml": units,
        "Doc_0/Pages/Page_0/Content.xml": page(
            '<ofd:CompositeObject ID="5" Boundary="0 0 210 297" ResourceID="10"/>'
            '<ofd:CompositeObject ID="6" Boundary="0 0 210 297" ResourceID="20"/>' + text("正文一行。", y=200, dx="g 4 5")),
    })
    package("ofd_g_repeat.ofd", {
        "OFD.xml": ofd_xml("Doc_0/Document.xml"),
        "Doc_0/Document.xml": document(["Pages/Page_0/Content.xml"]),
        "Doc_0/Pages/Page_0/Content.xml": page(text("重复记号很长", dx="g 4000000000 5 g -7 1 g 1e400 2")),
    })
    depth = 25_000
    package("ofd_deep.ofd", {
        "OFD.xml": ofd_xml("Doc_0/Document.xml"),
        "Doc_0/Document.xml": document(["Pages/Page_0/Content.xml"]),
        "Doc_0/Pages/Page_0/Content.xml": page('<ofd:PageBlock ID="3">' * depth + text("深处的文字", dx="g 4 5")
                                               + "</ofd:PageBlock>" * depth),
    })
    lines = "".join(text("的" * 50, y=20 + 2.5 * i, dx="g 49 2", size=2) for i in range(100))
    package("ofd_many_pages.ofd", {
        "OFD.xml": ofd_xml("Doc_0/Document.xml"),
        "Doc_0/Document.xml": document(["Pages/Page_0/Content.xml"] * 17_000),
        "Doc_0/Pages/Page_0/Content.xml": page(lines),
    })
    package("ofd_no_document.ofd", {"OFD.xml": ofd_xml("Doc_0/Document.xml")})
    package("ofd_no_docbody.ofd", {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0"/>',
        "Doc_0/Document.xml": document([]),
    })
    whole = package("ofd_truncated.ofd", {
        "OFD.xml": ofd_xml("Doc_0/Document.xml"),
        "Doc_0/Document.xml": document(["Pages/Page_0/Content.xml"]),
        "Doc_0/Pages/Page_0/Content.xml": page(text("截断的包", dx="g 3 5")),
    })
    (OUT / "ofd_truncated.ofd").write_bytes(whole[: len(whole) // 2])
    package("ofd_bomb.ofd", {
        "OFD.xml": ofd_xml("Doc_0/Document.xml"),
        "Doc_0/Document.xml": document(["Pages/Page_0/Content.xml"]),
        "Doc_0/Pages/Page_0/Content.xml": page(text("炸弹") + " " * (20 << 20)),
    })
    package("ofd_images_only.ofd", {
        "OFD.xml": ofd_xml("Doc_0/Document.xml"),
        "Doc_0/Document.xml": document(["Pages/Page_0/Content.xml"]),
        "Doc_0/Pages/Page_0/Content.xml": page(
            '<ofd:ImageObject ID="4" ResourceID="9" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>'),
    })


if __name__ == "__main__":
    main()
