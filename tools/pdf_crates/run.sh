#!/bin/sh
# Measures the candidate PDF crates (docs/pdf.md): for each, over all pdf.js test PDFs, one process
# per file with a 10 s timeout — exit status (101 = panic, 124 = timeout), wall time — then the
# pdftotext agreement (tools/pdf_agreement.py). Needs ../shared; builds tools/pdf_crates first.
#   sh tools/pdf_crates/run.sh OUTDIR
set -eu
out=${1:-/tmp/pdf_crates}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
pdfjs=$repo/../shared/fixtures/pdfjs
[ -d "$pdfjs" ] || pdfjs=/work/shared/fixtures/pdfjs
(cd "$here" && cargo build --release -q)
(cd "$repo" && cargo build --release -q)
mkdir -p "$out"
for tool in lopdf_text extract_text oxide_text gongwen; do
    case $tool in
        gongwen) cmd="$repo/target/release/gongwen text" ;;
        *) cmd="$here/target/release/$tool" ;;
    esac
    : > "$out/$tool.sweep"
    for f in "$pdfjs"/*.pdf; do
        start=$(date +%s.%N)
        status=0
        timeout 10 $cmd "$f" > /dev/null 2>&1 || status=$?
        end=$(date +%s.%N)
        printf '%s\t%s\t%s\n' "$status" "$(echo "$end - $start" | bc)" "$(basename "$f")" >> "$out/$tool.sweep"
    done
    python3 "$repo/tools/pdf_agreement.py" score $cmd > "$out/$tool.agreement"
    awk -F'\t' -v t=$tool '{n++; s+=$2; if ($1==101) p++; else if ($1==124) h++; else if ($1!=0) e++}
        END {printf "%s: %d files, %d panics, %d timeouts, %d errors, %.1f s\n", t, n, p, h, e, s}' "$out/$tool.sweep"
    tail -5 "$out/$tool.agreement"
done
