// gangdu design: writes a grid or Latin-hypercube design CSV for `gangdu sweep`.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/validators.hpp"
#include "core/error.hpp"
#include "experiments/design.hpp"
#include "outputs/writer.hpp"

namespace gangdu::cli {

void register_design(CLI::App& app) {
  struct Args {
    std::string scenario, method = "lhs", out = "design.csv";
    std::vector<std::string> params;
    size_t points = 20;
    int levels = 3;
    long long seed = 1;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("design", "Write a run design CSV (full grid or Latin hypercube) for `gangdu sweep`");
  cmd->add_option("--param", a->params, "Parameter key=lo:hi (key as for --set; repeatable)")->required();
  cmd->add_option("--method", a->method, "grid or lhs")->check(CLI::IsMember({"grid", "lhs"}))->capture_default_str();
  cmd->add_option("--points", a->points, "Points of a Latin hypercube")->check(CLI::Range(size_t{1}, size_t{10000000}))->capture_default_str();
  cmd->add_option("--levels", a->levels, "Levels per parameter of a grid")->check(CLI::Range(2, 1000))->capture_default_str();
  cmd->add_option("--seed", a->seed, "Seed of the Latin hypercube")->check(seed_value())->capture_default_str();
  cmd->add_option("--scenario", a->scenario, "Scenario whose keys are checked (default: the embedded one)");
  cmd->add_option("--out", a->out, "Design CSV to write")->capture_default_str();
  cmd->callback([a]() {
    const ScenarioSource src = ScenarioSource::from_path(a->scenario);
    std::vector<FreeParam> ps;
    for (const auto& p : a->params) {
      ps.push_back(parse_free_param(p, src, false));
      for (double v : {ps.back().lo, ps.back().hi}) src.load({{ps.back().key, override_value(v)}});
    }
    const auto pts = a->method == "grid" ? grid_design(ps, a->levels) : lhs_design(ps, a->points, static_cast<uint64_t>(a->seed));
    write_file_atomic(a->out, design_csv(ps, pts));
    std::cout << "gangdu design: " << pts.size() << " points (" << a->method << ") written to " << a->out << "\n";
  });
}

}  // namespace gangdu::cli
