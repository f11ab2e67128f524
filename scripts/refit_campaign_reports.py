#!/usr/bin/env python3
"""Refits the `reports` of the campaigns up to 1957 on their own counts (issue 22).

Each campaign is fitted in date order (an earlier campaign's labels and removals change a later
one's suspects) by bisection on the mean of campaign.<id>.targeted_total over seeds 1, 2 and 1916
at scale 0.1 (the procedure of docs/politics.md section 6). Only the record points up to 1957 are
used; the Anti-Rightist count (L5162) and the 1958 managers (L5164) are never read here.

Usage: scripts/refit_campaign_reports.py [--gangdu build/gangdu] [--scale 0.1]
Prints the fitted values; edit scenarios/anshan.toml with them (the [calibrated: ...] marks stay).
"""
import argparse
import csv
import os
import subprocess
import tempfile

# (campaign id, year of the count, the count, seed line): data/history/record.csv
COUNTS = [
    ("suppress_counterrevolutionaries", 1953, 1544, "L4269"),
    ("three_anti", 1952, 1300, "L4305"),
    ("cleansing_1955", 1955, 2900, "L4689"),
    ("sufan", 1956, 1647, "L4697"),
]
SEEDS = [1, 2, 1916]


def count(gangdu, scale, sets, cid, year, tmp):
    total = 0.0
    for seed in SEEDS:
        out = os.path.join(tmp, f"s{seed}")
        cmd = [gangdu, "-q", "run", "--scale", str(scale), "--seed", str(seed), "--out", out]
        for k, v in sets.items():
            cmd += ["--set", f"campaign.{k}.reports={v}"]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(out, "series.csv")) as f:
            for row in csv.reader(f):
                if row[0] == f"campaign.{cid}.targeted_total" and row[1] == str(year):
                    total += float(row[2])
    return total / len(SEEDS)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gangdu", default="build/gangdu")
    ap.add_argument("--scale", type=float, default=0.1)
    ap.add_argument("--iterations", type=int, default=14)
    a = ap.parse_args()
    sets = {}
    with tempfile.TemporaryDirectory() as tmp:
        for cid, year, target, line in COUNTS:
            lo, hi = 0.05, 6.0
            for _ in range(a.iterations):
                mid = round((lo + hi) / 2, 4)
                sets[cid] = mid
                c = count(a.gangdu, a.scale, sets, cid, year, tmp)
                if c < target:
                    lo = mid
                else:
                    hi = mid
            sets[cid] = round((lo + hi) / 2, 3)
            c = count(a.gangdu, a.scale, sets, cid, year, tmp)
            print(f"{cid}: reports = {sets[cid]}  (mean count {c:.0f} against {target}, {line})", flush=True)


if __name__ == "__main__":
    main()
