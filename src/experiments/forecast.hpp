#pragma once
// The 1958-end forecast (issue 6): an ensemble of the scenario beside two
// baselines — trend extrapolation of 1949-1957 (log-linear least squares) and
// the plan targets taken at face value.
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace gangdu {

struct ForecastSpec {
  int runs = 20;
  double scale = 0.1;
  uint64_t seed = 1;
  int threads = 0;
  int first_year = 1958;
  int fit_from = 1949, fit_to = 1957;  // trend baseline window (record years only)
  std::vector<std::string> variables;  // default: default_forecast_variables()
};

struct ForecastRow {
  std::string variable;
  int year = 0;
  double mean = 0, p05 = 0, p95 = 0;
  double trend = 0;  // NaN where the 1949-57 path is not positive
  double plan = 0;   // NaN where there is no target
  int runs = 0;
};

std::vector<std::string> default_forecast_variables();
std::vector<ForecastRow> run_forecast(const Scenario& sc, const ForecastSpec& spec);
std::string forecast_csv(const std::vector<ForecastRow>& rows);
std::string forecast_report(const std::vector<ForecastRow>& rows);

// Empirical quantile (linear interpolation) of unsorted values.
double quantile(std::vector<double> v, double q);

}  // namespace gangdu
