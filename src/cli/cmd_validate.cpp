#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/run_common.hpp"
#include "cli/validators.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/batch.hpp"
#include "experiments/calibrate.hpp"
#include "experiments/crossval.hpp"
#include "experiments/forecast.hpp"
#include "experiments/store.hpp"
#include "experiments/validate.hpp"
#include "outputs/writer.hpp"

namespace gangdu::cli {

void register_validate(CLI::App& app) {
  auto a = std::make_shared<RunArgs>();
  auto history = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Compare a run with the historical record (up to 1957) and write fit.csv. Reads DIR/series.csv if DIR "
      "holds the run asked for (options left out are taken from DIR/manifest.json); otherwise runs it first");
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
  cmd->add_flag("--keep-runs", fspec->keep_runs,
                "With --forecast: keep every run's series in DIR/results.sqlite (as `gangdu ensemble`) and in "
                "DIR/series_long.csv (run,seed,<drawn values>,variable,year,value)");
  auto cross = std::make_shared<int>(0);
  auto copt = std::make_shared<CrossOptions>();
  cmd->add_option("--cross", *cross,
                  "Leave-period-out check: refit the values marked calibrated on the record up to this year only "
                  "(CMA-ES within data/validation/cross_params.csv), forecast to 1957 and compare with the full fit "
                  "and with persistence, trend and plan-target baselines; writes DIR/cross.csv")
      ->check(CLI::Range(1917, 1956));
  cmd->add_option("--cross-budget", copt->budget, "With --cross: CMA-ES evaluations")
      ->check(CLI::Range(2, 100000))
      ->capture_default_str();
  cmd->add_option("--cross-sigma", copt->sigma, "With --cross: initial CMA-ES step as a share of each range")
      ->check(finite_in(1e-3, 1.0))
      ->capture_default_str();
  cmd->add_option("--cross-seeds", copt->seeds, "With --cross: replicate seeds of the forecast")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->callback([a, history, fspec, forecast, params, cmd, cross, copt]() {
    const auto points = history->empty() ? load_default_history() : load_history_file(*history);
    // The run asked for: DIR's if its manifest matches, otherwise it is run again (never a stale one).
    const ExistingRun existing = check_existing_run(*a, *cmd);
    const RunArgs& run = existing.args;
    // Forecast inputs are checked before anything runs or is written.
    const ScenarioSource src = ScenarioSource::from_path(run.scenario);
    if (*forecast) {
      fspec->overrides = parse_overrides(run.sets);
      fspec->forced = parse_switches(run.switches);
      fspec->params.clear();
      for (const std::string& p : *params) fspec->params.push_back(parse_free_param(p, src, false));
    } else if (!params->empty() || fspec->keep != 1.0 || fspec->keep_runs) {
      throw InputError("--param/--keep/--keep-runs", 0, 0, "", "only with --forecast");
    }
    if (*cross != 0 && (!run.sets.empty() || *forecast))
      throw InputError("--cross", 0, 0, "", "not with --set or --forecast (it refits the scenario itself)");
    if (*cross != 0) (void)plan_cross(src, points, load_default_param_ranges(), *cross);  // checks before any run
    const std::string series_path = run.out + "/series.csv";
    FitTable fit;
    SimFn sim;
    std::map<std::pair<std::string, int>, double> values;
    RunResult r;
    if (existing.reuse) {
      const CsvTable t = read_csv_file(series_path);
      const size_t cv = t.column("variable"), cy = t.column("year"), cval = t.column("value");
      for (size_t i = 0; i < t.rows.size(); ++i) values[{t.rows[i][cv], t.integer(i, cy)}] = t.number(i, cval);
      sim = [&](const std::string& v, int y) {
        auto it = values.find({v, y});
        return it == values.end() ? NAN : it->second;
      };
      fit = compare_with_history(points, sim);
      std::cout << "gangdu: validating " << series_path << " (its manifest.json matches the run asked for)\n";
      write_file_atomic(run.out + "/fit.csv", fit_csv(fit));
    } else {
      if (!existing.why.empty())
        std::cout << "gangdu: " << run.out << " holds another run (" << existing.why << "): re-running\n";
      const Scenario sc = load_for(run);
      r = run_and_write(run, sc, true);
      sim = [&](const std::string& v, int y) { return r.world->rec.get(v, y); };
      fit = compare_with_history(points, sim);
      std::cout << "gangdu: ran '" << sc.name << "' into " << run.out << "\n";
    }
    std::cout << fit_report(fit);
    std::cout << patterns_report(check_patterns(load_default_patterns(), sim));
    std::cout << "fit table written to " << run.out << "/fit.csv\n";
    if (*cross != 0) {
      const Scenario sc = load_for(run);
      copt->cut = *cross;
      copt->scale = run.scale;
      copt->seed = options_for(run, sc).seed;
      copt->threads = fspec->threads > 0 ? fspec->threads : std::max(1u, std::thread::hardware_concurrency());
      Progress progress("cross-validation");
      const CrossResult cr = run_cross(src, points, *copt, [&](size_t d, size_t n) { progress.update(d, n); });
      write_output_dir(run.out, [&](const std::string& dir) { write_file_atomic(dir + "/cross.csv", cross_csv(cr)); });
      std::cout << cross_report(cr);
      std::cout << "cross-validation table written to " << run.out << "/cross.csv\n";
    }
    if (*forecast) {
      const Scenario sc = load_for(run);
      fspec->scale = run.scale;
      fspec->seed = options_for(run, sc).seed;
      fspec->history = &points;
      const ForecastResult f = run_forecast(src, *fspec);
      write_output_dir(run.out, [&](const std::string& dir) {
        write_file_atomic(dir + "/forecast.csv", forecast_csv(f.rows));
        write_file_atomic(dir + "/forecast_runs.csv", forecast_runs_csv(*fspec, f.runs));
        if (f.batch)
          write_results_store(dir + "/results.sqlite", *f.batch,
                              {{"command", "validate --forecast --keep-runs"},
                               {"scenario_file", src.label},
                               {"scale", fmt::format("{}", fspec->scale)},
                               {"runs", std::to_string(f.runs.size())}});
        // ... and as one tidy CSV (run, seed, drawn values, variable, year, value), as `gangdu export --long`.
        if (f.batch) write_file_atomic(dir + "/series_long.csv", store_long_csv(dir + "/results.sqlite"));
      });
      std::cout << "\nForecast (no figure after 1957 was used to set the model";
      if (!fspec->params.empty()) std::cout << "; " << fspec->params.size() << " parameter(s) drawn per run";
      if (fspec->keep < 1.0) std::cout << "; band from the runs that fit the record up to 1957 best";
      std::cout << ")" << forecast_report(f.rows);
      std::cout << "forecast written to " << run.out << "/forecast.csv and " << run.out << "/forecast_runs.csv"
                << (f.batch ? " (every run's series: " + run.out + "/results.sqlite and " + run.out + "/series_long.csv)"
                            : std::string())
                << "\n";
    }
  });
}

}  // namespace gangdu::cli
