#pragma once
#include "engine/world.hpp"

namespace gangdu {
// Rule "works labour demand": employees the works want this month: a staffing
// coefficient per kt of usable pig-iron capacity, a retained share for capacity
// that is damaged or idle (care, repair), plus construction workers.
double works_labour_demand(const World& w);
}  // namespace gangdu
