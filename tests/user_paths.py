#!/usr/bin/env python3
"""The user-path suite: the commands and options a user has, over the whole shared corpus, as a
user runs them. Ingests ../shared/corpus (every report, the raw HTML/GBK/.docx files and the seed)
and the bundled samples, re-extracts, then runs parse, numbers and extract (every format,
--explain) on the files, panel (long, --wide, --with-parents, every role and format) and targets
at every level for every headline indicator, search with its filters, sql, indicators, terms, and
the viewer's pages and API. Every output is read back: JSON Lines and JSON parse, CSV parses with
a header and rows of its width, all of it UTF-8. It fails on a crash (an exit by signal or an
exit status the command does not give), a sanitizer report on stderr, invalid output, or an
empty answer where the library has data.

usage: tests/user_paths.py BIN SRC SHARED
Run by `make check` (ctest user-paths), under ASan+UBSan by `make asan` and with every process
under valgrind by `make valgrind` (BIN is then tools/vg-run; GR_VG_BIN set: one file of each
kind is read instead of every file, and the viewer's API is asked fewer things).
Without SHARED the bundled samples alone are used (and the checks that need the corpus skip).
"""
import csv
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

BIN, SRC, SHARED = sys.argv[1], sys.argv[2], sys.argv[3]
UNDER_VALGRIND = bool(os.environ.get("GR_VG_BIN"))
tmp = tempfile.mkdtemp(prefix="govreport-paths-")
db = os.path.join(tmp, "corpus.db")
have_shared = os.path.isdir(os.path.join(SHARED, "corpus", "reports"))
checks = failures = 0
SANITIZER = re.compile(r"ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:|==\d+==ERROR")


def check(cond, what):
    global checks, failures
    checks += 1
    if not cond:
        failures += 1
        print(f"FAIL {what}")


def run(args, ok=(0,), what=None, stdin=None):
    """Runs one command; its exit must be one of ok and its stderr free of sanitizer reports."""
    p = subprocess.run([BIN] + args, capture_output=True, input=stdin, timeout=600)
    label = what or " ".join(args)[:140]
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode < 0 or p.returncode not in ok or SANITIZER.search(err):
        check(False, f"{label}: exit {p.returncode}{' (signal)' if p.returncode < 0 else ''}: {err[-600:]}")
        return None
    try:
        return p.stdout.decode("utf-8")
    except UnicodeDecodeError as e:
        check(False, f"{label}: output is not UTF-8 ({e})")
        return None


def jsonl(out, what):
    rows = []
    for i, line in enumerate(out.splitlines()):
        try:
            rows.append(json.loads(line))
        except ValueError:
            check(False, f"{what}: line {i + 1} is not JSON: {line[:120]}")
            return rows
    return rows


def csv_rows(out, what):
    rows = list(csv.reader(io.StringIO(out)))
    if not rows:
        return []
    width = len(rows[0])
    bad = [i for i, r in enumerate(rows) if len(r) != width]
    check(not bad, f"{what}: CSV rows of another width than the header's (rows {bad[:5]})")
    return rows[1:]


def files():
    """The inputs: every corpus file (reports as text, the raw HTML, GBK and .docx), the seed, the
    samples; under valgrind one of each kind."""
    out = [os.path.join(SRC, "examples", f) for f in sorted(os.listdir(os.path.join(SRC, "examples")))]
    if have_shared:
        for sub in ("reports", "raw"):
            for dirpath, _, names in sorted(os.walk(os.path.join(SHARED, "corpus", sub))):
                out += [os.path.join(dirpath, n) for n in sorted(names) if n.rsplit(".", 1)[-1] in ("txt", "html", "htm", "docx")]
        seed = os.path.join(SHARED, "seed")
        out += [os.path.join(seed, n) for n in sorted(os.listdir(seed)) if not n.startswith(".")]
    if UNDER_VALGRIND:
        one = {}
        for f in out:
            one.setdefault(os.path.splitext(f)[1], f)
        out = list(one.values())
    return out


inputs = files()
print(f"user paths: {len(inputs)} files{'' if have_shared else ' (no ../shared: the bundled samples only)'}"
      f"{' (valgrind: one of each kind)' if UNDER_VALGRIND else ''}")

# ---- reading files: parse, numbers, extract ----
facts_seen = 0
for f in inputs:
    name = os.path.basename(f)
    # exit 1: this file is not read as a report (it says why); the command still must not crash
    out = run(["parse", f], ok=(0, 1))
    if out:
        for r in jsonl(out, f"parse {name}"):
            check(isinstance(r, dict), f"parse {name}: an object per line")
    run(["parse", "--format", "outline", f], ok=(0, 1))
    out = run(["numbers", f], ok=(0, 1))
    if out is not None:
        jsonl(out, f"numbers {name}")
    out = run(["extract", "--format", "jsonl", f], ok=(0, 1))
    if out:
        recs = jsonl(out, f"extract {name}")
        facts = [r for r in recs if r.get("type") == "fact"]
        facts_seen += len(facts)
        check(all(set(("metric", "value", "unit", "sentence")) <= set(r) for r in facts),
              f"extract {name}: every fact has metric, value, unit and sentence")
    out = run(["extract", "--format", "csv", "--bom", f], ok=(0, 1))
    if out:
        csv_rows(out.lstrip("\ufeff"), f"extract csv {name}")
    out = run(["extract", "--explain", "--format", "jsonl", f], ok=(0, 1))
    if out:
        jsonl(out, f"extract --explain {name}")
    run(["extract", "--format", "table", f], ok=(0, 1))
