#!/usr/bin/env bash
# Peak memory (RSS, GNU time's %M) of each reading command on two large inputs, in bytes per input
# byte: (1) the corpus's report texts joined into one file (report text as it is), the same as an
# HTML page and in GB18030, (2) a synthetic text of the same size with a figure every ~25 bytes (the
# densest a report could be). A
# measurement, never a test. Without SHARED, (1) is the bundled samples repeated.
# usage: bench/memory.sh BIN SHARED [WORKDIR=/tmp/govreport-memory]
set -euo pipefail
bin=$(realpath "$1") shared=$2 work=${3:-/tmp/govreport-memory}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v /usr/bin/time >/dev/null || { echo "bench/memory.sh: needs GNU time (apt-get install time)"; exit 1; }
mkdir -p "$work"
joined=$work/joined.txt dense=$work/dense.txt html=$work/joined.html gbk=$work/joined-gbk.txt
if [ -d "$shared/corpus/reports" ]; then
  find "$shared/corpus/reports" -name '*.txt' | sort | xargs cat > "$joined"
else
  for _ in $(seq 400); do cat "$root"/examples/*.txt; done > "$joined"
fi
python3 - "$dense" "$(stat -c %s "$joined")" <<'PY'
import random, sys
out, size = sys.argv[1], int(sys.argv[2])
random.seed(1)
names = ["地区生产总值", "一般公共预算收入", "规模以上工业增加值", "社会消费品零售总额", "固定资产投资", "城镇居民人均可支配收入"]
with open(out, "w", encoding="utf-8") as f:
    f.write("2025年政府工作报告\n一、2024年工作回顾\n")
    n = 0
    while n < size:
        para = "，".join(f"{random.choice(names)}增长{random.randint(1, 20)}.{random.randint(0, 9)}%" for _ in range(8)) + "。\n"
        f.write(para)
        n += len(para.encode())
PY
# the joined text again as a scraped page (each line a <p>, in a menu and footer) and in GB18030
python3 - "$joined" "$html" "$gbk" <<'PY'
import html, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write('<html><head><meta charset="utf-8"><title>政府工作报告</title></head><body><div class="nav"><a href="/">首页</a></div><div class="content">')
    for line in text.splitlines():
        f.write(f'<p style="text-indent:2em">{html.escape(line)}</p>\n')
    f.write('</div><div class="footer">版权所有</div></body></html>')
open(sys.argv[3], "wb").write(text.encode("gb18030"))
PY
mib() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 1024:.0f}')" "$1"; }
peak() { # file cmd...
  local f=$1 t; shift
  t=$(mktemp)
  /usr/bin/time -f '%M' -o "$t" "$bin" "$@" "$f" >/dev/null
  local kib; kib=$(tail -n 1 "$t"); rm -f "$t"
  python3 -c "import sys; k, b = int(sys.argv[1]), int(sys.argv[2]); print(f'{k / 1024:7.1f} MiB  {k * 1024 / b:5.1f} B/byte')" "$kib" "$(stat -c %s "$f")"
}
for f in "$joined" "$html" "$gbk" "$dense"; do
  facts=$("$bin" extract --format jsonl "$f" | grep -c '"type":"fact"' || true)
  echo "$(basename "$f"): $(python3 -c "import sys; print(f'{int(sys.argv[1]) / 1e6:.1f}')" "$(stat -c %s "$f")") MB, $facts facts"
  echo "  parse                 $(peak "$f" parse --format json)"
  echo "  numbers               $(peak "$f" numbers)"
  echo "  extract --format jsonl $(peak "$f" extract --format jsonl)"
  echo "  extract --format csv   $(peak "$f" extract --format csv)"
  echo "  extract --explain      $(peak "$f" extract --explain)"
  rm -f "$work/m.db"*
  echo "  ingest                $(peak "$f" ingest --db "$work/m.db")"
done
