# bench/lib.sh - the timing the benchmarks share (sourced, not run).
# best_run ROUNDS CMD ARGS...: prints "SECONDS PEAK_RSS_KIB": the best wall time of ROUNDS plain
# runs of CMD (output to /dev/null), to the microsecond (bash's EPOCHREALTIME; time's %e has only
# 10 ms steps), and the peak RSS of one more run under GNU time. The two are kept apart so that
# time's own start, fork and wait (several ms) are not counted as the program's; the best run is
# taken because the machine's other load only ever slows a run.
best_run() {
  local rounds=$1 best= t0 t1 s tmp
  shift
  for _ in $(seq "$rounds"); do
    t0=$EPOCHREALTIME
    "$@" >/dev/null
    t1=$EPOCHREALTIME
    s=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$t1")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$s" "$best"; then
      best=$s
    fi
  done
  tmp=$(mktemp)
  /usr/bin/time -f '%M' -o "$tmp" "$@" >/dev/null
  echo "$best $(tail -n 1 "$tmp")"
  rm -f "$tmp"
}
