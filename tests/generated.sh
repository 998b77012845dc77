#!/usr/bin/env bash
# The committed generated tables are what their generators make of the data now (a data change
# without `make regen` fails here), and the lexicon's generator refuses a word listed twice or an
# unknown tag. usage: generated.sh ROOT
set -u
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { if eval "$2"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $1"; fi; }
mkdir -p "$tmp/tools" "$tmp/data" "$tmp/src/fact"
cp "$root"/tools/gen_lexicon.py "$root"/tools/gen_indicators.py "$tmp/tools/"
cp "$root"/data/fact_lexicon.tsv "$root"/data/indicators.tsv "$tmp/data/"
python3 "$tmp/tools/gen_lexicon.py" >/dev/null && python3 "$tmp/tools/gen_indicators.py" >/dev/null
ok "lexicon_table.c is up to date (make regen)" 'cmp -s "$tmp/src/fact/lexicon_table.c" "$root/src/fact/lexicon_table.c"'
ok "lexicon_tags.h is up to date (make regen)" 'cmp -s "$tmp/src/fact/lexicon_tags.h" "$root/src/fact/lexicon_tags.h"'
ok "indicator_table.c is up to date (make regen)" 'cmp -s "$tmp/src/fact/indicator_table.c" "$root/src/fact/indicator_table.c"'
mkdir -p "$tmp/data/terms" "$tmp/src/terms"
cp "$root"/tools/gen_terms.py "$tmp/tools/" && cp "$root"/data/terms/*.txt "$tmp/data/terms/"
python3 "$tmp/tools/gen_terms.py" >/dev/null
ok "terms_table.c is up to date (make regen)" 'cmp -s "$tmp/src/terms/terms_table.c" "$root/src/terms/terms_table.c"'
printf '增长\tgrowth\t\n' >>"$tmp/data/fact_lexicon.tsv"
python3 "$tmp/tools/gen_lexicon.py" >/dev/null 2>"$tmp/err"
ok "a word listed twice is refused, with its first line" '[ $? != 0 ] && grep -q "增长 is listed already on line" "$tmp/err"'
cp "$root"/data/fact_lexicon.tsv "$tmp/data/"
printf '新词\tnoun\t\n' >>"$tmp/data/fact_lexicon.tsv"
python3 "$tmp/tools/gen_lexicon.py" >/dev/null 2>"$tmp/err"
ok "an unknown tag is refused" '[ $? != 0 ] && grep -q "unknown tag .noun." "$tmp/err"'
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
