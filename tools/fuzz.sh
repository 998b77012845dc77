#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (ASan+UBSan), seeded from the bundled samples and, when
# present, ../shared; a crash, leak, timeout or out-of-memory input fails the run and is kept in
# BUILD_DIR/artifacts/. Each corpus (BUILD_DIR/corpus-<target>) is kept from run to run; the CPU
# time of each run is printed when /usr/bin/time exists.
#   usage: tools/fuzz.sh BUILD_DIR SECONDS [TARGET...]      (default: every target)
set -uo pipefail
dir=$1 secs=$2
shift 2
targets=${*:-decode html docx doc num extract terms web markup store http tri}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir/artifacts"
status=0
for t in $targets; do
  corpus="$dir/corpus-$t"
  mkdir -p "$corpus"
  case $t in
    docx) cp "$root"/../shared/corpus/raw/*.docx "$corpus"/ 2>/dev/null ;;
    web) for p in "r/441882/2023" "d/1" "d/1/comment\n\nbody=x\ntoken=0\nanswer=1" "i/gdp\nlevel=province&year=2025" \
           "i/gdp/440000.svg" "search\nq=%E6%8A%A5%E5%91%8A" "api/r/441882/2023" "api/i/gdp\nkind=growth" "browse/county" \
           "sitemap.xml" "captcha/000000000000000000000000000000000000000000000000000000000000000000000000.png"; do
           printf '%b' "$p" > "$corpus/$(echo "$p" | md5sum | cut -c1-8)"; done ;;
    store) for p in "panel\n--indicator\ngdp\n--wide" "\x02地区生产总值\n--level\ncounty" "\x03SELECT * FROM facts" \
             "\x01--indicator\ngdp\n--years\n2020-2026" "\x04--dict\nenvironment\n--wide\n--value\nshare" "\x05--format\ncsv"; do
             printf '%b' "$p" > "$corpus/$(echo "$p" | md5sum | cut -c1-8)"; done ;;
    http) for p in "GET / HTTP/1.1\r\nHost: x\r\n\r\n" "GET /d/1?terms=risk HTTP/1.1\r\nHost: x\r\nIf-None-Match: W/\"0\"\r\n\r\n" \
            "POST /d/1/comment HTTP/1.1\r\nHost: x\r\nOrigin: http://x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 28\r\n\r\ntoken=0&answer=1&body=x&name" \
            "GET /api/i/gdp?level=county HTTP/1.0\r\n\r\n" "HEAD /search?q=%E5%A2%9E%E9%95%BF&page=2 HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\nGET /sitemap.xml HTTP/1.1\r\nHost: y\r\n\r\n" \
            "POST /d/1/comment HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n4\r\nbody\r\n0\r\n\r\n"; do
            printf '%b' "$p" > "$corpus/$(echo "$p" | md5sum | cut -c1-8)"; done ;;
    terms) for f in "$root"/data/terms/*.txt; do # a bundled dictionary, a NUL, a sample report
             { cat "$f"; printf '\0'; cat "$root"/examples/sample-county-2024.txt; } > "$corpus/$(basename "$f")"; done ;;
    *) cp "$root"/examples/* "$root"/../shared/seed/*.txt "$corpus"/ 2>/dev/null ;;
  esac
  echo "== fuzz_$t for ${secs}s"
  timer=(); [ -x /usr/bin/time ] && timer=(/usr/bin/time -f "cpu_seconds: %U user %S sys, wall %e s, max_rss %M KiB" -o "$dir/fuzz-$t.time")
  extra=(); [ "$t" = store ] && extra=(-close_fd_mask=3) # the commands' own output and messages
  "${timer[@]}" "$dir/fuzz/fuzz_$t" "${extra[@]}" -max_total_time="$secs" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -dict="$root/fuzz/dict.txt" -artifact_prefix="$dir/artifacts/$t-" \
    "$corpus" >"$dir/fuzz-$t.log" 2>&1
  rc=$?
  grep -E "^Done|stat::number_of_executed_units|stat::peak_rss_mb|^#[0-9]+.*cov:" "$dir/fuzz-$t.log" | tail -3
  [ -f "$dir/fuzz-$t.time" ] && cat "$dir/fuzz-$t.time"
  if [ $rc -ne 0 ]; then
    echo "fuzz_$t FAILED (exit $rc): see $dir/fuzz-$t.log and $dir/artifacts/"; grep -m5 -E "ERROR|SUMMARY" "$dir/fuzz-$t.log"
    status=1
  fi
done
exit $status
