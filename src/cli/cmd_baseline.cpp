// `gangdu baseline`: the agent model beside its aggregate system-dynamics
// baseline (sd.* series, people/sd_baseline.hpp) on the historical points both
// can be compared on.
#include <fmt/format.h>

#include <cmath>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/run_common.hpp"
#include "core/csv.hpp"
#include "experiments/validate.hpp"
#include "outputs/writer.hpp"

namespace gangdu::cli {

void register_baseline(CLI::App& app) {
  auto a = std::make_shared<RunArgs>();
  a->out = "out/baseline";
  CLI::App* cmd = app.add_subcommand(
      "baseline",
      "Run the agent model and its system-dynamics baseline (sd.* series) and compare both with the record; "
      "writes series.csv, manifest.json, fit.csv and baseline.csv into --out");
  add_run_options(cmd, *a, true);
  cmd->callback([a]() {
    const Scenario sc = load_for(*a);
    RunResult r = run_and_write(*a, sc, true);
    const Recorder& rec = r.world->rec;
    std::vector<HistoryPoint> shared;
    for (const HistoryPoint& p : load_default_history())
      if (rec.has("sd." + p.variable)) shared.push_back(p);
    const FitTable agent = compare_with_history(shared, [&](const std::string& v, int y) { return rec.get(v, y); });
    const FitTable sd = compare_with_history(shared, [&](const std::string& v, int y) { return rec.get("sd." + v, y); });
    CsvWriter csv{"variable", "year", "observed", "agent", "sd", "agent_abs_pct_error", "sd_abs_pct_error", "citation"};
    std::cout << fmt::format("{:<32} {:>5} {:>12} {:>12} {:>12} {:>8} {:>8}\n", "variable", "year", "observed", "agent", "sd",
                             "agent%", "sd%");
    for (size_t i = 0; i < shared.size(); ++i) {
      const HistoryPoint& p = shared[i];
      const FitRow& ra = agent.rows[i];
      const FitRow& rs = sd.rows[i];
      std::cout << fmt::format("{:<32} {:>5} {:>12.6g} {:>12.6g} {:>12.6g} {:>+8.1f} {:>+8.1f}\n", p.variable, p.year, p.value,
                               ra.simulated, rs.simulated, 100.0 * ra.error, 100.0 * rs.error);
      csv.row({p.variable, p.year, p.value, ra.simulated, rs.simulated, 100.0 * std::fabs(ra.error),
               100.0 * std::fabs(rs.error), p.citation});
    }
    std::cout << fmt::format("MAPE on these {} points: agent model {:.1f}%, SD baseline {:.1f}%\n", shared.size(),
                             agent.overall_mape, sd.overall_mape);
    write_file_atomic(a->out + "/baseline.csv", csv.str());
    std::cout << "written to " << a->out << "/baseline.csv\n";
  });
}

}  // namespace gangdu::cli
