#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/run_common.hpp"
#include "cli/validators.hpp"
#include "core/error.hpp"
#include "experiments/ablate.hpp"
#include "experiments/batch.hpp"
#include "experiments/claims.hpp"
#include "outputs/writer.hpp"

namespace gangdu::cli {

void register_experiment(CLI::App& app) {
  CLI::App* exp = app.add_subcommand("experiment", "Experiments on the model's rules");
  exp->require_subcommand(1);
  auto a = std::make_shared<RunArgs>();
  auto spec = std::make_shared<AblationSpec>();
  a->out = "out/ablation";
  a->scale = 0.1;
  CLI::App* abl = exp->add_subcommand(
      "ablate",
      "Run the history N times with each rule on and off; write DIR/ablation.csv (effect of each rule, 95% CI)");
  add_run_options(abl, *a, true);
  abl->add_option("--runs", spec->runs, "Paired runs per arm")
      ->check(CLI::Range(2, static_cast<int>(kMaxRuns)))
      ->capture_default_str();
  abl->add_option("--threads", spec->threads, "Worker threads (0 = all cores; results do not depend on it)");
  abl->add_option("--rules", spec->rules, "Rule switches to ablate (default: all rule_* switches)");
  abl->add_option("--from", spec->first_year, "First year of the measured period")->capture_default_str();
  abl->add_option("--to", spec->last_year, "Last year of the measured period")->capture_default_str();
  abl->callback([a, spec]() {
    const Scenario sc = load_for(*a);
    spec->scale = a->scale;
    spec->seed = options_for(*a, sc).seed;
    spec->forced = parse_switches(a->switches);  // held in both arms of every pair
    if (spec->rules.empty()) spec->rules = default_ablation_rules();
    for (const auto& r : spec->rules)
      if (!find_param_def(r)) throw InputError("--rules", 0, 0, r, "unknown rule switch");
    spec->variables = default_ablation_variables();
    const auto rows = run_ablation(sc, *spec);
    write_output_dir(a->out, [&](const std::string& dir) {
      write_file_atomic(dir + "/ablation.csv", ablation_csv(rows, spec->first_year, spec->last_year));
    });
    std::cout << fmt::format(
        "effect of each rule on the mean of {}-{} (with the rule minus without it), {} paired runs at "
        "scale {}{}\n",
        spec->first_year, spec->last_year, spec->runs, spec->scale,
        a->switches.empty() ? "" : "; held in both arms: " + fmt::format("{}", fmt::join(a->switches, ", ")));
    std::cout << fmt::format("{:<26} {:<26} {:>6} {:>12} {:>26} {:>9}\n", "rule", "variable", "unit", "effect",
                             "95% interval", "relative");
    for (const auto& r : rows)
      std::cout << fmt::format(
          "{:<26} {:<26} {:>6} {:>12.4g} [{:>11.4g}, {:>11.4g}] {:>9}\n", r.rule, r.variable, series_unit(r.variable),
          r.effect, r.ci_low, r.ci_high,
          r.mean_off != 0 ? fmt::format("{:+.1f}%", 100.0 * r.effect / std::fabs(r.mean_off)) : "n/a");
    std::cout << "ablation table written to " << a->out << "/ablation.csv\n";
  });

  auto ca = std::make_shared<RunArgs>();
  auto copt = std::make_shared<ClaimOptions>();
  auto only = std::make_shared<std::vector<std::string>>();
  ca->out = "out/claims";
  ca->scale = 0.1;
  CLI::App* cl = exp->add_subcommand(
      "claims",
      "Run each testable claim of model-spec §6 as paired runs of two arms; write DIR/claims.csv and DIR/claims.md "
      "(effect, 95% CI, whether it rests on a fitted record point)");
  add_run_options(cl, *ca, true);
  cl->add_option("--runs", copt->runs, "Paired runs per arm")->check(CLI::Range(2, 100000))->capture_default_str();
  cl->add_option("--threads", copt->threads, "Worker threads (0 = all cores; results do not depend on it)");
  cl->add_option("--claims", *only, "Claim ids to run (default: all)");
  cl->callback([ca, copt, only]() {
    const ScenarioSource src = ScenarioSource::from_path(ca->scenario);
    const Scenario sc = load_for(*ca);
    copt->scale = ca->scale;
    copt->seed = options_for(*ca, sc).seed;
    copt->forced = parse_switches(ca->switches);
    std::vector<ClaimSpec> claims;
    for (const ClaimSpec& c : default_claims())
      if (only->empty() || std::find(only->begin(), only->end(), c.id) != only->end()) claims.push_back(c);
    for (const std::string& id : *only)
      if (std::none_of(claims.begin(), claims.end(), [&](const ClaimSpec& c) { return c.id == id; }))
        throw InputError("--claims", 0, 0, id, "unknown claim id");
    auto rows = run_claims(sc, claims, *copt);
    const auto points = load_default_history();
    for (ClaimResult& r : rows) r.fitted = fitted_dependence(r.spec, src.text, src.label, points);
    write_output_dir(ca->out, [&](const std::string& dir) {
      write_file_atomic(dir + "/claims.csv", claims_csv(rows));
      write_file_atomic(dir + "/claims.md", claims_markdown(rows, *copt));
    });
    std::cout << claims_markdown(rows, *copt);
    std::cout << "claims table written to " << ca->out << "/claims.csv and claims.md\n";
  });
}

}  // namespace gangdu::cli
