#!/usr/bin/env bash
# Throughput (MB/s on one core) and peak RSS of parse, numbers and extract over every report in
# SHARED/corpus/reports: each command reads all the files in one process, REPEAT times over
# (default 5, so that a run lasts long enough to time), output to /dev/null; the best of ROUNDS
# runs (default 5) is reported, as the machine's other load only slows a run.
# usage: bench/run.sh BIN SHARED [ROUNDS] [REPEAT]   (a measurement, not a test: it never fails on a figure)
set -euo pipefail
bin=$1 shared=$2 rounds=${3:-5} repeat=${4:-5}
mapfile -t once < <(find "$shared/corpus/reports" -name '*.txt' | sort)
files=()
for _ in $(seq "$repeat"); do files+=("${once[@]}"); done
bytes=$(cat "${files[@]}" | wc -c)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
echo "corpus: ${#once[@]} reports read $repeat times, $bytes bytes; best of $rounds runs; $(nproc) cores, one used"
for cmd in parse numbers extract; do
  best=
  for _ in $(seq "$rounds"); do
    # wall time to the microsecond (bash's EPOCHREALTIME; time's %e has only 10 ms steps), peak RSS
    # from GNU time
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%M' -o "$tmp" "$bin" "$cmd" "${files[@]}" >/dev/null
    t1=$EPOCHREALTIME
    secs=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$t1")
    rss=$(tail -n 1 "$tmp")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$secs" "${best% *}"; then
      best="$secs $rss"
    fi
  done
  python3 -c "import sys; b,s,r=map(float,sys.argv[1:4]); print(f'{sys.argv[4]:8s} {b/1e6/max(s,1e-3):8.1f} MB/s  peak RSS {r/1024:6.1f} MiB  ({s:.3f} s)')" "$bytes" ${best% *} ${best#* } "$cmd"
done
