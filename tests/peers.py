#!/usr/bin/env python3
"""Run the Chinese number test suites of other projects (../shared/peer-suites: Recognizers-Text,
Duckling, cn2an) against `govreport numbers`, and print the pass rate per suite file.

usage: tests/peers.py BIN SHARED [--min RATE] [--export CASES.jsonl] [-v]
  --export writes the in-scope Recognizers-Text cases, for bench/peer/run.js

Every case is run; a case is *in scope* unless tests/peers-out-of-scope.tsv rules it out (each
rule: suite file, a regular expression over the case input, and the reason). Mapping of the
suites' resolutions onto govreport's output:
  - a number's value is compared as govreport's base_value (magnitude folded: 180.39亿 -> 18039000000);
  - percentages ("6.6%") compare value and unit % (千分之 -> ‰);
  - ordinals compare the value of a number of class ordinal or rank;
  - with units (currency, dimension, Duckling quantities) the unit must be the one govreport
    writes for the peer's unit name (the table UNITS below), with the value in that unit;
  - a case with no expected result passes when govreport finds no quantity there.
Numbers govreport classes as name or idiom (一切, 一般) count as "no number".
Exit status 1 when an in-scope pass rate falls below --min (default 0: report only).
"""
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# peer unit name -> {unit govreport writes (base unit after folding magnitudes): how many of the
# peer's unit one of ours is}. Duckling resolves masses to grams, so 斤 is 500 Gram.
UNITS = {
    "Chinese yuan": {"元": 1, "块": 1}, "Yuan": {"元": 1, "块": 1}, "United States dollar": {"美元": 1},
    "Euro": {"欧元": 1}, "Hong Kong dollar": {"港元": 1}, "Japanese yen": {"日元": 1},
    "New Taiwan dollar": {"台币": 1, "新台币": 1}, "Swiss franc": {"瑞士法郎": 1}, "Nigerian naira": {"奈拉": 1},
    "Bitcoin": {"比特币": 1}, "Dollar": {"元": 1, "块": 1}, "CNY": {"元": 1},
    "Mu": {"亩": 1}, "Hectare": {"公顷": 1}, "Square kilometer": {"平方公里": 1, "平方千米": 1},
    "Square meter": {"平方米": 1}, "Kilogram": {"公斤": 1, "千克": 1}, "Ton": {"吨": 1},
    "Kilometer": {"公里": 1, "千米": 1, "公裏": 1}, "Meter": {"米": 1, "公尺": 1},
    "Centimeter": {"厘米": 1, "公分": 1}, "Millimeter": {"毫米": 1}, "Liter": {"升": 1, "公升": 1},
    "Milliliter": {"毫升": 1}, "Cubic meter": {"立方米": 1}, "Kilowatt": {"千瓦": 1},
    "Kilowatt hour": {"千瓦时": 1}, "Hertz": {"赫兹": 1}, "Bit": {"比特": 1}, "Byte": {"字节": 1},
    "Kilocalorie": {"千卡": 1}, "Calorie": {"卡路里": 1}, "Kilobit": {"比特": 0.001},
    "Kilobyte": {"字节": 0.001},
    "Gram": {"克": 1, "公斤": 1000, "千克": 1000, "斤": 500}, "Centimetre": {"厘米": 1, "公分": 1},
    "Metre": {"米": 1, "公尺": 1}, "Kilometre": {"公里": 1, "千米": 1, "公裏": 1}, "Millimetre": {"毫米": 1},
    "Litre": {"升": 1, "公升": 1}, "Millilitre": {"毫升": 1},
    "Year": {"年": 1, "岁": 1, "周岁": 1}, "Month": {"月": 1, "个月": 1}, "Day": {"天": 1, "日": 1},
    "Week": {"周": 1}, "Hour": {"小时": 1}, "Minute": {"分钟": 1}, "Second": {"秒": 1},
}


