#pragma once
// The danwei and the dwelling stock (spec 4.5, R18): who builds, who gets what.
#include "engine/world.hpp"

namespace gangdu {

struct HousingTally {
  double works_floor_built = 0;  // floor area Angang built this month (agent scale, m2)
  int64_t allocated = 0, shared = 0, dorm_beds = 0, self_built = 0, evicted = 0, released = 0;
};

// Monthly housing rules, in order:
//  1. construction: Angang builds floor area with the housing share of its
//     construction labour (housing_unproductive_share x housing_m2_per_worker_year;
//     spec 4.2 "unproductive construction"), of which housing_living_share is living
//     space; other SOEs and the city build housing_city_m2_per_job_year per city job;
//  2. ageing: every stock loses housing_decay_rate a year; if an owner's stock falls
//     below what its tenants hold, the most recently formed tenant households lose
//     their dwelling (collapse, L4119);
//  3. the danwei tie: a household whose members no longer work for Angang loses its
//     Angang dwelling; a household with no members frees its dwelling; a married
//     couple leaves the single dormitory to wait for a flat;
//  4. allocation by employer and rank: each employer's free space goes to its own
//     unhoused employees' households, cadres (technicians, staff) first, then skilled
//     workers, then the rest, each band by length of residence (household index):
//     singles get a dormitory bed (housing_dorm_m2), families a flat
//     (housing_flat_m2); when families wait for more flats than there are, a share
//     housing_share_policy of the shortfall is met by putting two families into one
//     flat (sharing, L4105). Free private space then goes to any unhoused household;
//  5. self-help: an unhoused household builds a mud house with hazard
//     housing_selfbuild_rate (L4157), housing_selfbuilt_m2_per_person per member.
// Allocation-free: scratch vectors are reserved with the population.
void housing_month(World& w, int64_t construction_employees, int64_t city_employees, HousingTally& t);

}  // namespace gangdu
