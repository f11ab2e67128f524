#pragma once
#include "engine/world.hpp"

namespace gangdu {

// R1 plan cycle, each January when the regime plans (plan_active):
//  1. control figures from above: with the ratchet (rule_ratchet, R2) from last
//     year's target plus plan_ratchet x last year's reported over-fulfilment,
//     grown by plan_growth; without it, last target x (1 + plan_growth);
//  2. drafts from the bottom: each unit's capacity estimate, shaded by the units'
//     best response to the reward scheme when they bargain (rule_bargaining, R3;
//     best_draft_shading in enterprises/units.hpp);
//  3. approval from the top: draft + plan_ministry_weight x (control - draft);
//  4. the material balance (R5) makes targets consistent along the chain and
//     within capacity, cutting final deliveries by priority (sales of pig iron
//     first, rolled steel last).
void set_annual_targets(World& w);

// R23/R19: where the scenario lists a politically set target ([[target]]) for
// the year, the approved target moves toward it by control_local_weight (the
// local Party line's weight); upstream and downstream units are pushed in
// proportion (rule_political_targets).
void apply_political_targets(World& w);
// A political target revised in the course of the year ([[target]] with month > 1): from that
// month the year's targets are the balanced plan blended with the revised figure (R23, R19).
void revise_political_targets(World& w);

// In December: record targets, drafts, control figures, reported output and
// fulfilment; carry this year's results into the next cycle.
void close_plan_year(World& w);

}  // namespace gangdu
