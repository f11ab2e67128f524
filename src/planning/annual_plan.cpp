#include "planning/annual_plan.hpp"

#include <algorithm>

namespace gangdu {

void set_annual_targets(World& w) {
  const bool active = w.p("plan_active") > 0.5;
  const double g = w.p("plan_growth");
  const double rho = w.p("plan_ratchet");
  for (int s = 1; s < kStageCount; ++s) {
    const auto i = static_cast<size_t>(s);
    const double y = w.plan.last_output[i];
    if (!active) {
      w.plan.target[i] = 0.0;
    } else if (!w.plan.active || w.plan.target[i] <= 0.0) {
      w.plan.target[i] = y * (1.0 + g);  // first plan year of a planning regime
    } else {
      const double t = w.plan.target[i];
      w.plan.target[i] = t + rho * std::max(0.0, y - t) + g * t;
    }
  }
  w.plan.active = active;
  w.plan.year_output = {};
}

void close_plan_year(World& w) {
  const int y = w.year();
  const int targets[] = {0, w.v.plan_target_pig, w.v.plan_target_steel, w.v.plan_target_rolled};
  const int fulfil[] = {0, w.v.plan_fulfil_pig, w.v.plan_fulfil_steel, w.v.plan_fulfil_rolled};
  for (size_t s = 1; s < kStageCount; ++s) {
    if (w.plan.active && w.plan.target[s] > 0) {
      w.rec.set(targets[s], y, w.plan.target[s]);
      w.rec.set(fulfil[s], y, w.plan.year_output[s] / w.plan.target[s]);
    }
    w.plan.last_output[s] = w.plan.year_output[s];
  }
}

}  // namespace gangdu
