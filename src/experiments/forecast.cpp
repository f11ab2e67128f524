#include "experiments/forecast.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>
#include <thread>

#include "core/csv.hpp"
#include "core/rng.hpp"
#include "experiments/ablate.hpp"
#include "experiments/design.hpp"

namespace gangdu {

std::vector<std::string> default_forecast_variables() {
  return {"angang.steel_t",       "angang.pig_iron_t", "angang.rolled_steel_t",           "angang.employees",
          "angang.recruited",     "angang.laid_off",   "angang.equipment_impaired_share", "smallfurnace.iron_t",
          "smallfurnace.steel_t", "anshan.population"};
}

double quantile(std::vector<double> v, double q) { return percentile(std::move(v), q); }

namespace {
// Log-linear least-squares trend through (year, value) for positive values.
bool fit_trend(const std::vector<std::pair<int, double>>& pts, double& a, double& b) {
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (auto [x, y] : pts) {
    if (!(y > 0)) return false;
    const double ly = std::log(y);
    n += 1;
    sx += x;
    sy += ly;
    sxx += static_cast<double>(x) * x;
    sxy += x * ly;
  }
  if (n < 3) return false;
  b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  a = (sy - b * sx) / n;
  return true;
}
const char* plan_variable(const std::string& v) {
  if (v == "angang.steel_t") return "plan.target_steel_t";
  if (v == "angang.pig_iron_t") return "plan.target_pig_iron_t";
  if (v == "angang.rolled_steel_t") return "plan.target_rolled_steel_t";
  return nullptr;
}

// The runs that make the band: the ceil(keep * n) with the lowest MAPE up to 1957 (ties: lower index first).
std::vector<size_t> kept_runs(const BatchResult& b, double keep) {
  std::vector<size_t> idx(b.runs.size());
  std::iota(idx.begin(), idx.end(), size_t{0});
  if (keep >= 1.0) return idx;
  std::stable_sort(idx.begin(), idx.end(), [&](size_t x, size_t y) { return b.runs[x].mape < b.runs[y].mape; });
  const auto n = static_cast<size_t>(std::ceil(keep * static_cast<double>(idx.size())));
  idx.resize(std::clamp<size_t>(n, 1, idx.size()));
  std::sort(idx.begin(), idx.end());
  return idx;
}
}  // namespace

ForecastResult run_forecast(const ScenarioSource& src, const ForecastSpec& spec) {
  if (spec.runs < 1) throw std::invalid_argument("forecast: need at least one run");
  if (!(spec.keep > 0.0 && spec.keep <= 1.0)) throw std::invalid_argument("forecast: keep must be in (0, 1]");
  const auto n = static_cast<size_t>(spec.runs);
  // Every run of a forecast without free parameters shares one scenario.
  const auto common = spec.params.empty() ? std::make_shared<const Scenario>(src.load(spec.overrides)) : nullptr;
  const std::vector<std::vector<double>> draws =
      spec.params.empty() ? std::vector<std::vector<double>>(n) : lhs_design(spec.params, n, spec.seed);
  std::vector<RunSpec> specs(n);
  for (size_t r = 0; r < n; ++r) {
    RunSpec& s = specs[r];
    s.replicate = r;
    s.point = r;
    s.seed = replicate_seed(spec.seed, r);  // as `gangdu ensemble`: below 2^53, exact in CSV and JSON
    s.forced = spec.forced;
    if (spec.params.empty()) {
      s.scenario = common;
    } else {
      s.overrides = spec.overrides;
      for (const Override& o : overrides_for(spec.params, draws[r])) s.overrides.push_back(o);
      s.scenario = std::make_shared<const Scenario>(src.load(s.overrides));
    }
  }
  BatchOptions opt;
  opt.scale = spec.scale;
  opt.threads =
      spec.threads > 0 ? static_cast<unsigned>(spec.threads) : std::max(1u, std::thread::hardware_concurrency());
  opt.history = spec.history;
  const auto batch = std::make_shared<const BatchResult>(run_batch(std::move(specs), opt));
  const BatchResult& b = *batch;
  const std::vector<size_t> kept = kept_runs(b, spec.keep);

  ForecastResult out;
  if (spec.keep_runs) out.batch = batch;
  out.runs.resize(n);
  for (size_t r = 0; r < n; ++r) {
    out.runs[r].seed = b.specs[r].seed;
    out.runs[r].params = draws[r];
    out.runs[r].mape_le_1957 = b.runs[r].mape;
    out.runs[r].kept = std::binary_search(kept.begin(), kept.end(), r);
  }
  std::map<std::pair<std::string, int>, SummaryRow> summary;
  for (SummaryRow& row : summarise(b, kept)) summary.emplace(std::make_pair(row.variable, row.year), std::move(row));
  auto mean_at = [&](const std::string& v, int y) {
    auto it = summary.find({v, y});
    return it == summary.end() ? NAN : it->second.mean;
  };
  const auto vars = spec.variables.empty() ? default_forecast_variables() : spec.variables;
  for (const std::string& v : vars) {
    if (b.variable_index(v) < 0) continue;
    std::vector<std::pair<int, double>> hist;
    for (int y = spec.fit_from; y <= spec.fit_to; ++y) hist.emplace_back(y, mean_at(v, y));
    double a = 0, slope = 0;
    const bool has_trend = fit_trend(hist, a, slope);
    for (int y = spec.first_year; y <= b.last_year; ++y) {
      auto it = summary.find({v, y});
      if (it == summary.end()) continue;
      ForecastRow row;
      row.variable = v;
      row.year = y;
      row.runs = static_cast<int>(it->second.n);
      row.mean = it->second.mean;
      row.p05 = it->second.p05;
      row.p95 = it->second.p95;
      row.trend = has_trend ? std::exp(a + slope * y) : NAN;
      row.plan = NAN;
      if (const char* pv = plan_variable(v)) {
        const double t = mean_at(pv, y);
        if (t > 0) row.plan = t;
      }
      out.rows.push_back(row);
    }
  }
  return out;
}

std::string forecast_csv(const std::vector<ForecastRow>& rows) {
  // Six significant digits (a band of a few runs is far wider than that); the unit from the codebook.
  constexpr int kDigits = 6;
  auto n = [](double v) { return CsvCell::number(v, kDigits); };
  CsvWriter w{"variable", "year", "mean", "p05", "p95", "trend_1949_1957", "plan_target", "runs", "unit"};
  for (const auto& r : rows)
    w.row({r.variable, r.year, n(r.mean), n(r.p05), n(r.p95), n(r.trend), n(r.plan), r.runs, series_unit(r.variable)});
  return w.take();
}

std::string forecast_runs_csv(const ForecastSpec& spec, const std::vector<ForecastRun>& runs) {
  std::vector<std::string> header = {"run", "seed"};
  for (const FreeParam& p : spec.params) header.push_back(p.key);
  header.emplace_back("mape_le_1957");
  header.emplace_back("kept");
  CsvWriter w(header);
  for (size_t r = 0; r < runs.size(); ++r) {
    std::vector<CsvCell> row = {r, runs[r].seed};
    for (double x : runs[r].params) row.emplace_back(x);
    row.emplace_back(runs[r].mape_le_1957);
    row.emplace_back(runs[r].kept ? 1 : 0);
    w.row(row);
  }
  return w.take();
}

std::string forecast_report(const std::vector<ForecastRow>& rows) {
  std::string out;
  std::string last;
  for (const auto& r : rows) {
    if (r.variable != last) {
      out += fmt::format("\n{} ({} runs)\n{:>6} {:>14} {:>14} {:>14} {:>14} {:>14}\n", r.variable, r.runs, "year",
                         "mean", "p05", "p95", "trend 49-57", "plan target");
      last = r.variable;
    }
    out += fmt::format("{:>6} {:>14.5g} {:>14.5g} {:>14.5g} {:>14.5g} {:>14.5g}\n", r.year, r.mean, r.p05, r.p95,
                       r.trend, r.plan);
  }
  return out;
}

}  // namespace gangdu
