// gangdu._gangdu: the engine's own functions for Python (docs/python.md).
// Thin on purpose: scenarios load through src/scenario, runs through
// run_model / run_batch, CSV text through src/outputs and src/experiments, so a
// run from Python is the CLI's run. The pure-Python API is
// python/gangdu/__init__.py. The GIL is released while the engine works
// (loading, running, writing text).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "engine/model.hpp"
#include "experiments/batch.hpp"
#include "experiments/calibrate.hpp"
#include "experiments/forecast.hpp"
#include "experiments/validate.hpp"
#include "gangdu/version.hpp"
#include "outputs/writer.hpp"

namespace py = pybind11;

namespace gangdu {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

std::vector<Override> to_overrides(const Pairs &p) {
  std::vector<Override> ov;
  for (const auto &[k, v] : p) ov.push_back({k, v});
  return ov;
}

std::vector<HistoryPoint> history_for(const std::string &path) {
  return path.empty() ? load_default_history() : load_history_file(path);
}

py::dict point_to_py(const HistoryPoint &p) {
  py::dict d;
  d["variable"] = p.variable;
  d["year"] = p.year;
  d["base_year"] = p.base_year;
  d["compare"] = p.compare;
  d["observed"] = p.value;
  d["qualifier"] = p.qualifier;
  d["unit"] = p.unit;
  d["citation"] = p.citation;
  d["line"] = p.line;
  return d;
}

py::dict fit_to_py(const FitTable &t) {
  py::list rows;
  for (const FitRow &r : t.rows) {
    py::dict d = point_to_py(r.point);
    d["simulated"] = r.simulated;
    d["error"] = r.error;
    rows.append(d);
  }
  py::dict out;
  out["rows"] = rows;
  out["mape_by_variable"] = t.mape_by_variable;
  out["overall_mape"] = t.overall_mape;
  out["csv"] = fit_csv(t);
  return out;
}

// values[v * years + (year - first)] as a (variables x years) array.
py::array_t<double> matrix(const std::vector<double> &values, size_t rows, size_t cols) {
  py::array_t<double> a({rows, cols});
  auto m = a.mutable_unchecked<2>();
  for (size_t i = 0; i < rows; ++i)
    for (size_t j = 0; j < cols; ++j) m(i, j) = values[i * cols + j];
  return a;
}

FitTable fit_of(const std::vector<HistoryPoint> &points, const std::vector<std::string> &variables, int first_year,
                int last_year, const std::vector<double> &values) {
  const size_t years = static_cast<size_t>(last_year - first_year + 1);
  return compare_with_history(points, [&](const std::string &v, int y) {
    for (size_t i = 0; i < variables.size(); ++i)
      if (variables[i] == v)
        return y < first_year || y > last_year ? NAN : values[i * years + static_cast<size_t>(y - first_year)];
    return static_cast<double>(NAN);
  });
}

// One run as the CLI's `gangdu run` makes it (series.csv text, manifest with
// the fit's overall MAPE), returned as plain data.
py::dict run(const std::string &scenario, long long seed, double scale, const Pairs &overrides,
             const std::vector<std::string> &switches) {
  std::vector<std::string> variables;
  std::vector<double> values;
  int first = 0, last = -1;
  std::string csv, manifest;
  FitTable fit;
  RunOptions opt;
  double wall = 0;
  {
    py::gil_scoped_release release;
    const std::vector<Override> ov = to_overrides(overrides);
    const Scenario sc = scenario.empty() ? load_default_scenario(ov) : load_scenario_file(scenario, ov);
    opt.seed = seed >= 0 ? static_cast<uint64_t>(seed) : sc.default_seed;
    opt.scale = scale;
    opt.forced = parse_switches(switches);
    const RunResult r = run_model(sc, opt);
    const Recorder &rec = r.world->rec;
    variables = rec.names();
    first = rec.first_year();
    last = rec.last_year();
    for (const std::string &v : variables)
      for (int y = first; y <= last; ++y) values.push_back(rec.get(v, y));
    csv = series_csv(rec);
    fit = compare_with_history(load_default_history(), [&](const std::string &v, int y) { return rec.get(v, y); });
    auto m = make_manifest(sc, opt, r);
    m["overall_mape_percent"] = fit.overall_mape;
    manifest = m.dump(2);
    wall = r.wall_seconds;
  }
  py::dict out;
  out["variables"] = variables;
  out["first_year"] = first;
  out["last_year"] = last;
  out["values"] = matrix(values, variables.size(), static_cast<size_t>(last - first + 1));
  out["series_csv"] = csv;
  out["manifest"] = manifest;
  out["fit"] = fit_to_py(fit);
  out["seed"] = opt.seed;
  out["scale"] = opt.scale;
  out["wall_seconds"] = wall;
  return out;
}

py::dict fit(const std::vector<std::string> &variables, int first_year, const py::array_t<double> &values,
             const std::string &history, int last_year) {
  const auto v = values.unchecked<2>();
  const int years = static_cast<int>(v.shape(1));
  if (static_cast<size_t>(v.shape(0)) != variables.size())
    throw py::value_error("values must have one row per variable");
  std::vector<double> flat;
  for (py::ssize_t i = 0; i < v.shape(0); ++i)
    for (py::ssize_t j = 0; j < v.shape(1); ++j) flat.push_back(v(i, j));
  FitTable t;
  {
    py::gil_scoped_release release;
    t = fit_of(history_up_to(history_for(history), last_year), variables, first_year, first_year + years - 1, flat);
  }
  return fit_to_py(t);
}

py::dict ensemble(const std::string& scenario, size_t runs, long long seed, double scale, const Pairs& overrides,
                  const std::vector<std::string>& switches, unsigned threads) {
  if (runs == 0) throw py::value_error("runs must be at least 1");
  if (runs > kMaxRuns) throw py::value_error("runs must be at most " + std::to_string(kMaxRuns));
  BatchResult b;
  std::string summary, runs_text;
  std::vector<SummaryRow> rows;
  {
    py::gil_scoped_release release;
    const ScenarioSource src = ScenarioSource::from_path(scenario);
    auto sc = std::make_shared<const Scenario>(src.load(to_overrides(overrides)));
    const uint64_t master = seed >= 0 ? static_cast<uint64_t>(seed) : sc->default_seed;
    std::vector<RunSpec> specs;
    const auto forced = parse_switches(switches);
    for (size_t r = 0; r < runs; ++r) specs.push_back({r, replicate_seed(master, r), 0, {}, sc, forced});
    BatchOptions opt;
    opt.scale = scale;
    opt.threads = threads;
    b = run_batch(std::move(specs), opt);
    rows = summarise(b);
    summary = summary_csv(rows);
    runs_text = runs_csv(b);
  }
  const size_t nv = b.variables.size(), ny = b.years();
  py::array_t<double> values({b.runs.size(), nv, ny});
  auto m = values.mutable_unchecked<3>();
  py::list seeds, mape, wall;
  for (size_t r = 0; r < b.runs.size(); ++r) {
    for (size_t i = 0; i < nv; ++i)
      for (size_t j = 0; j < ny; ++j) m(r, i, j) = b.runs[r].values[i * ny + j];
    seeds.append(b.specs[r].seed);
    mape.append(b.runs[r].mape);
    wall.append(b.runs[r].wall_seconds);
  }
  py::dict stats;  // variable -> {mean, p05, p95} arrays over the years
  for (size_t k = 0; k < rows.size();) {
    const std::string &var = rows[k].variable;
    py::array_t<double> mean(ny), p05(ny), p95(ny);
    auto a = mean.mutable_unchecked<1>();
    auto lo = p05.mutable_unchecked<1>();
    auto hi = p95.mutable_unchecked<1>();
    for (size_t j = 0; j < ny; ++j) a(j) = lo(j) = hi(j) = NAN;
    for (; k < rows.size() && rows[k].variable == var; ++k) {
      const size_t j = static_cast<size_t>(rows[k].year - b.first_year);
      a(j) = rows[k].mean;
      lo(j) = rows[k].p05;
      hi(j) = rows[k].p95;
    }
    py::dict d;
    d["mean"] = mean;
    d["p05"] = p05;
    d["p95"] = p95;
    stats[py::str(var)] = d;
  }
  py::dict out;
  out["variables"] = b.variables;
  out["first_year"] = b.first_year;
  out["last_year"] = b.last_year;
  out["values"] = values;
  out["seeds"] = seeds;
  out["mape"] = mape;
  out["wall_seconds"] = wall;
  out["summary"] = stats;
  out["summary_csv"] = summary;
  out["runs_csv"] = runs_text;
  return out;
}

// The 1958-end forecast as `gangdu validate --forecast` computes it (same seeds,
// draws and kept runs): forecast.csv and forecast_runs.csv text plus the rows.
py::dict forecast(const std::string &scenario, int runs, long long seed, double scale, const Pairs &overrides,
                  const std::vector<std::string> &switches, const std::vector<std::string> &params, double keep,
                  int threads) {
  if (runs < 1) throw py::value_error("runs must be at least 1");
  if (static_cast<size_t>(runs) > kMaxRuns) throw py::value_error("runs must be at most " + std::to_string(kMaxRuns));
  if (!(keep > 0.0 && keep <= 1.0)) throw py::value_error("keep must be in (0, 1]");
  ForecastSpec spec;
  ForecastResult f;
  {
    py::gil_scoped_release release;
    const ScenarioSource src = ScenarioSource::from_path(scenario);
    spec.runs = runs;
    spec.scale = scale;
    spec.threads = threads;
    spec.keep = keep;
    spec.overrides = to_overrides(overrides);
    spec.forced = parse_switches(switches);
    for (const std::string &p : params) spec.params.push_back(parse_free_param(p, src, false));
    spec.seed = seed >= 0 ? static_cast<uint64_t>(seed) : src.load(spec.overrides).default_seed;
    f = run_forecast(src, spec);
  }
  py::list rows;
  for (const ForecastRow &r : f.rows) {
    py::dict d;
    d["variable"] = r.variable;
    d["year"] = r.year;
    d["mean"] = r.mean;
    d["p05"] = r.p05;
    d["p95"] = r.p95;
    d["trend_1949_1957"] = r.trend;
    d["plan_target"] = r.plan;
    d["runs"] = r.runs;
    rows.append(d);
  }
  py::list keys;
  for (const FreeParam &p : spec.params) keys.append(p.key);
  py::list mape, kept, seeds;
  for (const ForecastRun &r : f.runs) {
    seeds.append(r.seed);
    mape.append(r.mape_le_1957);
    kept.append(r.kept);
  }
  py::dict out;
  out["rows"] = rows;
  out["params"] = keys;
  out["seeds"] = seeds;
  out["mape"] = mape;
  out["kept"] = kept;
  out["csv"] = forecast_csv(f.rows);
  out["runs_csv"] = forecast_runs_csv(spec, f.runs);
  return out;
}

py::dict load_scenario(const std::string &path, const Pairs &overrides) {
  Scenario sc;
  {
    py::gil_scoped_release release;
    sc = path.empty() ? load_default_scenario(to_overrides(overrides))
                      : load_scenario_file(path, to_overrides(overrides));
  }
  py::dict params;
  for (const auto &[name, p] : sc.parameters) {
    py::dict d;
    d["value"] = p.value;
    d["source"] = p.source;
    params[py::str(name)] = d;
  }
  py::list facilities, regimes;
  for (const FacilitySpec &f : sc.facilities) facilities.append(f.id);
  for (const RegimeSpec &r : sc.regimes) regimes.append(r.id);
  py::dict out;
  out["file"] = sc.file;
  out["name"] = sc.name;
  out["title"] = sc.title;
  out["start"] = sc.start.str();
  out["end"] = sc.end.str();
  out["default_seed"] = sc.default_seed;
  out["parameters"] = params;
  out["facilities"] = facilities;
  out["regimes"] = regimes;
  out["events"] = sc.events.size();
  out["hash"] = scenario_hash(sc);
  out["canonical_text"] = sc.canonical_text;
  return out;
}

py::list history(const std::string &path, int last_year) {
  py::list out;
  for (const HistoryPoint &p : history_up_to(history_for(path), last_year)) out.append(point_to_py(p));
  return out;
}

}  // namespace
}  // namespace gangdu

