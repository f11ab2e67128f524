#pragma once
#include "engine/world.hpp"

namespace gangdu {
// Rule R1/R2 (skeleton): in January the planners set annual targets from last
// year's output, the regime's growth push (plan_growth) and the ratchet
// (plan_ratchet: share of last year's over-fulfilment added to the target).
void set_annual_targets(World& w);
// In December: record targets and fulfilment, carry output to next year.
void close_plan_year(World& w);
}  // namespace gangdu
