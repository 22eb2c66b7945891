#!/usr/bin/env bash
# Installs what Tre needs to build and test on Debian 12 / Ubuntu 22.04+.
# Run as root or with sudo available. Idempotent: safe to run again.
set -euo pipefail

APT_PACKAGES=(
  build-essential pkg-config   # C compiler for the bundled SQLite
  poppler-utils                # pdftotext, pdffonts, pdftoppm: tests read back the PDFs
  python3-docx                 # tests read the DOCX back as a script would
  libreoffice-writer-nogui     # tests render the DOCX as an office suite does (soffice)
  ca-certificates
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
echo "==> setup done (rustc $have)"
