#pragma once
#include "engine/world.hpp"

namespace gangdu {

// Declares the plan series (plan.*) that close_plan_year and
// apply_political_targets (planning/annual_plan.cpp) write.
void declare_plan_series(World& w);

}  // namespace gangdu
