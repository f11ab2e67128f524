#include <gtest/gtest.h>

#include <cmath>

#include "experiments/forecast.hpp"
#include "scenario/scenario.hpp"

using namespace gangdu;

TEST(Forecast, QuantilesInterpolate) {
  EXPECT_DOUBLE_EQ(quantile({3, 1, 2, 4, 5}, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(quantile({0, 10}, 0.05), 0.5);
  EXPECT_TRUE(std::isnan(quantile({}, 0.5)));
}

TEST(Forecast, EnsembleBandAndBaselines) {
  ForecastSpec spec;
  spec.runs = 4;
  spec.scale = 0.01;
  spec.threads = 2;
  spec.variables = {"angang.steel_t", "angang.employees", "no.such"};
  const auto rows = run_forecast(load_default_scenario(), spec);
  ASSERT_EQ(rows.size(), 2u * 7u);  // 1958-1964 for the two variables that exist
  for (const auto& r : rows) {
    EXPECT_GE(r.year, 1958);
    EXPECT_LE(r.p05, r.mean + 1e-6);
    EXPECT_GE(r.p95, r.mean - 1e-6);
    EXPECT_TRUE(std::isfinite(r.trend));
  }
  // The plan baseline exists for steel (political target 1959: 4.5 Mt) and not for employees.
  EXPECT_NEAR(rows[1].plan, 4.5e6, 1.0);
  EXPECT_TRUE(std::isnan(rows[8].plan));
  spec.threads = 1;
  EXPECT_EQ(forecast_csv(rows), forecast_csv(run_forecast(load_default_scenario(), spec)));
}
