#pragma once
#include <string>

#include "engine/world.hpp"

namespace gangdu {

// Rule "chain output": a month's flows along the process chain (see
// steelworks/chain.hpp): each process limited by its usable capacity x the
// regime's operating intensity and by its inputs; then wear (hazard rising with
// intensity, restored by maintenance), rejects (rising with pressure, R8),
// bottleneck tallies, and the small-furnace sector.
void produce_month(World& w);

// Rule "sold outside" (R9, L3333): for each product with an outside demand
// (the scenario's `outside_demand_param`, e.g. coke), what the works' own
// processes did not draw this month is offered outside; buyers take at most
// their demand / 12 from it and from stock; the rest stays in stock, of which
// `stock_clearance_per_year` is sold cheap, used or scrapped. Called by
// produce_month after the chain is solved.
void sell_outside_month(World& w);

// What the chain could make this year by headline stage (t/yr) at the regime's
// intensity with every unit working normally: the physical model solved at
// this month's usable capacities, so a bottleneck inside a stage (e.g. the
// blooming mill before the rolling mills) limits the stage. The ore stage is
// the rated burden capacity (t of pig iron it supports) x intensity. The plan drafts and balances against this
// (planning/annual_plan.cpp). Allocates (called once a year).
StageArray chain_potential_by_stage(const World& w);

// Declares the steelworks series (called once by the World constructor).
void declare_steel_series(World& w);
// Year-end stocks and the year's bottleneck shares (called in December).
void close_steel_year(World& w);

// DIR/bottlenecks.csv: year,unit,binding_share — for each year, the share of
// month x headline-stage observations (pig iron, steel, rolled) whose output
// was bound by that unit's limit (traced upstream through binding inputs).
std::string bottlenecks_csv(const World& w);

// The small-furnace sector for one month (tonnes): iron, steel, unusable.
struct SmallFurnaceMonth {
  double iron = 0, steel = 0, unusable = 0;
};
SmallFurnaceMonth small_furnace_month(const ParamTable& p);

}  // namespace gangdu
