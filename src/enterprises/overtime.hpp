#pragma once
// Rule "overtime" (issue 19 item 5): when the works are short of hands for their targets,
// managers under pressure make the workers stay longer.
//
// Citation: L3430-3440 (to fulfil quotas, workplaces in Angang and Angang-Construction forced
// workers to work overtime, unpaid, in 1956; a pipe crew worked 25 hours without a break;
// overtime harmed health and safety); L5007 (the Leap's slogan that sleeping and eating may
// wait but the steel plan may not). The text gives the practice, not its hours.
// Productivity of long hours: Pencavel, J. (2015), "The Productivity of Working Hours",
// Economic Journal 125(589): 2052-2076 (British munition workers, 1914-18): output rises in
// proportion to weekly hours up to about 49 h, by about half as much per hour from there to
// about 63 h, and not at all beyond (70 h made about as much as 56 h).
// Switch: rule_overtime. Parameters: hours_norm_week, hours_proportional_week,
// hours_flat_week, hours_slope_beyond. Reads the labour ratio at normal hours
// (enterprises/workforce.hpp) and the political pressure (steelworks/overdrive.hpp); writes
// WorkforceState::hours and series angang.hours_per_week.
//
// The same rule runs in every year: hours rise only when effective labour at normal hours
// falls short of what the plant needs (recruits untrained, staff sent away or mobilized), and
// only as far as the pressure pushes the managers: hours = norm + pressure x (the hours that
// would close the shortfall - norm). Hours beyond the flat point add nothing, so no manager
// asks for them.
#include <algorithm>

namespace gangdu {

struct OvertimeParams {
  double norm = 48;          // hours_norm_week: the normal working week
  double proportional = 49;  // hours_proportional_week: output proportional to hours up to here
  double flat = 63;          // hours_flat_week: no more output beyond here
  double slope = 0.5;        // hours_slope_beyond: output per hour between the two, relative
};

// Effective hours (output-equivalent) of a week of `h` hours (Pencavel's curve).
inline double effective_hours(const OvertimeParams& p, double h) {
  const double lo = std::min(h, p.proportional);
  const double mid = std::clamp(h - p.proportional, 0.0, std::max(0.0, p.flat - p.proportional));
  return std::max(0.0, lo) + p.slope * mid;
}

// Output of a week of `h` hours relative to a week of the norm.
inline double hours_gain(const OvertimeParams& p, double h) {
  const double base = effective_hours(p, p.norm);
  return base > 0 ? effective_hours(p, h) / base : 1.0;
}

// The weekly hours a manager asks for when effective labour at normal hours is `ratio` of
// what the plant needs, under political pressure `pressure` (0..1).
inline double overtime_hours(const OvertimeParams& p, double ratio, double pressure) {
  if (!(ratio > 0) || ratio >= 1.0) return p.norm;
  const double want = effective_hours(p, p.norm) / ratio;  // effective hours that close the gap
  double needed;
  if (want <= p.proportional)
    needed = want;
  else if (p.slope > 0)
    needed = std::min(p.flat, p.proportional + (want - p.proportional) / p.slope);
  else
    needed = std::max(p.norm, p.proportional);
  needed = std::max(needed, p.norm);
  return p.norm + std::clamp(pressure, 0.0, 1.0) * (needed - p.norm);
}

}  // namespace gangdu
