#pragma once
#include "engine/world.hpp"

namespace gangdu {

// Before production, each production unit decides how much of its potential it
// will use this month (ent.units.output_factor):
//  - R5 partial plan: only supply_plan_coverage of inputs is allocated; of the
//    rest, supply_market_fill is bought on markets (rule_partial_plan);
//  - R7 late deliveries: with supply_late_probability a month's inputs arrive
//    late and an exponentially distributed share (mean supply_late_loss) of the
//    month's output is lost (rule_late_deliveries);
//  - R4 sectionalism: with probability 1 - unit_cooperation the upstream unit
//    withholds the work this unit depends on, costing sectionalism_loss
//    (rule_sectionalism);
//  - R2 quota restriction: knowing next year's target follows this year's
//    result, units stay within plan_overfulfil_slack of the target (rule_ratchet);
//  - R9/R10: without quantity-first behaviour under a soft budget, units make
//    only what is ordered.
void decide_unit_output(World& w);

// After production: R3 hiding (rule_hiding: plan_hide_share of a month's
// over-fulfilment is banked and reported in a later month), orders, shipments
// and unsold stock (R9).
void report_and_ship(World& w);

}  // namespace gangdu
