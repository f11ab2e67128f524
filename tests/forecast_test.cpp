#include "experiments/forecast.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "scenario/scenario.hpp"

using namespace gangdu;

namespace {
ForecastSpec small_spec() {
  ForecastSpec spec;
  spec.runs = 4;
  spec.scale = 0.01;
  spec.threads = 2;
  spec.variables = {"angang.steel_t", "angang.employees", "no.such"};
  return spec;
}
const ScenarioSource& default_source() {
  static const ScenarioSource src = ScenarioSource::from_path("");
  return src;
}
}  // namespace

TEST(Forecast, QuantilesInterpolate) {
  EXPECT_DOUBLE_EQ(quantile({3, 1, 2, 4, 5}, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(quantile({0, 10}, 0.05), 0.5);
  EXPECT_TRUE(std::isnan(quantile({}, 0.5)));
}

TEST(Forecast, EnsembleBandAndBaselines) {
  ForecastSpec spec = small_spec();
  const auto rows = run_forecast(default_source(), spec).rows;
  ASSERT_EQ(rows.size(), 2u * 7u);  // 1958-1964 for the two variables that exist
  for (const auto& r : rows) {
    EXPECT_GE(r.year, 1958);
    EXPECT_LE(r.p05, r.mean + 1e-6);
    EXPECT_GE(r.p95, r.mean - 1e-6);
    EXPECT_TRUE(std::isfinite(r.trend));
    EXPECT_EQ(r.runs, 4);
  }
  // The plan baseline exists for steel (the 1959 target in force at the end of the year: the
  // 6 Mt mission of March 1959, L5384) and not for employees.
  EXPECT_NEAR(rows[1].plan, 6.0e6, 1.0);
  EXPECT_TRUE(std::isnan(rows[8].plan));
  spec.threads = 1;
  EXPECT_EQ(forecast_csv(rows), forecast_csv(run_forecast(default_source(), spec).rows));
}

TEST(Forecast, DrawnParametersWidenTheBandAndAreRecorded) {
  ForecastSpec spec = small_spec();
  spec.runs = 6;
  const auto seeds_only = run_forecast(default_source(), spec);
  // The steel utilisation of the Leap years drawn over a wide box: the 1959 steel band must widen.
  spec.params = {{"parameters.overdrive_max", 1.0, 2.0, 1.5}};
  const auto drawn = run_forecast(default_source(), spec);
  auto width = [](const ForecastResult& f, const char* v, int y) -> double {
    for (const auto& r : f.rows)
      if (r.variable == v && r.year == y) return r.p95 - r.p05;
    return NAN;
  };
  EXPECT_GT(width(drawn, "angang.steel_t", 1959), 2.0 * width(seeds_only, "angang.steel_t", 1959));
  ASSERT_EQ(drawn.runs.size(), 6u);
  EXPECT_EQ(drawn.runs[1].seed, replicate_seed(spec.seed, 1));  // the seeds of `gangdu ensemble`
  for (const auto& r : drawn.runs) {
    ASSERT_EQ(r.params.size(), 1u);
    EXPECT_GE(r.params[0], 1.0);
    EXPECT_LE(r.params[0], 2.0);
    EXPECT_TRUE(r.kept);
  }
  const std::string csv = forecast_runs_csv(spec, drawn.runs);
  EXPECT_EQ(csv.rfind("run,seed,parameters.overdrive_max,mape_le_1957,kept\n", 0), 0u) << csv;
}

TEST(Forecast, KeepSelectsTheRunsThatFitUpTo1957Best) {
  ForecastSpec spec = small_spec();
  spec.runs = 6;
  spec.params = {{"parameters.people_birth_rate", 0.0, 0.08, 0.04}};
  spec.keep = 0.5;
  const auto f = run_forecast(default_source(), spec);
  double worst_kept = 0, best_dropped = INFINITY;
  int kept = 0;
  for (const auto& r : f.runs) {
    if (r.kept) {
      ++kept;
      worst_kept = std::max(worst_kept, r.mape_le_1957);
    } else {
      best_dropped = std::min(best_dropped, r.mape_le_1957);
    }
  }
  EXPECT_EQ(kept, 3);
  EXPECT_LE(worst_kept, best_dropped);
  for (const auto& r : f.rows) EXPECT_EQ(r.runs, 3);
}

TEST(Forecast, RejectsABadKeepOrRunCount) {
  ForecastSpec spec = small_spec();
  spec.keep = 0.0;
  EXPECT_THROW(run_forecast(default_source(), spec), std::invalid_argument);
  spec.keep = 1.0;
  spec.runs = 0;
  EXPECT_THROW(run_forecast(default_source(), spec), std::invalid_argument);
}
