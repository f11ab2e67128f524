// gangdu sensitivity: Morris elementary-effects screening of free parameters.
#include <fmt/format.h>

#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/run_common.hpp"
#include "cli/validators.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/design.hpp"
#include "experiments/parallel.hpp"
#include "experiments/sensitivity.hpp"
#include "outputs/writer.hpp"

namespace gangdu::cli {

void register_sensitivity(CLI::App& app) {
  struct Args {
    std::string scenario, out = "out/sensitivity";
    std::vector<std::string> params, outputs, sets, switches;
    size_t trajectories = 10, seeds = 1;
    int levels = 4;
    long long seed = -1;
    double scale = kScaleSearch;
    unsigned threads = 0;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "sensitivity", "Morris elementary-effects screening: mu, mu* and sigma of each free parameter on chosen outputs");
  cmd->add_option("scenario", a->scenario, "Scenario TOML file (default: the embedded Anshan scenario)");
  cmd->add_option("--param", a->params, "Parameter key=lo:hi (key as for --set; repeatable)")->required();
  cmd->add_option("--output", a->outputs,
                  "Output 'variable@year' or 'mape' (fit to the record up to 1957); repeatable "
                  "(default: mape, angang.pig_iron_t@1957, angang.employees@1957, anshan.population@1957)");
  cmd->add_option("--trajectories", a->trajectories, "Morris trajectories r")
      ->check(CLI::Range(size_t{2}, size_t{10000}))
      ->capture_default_str();
  cmd->add_option("--levels", a->levels, "Grid levels p")->check(CLI::Range(2, 100))->capture_default_str();
  cmd->add_option("--seeds", a->seeds, "Model seeds averaged per point (common to all points)")->capture_default_str();
  cmd->add_option("--seed", a->seed, "Master seed (default: the scenario's); also draws the trajectories")
      ->check(seed_value());
  add_scale_option(cmd, a->scale);
  cmd->add_option("--threads", a->threads, "Worker threads (default: all cores)");
  cmd->add_option("--out", a->out, "Output directory")->capture_default_str();
  cmd->add_option("--set", a->sets, "Override a scenario key for every run (repeatable)");
  add_switch_option(cmd, a->switches);
  cmd->callback([a]() {
    const ScenarioSource src = ScenarioSource::from_path(a->scenario);
    CalibrationSetup s;
    s.source = src;
    s.base = parse_overrides(a->sets);
    s.forced = parse_switches(a->switches);
    const Scenario sc = src.load(s.base);
    for (const auto& p : a->params) s.params.push_back(parse_free_param(p, src, false));
    for (const FreeParam& p : s.params)
      for (double v : {p.lo, p.hi}) {
        auto ov = s.base;
        ov.push_back({p.key, override_value(v)});
        src.load(ov);
      }
    std::vector<OutputSpec> outputs;
    if (a->outputs.empty())
      a->outputs = {"mape", "angang.pig_iron_t@1957", "angang.employees@1957", "anshan.population@1957"};
    std::vector<std::string> names;
    for (const auto& o : a->outputs) {
      outputs.push_back(parse_output(o));
      names.push_back(o);
    }
    if (a->seeds < 1) throw InputError("gangdu sensitivity", 0, 0, "--seeds", "need at least one seed");
    const uint64_t master = a->seed >= 0 ? static_cast<uint64_t>(a->seed) : sc.default_seed;
    if (a->seeds == 1)
      s.seeds = {master};
    else
      for (size_t r = 0; r < a->seeds; ++r) s.seeds.push_back(replicate_seed(master, r));
    s.history = load_default_history();
    s.scale = a->scale;
    s.threads = a->threads > 0 ? a->threads : std::max(1u, std::thread::hardware_concurrency());
    Parallel& par = Parallel::instance();
    s.rank = par.rank();
    s.nranks = par.size();
    s.allgather = [&par](std::vector<double>& v) { par.allgather_by_index(v); };
    MorrisOptions mo{a->trajectories, a->levels, master};
    const MorrisDesign d = morris_design(s.params, mo);
    const auto values = model_outputs(s, d.points, outputs);
    if (par.rank() != 0) return;
    std::vector<ElementaryEffect> ee;
    const auto idx = morris_indices(s.params, d, names, values, &ee);
    CsvWriter morris{"output", "parameter", "mu", "mu_star", "sigma", "r"};
    for (const auto& x : idx) morris.row({x.output, x.parameter, x.mu, x.mu_star, x.sigma, x.r});
    CsvWriter effects{"trajectory", "parameter", "output", "effect"};
    for (const auto& e : ee) effects.row({e.trajectory, e.parameter, e.output, e.effect});
    const std::string design = design_csv(s.params, d.points);  // a `gangdu sweep` design
    std::vector<std::string> out_header = {"point"};
    out_header.insert(out_header.end(), names.begin(), names.end());
    CsvWriter point_outputs(out_header);
    for (size_t p = 0; p < d.points.size(); ++p) {
      std::vector<CsvCell> row = {p};
      for (double v : values[p]) row.emplace_back(v);
      point_outputs.row(row);
    }
    nlohmann::json m = manifest_stamp("sensitivity");
    m["method"] = "Morris elementary effects (mu, mu*, sigma per unit of each parameter's range)";
    m["trajectories"] = a->trajectories;
    m["levels"] = a->levels;
    m["runs"] = d.points.size() * s.seeds.size();
    m["scale"] = a->scale;
    m["switches"] = a->switches;
    m["seeds"] = s.seeds;
    m["processes"] = par.size();
    write_output_dir(a->out, [&](const std::string& dir) {
      write_file_atomic(dir + "/morris.csv", morris.str());
      write_file_atomic(dir + "/elementary_effects.csv", effects.str());
      write_file_atomic(dir + "/design.csv", design);
      write_file_atomic(dir + "/outputs.csv", point_outputs.str());
      write_file_atomic(dir + "/manifest.json", m.dump(2) + "\n");
    });
    std::cout << fmt::format("gangdu sensitivity: {} trajectories x {} points, {} runs at scale {}\n", a->trajectories,
                             s.params.size() + 1, d.points.size() * s.seeds.size(), a->scale);
    std::cout << fmt::format("{:<28} {:<40} {:>12} {:>12} {:>12}\n", "output", "parameter", "mu", "mu*", "sigma");
    for (const auto& x : idx)
      std::cout << fmt::format("{:<28} {:<40} {:>12.4g} {:>12.4g} {:>12.4g}\n", x.output, x.parameter, x.mu, x.mu_star,
                               x.sigma);
    std::cout << fmt::format(
        "outputs: {0}/morris.csv, {0}/elementary_effects.csv, {0}/design.csv (a `gangdu sweep` design), "
        "{0}/outputs.csv\n",
        a->out);
  });
}

}  // namespace gangdu::cli
