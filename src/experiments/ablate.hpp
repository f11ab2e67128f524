#pragma once
// Rule ablation (issue 4): the default history run N times with each rule as in
// the scenario and N times with the rule switched off for the whole run (same
// seeds: paired differences), for output, stocks, investment and profit.
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
// The unit of a series.csv variable from its name (*_t tonnes, *_yuan, *_share fraction, else a count).
std::string series_unit(const std::string& variable);

// Two-sided 95% Student t critical value for df degrees of freedom.
double t_critical_95(int df);

}  // namespace gangdu
