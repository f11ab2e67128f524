"""Python results equal the CLI's byte for byte once written as CSV."""

import json
import os
import unittest

import numpy as np

import gangdu
from util import SCALE, cli, read_bytes, tempdir


class CliEqualityTest(unittest.TestCase):
    def check_run(self, cli_args, **py_args):
        d = tempdir(self)
        out = os.path.join(d, "cli")
        p = cli("run", "--out", out, "--scale", repr(SCALE), *cli_args)
        self.assertEqual(p.returncode, 0, p.stderr)
        r = gangdu.run(scale=SCALE, **py_args)
        mine = os.path.join(d, "series.csv")
        r.write_csv(mine)
        self.assertEqual(read_bytes(mine), read_bytes(os.path.join(out, "series.csv")))
        self.assertEqual(r.fit.csv.encode(), read_bytes(os.path.join(out, "fit.csv")))
        with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
            m = json.load(f)
        for k in ("seed", "scale", "scenario_hash", "overall_mape_percent", "version"):
            self.assertEqual(r.manifest[k], m[k], k)
        return r

    def test_default_run(self):
        self.check_run([])

    def test_seed_override_switch(self):
        r = self.check_run(
            ["--seed", "11", "--set", "regime.ffyp.steel_utilization=1.2", "--switch", "rule_ratchet=0"],
            seed=11,
            overrides={"regime.ffyp.steel_utilization": 1.2},
            switches={"rule_ratchet": 0},
        )
        self.assertEqual(r.manifest["seed"], 11)

    def test_ensemble_summary_equals_cli(self):
        d = tempdir(self)
        out = os.path.join(d, "ens")
        p = cli("ensemble", "--runs", "3", "--seed", "4", "--scale", repr(SCALE), "--threads", "2", "--out", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        e = gangdu.ensemble(runs=3, seed=4, scale=SCALE, threads=1)
        with open(os.path.join(out, "summary.csv"), encoding="utf-8", newline="") as f:
            self.assertEqual(e.summary_csv, f.read())
        self.assertEqual(e.values.shape, (3, len(e.variables), len(e.years)))
        e2 = gangdu.ensemble(runs=3, seed=4, scale=SCALE, threads=2)
        np.testing.assert_array_equal(e.values, e2.values)
        # a replicate is an ordinary run with its derived seed
        one = gangdu.run(seed=e.seeds[1], scale=SCALE)
        np.testing.assert_array_equal(e.values[1], one.values)
        steel = e.summary["angang.steel_t"]
        i = 1955 - int(e.years[0])
        self.assertAlmostEqual(steel["mean"][i], float(np.mean(e.values[:, e.variables.index("angang.steel_t"), i])))
        self.assertTrue(np.all(steel["p05"] <= steel["p95"]))
        self.assertEqual(len(e.mape), 3)

    def test_forecast_equals_cli(self):
        d = tempdir(self)
        out = os.path.join(d, "fc")
        p = cli("validate", "--forecast", "--runs", "4", "--scale", repr(SCALE), "--threads", "2", "--keep", "0.5",
                "--param", "parameters.overdrive_max=1.0:2.0", "--out", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        f = gangdu.forecast(runs=4, scale=SCALE, keep=0.5, params={"parameters.overdrive_max": (1.0, 2.0)},
                            threads=1)
        with open(os.path.join(out, "forecast.csv"), encoding="utf-8", newline="") as fh:
            self.assertEqual(f.csv, fh.read())
        with open(os.path.join(out, "forecast_runs.csv"), encoding="utf-8", newline="") as fh:
            self.assertEqual(f.runs_csv, fh.read())
        self.assertEqual(int(f.kept.sum()), 2)
        self.assertTrue(max(f.mape[f.kept]) <= min(f.mape[~f.kept]))
        with self.assertRaises(ValueError):
            gangdu.forecast(runs=2, scale=SCALE, keep=0)
        with self.assertRaises(gangdu.ScenarioError):
            gangdu.forecast(runs=2, scale=SCALE, params={"regime.leap.no_such_key": (0, 1)})


if __name__ == "__main__":
    unittest.main()
