#!/usr/bin/env bash
# The library's unit and spec tests and the CLI's reading paths under valgrind memcheck: any
# invalid access or leak fails the run. (The sanitizer build, `make asan`, runs every test.)
# usage: tools/valgrind.sh BUILD_DIR [SHARED]
set -euo pipefail
build=$1 shared=${2:-../shared}
root=$(cd "$(dirname "$0")/.." && pwd)
vg=(valgrind -q --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=9)
for t in test_text test_doc test_spec; do
  echo "== valgrind $t"
  "${vg[@]}" "$build/tests/$t" >/dev/null
done
inputs=("$root"/examples/*)
[ -d "$shared/seed" ] && inputs+=("$shared"/seed/*.txt "$shared"/corpus/raw/*.docx)
for cmd in parse numbers extract; do
  echo "== valgrind govreport $cmd (${#inputs[@]} files)"
  "${vg[@]}" "$build/govreport" "$cmd" "${inputs[@]}" >/dev/null
done
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
echo "== valgrind govreport ingest, panel, search"
"${vg[@]}" "$build/govreport" ingest --db "$db/v.db" "${inputs[@]}" >/dev/null 2>&1
"${vg[@]}" "$build/govreport" panel --db "$db/v.db" --indicator gdp --format csv >/dev/null
"${vg[@]}" "$build/govreport" search --db "$db/v.db" 地区生产总值 >/dev/null
echo "valgrind: clean"
