#!/usr/bin/env bash
# The whole test suite under valgrind memcheck: the unit and spec tests directly, and every script
# test (cli, store, bad input, web, user paths, end-to-end, peers, accuracy floor) with tools/vg-run in place of
# the binary, so each govreport process they start - commands, ingests, the server - is checked.
# An invalid access or a definite or indirect leak in any process fails the run.
# (The sanitizer build, `make asan`, runs the same tests under ASan, UBSan and LeakSanitizer.)
# usage: tools/valgrind.sh BUILD_DIR [SHARED]
set -euo pipefail
build=$(cd "$1" && pwd) shared=${2:-../shared}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$shared" 2>/dev/null && pwd || echo "$shared")
vg=(valgrind -q --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=9)
for t in test_alloc test_captcha test_text test_doc test_spec test_corpus; do
  echo "== valgrind $t"
  rc=0
  "${vg[@]}" "$build/tests/$t" >/dev/null || rc=$?
  [ $rc = 0 ] || [ $rc = 77 ] || { echo "valgrind: $t failed (exit $rc)"; exit 1; } # 77: skipped
done
logs=$(mktemp -d)
chmod 1777 "$logs" # a test that runs govreport as another user (tests/cli.sh, as nobody) writes its report here too
trap 'rm -rf "$logs"' EXIT
export GR_VG_BIN="$build/govreport" GR_VG_LOG="$logs"
run=$root/tools/vg-run
status=0
step() { # name, command...: runs a script test with the wrapper; its own verdict counts too
  local name=$1 rc=0; shift
  echo "== valgrind: $name"
  "$@" >"$logs/$name.out" 2>&1 || rc=$?
  tail -1 "$logs/$name.out"
  if [ $rc != 0 ] && [ $rc != 77 ]; then # 77: the test skipped itself (says why above)
    echo "   FAILED (exit $rc):"; tail -20 "$logs/$name.out"; status=1
  fi
}
step cli "$root/tests/cli.sh" "$run" "$root" "$root/tests/spec"
step store "$root/tests/store.sh" "$run" "$root" "$shared"
step bad-input python3 "$root/tests/bad_input.py" "$run" "$root"
step terms "$root/tests/terms.sh" "$run" "$shared"
step web python3 "$root/tests/web.py" "$run" "$root" "$shared"
step user-paths python3 "$root/tests/user_paths.py" "$run" "$root" "$shared"
if [ -d "$shared/facts" ]; then
  step accuracy-floor "$root/tests/accuracy_floor.sh" "$run" "$shared" "$root/tests/accuracy-floor.txt"
  step peers python3 "$root/tests/peers.py" "$run" "$shared" --min 0.99
fi
step e2e "$root/tests/e2e.sh" "$run" "$root" "$shared" "$build/screenshots-valgrind"
# the reports of every process: valgrind -q writes nothing for a clean one
bad=$(find "$logs" -name '[0-9]*.log' -size +0)
n=$(find "$logs" -name '[0-9]*.log' | wc -l)
if [ -n "$bad" ]; then
  echo "valgrind found errors in $(echo "$bad" | wc -l) of $n processes:"
  for f in $bad; do echo "--- $f"; head -40 "$f"; done
  exit 1
fi
[ $status = 0 ] || { echo "valgrind: a test failed under valgrind (see above)"; exit 1; }
echo "valgrind: clean ($n govreport processes and the unit tests)"
