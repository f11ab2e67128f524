#pragma once
// Calibration of named free parameters to the historical record up to 1957
// (never later) by CMA-ES on a distance: the mean absolute percentage error
// (MAPE) of compare_with_history over the points dated 1957 or earlier,
// averaged over one or more model seeds (common random numbers: every
// candidate runs with the same seeds, so the distance is a deterministic
// function of the parameters). Runs stop at the end of 1957.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "experiments/batch.hpp"

namespace gangdu {

// A free parameter: a scenario key as accepted by --set, its bounds and its
// starting value.
struct FreeParam {
  std::string key;
  double lo = 0, hi = 1;
  double start = 0;
};

// "key=lo:hi" or "key=lo:hi:start" (start defaults to the scenario's value;
// with need_start false a missing start is left at the middle of the range).
FreeParam parse_free_param(const std::string& text, const ScenarioSource& src, bool need_start = true);

// The numeric value at an override key in the scenario text (the `value` of a
// parameter table); InputError if the key does not resolve to a number.
double scenario_value_at(const ScenarioSource& src, const std::string& key);

// Formats a value for an override (6 significant digits: calibration resolution).
std::string override_value(double v);
std::vector<Override> overrides_for(const std::vector<FreeParam>& ps, const std::vector<double>& x);

struct CmaOptions {
  size_t budget = 200;    // maximum number of distance evaluations
  size_t lambda = 0;      // population size (0: 4 + 3 ln n)
  double sigma0 = 0.25;   // initial step in units of each parameter's range
  double tol = 1e-4;      // stop when the step (in range units) falls below it
  uint64_t seed = 1;      // of the search's own random stream
};

struct Evaluation {
  size_t generation = 0;
  std::vector<double> x;  // parameter values (natural units)
  double distance = 0;
};

struct CmaResult {
  std::vector<double> best;
  double best_distance = 0;
  std::vector<double> mean, sd;  // final search distribution (natural units)
  std::vector<Evaluation> evaluations;
  size_t generations = 0;
  std::string stop_reason;
};

// Distance of a batch of candidates (natural units); must be deterministic.
using BatchDistance = std::function<std::vector<double>(const std::vector<std::vector<double>>&)>;

// Minimises `distance` over the box given by `ps` from their start values.
// Candidates outside the box are evaluated at the nearest point of the box plus
// a quadratic penalty, so the search never asks for an out-of-range value.
CmaResult cma_es(const std::vector<FreeParam>& ps, const BatchDistance& distance, const CmaOptions& opt);

struct CalibrationSetup {
  ScenarioSource source;
  std::vector<Override> base;          // --set overrides applied to every run
  std::vector<std::pair<std::string, double>> forced;  // --switch, held in every run
  std::vector<FreeParam> params;
  std::vector<HistoryPoint> history;   // filtered to <= 1957 inside
  std::vector<uint64_t> seeds;         // model seeds averaged per candidate
  double scale = 0.05;
  unsigned threads = 1;
  int rank = 0, nranks = 1;            // MPI partition of each generation's runs
  std::function<void(std::vector<double>&)> allgather;  // assembles distances across ranks (MPI)
};

// The model distance (MAPE, %) of candidates: runs each candidate under each seed to 1957-12.
BatchDistance model_distance(const CalibrationSetup& s);

// Runs every point (values of s.params) with every seed of s on the scenario
// with `base` overrides; runs are numbered point-major (point c, seed k at
// c x seeds + k). Shared by calibration and sensitivity analysis.
BatchResult run_points(const CalibrationSetup& s, const std::vector<Override>& base,
                       const std::vector<std::vector<double>>& points, const std::vector<HistoryPoint>* history);

// A scenario TOML text with the free parameters set to `x`, each value's
// source saying it was calibrated (comments of the original are not kept).
std::string calibrated_scenario_text(const ScenarioSource& src, const std::vector<FreeParam>& ps,
                                     const std::vector<double>& x, const std::string& note);

}  // namespace gangdu
