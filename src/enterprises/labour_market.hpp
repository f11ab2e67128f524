#pragma once
#include "engine/world.hpp"
#include "people/demography.hpp"

namespace gangdu {

struct LabourTally {
  int64_t recruited_works = 0, laid_off_works = 0, migrants_in = 0;
};

// Rule "hiring and lay-offs": employers shed workers above their demand, fill
// vacancies first from the city's jobless, then recruit migrants
// (migration_response of the remaining vacancies per month); blind inflow adds
// jobless migrants regardless of vacancies (migration_blind_inflow).
LabourTally labour_market_month(World& w, const MonthTally& t);

}  // namespace gangdu
