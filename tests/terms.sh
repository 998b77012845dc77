#!/usr/bin/env bash
# `govreport terms` on reports written for this test (a county of no real name), with counts worked
# out by hand: leftmost-longest matches without overlaps, terms inside longer terms, boilerplate,
# front matter and notes left out, parts, traditional forms, topics, --show offsets into the file,
# wide form, and the errors a user meets first. On the real reports (SHARED's provincial ones, when
# there): every count and body length equals a count made apart, in Python, over the paragraphs
# ingest stored. usage: terms.sh BIN [SHARED]
set -u
bin=$1 shared=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
no() { fail=$((fail+1)); echo "FAIL $*"; }
eq() { [ "$2" = "$3" ] && ok || no "$1: got '$2', want '$3'"; }
# The page: 环保 and 碳达峰 stand in the site's menu and footer only; 生态 in the title and the
# notes; the body has 环境保护 (once, not also 环保), 环保 twice, 生态环境 (生态 inside a longer term
# when 生态环境 is listed), and 環保 (traditional: not listed, not counted).
mkdir -p "$tmp/r"
cat > "$tmp/r/lanxi-2024.html" <<'HTML'
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>岚溪县2024年政府工作报告（生态）</title></head>
<body>
<nav class="menu">首页 &gt; 环保专栏 &gt; 碳达峰专题</nav>
<div class="article">
<h1>岚溪县2024年政府工作报告</h1>
<p>——2024年1月16日在岚溪县第九届人民代表大会第二次会议上</p>
<p>县长　韩青禾</p>
<p>各位代表：</p>
<p>　　现在，我代表县人民政府向大会报告工作，请予审议。</p>
<p>　　一、2023年工作回顾</p>
<p>　　加强环境保护，环保督察整改全部完成。生态环境持续改善。</p>
<p>　　二、2024年主要预期目标和重点工作</p>
<p>　　坚持环保优先，推进環保设施建设。地区生产总值增长5%左右。</p>
<p>　　各位代表！让我们团结一心，为建设美丽岚溪而努力奋斗！</p>
<p>　　名词解释</p>
<p>　　1.生态补偿：生态保护地区得到的补偿。</p>
</div>
<footer>网站地图 | 环保热线 | 碳达峰</footer>
</body></html>
HTML
"$bin" ingest --db "$tmp/t.db" "$tmp/r" >/dev/null 2>&1 || no "ingest of the fixture"
printf '# a dictionary with two topics\n环境保护\n环保\n生态环境\n生态\n碳达峰\npolicy\t督察\n' > "$tmp/env.txt"
cell() { # long CSV: the value of column $2 in the row of topic $1 (after the other options)
  local topic=$1 col=$2; shift 2
  "$bin" terms --db "$tmp/t.db" --format csv "$@" | python3 -c '
import csv, sys
rows = [r for r in csv.DictReader(sys.stdin) if r["topic"] == sys.argv[1]]
print(rows[0][sys.argv[2]] if rows else "none")' "$topic" "$col"
}
# body: 环境保护 1 + 环保 2 + 生态环境 1 = 4; the menu's and footer's 环保/碳达峰, the title's and
# the notes' 生态 and the traditional 環保 count nothing
eq count "$(cell env count --dict "$tmp/env.txt")" 4
eq topic-of-its-own "$(cell policy count --dict "$tmp/env.txt")" 1
eq review-only "$(cell env count --dict "$tmp/env.txt" --part review)" 3
eq plan-only "$(cell env count --dict "$tmp/env.txt" --part plan)" 1
# a term only in the site's chrome counts zero
eq chrome-only "$(cell terms count --term 碳达峰)" 0
eq chrome-only-rows "$("$bin" terms --db "$tmp/t.db" --term 碳达峰 --format csv | wc -l)" 2
# 生态 alone (生态环境 not listed): the body's 生态环境 gives one 生态; the notes' two do not count
eq inside-longer "$(cell terms count --term 生态)" 1
eq traditional-listed "$(cell terms count --term 環保)" 1
# sentences: three of the body's sentences have a match (加强…完成, 生态环境…, 坚持…建设)
eq sentences-with "$(cell env sentences_with --dict "$tmp/env.txt")" 3
# --by-term: a row per term, zeros included
n=$("$bin" terms --db "$tmp/t.db" --dict "$tmp/env.txt" --by-term --format csv | tail -n +2 | wc -l)
eq by-term-rows "$n" 6
eq by-term-zero "$("$bin" terms --db "$tmp/t.db" --dict "$tmp/env.txt" --by-term --format csv | grep ',碳达峰,' | cut -d, -f9)" 0
# per_10k is count * 10000 / chars
"$bin" terms --db "$tmp/t.db" --dict "$tmp/env.txt" --format csv | python3 -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    want = 1e4 * int(r["count"]) / int(r["chars"])
    sys.exit(0 if abs(float(r["per_10k"]) - want) < 0.001 and int(r["chars"]) > 50 else 1)' && ok || no "per_10k"
