#include <filesystem>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "cli/run_common.hpp"
#include "core/csv.hpp"
#include "experiments/forecast.hpp"
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
  auto fspec = std::make_shared<ForecastSpec>();
  auto forecast = std::make_shared<bool>(false);
  cmd->add_flag("--forecast", *forecast,
                "Also forecast 1958 to the scenario's end: an ensemble (--runs) with its 5-95% band beside the 1949-57 "
                "trend and the plan targets; writes DIR/forecast.csv");
  cmd->add_option("--runs", fspec->runs, "Ensemble size for --forecast")->check(CLI::Range(2, 100000))->capture_default_str();
  cmd->add_option("--threads", fspec->threads, "Worker threads for --forecast (0 = all cores)");
  cmd->callback([a, history, fspec, forecast]() {
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
    if (*forecast) {
      const Scenario sc = load_for(*a);
      fspec->scale = a->scale;
      fspec->seed = options_for(*a, sc).seed;
      const auto rows = run_forecast(sc, *fspec);
      write_output_dir(a->out, [&](const std::string& dir) { write_file_atomic(dir + "/forecast.csv", forecast_csv(rows)); });
      std::cout << "\nForecast (no figure after 1957 was used to set the model)" << forecast_report(rows);
      std::cout << "forecast written to " << a->out << "/forecast.csv\n";
    }
  });
}

}  // namespace gangdu::cli
