#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (ASan+UBSan), seeded from the bundled samples and, when
# present, ../shared; a crash, leak, timeout or out-of-memory input fails the run and is kept in
# BUILD_DIR/artifacts/.   usage: tools/fuzz.sh BUILD_DIR SECONDS
set -uo pipefail
dir=$1 secs=$2
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir/artifacts"
status=0
for t in decode html docx doc num extract; do
  corpus="$dir/corpus-$t"
  mkdir -p "$corpus"
  cp "$root"/examples/* "$corpus"/ 2>/dev/null
  case $t in
    docx) cp "$root"/../shared/corpus/raw/*.docx "$corpus"/ 2>/dev/null ;;
    *) cp "$root"/../shared/seed/*.txt "$corpus"/ 2>/dev/null ;;
  esac
  echo "== fuzz_$t for ${secs}s"
  "$dir/fuzz/fuzz_$t" -max_total_time="$secs" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -dict="$root/fuzz/dict.txt" -artifact_prefix="$dir/artifacts/$t-" \
    "$corpus" >"$dir/fuzz-$t.log" 2>&1
  rc=$?
  grep -E "^Done|stat::number_of_executed_units|stat::peak_rss_mb|^#[0-9]+.*cov:" "$dir/fuzz-$t.log" | tail -3
  if [ $rc -ne 0 ]; then
    echo "fuzz_$t FAILED (exit $rc): see $dir/fuzz-$t.log and $dir/artifacts/"; grep -m5 -E "ERROR|SUMMARY" "$dir/fuzz-$t.log"
    status=1
  fi
done
exit $status
