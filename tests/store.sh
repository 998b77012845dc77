#!/usr/bin/env bash
# The corpus database as a user meets it: ingest (and again, a no-op), panel, targets with its
# verdicts, search, sql; a foreign or corrupt file; kill -9 in the middle of an ingest; a reader
# while an ingest runs. usage: store.sh BIN ROOT SHARED
set -u
bin=$1 root=$2 shared=$3
tmp=$(mktemp -d)
trap 'umount "$tmp/mnt" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); if [ -n "${STORE_VERBOSE:-}" ]; then echo "ok $1"; fi; }  # STORE_VERBOSE=1 lists the passes
bad() { fail=$((fail+1)); echo "FAIL $*"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
db=$tmp/g.db

"$bin" ingest --db "$db" "$root/examples" >"$tmp/out" 2>"$tmp/err"
check "ingest exit" '[ $? = 0 ]'
check "ingest summary" 'grep -q "3 files read.*2 stored, 1 alternate sources, 0 already there, 0 failed" "$tmp/err"'
# the facts it counts are those the database holds: not also the abridged copy's, whose place the fuller took
nfacts=$("$bin" sql --db "$db" --format csv "SELECT count(*) FROM facts" | tail -1)
check "ingest summary: the facts stored ($nfacts), not also those of the copy replaced" 'grep -q "0 failed; $nfacts facts;" "$tmp/err"'
check "the fuller .txt takes the place of the abridged .html, and ingest says so" 'grep -q "sample-county-2024.txt: a fuller text of the report stored as .*sample-county-2024.html: now the document" "$tmp/err"'
check "the .html is the .txt's alternate source" '[ "$("$bin" sql --db "$db" --format csv "SELECT d.file LIKE '"'"'%.txt'"'"' FROM alternates a JOIN documents d ON d.id = a.doc_id WHERE a.file LIKE '"'"'%sample-county-2024.html'"'"'" | tail -1)" = 1 ]'
"$bin" ingest --db "$db" "$root/examples" 2>"$tmp/err"
check "re-ingest is a no-op" 'grep -q "0 stored, 0 alternate sources, 3 already there" "$tmp/err"'
n=$("$bin" sql --db "$db" --format csv "SELECT count(*) AS n FROM documents" | tail -1)
check "two copies of one report are one document (the html, with the txt its alternate source)" '[ "$n" = 2 ]'

# the panel: results from the report reviewing the year, targets from the one planning it
"$bin" panel --db "$db" --indicator gdp --kind growth --role actual --format csv >"$tmp/panel"
check "panel header" 'head -1 "$tmp/panel" | grep -q "^region_code,region,level,province_code,city_code,year,indicator,kind,role,value"'
check "panel 2023 result" 'grep -q ",2023,gdp,growth,actual,5.2," "$tmp/panel"'
check "panel 2024 result" 'grep -q ",2024,gdp,growth,actual,5.6," "$tmp/panel"'
# what is not there is a usage error that names it, not an empty panel
"$bin" panel --db "$db" --indicator unemployment >"$tmp/out" 2>"$tmp/err"
check "unknown indicator: exit 2, names it and its near ids" '[ $? = 2 ] && [ ! -s "$tmp/out" ] && grep -q "unknown indicator .unemployment.; near: unemployment_surveyed" "$tmp/err" && grep -q "govreport indicators" "$tmp/err"'
"$bin" targets --db "$db" --indicator GDP 2>"$tmp/err"
check "an id in capitals is no id, gdp is offered" '[ $? = 2 ] && grep -q "near: gdp (地区生产总值)" "$tmp/err"'
"$bin" panel --db "$db" --indicator gdp --kind grwth 2>"$tmp/err"
check "unknown kind: exit 2" '[ $? = 2 ] && grep -q "unknown --kind .grwth." "$tmp/err"'
"$bin" targets --db "$db" --indicator gdp --level town 2>"$tmp/err"
check "unknown level: exit 2" '[ $? = 2 ] && grep -q "unknown --level .town.: national, province, city or county" "$tmp/err"'
"$bin" panel --db "$db" --indicator gdp --role target --wide --format csv --bom >"$tmp/wide"
check "wide panel with BOM" 'head -c 3 "$tmp/wide" | od -An -tx1 | grep -q "ef bb bf"'
check "wide panel columns" 'head -1 "$tmp/wide" | grep -q "city_code,2024,2025"'

# targets: 2024 target 5.5% about vs 5.6% stated in the 2025 report; 2025 has no result yet
"$bin" targets --db "$db" --indicator gdp --format csv >"$tmp/targets"
check "target met" 'grep -q ",2024,5.5,,about,%,5.6,%,0.1,met," "$tmp/targets"'
check "no result yet" 'grep -q ",2025,5.5,,about,%,,,,no result yet," "$tmp/targets"'
"$bin" targets --db "$db" --indicator unemployment_surveyed --kind share --format csv >"$tmp/t2"
check "以内 target met" 'grep -q ",2024,5.5,,max,%,5.1,%,-0.4,met,result <= 5.5," "$tmp/t2"'
"$bin" targets --db "$db" --indicator unemployment_surveyed --format csv >"$tmp/t2d"
check "a rate's default kind is share: the same verdict without --kind" 'cmp -s "$tmp/t2" "$tmp/t2d"'
"$bin" panel --db "$db" --indicator new_urban_jobs --format csv >"$tmp/jobs"
check "a count's default kind is amount: new urban jobs without --kind" '[ "$(tail -n +2 "$tmp/jobs" | wc -l)" -gt 0 ] && tail -n +2 "$tmp/jobs" | cut -d, -f8 | sort -u | grep -qx amount'
"$bin" indicators --format csv >"$tmp/ind"
check "indicators: id, name, aliases, unit family, default kind, direction" 'head -1 "$tmp/ind" | grep -qx "id,name,aliases,unit_family,default_kind,direction" && grep -q "^unemployment_surveyed,城镇调查失业率,.*,share,share,ceiling$" "$tmp/ind" && grep -q "^gdp,地区生产总值,.*国内生产总值.*,currency,growth,higher$" "$tmp/ind" && [ "$(tail -n +2 "$tmp/ind" | wc -l)" = "$(tail -n +2 "$root/data/indicators.tsv" | grep -c .)" ]'
"$bin" indicators --format jsonl | python3 -c "import json,sys; [json.loads(l) for l in sys.stdin]" 2>"$tmp/err"
check "indicators as JSON Lines parse" '[ $? = 0 ]'
"$bin" targets --db "$db" --indicator gdp --tolerance 0.05 --format csv >"$tmp/t3"
check "tolerance is configurable" 'grep -q ",2024,5.5,,about,%,5.6,%,0.1,exceeded," "$tmp/t3"'

# --reextract re-runs extraction on the stored sources: the same facts again
before=$("$bin" sql --db "$db" --format csv "SELECT count(*) FROM facts" | tail -1)
"$bin" ingest --db "$db" --reextract=all 2>"$tmp/err"
after=$("$bin" sql --db "$db" --format csv "SELECT count(*) FROM facts" | tail -1)
check "reextract keeps the facts ($before, $after)" '[ "$before" = "$after" ] && grep -q "re-extracted 2 documents" "$tmp/err"'
# plain --reextract touches only what an older extractor made: none here, then the one made "older"
"$bin" ingest --db "$db" --reextract 2>"$tmp/err"
check "--reextract leaves reports of this extractor alone" 'grep -q "re-extracted 0 documents" "$tmp/err"'
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE documents SET extractor_version = '0.0.1' WHERE id = (SELECT min(id) FROM documents)\"); c.commit()" "$db"
"$bin" ingest --db "$db" --reextract 2>"$tmp/err"
old_left=$("$bin" sql --db "$db" --format csv "SELECT count(*) FROM documents WHERE extractor_version = '0.0.1'" | tail -1)
check "and re-extracts one an older extractor made, in place ($old_left left)" 'grep -q "re-extracted 1 documents" "$tmp/err" && [ "$old_left" = 0 ] && [ "$("$bin" sql --db "$db" --format csv "SELECT count(*) FROM facts" | tail -1)" = "$before" ]'

# search: the trigram index with highlighted snippets and filters; two-character queries scan
"$bin" search --db "$db" --format csv "地区生产总值" >"$tmp/s"
check "search finds" 'grep -q "\[地区生产总值\]" "$tmp/s"'
"$bin" search --db "$db" --format csv --year 2025 "预期目标" >"$tmp/s2"
check "search year filter" '[ "$(tail -n +2 "$tmp/s2" | cut -d, -f4 | sort -u)" = 2025 ]'
"$bin" search --db "$db" --format csv "茶叶" >"$tmp/s3"
check "short query" 'grep -q "\[茶叶\]" "$tmp/s3"'
# a query in GBK (a terminal not set to UTF-8) can match nothing in the UTF-8 text: said, not an empty answer
"$bin" search --db "$db" --format csv "$(printf '\xb5\xd8\xc7\xf8\xc9\xfa\xb2\xfa')" >"$tmp/s4" 2>"$tmp/err"
check "a query that is not UTF-8: exit 1, the byte, what to do" '[ $? = 1 ] && [ ! -s "$tmp/s4" ] && grep -q "not UTF-8 text (byte 0 of 8); give it as UTF-8" "$tmp/err"'

# sql is read-only
"$bin" sql --db "$db" "DELETE FROM facts" 2>"$tmp/err"
check "sql refuses writes" '[ $? = 1 ] && grep -q "read-only" "$tmp/err"'
"$bin" sql --db "$db" --format jsonl "SELECT code, name FROM regions WHERE code = '441882'" >"$tmp/j"
check "regions table, codes as strings" 'grep -q "{\"code\":\"441882\",\"name\":\"连州市\"}" "$tmp/j"'
# text that strtod reads as a number but JSON does not stays a string: every line is valid JSON
"$bin" sql --db "$db" --format jsonl "SELECT 'inf' AS a, '0x10' AS b, '.5' AS c, '+5' AS d, 'nan' AS e, 12 AS n, -1.5 AS r" >"$tmp/j"
check "jsonl: numbers bare, inf/0x10/.5/+5/nan quoted" 'python3 -c "import json,sys; r=json.loads(open(sys.argv[1]).read()); sys.exit(0 if r == {\"a\":\"inf\",\"b\":\"0x10\",\"c\":\".5\",\"d\":\"+5\",\"e\":\"nan\",\"n\":12,\"r\":-1.5} else 1)" "$tmp/j"'

# foreign and corrupt files
printf 'this is not a database at all, just some text padding to fill a page\n' >"$tmp/junk.db"
"$bin" panel --db "$tmp/junk.db" --indicator gdp 2>"$tmp/err"
check "junk file: clear error" '[ $? = 1 ] && grep -q "not a usable govreport database" "$tmp/err"'
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("create table x(a)"); c.commit()' "$tmp/foreign.db"
# schema 3 -> 4: copies of one report stored before as two documents are folded into one, the first
# stored staying, the other's comment moving to it; made here by taking a database back to version 3
# (no alternates table, no facts.rule, no comments.fact_at) with its second report turned into a copy of the first's region and year
"$bin" ingest --db "$tmp/v3.db" "$root/examples/sample-county-2024.txt" "$root/examples/sample-county-2025.txt" 2>/dev/null
python3 "$root/tests/schema_v6.py" "$tmp/v3.db"
python3 - "$tmp/v3.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("""DROP TABLE alternates; ALTER TABLE facts DROP COLUMN rule; ALTER TABLE comments DROP COLUMN fact_at; UPDATE documents SET plan_year = 2024, review_year = 2023 WHERE id = 2;
INSERT INTO comments(doc_id, fact_id, fact_label, name, body) VALUES(2, (SELECT min(id) FROM facts WHERE doc_id = 2), 'x', 'a reader', 'kept');
PRAGMA user_version = 3;""")
c.commit()
PY
"$bin" ingest --db "$tmp/v3.db" "$root/examples/sample-county-2024.html" 2>"$tmp/err"
q() { "$bin" sql --db "$tmp/v3.db" --format csv "$1" | tail -1; }
ndocs=$(q "SELECT count(*) FROM documents")
alt=$(q "SELECT file LIKE '%sample-county-2025.txt' FROM alternates WHERE doc_id = 1 ORDER BY id LIMIT 1")
com=$(q "SELECT doc_id || '|' || coalesce(fact_id, 'none') || '|' || body FROM comments")
left=$(q "SELECT (SELECT count(*) FROM facts WHERE doc_id = 2) + (SELECT count(*) FROM paragraphs WHERE doc_id = 2) + (SELECT count(*) FROM para_text WHERE doc_id = 2)")
check "schema 3 -> 4 folds the copies: one document, the other an alternate source" '[ "$ndocs" = 1 ] && [ "$alt" = 1 ]'
check "and keeps the comment on the copy, now on the document, off its gone figure ($com)" '[ "$com" = "1|none|kept" ]'
check "and leaves no facts, paragraphs or search text of the copy" '[ "$left" = 0 ]'
# schema 5 -> 6: a comment on a figure gets where the figure's number stands in the text
"$bin" ingest --db "$tmp/v5.db" "$root/examples/sample-county-2024.txt" 2>/dev/null
python3 "$root/tests/schema_v6.py" "$tmp/v5.db"
python3 - "$tmp/v5.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("""ALTER TABLE comments DROP COLUMN fact_at;
INSERT INTO comments(doc_id, fact_id, fact_label, name, body) VALUES(1, (SELECT id FROM facts ORDER BY id LIMIT 1 OFFSET 3), 'x', 'r', 'on a figure');
PRAGMA user_version = 5;""")
c.commit()
PY
"$bin" ingest --db "$tmp/v5.db" "$root/examples/sample-county-2025.txt" 2>"$tmp/err"
at=$("$bin" sql --db "$tmp/v5.db" --format csv "SELECT c.fact_at = f.text_start AND c.fact_at > 0 FROM comments c JOIN facts f ON f.id = c.fact_id" | tail -1)
check "schema 5 -> 6 gives a comment on a figure the place of its number in the text ($at)" '[ "$at" = 1 ]'
# schema 6 -> 7: one copy of the text. A database as a build of schema 6 wrote it (the samples, one of
# them an alternate source) keeps, migrated, every document's text, every fact's sentence, the
# original bytes (now compressed) and what search finds, and is smaller
"$bin" ingest --db "$tmp/v6.db" "$root/examples" 2>/dev/null
python3 "$root/tests/schema_v6.py" "$tmp/v6.db"
python3 - "$tmp/v6.db" >"$tmp/v6.before" <<'PY'
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
hash = lambda v: hashlib.sha256(v if isinstance(v, bytes) else v.encode()).hexdigest()[:16]
for r in c.execute("SELECT d.file, s.text, s.source FROM documents d JOIN sources s ON s.doc_id = d.id ORDER BY d.id"):
    print(r[0], len(r[1]), hash(r[1]), hash(r[2]))
for r in c.execute("SELECT f.id, f.sentence FROM facts f ORDER BY f.id"):
    print(r[0], hash(r[1]))
for r in c.execute("SELECT file, source FROM alternates ORDER BY id"):
    print(r[0], hash(r[1]))
PY
v6size=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('VACUUM'); c.close()" "$tmp/v6.db" && stat -c %s "$tmp/v6.db")
"$bin" search --db "$tmp/v6.db" --format csv "地区生产总值" >"$tmp/v6.search" 2>&1
check "a schema 6 database is not read before it is migrated" 'grep -q "needs migrating from schema 6 to 9" "$tmp/v6.search"'
"$bin" ingest --db "$tmp/v6.db" 2>/dev/null
"$bin" ingest --db "$tmp/v6.db" "$root/examples/sample-county-2024.txt" 2>"$tmp/err"
python3 - "$tmp/v6.db" >"$tmp/v6.after" <<'PY'
import hashlib, sqlite3, sys, zlib
c = sqlite3.connect(sys.argv[1])
hash = lambda v: hashlib.sha256(v if isinstance(v, bytes) else v.encode()).hexdigest()[:16]
raw = lambda b, k: zlib.decompress(b) if k == "deflate" else b
for r in c.execute("SELECT d.file, t.text, s.source, s.codec FROM documents d JOIN sources s ON s.doc_id = d.id "
                   "JOIN document_text t ON t.doc_id = d.id ORDER BY d.id"):
    print(r[0], len(r[1]), hash(r[1]), hash(raw(r[2], r[3])))
for r in c.execute("SELECT f.id, s.sentence FROM facts f JOIN fact_sentences s ON s.fact_id = f.id ORDER BY f.id"):
    print(r[0], hash(r[1]))
for r in c.execute("SELECT file, source, codec FROM alternates ORDER BY id"):
    print(r[0], hash(raw(r[1], r[2])))
PY
check "schema 6 -> 7 keeps every text, sentence and original byte ($(wc -l <"$tmp/v6.after") rows)" 'cmp -s "$tmp/v6.before" "$tmp/v6.after" && [ "$(wc -l <"$tmp/v6.after")" -gt 50 ]'
codecs=$("$bin" sql --db "$tmp/v6.db" --format csv "SELECT group_concat(DISTINCT codec) FROM (SELECT codec FROM sources UNION ALL SELECT codec FROM alternates)" | tail -1)
check "and compresses the original bytes ($codecs), in a smaller file ($(stat -c %s "$tmp/v6.db") < $v6size bytes)" '[ "$codecs" = deflate ] && [ "$(stat -c %s "$tmp/v6.db")" -lt "$v6size" ]'
"$bin" search --db "$tmp/v6.db" --format csv "地区生产总值" >"$tmp/v6.search"
"$bin" search --db "$db" --format csv "地区生产总值" >"$tmp/new.search"
check "and search finds there what it finds in a database made new ($(($(wc -l <"$tmp/v6.search") - 1)) hits)" '[ "$(cut -d, -f6- "$tmp/v6.search")" = "$(cut -d, -f6- "$tmp/new.search")" ] && [ "$(wc -l <"$tmp/v6.search")" -gt 2 ]'
# schema 7 -> 8: govreport's own trigram index instead of FTS5's. A database as a build of schema 7
# wrote it is indexed anew at its migration: nothing left unindexed, FTS5's table gone, and search
# finds what it finds in a database made new
cp "$db" "$tmp/v7.db"
python3 "$root/tests/schema_v6.py" "$tmp/v7.db" --to 7
"$bin" ingest --db "$tmp/v7.db" "$root/examples/sample-county-2024.txt" 2>/dev/null
v7=$("$bin" sql --db "$tmp/v7.db" --format csv "SELECT (SELECT count(*) FROM text_unindexed) || '|' || (SELECT count(*) > 0 FROM text_segments) || '|' || (SELECT count(*) FROM sqlite_schema WHERE name = 'text_fts')" | tail -1)
"$bin" search --db "$tmp/v7.db" --format csv "地区生产总值" >"$tmp/v7.search"
check "schema 7 -> 8 indexes every report anew and drops FTS5's index ($v7)" '[ "$v7" = "0|1|0" ]'
check "and search finds there what it finds in a database made new" 'cmp -s "$tmp/v7.search" "$tmp/new.search"'
"$bin" panel --db "$tmp/v7.db" --indicator gdp --with-parents --format csv >"$tmp/v7.panel"
"$bin" panel --db "$db" --indicator gdp --with-parents --format csv >"$tmp/new.panel"
check "and marks the facts that stand for each region and year as ingest does ($(($(wc -l <"$tmp/v7.panel") - 1)) rows)" 'cmp -s "$tmp/v7.panel" "$tmp/new.panel" && [ "$(wc -l <"$tmp/v7.panel")" -gt 1 ]'
# schema 8 -> 9: each text's map to its input. Migrated, its documents have none: the first
# --reextract reads them from their original bytes and keeps their maps, the next reads their text;
# the facts are the same throughout
cp "$db" "$tmp/v8.db"
python3 "$root/tests/schema_v6.py" "$tmp/v8.db" --to 8
fq8="SELECT d.file, f.metric, f.kind, f.value, f.role, f.year, f.start, f.end, f.text_start, f.pick FROM facts f JOIN documents d ON d.id = f.doc_id ORDER BY d.file, f.text_start, f.metric, f.kind"
"$bin" sql --db "$db" --format csv "$fq8" >"$tmp/v8.f0"
ndocs8=$("$bin" sql --db "$db" --format csv "SELECT count(*) FROM documents" | tail -1)
"$bin" ingest --db "$tmp/v8.db" --reextract=all 2>"$tmp/err"
check "schema 8 -> 9: the first --reextract reads the $ndocs8 reports from their input and keeps their maps" '[ $? = 0 ] && grep -q "re-extracted $ndocs8 documents.*$ndocs8 of them read from their input" "$tmp/err" && [ "$("$bin" sql --db "$tmp/v8.db" --format csv "SELECT count(DISTINCT doc_id) FROM text_maps" | tail -1)" = "$ndocs8" ] && "$bin" sql --db "$tmp/v8.db" --format csv "$fq8" | cmp -s - "$tmp/v8.f0"'
"$bin" ingest --db "$tmp/v8.db" --reextract=all 2>"$tmp/err"
check "and the next their text, the same facts ($(($(wc -l <"$tmp/v8.f0") - 1)))" '[ $? = 0 ] && grep -q "re-extracted $ndocs8 documents in" "$tmp/err" && ! grep -q "from their input" "$tmp/err" && "$bin" sql --db "$tmp/v8.db" --format csv "$fq8" | cmp -s - "$tmp/v8.f0" && [ "$(wc -l <"$tmp/v8.f0")" -gt 20 ]'
# a damaged map: --reextract names the report and what is wrong, exits 1, and keeps its facts
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE text_maps SET map = x'789c0102' WHERE doc_id = (SELECT min(doc_id) FROM text_maps) AND part = 0\"); c.commit()" "$tmp/v8.db"
"$bin" ingest --db "$tmp/v8.db" --reextract=all 2>"$tmp/err"
check "a damaged map: --reextract says which report, exits 1, keeps its facts" '[ $? = 1 ] && grep -q "could not be read again.*\.txt: the stored map of its text is damaged" "$tmp/err" && "$bin" sql --db "$tmp/v8.db" --format csv "$fq8" | cmp -s - "$tmp/v8.f0"'
# the original bytes are kept compressed with zstd: an independent decoder (the zstd tool) gives
# back each input's SHA-256; a damaged one, read again by --reextract, is named, and its facts kept
if command -v zstd >/dev/null; then
  zbad=$("$bin" sql --db "$db" --format csv "SELECT d.sha256, hex(s.source) FROM sources s JOIN documents d ON d.id = s.doc_id WHERE s.codec = 'zstd'" |
    tail -n +2 | while IFS=, read -r sha hex; do
      [ "$(printf '%s' "$hex" | xxd -r -p | zstd -dcq | sha256sum | cut -d' ' -f1)" = "$sha" ] || echo "$sha"
    done | wc -l)
  nz=$("$bin" sql --db "$db" --format csv "SELECT count(*) FROM sources WHERE codec = 'zstd'" | tail -1)
  check "the original bytes are stored with zstd and decode to their SHA-256 ($nz reports, $zbad wrong)" '[ "$nz" -ge 2 ] && [ "$zbad" = 0 ]'
else
  echo "skip: the zstd tool is not installed (Debian package zstd): the stored sources are not decoded independently"
fi
cp "$db" "$tmp/z8.db"
python3 "$root/tests/schema_v6.py" "$tmp/z8.db" --to 8
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE sources SET source = substr(source, 1, 40) WHERE doc_id = (SELECT min(doc_id) FROM sources WHERE codec = 'zstd')\"); c.commit()" "$tmp/z8.db"
"$bin" sql --db "$db" --format csv "$fq8" >"$tmp/z8.f0" # (a schema 8 file is read only once migrated)
"$bin" ingest --db "$tmp/z8.db" --reextract=all 2>"$tmp/err"
check "a damaged zstd source: --reextract says which report and what, exits 1, keeps its facts" '[ $? = 1 ] && grep -q "could not be read again.*\.txt: the stored source is damaged (zstd" "$tmp/err" && "$bin" sql --db "$tmp/z8.db" --format csv "$fq8" | cmp -s - "$tmp/z8.f0"'
# --keep-sources=path: only the file's path is kept; --reextract reads the stored text and its map
# to the file, so the file may change or go; a document stored before that map (schema 8) is read
# from its file, which --reextract says, and names it (keeping the facts) when it has gone or changed
mkdir -p "$tmp/kept"
cp "$root/examples/sample-county-2024.txt" "$tmp/kept/a.txt"
"$bin" ingest --db "$tmp/path.db" --keep-sources=path "$tmp/kept/a.txt" 2>/dev/null
kept=$("$bin" sql --db "$tmp/path.db" --format csv "SELECT codec || '|' || length(source) || '|' || (path = '$tmp/kept/a.txt') FROM sources" | tail -1)
check "--keep-sources=path keeps the path and no bytes ($kept)" '[ "$kept" = "path|0|1" ]'
fq="SELECT metric, kind, value, unit, role, year, start, end, text_start, pick FROM facts ORDER BY text_start, metric, kind"
"$bin" sql --db "$tmp/path.db" --format csv "$fq" >"$tmp/path.f1"
echo "改了" >>"$tmp/kept/a.txt"
"$bin" ingest --db "$tmp/path.db" --reextract=all 2>"$tmp/err"
check "a changed file: --reextract reads the stored text, the same facts at the same offsets in the file" '[ $? = 0 ] && grep -q "re-extracted 1 documents" "$tmp/err" && ! grep -q "from their input" "$tmp/err" && "$bin" sql --db "$tmp/path.db" --format csv "$fq" | cmp -s - "$tmp/path.f1" && [ "$(wc -l <"$tmp/path.f1")" -gt 20 ]'
mv "$tmp/kept/a.txt" "$tmp/kept/b.txt"
"$bin" ingest --db "$tmp/path.db" --reextract=all 2>"$tmp/err"
check "a file gone: the same" '[ $? = 0 ] && grep -q "re-extracted 1 documents" "$tmp/err" && "$bin" sql --db "$tmp/path.db" --format csv "$fq" | cmp -s - "$tmp/path.f1"'
nomap() { python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM text_maps'); c.commit()" "$1"; }
nomap "$tmp/path.db" # as a database stored before schema 9 has it
"$bin" ingest --db "$tmp/path.db" --reextract=all 2>"$tmp/err"
check "stored without its map, a file gone: --reextract names it and says what to do" '[ $? = 1 ] && grep -q "cannot be read.*--keep-sources=copy" "$tmp/err" && "$bin" sql --db "$tmp/path.db" --format csv "$fq" | cmp -s - "$tmp/path.f1"'
mv "$tmp/kept/b.txt" "$tmp/kept/a.txt"
"$bin" ingest --db "$tmp/path.db" --reextract=all 2>"$tmp/err"
check "a changed file: --reextract says so, exits 1 and keeps the facts" '[ $? = 1 ] && grep -q "has changed since it was ingested" "$tmp/err" && "$bin" sql --db "$tmp/path.db" --format csv "$fq" | cmp -s - "$tmp/path.f1"'
cp "$root/examples/sample-county-2024.txt" "$tmp/kept/a.txt"
"$bin" ingest --db "$tmp/path.db" --reextract=all 2>"$tmp/err"
maps=$("$bin" sql --db "$tmp/path.db" --format csv "SELECT count(DISTINCT doc_id) FROM text_maps" | tail -1)
check "the file as it was: read from it, said so, and its map kept ($maps)" '[ $? = 0 ] && grep -q "1 of them read from their input" "$tmp/err" && [ "$maps" = 1 ]'
rm "$tmp/kept/a.txt"
"$bin" ingest --db "$tmp/path.db" --reextract=all 2>"$tmp/err"
check "and read from its text the next time, the file gone" '[ $? = 0 ] && ! grep -q "from their input" "$tmp/err" && "$bin" sql --db "$tmp/path.db" --format csv "$fq" | cmp -s - "$tmp/path.f1"'
"$bin" ingest --db "$tmp/path.db" --keep-sources=all "$root/examples" 2>"$tmp/err"
check "--keep-sources takes copy or path" '[ $? = 2 ] && grep -q "copy or path" "$tmp/err"'
# a fuller copy takes the place of a stored one: the comment on the stored one moves with it
"$bin" ingest --db "$tmp/full.db" "$root/examples/sample-county-2024.html" 2>/dev/null
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO comments(doc_id, fact_id, fact_label, name, body) VALUES(1, (SELECT min(id) FROM facts), 'x', 'r', 'moves')\"); c.commit()" "$tmp/full.db"
"$bin" ingest --db "$tmp/full.db" "$root/examples/sample-county-2024.txt" 2>"$tmp/err"
q() { "$bin" sql --db "$tmp/full.db" --format csv "$1" | tail -1; }
moved=$(q "SELECT (SELECT file LIKE '%.txt' FROM documents) || '|' || (SELECT file LIKE '%.html' FROM alternates) || '|' || (SELECT (doc_id = (SELECT id FROM documents)) || coalesce(fact_id, 'none') || body FROM comments)")
check "the fuller .txt replaces the stored .html, which stays as its alternate, and the comment moves ($moved)" '[ "$moved" = "1|1|1nonemoves" ] && [ "$(q "SELECT count(*) FROM documents")" = 1 ]'
"$bin" ingest --db "$tmp/foreign.db" "$root/examples" 2>"$tmp/err"
check "foreign database refused" '[ $? = 1 ] && grep -q "did not create" "$tmp/err"'
"$bin" panel --db "$tmp/none.db" --indicator gdp 2>"$tmp/err"
check "missing database: says how to make one" '[ $? = 1 ] && grep -q "govreport ingest" "$tmp/err"'

# a failing file is reported and skipped; the others are stored
printf 'abc\0def' >"$tmp/bad.txt"
cp "$root/examples/sample-county-2024.txt" "$tmp/good.txt"
"$bin" ingest --db "$tmp/mixed.db" "$tmp/bad.txt" "$tmp/good.txt" 2>"$tmp/err"
check "mixed ingest exit 1" '[ $? = 1 ]'
check "bad file named with offset" 'grep -q "bad.txt:3: binary data" "$tmp/err"'
check "good file stored" '[ "$("$bin" sql --db "$tmp/mixed.db" --format csv "SELECT count(*) FROM documents" | tail -1)" = 1 ]'

if [ -d "$shared/corpus/reports" ]; then
  # kill -9 during an ingest: what was committed stays whole, no half document
  "$bin" ingest --db "$tmp/k.db" "$shared/corpus/reports" 2>/dev/null &
  pid=$!
  # wait until the writer has committed a report (however slow this machine, or valgrind, is)
  for _ in $(seq 300); do
    n=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from documents").fetchone()[0])' "$tmp/k.db" 2>/dev/null || echo 0)
    [ "${n:-0}" -gt 0 ] && break
    sleep 0.1
  done
  # a reader while the writer runs
  "$bin" sql --db "$tmp/k.db" --format csv "SELECT count(*) FROM documents" >/dev/null 2>"$tmp/rerr"
  check "reader during ingest" '[ $? = 0 ]'
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  check "integrity after kill -9" '[ "$("$bin" sql --db "$tmp/k.db" --format csv "PRAGMA integrity_check" 2>/dev/null | tail -1)" = ok ] || [ "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"pragma integrity_check\").fetchone()[0])" "$tmp/k.db")" = ok ]'
  half=$(python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("select count(*) from documents d where not exists (select 1 from paragraphs p where p.doc_id=d.id)").fetchone()[0])' "$tmp/k.db")
  check "no half document" '[ "$half" = 0 ]'
  # what was committed but not yet written to the index is found by search all the same (read
  # directly), and the next ingest indexes it: search's count against every paragraph read by hand
  brute() { python3 -c 'import sqlite3,sys; print(sum(sys.argv[2].lower() in t.lower() for (t,) in sqlite3.connect(sys.argv[1]).execute("select t.text from para_text t join paragraphs p on p.doc_id = t.doc_id and p.idx = t.idx where p.part != '"'"'boilerplate'"'"'")))' "$1" "$2"; }
  found() { "$bin" search --db "$1" --format csv --limit 1 "$2" | tail -n +2 | awk -F, '{print $NF}'; }
  unindexed=$("$bin" sql --db "$tmp/k.db" --format csv "SELECT count(*) FROM text_unindexed" | tail -1)
  check "after kill -9, search finds what was committed, indexed or not ($unindexed reports not yet: $(found "$tmp/k.db" 增长) of $(brute "$tmp/k.db" 增长) paragraphs)" '[ "$(found "$tmp/k.db" 增长)" = "$(brute "$tmp/k.db" 增长)" ] && [ "$(brute "$tmp/k.db" 增长)" -gt 0 ]'
  before=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from documents").fetchone()[0])' "$tmp/k.db")
  "$bin" ingest --db "$tmp/k.db" "$shared/corpus/reports" 2>"$tmp/err"
  after=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from documents").fetchone()[0])' "$tmp/k.db")
  check "resumed ingest keeps the first part and adds the rest ($before then $after)" '[ "$after" -gt 90 ] && grep -q "$before already there" "$tmp/err"'
  left=$("$bin" sql --db "$tmp/k.db" --format csv "SELECT count(*) FROM text_unindexed" | tail -1)
  check "and indexes every report ($left left unindexed; 新质生产力 in $(found "$tmp/k.db" 新质生产力) of $(brute "$tmp/k.db" 新质生产力) paragraphs)" '[ "$left" = 0 ] && [ "$(found "$tmp/k.db" 新质生产力)" = "$(brute "$tmp/k.db" 新质生产力)" ] && [ "$(found "$tmp/k.db" 增长)" = "$(brute "$tmp/k.db" 增长)" ]'
  # a damaged index (every block cut short by a byte) is an error that says what to do, never a
  # silently shorter answer; ingest --reindex builds it again from the stored text
  python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("update text_index set data = substr(data, 1, length(data) - 1)"); c.commit()' "$tmp/k.db"
  "$bin" search --db "$tmp/k.db" --format csv 新质生产力 >"$tmp/out" 2>"$tmp/err"
  check "search on a damaged index: exit 1, no rows, and it names ingest --reindex" '[ $? = 1 ] && [ ! -s "$tmp/out" ] && grep -q "text index.*run govreport ingest --reindex" "$tmp/err"'
  # with no reports to read, a database that is not there is an error, not a new empty one
  "$bin" ingest --db "$tmp/nosuch.db" --reindex 2>"$tmp/err"
  check "ingest --reindex on a database that does not exist: exit 1, says so, makes none" '[ $? = 1 ] && grep -q "nosuch.db: no such database" "$tmp/err" && [ ! -e "$tmp/nosuch.db" ]'
  ndocs=$("$bin" sql --db "$tmp/k.db" --format csv "SELECT count(*) FROM documents" | tail -1)
  "$bin" ingest --db "$tmp/k.db" --reindex 2>"$tmp/err"
  check "ingest --reindex rebuilds it from the stored text ($(cat "$tmp/err"))" '[ $? = 0 ] && grep -q "^text index rebuilt: $ndocs documents" "$tmp/err" && ! grep -q "files read" "$tmp/err"'
  check "and search finds what it found before (新质生产力 in $(found "$tmp/k.db" 新质生产力) of $(brute "$tmp/k.db" 新质生产力) paragraphs)" '[ "$(found "$tmp/k.db" 新质生产力)" = "$(brute "$tmp/k.db" 新质生产力)" ] && [ "$(found "$tmp/k.db" 地区生产总值)" = "$(brute "$tmp/k.db" 地区生产总值)" ] && [ "$("$bin" sql --db "$tmp/k.db" --format csv "SELECT count(*) FROM text_unindexed" | tail -1)" = 0 ]'
  # facts.pick, marked at ingest (in C for a region-year stored once, by repick's window query when
  # another report stands beside it), is what ranking every fact of the library in SQL gives
  unpicked=$("$bin" sql --db "$tmp/k.db" --format csv "SELECT count(*) FROM facts WHERE pick <> (id IN (SELECT id FROM (SELECT f.id, row_number() OVER (PARTITION BY f.indicator, f.kind, f.role, coalesce(d.region_code, d.region), f.year ORDER BY d.meeting_date DESC, d.id DESC, f.kind = 'growth' AND f.unit <> '%', f.id) AS rn FROM facts f JOIN documents d ON d.id = f.doc_id WHERE f.indicator IS NOT NULL AND f.period_start IS NULL AND ((f.role = 'actual' AND d.review_year = f.year) OR (f.role = 'target' AND d.plan_year = f.year))) WHERE rn = 1))" | tail -1)
  npicked=$("$bin" sql --db "$tmp/k.db" --format csv "SELECT sum(pick) FROM facts" | tail -1)
  check "the facts marked as standing are those a ranking of the whole library gives ($npicked marked, $unpicked differ)" '[ "$unpicked" = 0 ] && [ "$npicked" -gt 1000 ]'
  # search's check of a paragraph (gr_hits, in C) counts what SQL's replace() of the folded text
  # would take out, on every paragraph, for letters, a repeated character and a phrase
  diff=$("$bin" sql --db "$tmp/k.db" --format csv "SELECT count(*) FROM para_text t, (SELECT 'gdp' AS q UNION ALL SELECT 'GDP增长' UNION ALL SELECT '——' UNION ALL SELECT '。。' UNION ALL SELECT '发展' UNION ALL SELECT '新质生产力') WHERE gr_hits(t.text, q) <> length(t.text) - length(replace(lower(t.text), lower(q), ''))" | tail -1)
  check "search's count of a query's characters in a paragraph is replace()'s, on every paragraph ($diff differ)" '[ "$diff" = 0 ]'
  # letters match either case, in the index and in the check of each paragraph (gr_hits)
  check "GDP and gdp find the same paragraphs, those that hold it in any case ($(found "$tmp/k.db" gdp) of $(brute "$tmp/k.db" GDP))" '[ "$(found "$tmp/k.db" gdp)" = "$(brute "$tmp/k.db" GDP)" ] && [ "$(found "$tmp/k.db" GDP)" = "$(brute "$tmp/k.db" GDP)" ] && [ "$(found "$tmp/k.db" "GDP增长")" = "$(brute "$tmp/k.db" "gdp增长")" ] && [ "$(brute "$tmp/k.db" GDP)" -gt 0 ]'
  # one report, one document: the raw .docx and .txt of reports stored from reports/ are their
  # alternate sources; nothing is counted twice in documents, facts or search
  docs_before=$("$bin" sql --db "$tmp/k.db" --format csv "SELECT count(*) FROM documents" | tail -1)
  facts_before=$("$bin" sql --db "$tmp/k.db" --format csv "SELECT count(*) FROM facts" | tail -1)
  "$bin" ingest --db "$tmp/k.db" "$shared/corpus/raw" 2>"$tmp/err"
  check "ingest of the raw copies exits 0" '[ $? = 0 ]'
  nraw=$(ls "$shared/corpus/raw" | wc -l)
  check "each raw copy is an alternate source, and ingest says of which file ($nraw)" 'grep -q "0 stored, $nraw alternate sources" "$tmp/err" && [ "$(grep -c "already stored as .*/reports/.*kept as its alternate source" "$tmp/err")" = "$nraw" ]'
  check "documents and facts unchanged by the copies" '[ "$("$bin" sql --db "$tmp/k.db" --format csv "SELECT count(*) FROM documents" | tail -1)" = "$docs_before" ] && [ "$("$bin" sql --db "$tmp/k.db" --format csv "SELECT count(*) FROM facts" | tail -1)" = "$facts_before" ]'
  check "sql names the alternate sources" '[ "$("$bin" sql --db "$tmp/k.db" --format csv "SELECT count(*) FROM alternates a JOIN documents d ON d.id = a.doc_id WHERE a.file LIKE '"'"'%/raw/%'"'"' AND d.file LIKE '"'"'%/reports/%'"'"'" | tail -1)" = "$nraw" ]'
  "$bin" search --db "$tmp/k.db" --level national --year 2016 --format csv 国内生产总值 >"$tmp/s"
  check "search returns each hit once" '[ "$(tail -n +2 "$tmp/s" | cut -d, -f5,6 | sort | uniq -d | wc -l)" = 0 ] && [ "$(tail -n +2 "$tmp/s" | wc -l)" -gt 0 ]'
  "$bin" ingest --db "$tmp/k.db" "$shared/corpus/raw" 2>"$tmp/err"
  check "the copies again: already there" 'grep -q "0 stored, 0 alternate sources, $nraw already there" "$tmp/err"'
  # the done-when of the corpus issue: 2025 GDP growth targets of the provinces beside their results
  "$bin" targets --db "$tmp/k.db" --indicator gdp --level province --years 2025 --format csv >"$tmp/prov"
  rows=$(tail -n +2 "$tmp/prov" | wc -l)
  check "31 provinces in the 2025 targets ($rows)" '[ "$rows" = 31 ]'
  compared=$(grep -cE ",(met|missed|exceeded)," "$tmp/prov")
  check "targets beside results for most provinces ($compared of 31)" '[ "$compared" -ge 27 ]'
  # wide panels whose regions bring years the earlier rows lack (a new row's cells were left
  # uninitialised: double free)
  for lv in national province city county; do
    "$bin" panel --db "$tmp/k.db" --indicator gdp --level $lv --wide --format csv >"$tmp/w-$lv"
    check "wide $lv panel over the corpus exits 0 and is rectangular CSV" '[ $? = 0 ] && python3 -c "import csv,sys; r=list(csv.reader(open(sys.argv[1]))); sys.exit(not (len(r) > 1 and len({len(x) for x in r}) == 1))" "$tmp/w-$lv"'
  done
  # across levels: a county beside its city and province (清苑区 2024: 6.0, 保定市 6.0, 河北省 5.4)
  "$bin" panel --db "$tmp/k.db" --indicator gdp --level county --with-parents --format csv >"$tmp/wp"
  check "county panel with parents: the city's and province's figure of the same year" 'head -1 "$tmp/wp" | grep -q ",city_value,city_unit,city_approx,city_file,province_value,province_unit,province_approx,province_file$" && grep -q "^130608,清苑区,county,130000,130600,2024,.*,6.0,%,exact,[^,]*baoding-2025.txt,5.4,%,exact,[^,]*hebei-2025" "$tmp/wp"'
  check "county panel with parents: every county row, no other level" '[ "$(tail -n +2 "$tmp/wp" | cut -d, -f3 | sort -u)" = county ] && [ "$(tail -n +2 "$tmp/wp" | wc -l)" = "$("$bin" panel --db "$tmp/k.db" --indicator gdp --level county --format csv | tail -n +2 | wc -l)" ]'
  "$bin" panel --db "$tmp/k.db" --indicator gdp --level county --with-parents --wide --format csv >"$tmp/wpw"
  check "wide county panel with parents: the province, then the city, then its counties" 'python3 -c "import csv,sys; r=list(csv.reader(open(sys.argv[1]))); c=[x[0] for x in r[1:]]; sys.exit(not (len({len(x) for x in r}) == 1 and c.index(\"130000\") < c.index(\"130600\") < c.index(\"130608\") and r[1 + c.index(\"130600\")][2] == \"city\"))" "$tmp/wpw"'
  # the plain panel is joined in C; its rows are those the join written in SQL here gives, in its order
  sql_panel() { # db indicator level-condition: the panel's rows as a join written in SQL gives them
    "$bin" sql --db "$1" --format csv "SELECT d.region_code, coalesce(r.name, d.region) AS region, coalesce(r.level, d.level) AS level, r.province_code, r.city_code, f.year, f.indicator, f.kind, f.role, f.value, f.high, f.unit, f.base_value, f.base_unit, f.approx, f.metric, d.file FROM facts f JOIN documents d ON d.id = f.doc_id LEFT JOIN regions r ON r.code = d.region_code WHERE f.indicator = '$2' AND f.kind = 'growth' AND f.role = 'actual' AND f.pick = 1 $3 ORDER BY coalesce(d.region_code, d.region), f.year" 2>/dev/null
  }
  # each twice: as on a small library, and with the documents read on a thread of their own beside
  # the facts (as on one over 64 MB; GOVREPORT_PANEL_SCAN_BYTES=0 asks for it on any)
  same=0 nrows=0
  for ind in gdp cpi fai; do
    for lv in "" national province city county; do
      lq=${lv:+"AND coalesce(r.level, d.level) = '$lv'"}
      sql_panel "$tmp/k.db" $ind "$lq" >"$tmp/ps"
      for bound in "" 0; do
        GOVREPORT_PANEL_SCAN_BYTES=$bound "$bin" panel --db "$tmp/k.db" --indicator $ind ${lv:+--level $lv} --format csv >"$tmp/pc" 2>/dev/null
        cmp -s "$tmp/pc" "$tmp/ps" && same=$((same + 1))
      done
      nrows=$((nrows + $(wc -l <"$tmp/pc") - 1))
    done
  done
  check "the plain panel's rows are the SQL join's, byte for byte (15 panels, $nrows rows, each read both ways)" '[ $same = 30 ] && [ $nrows -gt 500 ]'
  # reports that name no region (rkey NULL: first in SQL's order, by year among themselves) among
  # a province's: the C join's order and columns are still the SQL join's
  mkdir -p "$tmp/nr"
  printf '政府工作报告\n\n一、2023年工作回顾\n\n过去一年，全区地区生产总值增长5.2%%。\n\n二、2024年工作安排\n\n今年地区生产总值增长5%%左右。\n' >"$tmp/nr/a.txt"
  printf '政府工作报告\n\n一、2022年工作回顾\n\n过去一年，全县地区生产总值增长4.1%%，居民消费价格上涨2%%。\n' >"$tmp/nr/b.txt"
  "$bin" ingest --db "$tmp/nr.db" "$tmp/nr" $(ls "$shared"/corpus/reports/city/baoding-20*.txt "$shared"/corpus/reports/county/*.txt | head -14) >/dev/null 2>&1
  "$bin" panel --db "$tmp/nr.db" --indicator gdp --format csv >"$tmp/pc" 2>/dev/null
  GOVREPORT_PANEL_SCAN_BYTES=0 "$bin" panel --db "$tmp/nr.db" --indicator gdp --format csv >"$tmp/pc2" 2>/dev/null
  sql_panel "$tmp/nr.db" gdp "" >"$tmp/ps"
  check "the plain panel with reports of no region: the SQL join's rows, those first ($(($(wc -l <"$tmp/pc") - 1)) rows)" \
    'cmp -s "$tmp/pc" "$tmp/ps" && cmp -s "$tmp/pc2" "$tmp/ps" && [ "$(sed -n 2p "$tmp/pc" | cut -d, -f1,6)" = ",2022" ] && [ "$(sed -n 3p "$tmp/pc" | cut -d, -f1,6)" = ",2023" ] && [ "$(wc -l <"$tmp/pc")" -gt 6 ]'
  # every headline indicator at every level, long and wide (and with parents), CSV, JSON Lines and
  # table, and targets: exit 0, and every output parses back (CSV rectangular, each JSON line an object)
  mkdir -p "$tmp/all"
  bad=0
  for ind in gdp cpi unemployment_surveyed new_urban_jobs budget_revenue fai retail trade income_per_capita \
             grain_output energy_intensity carbon_intensity rd_intensity; do
    for lv in national province city county; do
      for w in "" --wide --with-parents; do
        for fmt in csv jsonl table; do
          "$bin" panel --db "$tmp/k.db" --indicator $ind --level $lv $w --format $fmt >"$tmp/all/p-$ind-$lv$w.$fmt" 2>/dev/null || { echo "exit $?: panel $ind $lv $w $fmt"; bad=1; }
        done
      done
      for fmt in csv jsonl table; do
        "$bin" targets --db "$tmp/k.db" --indicator $ind --level $lv --format $fmt >"$tmp/all/t-$ind-$lv.$fmt" 2>/dev/null || { echo "exit $?: targets $ind $lv $fmt"; bad=1; }
      done
    done
  done
  check "every headline indicator, level, form and format exits 0" '[ $bad = 0 ]'
  check "and parses back" 'python3 - "$tmp/all" <<'"'"'PY'"'"'
import csv, glob, json, sys
bad = []
for f in glob.glob(sys.argv[1] + "/*.csv"):
    r = list(csv.reader(open(f, encoding="utf-8")))
    if len({len(x) for x in r}) > 1: bad.append(f)
for f in glob.glob(sys.argv[1] + "/*.jsonl"):
    for l in open(f, encoding="utf-8"):
        if not isinstance(json.loads(l), dict): bad.append(f)
print("\n".join(bad)); print(len(glob.glob(sys.argv[1] + "/*")), "outputs")
sys.exit(1 if bad else 0)
PY'
  # a panel that finds nothing (no CPI growth result of a city) says so, long and wide, every format
  for w in "" --wide; do
    for fmt in csv jsonl table; do
      "$bin" panel --db "$tmp/k.db" --indicator cpi --level city $w --format $fmt >"$tmp/empty" 2>"$tmp/err"
      check "empty panel $w $fmt exits 0, prints no row and says why on stderr" '[ $? = 0 ] && [ ! -s "$tmp/empty" ] && grep -q "no growth fact of indicator .cpi." "$tmp/err"'
    done
  done
  # a ceiling: CPI 3%左右 against 0.2% (2023) is met, not missed; an energy-intensity cut beaten is met
  "$bin" targets --db "$tmp/k.db" --indicator cpi --level national --years 2023 --format csv >"$tmp/cpi"
  check "CPI under its 3% cap: met, by the ceiling rule" 'grep -q ",2023,3.0,,about,%,0.2,%,-2.8,met,result <= 3 + 0.5 (a ceiling)," "$tmp/cpi"'
  "$bin" targets --db "$tmp/k.db" --indicator energy_intensity --level national --years 2016 --format csv >"$tmp/en"
  check "energy intensity cut by more than the target: met" 'grep -q ",2016,-3.4,,min,%,-5.0,%,-1.6,met," "$tmp/en"'
  "$bin" targets --db "$tmp/k.db" --indicator gdp --level national --years 2022 --format csv >"$tmp/g22"
  check "GDP under its 5.5%左右 target: still missed" 'grep -q ",2022,5.5,,about,%,3.0,%,-2.5,missed," "$tmp/g22"'
  # the CSV and JSON Lines as a pandas user loads them, with the README's recipe: codes stay text
  if /usr/bin/python3 -c "import pandas" 2>/dev/null; then
    "$bin" panel --db "$tmp/k.db" --indicator gdp --level national --format csv >"$tmp/p.csv"
    "$bin" panel --db "$tmp/k.db" --indicator gdp --level county --wide --format csv >"$tmp/pw.csv"
    "$bin" panel --db "$tmp/k.db" --indicator gdp --level county --format jsonl >"$tmp/p.jsonl"
    cp "$tmp/wp" "$tmp/pp.csv"
    /usr/bin/python3 - "$tmp" <<'PY' >"$tmp/pd" 2>&1
import sys, pandas as pd
t = sys.argv[1]
codes = {"region_code": str, "province_code": str, "city_code": str}
a = pd.read_csv(t + "/p.csv", dtype=codes)
w = pd.read_csv(t + "/pw.csv", dtype=codes)
j = pd.read_json(t + "/p.jsonl", lines=True, dtype=codes)
pp = pd.read_csv(t + "/pp.csv", dtype=codes)
ok = (a.region_code.iloc[0] == "000000" and set(w.city_code.dropna()) >= {"130600"} and
      pp.province_value.dtype.kind == "f" and pp.province_value.notna().any() and
      w.region_code.str.len().eq(6).all() and j.region_code.str.len().eq(6).all() and
      a.value.dtype.kind == "f")
print("pandas", "ok" if ok else "bad", a.region_code.iloc[0], len(w), len(j))
PY
    check "pandas loads long, wide and JSON Lines panels with codes intact ($(cat "$tmp/pd" | tail -1))" 'grep -q "^pandas ok" "$tmp/pd"'
  else
    echo "SKIP: pandas (python3-pandas) not installed; the CSV recipe is not loaded back"
  fi
  "$bin" targets --db "$tmp/k.db" --indicator gdp --level national --years 2020 --format csv >"$tmp/nat"
  check "2020: no numeric GDP target, marked as such" 'grep -q ",2020,.*no numeric target" "$tmp/nat"'
else
  echo "SKIP: $shared/corpus not found; the corpus-scale store tests need ../shared"
fi
# storage faults, on small file systems of their own (needs root to mount; skipped otherwise)
mnt=$tmp/mnt
mkdir -p "$mnt"
if mount -t tmpfs -o size=1M tmpfs "$mnt" 2>/dev/null; then
  # a full disk: the ingest stops at the first report that does not fit, the ones before are whole
  mkdir -p "$tmp/many"
  for i in $(seq 1 40); do sed "s/青溪县/青溪县$i/; s/218.6/$((200 + i)).6/" "$root/examples/sample-county-2024.txt" > "$tmp/many/r$i.txt"; done
  "$bin" ingest --db "$mnt/full.db" "$tmp/many" >/dev/null 2>"$tmp/err"
  check "disk full: non-zero exit" '[ $? = 1 ]'
  check "disk full: the ingest stops with the reason" 'grep -q "disk is full" "$tmp/err" && grep -q "stopping: the database takes nothing more" "$tmp/err"'
  stored=$("$bin" sql --db "$mnt/full.db" --format csv "SELECT count(*) FROM documents" | tail -1)
  check "disk full: what was stored before is there ($stored reports)" '[ "$stored" -gt 0 ] && [ "$stored" -lt 40 ]'
  check "disk full: the database is intact" '"$bin" sql --db "$mnt/full.db" --format csv "PRAGMA integrity_check" | grep -qx ok'
  umount "$mnt"
  # a read-only file system: ingest says why it cannot write; reading still works
  mount -t tmpfs -o size=8M tmpfs "$mnt"
  "$bin" ingest --db "$mnt/ro.db" "$root/examples" >/dev/null 2>&1
  mount -o remount,ro "$mnt"
  "$bin" ingest --db "$mnt/ro.db" "$tmp/many/r1.txt" >/dev/null 2>"$tmp/err"
  check "read-only: ingest fails" '[ $? = 1 ]'
  check "read-only: and says it cannot write" 'grep -q "cannot write to it" "$tmp/err"'
  n=$("$bin" sql --db "$mnt/ro.db" --format csv "SELECT count(*) FROM documents" 2>"$tmp/err" | tail -1)
  check "read-only: reading commands still work ($n reports)" '[ "$n" = 2 ]'
  umount "$mnt"
else
  echo "SKIP: cannot mount a tmpfs (not root): the disk-full and read-only file system tests"
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
