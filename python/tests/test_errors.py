"""Located input errors raised as gangdu.ScenarioError (file, line, column, key)."""

import os
import unittest

import gangdu
from util import SOURCE_DIR, tempdir

ANSHAN = os.path.join(SOURCE_DIR, "scenarios", "anshan.toml")


class ErrorTest(unittest.TestCase):
    def bad_copy(self, old, new):
        with open(ANSHAN, encoding="utf-8") as f:
            text = f.read()
        self.assertIn(old, text)
        path = os.path.join(tempdir(self), "bad.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1))
        line = text[: text.index(old)].count("\n") + 1
        return path, line

    def test_load_scenario_good(self):
        sc = gangdu.load_scenario(ANSHAN)
        self.assertEqual(sc["name"], "anshan")
        self.assertEqual(sc["file"], ANSHAN)
        self.assertIn("steel_utilization", sc["parameters"])
        self.assertTrue(sc["parameters"]["steel_utilization"]["source"])
        self.assertEqual(sc["hash"], gangdu.load_scenario()["hash"])

    def test_out_of_range_value_is_located(self):
        path, line = self.bad_copy("steel_utilization = { value = 0.9,", "steel_utilization = { value = 9.0,")
        with self.assertRaises(gangdu.ScenarioError) as cm:
            gangdu.load_scenario(path)
        e = cm.exception
        self.assertIsInstance(e, ValueError)
        self.assertEqual(e.file, path)
        self.assertEqual(e.line, line)
        self.assertIn("steel_utilization", e.key)
        self.assertIn(path, str(e))
        # run() raises the same, with nothing run
        with self.assertRaises(gangdu.ScenarioError) as cm2:
            gangdu.run(path, scale=0.01)
        self.assertEqual(cm2.exception.line, line)

    def test_missing_file(self):
        path = os.path.join(tempdir(self), "absent.toml")
        with self.assertRaises(gangdu.ScenarioError) as cm:
            gangdu.load_scenario(path)
        self.assertEqual(cm.exception.file, path)

    def test_bad_override_key(self):
        with self.assertRaises(gangdu.ScenarioError) as cm:
            gangdu.run(scale=0.01, overrides={"parameters.no_such_parameter_x": 1})
        self.assertIn("no_such_parameter_x", cm.exception.key)

    def test_bad_switch(self):
        with self.assertRaises(gangdu.ScenarioError) as cm:
            gangdu.run(scale=0.01, switches={"not_a_parameter": 1})
        self.assertEqual(cm.exception.key, "not_a_parameter")
        with self.assertRaises(gangdu.ScenarioError) as cm:
            gangdu.run(scale=0.01, switches={"rule_ratchet": 5})
        self.assertEqual(cm.exception.key, "rule_ratchet")
        self.assertIn("out of range", cm.exception.message)

    def test_bad_history_file(self):
        d = tempdir(self)
        path = os.path.join(d, "record.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("variable,year,base_year,compare,value,qualifier,unit,citation\n")
            f.write("angang.steel_t,nineteen,,level,1,,t,L1\n")
        r = gangdu.run(scale=0.01, seed=1)
        with self.assertRaises(gangdu.ScenarioError) as cm:
            gangdu.validate(r, history=path)
        self.assertEqual(cm.exception.file, path)
        self.assertEqual(cm.exception.line, 2)


if __name__ == "__main__":
    unittest.main()


class ArgumentTest(unittest.TestCase):
    """Issue 26: arguments are taken exactly or refused before any work starts."""

    def test_seed_must_be_an_exact_integer(self):
        for bad in (1.7, True, "5"):
            with self.assertRaises(TypeError, msg=repr(bad)):
                gangdu.run(seed=bad, scale=0.01)
        for bad in (-5, 2**63):
            with self.assertRaises(ValueError, msg=repr(bad)):
                gangdu.run(seed=bad, scale=0.01)

    def test_runs_are_capped(self):
        with self.assertRaises(ValueError) as cm:
            gangdu.ensemble(runs=2**40, scale=0.01)
        self.assertIn("10000", str(cm.exception))
        with self.assertRaises(TypeError):
            gangdu.ensemble(runs=2.5, scale=0.01)
        with self.assertRaises(ValueError):
            gangdu.ensemble(runs=3, scale=0.01, threads=-1)

    def test_integer_above_2_to_53_is_refused(self):
        with self.assertRaises(gangdu.ScenarioError) as cm:
            gangdu.load_scenario(overrides={"regime.ffyp.steel_utilization": "9007199254740993"})
        self.assertIn("9007199254740993", str(cm.exception))
