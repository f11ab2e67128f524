#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/run_common.hpp"
#include "cli/validators.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
#include "core/pool.hpp"
#include "experiments/batch.hpp"
#include "experiments/validate.hpp"
#include "outputs/writer.hpp"
#include "steelworks/production.hpp"

namespace gangdu::cli {

CLI::Option* add_scale_option(CLI::App* cmd, double& scale, const std::string& what) {
  const std::string help = fmt::format(
      "Agents per person{}: 1 = one agent per person, 0.1 = one per ten (default here {}; single runs default to {}, "
      "commands that make many runs to {}, calibrate and sensitivity to {})",
      what.empty() ? "" : " " + what, scale, kScaleSingleRun, kScaleManyRuns, kScaleSearch);
  return cmd->add_option("--scale", scale, help)->check(finite_in(1e-4, 1.0));
}

CLI::Option* add_switch_option(CLI::App* cmd, std::vector<std::string>& switches) {
  return cmd->add_option("--switch", switches,
                         "Hold a parameter for the whole of every run over all regimes and events, e.g. --switch "
                         "rule_ratchet=0 (repeatable)");
}

std::string default_out_dir(const Scenario& sc) {
  std::string name = sc.name.empty() ? "run" : sc.name;
  for (char& c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) c = '_';
  if (name.find_first_not_of('.') == std::string::npos) name = "run";  // never "." or ".."
  return "out/" + name;
}

void add_run_options(CLI::App* cmd, RunArgs& a, bool with_scenario_positional) {
  if (with_scenario_positional)
    cmd->add_option("scenario", a.scenario, "Scenario TOML file (default: the embedded Anshan scenario)");
  cmd->add_option("--out", a.out,
                  a.out.empty() ? "Output directory (default: out/<scenario name>, e.g. out/anshan, out/anshan_no_leap)"
                                : "Output directory")
      ->capture_default_str();
  cmd->add_option("--seed", a.seed, "Master random seed (default: the scenario's seed)")->check(seed_value());
  add_scale_option(cmd, a.scale);
  cmd->add_option("--set", a.sets,
                  "Override a scenario key, e.g. --set regime.ffyp.steel_utilization=1.2 "
                  "or --set facility.bf3.capacity_t=150000 (repeatable)");
  add_switch_option(cmd, a.switches);
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
  o.threads = a.threads;
  return o;
}

nlohmann::json switches_json(const std::vector<std::pair<std::string, double>>& forced) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, value] : forced) j[name] = value;
  return j;
}

RunResult run_and_write(const RunArgs& a, const Scenario& sc, bool quiet) {
  return run_and_write(
      a, sc, quiet, [&](const RunOptions& o) { return run_model(sc, o); }, nlohmann::json::object());
}

