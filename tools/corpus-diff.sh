#!/usr/bin/env bash
# The whole corpus's facts before and after a change: every fact added, dropped or altered, grouped
# by the rule that made it (tools/fact_diff.py).
#   tools/corpus-diff.sh --freeze BIN SHARED DIR    freeze BIN's output as a golden set in DIR
#   tools/corpus-diff.sh OLD NEW SHARED [OUTDIR]    compare: OLD and NEW are builds of govreport or
#                                                  golden directories frozen as above
# The inputs are every report of SHARED/corpus (reports/ and raw/), the seed, and the dev set's
# reports, each read with `extract --format jsonl`. OUTDIR (default /tmp/govreport-corpus-diff) gets
# old/ and new/ (one .jsonl per input) and diff.txt, the lines of the files that changed. Exits 1
# when any fact or document changed (a rule renamed alone is no change), 0 when the output is the
# same: what a refactoring must show. Golden sets stay outside the repository.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)

inputs() { # the files, relative to SHARED
  (cd "$1" && ls corpus/reports/*/*.txt corpus/raw/* seed/*.txt 2>/dev/null)
}

run() { # BIN SHARED DIR: DIR/<file>.jsonl for every input
  local bin=$1 shared=$2 dir=$3 f n
  mkdir -p "$dir"
  for f in $(inputs "$shared"); do
    n=$(echo "$f" | tr / _)
    "$bin" extract --format jsonl "$shared/$f" >"$dir/$n.jsonl" 2>"$dir/$n.err" || echo refused >>"$dir/$n.err"
  done
}

if [ "${1:-}" = --freeze ]; then
  [ $# = 4 ] || { echo "usage: $0 --freeze BIN SHARED DIR" >&2; exit 2; }
  rm -rf "$4"
  run "$2" "$3" "$4"
  echo "froze $(ls "$4"/*.jsonl | wc -l) outputs of $2 in $4"
  exit 0
fi
[ $# -ge 3 ] || { echo "usage: $0 OLD NEW SHARED [OUTDIR]  |  $0 --freeze BIN SHARED DIR" >&2; exit 2; }
old=$1 new=$2 shared=$3 out=${4:-/tmp/govreport-corpus-diff}
rm -rf "$out"
mkdir -p "$out"
for side in old new; do
  src=${!side}
  if [ -d "$src" ]; then cp -r "$src" "$out/$side"; else run "$src" "$shared" "$out/$side"; fi
done
: >"$out/diff.txt"
for f in "$out"/old/*.jsonl; do
  n=$(basename "$f")
  # a rule renamed alone is no change of the output
  if ! cmp -s <(sed 's/,"rule":"[^"]*"//' "$f") <(sed 's/,"rule":"[^"]*"//' "$out/new/$n"); then
    { echo "== $n"; diff "$f" "$out/new/$n"; } >>"$out/diff.txt"
  fi
done
python3 "$here/fact_diff.py" "$out/old" "$out/new" --examples 3
