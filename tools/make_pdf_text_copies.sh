#!/bin/sh
# The corpus's LibreOffice and reportlab PDFs as text copied out of a PDF: poppler's pdftotext
# (Debian's poppler-utils), plain mode, one printed line a line, pages split by a form feed, into
# corpus/renderings/pdftotext-lo and pdftotext-reportlab. These are the hard-wrapped texts of
# tests/corpus.rs (`pdf_text_copies_score`); the tests read the committed copies and do not need
# poppler.
# Usage: tools/make_pdf_text_copies.sh   (from the repository root)
set -eu
for writer in lo reportlab; do
    out=corpus/renderings/pdftotext-$writer
    mkdir -p "$out"
    for pdf in corpus/renderings/pdf-$writer/*.pdf; do
        pdftotext -enc UTF-8 "$pdf" "$out/$(basename "$pdf" .pdf).txt"
    done
done