def load_rules():
    rules = []
    with open(os.path.join(HERE, "peers-out-of-scope.tsv"), encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "suite":
                continue
            rules.append((row[0], re.compile(row[1]), row[2]))
    return rules


def out_of_scope(rules, suite, text):
    for s, rx, why in rules:
        if (s == "*" or s == suite) and rx.search(text):
            return why
    return None


def run_numbers(bin_, inputs):
    """Runs govreport once over all inputs (one per line); returns a list of number lists."""
    with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as f:
        offsets = []
        pos = 0
        for s in inputs:
            b = s.replace("\n", " ").encode("utf-8")
            offsets.append((pos, pos + len(b)))
            f.write(b + b"\n\n")  # a blank line: every case is a paragraph of its own
            pos += len(b) + 2
        name = f.name
    try:
        out = subprocess.run([bin_, "numbers", name], capture_output=True, check=False).stdout
    finally:
        os.unlink(name)
    per = [[] for _ in inputs]
    import bisect
    starts = [a for a, _ in offsets]
    for line in out.decode("utf-8").splitlines():
        n = json.loads(line)
        i = bisect.bisect_right(starts, n["start"]) - 1
        if 0 <= i < len(inputs) and n["start"] < offsets[i][1] + 1:
            per[i].append(n)
    return per


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def figures(nums):
    return [n for n in nums if n["class"] not in ("name", "idiom")]


def match_value(n, value, unit=None, kind="number"):
    if kind == "ordinal":
        return n["class"] in ("ordinal", "rank") and close(n["base_value"], value)
    if kind == "percentage":
        if n["unit"] == "" and n["class"] == "quantity" and "分之" in n["text"]:  # a fraction is a ratio
            return close(n["value"] * 100, value)
        if n["base_unit"] in ("个百分点", "百分点"):  # the peer resolves points as a percentage
            return close(n["base_value"], value)
        if n["unit"] in ("%", "‰", "‱"):
            v = n["value"] * {"%": 1, "‰": 0.1, "‱": 0.01}[n["unit"]]
            return close(v, value)
        if n["base_unit"] == "%":  # 成, 番
            return close(n["base_value"], value)
        return False
    if unit:
        factors = UNITS.get(unit, {unit: 1})
        return n["base_unit"] in factors and close(n["base_value"] * factors[n["base_unit"]], value)
    # a number model extracts the number and leaves the unit: compare the value with the magnitude
    # folded; percentages and per-mille resolve to fractions there (百分之五十 = 0.5)
    scale = {"%": 100, "‰": 1000, "‱": 10000}.get(n["base_unit"], 1)
    return close(n["base_value"], value) or close(n["base_value"] / scale, value) or close(n["value"], value)


def parse_num(s):
    if not isinstance(s, str):
        raise ValueError("no value")
    s = s.strip().rstrip("%")
    return float(s)


class Suite:
    def __init__(self, name):
        self.name, self.cases = name, []  # (input, checker(numbers) -> bool)


def recognizers(shared):
    base = os.path.join(shared, "peer-suites", "recognizers-text")
    for sub, fn in [("Number", "NumberModel"), ("Number", "PercentModel"), ("Number", "OrdinalModel"),
                    ("Number", "NumberRangeModel"), ("Number", "NumberRangeModelExperimentalMode"),
                    ("NumberWithUnit", "CurrencyModel"), ("NumberWithUnit", "DimensionModel"),
                    ("NumberWithUnit", "AgeModel"), ("NumberWithUnit", "TemperatureModel")]:
        suite = Suite(f"recognizers-text/{sub}/{fn}.json")
        with open(os.path.join(base, sub, fn + ".json"), encoding="utf-8") as f:
            cases = json.load(f)
        for c in cases:
            want = []
            for r in c.get("Results", []):
                res = r.get("Resolution") or {}
                t = r.get("TypeName", "number")
                try:
                    v = parse_num(res.get("value", "nan"))
                except ValueError:
                    v = None
                want.append((t, v, res.get("unit")))
            raw = [{"value": (r.get("Resolution") or {}).get("value"), "unit": (r.get("Resolution") or {}).get("unit")}
                   for r in c.get("Results", [])]
            js_ok = "javascript" not in (c.get("NotSupported") or "")

            def check(nums, want=want):
                got = figures(nums)
                if not want:
                    return not got
                if any(v is None for _, v, _ in want):
                    return False
                used = set()
                for t, v, u in want:
                    kind = "ordinal" if t == "ordinal" else "percentage" if t == "percentage" else "number"
                    unit = u if t in ("currency", "dimension", "age", "temperature") else None
                    hit = next((i for i, n in enumerate(nums) if i not in used and match_value(n, v, unit, kind)),
                               None)
                    if hit is None:
                        return False
                    used.add(hit)
                if any(t in ("currency", "dimension", "age", "temperature") for t, _, _ in want):
                    return True  # a unit model finds entities of its kind; other numbers may stand beside
                return len([n for i, n in enumerate(got) if i not in used]) == 0 or len(got) <= len(want)
            check.raw = raw
            suite.cases.append((c["Input"], check, js_ok))
        yield suite


def duckling(shared):
    base = os.path.join(shared, "peer-suites", "duckling-zh")
    for fn in sorted(os.listdir(base)):
        if not fn.endswith(".tsv"):
            continue
        suite = Suite(f"duckling-zh/{fn}")
        with open(os.path.join(base, fn), encoding="utf-8") as f:
            rows = list(csv.reader(f, delimiter="\t"))[1:]
        for row in rows:
            if len(row) < 2:
                continue
            expected, text = row[0], row[1]
            parts = expected.split()
            try:
                v = float(parts[0])
            except ValueError:
                continue
            unit = parts[1] if len(parts) > 1 else None
            kind = "ordinal" if fn == "Ordinal.tsv" else "number"

            def check(nums, v=v, unit=unit, kind=kind):
                got = [n for n in nums if n["class"] not in ("name",)]
                return len(got) >= 1 and any(match_value(n, v, unit, kind) for n in got)
            suite.cases.append((text, check, None))
        yield suite


def cn2an(shared):
    base = os.path.join(shared, "peer-suites", "cn2an")
    for fn in sorted(os.listdir(base)):
        if not fn.endswith(".tsv"):
            continue
        suite = Suite(f"cn2an/{fn}")
        with open(os.path.join(base, fn), encoding="utf-8") as f:
            rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
        for row in rows:
            if len(row) < 2:
                continue
            inp, expected = row[0], row[1]
            if fn.startswith("transform"):
                want = [float(a) / float(b) if b else float(a)
                        for a, b in re.findall(r"(\d+(?:\.\d+)?)(?:/(\d+))?", expected)]

                def check(nums, want=want):
                    got = sorted(n["base_value"] for n in nums if n["class"] not in ("name", "idiom"))
                    return len(got) == len(want) and all(close(a, b) for a, b in zip(got, sorted(want)))
            else:
                try:
                    v = float(expected.strip('"'))
                except ValueError:
                    v = None

                def check(nums, v=v, inp=inp):
                    if v is None:
                        return False
                    whole = [n for n in nums if n["end"] - n["start"] >= len(inp.strip().encode("utf-8")) - 3]
                    return any(close(n["base_value"], v) for n in whole)
            suite.cases.append((inp, check, None))
        yield suite


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__.strip())
    bin_, shared = argv[1], argv[2]
    verbose = "-v" in argv
    minrate = float(argv[argv.index("--min") + 1]) if "--min" in argv else 0.0
    export = open(argv[argv.index("--export") + 1], "w", encoding="utf-8") if "--export" in argv else None
    if not os.path.isdir(os.path.join(shared, "peer-suites")):
        print(f"SKIP: {shared}/peer-suites not found")
        return 77
    rules = load_rules()
    suites = list(recognizers(shared)) + list(duckling(shared)) + list(cn2an(shared))
    inputs = [c[0] for s in suites for c in s.cases]
    results = run_numbers(bin_, inputs)
    k = 0
    total_in = total_pass = 0
    low = []
    print(f"{'suite file':58s} {'cases':>5s} {'in scope':>8s} {'passed':>6s} {'rate':>7s}")
    for s in suites:
        n_in = n_pass = js_pass = js_in = 0
        for inp, check, js_ok in s.cases:
            nums = results[k]
            k += 1
            why = out_of_scope(rules, s.name, inp)
            if why:
                continue
            n_in += 1
            if export and hasattr(check, "raw"):
                export.write(json.dumps({"suite": s.name, "input": inp, "expected": check.raw},
                                        ensure_ascii=False) + "\n")
            ok = check(nums)
            n_pass += ok
            if js_ok is not None:
                js_in += 1
                js_pass += js_ok
            if not ok and verbose:
                got = ", ".join(f"{n['text']}={n['base_value']}{n['base_unit']}({n['class']})" for n in nums)
                print(f"  FAIL {s.name}: {inp!r} -> {got}")
        total_in += n_in
        total_pass += n_pass
        rate = n_pass / n_in if n_in else 1.0
        print(f"{s.name:58s} {len(s.cases):5d} {n_in:8d} {n_pass:6d} {rate:7.1%}")
        if rate < minrate:
            low.append(s.name)
    rate = total_pass / total_in if total_in else 1.0
    print(f"{'all in-scope cases':58s} {'':5s} {total_in:8d} {total_pass:6d} {rate:7.1%}")
    print(f"peer suites: {total_pass} passed, {total_in - total_pass} failed")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
