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
# --explain: every fact with its rule, clause, role and year reasons; JSON Lines carry the rule
t explain 0 "$bin" extract --explain "$sample"
nfacts=$("$bin" extract --format jsonl "$sample" | grep -c '"type":"fact"')
if [ "$(grep -c '^  rule:     [a-z_]*$' /tmp/gr-cli.out)" = "$nfacts" ] && [ "$(grep -c '^  year:     .' /tmp/gr-cli.out)" = "$nfacts" ] &&
   [ "$nfacts" -gt 10 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL explain: not one rule and one year reason per fact ($nfacts facts)"; fi
has explain-peeled /tmp/gr-cli.out "peeled: "
if [ "$(grep -c '^  tokens:   .*\[\(quantity\|rank\)\]' /tmp/gr-cli.out)" = "$nfacts" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL explain: not one tokens line, ending in the number, per fact"; fi
"$bin" extract --format jsonl "$sample" >/tmp/gr-cli.out; has jsonl-rule /tmp/gr-cli.out '"rule":"respectively"'
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
# a pasted paragraph: refused without saying whose, read as a plan fragment with --region/--year/--part
t fragment-refused 1 sh -c "echo '地区生产总值增长6%左右' | '$bin' extract -"
has fragment-refused /tmp/gr-cli.err "say which with --region and --year"
t fragment 0 sh -c "echo '地区生产总值增长6%左右' | '$bin' extract --format jsonl --region 容城县 --year 2024 --part plan -"
has fragment-doc /tmp/gr-cli.out '"region_code":"130629","level":"county","review_year":2023,"plan_year":2024'
has fragment-source /tmp/gr-cli.out '"region_source":"option"'
has fragment-fact /tmp/gr-cli.out '"role":"target","approx":"about","year":2024'
t bad-region 2 "$bin" extract --region 不存在县 "$sample"; has bad-region /tmp/gr-cli.err "no such division"
t bad-year 2 "$bin" parse --year 20x4 "$sample"
t bad-part 2 "$bin" parse --part preface "$sample"; has bad-part /tmp/gr-cli.err "plan, review"
t outline-source 0 "$bin" parse --format outline "$sample"; has outline-source /tmp/gr-cli.out "from the meeting line"
# ingest: a body with nothing of its own, told by a --hints file; --reextract reads it the same way
d=$(mktemp -d)
printf '一、过去一年的工作\n生产总值增长5.2%%。\n二、今年的目标\n生产总值增长6%%左右。\n' >"$d/body.txt"
printf 'file\tregion\tyear\nbody.txt\t容城县\t2024\n' >"$d/hints.tsv"
t ingest-hints 0 "$bin" ingest --db "$d/t.db" --hints "$d/hints.tsv" "$d/body.txt"
t ingest-hints-sql 0 "$bin" sql --db "$d/t.db" "SELECT region_code, plan_year, region_source, hint_region FROM documents"
has ingest-hints-row /tmp/gr-cli.out "130629,2024,option,容城县"
t reextract-hints 0 "$bin" ingest --db "$d/t.db" --reextract=all
t reextract-hints-facts 0 "$bin" sql --db "$d/t.db" "SELECT role, year FROM facts ORDER BY id"
has reextract-target /tmp/gr-cli.out "target,2024"
printf 'body.txt\t不存在县\t2024\n' >"$d/bad.tsv"
t ingest-bad-hints 2 "$bin" ingest --db "$d/t.db" --hints "$d/bad.tsv" "$d/body.txt"; has bad-hints /tmp/gr-cli.err "bad.tsv:1:"
# what users' files and databases can be (issue "Reliability, round two"): each failed before its fix
d=$(mktemp -d)
python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version=-3'); c.commit()" "$d/neg.db"
t neg-version-ingest 1 "$bin" ingest --db "$d/neg.db" "$sample"; has neg-version /tmp/gr-cli.err "schema version -3, which no govreport writes"
t neg-version-panel 1 "$bin" panel --db "$d/neg.db" --indicator gdp
t neg-version-serve 1 timeout 10 "$bin" serve --db "$d/neg.db" --listen 127.0.0.1:18931
# another user's database (or one on read-only media): readable, not writable; SQLite cannot make or
# write its shared-memory file, so the reader opens it as immutable
if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null && id nobody >/dev/null 2>&1; then
  ro=$(mktemp -d) && chmod 755 "$ro" && "$bin" ingest --db "$ro/ro.db" "$sample" >/dev/null 2>&1 && chmod 644 "$ro/ro.db"
  t ro-other-user-sql 0 runuser -u nobody -- "$bin" sql --db "$ro/ro.db" --format csv "SELECT count(*) FROM documents"
  has ro-other-user-count /tmp/gr-cli.out "^1$"
  t ro-other-user-panel 0 runuser -u nobody -- "$bin" panel --db "$ro/ro.db" --indicator gdp --format csv
  has ro-other-user-panel-rows /tmp/gr-cli.out "gdp,growth"
  t ro-other-user-ingest 1 runuser -u nobody -- "$bin" ingest --db "$ro/ro.db" "$sample"
  has ro-other-user-ingest-says /tmp/gr-cli.err "cannot write to it"
  # served as it is: its pages, no comment links or forms, a posted comment refused
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  runuser -u nobody -- "$bin" serve --db "$ro/ro.db" --listen "127.0.0.1:$port" --quiet 2>/tmp/gr-cli.serve &
  spid=$!
  t ro-other-user-serve 0 python3 - "$port" <<'PY'
import sys, time, urllib.request, urllib.error
base = f"http://127.0.0.1:{sys.argv[1]}"
page = ""
for _ in range(600):  # under valgrind the server takes seconds to start
    try:
        page = urllib.request.urlopen(base + "/d/1").read().decode()
        break
    except urllib.error.HTTPError:
        page = urllib.request.urlopen(base + "/d/2").read().decode()
        break
    except OSError:
        time.sleep(0.1)
assert "read-only: it takes no comments" in page and "/comment" not in page, page[-400:]
try:
    urllib.request.urlopen(urllib.request.Request(base + "/d/1/comment", data=b"body=x", method="POST"))
    sys.exit("a comment was taken")
except urllib.error.HTTPError as e:
    assert e.code in (403, 404), e.code
PY
  kill "$spid"; wait "$spid" 2>/dev/null
  rm -rf "$ro"
else
  echo "cli: skipped the other user's read-only database (needs root, runuser and the user nobody)"
fi
# a disk that fills: the error says so (it said "cannot rollback - no transaction is active")
full=$(mktemp -d)
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=100k tmpfs "$full" 2>/dev/null; then
  t full-disk 1 "$bin" ingest --db "$full/f.db" "$root/examples"
  has full-disk-says /tmp/gr-cli.err "database or disk is full"
  if grep -q "cannot rollback" /tmp/gr-cli.err; then fail=$((fail+1)); echo "FAIL full-disk: a rollback's error hid the cause"; else pass=$((pass+1)); fi
  umount "$full"
else
  echo "cli: skipped the full disk (needs root and a tmpfs mount)"
fi
rmdir "$full"
mkdir "$d/loop" && cp "$sample" "$d/loop/" && ln -s . "$d/loop/a" && ln -s . "$d/loop/b" && mkfifo "$d/loop/f.txt"
t loop-and-fifo 1 timeout 20 "$bin" ingest --db "$d/l.db" "$d/loop"
has fifo-skipped /tmp/gr-cli.err "f.txt: not a regular file (a FIFO, device or socket): skipped"
has loop-once /tmp/gr-cli.err "^1 files read"
cp "$sample" "$d/bad"$'\xff\xfe'".txt"
"$bin" extract --format jsonl "$d/bad"$'\xff\xfe'".txt" >/tmp/gr-cli.out
if python3 -c "import json, sys; [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]" /tmp/gr-cli.out 2>/dev/null; then
  pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL a file name that is no UTF-8 breaks the JSON Lines"; fi
"$bin" sql --db "$d/l.db" --format csv "SELECT '=HYPERLINK(1)' AS a, -3.5 AS b, '@SUM(A1)' AS c, '+7' AS d" >/tmp/gr-cli.out
has csv-formula /tmp/gr-cli.out "^\"'=HYPERLINK(1)\",-3.5,\"'@SUM(A1)\",+7\$"
for k in 1 2 3 4 5; do # two ingests into one new file: both finish, nothing counted failed, one copy each
  rm -f "$d/race.db"*
  "$bin" ingest --db "$d/race.db" "$root/examples" >"$d/r1" 2>&1 & p1=$!
  "$bin" ingest --db "$d/race.db" "$root/examples" >"$d/r2" 2>&1 & p2=$!
  wait $p1; r1=$?; wait $p2; r2=$?
  docs=$("$bin" sql --db "$d/race.db" --format csv "SELECT count(*) FROM documents" | tail -n 1)
  if [ "$r1$r2" = 00 ] && [ "$docs" = 2 ] && ! grep -q 'UNIQUE\|locked' "$d/r1" "$d/r2"; then pass=$((pass+1)); else
    fail=$((fail+1)); echo "FAIL concurrent ingests ($k): exit $r1 $r2, $docs documents"; cat "$d/r1" "$d/r2"; fi
done
# standard input is read to one byte past the 256 MiB cap, not to a gigabyte
# (under AddressSanitizer, whose shadow and quarantine add to it: a small quarantine, thrice the bound)
# (under valgrind, tools/valgrind.sh, the memory is valgrind's: no bound)
limit=400000; [ -n "${ASAN_OPTIONS:-}" ] && limit=1200000; [ -n "${GR_VG_BIN:-}" ] && limit=999999999
head -c 300000000 /dev/zero | ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=16" /usr/bin/time -f '%M' -o "$d/rss" \
  "$bin" numbers - >/dev/null 2>/tmp/gr-cli.err
if [ "$(tail -n 1 "$d/rss")" -lt "$limit" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL stdin over the cap took $(tail -n 1 "$d/rss") KiB"; fi
rm -rf "$d"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
