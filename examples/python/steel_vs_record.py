#!/usr/bin/env python3
"""Notebook-style example: the report's "angang.steel_t" chart from Python.

The HTML report (`gangdu report`) draws each simulated path beside the points of
the historical record (data/history/record.csv, figures up to 1957 with their
seed-line citations). This script redraws the steel chart with matplotlib: an
ensemble's mean and 5-95% band, one run, and the record's points, each point
labelled with its citation. Without matplotlib (Debian: python3-matplotlib) it
prints the numbers and exits 77 (skipped).

    PYTHONPATH=build/python /usr/bin/python3 examples/python/steel_vs_record.py --out steel.png
"""

# %% set-up
import argparse
import os
import sys

import gangdu

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--scale", type=float, default=0.1, help="agents per person (default 0.1)")
parser.add_argument("--runs", type=int, default=5, help="ensemble size for the band (default 5)")
parser.add_argument("--seed", type=int, default=None, help="master seed (default: the scenario's)")
parser.add_argument("--out", default="steel_vs_record.png", help="PNG to write")
args = parser.parse_args()
VAR = "angang.steel_t"

# %% run the model: one run and an ensemble for the band
run = gangdu.run(seed=args.seed, scale=args.scale)
ens = gangdu.ensemble(runs=args.runs, seed=args.seed, scale=args.scale)
band = ens.summary[VAR]

# %% the historical record's steel points (levels), with their sources
points = [p for p in gangdu.history() if p["variable"] == VAR and p["compare"] == "level"]
fit = {(r["variable"], r["year"], r["line"]): r for r in run.fit.rows}
print("%-6s %12s %-10s %12s  %s" % ("year", "record_t", "qualifier", "simulated_t", "source"))
for p in points:
    sim = fit[(VAR, p["year"], p["line"])]["simulated"]
    print("%-6d %12.0f %-10s %12.0f  %s" % (p["year"], p["observed"], p["qualifier"] or "-", sim, p["citation"]))
print("overall MAPE against the record up to 1957: %.1f%%" % run.fit.overall_mape)

# %% draw (matplotlib is optional)
try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib not installed (Debian: python3-matplotlib): figure skipped")
    sys.exit(77)

fig, ax = plt.subplots(figsize=(10, 5.5))
ax.fill_between(ens.years, band["p05"], band["p95"], alpha=0.25, label="ensemble 5-95%% (%d runs)" % args.runs)
ax.plot(ens.years, band["mean"], lw=1.5, label="ensemble mean")
ax.plot(run.years, run.series[VAR], lw=1, ls="--", label="one run (seed %d)" % run.seed)
markers = {"more than": "^", "less than": "v", "up to": "v"}
for p in points:
    ax.plot(p["year"], p["observed"], marker=markers.get(p["qualifier"], "o"), color="black", ls="none")
    ax.annotate(p["citation"].split(" ")[0], (p["year"], p["observed"]), fontsize=7, xytext=(3, 3),
                textcoords="offset points")
ax.plot([], [], "o", color="black", label="record (data/history/record.csv; ^ more than, v less than)")
ax.axvline(gangdu.LAST_CALIBRATION_YEAR + 0.5, color="grey", lw=0.8)
ax.text(gangdu.LAST_CALIBRATION_YEAR + 0.7, ax.get_ylim()[1] * 0.95, "figures after 1957 withheld", fontsize=8)
ax.set_xlabel("year")
ax.set_ylabel("steel, t per year")
ax.set_title("Angang steel output: Gangdu %s (scale %g) beside the record" % (gangdu.__version__, args.scale))
ax.legend(loc="upper left", fontsize=8)
fig.tight_layout()
os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
fig.savefig(args.out, dpi=110)
print("figure written to", args.out)
