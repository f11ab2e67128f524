#pragma once
#include "engine/world.hpp"

namespace gangdu {

// Opens a new household headed by `head_id` (its dwelling: none yet).
uint32_t create_household(World& w, uint64_t head_id);

// Adds a migrant household: one worker (employed by `employer` in occupation
// `occupation`, or jobless) and, with probability migration_family_share, a
// spouse and children. Ethnicity follows migration_japanese_share /
// migration_korean_share. Blind migrants keep their rural registration (hukou);
// recruited ones are registered by their employer. Returns persons added.
int64_t add_migrant_household(World& w, Employer employer, Origin origin,
                              Occupation occupation = Occupation::kProduction);

// Creates the scenario's initial population (households of mixed ages) in
// private housing of housing_initial_m2_per_person.
void seed_population(World& w);

// Rule "blind inflow" (L3943-3967, spec 4.6): migrant workers per month who come
// without a job offer: migration_blind_inflow x pull x (1 - migration_control),
// where pull = the share of jobs open (rumours of work at Angang, L3965) +
// migration_food_weight x (1/migration_ration_gap - 1) (the urban-rural food gap
// of unified purchase, L3961) + migration_wage_weight x the wage gain
// (1 - migration_rural_income_yuan / average production-worker wage; "income
// higher", L3965). Returns the expected number (workers, persons' scale).
double blind_inflow_rate(const World& w);

// Dated population events this month: repatriation (a share of an ethnic group
// leaves over some months) and sending-back drives (jobless migrants, registered
// or not, returned to the countryside with their households, until the drive's
// quota of persons is met). Returns {repatriated, sent back} persons (agents).
struct PopulationEventTally {
  int64_t repatriated = 0, sent_back = 0, transferred_out = 0;
};
PopulationEventTally population_events(World& w);

// One sending-back drive for `quota_persons` (agents); returns persons removed.
int64_t send_back_drive(World& w, double quota_persons);

}  // namespace gangdu
