"""simulate(params, seed) -> named summary statistics; validate against a record."""

import math
import os
import unittest

import gangdu
from util import SCALE, tempdir


class SimulateTest(unittest.TestCase):
    def test_names_match_the_record(self):
        obs = gangdu.observed()
        s = gangdu.simulate({"steel_utilization": 0.9}, seed=3, scale=SCALE)
        self.assertEqual(set(s), set(obs) | {"mape_le_1957"})
        self.assertIn("angang.steel_t@1957", obs)
        self.assertTrue(all(isinstance(v, float) for v in s.values()))
        self.assertTrue(math.isfinite(s["mape_le_1957"]))
        self.assertTrue(all(p["year"] <= gangdu.LAST_CALIBRATION_YEAR for p in gangdu.history()))

    def test_deterministic_and_sensitive(self):
        a = gangdu.simulate({"steel_utilization": 0.9}, seed=3, scale=SCALE)
        b = gangdu.simulate({"steel_utilization": 0.9}, seed=3, scale=SCALE)
        self.assertEqual(a, b)
        r = gangdu.run(seed=3, scale=SCALE, overrides={"parameters.steel_utilization": 0.9})
        self.assertEqual(a["angang.steel_t@1957"], r.series.at("angang.steel_t", 1957))
        self.assertNotEqual(gangdu.simulate({}, seed=3, scale=SCALE), gangdu.simulate({}, seed=4, scale=SCALE))
        held = gangdu.simulate({}, seed=3, scale=SCALE)
        self.assertNotEqual(held, gangdu.simulate({"regime.ffyp.steel_utilization": 1.2}, seed=3, scale=SCALE))

    def test_plain_loop(self):
        # The docs' example: a grid search by a plain Python loop.
        obs = gangdu.observed()
        best = None
        for u in (1.2, 1.6):
            s = gangdu.simulate({"regime.ffyp.steel_utilization": u}, seed=1, scale=SCALE)
            loss = sum((s[k] - v) ** 2 for k, v in obs.items() if k.startswith("angang.steel_t@"))
            best = min(best or (loss, u), (loss, u))
        self.assertIn(best[1], (1.2, 1.6))

    def test_validate_with_other_record(self):
        r = gangdu.run(seed=2, scale=SCALE)
        self.assertAlmostEqual(gangdu.validate(r).overall_mape, r.fit.overall_mape)
        path = os.path.join(tempdir(self), "record.csv")
        sim = r.series.at("angang.steel_t", 1950)
        with open(path, "w", encoding="utf-8") as f:
            f.write("variable,year,base_year,compare,value,qualifier,unit,citation\n")
            f.write("angang.steel_t,1950,,level,%r,,t,test\n" % (sim * 2))
        fit = gangdu.validate(r, history=path)
        self.assertEqual(len(fit.rows), 1)
        self.assertAlmostEqual(fit.rows[0]["simulated"], sim)
        self.assertAlmostEqual(fit.overall_mape, 50.0)
        with self.assertRaises(TypeError):
            gangdu.validate(r, seed=1)
        fit2 = gangdu.validate(history=path, seed=2, scale=SCALE)
        self.assertAlmostEqual(fit2.overall_mape, 50.0)


if __name__ == "__main__":
    unittest.main()
