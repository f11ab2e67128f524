#!/usr/bin/env python3
"""What made the Leap: each Leap mechanism or input switched off, paired by seed.

Runs `gangdu run` for the default history and for each arm below with the same seeds,
and writes OUT/leap_mechanisms.csv (tidy: arm, what, variable, period, unit, effect,
ci95_low, ci95_high, runs) and OUT/leap_mechanisms.md (the table in docs/leap.md).
The effect of a mechanism is (history as written) - (mechanism off): the part of the
period mean that the mechanism accounts for, with a 95% t interval over paired seeds.

Usage: python3 scripts/leap_mechanisms.py [--gangdu build/gangdu] [--runs 10]
       [--scale 0.1] [--out out/leap] [--jobs 2]
"""
import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

# arm id -> (what is switched off, gangdu run arguments)
ARMS = [
    ("overdrive", "R23 overdriving (rule_overdrive)", ["--switch", "rule_overdrive=0"]),
    ("maintenance_skip", "skipped maintenance (rule_maintenance_skip)", ["--switch", "rule_maintenance_skip=0"]),
    ("repair_capacity", "repair shops' throughput and spare parts (rule_repair_capacity)",
     ["--switch", "rule_repair_capacity=0"]),
    ("untrained_recruits", "untrained recruits and effective labour (rule_untrained_recruits)",
     ["--switch", "rule_untrained_recruits=0"]),
    ("overtime", "overtime under pressure (rule_overtime)", ["--switch", "rule_overtime=0"]),
    ("report_inflation", "inflated reports (rule_report_inflation)", ["--switch", "rule_report_inflation=0"]),
    ("leap_recruitment", "the Leap's recruitment of migrants (regime.leap.migration_response=0)",
     ["--set", "regime.leap.migration_response=0"]),
    ("mobilisation", "the small-furnace mobilization (80,000 and 130,000 persons, L5025)",
     ["--set", "event.smallfurnace_mobilised_1958_11.value=0", "--set", "event.smallfurnace_mobilised_1958_12.value=0"]),
    ("personnel_export", "the 1958-59 personnel export (L5046)",
     ["--set", "event.personnel_export_1958.persons=0", "--set", "event.personnel_export_1959.persons=0"]),
    ("soviet_parts", "the end of Soviet spare parts in 1960 (L4925)", ["--set", "event.soviet_withdrawal.value=1"]),
    ("construction", "the Leap's unlisted construction projects (regime.leap.expansion_invest_share=0)",
     ["--set", "regime.leap.expansion_invest_share=0"]),
]
VARIABLES = [
    ("angang.steel_t", "t/yr"),
    ("angang.pig_iron_t", "t/yr"),
    ("angang.employees", "persons"),
    ("angang.equipment_impaired_share", "share"),
    ("angang.steel_report_inflation_t", "t/yr"),
]
PERIODS = [(1958, 1960), (1961, 1962), (1963, 1964)]
T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
       2.131, 2.120, 2.110, 2.101, 2.093, 2.086]


def t95(df):
    return T95[df - 1] if df <= len(T95) else 1.96


def run(gangdu, args, seed, scale, tmp):
    out = os.path.join(tmp, f"{abs(hash((tuple(args), seed)))}")
    cmd = [gangdu, "run", "--seed", str(seed), "--scale", str(scale), "--out", out] + args
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stderr}")
    series = {}
    with open(os.path.join(out, "series.csv"), newline="") as f:
        for row in csv.DictReader(f):
            series[(row["variable"], int(row["year"]))] = float(row["value"])
    return series


def period_mean(s, var, a, b):
    return sum(s.get((var, y), 0.0) for y in range(a, b + 1)) / (b - a + 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gangdu", default="build/gangdu")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--scale", type=float, default=0.1)
    ap.add_argument("--out", default="out/leap")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    if a.runs < 2:
        sys.exit("--runs must be at least 2 (the interval needs paired replicates)")
    seeds = [1000 + k for k in range(a.runs)]
    os.makedirs(a.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(a.jobs) as pool:
        jobs = {("base", s): pool.submit(run, a.gangdu, [], s, a.scale, tmp) for s in seeds}
        for arm, _, args in ARMS:
            for s in seeds:
                jobs[(arm, s)] = pool.submit(run, a.gangdu, args, s, a.scale, tmp)
        res = {k: f.result() for k, f in jobs.items()}
    rows = []
    for arm, what, _ in ARMS:
        for var, unit in VARIABLES:
            for p0, p1 in PERIODS:
                d = [period_mean(res[("base", s)], var, p0, p1) - period_mean(res[(arm, s)], var, p0, p1) for s in seeds]
                m = sum(d) / len(d)
                sd = math.sqrt(sum((x - m) ** 2 for x in d) / (len(d) - 1))
                h = t95(len(d) - 1) * sd / math.sqrt(len(d))
                rows.append([arm, what, var, f"{p0}-{p1}", unit, m, m - h, m + h, len(d)])
    path = os.path.join(a.out, "leap_mechanisms.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(["arm", "what", "variable", "period", "unit", "effect", "ci95_low", "ci95_high", "runs"])
        for r in rows:
            w.writerow(r[:5] + [f"{x:.6g}" for x in r[5:8]] + [r[8]])

    def fmt(r):
        scale = 1e3 if r[4] in ("t/yr",) else 1.0
        unit = "kt" if scale == 1e3 else ""
        if r[4] == "share":
            return f"{r[5]:+.3f} [{r[6]:+.3f}, {r[7]:+.3f}]"
        return f"{r[5] / scale:+,.0f} [{r[6] / scale:+,.0f}, {r[7] / scale:+,.0f}]{unit and ' ' + unit}"

    md = [f"Effect of each mechanism = history as written - mechanism off; mean over the period, "
          f"95% interval over {a.runs} paired seeds at scale {a.scale}.", ""]
    md.append("| switched off | variable | " + " | ".join(f"{p0}-{p1}" for p0, p1 in PERIODS) + " |")
    md.append("|---|---|" + "---|" * len(PERIODS))
    for arm, what, _ in ARMS:
        for var, _ in VARIABLES:
            cells = [fmt(r) for r in rows if r[0] == arm and r[2] == var]
            md.append(f"| {what} | `{var}` | " + " | ".join(cells) + " |")
    with open(os.path.join(a.out, "leap_mechanisms.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md))
    print(f"\nwritten: {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
