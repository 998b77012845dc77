#!/usr/bin/env bash
# CLI tests: exit codes, error messages with file and offset, formats, stdin. usage: cli.sh BIN ROOT SPEC
set -u
bin=$1 root=$2
pass=0 fail=0
t() { # name, expected exit code, command...
  local name=$1 want=$2; shift 2
  "$@" >/tmp/gr-cli.out 2>/tmp/gr-cli.err; local rc=$?
  if [ "$rc" = "$want" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $name: exit $rc, want $want"; cat /tmp/gr-cli.err; fi
}
has() { # name, file, pattern
  if grep -q -- "$3" "$2"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $1: no '$3' in $2"; head -c 400 "$2"; fi
}
sample=$root/examples/sample-county-2024.txt
t help 0 "$bin" --help;                        has help /tmp/gr-cli.out "extract"
t unknown-command 2 "$bin" frobnicate;         has unknown /tmp/gr-cli.err "Try 'govreport --help'"
t no-files 2 "$bin" extract;                   has no-files /tmp/gr-cli.err "no input files"
t bad-format 2 "$bin" parse --format xml "$sample"
t missing-file 1 "$bin" parse /nonexistent.txt; has missing /tmp/gr-cli.err "govreport: /nonexistent.txt: No such file"
printf 'abc\0def' >/tmp/gr-bin.txt
t binary 1 "$bin" parse /tmp/gr-bin.txt;       has binary /tmp/gr-cli.err "/tmp/gr-bin.txt:3: binary data"
: >/tmp/gr-empty.txt
t empty 1 "$bin" parse /tmp/gr-empty.txt;      has empty /tmp/gr-cli.err "empty file"
# one bad file does not stop the others
t mixed 1 "$bin" extract --format jsonl /tmp/gr-empty.txt "$sample"; has mixed /tmp/gr-cli.out '"type":"fact"'
t parse-json 0 "$bin" parse "$sample";         has parse-json /tmp/gr-cli.out '"region":"青溪县"'
has parse-boiler /tmp/gr-cli.out '"boilerplate":true'
t outline 0 "$bin" parse --format outline "$sample"; has outline /tmp/gr-cli.out "review 2023, plan 2024"
t extract-csv 0 "$bin" extract --format csv --bom "$sample"; has csv-head /tmp/gr-cli.out "file,region,region_code"
has csv-row /tmp/gr-cli.out '"地区生产总值","gdp",amount,218.6'
echo '地区生产总值增长5.5%左右' | "$bin" numbers - >/tmp/gr-cli.out; has numbers-stdin /tmp/gr-cli.out '"approx":"about"'
t numbers-stdin 0 sh -c "echo '增长6%左右' | '$bin' numbers -"
# HTML: furniture dropped, and a fact's byte offsets point at its number in the page as saved
html=$root/examples/sample-county-2024.html
t html 0 "$bin" extract --format jsonl "$html"
got=$(python3 -c 'import json,sys
recs=[json.loads(l) for l in open(sys.argv[1])]
f=[r for r in recs if r["type"]=="fact"][0]
print(open(sys.argv[2],"rb").read()[f["start"]:f["end"]].decode())' /tmp/gr-cli.out "$html")
if [ "$got" = "２１８．６亿元" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL html-offsets: got '$got'"; fi
t html-parse 0 "$bin" parse "$html"; has html-nav-dropped /tmp/gr-cli.out '"text":"青溪县2024年政府工作报告"'
if grep -q '首页 > 报告库' /tmp/gr-cli.out; then fail=$((fail+1)); echo "FAIL html-nav: nav text kept"; else pass=$((pass+1)); fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
