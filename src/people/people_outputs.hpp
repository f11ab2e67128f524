#pragma once
// Series of the people layer (issue 5): declared with the World, written monthly
// (flows) and in December (stocks).
#include "city/housing.hpp"
#include "enterprises/labour_market.hpp"
#include "people/demography.hpp"

namespace gangdu {
void declare_people_series(World& w);
void record_people_month(World& w, const MonthTally& t, const LabourTally& lt, const HousingTally& ht);
// December: a pass over the living after the month's hiring (occupations, wages,
// workers without a dwelling) and the housing stocks.
void record_people_year(World& w, const MonthTally& t);
}  // namespace gangdu
