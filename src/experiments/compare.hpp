#pragma once
// `gangdu compare` (issue 25): the difference A - B per variable and period,
// either between two run folders (one series each) or between two
// configurations run with paired seeds (run r of A and of B share seed
// mix(master, r)), with a 95% Student-t interval of the paired differences.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "experiments/batch.hpp"

namespace gangdu {

struct Period {
  int first = 0, last = 0;
  std::string label() const;  // "1949-1957"
};
// "1949-1957", "1949-57" or "1949" (one year); InputError otherwise.
Period parse_period(const std::string& text);
std::vector<Period> default_compare_periods();  // 1949-1957 (the record's last plan) and 1958-1964

// One configuration of a paired comparison: overrides and switches on one scenario.
struct CompareArm {
  std::string text;                                    // as given (--a "...")
  std::string scenario;                                // empty: the command's scenario
  std::vector<Override> overrides;                     // --set
  std::vector<std::pair<std::string, double>> forced;  // --switch
};
// Parses an arm's option text: --set K=V, --switch N=V (also --set=K=V) and at most one scenario file.
CompareArm parse_compare_arm(const std::string& text);

struct CompareRow {
  std::string variable, period, statistic;  // statistic: "mean" (of the annual values) or "sum"
  double a = 0, b = 0;                      // means over runs of the statistic
  double difference = 0;                    // mean over runs of (a - b)
  double ci_low = 0, ci_high = 0;           // 95% interval of the paired difference (NaN for one run)
  int runs = 0;
};

// Rows for every variable both sides have and every period (years without a value are skipped;
// a period with no value on one side is left out). a[r], b[r]: the r-th pair of series.
using SeriesGet = std::function<double(size_t run, const std::string& variable, int year)>;
std::vector<CompareRow> compare_series(const std::vector<std::string>& variables, const std::vector<Period>& periods,
                                       size_t runs, const SeriesGet& a, const SeriesGet& b);
std::string compare_csv(const std::vector<CompareRow>& rows);

}  // namespace gangdu
