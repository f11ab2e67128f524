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
  int base_year = 0;        // for compare == "ratio": value = sim(year) / sim(base_year)
  std::string compare;      // "level", "ratio" (year / base_year) or "sum" (base_year..year)
  double value = 0;
  std::string qualifier;    // "", "about", "more than", "less than", "up to", "derived"
  std::string unit;
  std::string citation;     // seed line(s) and data file
  int line = 0;             // line in the record file
};

std::vector<HistoryPoint> load_history_text(const std::string& text, const std::string& file);
std::vector<HistoryPoint> load_default_history();
std::vector<HistoryPoint> load_history_file(const std::string& path);  // the record compiled into the binary

struct FitRow {
  HistoryPoint point;
  double simulated = 0;
  double error = 0;  // signed relative error (0 when a bound is satisfied)
};

struct FitTable {
  std::vector<FitRow> rows;
  std::map<std::string, double> mape_by_variable;  // percent
  double overall_mape = 0;                         // percent, mean over points
};

// `sim(variable, year)` returns the simulated value (NaN if missing).
FitTable compare_with_history(const std::vector<HistoryPoint>& points,
                              const std::function<double(const std::string&, int)>& sim);

std::string fit_csv(const FitTable& t);
std::string fit_report(const FitTable& t);  // human-readable table

}  // namespace gangdu