# --show: each match with its sentence, and byte offsets that find the term in the original file
"$bin" terms --db "$tmp/t.db" --dict "$tmp/env.txt" --show --format jsonl > "$tmp/show.jsonl" || no "--show"
eq show-rows "$(wc -l < "$tmp/show.jsonl")" 5
python3 - "$tmp/show.jsonl" "$tmp/r/lanxi-2024.html" <<'PY' && ok || no "--show offsets"
import json, sys
raw = open(sys.argv[2], "rb").read()
for line in open(sys.argv[1], encoding="utf-8"):
    h = json.loads(line)
    got = raw[h["source_start"]:h["source_end"]].decode("utf-8")
    assert got == h["term"], (got, h["term"])
    assert h["term"] in h["sentence"], h
PY
# wide: one row per region and topic, the years as columns
"$bin" terms --db "$tmp/t.db" --dict "$tmp/env.txt" --wide --value count --format csv > "$tmp/wide.csv"
eq wide-head "$(head -n 1 "$tmp/wide.csv")" "region_code,region,level,province_code,city_code,topic,2024"
eq wide-env "$(grep ',env,' "$tmp/wide.csv" | cut -d, -f7)" 4
# errors a user meets first
"$bin" terms --db "$tmp/t.db" >/dev/null 2>"$tmp/err"; eq no-terms-exit $? 2
grep -q 'govreport terms --list' "$tmp/err" && ok || no "no-terms message"
"$bin" terms --db "$tmp/t.db" --dict nosuch >/dev/null 2>"$tmp/err"; eq bad-dict-exit $? 2
grep -q 'bundled: environment' "$tmp/err" && ok || no "bad-dict message"
printf '环保\nother\t环保\n' > "$tmp/twice.txt"
"$bin" terms --db "$tmp/t.db" --dict "$tmp/twice.txt" >/dev/null 2>"$tmp/err"; eq twice-exit $? 2
grep -q 'twice.txt:2: ' "$tmp/err" && ok || no "twice message names file and line: $(cat "$tmp/err")"
"$bin" terms --db "$tmp/t.db" --term 环保 --level town >/dev/null 2>&1; eq bad-level $? 2
"$bin" terms --db "$tmp/t.db" --term 环保 --level province >/dev/null 2>"$tmp/err"; eq empty-level $? 1
grep -q 'no report at level province' "$tmp/err" && ok || no "empty answer says so"
"$bin" terms --db "$tmp/nosuch.db" --term 环保 >/dev/null 2>&1; eq missing-db $? 1
# the bundled dictionaries load, and environment has the published list's fifteen terms
eq bundled "$("$bin" terms --list --format csv | tail -n +2 | wc -l)" 5
eq environment-terms "$("$bin" terms --list --format csv | grep '^environment,' | cut -d, -f2)" 15
if [ -n "$shared" ] && [ -d "$shared/corpus/reports/province" ]; then
  "$bin" ingest --db "$tmp/p.db" "$shared/corpus/reports/province" >/dev/null 2>&1 || no "ingest of the provinces"
  "$bin" terms --db "$tmp/p.db" --dict environment --format csv > "$tmp/p.csv" || no "terms over the provinces"
  python3 - "$tmp/p.db" "$tmp/p.csv" <<'PY' && ok || no "corpus counts differ from a count over the stored paragraphs"
import csv, sqlite3, sys
terms = ["环境保护", "环保", "污染", "能耗", "减排", "排污", "生态", "绿色", "低碳", "空气", "化学需氧量", "二氧化硫",
         "二氧化碳", "PM10", "PM2.5"]
terms.sort(key=len, reverse=True)
body = {"opening", "review", "five_year_review", "plan", "work", "five_year_plan", "self", "closing"}
db = sqlite3.connect(sys.argv[1])
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
assert len(rows) >= 60, len(rows)
for r in rows:
    doc, = db.execute("SELECT id FROM documents WHERE file = ?", (r["file"],)).fetchone()
    text = db.execute("SELECT text FROM document_text WHERE doc_id = ?", (doc,)).fetchone()[0].encode("utf-8")
    n = chars = 0
    for part, s, e in db.execute("SELECT part, start, end FROM paragraphs WHERE doc_id = ?", (doc,)):
        if part not in body:
            continue
        seg = text[s:e].decode("utf-8")
        chars += sum(1 for ch in seg if not ch.isspace())
        i = 0
        while i < len(seg):
            t = next((t for t in terms if seg.startswith(t, i)), None)
            i += len(t) if t else 1
            n += t is not None
    assert (n, chars) == (int(r["count"]), int(r["chars"])), (r["file"], n, r["count"], chars, r["chars"])
PY
else
  echo "terms: ${shared:-SHARED} has no corpus; the count over real reports is skipped"
fi
echo "terms: $pass passed, $fail failed"
[ "$fail" = 0 ]
