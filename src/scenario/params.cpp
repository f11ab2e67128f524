// The parameter registry: every parameter a scenario must give, its bounds and
// meaning. Values live in scenarios (with sources), never here.
#include <algorithm>

#include "scenario/scenario.hpp"

namespace gangdu {

const std::vector<ParamDef>& param_defs() {
  static const std::vector<ParamDef> defs = {
      // steel works
      {"steel_utilization", 0.0, 2.0, "share", "output / installed usable capacity of the works"},
      {"steel_per_pig_iron", 0.0, 3.0, "t/t", "tonnes of steel an open hearth makes per tonne of pig iron charged"},
      {"rolled_per_steel", 0.0, 1.0, "t/t", "tonnes of rolled steel per tonne of steel ingot (mill yield)"},
      {"pig_iron_to_steel_share", 0.0, 1.0, "share", "share of pig iron the works may send to its own steel plants"},
      // planning
      {"plan_active", 0.0, 1.0, "switch", "1 if the regime sets annual output targets"},
      {"plan_growth", -0.5, 5.0, "share/yr", "growth of the annual control figure over last year's output"},
      {"plan_ratchet", 0.0, 1.0, "share", "share of last year's over-fulfilment added to next year's target"},
      {"plan_draft_shading", 0.0, 0.9, "share", "R3: share by which units shade their drafts below their capacity estimate"},
      {"plan_ministry_weight", 0.0, 1.0, "share", "R1: how far top-down approval moves a draft toward the control figure"},
      {"plan_overfulfil_slack", 0.0, 1.0, "share", "R2: over-fulfilment units allow themselves when they restrict output"},
      {"plan_hide_share", 0.0, 1.0, "share", "R3: share of a month's over-fulfilment reported as next month's output"},
      {"rule_bargaining", 0.0, 1.0, "switch", "R3: units shade drafts to get low quotas"},
      {"rule_ratchet", 0.0, 1.0, "switch", "R2: targets follow reported results; units restrict output to stay near target"},
      {"rule_hiding", 0.0, 1.0, "switch", "R3: over-fulfilment hidden and reported next month"},
      {"rule_partial_plan", 0.0, 1.0, "switch", "R5: the plan covers only part of material needs"},
      {"rule_late_deliveries", 0.0, 1.0, "switch", "R7: supplier enterprises deliver late or short"},
      {"rule_sectionalism", 0.0, 1.0, "switch", "R4: units withhold cooperation from each other"},
      {"rule_quantity_first", 0.0, 1.0, "switch", "R9: units produce tonnage regardless of orders; unsold stock piles up"},
      {"rule_soft_budget", 0.0, 1.0, "switch", "R10: losses covered and investment granted regardless of return"},
      {"rule_two_level_accounting", 0.0, 1.0, "switch", "R11: units borrow from banks that review their spending"},
      // supply and demand
      {"supply_plan_coverage", 0.0, 1.0, "share", "R5: share of material needs allocated by the plan"},
      {"supply_market_fill", 0.0, 1.0, "share", "R5: share of the uncovered needs bought on markets or by barter"},
      {"supply_late_probability", 0.0, 1.0, "per unit-month", "R7: probability a unit's inputs arrive late in a month"},
      {"supply_late_loss", 0.0, 1.0, "share", "R7: mean share of a month's output lost to a late delivery"},
      {"unit_cooperation", 0.0, 1.0, "probability", "R4: probability a unit performs the work another unit depends on in time"},
      {"sectionalism_loss", 0.0, 1.0, "share", "R4: output a unit loses in a month when cooperation is withheld"},
      {"demand_order_share", 0.0, 2.0, "share", "R9: orders for the products made, as a share of planned output"},
      {"stock_clearance_per_year", 0.0, 1.0, "share/yr", "R9: share of unsold stock sold, used or scrapped per year"},
      // finance
      {"price_pig_iron_yuan", 0.0, 1e5, "yuan/t", "state transfer price of pig iron"},
      {"price_steel_yuan", 0.0, 1e5, "yuan/t", "state transfer price of steel ingot"},
      {"price_rolled_yuan", 0.0, 1e5, "yuan/t", "state transfer price of rolled steel"},
      {"cost_materials_share", 0.0, 2.0, "share", "material and fuel cost as a share of the value of gross output"},
      {"wage_yuan_per_employee", 0.0, 1e5, "yuan/yr", "average annual wage of works employees"},
      {"fund_welfare_share", 0.0, 1.0, "share of wages", "R12: staff welfare fund"},
      {"fund_insurance_share", 0.0, 1.0, "share of wages", "R12: labour insurance pool"},
      {"fund_maintenance_share", 0.0, 1.0, "share of fixed assets", "R12: major-maintenance fund per year"},
      {"retention_planned_share", 0.0, 1.0, "share", "R10: share of planned profit the enterprise keeps"},
      {"retention_above_plan_share", 0.0, 1.0, "share", "R10: share of above-plan profit the enterprise keeps"},
      {"invest_state_yuan", 0.0, 1e11, "yuan/yr", "state capital-construction funds granted to the works"},
      {"invest_overspend_share", 0.0, 1.0, "share", "R11: unapproved spending on top of granted funds under a soft budget"},
      {"bank_review_probability", 0.0, 1.0, "probability", "R11: probability a bank review stops unapproved spending"},
      {"assets_inherited_yuan", 0.0, 1e11, "yuan", "value of the inherited (restored) fixed assets taken over"},
      // enterprises / labour
      {"labour_employees_per_kt", 0.0, 1000.0, "persons/kt", "works employees per kt of installed pig-iron capacity"},
      {"labour_idle_retention", 0.0, 1.0, "share", "share of the workforce kept on for capacity that is damaged, idle or under repair"},
      {"labour_construction_workers", 0.0, 1e6, "persons", "construction workers employed on the works' capital projects"},
      {"labour_retirement_age", 40.0, 80.0, "years", "age at which employees leave work"},
      // people
      {"people_birth_rate", 0.0, 0.1, "per person-year", "crude birth rate"},
      {"people_death_rate", 0.0, 0.1, "per person-year", "crude death rate"},
      {"people_service_jobs_per_works_job", 0.0, 10.0, "jobs/job", "other city jobs per works job"},
      {"migration_response", 0.0, 1.0, "share/month", "share of open jobs filled by migrants each month"},
      {"migration_family_share", 0.0, 1.0, "share", "share of migrant workers who bring a family"},
      {"migration_japanese_share", 0.0, 1.0, "share", "share of migrant workers who are Japanese"},
      {"migration_korean_share", 0.0, 1.0, "share", "share of migrant workers who are Korean"},
      {"migration_jobless_return", 0.0, 1.0, "share/month", "share of jobless adults who leave the city each month"},
      {"migration_blind_inflow", 0.0, 1e5, "workers/month", "migrant workers (with any family) arriving per month without a job offer (blind inflow)"},
  };
  return defs;
}

const ParamDef* find_param_def(const std::string& name) {
  const auto& d = param_defs();
  auto it = std::find_if(d.begin(), d.end(), [&](const ParamDef& p) { return name == p.name; });
  return it == d.end() ? nullptr : &*it;
}

const char* stage_name(Stage s) {
  switch (s) {
    case Stage::kOre: return "ore";
    case Stage::kPigIron: return "pig_iron";
    case Stage::kSteel: return "steel";
    case Stage::kRolled: return "rolled";
  }
  return "?";
}

std::optional<Stage> parse_stage(const std::string& s) {
  for (int i = 0; i < kStageCount; ++i)
    if (s == stage_name(static_cast<Stage>(i))) return static_cast<Stage>(i);
  return std::nullopt;
}

}  // namespace gangdu
