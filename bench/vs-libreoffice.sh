#!/usr/bin/env bash
# Tre against LibreOffice, side by side in one run (issue 11 part 6): the same demo plan
# (a) exported by a whole `tre export plan ID --format pdf` process and (b) converted to PDF
# by LibreOffice from Tre's own DOCX of that plan. Prints the median wall time of each, the
# ratio, and both PDF sizes. Results go by hand into bench/RESULTS.md.
#
# Usage: bench/vs-libreoffice.sh [runs-of-tre] [runs-of-libreoffice]   (defaults 51 and 7)
#        TRE=path/to/tre bench/vs-libreoffice.sh …   (measure that binary, build nothing)
# Needs: cargo, LibreOffice (`apt-get install libreoffice-writer-nogui`, or scripts/setup.sh).
# hyperfine is not needed: each run is timed with bash's $EPOCHREALTIME (no fork for the
# clock). To cross-check by hand: `apt-get install hyperfine`, then run the printed commands.
set -euo pipefail
cd "$(dirname "$0")/.."
TRE_RUNS=${1:-51}
LO_RUNS=${2:-7}
command -v soffice >/dev/null || {
  echo "LibreOffice is needed: apt-get install libreoffice-writer-nogui" >&2
  exit 1
}

# TRE=path/to/tre uses that binary instead of building the release one.
if [ -z "${TRE:-}" ]; then
  cargo build --locked --release --bin tre >&2
  TRE=${CARGO_TARGET_DIR:-target}/release/tre
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/demo.db
ID=$("$TRE" --db "$DB" demo | head -n 1)
"$TRE" --db "$DB" export plan "$ID" --format docx --out "$WORK/plan.docx" >/dev/null
mkdir -p "$WORK/lo"

# Median of the wall times (seconds, one a line) on stdin.
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# Runs "$@" $1 times (after the count), prints one wall time in seconds a line.
time_runs() {
  local n=$1
  shift
  for ((i = 0; i < n; i++)); do
    local t0=$EPOCHREALTIME
    "$@" >/dev/null 2>&1
    local t1=$EPOCHREALTIME
    echo "${t1/[.,]/} ${t0/[.,]/}" | awk '{ printf "%.6f\n", ($1 - $2) / 1e6 }'
  done
}

tre_pdf() { "$TRE" --db "$DB" export plan "$ID" --format pdf --out "$WORK/tre.pdf"; }
lo_pdf() {
  soffice "-env:UserInstallation=file://$WORK/profile" --headless --convert-to pdf \
    --outdir "$WORK/lo" "$WORK/plan.docx"
}

# Warm both once: the first run of each pays the page cache and, for LibreOffice, the
# creation of its user profile; neither is what a user pays on the second document.
# (LibreOffice may exit non-zero on the run that creates its profile; the runs below count.)
tre_pdf >/dev/null
lo_pdf >/dev/null 2>&1 || true

tre_median=$(time_runs "$TRE_RUNS" tre_pdf | median)
lo_median=$(time_runs "$LO_RUNS" lo_pdf | median)
[ -s "$WORK/lo/plan.pdf" ] || {
  echo "LibreOffice wrote no PDF" >&2
  exit 1
}
tre_size=$(stat -c %s "$WORK/tre.pdf")
lo_size=$(stat -c %s "$WORK/lo/plan.pdf")

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), plan $ID, $TRE_RUNS runs of Tre, $LO_RUNS of LibreOffice"
awk -v t="$tre_median" -v l="$lo_median" 'BEGIN {
  printf "tre export plan → PDF, whole process, median: %8.2f ms\n", t * 1000
  printf "LibreOffice DOCX → PDF, whole process, median: %8.2f ms\n", l * 1000
  printf "ratio (LibreOffice / Tre): %.0f×\n", l / t
}'
echo "PDF size: Tre $tre_size bytes, LibreOffice $lo_size bytes"
