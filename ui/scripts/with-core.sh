#!/usr/bin/env bash
# Runs a command against the built UI served by the real core: builds ui/dist and the
# loopback dev server (dev-server/), starts it on a fresh database and export folder in a
# temporary directory, runs the command with TRE_UI_URL (and TRE_TEST_DIR, where the exports
# land) set, then stops the server and removes the directory.
#   bash scripts/with-core.sh node scripts/e2e.mjs
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(cd .. && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build --silent >/dev/null
(cd "$ROOT" && cargo build --locked --quiet -p tre-dev-server)
SERVER_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/tre-dev-server"
DIR="$(mktemp -d /tmp/tre-ui.XXXXXX)"
"$SERVER_BIN" --db "$DIR/tre.db" --export-dir "$DIR/Tre" --ui "$PWD/dist" >"$DIR/url" 2>"$DIR/server.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 100); do
  [ -s "$DIR/url" ] && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
  sleep 0.1
done
URL="$(head -n1 "$DIR/url")"
[ -n "$URL" ] || { echo "tre-dev-server did not start" >&2; cat "$DIR/server.log" >&2; exit 1; }
status=0
TRE_UI_URL="$URL" TRE_TEST_DIR="$DIR" "$@" || status=$?
if [ -s "$DIR/server.log" ]; then echo "--- tre-dev-server:"; cat "$DIR/server.log"; fi
exit "$status"