RunResult run_and_write(const RunArgs& a, const Scenario& sc, bool quiet,
                        const std::function<RunResult(const RunOptions&)>& runner, const nlohmann::json& extra) {
  const std::string out = a.out.empty() ? default_out_dir(sc) : a.out;
  const RunOptions opt = options_for(a, sc);
  RunResult r = runner(opt);
  const Recorder& rec = r.world->rec;
  const FitTable fit =
      compare_with_history(load_default_history(), [&](const std::string& v, int y) { return rec.get(v, y); });
  const std::string series = series_csv(rec);
  write_output_dir(out, [&](const std::string& dir) {
    write_file_atomic(dir + "/series.csv", series);
    write_file_atomic(dir + "/variables.csv", variables_csv(rec));
    write_file_atomic(dir + "/bottlenecks.csv", bottlenecks_csv(*r.world));
    auto manifest = make_manifest(sc, opt, r);
    manifest["overall_mape_percent"] = fit.overall_mape;
    manifest["series_hash"] = text_hash(series);  // equal series.csv <=> equal hash (checkpoint/resume checks)
    // What the run was asked for, so `validate` and `report` can tell whether this folder is the run they are asked
    // about.
    manifest["overrides"] = a.sets;
    manifest["switches"] = switches_json(opt.forced);
    for (auto it = extra.begin(); it != extra.end(); ++it) manifest[it.key()] = it.value();
    write_file_atomic(dir + "/fit.csv", fit_csv(fit));
    write_file_atomic(dir + "/manifest.json", manifest.dump(2) + "\n");
  });
  if (!quiet) {
    std::cout << fmt::format("gangdu: ran '{}' {}..{} (seed {}, scale {}) in {:.2f} s; peak {} persons\n", sc.name,
                             sc.start.str(), sc.end.str(), opt.seed, opt.scale, r.wall_seconds,
                             static_cast<long long>(static_cast<double>(r.world->peak_agents) / opt.scale));
    std::cout << fmt::format(
        "outputs: {0}/series.csv, {0}/variables.csv, {0}/manifest.json, {0}/fit.csv, {0}/bottlenecks.csv\n", out);
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

namespace {
std::string switches_text(const nlohmann::json& sw) {
  if (!sw.is_object() || sw.empty()) return "no switches";
  std::string t;
  for (const auto& [k, v] : sw.items()) t += fmt::format("{}{}={}", t.empty() ? "switch " : ", ", k, v.dump());
  return t;
}
}  // namespace

ExistingRun check_existing_run(const RunArgs& given, const CLI::App& cmd) {
  ExistingRun e;
  e.args = given;
  RunArgs& eff = e.args;
  const bool scenario_given = !given.scenario.empty() || !given.sets.empty();
  if (eff.out.empty()) eff.out = default_out_dir(load_for(eff));
  const std::string series = eff.out + "/series.csv", manifest_path = eff.out + "/manifest.json";
  if (!std::filesystem::exists(series)) return e;
  const bool anything_given = scenario_given || cmd.count("--seed") || cmd.count("--scale") || !given.switches.empty();
  if (!std::filesystem::exists(manifest_path)) {
    // A series.csv from elsewhere (no manifest): used as found unless a run was asked for.
    e.reuse = !anything_given;
    if (!e.reuse) e.why = manifest_path + " is missing";
    return e;
  }
  nlohmann::json m;
  try {
    m = nlohmann::json::parse(read_input_file(manifest_path, "manifest"));
  } catch (const nlohmann::json::exception&) {
    e.why = manifest_path + " is not valid JSON";
    return e;
  }
  if (!m.is_object() || !m.contains("seed") || !m.contains("scale") || !m.contains("scenario_hash")) {
    e.why = manifest_path + " does not record the run's seed, scale and scenario";
    return e;
  }
  if (!cmd.count("--seed")) eff.seed = static_cast<long long>(m["seed"].get<uint64_t>());
  if (!cmd.count("--scale")) eff.scale = m["scale"].get<double>();
  const nlohmann::json recorded_switches = m.value("switches", nlohmann::json::object());
  if (given.switches.empty() && recorded_switches.is_object()) {
    eff.switches.clear();
    for (const auto& [k, v] : recorded_switches.items()) eff.switches.push_back(k + "=" + v.dump());
  }
  if (!scenario_given) {
    const std::string file = m.value("scenario_file", "");
    eff.scenario = file.rfind("<embedded>", 0) == 0 ? "" : file;
    eff.sets.clear();
    if (m.contains("overrides") && m["overrides"].is_array())
      for (const auto& o : m["overrides"]) eff.sets.push_back(o.get<std::string>());
  }
  const Scenario sc = load_for(eff);
  const RunOptions opt = options_for(eff, sc);
  std::vector<std::string> diff;
  if (m["seed"].get<uint64_t>() != opt.seed)
    diff.push_back(fmt::format("seed {} (recorded {})", opt.seed, m["seed"].dump()));
  if (m["scale"].get<double>() != opt.scale)
    diff.push_back(fmt::format("scale {} (recorded {})", opt.scale, m["scale"].dump()));
  const nlohmann::json sw = switches_json(opt.forced);
  if (sw != recorded_switches)
    diff.push_back(fmt::format("{} (recorded {})", switches_text(sw), switches_text(recorded_switches)));
  if (scenario_hash(sc) != m["scenario_hash"].get<std::string>())
    diff.push_back(fmt::format("scenario '{}'{} (recorded '{}', another scenario hash)", sc.file,
                               eff.sets.empty() ? "" : fmt::format(" with {} --set", eff.sets.size()),
                               m.value("scenario_file", "?")));
  e.reuse = diff.empty();
  if (!e.reuse) e.why = fmt::format("{}", fmt::join(diff, "; "));
  return e;
}

void register_run(CLI::App& app) {
  auto a = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario and write series.csv, manifest.json and fit.csv");
  add_run_options(cmd, *a, true);
  cmd->add_option("--threads", a->threads,
                  "Threads for this one run's passes over persons (default 1; outputs are byte-identical at any count)")
      ->check(CLI::Range(1u, kMaxPersonBlocks));
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
