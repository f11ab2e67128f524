#pragma once
#include <array>
#include <cstdint>

#include "engine/world.hpp"

namespace gangdu {

// Counts taken in the month's pass over persons.
struct MonthTally {
  int64_t living = 0, works = 0, city = 0, construction = 0, jobless = 0, fertile_women = 0;
  int64_t deaths = 0, births = 0, left = 0;
  int64_t promoted = 0, marriages = 0, new_households = 0, unregistered = 0, jobless_unregistered = 0;
  std::array<int64_t, kEthnicityCount> by_ethnicity{};
  // Angang (works + Angang-Construction) employees by occupation, and their wage sums (yuan/yr).
  std::array<int64_t, kOccupationCount> angang_by_occupation{};
  std::array<double, kOccupationCount> angang_wage_sum{};
  // The same employees by occupation and wage grade (1-8), from which the wage sums are
  // made at the end of the pass (a sum that does not depend on the order of persons).
  std::array<std::array<int64_t, 9>, kOccupationCount> angang_by_grade{};
};

// Death hazard multiplier by age (applied to the crude death rate).
double mortality_age_factor(int age);

// The annual wage (yuan) of an employee of occupation `occ` and wage grade `skill`
// on a scale whose grade-1 production wage is `scale` (wage_grade_step per grade,
// technician and staff premia). Rule "wages by type" (R13, L4531-4545).
double wage_of(double scale, double grade_step, double tech_premium, double staff_premium, Occupation occ, int skill);

// Wage grade at which a new hire of occupation `occ` starts: technicians (graduates and
// transferred technical cadres) at labour_technician_entry_grade, everyone else at 1.
int hire_grade(const World& w, Occupation occ);

// Rule "the technician premium narrows gradually" (L4545: 1.45x in 1949, 1.1x in 1957):
// the technician/worker wage ratio in force moves towards the regime's
// wage_technician_premium by 1/wage_premium_adjust_months of the gap each month
// (1: at once). Sets it at once the first time.
void update_technician_premium(World& w);

// The technician premium in force (the parameter until update_technician_premium has run).
double technician_premium(const World& w);

// Advances the wage scale: set from wage_scale_yuan when a regime starts, then
// grown by wage_scale_growth per year.
void update_wage_scale(World& w);

// One pass over all persons: deaths (people_death_rate x age factor), births
// (people_birth_rate over women 15-49), entry into the labour force at 16,
// retirement, jobless adults who give up and leave with their household
// (migration_jobless_return, raised for unregistered migrants by migration_control),
// skill upgrades, promotions of skilled Angang workers to technicians, wages,
// and household formation (sons leaving home, marriages). Allocation-free except
// for newborns, wives and new households appended (storage reserved in advance) and
// the per-block buffers growing to a new largest month. Runs on w.opt.threads
// threads (blocks of persons, then a serial step in person order); the outcome is
// the same at any thread count.
void demography_month(World& w, MonthTally& t);

// Recounts the living (ethnicity, employers, Angang occupations and wages) and the
// household scratch columns (employer and priority band) in a separate pass.
// demography_month takes the same tally within its own pass; this is for tests
// and callers that changed persons outside it.
void tally_living(World& w, MonthTally& t);

// Marks household h to leave at the next remove_leaving_households (the flag and
// its counter together: a flag set without the count would be skipped).
inline void mark_household_leaving(World& w, uint32_t h) {
  w.household_leaving[h] = 1;
  ++w.households_marked;
}
// Removes every member of households marked in w.household_leaving; returns persons removed.
int64_t remove_leaving_households(World& w);
// The same, taking the removed persons out of the month's tally `t`.
int64_t remove_leaving_households(World& w, MonthTally* t);

}  // namespace gangdu
