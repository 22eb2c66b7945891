#!/usr/bin/env bash
# Idle memory of the desktop app, as PSS summed over the app and its WebKit child processes
# (RSS double-counts WebKit's shared libraries). Usage: bench/app_memory.sh [path/to/tre-app]
# Starts the app on its own Xvfb display with the demo commune loaded, lets it settle,
# then reads /proc/PID/smaps_rollup of every process in the app's tree.
set -euo pipefail
APP=${1:-target/release/tre-app}
TRE=$(dirname "$APP")/tre
WORK=$(mktemp -d)
export TRE_DB="$WORK/tre.db" HOME="$WORK" WEBKIT_DISABLE_DMABUF_RENDERER=1 NO_AT_BRIDGE=1
DISPLAY_NUM=:$((90 + RANDOM % 9))
Xvfb "$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
cleanup() { kill "${APP_PID:-}" "$XVFB" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
"$TRE" demo >/dev/null 2>&1
sleep 1
DISPLAY=$DISPLAY_NUM "$APP" >/dev/null 2>&1 &
APP_PID=$!
sleep "${SETTLE:-12}"
tree_pids() { echo "$1"; for c in $(pgrep -P "$1"); do tree_pids "$c"; done; }
total=0
for pid in $(tree_pids "$APP_PID"); do
  pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
  rss=$(awk '/^Rss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
  printf '%-24s PSS %7s kB   RSS %7s kB\n' "$(cat /proc/$pid/comm 2>/dev/null)" "$pss" "$rss"
  total=$((total + pss))
done
echo "total PSS: $((total / 1024)) MB"
