#!/usr/bin/env bash
# govreport numbers beside Microsoft Recognizers-Text (JavaScript, Chinese culture; number,
# percentage, currency and dimension models) on the same text, the whole corpus, in one run:
# MB/s and peak RSS of each and the ratio. Installs the npm package into bench/peer/node_modules.
# usage: bench/numbers.sh BIN SHARED            (a measurement, never a test)
set -euo pipefail
bin=$(realpath "$1") shared=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
mapfile -t files < <(find "$shared/corpus/reports" -name '*.txt' | sort)
bytes=$(cat "${files[@]}" | wc -c)
(cd "$here/peer" && [ -d node_modules/@microsoft/recognizers-text-suite ] || npm install --no-audit --no-fund >/dev/null)
# govreport reads the corpus 5 times in one process, so that a run lasts long enough to time
five=("${files[@]}" "${files[@]}" "${files[@]}" "${files[@]}" "${files[@]}")
. "$here/lib.sh"
read -r secs rss < <(best_run 5 "$bin" numbers "${five[@]}")
best="$secs $rss"
gr=$(python3 -c "import sys; b,s,r=map(float,sys.argv[1:4]); print(f'{5*b/1e6/max(s,1e-3):.2f} {r/1024:.1f}')" "$bytes" ${best% *} ${best#* })
echo "govreport numbers  ${gr% *} MB/s  peak RSS ${gr#* } MiB  (best of 5, $(echo "${files[@]}" | wc -w) files read 5 times, $(python3 -c "print(f'{$bytes/1e6:.1f}')") MB each)"
peer=$(cd "$here/peer" && node run.js speed "${files[@]}")
echo "$peer"
pm=$(echo "$peer" | awk '{print $2}')
python3 -c "import sys; print(f'ratio: govreport is {float(sys.argv[1])/float(sys.argv[2]):.0f}x the peer\'s throughput')" "${gr% *}" "$pm"
