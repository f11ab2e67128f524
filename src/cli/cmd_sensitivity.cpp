// gangdu sensitivity: Morris elementary-effects screening of free parameters.
#include <fmt/format.h>

#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/validators.hpp"
#include "core/error.hpp"
#include "experiments/parallel.hpp"
#include "experiments/sensitivity.hpp"
#include "outputs/writer.hpp"

namespace gangdu::cli {

void register_sensitivity(CLI::App& app) {
  struct Args {
    std::string scenario, out = "out/sensitivity";
    std::vector<std::string> params, outputs, sets;
    size_t trajectories = 10, seeds = 1;
    int levels = 4;
    long long seed = -1;
    double scale = 0.05;
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
  cmd->add_option("--scale", a->scale, "Agents per person")->check(finite_in(1e-4, 1.0))->capture_default_str();
  cmd->add_option("--threads", a->threads, "Worker threads (default: all cores)");
  cmd->add_option("--out", a->out, "Output directory")->capture_default_str();
  cmd->add_option("--set", a->sets, "Override a scenario key for every run (repeatable)");
  cmd->callback([a]() {
    const ScenarioSource src = ScenarioSource::from_path(a->scenario);
    CalibrationSetup s;
    s.source = src;
    s.base = parse_overrides(a->sets);
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
    std::string morris = "output,parameter,mu,mu_star,sigma,r\n";
    for (const auto& x : idx)
      morris += fmt::format("{},{},{},{},{},{}\n", x.output, x.parameter, x.mu, x.mu_star, x.sigma, x.r);
    std::string effects = "trajectory,parameter,output,effect\n";
    for (const auto& e : ee) effects += fmt::format("{},{},{},{}\n", e.trajectory, e.parameter, e.output, e.effect);
    std::string design;
    for (size_t i = 0; i < s.params.size(); ++i) design += (i ? "," : "") + s.params[i].key;
    design += "\n";
    std::string point_outputs = "point";
    for (const auto& n : names) point_outputs += "," + n;
    point_outputs += "\n";
    for (size_t p = 0; p < d.points.size(); ++p) {
      for (size_t i = 0; i < s.params.size(); ++i)
        design += fmt::format("{}{}", i ? "," : "", override_value(d.points[p][i]));
      design += "\n";
      point_outputs += std::to_string(p);
      for (double v : values[p]) point_outputs += fmt::format(",{}", v);
      point_outputs += "\n";
    }
    nlohmann::json m = manifest_stamp("sensitivity");
    m["method"] = "Morris elementary effects (mu, mu*, sigma per unit of each parameter's range)";
    m["trajectories"] = a->trajectories;
    m["levels"] = a->levels;
    m["runs"] = d.points.size() * s.seeds.size();
    m["scale"] = a->scale;
    m["seeds"] = s.seeds;
    m["processes"] = par.size();
    write_output_dir(a->out, [&](const std::string& dir) {
      write_file_atomic(dir + "/morris.csv", morris);
      write_file_atomic(dir + "/elementary_effects.csv", effects);
      write_file_atomic(dir + "/design.csv", design);
      write_file_atomic(dir + "/outputs.csv", point_outputs);
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
