#!/usr/bin/env bash
# The UI in headless Chromium against the real core (ui/scripts/e2e.mjs over tre-dev-server,
# started by with-core.sh on a fresh database). The real app under WebKitGTK is
# tests/e2e/run.sh; this one reaches what WebDriver cannot (dragging sections, key chords).
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -x "$CHROMIUM" ] || { echo "ui-e2e: Chromium is missing: run scripts/setup.sh (apt-get install chromium)" >&2; exit 1; }
# Build first, outside the time limit: on a fresh clone compiling the dev server alone may
# take most of ten minutes on two cores; the limit is for the click-through itself.
(cd .. && PATH="$HOME/.cargo/bin:$PATH" cargo build --locked --quiet -p tre-dev-server)
CHROMIUM="$CHROMIUM" timeout 600 bash scripts/with-core.sh node scripts/e2e.mjs
