#!/usr/bin/env python3
"""Writes examples/anshan.ipynb from the cells below (the notebook is generated, so it stays
reviewable as plain Python; CI executes the written notebook: python/tests/run_notebook.py).

    python3 examples/make_notebook.py            # rewrite examples/anshan.ipynb
    python3 examples/make_notebook.py --check    # exit 1 when the .ipynb differs from these cells
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "anshan.ipynb")

CELLS = [
    ("markdown", """# Gangdu: the Anshan steel works, 1916-1964

This notebook runs the default scenario (`scenarios/anshan.toml`), draws Angang's steel output
beside the historical record with its citations, adds an ensemble band, and asks two
counterfactual questions with paired seeds: *what if the Soviet army had not removed the
equipment in 1945?* and *what does the ratchet rule (R2) do?*

Figures are from Koji Hirata, *Steel Metropolis: Industrial Manchuria and the Making of Chinese
Socialism, 1916-1964* (PhD dissertation, Stanford University, 2018); `L1505` means line 1505 of the
dissertation's text as the project stores it. Record figures after 1957 are withheld from the
model: everything right of the grey line is a forecast.

Set-up: `bash scripts/setup.sh` builds the model and the Python module; then start Jupyter with
`PYTHONPATH=build/python`, or `pip install ./python` into the kernel's environment
(docs/python.md). `GANGDU_NOTEBOOK_SCALE` (default 0.05 agents per person) and
`GANGDU_NOTEBOOK_RUNS` (default 4) trade speed for precision: the CI run uses the defaults."""),
    ("code", """import os
import numpy as np
import pandas as pd
import matplotlib
import matplotlib.pyplot as plt
import gangdu

SCALE = float(os.environ.get("GANGDU_NOTEBOOK_SCALE", "0.05"))
RUNS = int(os.environ.get("GANGDU_NOTEBOOK_RUNS", "4"))
print("gangdu", gangdu.__version__, "| scale", SCALE, "| runs", RUNS)"""),
    ("markdown", """## 1. One run of the default history

`gangdu.run()` is `gangdu run`: the same scenario, seed and outputs. `to_frame()` gives the tidy
long table of `series.csv` (`variable, year, value`)."""),
    ("code", """run = gangdu.run(scale=SCALE)
df = run.to_frame()
print(run)
df[df.variable.isin(["angang.pig_iron_t", "angang.steel_t"]) & df.year.between(1949, 1957)] \\
    .pivot(index="year", columns="variable", values="value").round(0)"""),
    ("markdown", """## 2. Steel beside the record

Each black point is a figure of the record (`data/history/record.csv`) with the seed line it
comes from; `^` marks a "more than", `v` an "up to" figure. The fit against the record up to
1957 is `run.fit`."""),
    ("code", """VAR = "angang.steel_t"
points = [p for p in gangdu.history() if p["variable"] == VAR and p["compare"] == "level"]
ens = gangdu.ensemble(runs=RUNS, scale=SCALE)
band = ens.summary[VAR]

fig, ax = plt.subplots(figsize=(10, 5))
ax.fill_between(ens.years, np.asarray(band["p05"]) / 1e6, np.asarray(band["p95"]) / 1e6, alpha=0.25,
                label="ensemble 5-95%% (%d runs)" % RUNS)
ax.plot(ens.years, np.asarray(band["mean"]) / 1e6, lw=1.5, label="ensemble mean")
ax.plot(run.years, np.asarray(run.series[VAR]) / 1e6, lw=1, ls="--", label="one run (seed %d)" % run.seed)
marker = {"more than": "^", "less than": "v", "up to": "v"}
for p in points:
    ax.plot(p["year"], p["observed"] / 1e6, marker=marker.get(p["qualifier"], "o"), color="black", ls="none")
    ax.annotate(p["citation"].split(" ")[0], (p["year"], p["observed"] / 1e6), fontsize=7,
                xytext=(3, 3), textcoords="offset points")
