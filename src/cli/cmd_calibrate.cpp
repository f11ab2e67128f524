// gangdu calibrate: CMA-ES fit of free parameters to the record up to 1957.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/run_common.hpp"
#include "cli/validators.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/calibrate.hpp"
#include "experiments/parallel.hpp"
#include "outputs/writer.hpp"

namespace gangdu::cli {
namespace {

struct CalibArgs {
  std::string scenario, config, out = "out/calibrate", write_scenario, history;
  std::vector<std::string> params, sets, switches;
  size_t budget = 120, seeds = 1;
  long long seed = -1;
  double scale = kScaleSearch, sigma = 0.25;
  unsigned threads = 0;
};

// Reads [calibration] and [[free]] from a small TOML file; CLI flags given
// explicitly take precedence over its [calibration] values.
void read_config(CalibArgs& a, const CLI::App& cmd, const ScenarioSource& src, std::vector<FreeParam>& out) {
  toml::table t;
  try {
    t = toml::parse_file(a.config);
  } catch (const toml::parse_error& e) {
    throw InputError(a.config, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column), "",
                     std::string(e.description()));
  }
  auto num = [&](const toml::node* n, const std::string& key) {
    if (!n || !n->is_number())
      throw InputError(a.config, n ? static_cast<int>(n->source().begin.line) : 0, 0, key, "expected a number");
    return n->value<double>().value_or(0.0);
  };
  for (auto&& [k, v] : t) {
    const std::string key(k.str());
    if (key != "calibration" && key != "free")
      throw InputError(a.config, static_cast<int>(k.source().begin.line), static_cast<int>(k.source().begin.column),
                       key, "unknown key");
  }
  if (auto* c = t["calibration"].as_table()) {
    for (auto&& [k, v] : *c) {
      const std::string key(k.str());
      const double x = num(&v, "calibration." + key);
      const int line = static_cast<int>(k.source().begin.line);
      if (key == "budget") {
        if (!cmd.count("--budget")) a.budget = static_cast<size_t>(x);
      } else if (key == "scale") {
        if (!cmd.count("--scale")) a.scale = x;
      } else if (key == "seeds") {
        if (!cmd.count("--seeds")) a.seeds = static_cast<size_t>(x);
      } else if (key == "sigma") {
        if (!cmd.count("--sigma")) a.sigma = x;
      } else
        throw InputError(a.config, line, static_cast<int>(k.source().begin.column), "calibration." + key,
                         "unknown key");
    }
  }
  if (auto* arr = t["free"].as_array()) {
    for (auto& e : *arr) {
      const auto* ft = e.as_table();
      const int line = static_cast<int>(e.source().begin.line);
      if (!ft) throw InputError(a.config, line, 0, "free", "expected [[free]] tables");
      const auto* key = ft->get("key");
      if (!key || !key->is_string()) throw InputError(a.config, line, 0, "free.key", "expected a string");
      FreeParam p;
      p.key = key->as_string()->get();
      p.lo = num(ft->get("min"), "free." + p.key + ".min");
      p.hi = num(ft->get("max"), "free." + p.key + ".max");
      p.start = ft->get("start") ? num(ft->get("start"), "free." + p.key + ".start") : scenario_value_at(src, p.key);
      if (!(p.lo < p.hi) || p.start < p.lo || p.start > p.hi)
        throw InputError(a.config, line, 0, "free." + p.key, "need min < max and min <= start <= max");
      out.push_back(p);
    }
  }
}

}  // namespace

