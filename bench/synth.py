#!/usr/bin/env python3
"""Build a synthetic corpus of N reports from the real ones, for the store's scale benchmark.

usage: bench/synth.py SHARED OUTDIR [N=10000] [SEED=1]
Each synthetic report is a real report of SHARED/corpus/reports that names its region in its
meeting line (在…县第…次会议上) with the region replaced by a random county-level division of
data/regions.tsv and every year shifted by the same random amount (-15..0), so that metadata, parts
and facts stay consistent; a numbered closing line keeps every file's bytes distinct. Each county
and plan year is drawn once while the draws allow (about 2,800 counties and 40 years), so that the
reports are stored as that many documents, not as alternate sources of a few. Deterministic for a
given SEED."""
import os
import random
import re
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__.strip())
    shared, out = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    counties = []
    with open(os.path.join(root, "data", "regions.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            code, name, level = line.split("\t")[:3]
            if level == "county":
                counties.append(name)
    sources = []
    for d, _, files in os.walk(os.path.join(shared, "corpus", "reports")):
        for fn in sorted(files):
            if fn.endswith(".txt"):
                with open(os.path.join(d, fn), encoding="utf-8-sig") as f:
                    text = f.read()
                m = re.search(r"在(\S{2,12}?[省市区县旗])第", text[:3000])
                y = re.search(r"(20[0-3][0-9])\.txt$", fn)
                if m and y:  # a report that says its region where ingest reads it, and its year
                    sources.append((text, m.group(1), int(y.group(1))))
    os.makedirs(out, exist_ok=True)
    used = set()
    for i in range(n):
        for _ in range(50):  # a county and plan year not drawn yet, while one is found soon
            text, region, year = sources[rng.randrange(len(sources))]
            new = rng.choice(counties)
            shift = rng.randint(-15, 0)
            if (new, year + shift) not in used:
                break
        used.add((new, year + shift))
        text = text.replace(region, new)
        text = re.sub(r"(?<![0-9])(19[5-9][0-9]|20[0-3][0-9])年", lambda m: f"{int(m.group(1)) + shift}年", text)
        text += f"\n（合成样本第{i + 1}号）\n"
        with open(os.path.join(out, f"synth-{i:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
    print(f"{n} synthetic reports in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
