#pragma once
// Validation against the historical record (data/history/record.csv): each
// point beside the simulated value, its error, per-variable and overall MAPE.
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace gangdu {

struct HistoryPoint {
  std::string variable;
  int year = 0;
  int base_year =
      0;  // "ratio": sim(year) / sim(base_year); "change": sim(year) - sim(base_year); "sum": base_year..year
  std::string compare;  // "level", "ratio", "sum" or "change"
  double value = 0;
  std::string qualifier;  // "", "about", "more than", "less than", "up to", "derived"
  std::string unit;
  std::string citation;  // seed line(s) and data file
  int line = 0;          // line in the record file
  std::string id;        // stable id: variable without its first segment, '@', the year as in the fit table
  std::string cls;       // "input", "fitted", "independent" (data/history/record_classes.csv) or "unclassified"
};

// The id of a point: "pig_iron_t@1925", "pig_iron_t@1957/1952" (ratio), "investment_yuan@1950-1957" (sum),
// "housing_built_cumulative_m2@1957-1952" (change).
std::string history_id(const HistoryPoint& p);

std::vector<HistoryPoint> load_history_text(const std::string& text, const std::string& file);
std::vector<HistoryPoint> load_default_history();  // the record compiled into the binary, with its classes
std::vector<HistoryPoint> load_history_file(const std::string& path);  // classes from the embedded sidecar, by id

struct FitRow {
  HistoryPoint point;
  double simulated = 0;
  double error = 0;  // signed relative error (0 when a bound is satisfied)
};

struct FitTable {
  std::vector<FitRow> rows;
  std::map<std::string, double> mape_by_variable;  // percent
  double overall_mape = 0;                         // percent, mean over points
  std::map<std::string, double> mape_by_class;     // percent, by point class
  std::map<std::string, int> points_by_class;      // points with an error, by class
};

// Signed relative error of a simulated value of the point's compared quantity
// (0 when a bound is satisfied; NaN when it cannot be computed).
double point_error(const HistoryPoint& p, double simulated);

// `sim(variable, year)` returns the simulated value (NaN if missing).
FitTable compare_with_history(const std::vector<HistoryPoint>& points,
                              const std::function<double(const std::string&, int)>& sim);

std::string fit_csv(const FitTable& t);
std::string fit_report(const FitTable& t);  // human-readable table

}  // namespace gangdu
