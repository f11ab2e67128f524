#include <filesystem>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "cli/run_common.hpp"
#include "core/csv.hpp"
#include "experiments/validate.hpp"
#include "outputs/writer.hpp"

namespace gangdu::cli {

void register_validate(CLI::App& app) {
  auto a = std::make_shared<RunArgs>();
  auto history = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Compare a run with the historical record (up to 1957) and write fit.csv. Reads DIR/series.csv if --out DIR "
      "holds one; otherwise runs the scenario first");
  add_run_options(cmd, *a, true);
  cmd->add_option("--history", *history, "Historical record CSV (default: the embedded data/history/record.csv)");
  cmd->callback([a, history]() {
    const auto points = history->empty() ? load_default_history() : load_history_file(*history);
    const std::string series_path = a->out + "/series.csv";
    FitTable fit;
    if (a->scenario.empty() && a->sets.empty() && std::filesystem::exists(series_path)) {
      const CsvTable t = read_csv_file(series_path);
      const size_t cv = t.column("variable"), cy = t.column("year"), cval = t.column("value");
      std::map<std::pair<std::string, int>, double> values;
      for (size_t r = 0; r < t.rows.size(); ++r) values[{t.rows[r][cv], t.integer(r, cy)}] = t.number(r, cval);
      fit = compare_with_history(points, [&](const std::string& v, int y) {
        auto it = values.find({v, y});
        return it == values.end() ? NAN : it->second;
      });
      std::cout << "gangdu: validating " << series_path << "\n";
      write_file_atomic(a->out + "/fit.csv", fit_csv(fit));
    } else {
      const Scenario sc = load_for(*a);
      RunResult r = run_and_write(*a, sc, true);
      fit = compare_with_history(points, [&](const std::string& v, int y) { return r.world->rec.get(v, y); });
      std::cout << "gangdu: ran '" << sc.name << "' into " << a->out << "\n";
    }
    std::cout << fit_report(fit);
    std::cout << "fit table written to " << a->out << "/fit.csv\n";
  });
}

}  // namespace gangdu::cli
