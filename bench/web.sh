#!/usr/bin/env bash
# Load on `govreport serve`, measured with wrk on loopback: requests per second, p50/p99 latency and
# the server's peak RSS, for (1) one report page, (2) every report page in turn, (3) one report's
# JSON. The library: the bundled samples, and SHARED's corpus and seed when present.
# usage: bench/web.sh BIN SHARED [SECONDS] [CONNECTIONS]   (a measurement, never a test)
# CONNECTIONS defaults to 16, the server's limit per client address (wrk is one address).
set -euo pipefail
bin=$(realpath "$1") shared=$2 secs=${3:-10} conns=${4:-16}
here=$(cd "$(dirname "$0")/.." && pwd)
command -v wrk >/dev/null || { echo "bench/web.sh: needs wrk (apt-get install wrk)"; exit 1; }
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
inputs=("$here"/examples/*)
[ -d "$shared/corpus/reports" ] && inputs+=("$shared/corpus/reports" "$shared/seed")
"$bin" ingest --db "$tmp/bench.db" "${inputs[@]}" >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --db "$tmp/bench.db" --listen "127.0.0.1:$port" --quiet &
pid=$!
base=http://127.0.0.1:$port
for _ in $(seq 50); do python3 -c "import urllib.request; urllib.request.urlopen('$base/')" 2>/dev/null && break; sleep 0.1; done
# the report pages: /r/<code>/<year>, or /d/<id> for reports of no known division
python3 - "$base" > "$tmp/paths.lua" <<'PY'
import json, sys, urllib.request
rows = json.load(urllib.request.urlopen(sys.argv[1] + "/api/reports?limit=10000"))
paths = [f"/r/{r['region_code']}/{r['year']}" if r["region_code"] and r["year"] else f"/d/{r['id']}" for r in rows]
print("paths = {" + ",".join(json.dumps(p) for p in paths) + "}")
print("i = 0\nrequest = function() i = i % #paths + 1 return wrk.format('GET', paths[i]) end")
PY
one=$(grep -o '"/r/441882/2023"' "$tmp/paths.lua" | tr -d '"' || true)
[ -n "$one" ] || one=$(grep -o '"/[rd]/[^"]*"' "$tmp/paths.lua" | head -n 1 | tr -d '"')
api=/api${one}
[ "${one#/d/}" != "$one" ] && api=/api/stats
size=$(curl -s "$base$one" 2>/dev/null | wc -c || python3 -c "import urllib.request; print(len(urllib.request.urlopen('$base$one').read()))")
echo "library: $(grep -o '"/[rd]/' "$tmp/paths.lua" | wc -l) reports; server: $(nproc) cores, default threads; wrk: 1 thread, $conns connections, ${secs}s each"
run() { # label, then wrk's arguments
  local label=$1; shift
  wrk -t1 -c"$conns" -d"${secs}s" --latency "$@" > "$tmp/out" 2>&1
  python3 - "$label" "$tmp/out" <<'PY'
import re, sys
t = open(sys.argv[2]).read()
def lat(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", t, re.M)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
errs = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
sock = re.search(r"Socket errors: (.*)", t)
print(f"{sys.argv[1]:34s} {rps:9.0f} req/s   p50 {lat(50):6.2f} ms   p99 {lat(99):6.2f} ms"
      + (f"   NON-2XX: {errs.group(1)}" if errs else "") + (f"   SOCKET ERRORS: {sock.group(1)}" if sock else ""))
PY
}
run "report page $one ($((size / 1024)) KiB)" "$base$one"
run "every report page in turn" -s "$tmp/paths.lua" "$base"
run "report JSON $api" "$base$api"
# the same report page with a new query string each time: never from the answer cache, rendered from SQLite
printf 'n = 0\nrequest = function() n = n + 1 return wrk.format("GET", "%s?n=" .. n) end\n' "$one" > "$tmp/fresh.lua"
run "report page, rendered every time" -s "$tmp/fresh.lua" "$base"
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.1f MiB", $2/1024}' /proc/$pid/status)"
