#pragma once
#include "engine/world.hpp"

namespace gangdu {
// Rule "city jobs": other urban jobs (services, trade, other industry) in
// proportion to the works' jobs.
double city_labour_demand(const World& w);
}  // namespace gangdu
