#!/usr/bin/env bash
# The store at two sizes: the real corpus, and a synthetic corpus of N reports (bench/synth.py).
# Reports ingest time and MB/s, database size, and the median latency of a panel, a targets query
# and a search over 9 runs each. A measurement, never a test.
# usage: bench/store.sh BIN SHARED [N=10000] [WORKDIR=/tmp/govreport-bench]
set -euo pipefail
bin=$1 shared=$2 n=${3:-10000} work=${4:-/tmp/govreport-bench}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
now() { date +%s.%N; }
median_ms() { # command...
  local ts=()
  for _ in 1 2 3 4 5 6 7 8 9; do
    local a b; a=$(now); "$@" >/dev/null; b=$(now)
    ts+=("$(python3 -c "print(($b - $a) * 1000)")")
  done
  printf '%s\n' "${ts[@]}" | sort -n | sed -n 5p | xargs printf '%.1f'
}
measure() { # label dir
  local label=$1 dir=$2 db=$work/$1.db
  rm -f "$db" "$db-wal" "$db-shm"
  local bytes; bytes=$(find "$dir" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
  local files; files=$(find "$dir" -name '*.txt' | wc -l)
  local a b; a=$(now); "$bin" ingest --db "$db" "$dir" 2>/dev/null || true; b=$(now)
  local secs; secs=$(python3 -c "print(f'{$b - $a:.2f}')")
  local size; size=$(du -b "$db" | cut -f1)
  echo "$label: $files reports, $(python3 -c "print(f'{$bytes/1e6:.1f}')") MB: ingest ${secs} s" \
       "($(python3 -c "print(f'{$bytes/1e6/($b - $a):.1f}')") MB/s), database $(python3 -c "print(f'{$size/1e6:.0f}')") MB"
  echo "  panel gdp growth actual, all levels:   $(median_ms "$bin" panel --db "$db" --indicator gdp --format csv) ms"
  echo "  targets gdp, province:                  $(median_ms "$bin" targets --db "$db" --indicator gdp --level province --format csv) ms"
  echo "  search 新质生产力 (top 20):              $(median_ms "$bin" search --db "$db" --format csv 新质生产力) ms"
}
measure corpus "$shared/corpus/reports"
if [ "$n" -gt 0 ]; then
  rm -rf "$work/synth" && python3 "$root/bench/synth.py" "$shared" "$work/synth" "$n"
  measure "synthetic-$n" "$work/synth"
fi
