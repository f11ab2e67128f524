#include <filesystem>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "cli/run_common.hpp"
#include "cli/validators.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/batch.hpp"
#include "experiments/calibrate.hpp"
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
  cmd->add_option("--runs", fspec->runs, "Ensemble size for --forecast")
      ->check(CLI::Range(2, static_cast<int>(kMaxRuns)))
      ->capture_default_str();
  cmd->add_option("--threads", fspec->threads, "Worker threads for --forecast (0 = all cores)");
  auto params = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--param", *params,
                  "With --forecast: a parameter key=lo:hi (key as for --set; repeatable) drawn per run from a Latin "
                  "hypercube, so the band carries parameter uncertainty; writes DIR/forecast_runs.csv");
  cmd->add_option("--keep", fspec->keep,
                  "With --forecast: the fraction of runs, best MAPE to the record up to 1957 first, that make the band")
      ->check(finite_in(1e-9, 1.0))
      ->capture_default_str();
  cmd->callback([a, history, fspec, forecast, params]() {
    const auto points = history->empty() ? load_default_history() : load_history_file(*history);
    // Forecast inputs are checked before anything runs or is written.
    const ScenarioSource src = ScenarioSource::from_path(a->scenario);
    if (*forecast) {
      fspec->overrides = parse_overrides(a->sets);
      fspec->forced = parse_switches(a->switches);
      fspec->params.clear();
      for (const std::string& p : *params) fspec->params.push_back(parse_free_param(p, src, false));
    } else if (!params->empty() || fspec->keep != 1.0) {
      throw InputError("--param/--keep", 0, 0, "", "only with --forecast");
    }
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
      fspec->history = &points;
      const ForecastResult f = run_forecast(src, *fspec);
      write_output_dir(a->out, [&](const std::string& dir) {
        write_file_atomic(dir + "/forecast.csv", forecast_csv(f.rows));
        write_file_atomic(dir + "/forecast_runs.csv", forecast_runs_csv(*fspec, f.runs));
      });
      std::cout << "\nForecast (no figure after 1957 was used to set the model";
      if (!fspec->params.empty()) std::cout << "; " << fspec->params.size() << " parameter(s) drawn per run";
      if (fspec->keep < 1.0) std::cout << "; band from the runs that fit the record up to 1957 best";
      std::cout << ")" << forecast_report(f.rows);
      std::cout << "forecast written to " << a->out << "/forecast.csv and " << a->out << "/forecast_runs.csv\n";
    }
  });
}

}  // namespace gangdu::cli
