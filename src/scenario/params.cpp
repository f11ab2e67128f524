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
      // people layer (issue 5): occupations, wages, promotion, Angang-Construction
      {"labour_technician_hire_share", 0.0, 1.0, "share", "share of Angang recruits hired as technicians (graduates, transferred technical cadres)"},
      {"labour_staff_hire_share", 0.0, 1.0, "share", "share of Angang recruits hired as staff (office, administration)"},
      {"labour_promotion_rate", 0.0, 0.1, "per month", "hazard that a skilled production worker of Angang is promoted to technical cadre"},
      {"labour_promotion_min_skill", 1.0, 8.0, "grade", "lowest wage grade from which a production worker can be promoted"},
      {"labour_skill_upgrade_rate", 0.0, 0.2, "per month", "hazard that an employee moves up one wage grade (training, seniority)"},
      {"wage_scale_yuan", 0.0, 1e5, "yuan/yr", "annual wage of a grade-1 production worker when the regime starts (0: wages not modelled)"},
      {"wage_scale_growth", -0.5, 2.0, "share/yr", "yearly change of the wage scale under the regime"},
      {"wage_grade_step", 1.0, 2.0, "ratio", "wage ratio between successive grades of the 8-grade scale"},
      {"wage_technician_premium", 0.5, 5.0, "ratio", "wage of a technician relative to a production worker of the same grade"},
      {"wage_staff_premium", 0.5, 5.0, "ratio", "wage of staff relative to a production worker of the same grade"},
      {"people_leave_home_rate", 0.0, 1.0, "per month", "hazard that an employed man aged 18+ living with his parents sets up his own household"},
      {"people_marriage_rate", 0.0, 1.0, "per month", "hazard that an employed single man aged 22+ marries (a wife joins his household)"},
      {"people_housing_marriage_deterrent", 0.0, 1.0, "share", "reduction of the marriage hazard for men without a dwelling (L4091: couples could not marry)"},
      {"city_industrial_share", 0.0, 1.0, "share", "share of other city jobs that are in industry (for Anshan's industrial-worker count)"},
      {"city_construction_share", 0.0, 1.0, "share", "share of other city jobs that are construction (builders other than Angang-Construction)"},
      {"labour_hire_unregistered", 0.0, 1.0, "ratio", "chance of an unregistered (rural-hukou) jobless person being hired, relative to a registered one"},
      {"people_service_jobs_adjust_months", 1.0, 240.0, "months", "time for other city jobs to catch up with their target (1: at once)"},
      {"migration_construction_family_share", 0.0, 1.0, "share", "share of migrant construction workers who bring a family"},
      // migration controls
      {"migration_ration_gap", 0.1, 1.0, "ratio", "rural grain consumption as a share of urban (1: no gap; 0.802 under unified purchase, L3961)"},
      {"migration_food_weight", 0.0, 10.0, "weight", "weight of the urban-rural food gap in the pull of blind inflow"},
      {"migration_wage_weight", 0.0, 10.0, "weight", "weight of the urban wage gain (1 - rural income / production-worker wage) in the pull of blind inflow"},
      {"migration_rural_income_yuan", 1.0, 1e5, "yuan/yr", "income of a rural worker in the migrants' home villages"},
      {"migration_control", 0.0, 1.0, "share", "strength of inflow controls (registration, hukou-grain link): share of blind inflow stopped"},
      {"migration_unregistered_return", 0.0, 50.0, "multiplier", "extra return hazard of jobless unregistered (rural-hukou) migrants per unit of migration_control"},
      // housing and the danwei
      {"housing_initial_m2_per_person", 0.0, 50.0, "m2/person", "living space per person of the scenario's initial (private) housing"},
      {"housing_unproductive_share", 0.0, 1.0, "share", "share of Angang-Construction labour spent on housing (\"unproductive construction\")"},
      {"housing_m2_per_worker_year", 0.0, 1000.0, "m2/worker-yr", "floor area a construction worker builds in a year"},
      {"housing_living_share", 0.1, 1.0, "share", "living space as a share of built floor area"},
      {"housing_city_m2_per_job_year", 0.0, 100.0, "m2/job-yr", "living space other SOEs and the city build per year per city job"},
      {"housing_flat_m2", 1.0, 100.0, "m2", "living space of a family flat allocated by an employer"},
      {"housing_dorm_m2", 0.5, 30.0, "m2/person", "living space per single person in a dormitory"},
      {"housing_share_policy", 0.0, 1.0, "share", "share of the flat shortfall met by putting two families into one flat"},
      {"housing_selfbuild_rate", 0.0, 1.0, "per month", "hazard that an unhoused household builds its own (mud) house"},
      {"housing_selfbuilt_m2_per_person", 0.0, 30.0, "m2/person", "living space of a self-built house per member"},
      {"housing_decay_rate", 0.0, 0.5, "share/yr", "share of the housing stock lost per year (ageing, collapse of rushed buildings)"},
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
