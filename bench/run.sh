#!/usr/bin/env bash
# Throughput (MB/s, one core) and peak RSS of parse, numbers and extract over every report in
# SHARED/corpus/reports, each command run once over all files in one process.
# usage: bench/run.sh BIN SHARED        (a measurement, not a test: prints figures, never fails on them)
set -euo pipefail
bin=$1 shared=$2
files=$(find "$shared/corpus/reports" -name '*.txt' | sort)
bytes=$(cat $files | wc -c)
echo "corpus: $(echo "$files" | wc -l) reports, $bytes bytes"; echo
for cmd in parse numbers extract; do
  out=$( { /usr/bin/time -f '%e %M' "$bin" $cmd $files >/dev/null; } 2>&1 | tail -n 1)
  secs=${out% *} rss=${out#* }
  python3 -c "import sys; b,s,r=map(float,sys.argv[1:4]); print(f'{sys.argv[4]:8s} {b/1e6/max(s,1e-3):8.1f} MB/s  peak RSS {r/1024:.1f} MiB  ({s:.2f} s)')" "$bytes" "$secs" "$rss" "$cmd"
done
