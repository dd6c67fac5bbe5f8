#!/usr/bin/env bash
# Renders every corpus/docs/*.txt with real writers into corpus/renderings/, for the parity test
# (tests/renderings.rs) and the format benchmark (benches/formats.rs):
#   docx/ and doc/  LibreOffice "MS Word 2007 XML" / "MS Word 97"  (../shared/tools/make_docs.sh)
#   rtf/            LibreOffice "Rich Text Format"
#   html/           a gov-website page per document (../shared/tools/mk_html.py; it cannot make a
#                   few of the documents, which are left out)
# needs: soffice (libreoffice-writer-nogui), python3 with python-docx (PYTHON=...), ../shared/tools
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
OUT=corpus/renderings
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
rm -rf "$OUT"; mkdir -p "$OUT"/{docx,doc,rtf,html}
bash "$SHARED/tools/make_docs.sh" -j 2 -f docx,doc corpus/docs "$TMP" >/dev/null
cp "$TMP"/docx/*.docx "$OUT/docx/"; cp "$TMP"/doc/*.doc "$OUT/doc/"
soffice --headless --convert-to rtf --outdir "$OUT/rtf" corpus/docs/*.txt >/dev/null 2>&1
for f in corpus/docs/*.txt; do
  python3 "$SHARED/tools/mk_html.py" utf-8 "$OUT/html" "$f" >/dev/null 2>&1 || rm -f "$OUT/html/$(basename "$f" .txt).html"
done
find "$OUT" -type f -size 0 -delete
ls "$OUT"/* | wc -l
