#!/usr/bin/env python3
"""Every fact a change adds, drops or alters, grouped by rule.

usage: tools/fact_diff.py OLD_DIR NEW_DIR [--examples N]

OLD_DIR and NEW_DIR hold one `govreport extract --format jsonl` output per input file, with the same
file names (tools/corpus-diff.sh writes them, or freezes one as a golden set). Facts are paired by
the byte offsets of their number in the input (start, end) and, for the several facts one number
gives (存、贷款余额分别…), by their metric; a pair that differs in any field but `rule` and
`sentence` is altered, with the fields named. An added or altered fact is counted under its new
rule, a dropped one under its old rule. A document record that differs is reported too. Prints a
summary and up to N examples per rule and change (default 3); exits 1 when anything changed but
rules alone, 0 when the output is the same.
"""
import argparse
import collections
import json
import os
import sys


def load(path):
    doc, facts = None, []
    if not os.path.exists(path):
        return doc, facts
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("type") == "document":
                doc = r
            elif r.get("type") == "fact":
                facts.append(r)
    return doc, facts


def pairs(old, new):
    """Pairs facts of the same number; returns (pairs, dropped, added)."""
    by = collections.defaultdict(list)
    for f in new:
        by[(f.get("start"), f.get("end"))].append(f)
    paired, dropped = [], []
    for f in old:
        cands = by.get((f.get("start"), f.get("end")), [])
        pick = next((c for c in cands if c["metric"] == f["metric"]), cands[0] if cands else None)
        if pick is None:
            dropped.append(f)
        else:
            cands.remove(pick)
            paired.append((f, pick))
    added = [f for fs in by.values() for f in fs]
    return paired, dropped, added


def show(f):
    span = f.get("period") or f.get("year")
    return f'{f["metric"]} {f["value"]}{f["unit"]} {f["kind"]} {f["role"]} {span}'


def main():
    ap = argparse.ArgumentParser(description="Every fact a change adds, drops or alters, grouped by rule.")
    ap.add_argument("old_dir")
    ap.add_argument("new_dir")
    ap.add_argument("--examples", type=int, default=3, metavar="N", help="examples per rule and change")
    a = ap.parse_args()
    old_dir, new_dir, nex = a.old_dir, a.new_dir, a.examples
    names = sorted(set(os.listdir(old_dir)) | set(os.listdir(new_dir)))
    names = [n for n in names if n.endswith(".jsonl")]
    count = collections.Counter()
    examples = collections.defaultdict(list)
    files = collections.Counter()
    renamed = 0
    for name in names:
        od, of = load(os.path.join(old_dir, name))
        nd, nf = load(os.path.join(new_dir, name))
        label = name[: -len(".jsonl")]
        if od != nd:
            count[("document", "altered")] += 1
            examples[("document", "altered")].append(f"{label}: {od} -> {nd}")
            files[label] += 1
        paired, dropped, added = pairs(of, nf)
        for f in dropped:
            key = (f.get("rule", "?"), "dropped")
            count[key] += 1
            examples[key].append(f"{label}: {show(f)}  | {f['sentence'][:60]}")
            files[label] += 1
        for f in added:
            key = (f.get("rule", "?"), "added")
            count[key] += 1
            examples[key].append(f"{label}: {show(f)}  | {f['sentence'][:60]}")
            files[label] += 1
        for a, b in paired:
            fields = sorted(k for k in set(a) | set(b) if k not in ("rule", "sentence") and a.get(k) != b.get(k))
            if not fields:
                renamed += a.get("rule") != b.get("rule")
                continue
            key = (b.get("rule", "?"), "altered")
            count[key] += 1
            what = ", ".join(f"{k} {a.get(k)} -> {b.get(k)}" for k in fields)
            examples[key].append(f"{label}: {a['metric']}: {what}")
            files[label] += 1
    changed = sum(count.values())
    print(f"{changed} facts and documents changed in {len(files)} of {len(names)} files"
          + (f" ({renamed} facts only renamed their rule)" if renamed else ""))
    for (rule, how), k in sorted(count.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {rule:22} {how:8} {k}")
        for e in examples[(rule, how)][:nex]:
            print(f"      {e}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
