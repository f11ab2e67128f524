#include "experiments/validate.hpp"

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"

namespace gangdu {

std::vector<HistoryPoint> load_history_text(const std::string& text, const std::string& file) {
  const CsvTable t = parse_csv(text, file);
  const size_t cv = t.column("variable"), cy = t.column("year"), cb = t.column("base_year"), cc = t.column("compare"),
               cval = t.column("value"), cq = t.column("qualifier"), cu = t.column("unit"), cs = t.column("citation");
  static const std::set<std::string> qualifiers = {"", "about", "more than", "less than", "up to", "derived"};
  std::vector<HistoryPoint> out;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    HistoryPoint p;
    p.line = t.lines[r];
    p.variable = t.rows[r][cv];
    if (p.variable.empty()) throw InputError(file, p.line, static_cast<int>(cv) + 1, "variable", "empty variable name");
    p.year = t.integer(r, cy);
    p.compare = t.rows[r][cc];
    if (p.compare != "level" && p.compare != "ratio" && p.compare != "sum" && p.compare != "change")
      throw InputError(file, p.line, static_cast<int>(cc) + 1, "compare",
                       "expected 'level', 'ratio', 'sum' or 'change', found '" + p.compare + "'");
    p.base_year = p.compare == "level" ? 0 : t.integer(r, cb);
    if (p.compare == "sum" && p.base_year > p.year)
      throw InputError(file, p.line, static_cast<int>(cb) + 1, "base_year", "a sum must start no later than it ends");
    p.value = t.number(r, cval);
    p.qualifier = t.rows[r][cq];
    if (!qualifiers.count(p.qualifier))
      throw InputError(file, p.line, static_cast<int>(cq) + 1, "qualifier", "unknown qualifier '" + p.qualifier + "'");
    p.unit = t.rows[r][cu];
    p.citation = t.rows[r][cs];
    if (p.citation.empty()) throw InputError(file, p.line, static_cast<int>(cs) + 1, "citation", "every point needs a citation");
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<HistoryPoint> load_default_history() {
  return load_history_text(std::string(embedded::find("data/history/record.csv")), "<embedded>/data/history/record.csv");
}

std::vector<HistoryPoint> load_history_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, 0, "", "cannot open history file (missing or unreadable)");
  std::ostringstream ss;
  ss << in.rdbuf();
  return load_history_text(ss.str(), path);
}

FitTable compare_with_history(const std::vector<HistoryPoint>& points,
                              const std::function<double(const std::string&, int)>& sim) {
  FitTable t;
  std::map<std::string, std::pair<double, int>> acc;
  double total = 0;
  int n = 0;
  for (const HistoryPoint& p : points) {
    FitRow row{p, NAN, NAN};
    double s = sim(p.variable, p.year);
    if (p.compare == "ratio") {
      const double b = sim(p.variable, p.base_year);
      s = (b > 0 && !std::isnan(b)) ? s / b : NAN;
    } else if (p.compare == "sum") {
      s = 0;
      for (int y = p.base_year; y <= p.year; ++y) s += sim(p.variable, y);
    } else if (p.compare == "change") {
      s -= sim(p.variable, p.base_year);  // e.g. a cumulative stock's growth over a period
    }
    row.simulated = s;
    if (!std::isnan(s) && p.value != 0) {
      double e = (s - p.value) / std::fabs(p.value);
      if ((p.qualifier == "more than" && s >= p.value) || ((p.qualifier == "less than" || p.qualifier == "up to") && s <= p.value))
        e = 0.0;
      row.error = e;
      acc[p.variable].first += std::fabs(e);
      acc[p.variable].second += 1;
      total += std::fabs(e);
      ++n;
    }
    t.rows.push_back(row);
  }
  for (auto& [k, v] : acc) t.mape_by_variable[k] = 100.0 * v.first / v.second;
  t.overall_mape = n ? 100.0 * total / n : NAN;
  return t;
}

std::string fit_csv(const FitTable& t) {
  std::string out = "variable,year,base_year,compare,qualifier,observed,simulated,error,abs_pct_error,unit,citation\n";
  for (const FitRow& r : t.rows) {
    const auto& p = r.point;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(p.variable), p.year, p.compare != "level" ? std::to_string(p.base_year) : "",
                       p.compare, csv_field(p.qualifier), p.value, r.simulated, r.error, std::fabs(r.error) * 100.0,
                       csv_field(p.unit), csv_field(p.citation));
  }
  return out;
}

std::string fit_report(const FitTable& t) {
  std::string out = fmt::format("{:<34} {:>9} {:>10} {:>14} {:>14} {:>8}  {}\n", "variable", "year", "qualifier", "observed",
                                "simulated", "error%", "source");
  for (const FitRow& r : t.rows) {
    const auto& p = r.point;
    const std::string yr = p.compare == "ratio"    ? fmt::format("{}/{}", p.year, p.base_year)
                           : p.compare == "sum"    ? fmt::format("{}-{}", p.base_year, p.year)
                           : p.compare == "change" ? fmt::format("{}-{}", p.year, p.base_year)
                                                   : std::to_string(p.year);
    out += fmt::format("{:<34} {:>9} {:>10} {:>14.6g} {:>14.6g} {:>+8.1f}  {}\n", p.variable, yr, p.qualifier, p.value,
                       r.simulated, 100.0 * r.error, p.citation);
  }
  out += "\nMAPE by variable:\n";
  for (auto& [k, v] : t.mape_by_variable) out += fmt::format("  {:<34} {:>7.1f}%\n", k, v);
  out += fmt::format("overall MAPE ({} points): {:.1f}%\n", t.rows.size(), t.overall_mape);
  return out;
}

}  // namespace gangdu
