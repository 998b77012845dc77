#!/usr/bin/env bash
# The whole corpus's output of two builds, side by side: which documents' metadata and which facts
# a change adds, drops or alters.   usage: tools/corpus-diff.sh OLD_BIN NEW_BIN SHARED [OUTDIR]
# Writes OUTDIR/{old,new}/<file>.jsonl (extract --format jsonl) and prints, per file, the document
# line when it changed and the count of facts added (+) and dropped (-); OUTDIR/diff.txt has the
# lines themselves. Files either build refuses count as "refused".
set -uo pipefail
old=$1 new=$2 shared=$3 out=${4:-/tmp/govreport-corpus-diff}
rm -rf "$out"; mkdir -p "$out/old" "$out/new"
: >"$out/diff.txt"
files=$(cd "$shared" && ls corpus/reports/*/*.txt corpus/raw/* seed/*.txt 2>/dev/null)
changed=0 total=0
for f in $files; do
  n=$(echo "$f" | tr / _)
  "$old" extract --format jsonl "$shared/$f" >"$out/old/$n.jsonl" 2>"$out/old/$n.err" || echo refused >>"$out/old/$n.err"
  "$new" extract --format jsonl "$shared/$f" >"$out/new/$n.jsonl" 2>"$out/new/$n.err" || echo refused >>"$out/new/$n.err"
  total=$((total + 1))
  if ! cmp -s "$out/old/$n.jsonl" "$out/new/$n.jsonl"; then
    changed=$((changed + 1))
    d=$(diff <(grep -v '"type":"document"' "$out/old/$n.jsonl" | sort) <(grep -v '"type":"document"' "$out/new/$n.jsonl" | sort))
    plus=$(grep -c '^>' <<<"$d"); minus=$(grep -c '^<' <<<"$d")
    docchg=""
    cmp -s <(grep '"type":"document"' "$out/old/$n.jsonl") <(grep '"type":"document"' "$out/new/$n.jsonl") || docchg=" document changed"
    printf '%-45s +%-4s -%-4s%s\n' "$f" "$plus" "$minus" "$docchg"
    { echo "== $f"; diff <(grep '"type":"document"' "$out/old/$n.jsonl") <(grep '"type":"document"' "$out/new/$n.jsonl"); echo "$d"; } >>"$out/diff.txt"
  fi
done
echo "$changed of $total files changed (lines in $out/diff.txt)"
