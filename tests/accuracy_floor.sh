#!/usr/bin/env bash
# Fails when extraction accuracy on ../shared/facts/gold/dev falls below the floor last reached
# (tests/accuracy-floor.txt: value_f1 fact_f1 meta_acc). Skips (77) without ../shared.
set -u
bin=$1 shared=$2 floor=$3
[ -d "$shared/facts/gold/dev" ] || { echo "SKIP: $shared/facts/gold/dev not found"; exit 77; }
here=$(cd "$(dirname "$0")/.." && pwd)
line=$("$here/tools/eval.sh" "$bin" "$shared" | tail -n 1)
echo "$line"
read -r fv ff fm <"$floor"
python3 - "$line" "$fv" "$ff" "${fm:-0}" <<'PY'
import sys
got = dict(kv.split("=") for kv in sys.argv[1].split())
fv, ff, fm = float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
v, f, m = float(got["value_f1"]), float(got["fact_f1"]), float(got["meta_acc"])
print(f"floor value_f1={fv} fact_f1={ff} meta_acc={fm}")
sys.exit(0 if v >= fv and f >= ff and m >= fm else 1)
PY
