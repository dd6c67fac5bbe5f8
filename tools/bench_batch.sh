#!/usr/bin/env bash
# Throughput and peak memory of `gongwen batch` (issue 4): files/s with --jobs 1 and --jobs 2 and
# peak RSS (/usr/bin/time -v) on N distinct generated notices per size.
#
#   cargo build --release && tools/bench_batch.sh [N ...]        (default: 1000 10000)
#
# Inputs: half gen_corpus.py --layout lines, half --layout scraped (distinct notices), then mixed
# formats made from them by real writers when the tools are there (1 in 10 as .docx by python-docx,
# 1 in 10 as .doc by LibreOffice, 1 in 20 as a gov-website HTML page; PYTHON= a python with
# python-docx, soffice on PATH), mixed encodings (every 5th remaining file GB18030, every 7th
# UTF-16LE with BOM) and a few damaged files (1 in 200 truncated mid-character, 1 in 500 random
# bytes), so the run sees what archives hold. Needs python3 and ../shared/tools (GEN= to point
# elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/gongwen}
GEN=${GEN:-../shared/tools/gen_corpus.py}
[ -f "$GEN" ] || GEN=/work/shared/tools/gen_corpus.py
WORK=${WORK:-$(mktemp -d)}
SIZES=${*:-1000 10000}
echo "work dir: $WORK; load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%-7s %-5s %9s %9s %7s %11s  %s\n' files jobs wall_s files/s cpu_s peak_rss_MB summary
for N in $SIZES; do
  in=$WORK/in-$N
  if [ ! -d "$in" ]; then
    half=$((N / 2))
    python3 "$GEN" --n "$half" --rng 11 --out "$in/lines" >/dev/null 2>&1
    python3 "$GEN" --n $((N - half)) --rng 12 --layout scraped --out "$in/scraped" >/dev/null 2>&1
    # Ground truth and the seed are not inputs.
    find "$in" \( -name '*.json' -o -name 'canonical.txt' \) -delete
    TOOLS=$(dirname "$GEN")
    PY=${PYTHON:-python3}
    render=$WORK/render-$N; rm -rf "$render"; mkdir -p "$render"/{docx,doc,html} "$render"/in/{docx,doc,html}
    mapfile -t all < <(find "$in" -name '*.txt' | sort)
    # Inputs to render, staged under names unique across the tree (lines/ and scraped/ both hold
    # notice_000.txt …): folder__name.txt.
    stage() { cp "$1" "$render/in/$2/$(basename "$(dirname "$1")")__$(basename "$1")"; }
    for i in "${!all[@]}"; do
      case $((i % 20)) in 0|10) stage "${all[$i]}" docx;; 5|15) stage "${all[$i]}" doc;; 7) stage "${all[$i]}" html;; esac
    done
    if "$PY" -c 'import docx' 2>/dev/null; then
      find "$render/in/docx" -name '*.txt' -print0 | xargs -0 -n 200 "$PY" "$TOOLS/mk_pydocx.py" "$render/docx" >/dev/null 2>&1 || true
    fi
    if command -v soffice >/dev/null; then
      prof=$(mktemp -d)
      find "$render/in/doc" -name '*.txt' -print0 | xargs -0 -n 200 soffice --headless --norestore -env:UserInstallation=file://$prof \
        --infilter="Text (encoded):UTF8,LF,,," --convert-to 'doc:MS Word 97' --outdir "$render/doc" >/dev/null 2>&1 || true
      rm -rf "$prof"
    fi
    find "$render/in/html" -name '*.txt' -print0 | xargs -0 -n 200 python3 "$TOOLS/mk_html.py" utf-8 "$render/html" >/dev/null 2>&1 || true
    # Each rendered file replaces its .txt in the input tree (same folder, its own extension).
    for r in "$render"/docx/*.docx "$render"/doc/*.doc "$render"/html/*.html; do
      [ -s "$r" ] || continue
      name=$(basename "$r"); folder=${name%%__*}; rest=${name#*__}
      t=$(find "$in" -path "*/$folder/${rest%.*}.txt" | head -1)
      [ -n "$t" ] && mv "$r" "$(dirname "$t")/$rest" && rm -f "$t"
    done
    echo "  $N inputs: $(find "$in" -name '*.docx' | wc -l) docx, $(find "$in" -name '*.doc' | wc -l) doc, $(find "$in" -name '*.html' | wc -l) html, the rest text"
    rm -rf "$render"
    python3 - "$in" <<'PY'
import os, random, sys
root = sys.argv[1]
rng = random.Random(4)
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".txt"))
for i, p in enumerate(files):
    text = open(p, encoding="utf-8").read()
    if i % 500 == 499:
        open(p, "wb").write(bytes(rng.randrange(256) for _ in range(4096)))
    elif i % 200 == 199:
        b = text.encode("utf-8")
        open(p, "wb").write(b[: len(b) // 2 + 1])
    elif i % 7 == 3:
        open(p, "wb").write(b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))
    elif i % 5 == 2:
        open(p, "wb").write(text.encode("gb18030"))
PY
  fi
  for J in 1 2; do
    out=$WORK/out-$N-$J
    rm -rf "$out"
    /usr/bin/time -v -o "$WORK/time-$N-$J" "$BIN" batch "$in" -o "$out" --jobs "$J" 2>"$WORK/log-$N-$J" || true
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time-$N-$J")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$WORK/time-$N-$J")
    cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.1f", s}' "$WORK/time-$N-$J")
    rate=$(awk -v n="$N" -v w="$wall" 'BEGIN {printf "%.0f", n / w}')
    printf '%-7s %-5s %9s %9s %7s %11s  %s\n' "$N" "$J" "$wall" "$rate" "$cpu" "$rss" "$(tail -1 "$WORK/log-$N-$J" | sed 's/^gongwen batch: //')"
  done
  cmp -s "$WORK/out-$N-1/index.jsonl" "$WORK/out-$N-2/index.jsonl" && echo "  index.jsonl identical for --jobs 1 and 2" || echo "  index.jsonl DIFFERS between --jobs 1 and 2"
done
