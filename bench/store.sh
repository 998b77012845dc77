#!/usr/bin/env bash
# The store at scale: the real corpus, then a synthetic corpus (bench/synth.py) ingested in steps
# into one database, measured after each step. For each: ingest MB/s against `extract` MB/s on the
# same files (one process, one core, output to /dev/null), the database's size against its input,
# and the latency of a panel, a targets query and a search (p50, p99 and the slowest of RUNS runs,
# 101 unless set). A measurement, never a test.
# usage: bench/store.sh BIN SHARED [STEPS=10000] [WORKDIR=/tmp/govreport-bench]
#   STEPS: report counts, comma-separated, ascending (10000,80000: 10,000 reports, then 70,000
#   more into the same database); 0 measures the corpus only. QUERIES_ONLY=DB: the queries alone,
#   on a database made before
set -euo pipefail
bin=$(realpath "$1") shared=$2 steps=${3:-10000} work=${4:-/tmp/govreport-bench}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
now() { date +%s.%N; }
py() { python3 -c "import sys; print($1)" "${@:2}"; }
runs=${RUNS:-101}
latency() { # label command...: p50, p99 (nearest rank) and max of $runs runs, in ms
  local label=$1 ts=() a b sorted
  shift
  for _ in $(seq "$runs"); do
    a=$(now); "$@" >/dev/null; b=$(now)
    ts+=("$(py "f'{(float(sys.argv[2]) - float(sys.argv[1])) * 1000:.1f}'" "$a" "$b")")
  done
  sorted=$(printf '%s\n' "${ts[@]}" | sort -n)
  printf '  %-36s p50 %7s ms   p99 %7s ms   max of %s %7s ms\n' "$label" \
    "$(sed -n "$(( (runs + 1) / 2 ))p" <<<"$sorted")" "$(sed -n "$(( (99 * runs + 99) / 100 ))p" <<<"$sorted")" \
    "$runs" "$(tail -1 <<<"$sorted")"
}
bytes_of() { find "$@" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1; }
queries() { # db
  latency "panel gdp growth actual, all levels" "$bin" panel --db "$1" --indicator gdp --format csv
  latency "panel gdp, county, wide" "$bin" panel --db "$1" --indicator gdp --level county --wide --format csv
  latency "targets gdp, province" "$bin" targets --db "$1" --indicator gdp --level province --format csv
  latency "search 新质生产力 (top 20)" "$bin" search --db "$1" --format csv 新质生产力
}
# ingest DIR into DB (after what it holds), against extract over DIR; then the queries
step() { # label db dir input_so_far
  local label=$1 db=$2 dir=$3 total=$4
  local bytes files a b c
  bytes=$(bytes_of "$dir") files=$(find "$dir" -name '*.txt' | wc -l)
  a=$(now); find "$dir" -name '*.txt' -print0 | xargs -0 "$bin" extract --format jsonl >/dev/null; b=$(now)
  "$bin" ingest --db "$db" "$dir" 2>"$work/ingest.err" || true; c=$(now)
  tail -n 1 "$work/ingest.err" | sed 's/^/  /'
  local size; size=$(du -b "$db" | cut -f1)
  echo "$label: +$files reports, $(py "f'{int(sys.argv[1]) / 1e6:.1f}'" "$bytes") MB:" \
       "extract $(py "f'{int(sys.argv[1]) / 1e6 / (float(sys.argv[3]) - float(sys.argv[2])):.1f}'" "$bytes" "$a" "$b") MB/s," \
       "ingest $(py "f'{int(sys.argv[1]) / 1e6 / (float(sys.argv[3]) - float(sys.argv[2])):.1f}'" "$bytes" "$b" "$c") MB/s" \
       "(ratio $(py "f'{(float(sys.argv[2]) - float(sys.argv[1])) / (float(sys.argv[4]) - float(sys.argv[3])):.2f}'" "$a" "$b" "$b" "$c")," \
       "$(py "f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}'" "$b" "$c") s);" \
       "database $(py "f'{int(sys.argv[1]) / 1e6:.0f}'" "$size") MB = $(py "f'{int(sys.argv[1]) / int(sys.argv[2]):.2f}'" "$size" "$total") x its input"
  queries "$db"
}
if [ -n "${QUERIES_ONLY:-}" ]; then # the queries alone, on a database made before: QUERIES_ONLY=DB
  echo "$QUERIES_ONLY: $("$bin" sql --db "$QUERIES_ONLY" --format csv "SELECT count(*) FROM documents" | tail -1) documents"
  queries "$QUERIES_ONLY"
  exit 0
fi
rm -f "$work/corpus.db"*
step corpus "$work/corpus.db" "$shared/corpus/reports" "$(bytes_of "$shared/corpus/reports")"
[ "$steps" = 0 ] && exit 0
last=${steps##*,}
if [ ! -f "$work/synth-$last/.complete" ]; then # made once per size, kept for the next run
  rm -rf "$work/synth-$last" && python3 "$root/bench/synth.py" "$shared" "$work/synth-$last/all" "$last"
  prev=0 k=0
  for n in ${steps//,/ }; do # the files of each step in a directory of their own
    k=$((k + 1)); mkdir -p "$work/synth-$last/step$k"
    for i in $(seq "$prev" $((n - 1))); do printf 'synth-%05d.txt\n' "$i"; done |
      (cd "$work/synth-$last/all" && xargs mv -t "../step$k")
    prev=$n
  done
  rmdir "$work/synth-$last/all"; touch "$work/synth-$last/.complete"
fi
db=$work/synthetic.db
rm -f "$db"*
k=0 total=0
for n in ${steps//,/ }; do
  k=$((k + 1))
  total=$((total + $(bytes_of "$work/synth-$last/step$k")))
  step "synthetic, $n reports" "$db" "$work/synth-$last/step$k" "$total"
done
