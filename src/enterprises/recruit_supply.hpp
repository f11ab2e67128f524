#pragma once
// Rule "recruit supply" (issue 20 item 1, the Showa labour shortfall): the works recruit from a
// hinterland that yields only so many workers a month, so when plant is built faster than the
// hinterland can staff it, jobs stay open however hard the employers recruit.
//
// Citation: L1139 (labour 74.9% of plan in 1939 and 78.9% in 1940; a furnace halted in 1941 for
// want of labour; facilities outpaced population, recruiting became harder); L1141 (1933-37 the
// Kanto Army restricted migration from China proper); L1155 (a Tianjin recruiting office from
// 1938; remittance limits of July 1940 cut the seasonal migrants quickly); L1157 (of the 24,219
// factory workers of 1938, 72.4% from Fengtian and 24.6% from North China); L1159 (the 1941
// "care village" bases: 2,703 hired in July-September 1941).
// Switch: rule_recruit_supply. Parameters: labour_recruit_supply (recruits a month the nearby
// province yields), labour_recruit_north_share (recruits from North China per recruit from the
// province), labour_recruit_village_bases (recruits a month through the village bases). Reads
// the employers' wanted recruits this month (enterprises/labour_market.cpp, the SD baseline);
// writes LabourTally::recruits_unavailable and series anshan.recruits_unavailable.
//
// The supply is a flow at 1:1 (persons a month) and is scaled by the run's scale. All employers'
// wants are scaled down together (the hinterland does not choose an employer). Where the supply
// is not set it is 1e6 a month: never binding.
#include <algorithm>

#include "engine/world.hpp"

namespace gangdu {

// Recruits the hinterland yields this month at 1:1.
inline double recruit_supply_month(const World& w) {
  return w.P.labour_recruit_supply * (1.0 + w.P.labour_recruit_north_share) + w.P.labour_recruit_village_bases;
}

// Share of `wanted` migrant recruits (this month, at the run's scale) that can be had: 1 when the
// rule is off or the supply covers the want.
inline double recruit_supply_share(const World& w, double wanted) {
  if (!w.P.rule_recruit_supply || !(wanted > 0)) return 1.0;
  const double supply = recruit_supply_month(w) * w.opt.scale;
  return std::clamp(supply / wanted, 0.0, 1.0);
}

}  // namespace gangdu