PYBIND11_MODULE(_gangdu, m) {
  using namespace gangdu;
  m.doc() = "Gangdu engine bindings; use the gangdu package (docs/python.md)";
  m.attr("__version__") = kVersion;
  m.attr("git_commit") = kGitCommit;
  m.attr("last_calibration_year") = kLastCalibrationYear;
  // A located input error (scenario, override, switch, data file), as the CLI
  // prints it; the attributes file, line, column, key and message say where.
  static py::exception<InputError> scenario_error(m, "ScenarioError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError &e) {
      py::object err = py::reinterpret_borrow<py::object>(scenario_error.ptr())(e.what());
      err.attr("file") = e.file();
      err.attr("line") = e.line();
      err.attr("column") = e.column();
      err.attr("key") = e.key();
      err.attr("message") = e.message();
      PyErr_SetObject(scenario_error.ptr(), err.ptr());
    }
  });
  m.def("run", &run, py::arg("scenario"), py::arg("seed"), py::arg("scale"), py::arg("overrides"), py::arg("switches"));
  m.def("fit", &fit, py::arg("variables"), py::arg("first_year"), py::arg("values"), py::arg("history"),
        py::arg("last_year"));
  m.def("ensemble", &ensemble, py::arg("scenario"), py::arg("runs"), py::arg("seed"), py::arg("scale"),
        py::arg("overrides"), py::arg("switches"), py::arg("threads"));
  m.def("forecast", &forecast, py::arg("scenario"), py::arg("runs"), py::arg("seed"), py::arg("scale"),
        py::arg("overrides"), py::arg("switches"), py::arg("params"), py::arg("keep"), py::arg("threads"));
  m.def("load_scenario", &load_scenario, py::arg("path"), py::arg("overrides"));
  m.def("history", &history, py::arg("path"), py::arg("last_year"));
}
