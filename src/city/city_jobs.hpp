#pragma once
#include "engine/world.hpp"

namespace gangdu {
// Rule "city jobs": other urban jobs (services, trade, other industry) in
// proportion to the works' and Angang-Construction's jobs, reached with a
// first-order lag of people_service_jobs_adjust_months.
double city_labour_demand(const World& w);
}  // namespace gangdu