ax.axvline(gangdu.LAST_CALIBRATION_YEAR + 0.5, color="grey", lw=0.8)
ax.text(gangdu.LAST_CALIBRATION_YEAR + 0.7, ax.get_ylim()[1] * 0.92, "record withheld:\\nforecast", fontsize=8)
ax.set(xlabel="year", ylabel="steel, Mt a year", xlim=(1916, 1964),
       title="Angang steel output: model (scale %g) beside the record" % SCALE)
ax.legend(loc="upper left", fontsize=8)
plt.show()
print("MAPE against the record up to 1957: %.1f%% over %d runs (mean)" % (ens.mape.mean(), RUNS))"""),
    ("markdown", """## 3. A counterfactual: no Soviet removal in 1945

The scenario's `removal_scale` (source: L1490-1499) scales the equipment the Soviet army took in
1945; 0 is the world without the removal. Both arms use the same seeds, so the difference per
seed is a paired comparison; the interval is the t-interval of the mean paired difference."""),
    ("code", """# two-sided 95% quantiles of Student's t by degrees of freedom (standard table values)
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
        10: 2.228, 15: 2.131, 20: 2.086, 30: 2.042}


def paired(overrides=None, switches=None, variable="angang.steel_t", years=(1949, 1957), base=ens):
    \"\"\"Mean yearly output difference over `years` (change minus history), paired by seed, with
    a 95% t-interval over the runs. `base` is the history ensemble of section 2 (same seeds).\"\"\"
    alt = gangdu.ensemble(runs=RUNS, scale=SCALE, overrides=overrides, switches=switches)
    assert base.seeds == alt.seeds  # paired: the same seeds in both arms
    sel = (base.years >= years[0]) & (base.years <= years[1])
    i = base.variables.index(variable)
    d = alt.values[:, i, sel].mean(axis=1) - base.values[:, i, sel].mean(axis=1)
    df_ = len(d) - 1
    t = T975[max(k for k in T975 if k <= df_)] if df_ >= 1 else float("nan")
    half = t * d.std(ddof=1) / np.sqrt(len(d)) if df_ >= 1 else float("nan")
    return pd.DataFrame({"variable": [variable], "years": ["%d-%d" % years],
                         "history_mean_t": [base.values[:, i, sel].mean()],
                         "difference_t": [d.mean()], "ci95_low_t": [d.mean() - half],
                         "ci95_high_t": [d.mean() + half], "runs": [len(d)]}).round(0)

paired(overrides={"parameters.removal_scale": 0})"""),
    ("markdown", """## 4. One ablation: the ratchet (R2)

`gangdu list rules` names every rule with its switch and citation. Turning `rule_ratchet` off
removes the rule that targets follow reported results (L3442), so units no longer restrict output
to stay near their targets. `gangdu experiment ablate` does this for every rule with proper
intervals; here one switch, paired by seed."""),
    ("code", """paired(switches={"rule_ratchet": 0}, variable="angang.steel_t")"""),
    ("markdown", """## Where next

- `gangdu experiment ablate`, `gangdu sensitivity`, `gangdu calibrate` and `gangdu validate
  --forecast` from the command line (docs/experiments.md);
- the scenario file is plain TOML: every value carries its source (seed line or a stated
  assumption), and `gangdu run --set parameters.NAME=VALUE` changes one without editing it;
- docs/ODD.md describes the model; docs/rules.md lists its rules."""),
]


def notebook():
    cells = []
    for kind, text in CELLS:
        lines = text.split("\n")
        src = [l + "\n" for l in lines[:-1]] + [lines[-1]]
        c = {"cell_type": kind, "id": "cell-%02d" % len(cells), "metadata": {}, "source": src}
        if kind == "code":
            c.update({"execution_count": None, "outputs": []})
        cells.append(c)
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                                          "name": "python3"},
                                         "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


if __name__ == "__main__":
    text = json.dumps(notebook(), indent=1, ensure_ascii=False) + "\n"
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            ok = f.read() == text
        print("examples/anshan.ipynb is %s" % ("up to date" if ok else "stale: run python3 examples/make_notebook.py"))
        sys.exit(0 if ok else 1)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote", OUT)
