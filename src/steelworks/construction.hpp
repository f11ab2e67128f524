#pragma once
// Rule "capacity as construction" (issue 19 item 1).
//
// Citation: L5011 (the 1958 acceleration of thirty-nine facilities), L5023 (BF10 in four
// months, open hearths 23-24 in under four), L5238 (investment cut from 550 to 330 M yuan),
// L2732-2747 (the FFYP project table, 903.6 M yuan: the cost yardstick).
// Reads: invest_state_yuan (a policy input) x expansion_invest_share, expansion_yuan_per_t,
// expansion_months, the Angang-Construction workforce against labour_construction_workers,
// construction_normal_months and construction_rush_wear. Writes: the work in progress
// (SteelState::expansion_wip_t) and the registry's expansion units; series
// angang.capacity_under_construction_t, angang.capacity_commissioned_t.
//
// Listed facilities ([[facility]], with their own build dates, costs and construction
// months) are the FFYP's projects; the programme's other projects are a pipeline: each
// month's spending, slowed when construction labour is short, becomes steel capacity under
// construction at expansion_yuan_per_t, of which 1 / expansion_months is commissioned a month
// across the whole chain. Built faster than construction_normal_months, it starts impaired.
#include "engine/world.hpp"

namespace gangdu {

struct ConstructionParams {
  double invest_yuan = 0, share = 0, yuan_per_t = 1, months = 24, normal_months = 24, rush_wear = 0;
};

// One month of the pipeline: returns the steel capacity (t/yr) commissioned; `wip` is the
// capacity under construction (t/yr), `labour` the share of the construction force on hand.
double construction_step(const ConstructionParams& p, double labour, double& wip);
// Impaired share at start of capacity built in `months` (rushed construction).
double rushed_wear(const ConstructionParams& p);

void construction_month(World& w, double construction_employees);

}  // namespace gangdu
