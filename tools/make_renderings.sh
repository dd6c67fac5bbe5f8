#!/usr/bin/env bash
# Renders corpus/docs/*.txt with real writers into corpus/renderings/, for the parity test
# (tests/renderings.rs) and the format benchmark (benches/formats.rs):
#   docx/ and doc/  LibreOffice "MS Word 2007 XML" / "MS Word 97"  (../shared/tools/make_docs.sh)
#   rtf/            LibreOffice "Rich Text Format"
#   html/           a gov-website page per document (../shared/tools/mk_html.py)
#
# usage: tools/make_renderings.sh [--all | NNN ...]
#   NNN ...  these documents only (their files in each folder are replaced, the others' kept)
#   (none)   the documents that have no .docx rendering yet: the committed renderings stay
#            byte-identical (the writers are not byte-reproducible: LibreOffice stamps its files,
#            and mk_html.py has changed since the first 36 pages were made)
#   --all    every document, the folders emptied first
# needs: soffice (libreoffice-writer-nogui), python3 with python-docx (PYTHON=...), ../shared/tools
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
OUT=corpus/renderings
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
names=()
if [ "${1-}" = "--all" ]; then
  rm -rf "$OUT"/{docx,doc,rtf,html}
  for f in corpus/docs/*.txt; do names+=("$(basename "$f" .txt)"); done
elif [ $# -gt 0 ]; then
  names=("$@")
else
  for f in corpus/docs/*.txt; do
    n=$(basename "$f" .txt)
    [ -e "$OUT/docx/$n.docx" ] || names+=("$n")
  done
fi
[ ${#names[@]} -gt 0 ] || { echo "nothing to render"; exit 0; }
mkdir -p "$OUT"/{docx,doc,rtf,html} "$TMP/in"
for n in "${names[@]}"; do cp "corpus/docs/$n.txt" "$TMP/in/"; done
bash "$SHARED/tools/make_docs.sh" -j 2 -f docx,doc "$TMP/in" "$TMP/out" >/dev/null
cp "$TMP"/out/docx/*.docx "$OUT/docx/"; cp "$TMP"/out/doc/*.doc "$OUT/doc/"
soffice --headless --norestore "-env:UserInstallation=file://$TMP/profile" --convert-to rtf \
  --outdir "$OUT/rtf" "$TMP"/in/*.txt >/dev/null 2>&1
for f in "$TMP"/in/*.txt; do
  python3 "$SHARED/tools/mk_html.py" utf-8 "$OUT/html" "$f" >/dev/null 2>&1 || rm -f "$OUT/html/$(basename "$f" .txt).html"
done
find "$OUT" -type f -size 0 -delete
echo "${#names[@]} documents rendered"; for d in docx doc rtf html; do echo "$d: $(ls "$OUT/$d" | wc -l) files"; done
