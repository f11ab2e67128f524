#pragma once
#include "engine/world.hpp"

namespace gangdu {
// Rule "works labour demand": employees the works want this month: a staffing
// coefficient per kt of usable pig-iron capacity, plus a retained share for
// capacity that is damaged or idle (care, repair).
double works_labour_demand(const World& w);
// Rule "construction labour demand": the workers Angang-Construction (and the
// works' building departments before it, L4689) employ on capital projects,
// including the housing share (housing_unproductive_share).
double construction_labour_demand(const World& w);
}  // namespace gangdu
