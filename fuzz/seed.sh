#!/bin/sh
# Seeds fuzz/corpus/<target>/ from the repository's corpus and committed fixtures (run from fuzz/).
# The corpus directories are not committed: libFuzzer grows them while it runs.
set -e
cd "$(dirname "$0")"
mkdir -p corpus/text_bytes corpus/text_utf8 corpus/docx corpus/doc corpus/rtf corpus/html corpus/pdf corpus/ofd
cp ../corpus/docs/*.txt ../tests/fixtures/text/*.txt corpus/text_bytes/
cp ../corpus/docs/*.txt ../tests/fixtures/text/*.txt corpus/text_utf8/
cp ../tests/fixtures/docx/*.docx ../tests/hostile/*.docx corpus/docx/
cp ../tests/fixtures/doc/*.doc ../tests/hostile/*.doc corpus/doc/
cp ../tests/fixtures/rtf_html/*.rtf corpus/rtf/
# The html target's first byte chooses a page (even) or an MHT message (odd).
for f in ../tests/fixtures/rtf_html/*.html ../tests/fixtures/rtf_html/012.word.doc; do
  (printf '\000'; cat "$f") > "corpus/html/$(basename "$f")"
done
for f in ../tests/fixtures/rtf_html/*.mht; do
  (printf '\001'; cat "$f") > "corpus/html/$(basename "$f")"
done
# PDF: the made fixtures, the hostile files under 64 KB, and pdf.js's files under 64 KB (../shared).
cp ../tests/fixtures/pdf/made/*.pdf corpus/pdf/
find ../tests/hostile/pdf ../../shared/fixtures/pdfjs -name '*.pdf' -size -64k -exec cp {} corpus/pdf/ \; 2>/dev/null || true
# ofd: the committed hostile packages (not the two that only exercise the budget, slowly) as whole
# packages, and the first page of each ofdrw package in ../shared as a bare Content.xml (the
# target packs bare XML into a package itself).
mkdir -p corpus/ofd
for f in ../tests/hostile/ofd_*.ofd; do
  case "$f" in *many_pages*|*bomb*) ;; *) cp "$f" corpus/ofd/ ;; esac
done
if [ -d ../../shared/fixtures/ofd ]; then
  for f in ../../shared/fixtures/ofd/*.ofd; do
    unzip -p "$f" 'Doc_0/Pages/Page_0/Content.xml' > "corpus/ofd/$(basename "$f" .ofd).xml" 2>/dev/null || true
  done
fi
find corpus/ofd -size 0 -delete
