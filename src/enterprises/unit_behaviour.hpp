#pragma once
#include "engine/world.hpp"
#include "enterprises/workforce.hpp"

namespace gangdu {

// Before production, each production unit decides how much of its potential it
// will use this month (ent.units.output_factor):
//  - R5 partial plan: only supply_plan_coverage of inputs is allocated; of the
//    rest, supply_market_fill is bought on markets (rule_partial_plan);
//  - R7 late deliveries: with supply_late_probability a month's inputs arrive
//    late and an exponentially distributed share (mean supply_late_loss) of the
//    month's output is lost (rule_late_deliveries);
//    the production units' stores of inputs cover part of such a loss
//    (hoarding, enterprises/units.hpp);
//  - R4 sectionalism: the supplier unit withholds the share 1 - cooperation of
//    the work this unit depends on, costing sectionalism_loss x that share; the
//    cooperation is the supplier's best response to its bonus (rule_sectionalism);
//  - R2 quota restriction: knowing next year's target follows this year's
//    result, units show only the over-fulfilment that is their best response to
//    the reward scheme and the ratchet they expect (rule_ratchet; units.hpp);
//  - R9/R10: units make only what is ordered unless goods beyond orders pay,
//    given the coverage of losses they expect (the soft budget as a belief);
//  - R23 overdriving (steelworks/overdrive.hpp): a target above potential under
//    political pressure drives every process of the chain (rule_overdrive) and
//    skips maintenance (rule_maintenance_skip);
//  - effective labour (enterprises/workforce.hpp): trained and untrained employees
//    present, less those mobilized for the small furnaces, bound output
//    (rule_untrained_recruits).
void decide_unit_output(World& w);

// The workforce rule's parameters, read from the world's current values.
WorkforceParams workforce_params(const World& w);

// After production: R3 hiding (rule_hiding: the units' best-response share of a
// month's over-fulfilment is banked and reported in a later month), R23 report inflation
// (rule_report_inflation, enterprises/report_inflation.hpp), orders, shipments
// and unsold stock (R9).
void report_and_ship(World& w);

}  // namespace gangdu