check(facts_seen > (20000 if have_shared and not UNDER_VALGRIND else 10), f"extract found {facts_seen} facts in the files")
# standard input, and a fragment with its region and year given
sample = open(os.path.join(SRC, "examples", "sample-county-2024.txt"), "rb").read()
out = run(["extract", "--format", "jsonl", "-"], stdin=sample)
check(out and '"type":"fact"' in out, "extract reads standard input")
out = run(["extract", "--format", "jsonl", "--region", "容城县", "--year", "2024", "--part", "plan", "-"],
          stdin="地区生产总值增长6%左右。".encode())
check(out and '"value":6' in out, "extract of a pasted fragment with --region, --year and --part")

# ---- the store: ingest, reextract ----
ingest_inputs = [os.path.join(SRC, "examples")] + ([os.path.join(SHARED, "corpus"), os.path.join(SHARED, "seed")]
                                                    if have_shared and not UNDER_VALGRIND else inputs)
out = run(["ingest", "--db", db] + ingest_inputs, ok=(0, 1), what="ingest the corpus")
stored = int(run(["sql", "--db", db, "--format", "csv", "SELECT count(*) FROM documents"]).splitlines()[-1])
nfacts = int(run(["sql", "--db", db, "--format", "csv", "SELECT count(*) FROM facts"]).splitlines()[-1])
check(stored >= (190 if have_shared and not UNDER_VALGRIND else 2), f"ingest stored {stored} reports, {nfacts} facts")
run(["ingest", "--db", db, "--reextract=all"], what="ingest --reextract=all")
after = int(run(["sql", "--db", db, "--format", "csv", "SELECT count(*) FROM facts"]).splitlines()[-1])
check(after == nfacts, f"--reextract keeps the facts ({after} of {nfacts})")
out = run(["ingest", "--db", db] + ingest_inputs, ok=(0, 1), what="ingest again")

# ---- panels and targets at every level, for every headline indicator ----
inds = jsonl(run(["indicators", "--format", "jsonl"]), "indicators")
check(len(inds) >= 20 and all("id" in i for i in inds), f"indicators lists {len(inds)} ids")
csv_rows(run(["indicators", "--format", "csv", "--bom"]).lstrip("\ufeff"), "indicators csv")
run(["indicators", "--format", "table"])
headline = ["gdp", "cpi", "unemployment_surveyed", "budget_revenue", "retail", "fai", "income_urban",
            "income_rural", "new_urban_jobs", "va_industry_above", "trade", "grain_output", "energy_intensity", "rd_intensity"]
known = {i["id"] for i in inds}
headline = [h for h in headline if h in known]
check(len(headline) >= 8, f"{len(headline)} headline indicators are known ids")
levels = ["national", "province", "city", "county"]
counts = {}
for ind in (headline if not UNDER_VALGRIND else headline[:2]):
    for lv in levels:
        rows = csv_rows(run(["panel", "--db", db, "--indicator", ind, "--level", lv, "--format", "csv"]) or "",
                        f"panel {ind} {lv}")
        counts[(ind, lv)] = len(rows)
        out = run(["panel", "--db", db, "--indicator", ind, "--level", lv, "--format", "jsonl"])
        check(out is not None and len(jsonl(out, f"panel jsonl {ind} {lv}")) == len(rows),
              f"panel {ind} {lv}: JSON Lines and CSV have as many rows")
        csv_rows(run(["panel", "--db", db, "--indicator", ind, "--level", lv, "--wide", "--format", "csv"]) or "",
                 f"panel --wide {ind} {lv}")
        csv_rows(run(["panel", "--db", db, "--indicator", ind, "--level", lv, "--with-parents", "--format", "csv"]) or "",
                 f"panel --with-parents {ind} {lv}")
        csv_rows(run(["panel", "--db", db, "--indicator", ind, "--level", lv, "--wide", "--with-parents", "--format", "csv"]) or "",
                 f"panel --wide --with-parents {ind} {lv}")
        csv_rows(run(["panel", "--db", db, "--indicator", ind, "--level", lv, "--role", "target", "--format", "csv"]) or "",
                 f"panel --role target {ind} {lv}")
        out = run(["targets", "--db", db, "--indicator", ind, "--level", lv, "--format", "csv"], ok=(0, 1))
        if out:
            csv_rows(out, f"targets {ind} {lv}")
        out = run(["targets", "--db", db, "--indicator", ind, "--level", lv, "--format", "jsonl"], ok=(0, 1))
        if out:
            jsonl(out, f"targets jsonl {ind} {lv}")
    for kind in ("growth", "amount", "share"):
        run(["panel", "--db", db, "--indicator", ind, "--kind", kind, "--years", "2015-2026", "--format", "table"])
