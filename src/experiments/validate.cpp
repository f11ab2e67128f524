#include "experiments/validate.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "core/csv.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "experiments/record_classes.hpp"

namespace gangdu {

std::string history_id(const HistoryPoint& p) {
  const auto dot = p.variable.find('.');
  const std::string tail = dot == std::string::npos ? p.variable : p.variable.substr(dot + 1);
  if (p.compare == "ratio") return fmt::format("{}@{}/{}", tail, p.year, p.base_year);
  if (p.compare == "sum") return fmt::format("{}@{}-{}", tail, p.base_year, p.year);
  if (p.compare == "change") return fmt::format("{}@{}-{}", tail, p.year, p.base_year);
  return fmt::format("{}@{}", tail, p.year);
}

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
    if (p.citation.empty())
      throw InputError(file, p.line, static_cast<int>(cs) + 1, "citation", "every point needs a citation");
    p.id = history_id(p);
    p.cls = "unclassified";
    for (const HistoryPoint& q : out)
      if (q.id == p.id)
        throw InputError(file, p.line, static_cast<int>(cv) + 1, "variable",
                         fmt::format("point '{}' repeats the point on line {}", p.id, q.line));
    out.push_back(std::move(p));
  }
  return out;
}

namespace {
std::vector<HistoryPoint> with_default_classes(std::vector<HistoryPoint> pts) {
  apply_record_classes(pts, load_default_record_classes());
  return pts;
}
}  // namespace

std::vector<HistoryPoint> load_default_history() {
  return with_default_classes(
      load_history_text(std::string(embedded::find("data/history/record.csv")), "<embedded>/data/history/record.csv"));
}

std::vector<HistoryPoint> load_history_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, 0, "", "cannot open history file (missing or unreadable)");
  std::ostringstream ss;
  ss << in.rdbuf();
  return with_default_classes(load_history_text(ss.str(), path));
}

double point_error(const HistoryPoint& p, double s) {
  if (std::isnan(s) || p.value == 0) return NAN;
  if ((p.qualifier == "more than" && s >= p.value) ||
      ((p.qualifier == "less than" || p.qualifier == "up to") && s <= p.value))
    return 0.0;
  return (s - p.value) / std::fabs(p.value);
}

FitTable compare_with_history(const std::vector<HistoryPoint>& points,
                              const std::function<double(const std::string&, int)>& sim) {
  FitTable t;
  std::map<std::string, std::pair<double, int>> acc, by_class;
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
    const double e = point_error(p, s);
    if (!std::isnan(e)) {
      row.error = e;
      acc[p.variable].first += std::fabs(e);
      acc[p.variable].second += 1;
      by_class[p.cls].first += std::fabs(e);
      by_class[p.cls].second += 1;
      total += std::fabs(e);
      ++n;
    }
    t.rows.push_back(row);
  }
  for (auto& [k, v] : acc) t.mape_by_variable[k] = 100.0 * v.first / v.second;
  for (auto& [k, v] : by_class) {
    t.mape_by_class[k] = 100.0 * v.first / v.second;
    t.points_by_class[k] = v.second;
  }
  t.overall_mape = n ? 100.0 * total / n : NAN;
  return t;
}

std::string fit_csv(const FitTable& t) {
  std::string out =
      "variable,year,base_year,compare,qualifier,observed,simulated,error,abs_pct_error,unit,citation,class,id\n";
  for (const FitRow& r : t.rows) {
    const auto& p = r.point;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(p.variable), p.year,
                       p.compare != "level" ? std::to_string(p.base_year) : "", p.compare, csv_field(p.qualifier),
                       p.value, r.simulated, r.error, std::fabs(r.error) * 100.0, csv_field(p.unit),
                       csv_field(p.citation), csv_field(p.cls), csv_field(p.id));
  }
  return out;
}

std::string fit_report(const FitTable& t) {
  std::string out = fmt::format("{:<34} {:>9} {:>10} {:>14} {:>14} {:>8} {:<11}  {}\n", "variable", "year", "qualifier",
                                "observed", "simulated", "error%", "class", "source");
  for (const FitRow& r : t.rows) {
    const auto& p = r.point;
    const std::string yr = p.compare == "ratio"    ? fmt::format("{}/{}", p.year, p.base_year)
                           : p.compare == "sum"    ? fmt::format("{}-{}", p.base_year, p.year)
                           : p.compare == "change" ? fmt::format("{}-{}", p.year, p.base_year)
                                                   : std::to_string(p.year);
    out += fmt::format("{:<34} {:>9} {:>10} {:>14.6g} {:>14.6g} {:>+8.1f} {:<11}  {}\n", p.variable, yr, p.qualifier,
                       p.value, r.simulated, 100.0 * r.error, p.cls, p.citation);
  }
  out += "\nMAPE by variable:\n";
  for (auto& [k, v] : t.mape_by_variable) out += fmt::format("  {:<34} {:>7.1f}%\n", k, v);
  out +=
      "\nMAPE by class (input: a scenario value sets the point; fitted: a parameter was calibrated on it;\n"
      "independent: neither, the only points that test the model):\n";
  for (const char* c : {"independent", "fitted", "input", "unclassified"}) {
    auto it = t.mape_by_class.find(c);
    if (it == t.mape_by_class.end()) continue;
    out += fmt::format("  {:<12} {:>3} points {:>7.1f}%\n", c, t.points_by_class.at(c), it->second);
  }
  out += fmt::format("overall MAPE ({} points): {:.1f}%\n", t.rows.size(), t.overall_mape);
  return out;
}

}  // namespace gangdu
