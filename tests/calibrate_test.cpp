#include <algorithm>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "engine/model.hpp"
#include "experiments/calibrate.hpp"
#include "experiments_util.hpp"

using namespace gangdu;
using namespace gangdu::testutil;

TEST(Calibrate, CmaEsFindsTheMinimumOfAKnownFunction) {
  std::vector<FreeParam> ps = {{"a", -5, 5, 4.0}, {"b", 0, 10, 1.0}, {"c", 0, 1, 0.9}};
  size_t calls = 0;
  BatchDistance f = [&](const std::vector<std::vector<double>>& xs) {
    std::vector<double> d;
    for (const auto& x : xs) {
      ++calls;
      // A rotated, badly scaled bowl with its minimum at (1, 7, 0.25).
      const double u = x[0] - 1, v = x[1] - 7, w = x[2] - 0.25;
      d.push_back(u * u + 10 * (u + v) * (u + v) + 100 * w * w);
    }
    return d;
  };
  CmaOptions o;
  o.budget = 1500;
  o.seed = 3;
  const CmaResult r = cma_es(ps, f, o);
  EXPECT_LE(calls, o.budget);
  EXPECT_NEAR(r.best[0], 1.0, 1e-2);
  EXPECT_NEAR(r.best[1], 7.0, 1e-2);
  EXPECT_NEAR(r.best[2], 0.25, 1e-3);
  // Same seed, same search.
  const CmaResult again = cma_es(ps, f, o);
  EXPECT_EQ(r.best, again.best);
}

TEST(Calibrate, CmaEsNeverAsksOutsideTheBox) {
  std::vector<FreeParam> ps = {{"a", 0, 1, 0.99}, {"b", 2, 3, 2.01}};
  BatchDistance f = [&](const std::vector<std::vector<double>>& xs) {
    std::vector<double> d;
    for (const auto& x : xs) {
      EXPECT_GE(x[0], 0.0);
      EXPECT_LE(x[0], 1.0);
      EXPECT_GE(x[1], 2.0);
      EXPECT_LE(x[1], 3.0);
      d.push_back(-x[0] + x[1]);  // optimum at the corner (1, 2)
    }
    return d;
  };
  CmaOptions o;
  o.budget = 300;
  const CmaResult r = cma_es(ps, f, o);
  EXPECT_NEAR(r.best[0], 1.0, 1e-3);
  EXPECT_NEAR(r.best[1], 2.0, 1e-3);
}

TEST(Calibrate, FreeParamParsingAndErrors) {
  const ScenarioSource src = ScenarioSource::from_path("");
  const FreeParam p = parse_free_param("regime.ffyp.steel_utilization=0.8:1.8", src);
  EXPECT_EQ(p.key, "regime.ffyp.steel_utilization");
  const Scenario def0 = load_default_scenario();
  const auto& ffyp = *std::find_if(def0.regimes.begin(), def0.regimes.end(), [](auto& g) { return g.id == "ffyp"; });
  EXPECT_DOUBLE_EQ(p.start, ffyp.params.at("steel_utilization").value);  // the scenario's value
  EXPECT_DOUBLE_EQ(parse_free_param("parameters.migration_response=0:1:0.5", src).start, 0.5);
  // A regime that does not set a parameter falls back to [parameters].
  EXPECT_DOUBLE_EQ(scenario_value_at(src, "regime.smr.labour_retirement_age"), 60.0);
  EXPECT_THROW(parse_free_param("regime.ffyp.steel_utilization=1.8:0.8", src), InputError);
  EXPECT_THROW(parse_free_param("regime.ffyp.steel_utilization=0:1", src), InputError);  // start 1.35 outside
  EXPECT_THROW(parse_free_param("regime.ffyp.steel_utilization=a:1", src), InputError);
  EXPECT_THROW(parse_free_param("regime.nosuch.steel_utilization=0:2", src), InputError);
  EXPECT_THROW(parse_free_param("no_equals_sign", src), InputError);
}

TEST(Calibrate, CalibratedScenarioLoadsWithNewValuesAndSources) {
  const ScenarioSource src = ScenarioSource::from_path("");
  std::vector<FreeParam> ps = {{"regime.ffyp.steel_utilization", 0.8, 1.8, 1.35},
                               {"parameters.migration_response", 0, 1, 0.15}};
  const std::string text = calibrated_scenario_text(src, ps, {1.234567891, 0.2}, "test");
  const Scenario sc = load_scenario_text(text, "calibrated.toml");
  const auto& ffyp = *std::find_if(sc.regimes.begin(), sc.regimes.end(), [](auto& g) { return g.id == "ffyp"; });
  EXPECT_DOUBLE_EQ(ffyp.params.at("steel_utilization").value, 1.23457);
  EXPECT_NE(ffyp.params.at("steel_utilization").source.find("calibrated: gangdu calibrate"), std::string::npos);
  EXPECT_DOUBLE_EQ(sc.parameters.at("migration_response").value, 0.2);
  // Everything else unchanged.
  const Scenario def = load_default_scenario();
  EXPECT_EQ(sc.parameters.at("people_birth_rate").value, def.parameters.at("people_birth_rate").value);
  EXPECT_EQ(sc.facilities.size(), def.facilities.size());
}

