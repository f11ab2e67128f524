#include "experiments/ablate.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <string_view>

#include "core/csv.hpp"
#include "core/rng.hpp"
#include "engine/model.hpp"
#include "engine/schedule.hpp"
#include "engine/world.hpp"
#include "experiments/replicates.hpp"
#include "scenario/scenario.hpp"

namespace gangdu {

// Every rule switch of the rule table (engine/schedule.cpp), in its order.
std::vector<std::string> default_ablation_rules() { return rule_switches(); }

std::vector<std::string> default_ablation_variables() {
  return {"angang.pig_iron_t",           "angang.steel_t",
          "angang.rolled_steel_t",       "angang.finished_stock_t",
          "angang.pig_iron_stock_t",     "angang.investment_yuan",
          "angang.profit_yuan",          "plan.target_steel_t",
          "angang.restricted_output_t",  "angang.unusable_output_t",
          "angang.profit_retained_share"};
}

double t_critical_95(int df) {
  static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                 2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                 2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return NAN;
  if (df <= 30) return table[df - 1];
  return 1.96 + 2.4 / df;  // close to the t quantile above 30 degrees of freedom
}

std::vector<AblationRow> run_ablation(const Scenario& sc, const AblationSpec& spec) {
  const size_t arms = spec.rules.size() + 1;  // arm 0: the scenario as written
  const size_t runs = static_cast<size_t>(spec.runs);
  const size_t nvar = spec.variables.size();
  // means[arm][run][var]
  std::vector<RunOptions> jobs;
  for (size_t arm = 0; arm < arms; ++arm) {
    for (size_t run = 0; run < runs; ++run) {
      RunOptions opt;
      opt.seed = rng::mix(spec.seed, run);  // the same seeds in every arm: paired comparisons
      opt.scale = spec.scale;
      opt.forced = spec.forced;  // held in both arms, so the pair differs only in the ablated rule
      if (arm > 0) opt.forced.emplace_back(spec.rules[arm - 1], 0.0);
      jobs.push_back(opt);
    }
  }
  const std::vector<Recorder> recs = run_replicates(sc, jobs, spec.threads);
  std::vector<double> means(arms * runs * nvar, NAN);
  for (size_t job = 0; job < recs.size(); ++job) {
    for (size_t v = 0; v < nvar; ++v) {
      if (!recs[job].has(spec.variables[v])) continue;
      double sum = 0;
      for (int y = spec.first_year; y <= spec.last_year; ++y) sum += recs[job].get(spec.variables[v], y);
      means[job * nvar + v] = sum / (spec.last_year - spec.first_year + 1);
    }
  }

  std::vector<AblationRow> rows;
  for (size_t a = 1; a < arms; ++a) {
    for (size_t v = 0; v < nvar; ++v) {
      if (std::isnan(means[(0 * runs + 0) * nvar + v])) continue;  // variable not produced by this build
      AblationRow row{spec.rules[a - 1], spec.variables[v]};
      const PairedEffect e = paired_effect(runs, [&](size_t r) {
        return std::pair{means[(0 * runs + r) * nvar + v], means[(a * runs + r) * nvar + v]};
      });
      row.runs = spec.runs;
      row.mean_on = e.mean_a;
      row.mean_off = e.mean_b;
      row.effect = e.effect;
      row.ci_low = e.ci_low;
      row.ci_high = e.ci_high;
      rows.push_back(row);
    }
  }
  return rows;
}

std::string series_unit(const std::string& variable) {
  // The codebook (variables.csv) of the embedded scenario: every declared series with its unit.
  // Units are declared in code beside each series, so they do not depend on the scenario.
  static const std::map<std::string, std::string> units = [] {
    std::map<std::string, std::string> m;
    const World w(load_default_scenario(), {.seed = 1, .scale = 0.0001});
    for (const SeriesInfo& i : w.rec.infos()) m[i.name] = i.unit;
    return m;
  }();
  if (const auto it = units.find(variable); it != units.end()) return it->second;
  // A variable the codebook does not declare (none today): the naming convention of series.csv.
  auto ends = [&](std::string_view suf) {
    return variable.size() >= suf.size() && variable.compare(variable.size() - suf.size(), suf.size(), suf) == 0;
  };
  if (ends("_t")) return "t";
  if (ends("_yuan")) return "yuan";
  if (ends("_share")) return "share";
  return "";
}

std::string ablation_csv(const std::vector<AblationRow>& rows, int first_year, int last_year) {
  // Six significant digits: the 95% intervals of a few paired runs are far wider than that.
  constexpr int kDigits = 6;
  CsvWriter w{"rule",     "variable",  "unit",           "measure",           "mean_effect",
              "ci95_low", "ci95_high", "mean_with_rule", "mean_without_rule", "relative_effect_percent",
              "runs"};
  const std::string measure = fmt::format("mean of the annual values {}-{}", first_year, last_year);
  for (const AblationRow& r : rows)
    w.row({r.rule, r.variable, series_unit(r.variable), measure, CsvCell::number(r.effect, kDigits),
           CsvCell::number(r.ci_low, kDigits), CsvCell::number(r.ci_high, kDigits), CsvCell::number(r.mean_on, kDigits),
           CsvCell::number(r.mean_off, kDigits),
           CsvCell::number(r.mean_off != 0 ? 100.0 * r.effect / std::fabs(r.mean_off) : NAN, 3), r.runs});
  return w.take();
}

}  // namespace gangdu
