"""gangdu.run: series, manifest, fit, overrides, switches, determinism, the GIL."""

import json
import math
import threading
import time
import unittest

import numpy as np

import gangdu
from util import SCALE


class RunTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.r = gangdu.run(scale=SCALE, seed=5)

    def test_series_are_arrays_indexed_by_year(self):
        r = self.r
        self.assertEqual(int(r.years[0]), 1916)
        self.assertEqual(int(r.years[-1]), 1964)
        steel = r.series["angang.steel_t"]
        self.assertIsInstance(steel, np.ndarray)
        self.assertEqual(steel.shape, r.years.shape)
        self.assertIs(r.series.years, r.years)
        self.assertEqual(r.series.at("angang.steel_t", 1957), float(steel[1957 - 1916]))
        # Steel was made at Anshan in the 1950s (record: L2686 ff.); the run must show some.
        self.assertGreater(r.series.at("angang.steel_t", 1957), 0.0)
        self.assertIn("anshan.population", r.series)

    def test_manifest_and_fit(self):
        m = self.r.manifest
        self.assertEqual(m["seed"], 5)
        self.assertAlmostEqual(m["scale"], SCALE)
        self.assertIn("scenario_hash", m)
        self.assertAlmostEqual(m["overall_mape_percent"], self.r.fit.overall_mape)
        self.assertGreater(len(self.r.fit.rows), 10)
        self.assertTrue(math.isfinite(self.r.fit.overall_mape))
        self.assertTrue(self.r.fit.csv.startswith("variable,"))
        self.assertTrue(all(row["year"] <= 1957 for row in self.r.fit.rows))

    def test_to_records_for_pandas(self):
        recs = self.r.to_records()
        self.assertEqual(len(recs), len(self.r.variables) * len(self.r.years))
        self.assertEqual(set(recs[0]), {"variable", "year", "value"})
        by_key = {(x["variable"], x["year"]): x["value"] for x in recs}
        self.assertEqual(by_key[("angang.steel_t", 1950)], self.r.series.at("angang.steel_t", 1950))

    def test_same_seed_same_values_other_seed_differs(self):
        again = gangdu.run(scale=SCALE, seed=5)
        np.testing.assert_array_equal(again.values, self.r.values)
        other = gangdu.run(scale=SCALE, seed=6)
        self.assertFalse(np.array_equal(other.values, self.r.values))

    def test_default_seed_is_the_scenarios(self):
        r = gangdu.run(scale=SCALE)
        self.assertEqual(r.seed, gangdu.load_scenario()["default_seed"])

    def test_overrides_change_the_scenario(self):
        r = gangdu.run(scale=SCALE, seed=5, overrides={"regime.ffyp.steel_utilization": 1.2})
        self.assertNotEqual(r.manifest["scenario_hash"], self.r.manifest["scenario_hash"])
        self.assertFalse(np.array_equal(r.values, self.r.values))

    def test_switch_holds_a_parameter(self):
        low = gangdu.run(scale=SCALE, seed=5, switches={"steel_utilization": 0.3})
        s_low = low.series["angang.steel_t"][1950 - 1916 :].sum()
        s_base = self.r.series["angang.steel_t"][1950 - 1916 :].sum()
        self.assertLess(s_low, s_base)

    def test_bad_arguments(self):
        with self.assertRaises(ValueError):
            gangdu.run(scale=0)
        with self.assertRaises(ValueError):
            gangdu.run(seed=-1)
        with self.assertRaises(TypeError):
            gangdu.run(overrides={"parameters.steel_utilization": [1]})

    def test_threads_run_at_once_with_gil_released(self):
        # While a run works in another thread, this thread must keep running Python.
        ticks = 0
        out = {}
        t = threading.Thread(target=lambda: out.setdefault("r", gangdu.run(scale=SCALE, seed=5)))
        start = time.perf_counter()
        t.start()
        while t.is_alive():
            ticks += 1
            time.sleep(0.001)
        t.join()
        elapsed = time.perf_counter() - start
        np.testing.assert_array_equal(out["r"].values, self.r.values)
        # With the GIL held for the whole run there would be about two ticks.
        if elapsed > 0.1:
            self.assertGreater(ticks, 20, "main thread starved: is the GIL released during runs?")
        # Several runs on threads give each the values it gives alone.
        res = [None] * 3
        ths = [threading.Thread(target=lambda i=i: res.__setitem__(i, gangdu.run(scale=SCALE, seed=5 + i))) for i in range(3)]
        for th in ths:
            th.start()
        for th in ths:
            th.join()
        np.testing.assert_array_equal(res[0].values, self.r.values)
        np.testing.assert_array_equal(res[1].values, gangdu.run(scale=SCALE, seed=6).values)


if __name__ == "__main__":
    unittest.main()
