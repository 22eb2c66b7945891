#!/usr/bin/env bash
# End-to-end test of the real app: builds what is missing, starts a private X server (Xvfb)
# and tauri-driver (with Debian's WebKitWebDriver), runs tests/e2e/app.py, and always stops
# what it started. Screenshots: target/e2e-artifacts/ (or $E2E_ARTIFACTS).
#
#   tests/e2e/run.sh            # or: make e2e
#   E2E_KEEP=1 tests/e2e/run.sh # keep the temp dir (database, exports, logs) for a look
#
# Needs the apt packages of scripts/setup.sh (xvfb, webkit2gtk-driver, poppler-utils, the
# webkit2gtk build packages) and installs tauri-driver into ~/.cargo/bin when missing.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
APP="$TARGET/debug/tre-app"
CLI="$TARGET/debug/tre"
ARTIFACTS="${E2E_ARTIFACTS:-$ROOT/target/e2e-artifacts}"
NATIVE_DRIVER="${WEBKIT_WEBDRIVER:-/usr/bin/WebKitWebDriver}"
# The desktop's notification server (Debian's notification-daemon), for the deadline reminder.
NOTIFY_DAEMON="${NOTIFICATION_DAEMON:-/usr/lib/notification-daemon/notification-daemon}"

say() { echo "==> e2e: $*"; }
die() { echo "E2E: $*" >&2; exit 1; }

for tool in Xvfb python3 pdftotext pdftoppm node npm dbus-daemon dbus-monitor; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing: run scripts/setup.sh (as root or with sudo)"
done
[ -x "$NATIVE_DRIVER" ] || die "$NATIVE_DRIVER is missing: apt-get install webkit2gtk-driver (scripts/setup.sh does it)"
[ -x "$NOTIFY_DAEMON" ] || die "$NOTIFY_DAEMON is missing: apt-get install notification-daemon (scripts/setup.sh does it)"

# --- build what is missing or stale ------------------------------------------------------------
if [ ! -d ui/node_modules ]; then
  say "npm ci"
  (cd ui && npm ci --no-audit --no-fund)
fi
if [ ! -f ui/dist/index.html ] || [ -n "$(find ui/src ui/index.html ui/public ui/package-lock.json ui/vite.config.ts -newer ui/dist/index.html -print -quit 2>/dev/null)" ]; then
  say "building the UI (ui/dist)"
  (cd ui && npm run build --silent)
fi
say "building the app and the CLI (debug)"
cargo build --locked -p tre-app --features custom-protocol --bin tre-app
cargo build --locked -p tre --bin tre
if ! command -v tauri-driver >/dev/null 2>&1; then
  say "installing tauri-driver (cargo install tauri-driver --locked)"
  # Its own target dir: the app's stays a debug-only cache.
  env -u CARGO_TARGET_DIR cargo install tauri-driver --locked
fi

# --- a fresh world: database, export folder, home ----------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tre-e2e.XXXXXX")"
rm -rf "$ARTIFACTS" && mkdir -p "$ARTIFACTS"
XVFB_PID=""
DRIVER_PID=""
BUS_PID=""
NOTIFY_PID=""
MONITOR_PID=""

# Processes of this run's app (same binary and same TRE_DB), wherever they were started from.
our_apps() {
  local p exe
  for p in /proc/[0-9]*; do
    exe="$(readlink "$p/exe" 2>/dev/null)" || continue
    [ "$exe" = "$(readlink -f "$APP")" ] || continue
    tr '\0' '\n' <"$p/environ" 2>/dev/null | grep -qxF "TRE_DB=$WORK/tre.db" && echo "${p#/proc/}"
  done
  return 0
}

