#!/usr/bin/env python3
"""Makes the PDF fixtures in tests/fixtures/pdf/made/ with reportlab (a real writer), for
tests/pdf.rs:

  pip install reportlab && apt-get install qpdf && python3 tools/make_pdf_fixtures.py

  notice.pdf        a 公文 head in STSong-Light (a non-embedded CID font, UniGB-UCS2-H, no
                    ToUnicode), two pages
  rc4_user.pdf      RC4 128-bit, user password "secret"
  aes128_user.pdf   AES-128, user password "secret" (qpdf --encrypt over rc4_user's text)
  aes256_user.pdf   AES-256 (revision 6), user password "secret" (qpdf --encrypt; reportlab's own
                    AES-256 is the withdrawn revision 5, which poppler refuses too)
  owner_only.pdf    RC4 128-bit, an owner password only (copying forbidden): read without one
  scanned.pdf       one page that is only an image
  mixed.pdf         a page of text, a page that is only an image, a page of text
  ten_pages.pdf     corpus/docs/000.txt set as a 公文 (A4, 16 pt, 28 characters a line, first
                    lines indented two characters), repeated to fill ten pages: the speed bench
"""
import os
import subprocess
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "pdf", "made")
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def notice_pages(c):
    c.setFont("STSong-Light", 16)
    c.drawCentredString(297, 760, "关于印发《某市数字政府建设实施方案》的通知")
    c.setFont("STSong-Light", 12)
    c.drawString(72, 720, "各区人民政府，市政府各部门：")
    c.drawString(96, 700, "现将《某市数字政府建设实施方案》印发给你们，请认真贯彻落实。")
    c.showPage()
    c.setFont("STSong-Light", 12)
    c.drawString(96, 760, "一、总体要求（2023年12月31日前完成）")
    c.drawString(96, 740, "ABC abc 123")


def image_page(c):
    from PIL import Image
    img = Image.new("L", (200, 280), 200)
    c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])


def ten_pages(c):
    corpus = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus", "docs", "000.txt")
    paras = [p.strip() for p in open(corpus, encoding="utf-8") if p.strip()]
    lines = []
    while len(lines) < 10 * 28:
        for p in paras:
            text = "\u3000\u3000" + p
            lines += [text[i:i + 28] for i in range(0, len(text), 28)]
    for page in range(10):
        c.setFont("STSong-Light", 16)
        for i, line in enumerate(lines[page * 28:(page + 1) * 28]):
            c.drawString(72, 770 - 26 * i, line)
        c.drawCentredString(297, 40, f"— {page + 1} —")
        c.showPage()


def save(name, draw, **kw):
    c = canvas.Canvas(os.path.join(OUT, name), pagesize=A4, invariant=1, **kw)
    draw(c)
    c.save()


def main():
    os.makedirs(OUT, exist_ok=True)
    save("notice.pdf", lambda c: (notice_pages(c), c.showPage()))

    def one_line(text):
        def draw(c):
            c.setFont("STSong-Light", 12)
            c.drawString(72, 740, text)
            c.showPage()
        return draw

    save("rc4_user.pdf", one_line("用户密码加密的文件（RC4）。"),
         encrypt=pdfencrypt.StandardEncryption("secret", "owner", strength=128))
    save("plain.pdf", one_line("用户密码加密的文件（AES）。"))
    plain = os.path.join(OUT, "plain.pdf")
    for name, bits in [("aes128_user.pdf", ["128", "--use-aes=y"]), ("aes256_user.pdf", ["256"])]:
        subprocess.run(["qpdf", "--static-id", "--encrypt", "secret", "owner", *bits, "--", plain,
                        os.path.join(OUT, name)], check=True)
    os.remove(plain)
    save("owner_only.pdf", one_line("只有所有者密码，禁止复制。"),
         encrypt=pdfencrypt.StandardEncryption("", "owner", canCopy=0, strength=128))
    save("scanned.pdf", lambda c: (image_page(c), c.showPage()))

    def mixed(c):
        one_line("第一页有文字。")(c)
        image_page(c)
        c.showPage()
        one_line("第三页有文字。")(c)
    save("mixed.pdf", mixed)
    save("ten_pages.pdf", ten_pages)
    print("made", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
