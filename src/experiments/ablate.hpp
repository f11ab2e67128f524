#pragma once
// Rule ablation (issue 4): the default history run N times with each rule as in
// the scenario and N times with the rule switched off for the whole run (same
// seeds: paired differences), for output, stocks, investment and profit.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"

namespace gangdu {

struct AblationSpec {
  std::vector<std::string> rules;      // parameter names of rule switches (rule_*)
  std::vector<std::string> variables;  // series to compare
  int first_year = 1950, last_year = 1957;  // effect measured on the mean over these years
  int runs = 10;
  double scale = 0.1;
  uint64_t seed = 1;
  int threads = 0;  // 0: hardware concurrency
  // Parameters held for the whole run in both arms (--switch); the ablated rule is switched off after them.
  std::vector<std::pair<std::string, double>> forced;
};

struct AblationRow {
  std::string rule, variable;
  double mean_on = 0, mean_off = 0;
  double effect = 0;  // mean over paired runs of (on - off)
  double ci_low = 0, ci_high = 0;  // 95% interval of the effect (Student t)
  int runs = 0;
};

std::vector<std::string> default_ablation_rules();
std::vector<std::string> default_ablation_variables();

// Runs the design (runs x (1 + rules) model runs, in parallel); results do not
// depend on the number of threads.
std::vector<AblationRow> run_ablation(const Scenario& sc, const AblationSpec& spec);
// rule,variable,unit,measure,mean_effect,ci95_low,ci95_high,mean_with_rule,mean_without_rule,
// relative_effect_percent,runs (six significant digits; empty where undefined, e.g. relative to a zero mean).
std::string ablation_csv(const std::vector<AblationRow>& rows, int first_year, int last_year);
// The unit of a series.csv variable from the codebook (variables.csv, `gangdu list variables`); for a
// variable it does not declare, from the name (*_t t, *_yuan yuan, *_share share, else empty).
std::string series_unit(const std::string& variable);

// Two-sided 95% Student t critical value for df degrees of freedom.
double t_critical_95(int df);

// Paired comparison of two arms over `runs` seeds: the arms' means, the mean difference (a - b)
// and its Student-t 95% interval (NaN half-width with a single run). pair(r) gives run r's
// (a, b) values. Shared by `experiment ablate` and `experiment claims`.
struct PairedEffect {
  double mean_a = 0, mean_b = 0, effect = 0, ci_low = 0, ci_high = 0;
};
template <class PairOf>
PairedEffect paired_effect(size_t runs, PairOf pair) {
  double sum = 0, sumsq = 0, a = 0, b = 0;
  for (size_t r = 0; r < runs; ++r) {
    const auto [xa, xb] = pair(r);
    const double d = xa - xb;
    a += xa;
    b += xb;
    sum += d;
    sumsq += d * d;
  }
  const double n = static_cast<double>(runs);
  PairedEffect e;
  e.mean_a = a / n;
  e.mean_b = b / n;
  e.effect = sum / n;
  const double var = runs > 1 ? std::max(0.0, (sumsq - n * e.effect * e.effect) / (n - 1)) : 0.0;
  const double half = runs > 1 ? t_critical_95(static_cast<int>(runs) - 1) * std::sqrt(var / n) : NAN;
  e.ci_low = e.effect - half;
  e.ci_high = e.effect + half;
  return e;
}

}  // namespace gangdu
