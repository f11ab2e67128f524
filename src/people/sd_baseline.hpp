#pragma once
// A system-dynamics baseline of the city beside the agent model (Forrester's
// Urban Dynamics structure reduced to the stocks the record speaks of):
// population (by ethnicity), labour force, jobs filled, unregistered jobless and
// housing, integrated monthly (Euler) from the SAME scenario parameters, the same
// labour demands (works, Angang-Construction, city) and the same dated events
// (repatriations, sending-back drives) as the agents. Differences from the agent
// model are the aggregation itself: no ages beyond a 16-year lag from birth to
// work, no households, no allocation by rank, no per-person draws.
//
// Flows per month: births b*P, deaths d*P; workers enter 16 years after birth
// (half the births, survival 0.85: assumption) and retire after 44 working years
// (assumption: 16-60); vacancies filled from the jobless (the unregistered at
// labour_hire_unregistered the rate of the registered), then migration_response
// of the rest by recruited migrants; blind inflow = blind_inflow_rate with the SD
// vacancy signal; jobless leave at migration_jobless_return (more for the
// unregistered under migration_control); each migrant worker brings
// 1 + migration_family_share * 2.6 persons (as the agents' household rule on average);
// housing from construction labour (as the agents), ageing, and self-building
// by the unhoused (persons beyond housing_m2 / housing_dorm_m2).
#include "engine/world.hpp"
#include "people/migration.hpp"

namespace gangdu {

// Initialises the SD stocks from the World (first call) and advances one month.
void sd_step(World& w, const PopulationEventTally& events);
// December: writes the sd.* stocks.
void sd_record_year(World& w);

}  // namespace gangdu
