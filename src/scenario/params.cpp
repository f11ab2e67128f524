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
