#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS, seeded from the bundled sample and ../shared when present.
# usage: tools/fuzz.sh BUILD_DIR SECONDS
set -euo pipefail
dir=$1 secs=$2
root=$(cd "$(dirname "$0")/.." && pwd)
for t in doc_text doc_html doc_docx num; do
  corpus="$dir/corpus-$t"
  mkdir -p "$corpus"
  cp "$root"/examples/* "$corpus"/ 2>/dev/null || true
  case $t in
    doc_docx) [ -d "$root/../shared/corpus/raw" ] && cp "$root"/../shared/corpus/raw/*.docx "$corpus"/ 2>/dev/null || true ;;
    *) [ -d "$root/../shared/seed" ] && cp "$root"/../shared/seed/*.txt "$corpus"/ 2>/dev/null || true ;;
  esac
  echo "== fuzz_$t for ${secs}s"
  "$dir/fuzz/fuzz_$t" -max_total_time="$secs" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$corpus" 2>&1 | grep -E "stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY|Done" || true
  # a crash leaves crash-* files and a non-zero status above; fail loudly
  if ls crash-* leak-* timeout-* oom-* >/dev/null 2>&1; then echo "fuzz_$t found a failing input"; exit 1; fi
done
