#include "enterprises/works_labour.hpp"

#include <algorithm>
#include <cmath>

namespace gangdu {

double works_labour_demand(const World& w) {
  const double per_kt = w.P.labour_employees_per_kt;
  double usable_kt = w.usable[1] / 1000.0;
  // After the lay-off decision (L5400) staff follow the plan's pig iron, not the capacity.
  const double util = w.P.steel_utilization;
  if (w.P.labour_staff_to_plan && w.plan.active && w.plan.target[1] > 0 && util > 0)
    usable_kt = std::min(usable_kt, w.plan.target[1] / util / 1000.0);
  const double out_of_use_kt = std::max(0.0, w.installed[1] / 1000.0 - usable_kt);
  // Overdriven plant wants more hands (the 1958 recruitment drive, L5323; enterprises/workforce.hpp).
  const double driven = std::pow(std::max(1.0, w.ent.units.support_drive), w.P.labour_drive_elasticity);
  return per_kt * (usable_kt * driven + w.P.labour_idle_retention * out_of_use_kt);
}

double construction_labour_demand(const World& w) { return w.P.labour_construction_workers; }

}  // namespace gangdu