cleanup() {
  local rc=$?
  set +e
  # tauri-driver runs in its own process group (setsid): it, WebKitWebDriver and the app.
  if [ -n "$DRIVER_PID" ]; then
    kill -TERM -- "-$DRIVER_PID" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$DRIVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$DRIVER_PID" 2>/dev/null
  fi
  local left
  left="$(our_apps)"
  if [ -n "$left" ]; then
    kill -TERM $left 2>/dev/null; sleep 0.5
    left="$(our_apps)"; [ -n "$left" ] && kill -KILL $left 2>/dev/null
  fi
  local pid
  for pid in $MONITOR_PID $NOTIFY_PID $BUS_PID; do kill -TERM "$pid" 2>/dev/null; done
  if [ -n "$XVFB_PID" ]; then
    kill -TERM "$XVFB_PID" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$XVFB_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$XVFB_PID" 2>/dev/null
  fi
  cp "$WORK"/*.log "$ARTIFACTS/" 2>/dev/null
  if [ "${E2E_KEEP:-}" = 1 ] || [ "$rc" -ne 0 ]; then
    echo "E2E: kept $WORK (database, exports, logs)"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- X server: Xvfb picks a free display and writes its number to fd 3 -------------------------
say "starting Xvfb"
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp -noreset 3>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/display" ] && break; kill -0 "$XVFB_PID" 2>/dev/null || break; sleep 0.1; done
[ -s "$WORK/display" ] || die "Xvfb did not start: $(cat "$WORK/xvfb.log")"
export DISPLAY=":$(tr -d '[:space:]' <"$WORK/display")"

# --- a session bus of our own with a notification server, and a record of what it is sent -----
say "starting a session bus, notification-daemon and dbus-monitor"
# Its own configuration: no service files, so nothing of the system's (portals, dconf, the
# accessibility bus) is started on it and the app meets the bus it would meet without one.
cat >"$WORK/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$WORK/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
dbus-daemon --config-file="$WORK/bus.conf" --fork --nopidfile \
  --print-address=3 --print-pid=4 3>"$WORK/bus-address" 4>"$WORK/bus-pid" >"$WORK/dbus.log" 2>&1 || die "dbus-daemon did not start: $(cat "$WORK/dbus.log")"
BUS_PID="$(tr -d '[:space:]' <"$WORK/bus-pid")"
BUS="$(head -n 1 "$WORK/bus-address")"
DBUS_SESSION_BUS_ADDRESS="$BUS" "$NOTIFY_DAEMON" >"$WORK/notification-daemon.log" 2>&1 &
NOTIFY_PID=$!
export E2E_NOTIFICATIONS="$WORK/notifications.log"
DBUS_SESSION_BUS_ADDRESS="$BUS" dbus-monitor --session "type='method_call',interface='org.freedesktop.Notifications',member='Notify'" \
  >"$E2E_NOTIFICATIONS" 2>"$WORK/dbus-monitor.log" &
MONITOR_PID=$!
notify_up() { DBUS_SESSION_BUS_ADDRESS="$BUS" dbus-send --session --print-reply --dest=org.freedesktop.Notifications /org/freedesktop/Notifications org.freedesktop.Notifications.GetServerInformation >/dev/null 2>&1; }
for _ in $(seq 1 50); do notify_up && break; kill -0 "$NOTIFY_PID" 2>/dev/null || break; sleep 0.1; done
notify_up || die "notification-daemon did not start: $(cat "$WORK/notification-daemon.log")"

# --- tauri-driver on free ports ----------------------------------------------------------------
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT="${E2E_PORT:-4444}"
python3 -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1', $PORT)) == 0)" || PORT="$(free_port)"
NATIVE_PORT="$(free_port)"

mkdir -p "$WORK/home/run" "$WORK/exports" && chmod 700 "$WORK/home/run"
export TRE_APP="$APP" TRE_CLI="$CLI"
export TRE_DB="$WORK/tre.db" TRE_EXPORT_DIR="$WORK/exports/Tre" E2E_ARTIFACTS="$ARTIFACTS"
# The outbox's password for the test SMTP server (tests/e2e/register.py starts it): read by
# the app instead of a credential store, which a headless test machine does not run.
export TRE_SMTP_PASSWORD="tre-e2e-mat-khau"
export WEBDRIVER_URL="http://127.0.0.1:$PORT"
say "starting tauri-driver on port $PORT (DISPLAY=$DISPLAY)"
# HOME and the XDG dirs point into the temp dir only for the app (window state, Documents).
HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share" \
  XDG_CACHE_HOME="$WORK/home/.cache" XDG_RUNTIME_DIR="$WORK/home/run" DBUS_SESSION_BUS_ADDRESS="$BUS" \
  WEBKIT_DISABLE_DMABUF_RENDERER=1 NO_AT_BRIDGE=1 LANG=C.UTF-8 \
  setsid tauri-driver --port "$PORT" --native-port "$NATIVE_PORT" --native-driver "$NATIVE_DRIVER" \
  >"$WORK/tauri-driver.log" 2>&1 &
DRIVER_PID=$!
driver_up() { python3 -c "import urllib.request as u; u.urlopen('$WEBDRIVER_URL/status', timeout=2)" >/dev/null 2>&1; }
for _ in $(seq 1 100); do
  driver_up && break
  kill -0 "$DRIVER_PID" 2>/dev/null || break
  sleep 0.1
done
driver_up || die "tauri-driver did not start: $(cat "$WORK/tauri-driver.log")"

say "driving the app (timeout 600 s)"
timeout --kill-after=10 600 python3 -u tests/e2e/app.py
