#!/usr/bin/env bash
# Installs what Tre needs to build and test on Debian 12 / Ubuntu 22.04+.
# Run as root or with sudo available. Idempotent: safe to run again.
set -euo pipefail

APT_PACKAGES=(
  build-essential pkg-config   # C compiler for the bundled SQLite
  libssl-dev libdbus-1-dev     # the outbox: TLS to the mail server (OpenSSL), the password store (Secret Service over D-Bus)
  poppler-utils                # pdftotext, pdffonts, pdftoppm: tests read back the PDFs
  python3-docx                 # tests read the DOCX back as a script would
  python3-openpyxl             # tests read and fill the XLSX workbooks as a script would
  python3-icalendar            # tests parse the deadlines' .ics as a calendar app would
  libreoffice-writer-nogui     # tests render the DOCX as an office suite does (soffice)
  ca-certificates
  # The desktop app (Tauri 2 on WebKitGTK 4.1)
  libwebkit2gtk-4.1-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev
  # The end-to-end test: a virtual screen, WebKit's WebDriver, screenshots, the test script
  xvfb webkit2gtk-driver imagemagick python3
  dbus-daemon dbus-bin notification-daemon  # a session bus and a notification server: the deadline reminder's test
  python3-venv                 # target/test-venv: the tests' PyPI packages (tests/requirements.txt)
  # The UI's click-through on the real core (ui/scripts/e2e.mjs, playwright-core)
  chromium
)

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# Node.js 20.19+ builds and tests the UI (Vite 8). Debian's own packages are tried first;
# Debian 12's nodejs is 18, too old: then say how to get a newer one.
need_node="20.19.0"
if ! command -v node >/dev/null 2>&1; then
  echo "==> apt-get install nodejs"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs
fi
if ! command -v npm >/dev/null 2>&1; then
  # NodeSource's nodejs ships npm itself; Debian's needs the separate package.
  echo "==> apt-get install npm"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm
fi
have_node=$(node --version 2>/dev/null | sed 's/^v//')
if [ -z "$have_node" ] || [ "$(printf '%s\n%s\n' "$need_node" "$have_node" | sort -V | head -n1)" != "$need_node" ]; then
  echo "Node.js ${have_node:-(none)} is too old for the UI build: Tre needs Node.js $need_node or newer." >&2
  echo "On Debian 12 install Node.js 20 or 22 from NodeSource (https://github.com/nodesource/distributions)" >&2
  echo "or with nvm (https://github.com/nvm-sh/nvm), then run this again." >&2
  echo "Node.js ${have_node:-(chưa có)} quá cũ: cần Node.js $need_node trở lên (cài từ NodeSource hoặc nvm)." >&2
  exit 1
fi

# The Rust toolchain comes from rustup (Debian's rustc is too old for the dependencies).
if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "Chưa có Rust. Cài bằng: curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh  (rồi mở lại cửa sổ dòng lệnh)" >&2
    echo "Rust is missing. Install it with rustup (https://rustup.rs), then run this again." >&2
    exit 1
  fi
fi
need="1.88"
have=$(rustc --version | awk '{print $2}')
if [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -n1)" != "$need" ]; then
  echo "Rust $have is too old; Tre needs $need or newer: run 'rustup update'." >&2
  exit 1
fi
# The tests' packages from PyPI (an independent PDF signer), in a virtual environment under
# target/ so the system's Python is left alone; made again when tests/requirements.txt changes.
venv="${CARGO_TARGET_DIR:-target}/test-venv"
if ! cmp -s tests/requirements.txt "$venv/requirements.txt" 2>/dev/null; then
  echo "==> python -m venv $venv; pip install -r tests/requirements.txt"
  rm -rf "$venv"
  py=/usr/bin/python3; [ -x "$py" ] || py=python3
  "$py" -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check --no-input -r tests/requirements.txt
  cp tests/requirements.txt "$venv/requirements.txt"
fi

echo "==> setup done (rustc $have, node $have_node)"
