#!/usr/bin/env python3
"""Wrap a UTF-8 .txt (one paragraph per line) as Word's HTML output, the two forms gongwen reads:

  mk_word_html.py mht  FILE.txt OUT.mht   single-file web page: MIME multipart/related, the page
                                          gb2312, quoted-printable, plus an image part
  mk_word_html.py html FILE.txt OUT.doc   "Web page" saved with a .doc name: gb2312 bytes, list
                                          labels between <!--[if !supportLists]--> comments

Lines that start with a typed marker (一、 （一） 1. （1）) become Word list paragraphs: the marker
is moved into Word's list-label span (<![if !supportLists]>…<![endif]>), as Word writes auto
numbers, so the reader must keep the label. Deterministic output (no dates, fixed boundary).
"""
import html, quopri, re, sys

MARKER = re.compile(r"^(\s*)([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[\.．]|（\d+）|\(\d+\))")
HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>x</o:Author>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{margin:0cm;text-align:justify;font-size:10.5pt;font-family:等线;}}
@list l0:level1
	{{mso-level-number-format:chinese-counting;mso-level-text:"%1、";}}
-->
</style>
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:15.6pt'>
"""
FOOT = """
</div>

</body>

</html>
"""


def page(lines, downlevel):
    out = [HEAD.format(title=html.escape(lines[0] if lines else ""))]
    for i, l in enumerate(lines):
        m = MARKER.match(l)
        if not l.strip():
            out.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
        elif m:
            label, rest = m.group(2), l[m.end():]
            start, end = ("<![if !supportLists]>", "<![endif]>") if downlevel else \
                ("<!--[if !supportLists]-->", "<!--[endif]-->")
            out.append(
                f"<p class=MsoListParagraph style='margin-left:0cm;text-indent:21.0pt;mso-list:l0 level1 lfo{i}'>"
                f"{start}<span style='font-family:仿宋_GB2312'><span style='mso-list:Ignore'>{html.escape(label)}"
                f"<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span></span>{end}"
                f"<span style='font-family:仿宋_GB2312'>{html.escape(rest)}<o:p></o:p></span></p>")
        else:
            out.append(f"<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>"
                       f"{html.escape(l)}<o:p></o:p></span></p>")
    return "\n\n".join(out) + FOOT


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("mht", "html"):
        sys.exit(__doc__)
    kind, src, dst = sys.argv[1:]
    lines = open(src, encoding="utf-8").read().split("\n")
    while lines and not lines[-1]:
        lines.pop()
    body = page(lines, downlevel=(kind == "mht")).encode("gb18030")
    if kind == "html":
        open(dst, "wb").write(body)
        return
    b = "----=_NextPart_01DC0000.0A1B2C30"
    qp = quopri.encodestring(body).replace(b"\n", b"\r\n")
    msg = (f"MIME-Version: 1.0\r\nX-Document-Type: Word\r\nContent-Type: multipart/related; boundary=\"{b}\"\r\n\r\n"
           f"此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n\r\n"
           f"--{b}\r\nContent-Location: file:///C:/D0000/doc.htm\r\nContent-Transfer-Encoding: quoted-printable\r\n"
           f"Content-Type: text/html; charset=\"gb2312\"\r\n\r\n").encode("gb18030") + qp + (
           f"\r\n\r\n--{b}\r\nContent-Location: file:///C:/D0000/doc.files/image001.png\r\n"
           f"Content-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\niVBORw0KGgo=\r\n\r\n--{b}--\r\n").encode()
    open(dst, "wb").write(msg)


if __name__ == "__main__":
    main()
