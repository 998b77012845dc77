#!/usr/bin/env bash
# `govreport terms` over the whole corpus against `govreport extract` over the same files, as a
# ratio of throughputs (MB of the reports' original bytes per second; the best of ROUNDS runs each).
# terms reads the stored sources back from SQLite and parses them again, then scans the body with
# the dictionary; extract reads the files, parses them and extracts every figure.
# usage: bench/terms.sh BIN SHARED [ROUNDS]   (a measurement, never a test)
set -euo pipefail
bin=$(realpath "$1") shared=$2 rounds=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
[ -d "$shared/corpus/reports" ] || { echo "bench/terms.sh: $shared/corpus/reports is not there"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" ingest --db "$tmp/c.db" "$shared/corpus/reports" >/dev/null 2>&1
# the stored reports' files (alternate copies left out: terms reads each report once)
"$bin" sql --db "$tmp/c.db" --format csv "SELECT file FROM documents" | tail -n +2 > "$tmp/files"
bytes=$(xargs -d '\n' cat < "$tmp/files" | wc -c)
mb=$(python3 -c "print($bytes / 1e6)")
read -r ex exrss < <(best_run "$rounds" xargs -d '\n' -a "$tmp/files" "$bin" extract --format jsonl)
read -r te terss < <(best_run "$rounds" "$bin" terms --db "$tmp/c.db" --dict environment --format csv)
read -r tb tbrss < <(best_run "$rounds" "$bin" terms --db "$tmp/c.db" --dict environment --dict innovation --dict livelihoods \
                       --dict opening-up --dict risk --by-term --format csv)
python3 - "$mb" "$(wc -l < "$tmp/files")" "$ex" "$exrss" "$te" "$terss" "$tb" "$tbrss" <<'PY'
import sys
mb, n = float(sys.argv[1]), int(sys.argv[2])
ex, exrss, te, terss, tb, tbrss = map(float, sys.argv[3:])
print(f"corpus: {n} reports, {mb:.1f} MB; best of the runs, peak RSS of one more")
print(f"extract --format jsonl               {ex:6.2f} s  {mb / ex:6.1f} MB/s  {exrss / 1024:6.1f} MiB")
print(f"terms --dict environment             {te:6.2f} s  {mb / te:6.1f} MB/s  {terss / 1024:6.1f} MiB   {ex / te:.2f}x extract")
print(f"terms, all five dictionaries by term {tb:6.2f} s  {mb / tb:6.1f} MB/s  {tbrss / 1024:6.1f} MiB   {ex / tb:.2f}x extract")
PY
