#pragma once
// Campaigns and the conditions regimes set for work (R15, R16, R17, R21, the Angang Constitution).
//
// Citation: L4267-4281 (Suppression of Counter-revolutionaries: 1,544 found, 875 arrested, 76
// killed; factories stopped for public trials); L4303-4313 (Three-Anti: anonymous reports, three
// or more mean guilt; about 1,300 targeted in Angang; none of the Japanese; about twenty
// suicides); L4389 (two or three in ten workers were agents reporting on their colleagues);
// L4465 (the prosecutor's plan of 300 agents, 120 in Angang, 1956); L4689-4699 (the 1955
// cleansing of Angang-Construction: 2,900 with problems among 41,000; Sufan 1956: 1,647 targets);
// L5162-5178 (2,070 rightists; 39 directors and 109 managers punished in 1958 for "rightist
// conservative thought"); L4823 (cadres accepted all proposals out of fear); L4407, L5254
// (rationalisation proposals and their acceptance); L4628 (model workers' meeting time).
// Switches: each [[campaign]]'s `switch` (rule_campaign_...), rule_fear, rule_angang_constitution.
// The counts in the text are checks (data/history/record.csv), not inputs.
#include "engine/world.hpp"

namespace gangdu {

// Work conditions this month: campaigns in progress cost work time (work_time_lost) and change
// effort (effort_effect); persons targeted this month lose politics_struggle_months of work; the
// Angang Constitution's rules (meeting time, cadres in labour, accepted proposals); the expert
// stock (people/expertise.hpp) and food supply (food_supply_index, famine_effort_response).
// Returns the multiplier on every unit's output.
double work_conditions_factor(const World& w);

// The month's politics: labels fixed at liberation; each campaign in progress selects its
// targets person by person (label, position, cautious managers; through informers where it has
// them) and punishes them (death, dismissal, demotion, a new label); fear rises with targeting
// and decays; innovation proposals are made and accepted. Returns {targeted, dismissed} agents.
struct CampaignTally {
  int64_t labelled = 0, dismissed = 0;
};
CampaignTally campaign_month(World& w);

// Series of the politics layer (per campaign and the layer's stocks); called once by World.
void declare_politics_series(World& w);

// P(N >= k) for N ~ Poisson(lambda): the chance that a suspect draws k or more reports.
double reports_at_least(double lambda, int k);

// Politically set target for a stage this year in force this month (0 if none), R23.
double political_target(const World& w, int year, Stage stage);
// True in a month (after January) in which a [[target]] of this year takes effect.
bool political_target_revised(const World& w);

// Death-rate multiplier from food supply: 1 + famine_death_response x shortfall.
double famine_death_multiplier(const World& w);

}  // namespace gangdu
