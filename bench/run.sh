#!/usr/bin/env bash
# Throughput (MB/s on one core) and peak RSS of parse, numbers and extract over every report in
# SHARED/corpus/reports: each command reads all the files in one process, REPEAT times over
# (default 5, so that a run lasts long enough to time), output to /dev/null; the best of ROUNDS
# runs (default 5) is reported, as the machine's other load only slows a run (bench/lib.sh).
# usage: bench/run.sh BIN SHARED [ROUNDS] [REPEAT]   (a measurement, not a test: it never fails on a figure)
set -euo pipefail
bin=$1 shared=$2 rounds=${3:-5} repeat=${4:-5}
mapfile -t once < <(find "$shared/corpus/reports" -name '*.txt' | sort)
files=()
for _ in $(seq "$repeat"); do files+=("${once[@]}"); done
bytes=$(cat "${files[@]}" | wc -c)
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
echo "corpus: ${#once[@]} reports read $repeat times, $bytes bytes; best of $rounds runs; $(nproc) cores, one used"
for cmd in parse numbers extract; do
  read -r secs rss < <(best_run "$rounds" "$bin" "$cmd" "${files[@]}")
  python3 -c "import sys; b,s,r=map(float,sys.argv[1:4]); print(f'{sys.argv[4]:8s} {b/1e6/max(s,1e-3):8.1f} MB/s  peak RSS {r/1024:6.1f} MiB  ({s:.3f} s)')" "$bytes" "$secs" "$rss" "$cmd"
done
