#pragma once
// The production units of the works as agents (issue 21; model-spec §1.3): factories and
// mines with their own targets, accounts, bank credit, input hoards and wage funds. From
// July 1950 eighteen units kept their own accounts and borrowed from banks (L3289); the
// model groups the chain's processes into the units the text names (unit_specs()).
//
// Each unit faces the reward scheme of its regime (the funds rules of L3269-3273, and
// competition bonuses where no retention rule exists, L1137) and chooses by a stated
// rule, a myopic best response over one year ahead (RewardScheme below):
//  - over-fulfilment x to show: reward a per unit of x, less the ratchet's cost next
//    year delta * rho * (a - a_p + phi) (tonnes that would have earned the above-plan
//    reward become plan, and the new target is harder to meet), less an effort cost
//    e x^2 / 2: x* = (a - delta rho (a - a_p + phi)) / e, in [0, 1] (R2, L3442-3448);
//  - the share of over-fulfilment to hide for a later month (R3, L3178): the ratchet
//    cost against the expected penalty of discovery,
//    h* = R / (R + audit x penalty), R = delta rho (a - a_p + phi);
//  - how low a draft to bargain for (R3): a draft s below potential lowers the target
//    by (1 - lambda) s, worth (a - a_p + phi) a unit, against a reputational cost c s^2 / 2:
//    s* = (1 - lambda)(a - a_p + phi) / c, in [0, 0.5];
//  - how many months of inputs to hoard: cover against the shortfalls the unit has met
//    (frequency sigma, each worth a + phi) against the holding cost r of the part of the
//    hoard's cost the unit expects to bear itself, (1 - coverage):
//    m* = M sigma (a + phi) / (sigma (a + phi) + (1 - coverage) r);
//  - whether to help the unit downstream (R4): face and kowtow give the base cooperation
//    k0; the unit's share beta of a collective bonus on the downstream unit's output adds
//    (1 - k0) min(1, beta a / help_cost);
//  - whether to make goods beyond orders (R9): only if what gross output earns under
//    quantity-first counting, a + phi (the above-plan reward and insurance against a missed
//    plan), exceeds the cost of carrying an unsold tonne the unit expects to bear,
//    (1 - coverage) x holding cost.
// The budget constraint is an expectation: each unit's `coverage` (expected share of its
// losses and unapproved spending the state covers) starts from the regime's announced
// rule and moves each year towards what happened: covered under a soft budget unless a
// bank review under two-level accounting (R11, L3289-3295) refused it.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/world.hpp"
#include "enterprises/units_state.hpp"

namespace gangdu {

struct UnitSpec {
  const char* id;
  const char* name_source;
  std::vector<const char*> processes;  // chain process ids the unit runs (absent ones are skipped)
  const char* supplier;                // the unit whose work it depends on (R4), "" if none inside the works
};
// The units of model-spec §1.3 the chain can represent (coal and scrap are bought by
// headquarters, R6, L3228).
const std::vector<UnitSpec>& unit_specs();

// The reward scheme a unit faces and its best responses (see above). All rewards are
// shares of a tonne's margin; `ratchet` is the rho the unit expects.
struct RewardScheme {
  double reward_above = 0;    // a: reward per unit of above-plan output
  double reward_planned = 0;  // a_p: reward per unit of planned output
  double miss_penalty = 0;    // phi: penalty and reputational cost of a missed plan
  double effort_cost = 1;     // e
  double discount = 1;        // delta: weight of next year
  double ratchet = 0;         // rho
};
double best_overfulfilment(const RewardScheme& r);
double best_hide_share(const RewardScheme& r, double audit, double penalty);
double best_draft_shading(const RewardScheme& r, double ministry_weight, double shading_cost);
double best_hoard_months(const RewardScheme& r, double shortfall_frequency, double coverage, double holding_cost,
                         double max_months);
double best_cooperation(const RewardScheme& r, double base, double collective_share, double help_cost);
bool makes_beyond_orders(const RewardScheme& r, bool quantity_first, double coverage, double unsold_cost);

// The scheme of the regime in force (w.P).
RewardScheme reward_scheme(const World& w);

// Builds the units from the scenario's chain and registry (World constructor).
void init_units(World& w);
void declare_unit_series(World& w);
// January, after the plan: unit targets from the stage targets, hoard and cooperation choices.
void units_plan_year(World& w);
// Cooperation the units of stage s receive from their supplier units (asset-weighted; 1 if none).
double units_cooperation_received(const World& w, size_t stage);
// Before production: the hoards of stage s's units cover part of a late delivery's
// loss (share of the month's output); returns the part not covered, depletes the hoards.
double units_cover_loss(World& w, size_t stage, double loss);
// The coverage the units of stage s expect (asset-weighted; 1 if there are none).
double units_stage_coverage(const World& w, size_t stage);
double units_mean_coverage(const World& w);
// After production: outputs, broken deliveries between units (from the chain's binding
// inputs), hoard refills; `material_month_yuan` = the works' material cost of a month at plan.
void units_after_production(World& w, double material_month_yuan);
// December, after the works' accounts: unit accounts, bonuses, penalties, bank review,
// beliefs and the angang.unit.* series.
void close_units_year(World& w, double profit, double planned_profit, double revenue, double wage_bill);

}  // namespace gangdu
