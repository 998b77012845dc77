#!/usr/bin/env bash
# Runs `govreport extract` on the report of every gold file in SHARED/facts/gold/dev and scores
# the output with SHARED/facts/score.py.   usage: tools/eval.sh BIN SHARED [score.py options]
set -euo pipefail
bin=$1 shared=$2
shift 2
if [ ! -d "$shared/facts/gold/dev" ]; then
  echo "eval: $shared/facts/gold/dev not found: nothing to score (skipped)"; exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for g in "$shared"/facts/gold/dev/*.jsonl; do
  f=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["file"])' "$g")
  # a report the extractor refuses scores as one with no facts and no metadata (its error is shown)
  "$bin" extract --format jsonl "$shared/$f" >"$out/$(basename "$g")" || echo "eval: $f: refused" >&2
done
python3 "$shared/facts/score.py" --set "$shared/facts/gold/dev" --pred "$out" "$@"
