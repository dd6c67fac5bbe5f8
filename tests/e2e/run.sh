#!/usr/bin/env bash
# Browser end-to-end test of `gongwen serve`: starts the server on a free loopback port, drives
# the page in headless Chromium (Debian's chromium, via playwright-core), keeps screenshots and
# downloads under target/e2e/. Needs: apt-get install chromium; npm ci in tests/e2e.
# Without chromium it skips (exit 0) unless GONGWEN_E2E_REQUIRED is set.
set -euo pipefail
cd "$(dirname "$0")/../.."
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ -n "${GONGWEN_E2E_REQUIRED:-}" ]; then
    echo "e2e: chromium not found at $CHROMIUM and GONGWEN_E2E_REQUIRED is set" >&2
    exit 1
  fi
  echo "e2e: SKIPPED: chromium not found at $CHROMIUM (apt-get install chromium; set GONGWEN_E2E_REQUIRED=1 to make this an error)"
  exit 0
fi
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund)
fi
BIN="${GONGWEN_BIN:-}"
if [ -z "$BIN" ]; then
  if [ -x target/release/gongwen ]; then BIN=target/release/gongwen; else cargo build --release --locked; BIN=target/release/gongwen; fi
fi
OUT=target/e2e
mkdir -p "$OUT"
"$BIN" serve --addr 127.0.0.1:0 > "$OUT/server.out" 2> "$OUT/server.err" &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q '^listening on ' "$OUT/server.out" 2>/dev/null && break
  sleep 0.1
done
URL=$(sed -n 's/^listening on //p' "$OUT/server.out")
if [ -z "$URL" ]; then
  echo "e2e: the server did not start" >&2
  cat "$OUT/server.err" >&2
  exit 1
fi
export CHROMIUM
node tests/e2e/e2e.mjs "$URL" "$OUT"
