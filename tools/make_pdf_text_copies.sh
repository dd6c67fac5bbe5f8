#!/bin/sh
# The corpus's LibreOffice PDFs as text copied out of a PDF: poppler's pdftotext (Debian's
# poppler-utils), plain mode, one printed line a line, pages split by a form feed. These are the
# hard-wrapped texts of tests/corpus.rs (`pdf_text_copies_score`); the tests read the committed
# copies and do not need poppler.
# Usage: tools/make_pdf_text_copies.sh   (from the repository root)
set -eu
out=corpus/renderings/pdftotext-lo
mkdir -p "$out"
for pdf in corpus/renderings/pdf-lo/*.pdf; do
    pdftotext -enc UTF-8 "$pdf" "$out/$(basename "$pdf" .pdf).txt"
done
