#pragma once
#include "engine/world.hpp"
#include "people/demography.hpp"

namespace gangdu {

struct LabourTally {
  int64_t recruited_works = 0, laid_off_works = 0, migrants_in = 0, blind_in = 0;
  double recruits_unavailable = 0;  // wanted migrant recruits the hinterland did not yield (rule_recruit_supply)
};

// Draws the occupation of a new Angang employee (labour_technician_hire_share,
// labour_staff_hire_share plus `staff_refill`, the rest production workers). Counter-based on
// the person id.
Occupation draw_hire_occupation(const World& w, uint64_t person_id, double staff_refill = 0.0);

// Rule "staff establishment" (rule_staff_establishment): staff posts are a share of the
// employees (labour_staff_hire_share, L4580: 7.2% in 1949, 7.5% in 1957); posts emptied by
// dismissals, demotions and deaths are refilled from the month's hires. Returns the extra
// probability that an Angang hire fills a staff post: the empty posts over the hires expected
// (Angang vacancies), within what the technician and staff shares leave.
double staff_refill_share(const World& w, const MonthTally& t, double angang_vacancies);

// Rule "hiring and lay-offs": employers (the works, Angang-Construction, the
// city) shed workers above their demand, fill vacancies first from the city's
// jobless (hiring registers them: an urban hukou), then recruit migrants
// (migration_response of the remaining vacancies per month, within the hinterland's supply:
// enterprises/recruit_supply.hpp); blind inflow adds
// jobless migrants (blind_inflow_rate). The share of jobs left open is the
// vacancy signal that pulls next month's blind inflow.
LabourTally labour_market_month(World& w, const MonthTally& t);

}  // namespace gangdu
