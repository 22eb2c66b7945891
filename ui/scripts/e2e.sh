#!/usr/bin/env bash
# The UI against its mock backend in headless Chromium (ui/scripts/e2e.mjs): builds ui/dist
# when missing, serves it with `vite preview` on a free port, runs the steps, stops the server.
# The real app under WebKitGTK is tests/e2e/run.sh; this one reaches what WebDriver cannot
# (dragging sections, key chords) and runs without the Rust build.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -x "$CHROMIUM" ] || { echo "ui-e2e: Chromium is missing: run scripts/setup.sh (apt-get install chromium)" >&2; exit 1; }
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build --silent >/dev/null
PORT="$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
npx vite preview --host 127.0.0.1 --port "$PORT" --strictPort >/tmp/tre-ui-preview.$$.log 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -f /tmp/tre-ui-preview.$$.log' EXIT
for _ in $(seq 1 100); do
  node -e "require('http').get('http://127.0.0.1:$PORT/', () => process.exit(0)).on('error', () => process.exit(1))" && break
  sleep 0.1
done
CHROMIUM="$CHROMIUM" TRE_UI_URL="http://127.0.0.1:$PORT/" timeout 600 node scripts/e2e.mjs