if have_shared and not UNDER_VALGRIND:
    # where the library has the data, an empty answer is a bug
    for ind, lv in (("gdp", "national"), ("gdp", "province"), ("gdp", "city"), ("gdp", "county"), ("cpi", "province")):
        check(counts.get((ind, lv), 0) > 0, f"panel {ind} at {lv} level has rows ({counts.get((ind, lv), 0)})")
    rows = csv_rows(run(["targets", "--db", db, "--indicator", "gdp", "--level", "province", "--years", "2025",
                         "--format", "csv"]), "targets 2025")
    check(len(rows) >= 31, f"targets gdp for the 31 provinces in 2025 ({len(rows)} rows)")

# ---- search, sql, terms ----
for q, extra in (("地区生产总值", []), ("高质量发展", ["--level", "province"]), ("营商环境", ["--year", "2025"]),
                 ("乡村振兴", ["--region", "河北省"]), ("GDP", []), ("绿水", ["--limit", "5"])):
    out = run(["search", q, "--db", db, "--format", "jsonl"] + extra, ok=(0, 1))
    hits = jsonl(out, f"search {q}") if out else []
    if q == "地区生产总值":
        check(len(hits) > 0, f"search {q} finds hits ({len(hits)})")
    out = run(["search", q, "--db", db, "--format", "csv"] + extra, ok=(0, 1))
    if out:
        csv_rows(out, f"search csv {q}")
run(["search", "地区生产总值", "--db", db, "--format", "table"])
for q in ("SELECT region, plan_year, count(*) FROM documents GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5",
          "SELECT metric, value, unit FROM facts WHERE indicator = 'gdp' LIMIT 20",
          "SELECT code, name FROM regions WHERE level = 'province'"):
    csv_rows(run(["sql", "--db", db, "--format", "csv", q]), f"sql {q[:40]}")
    jsonl(run(["sql", "--db", db, "--format", "jsonl", q]), f"sql jsonl {q[:40]}")
run(["sql", "--db", db, "DELETE FROM facts"], ok=(1, 2), what="sql refuses a write")
for d in ("environment", "risk"):
    out = run(["terms", "--db", db, "--dict", d, "--format", "csv"])
    rows = csv_rows(out or "", f"terms {d}")
    check(len(rows) > 0, f"terms {d} has rows ({len(rows)})")
    csv_rows(run(["terms", "--db", db, "--dict", d, "--wide", "--format", "csv"]) or "", f"terms --wide {d}")

# ---- the viewer: pages and API ----
s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
server = subprocess.Popen([BIN, "serve", "--db", db, "--listen", f"127.0.0.1:{port}", "--quiet"], stderr=subprocess.PIPE)


def get(path):
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as r:
                return r.status, r.headers.get("content-type", ""), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("content-type", ""), e.read()
        except OSError:
            time.sleep(0.05)
    return 0, "", b""


try:
    st, _, body = get("/api/reports?limit=10000")
    reports = json.loads(body)
    check(st == 200 and len(reports) == stored, f"/api/reports lists the {stored} stored reports ({len(reports)})")
    step = 1 if not UNDER_VALGRIND else max(1, len(reports) // 3)
    for r in reports[::step]:
        base = f"/r/{r['region_code']}/{r['year']}" if r["region_code"] and r["year"] else f"/d/{r['id']}"
        for path in (base, "/api" + base, base + "?terms=environment"):
            st, ctype, body = get(path)
            check(st == 200, f"{path}: {st}")
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                check(False, f"{path}: not UTF-8")
                continue
            if "json" in ctype:
                json.loads(text)
    for path in ["/", "/browse", "/browse/province", "/browse/county", "/browse?year=2025", "/i", "/sitemap.xml",
                 "/search?q=%E5%9C%B0%E5%8C%BA%E7%94%9F%E4%BA%A7%E6%80%BB%E5%80%BC", "/api/regions", "/api/i",
                 "/api/search?q=%E5%9C%B0%E5%8C%BA%E7%94%9F%E4%BA%A7%E6%80%BB%E5%80%BC"] + \
                [f"/i/{ind}?level={lv}" for ind in headline[:4] for lv in levels] + \
                [f"/api/i/{ind}?level={lv}" for ind in headline[:4] for lv in levels]:
        st, ctype, body = get(path)
        check(st == 200, f"{path}: {st}")
        if "json" in ctype:
            json.loads(body.decode("utf-8"))
    if have_shared and not UNDER_VALGRIND:
        for code in ("130000", "130600", "440000", "000000"):
            st, _, body = get(f"/r/{code}")
            check(st == 200, f"/r/{code}: {st}")
            st, _, body = get(f"/i/gdp/{code}")
            check(st == 200 and b"<svg" in body, f"/i/gdp/{code} draws a chart")
finally:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
    err = server.stderr.read().decode("utf-8", "replace")
    check(server.returncode == 0 and not SANITIZER.search(err), f"serve stops cleanly (exit {server.returncode}) {err[-400:]}")

subprocess.run(["rm", "-rf", tmp])
print(f"user paths: {checks} checks, {failures} failed")
sys.exit(1 if failures else 0)