// The model's own output as "history" (same points as the record up to 1957),
// then a search from a deliberately perturbed start must find the parameters
// that generated it.
TEST(Calibrate, RecoversKnownParametersFromSyntheticData) {
  const ScenarioSource src = ScenarioSource::from_path("");
  const double scale = 0.02;
  const uint64_t seed = 11;
  const RunResult truth = run_model(src.load({{"scenario.end", "\"1957-12\""}}), RunOptions{seed, scale, {}});
  std::vector<HistoryPoint> synthetic;
  for (HistoryPoint p : history_up_to(load_default_history(), kLastCalibrationYear)) {
    if (p.compare != "level" && p.compare != "ratio") continue;  // sums and changes: levels and ratios suffice here
    double v = truth.world->rec.get(p.variable, p.year);
    if (p.compare == "ratio") v /= truth.world->rec.get(p.variable, p.base_year);
    if (!std::isfinite(v) || v == 0) continue;
    p.value = v;
    p.qualifier = "";
    synthetic.push_back(p);
  }
  // A point after 1957 must be ignored even if given.
  synthetic.push_back({"angang.pig_iron_t", 1960, 0, "level", 1.0, "", "t", "synthetic", 999});
  ASSERT_GT(synthetic.size(), 10u);

  CalibrationSetup s;
  s.source = src;
  s.params = {{"regime.smr.steel_utilization", 0.4, 1.4, 0.6}, {"regime.ffyp.steel_utilization", 0.8, 1.8, 1.05}};
  s.history = synthetic;
  s.seeds = {seed};
  s.scale = scale;
  s.threads = 2;
  const Scenario def = load_default_scenario();
  auto util = [&](const char* id) {
    return std::find_if(def.regimes.begin(), def.regimes.end(), [&](auto& g) { return g.id == id; })
        ->params.at("steel_utilization")
        .value;
  };
  const double smr = util("smr"), ffyp = util("ffyp");  // the values that generated the "history"
  s.params[1].start = ffyp - 0.3;
  const BatchDistance d = model_distance(s);
  const double at_truth = d({{smr, ffyp}})[0];
  EXPECT_LT(at_truth, 1e-9);
  const double at_start = d({{0.6, ffyp - 0.3}})[0];
  EXPECT_GT(at_start, 5.0);
  CmaOptions o;
  o.budget = 192;  // the smr axis is rugged at 1:50 scale (discrete agents); 96 evaluations stopped short after the R8->R9 grade change
  // Since the workforce rule (labour lagging new plant, 1919-1933) a single start can stop in a
  // local minimum near smr = 0.85: the search is restarted from three seeds and the best kept.
  CmaResult r;
  for (uint64_t sd : {5u, 6u, 7u}) {
    o.seed = sd;
    CmaResult t = cma_es(s.params, d, o);
    if (sd == 5u || t.best_distance < r.best_distance) r = std::move(t);
  }
  EXPECT_LT(r.best_distance, at_start / 10);
  EXPECT_NEAR(r.best[0], smr, 0.03);
  EXPECT_NEAR(r.best[1], ffyp, 0.04);
}

TEST(CalibrateCli, WritesBestFitAndScenarioAndRejectsBadInput) {
  const std::string dir = fresh_dir("calib");
  std::filesystem::create_directories(dir);
  ASSERT_EQ(run_cli("calibrate --param regime.smr.steel_utilization=0.5:1.3:0.6 --budget 12 --scale 0.02 --threads 2 --out " +
                    dir + "/out --write-scenario " + dir + "/cal.toml"),
            0);
  EXPECT_EQ(slurp(dir + "/out/best.csv").rfind("key,lo,hi,start,best,search_mean,search_sd\n", 0), 0u);
  EXPECT_NE(slurp(dir + "/out/fit.csv").find("angang.pig_iron_t,1925"), std::string::npos);
  EXPECT_EQ(slurp(dir + "/out/fit.csv").find(",1958,"), std::string::npos);
  EXPECT_NO_THROW(load_scenario_file(dir + "/cal.toml"));
  const std::string log = dir + "/log.txt";
  // Bounds beyond the parameter's schema range, unknown key, no parameters: exit 2, nothing written.
  EXPECT_EQ(run_cli("calibrate --param regime.smr.steel_utilization=0.5:9 --budget 6 --out " + dir + "/o1", log), 2);
  EXPECT_NE(slurp(log).find("out of range"), std::string::npos) << slurp(log);
  EXPECT_EQ(run_cli("calibrate --param regime.smr.nope=0:1:0.5 --budget 6 --out " + dir + "/o2", log), 2);
  EXPECT_EQ(run_cli("calibrate --budget 6 --out " + dir + "/o3", log), 2);
  {
    std::ofstream f(dir + "/bad.toml");
    f << "[calibration]\nbudget = 6\nspeed = 3\n";
  }
  EXPECT_EQ(run_cli("calibrate --config " + dir + "/bad.toml --out " + dir + "/o4", log), 2);
  EXPECT_NE(slurp(log).find("calibration.speed"), std::string::npos) << slurp(log);
  for (const char* o : {"/o1", "/o2", "/o3", "/o4"}) EXPECT_FALSE(std::filesystem::exists(dir + o));
  std::filesystem::remove_all(dir);
}
