#!/usr/bin/env bash
# Headline coverage: every headline figure of the main-targets statement (…主要预期目标是：…) of every
# provincial and city report in ../shared/corpus must land in `govreport panel --role target` under
# its indicator id, for its region and plan year, with the value stated. Fails below the floor
# (0.95, the bar of the issue "The researcher's panel") and lists every figure it misses.
#
# The statement is found by its words (预期目标是/为/确定为, 主要目标是) and cut into clauses at ， ； ,
# ; ; a clause is a headline figure when the words before its first number name one of the headline
# indicators below (a share of GDP is not GDP's), by a keyword list of this test's own (not the extractor's), so that the test
# reads the text independently of what it checks.
# usage: headline_coverage.sh BIN SHARED [FLOOR]   (exit 77, skipped, without ../shared)
set -u
bin=$1 shared=$2 floor=${3:-0.95}
if [ ! -d "$shared/corpus/reports" ]; then
  echo "skipped: no $shared/corpus (the shared corpus is read at run time)"; exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" ingest --db "$tmp/h.db" "$shared/corpus/reports" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
python3 - "$bin" "$tmp" "$floor" <<'PY'
import csv, io, json, re, subprocess, sys
bin, tmp, floor = sys.argv[1], sys.argv[2], float(sys.argv[3])
db = tmp + "/h.db"

def run(*args):
    r = subprocess.run([bin, *args], capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"{' '.join(args)}: exit {r.returncode}: {r.stderr}")
    return r.stdout

def sql(q):
    return list(csv.DictReader(io.StringIO(run("sql", "--db", db, "--format", "csv", q))))

# the headline indicators: (ids that may carry the figure, keywords that name it); the first that
# matches a clause wins, so intensities come before GDP (单位生产总值能耗 names 生产总值 too)
HEADLINE = [
    (r"energy_intensity", r"(单位|万元).{0,10}能耗|能耗|能源消耗"),
    (r"carbon_intensity", r"单位.{0,10}(二氧化碳|碳排放)|二氧化碳|碳排放"),
    (r"rd_intensity|rd_expenditure", r"研发|研究与试验|R&D"),
    (r"gdp", r"生产总值|GDP|经济增长|经济增速"), (r"cpi", r"居民消费价格|物价|CPI"),
    (r"unemployment_surveyed|unemployment_registered", r"失业率"),
    (r"new_urban_jobs", r"新增就业|城镇就业"),
    (r"budget_revenue|fiscal_revenue_total", r"财政收入|预算收入"),
    (r"fai|fai_urban", r"固定资产投资"), (r"retail", r"社会消费品零售"),
    (r"trade|exports", r"进出口|外贸|出口"),
    (r"income_per_capita|income_urban|income_rural|income_rural_net", r"可支配收入|纯收入|居民收入"),
    (r"grain_output", r"粮食"),
]
CUE = re.compile(r"预期目标(是|为|确定为|建议为|:)|主要目标是")
NUMBER = re.compile(r"\d+(\.\d+)?(%|‰|万|亿|人|元|吨|个百分点)")

docs = sql("SELECT id, file, region_code, plan_year FROM documents WHERE level IN ('province','city') ORDER BY file")
panels = {}
def panel(ind, kind):
    if (ind, kind) not in panels:
        rows = list(csv.DictReader(io.StringIO(run("panel", "--db", db, "--indicator", ind, "--kind", kind,
                                                   "--role", "target", "--format", "csv"))))
        panels[(ind, kind)] = {(r["region_code"], r["year"]): float(r["value"]) for r in rows}
    return panels[(ind, kind)]

total = hit = 0
misses, without = [], []
for d in docs:
    paras = sql(f"SELECT p.idx, t.text AS t FROM paragraphs p JOIN documents dd ON dd.id = p.doc_id "
                f"JOIN para_text t ON t.id = dd.text_first + p.idx WHERE p.doc_id = {d['id']} "
                f"AND p.part != 'boilerplate' AND p.heading = 0 ORDER BY p.idx")
    statement = None
    for p in paras:
        p["t"] = p["t"].replace("\n", "")  # a paragraph joined from broken lines keeps its breaks
        m = CUE.search(p["t"])
        if m:
            end = p["t"].find("。", m.end() + 20)
            statement = p["t"][m.start(): end if end > 0 else len(p["t"])]
            break
    if statement is None:
        without.append(d["file"])
        continue
    facts = sql(f"SELECT indicator, kind, value, high, s.sentence FROM facts f JOIN fact_sentences s ON s.fact_id = f.id "
                f"WHERE doc_id = {d['id']} AND role = 'target' AND year = {d['plan_year']}")
    for clause in re.split(r"[，；;,]", statement):
        num = NUMBER.search(clause)
        if not num:
            continue
        # the indicator named first (城镇调查失业率、居民消费价格涨幅分别控制在5%和3%: the first figure is the first's)
        named = sorted((m.start(), k, i) for k, (i, kw) in enumerate(HEADLINE) for m in [re.search(kw, clause[: num.start()])] if m)
        ids = named[0][2] if named else None
        if not ids or (ids == "gdp" and re.search(r"(相当于|占).{0,6}(生产总值|GDP)", clause)):
            continue  # no headline figure; a share of GDP (环保投入相当于生产总值的比例) is none of GDP's
        total += 1
        value = float(num.group(0).rstrip("%‰万亿人元吨个百分点"))
        head = clause.strip()[:8]
        ok = any(re.fullmatch(ids, f["indicator"] or "") and head in f["sentence"].replace("\n", "") and
                 value in (abs(float(f["value"])), abs(float(f["high"] or "nan"))) and
                 panel(f["indicator"], f["kind"]).get((d["region_code"], d["plan_year"])) is not None
                 for f in facts)
        if ok:
            hit += 1
        else:
            misses.append(f"  {d['file']}: {clause.strip()[:40]} ({ids})")
share = hit / total if total else 0
print(f"headline coverage: {hit} of {total} headline target figures of {len(docs) - len(without)} provincial and "
      f"city reports land in panel --role target under their id ({share:.3f}; floor {floor})")
if misses:
    print("missed:\n" + "\n".join(misses))
if without:
    print(f"{len(without)} reports state no 预期目标 sentence (not counted): " + " ".join(f.split("/")[-1] for f in without))
sys.exit(0 if total >= 400 and share >= floor else 1)
PY
