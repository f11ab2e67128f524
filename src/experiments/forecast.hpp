#pragma once
// The 1958-end forecast (issue 6): an ensemble of the scenario beside two
// baselines — trend extrapolation of 1949-1957 (log-linear least squares) and
// the plan targets taken at face value.
//
// Parameter uncertainty: with free parameters (key=lo:hi), run r draws its
// values from a Latin hypercube over their box, so the band carries both seed
// noise and parameter uncertainty. With `keep` < 1 only the fraction of runs
// that fit the record up to 1957 best (lowest MAPE) makes the band: a
// rejection (ABC/GLUE-style) posterior predictive. Nothing after 1957 is used
// to choose runs.
#include <memory>
#include <string>
#include <vector>

#include "experiments/batch.hpp"
#include "experiments/calibrate.hpp"
#include "scenario/scenario.hpp"

namespace gangdu {

struct ForecastSpec {
  int runs = 20;
  double scale = 0.1;
  uint64_t seed = 1;
  int threads = 0;
  int first_year = 1958;
  int fit_from = 1949, fit_to = 1957;                  // trend baseline window (record years only)
  std::vector<std::string> variables;                  // default: default_forecast_variables()
  std::vector<Override> overrides;                     // --set, applied to every run
  std::vector<std::pair<std::string, double>> forced;  // --switch, held in every run
  std::vector<FreeParam> params;                       // drawn per run (Latin hypercube, seed `seed`)
  double keep = 1.0;                                   // fraction of runs (best MAPE up to 1957) that make the band
  const std::vector<HistoryPoint>* history = nullptr;  // record for the MAPE (default: embedded); <=1957 only
  bool keep_runs = false;                              // keep every run's series (ForecastResult::batch)
};

struct ForecastRow {
  std::string variable;
  int year = 0;
  double mean = 0, p05 = 0, p95 = 0;
  double trend = 0;  // NaN where the 1949-57 path is not positive
  double plan = 0;   // NaN where there is no target
  int runs = 0;      // runs that make the band (kept)
};

// One run of the forecast ensemble: its seed, drawn parameter values, fit up to 1957, and whether it was kept.
struct ForecastRun {
  uint64_t seed = 0;
  std::vector<double> params;
  double mape_le_1957 = 0;
  bool kept = true;
};

struct ForecastResult {
  std::vector<ForecastRow> rows;
  std::vector<ForecastRun> runs;
  std::shared_ptr<const BatchResult> batch;  // every run's series, with keep_runs (for results.sqlite)
};

std::vector<std::string> default_forecast_variables();
ForecastResult run_forecast(const ScenarioSource& src, const ForecastSpec& spec);
std::string forecast_csv(const std::vector<ForecastRow>& rows);
// run,seed,<param keys...>,mape_le_1957,kept
std::string forecast_runs_csv(const ForecastSpec& spec, const std::vector<ForecastRun>& runs);
std::string forecast_report(const std::vector<ForecastRow>& rows);

// Empirical quantile (linear interpolation) of unsorted values.
double quantile(std::vector<double> v, double q);

}  // namespace gangdu
