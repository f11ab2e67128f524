#include "experiments/forecast.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/rng.hpp"
#include "experiments/replicates.hpp"

namespace gangdu {

std::vector<std::string> default_forecast_variables() {
  return {"angang.steel_t",    "angang.pig_iron_t", "angang.rolled_steel_t", "angang.employees",
          "angang.recruited",  "angang.laid_off",   "angang.equipment_impaired_share",
          "smallfurnace.iron_t", "smallfurnace.steel_t", "anshan.population"};
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(v.size() - 1, lo + 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

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
}  // namespace

std::vector<ForecastRow> run_forecast(const Scenario& sc, const ForecastSpec& spec) {
  std::vector<RunOptions> jobs;
  for (int r = 0; r < spec.runs; ++r) {
    RunOptions o;
    o.seed = rng::mix(spec.seed, static_cast<uint64_t>(r));
    o.scale = spec.scale;
    jobs.push_back(o);
  }
  const std::vector<Recorder> recs = run_replicates(sc, jobs, spec.threads);
  const auto vars = spec.variables.empty() ? default_forecast_variables() : spec.variables;
  std::vector<ForecastRow> rows;
  for (const std::string& v : vars) {
    if (!recs.front().has(v)) continue;
    auto mean_at = [&](const std::string& name, int y) {
      double s = 0;
      for (const Recorder& r : recs) s += r.get(name, y);
      return s / static_cast<double>(recs.size());
    };
    std::vector<std::pair<int, double>> hist;
    for (int y = spec.fit_from; y <= spec.fit_to; ++y) hist.emplace_back(y, mean_at(v, y));
    double a = 0, b = 0;
    const bool has_trend = fit_trend(hist, a, b);
    for (int y = spec.first_year; y <= recs.front().last_year(); ++y) {
      ForecastRow row;
      row.variable = v;
      row.year = y;
      row.runs = spec.runs;
      std::vector<double> xs;
      for (const Recorder& r : recs) xs.push_back(r.get(v, y));
      row.mean = mean_at(v, y);
      row.p05 = quantile(xs, 0.05);
      row.p95 = quantile(xs, 0.95);
      row.trend = has_trend ? std::exp(a + b * y) : NAN;
      row.plan = NAN;
      if (const char* pv = plan_variable(v); pv && recs.front().has(pv)) {
        const double t = mean_at(pv, y);
        if (t > 0) row.plan = t;
      }
      rows.push_back(row);
    }
  }
  return rows;
}

std::string forecast_csv(const std::vector<ForecastRow>& rows) {
  std::string out = "variable,year,mean,p05,p95,trend_1949_1957,plan_target,runs\n";
  for (const auto& r : rows)
    out += fmt::format("{},{},{},{},{},{},{},{}\n", r.variable, r.year, r.mean, r.p05, r.p95, r.trend, r.plan, r.runs);
  return out;
}

std::string forecast_report(const std::vector<ForecastRow>& rows) {
  std::string out;
  std::string last;
  for (const auto& r : rows) {
    if (r.variable != last) {
      out += fmt::format("\n{} ({} runs)\n{:>6} {:>14} {:>14} {:>14} {:>14} {:>14}\n", r.variable, r.runs, "year", "mean",
                         "p05", "p95", "trend 49-57", "plan target");
      last = r.variable;
    }
    out += fmt::format("{:>6} {:>14.5g} {:>14.5g} {:>14.5g} {:>14.5g} {:>14.5g}\n", r.year, r.mean, r.p05, r.p95, r.trend, r.plan);
  }
  return out;
}

}  // namespace gangdu
