#pragma once
// Leave-period-out validation (issue 18): recalibrate the fitted parameters on
// the record up to a cut year only, forecast the rest to 1957 and compare the
// out-of-sample error with the in-sample one and with naive baselines
// (persistence, linear trend, plan targets at face value). Plus the
// pattern-oriented checks (Grimm et al. 2005) of data/validation/patterns.csv.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "experiments/batch.hpp"
#include "experiments/calibrate.hpp"
#include "experiments/record_classes.hpp"
#include "experiments/validate.hpp"

namespace gangdu {

using SimFn = std::function<double(const std::string&, int)>;

// --- qualitative patterns -------------------------------------------------
struct PatternCheck {
  std::string id, a_variable, relation, b_variable, seed_lines, statement;
  int a_year = 0, b_year = 0;
  double factor = 1;
  int line = 0;
};
struct PatternResult {
  PatternCheck check;
  double a = 0, b = 0;
  bool pass = false;
};
std::vector<PatternCheck> load_patterns_text(const std::string& text, const std::string& file);
std::vector<PatternCheck> load_default_patterns();
// Passes when a (relation) factor x b, both simulated (b = 1 when b_variable is "constant");
// fails when either is missing.
std::vector<PatternResult> check_patterns(const std::vector<PatternCheck>& checks, const SimFn& sim);
std::string patterns_report(const std::vector<PatternResult>& results);

// --- declared ranges and plan targets ------------------------------------
struct ParamRange {
  std::string key, source;
  double lo = 0, hi = 1;
  int line = 0;
};
std::vector<ParamRange> load_param_ranges_text(const std::string& text, const std::string& file);
std::vector<ParamRange> load_default_param_ranges();

struct PlanTarget {
  std::string id, source;
  double value = 0;  // of the compared quantity (a level, or a ratio for a ratio point)
};
std::vector<PlanTarget> load_plan_targets_text(const std::string& text, const std::string& file,
                                               const std::vector<HistoryPoint>& points);
std::vector<PlanTarget> load_default_plan_targets(const std::vector<HistoryPoint>& points);

// --- the plan of a cross-validation ---------------------------------------
// What happens to each marked scenario value at a cut:
//   refit      recalibrated on the points up to the cut, from its scenario value
//              (every point it was fitted on is in the sample);
//   refit-mid  recalibrated, from the middle of its range (it was fitted partly on later points);
//   mid        the middle of its range (fitted only on later points, acting before the cut too);
//   carry      a regime starting after the cut: the value in force at the cut (tied to a refit value
//              or a constant);
//   drop       an event after the cut: removed, the value before it carries on;
//   keep       an event up to the cut (not addressable): kept as written.
struct CrossItem {
  CalibrationMarker marker;
  std::string rule;
  std::string tie;   // carry: the key whose value is in force at the cut ("" when a constant)
  double value = 0;  // mid/carry constant, or the scenario value
  double lo = 0, hi = 0;
};
struct CrossPlan {
  int cut = 1952;
  std::vector<CrossItem> items;
  ScenarioSource source;                               // the scenario with the dropped events removed
  std::vector<FreeParam> free;                         // refit parameters
  std::vector<Override> fixed;                         // mid and constant carry values, and the run end
  std::vector<std::pair<std::string, size_t>> ties;    // carry key -> index in free
  std::vector<HistoryPoint> in_sample, out_of_sample;  // non-input points up to / after the cut
  std::vector<Override> overrides_for(const std::vector<double>& x, bool to_1957) const;
};
CrossPlan plan_cross(const ScenarioSource& src, const std::vector<HistoryPoint>& history,
                     const std::vector<ParamRange>& ranges, int cut);

struct CrossOptions {
  int cut = 1952;
  size_t budget = 1000;    // CMA-ES evaluations
  double sigma = 0.1;      // initial CMA-ES step, share of each range (most starts are values fitted before the cut)
  size_t seeds = 5;        // replicate runs of the forecast (and of the full calibration beside it)
  size_t calib_seeds = 1;  // model seeds averaged per candidate
  double scale = 0.05;
  unsigned threads = 1;
  uint64_t seed = 1916;  // master seed
};

struct BaselineRow {
  std::string method, source;
  std::vector<std::string> ids;                 // out-of-sample points covered
  double mape = 0;                              // the baseline's MAPE on them
  std::vector<double> model_cross, model_full;  // the model's MAPE on the same points, by seed
};

struct CrossResult {
  CrossPlan plan;
  CmaResult cma;
  double start_distance = 0;
  std::vector<FitTable> cross, full;  // by seed: recalibrated up to the cut / the scenario as it is
  std::vector<std::vector<PatternResult>> cross_patterns, full_patterns;
  std::vector<BaselineRow> baselines;
  std::map<std::string, std::map<std::string, double>> baseline_values;  // method -> id -> predicted value
  double wall_seconds = 0;
  size_t runs = 0;
};

CrossResult run_cross(const ScenarioSource& src, const std::vector<HistoryPoint>& history, const CrossOptions& opt,
                      const std::function<void(size_t, size_t)>& progress = {});

// MAPE (%) over the rows whose point id is in `ids` (NaN when none has an error).
double mape_over(const FitTable& t, const std::vector<std::string>& ids);

std::string cross_report(const CrossResult& r);
std::string cross_csv(const CrossResult& r);  // one row per out-of-sample point

}  // namespace gangdu
