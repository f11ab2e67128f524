#pragma once
#include <array>
#include <cstdint>

#include "engine/world.hpp"

namespace gangdu {

// Counts taken in the month's pass over persons.
struct MonthTally {
  int64_t living = 0, works = 0, city = 0, jobless = 0, fertile_women = 0;
  int64_t deaths = 0, births = 0, left = 0;
  std::array<int64_t, kEthnicityCount> by_ethnicity{};
};

// Death hazard multiplier by age (applied to the crude death rate).
double mortality_age_factor(int age);

// One pass over all persons: deaths (people_death_rate x age factor), births
// (people_birth_rate over women 15-49), entry into the labour force at 16,
// retirement, and jobless adults who give up and leave with their household
// (migration_jobless_return). Allocation-free except for newborns appended.
void demography_month(World& w, MonthTally& t);

// Removes every member of households marked in w.household_leaving; returns persons removed.
int64_t remove_leaving_households(World& w);

}  // namespace gangdu
