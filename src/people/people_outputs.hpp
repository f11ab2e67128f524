#pragma once
// Series of the people layer (issue 5) that record_people_year writes in
// December (the monthly flows are rows of engine/schedule.cpp).
#include "city/housing.hpp"
#include "enterprises/labour_market.hpp"
#include "people/demography.hpp"

namespace gangdu {
void declare_people_series(World& w);
// December: a pass over the living after the month's hiring (occupations, wages,
// workers without a dwelling) and the housing stocks.
void record_people_year(World& w, const MonthTally& t);
}  // namespace gangdu
