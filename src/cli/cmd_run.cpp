#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/run_common.hpp"
#include "cli/validators.hpp"
#include "core/error.hpp"
#include "experiments/batch.hpp"
#include "experiments/validate.hpp"
#include "outputs/writer.hpp"
#include "steelworks/production.hpp"

namespace gangdu::cli {

void add_run_options(CLI::App* cmd, RunArgs& a, bool with_scenario_positional) {
  if (with_scenario_positional)
    cmd->add_option("scenario", a.scenario, "Scenario TOML file (default: the embedded Anshan scenario)");
  cmd->add_option("--out", a.out, "Output directory")->capture_default_str();
  cmd->add_option("--seed", a.seed, "Master random seed (default: the scenario's seed)")->check(seed_value());
  cmd->add_option("--scale", a.scale, "Agents per person (0.1 = 1:10 population; default 1:1)")
      ->check(finite_in(1e-4, 1.0))
      ->capture_default_str();
  cmd->add_option("--set", a.sets, "Override a scenario key, e.g. --set regime.ffyp.steel_utilization=1.2 "
                                   "or --set facility.bf3.capacity_t=150000 (repeatable)");
  cmd->add_option("--switch", a.switches,
                  "Hold a parameter for the whole run over all regimes and events, e.g. --switch rule_ratchet=0 (repeatable)");
}

Scenario load_for(const RunArgs& a) {
  const std::vector<Override> ov = parse_overrides(a.sets);
  Scenario sc = a.scenario.empty() ? load_default_scenario(ov) : load_scenario_file(a.scenario, ov);
  for (const std::string& w : sc.warnings) std::cerr << "gangdu: warning: " << w << "\n";
  return sc;
}

RunOptions options_for(const RunArgs& a, const Scenario& sc) {
  RunOptions o;
  o.seed = a.seed >= 0 ? static_cast<uint64_t>(a.seed) : sc.default_seed;
  o.scale = a.scale;
  o.forced = parse_switches(a.switches);
  return o;
}

RunResult run_and_write(const RunArgs& a, const Scenario& sc, bool quiet) {
  return run_and_write(a, sc, quiet, [&](const RunOptions& o) { return run_model(sc, o); }, nlohmann::json::object());
}

RunResult run_and_write(const RunArgs& a, const Scenario& sc, bool quiet,
                        const std::function<RunResult(const RunOptions&)>& runner, const nlohmann::json& extra) {
  const RunOptions opt = options_for(a, sc);
  RunResult r = runner(opt);
  const Recorder& rec = r.world->rec;
  const FitTable fit = compare_with_history(load_default_history(),
                                            [&](const std::string& v, int y) { return rec.get(v, y); });
  const std::string series = series_csv(rec);
  write_output_dir(a.out, [&](const std::string& dir) {
    write_file_atomic(dir + "/series.csv", series);
    write_file_atomic(dir + "/bottlenecks.csv", bottlenecks_csv(*r.world));
    auto manifest = make_manifest(sc, opt, r);
    manifest["overall_mape_percent"] = fit.overall_mape;
    manifest["series_hash"] = text_hash(series);  // equal series.csv <=> equal hash (checkpoint/resume checks)
    for (auto it = extra.begin(); it != extra.end(); ++it) manifest[it.key()] = it.value();
    write_file_atomic(dir + "/fit.csv", fit_csv(fit));
    write_file_atomic(dir + "/manifest.json", manifest.dump(2) + "\n");
  });
  if (!quiet) {
    std::cout << fmt::format("gangdu: ran '{}' {}..{} (seed {}, scale {}) in {:.2f} s; peak {} persons\n", sc.name,
                             sc.start.str(), sc.end.str(), opt.seed, opt.scale, r.wall_seconds,
                             static_cast<long long>(static_cast<double>(r.world->peak_agents) / opt.scale));
    std::cout << fmt::format("outputs: {}/series.csv, {}/manifest.json, {}/fit.csv, {}/bottlenecks.csv\n", a.out, a.out,
                             a.out, a.out);
    std::cout << fmt::format("{:>6} {:>12} {:>12} {:>12} {:>10} {:>11} {:>10}\n", "year", "pig_iron_t", "steel_t",
                             "rolled_t", "employees", "population", "japanese");
    for (int y : {1925, 1930, 1937, 1943, 1945, 1947, 1949, 1952, 1955, 1957, 1960, 1964}) {
      if (y < rec.first_year() || y > rec.last_year()) continue;
      std::cout << fmt::format("{:>6} {:>12.0f} {:>12.0f} {:>12.0f} {:>10.0f} {:>11.0f} {:>10.0f}\n", y,
                               rec.get("angang.pig_iron_t", y), rec.get("angang.steel_t", y),
                               rec.get("angang.rolled_steel_t", y), rec.get("angang.employees", y),
                               rec.get("anshan.population", y), rec.get("anshan.population_japanese", y));
    }
    std::cout << fmt::format("fit to the record up to 1957: overall MAPE {:.1f}% (see fit.csv, `gangdu validate`)\n",
                             fit.overall_mape);
  }
  return r;
}

void register_run(CLI::App& app) {
  auto a = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario and write series.csv, manifest.json and fit.csv");
  add_run_options(cmd, *a, true);
  auto ck = std::make_shared<CheckpointArgs>();
  add_checkpoint_options(cmd, *ck);
  cmd->callback([a, ck, cmd]() {
    if (!ck->resume.empty() || !ck->at.empty() || !ck->file.empty()) {
      run_with_checkpoint(*a, *ck, *cmd);
      return;
    }
    const Scenario sc = load_for(*a);
    run_and_write(*a, sc, false);
  });
}

}  // namespace gangdu::cli
