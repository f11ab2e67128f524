#pragma once
// Campaigns and the conditions regimes set for work (R15, R19, R21, R23).
#include "engine/world.hpp"

namespace gangdu {

// Work conditions this month: campaigns in progress cost work time
// (work_time_lost) and change effort (effort_effect); the expert stock
// (people/expertise.hpp) and food supply (food_supply_index, famine_effort_response)
// scale what a unit can do. Returns the multiplier on every unit's output.
double work_conditions_factor(const World& w);

// Campaign months: the campaign's labelled persons are spread evenly over its
// months; dismissed_share of them lose their works job (their skills leave
// the works). Returns {labelled, dismissed} agents this month.
struct CampaignTally {
  int64_t labelled = 0, dismissed = 0;
};
CampaignTally campaign_month(World& w);

// Politically set target for a stage this year (0 if none), R23.
double political_target(const World& w, int year, Stage stage);

// Death-rate multiplier from food supply: 1 + famine_death_response x shortfall.
double famine_death_multiplier(const World& w);

}  // namespace gangdu