void register_calibrate(CLI::App& app) {
  auto a = std::make_shared<CalibArgs>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate",
      "Fit free parameters to the historical record up to 1957 (never later) by CMA-ES on the MAPE; write the best "
      "sample, the search, the fit, and optionally a calibrated scenario");
  cmd->add_option("scenario", a->scenario, "Scenario TOML file (default: the embedded Anshan scenario)");
  cmd->add_option("--param", a->params,
                  "Free parameter key=lo:hi[:start], key as for --set, e.g. regime.ffyp.steel_utilization=1:1.6 "
                  "(repeatable; start defaults to the scenario value)");
  cmd->add_option("--config", a->config,
                  "TOML file with [calibration] budget/scale/seeds/sigma and [[free]] key/min/max/start");
  cmd->add_option("--budget", a->budget, "Maximum model evaluations (candidates)")->capture_default_str();
  cmd->add_option("--seeds", a->seeds, "Model seeds averaged per candidate (common to all candidates)")
      ->capture_default_str();
  cmd->add_option("--seed", a->seed, "Master seed (default: the scenario's); also seeds the search")
      ->check(seed_value());
  add_scale_option(cmd, a->scale, "of the calibration runs");
  cmd->add_option("--sigma", a->sigma, "Initial CMA-ES step as a share of each parameter's range")
      ->check(finite_in(1e-3, 1.0))
      ->capture_default_str();
  cmd->add_option("--threads", a->threads, "Worker threads (default: all cores)");
  cmd->add_option("--history", a->history,
                  "Historical record CSV (default: the embedded record; points after 1957 are dropped)");
  cmd->add_option("--out", a->out, "Output directory")->capture_default_str();
  cmd->add_option("--write-scenario", a->write_scenario, "Write the calibrated scenario TOML here");
  cmd->add_option("--set", a->sets, "Override a scenario key for every run (repeatable)");
  add_switch_option(cmd, a->switches);
  cmd->callback([a, cmd]() {
    const ScenarioSource src = ScenarioSource::from_path(a->scenario);
    std::vector<FreeParam> params;
    if (!a->config.empty()) read_config(*a, *cmd, src, params);
    for (const auto& p : a->params) params.push_back(parse_free_param(p, src));
    if (params.empty())
      throw InputError("gangdu calibrate", 0, 0, "--param", "no free parameters (give --param or --config)");
    if (a->seeds < 1) throw InputError("gangdu calibrate", 0, 0, "--seeds", "need at least one seed");
    const auto base = parse_overrides(a->sets);
    const Scenario sc = src.load(base);
    // Check every bound against the scenario schema before spending runs.
    for (const FreeParam& p : params)
      for (double v : {p.lo, p.hi}) {
        std::vector<Override> ov = base;
        ov.push_back({p.key, override_value(v)});
        src.load(ov);
      }
    Parallel& par = Parallel::instance();
    CalibrationSetup s;
    s.source = src;
    s.base = base;
    s.forced = parse_switches(a->switches);
    s.params = params;
    s.history = a->history.empty() ? load_default_history() : load_history_file(a->history);
    const uint64_t master = a->seed >= 0 ? static_cast<uint64_t>(a->seed) : sc.default_seed;
    if (a->seeds == 1)
      s.seeds = {master};
    else
      for (size_t r = 0; r < a->seeds; ++r) s.seeds.push_back(replicate_seed(master, r));
    s.scale = a->scale;
    s.threads = a->threads > 0 ? a->threads : std::max(1u, std::thread::hardware_concurrency());
    s.rank = par.rank();
    s.nranks = par.size();
    s.allgather = [&par](std::vector<double>& v) { par.allgather_by_index(v); };
    const BatchDistance model = model_distance(s);
    Progress progress("gangdu calibrate (candidates)");
    set_batch_progress(nullptr);  // one line per generation of candidates (below), not per model run
    size_t evaluated = 0;
    const size_t total = a->budget + 1;
    BatchDistance dist = [&](const std::vector<std::vector<double>>& xs) {
      auto d = model(xs);
      evaluated += xs.size();
      if (par.rank() == 0) progress.update(std::min(evaluated, total), total);
      return d;
    };
    std::vector<double> start;
    for (const auto& p : params) start.push_back(p.start);
    const double start_distance = dist({start})[0];
    CmaOptions co;
    co.budget = a->budget;
    co.sigma0 = a->sigma;
    co.seed = master;
    const CmaResult r = cma_es(params, dist, co);
    if (par.rank() == 0 && progress.enabled()) progress.update(total, total);
    if (par.rank() != 0) return;

    // The fit of the best sample, point by point (first seed).
    std::vector<Override> ov = base;
    const auto best_ov = overrides_for(params, r.best);
    ov.insert(ov.end(), best_ov.begin(), best_ov.end());
    const Scenario best_sc = src.load(ov);
    RunResult run = run_model(best_sc, RunOptions{s.seeds[0], a->scale, s.forced});
    const FitTable fit = compare_with_history(history_up_to(s.history, kLastCalibrationYear),
                                              [&](const std::string& v, int y) { return run.world->rec.get(v, y); });
    std::vector<std::string> search_header = {"evaluation", "generation", "distance"};
    for (const auto& p : params) search_header.push_back(p.key);
    CsvWriter search(search_header);
    for (size_t i = 0; i < r.evaluations.size(); ++i) {
      const auto& e = r.evaluations[i];
      std::vector<CsvCell> row = {i, e.generation, e.distance};
      for (double x : e.x) row.emplace_back(x);
      search.row(row);
    }
    CsvWriter best{"key", "lo", "hi", "start", "best", "search_mean", "search_sd"};
    for (size_t i = 0; i < params.size(); ++i)
      best.row(
          {params[i].key, params[i].lo, params[i].hi, params[i].start, override_value(r.best[i]), r.mean[i], r.sd[i]});
    std::string scenario_text;
    if (!a->write_scenario.empty()) {
      scenario_text =
          calibrated_scenario_text(src, params, r.best,
                                   fmt::format("MAPE to the record up to 1957 {:.2f}% at scale {} (was {:.2f}%)",
                                               r.best_distance, a->scale, start_distance));
      load_scenario_text(scenario_text, a->write_scenario);  // must load cleanly before we write it
    }
    nlohmann::json m = manifest_stamp("calibrate");
    m["method"] = "CMA-ES (Hansen 2016) on the MAPE to the record up to 1957";
    m["scenario_file"] = src.label;
    m["scale"] = a->scale;
    m["switches"] = a->switches;
    m["seeds"] = s.seeds;
    m["evaluations"] = r.evaluations.size() + 1;
    m["generations"] = r.generations;
    m["stop_reason"] = r.stop_reason;
    m["start_distance"] = start_distance;
    m["best_distance"] = r.best_distance;
    m["history_points_used"] = history_up_to(s.history, kLastCalibrationYear).size();
    m["processes"] = par.size();
    write_output_dir(a->out, [&](const std::string& dir) {
      write_file_atomic(dir + "/best.csv", best.str());
      write_file_atomic(dir + "/search.csv", search.str());
      write_file_atomic(dir + "/fit.csv", fit_csv(fit));
      write_file_atomic(dir + "/manifest.json", m.dump(2) + "\n");
    });
    if (!scenario_text.empty()) write_file_atomic(a->write_scenario, scenario_text);
    std::cout << fmt::format("gangdu calibrate: {} evaluations, {} ({})\n", r.evaluations.size() + 1, r.stop_reason,
                             fmt::format("{} process(es) x {} thread(s)", par.size(), s.threads));
    std::cout << fmt::format("MAPE to the record up to 1957: start {:.2f}% -> best {:.2f}%\n", start_distance,
                             r.best_distance);
    for (size_t i = 0; i < params.size(); ++i)
      std::cout << fmt::format("  {:<44} {:>12} -> {:>12}  (search sd {:.3g})\n", params[i].key,
                               override_value(params[i].start), override_value(r.best[i]), r.sd[i]);
    std::cout << fmt::format("outputs: {0}/best.csv, {0}/search.csv, {0}/fit.csv, {0}/manifest.json{1}\n", a->out,
                             scenario_text.empty() ? "" : ", " + a->write_scenario);
  });
}

}  // namespace gangdu::cli
