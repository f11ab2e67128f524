#pragma once
// Rule R23 "inflated reports" (issue 19 item 7).
//
// Citation: L5056 (Li Fuchun's claim that the seamless-pipe plant made more than its
// design capacity), L5252 (a "dubious story" of a 5% pig-iron saving carried in an internal
// report); spec R23: model reported and true output separately.
// Switch: rule_report_inflation. Parameters: report_inflation_response,
// report_inflation_max (judgements: the text gives no size). Reads the month's target and
// true output and the political pressure (overdrive_pressure_floor + control_local_weight);
// writes the extra reported tonnes (UnitsState::inflated_year; series
// angang.steel_reported_t, angang.pig_iron_reported_t, angang.steel_report_inflation_t).
// Reports feed plan fulfilment and, through the ratchet, next year's targets.
#include <algorithm>

namespace gangdu {

struct ReportInflationParams {
  double response = 0;  // report_inflation_response
  double max = 0;       // report_inflation_max (share of true output)
};

// Tonnes added to a report of `made` t against a monthly target of `target` t.
inline double inflated_report(const ReportInflationParams& p, double target, double made, double pressure) {
  if (!(made > 0) || !(target > made)) return 0.0;
  const double share =
      std::min(std::max(0.0, p.max), p.response * std::clamp(pressure, 0.0, 1.0) * (target / made - 1.0));
  return share * made;
}

}  // namespace gangdu
