#pragma once
#include "engine/world.hpp"

namespace gangdu {

// Adds a migrant household: one worker (employed by `employer`, or jobless)
// and, with probability migration_family_share, a spouse and children.
// Ethnicity follows migration_japanese_share / migration_korean_share.
// Returns the number of persons added.
int64_t add_migrant_household(World& w, Employer employer, Origin origin);

// Creates the scenario's initial population (households of mixed ages).
void seed_population(World& w);

// Dated population events this month: repatriation (a share of an ethnic group
// leaves over some months) and sending-back drives (jobless migrants returned
// to the countryside). Returns {repatriated, sent back} persons (agents).
struct PopulationEventTally {
  int64_t repatriated = 0, sent_back = 0, transferred_out = 0;
};
PopulationEventTally population_events(World& w);

}  // namespace gangdu
