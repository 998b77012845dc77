#!/usr/bin/env bash
# Runs tests/e2e/viewer.mjs: govreport serve in Debian's headless Chromium (playwright-core).
# usage: tests/e2e.sh BIN SRC SHARED SCREENSHOT_DIR
# Skips (exit 77) with a message when Chromium, Node.js, a CJK font or the playwright-core package is
# missing and cannot be installed (`make e2e-deps` installs chromium, the font and, where there is no
# node or npm, Debian's; npm fetches playwright-core); with GR_E2E_REQUIRED=1 (CI) it fails instead.
set -euo pipefail
bin=$1 src=$2 shared=$3 shots=$4
# in CI (GR_E2E_REQUIRED=1) a test that cannot run fails: a green run must have looked at the pages
skip() { if [ "${GR_E2E_REQUIRED:-0}" = 1 ]; then echo "e2e FAILED: cannot run: $*"; exit 1; fi; echo "e2e skipped: $*"; exit 77; }
[ -x /usr/bin/chromium ] || skip "no /usr/bin/chromium (apt-get install chromium)"
command -v node >/dev/null || skip "no node (apt-get install nodejs npm)"
fc-list :lang=zh 2>/dev/null | grep -q . || skip "no CJK font: Chinese would render as boxes (apt-get install fonts-wqy-microhei)"
if [ ! -d "$src/tests/e2e/node_modules/playwright-core" ]; then
  (cd "$src/tests/e2e" && npm install --no-audit --no-fund >/dev/null 2>&1) || skip "npm could not install playwright-core"
fi
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
inputs=("$src"/examples/*)
report=/d/1 chart=/i/gdp/no-data
if [ -f "$shared/seed/lianzhou-2023.txt" ]; then
  inputs+=("$shared/seed/lianzhou-2023.txt" "$shared"/corpus/reports/province/*.txt "$shared"/corpus/reports/national/*.txt)
  report=/r/441882/2023 chart=/i/gdp/440000
else
  echo "note: no shared corpus at $shared: the bundled samples only"
  chart='/i/gdp?level=province&no-data=1'  # no province in the library: the chart says "no figures"
fi
"$bin" ingest --db "$tmp/e2e.db" "${inputs[@]}" >/dev/null 2>&1
if [ "$report" = /d/1 ]; then
  report=/d/$("$bin" sql --db "$tmp/e2e.db" "SELECT id FROM documents WHERE format='text' ORDER BY id LIMIT 1" | tail -n 1)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --db "$tmp/e2e.db" --listen "127.0.0.1:$port" --test-captcha --quiet &
pid=$!
for _ in $(seq 50); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break; sleep 0.1; done
node "$src/tests/e2e/viewer.mjs" "http://127.0.0.1:$port" "$report" "$chart" "$shots"
