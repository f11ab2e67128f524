#pragma once
// Rule "blind inflow" (L3943-3967, model-spec §4.6), written once: migrant
// workers per month who come without a job offer,
//   migration_blind_inflow x pull x (1 - migration_control),
//   pull = clamp(vacancy_signal, 0, 1)                           rumours of work at Angang (L3965)
//        + migration_food_weight x (1 / migration_ration_gap - 1)  the urban-rural food gap of
//                                                                  unified purchase (L3961)
//        + migration_wage_weight x max(0, 1 - rural income / production wage)   "income higher" (L3965)
// (no wage gain while no wage is modelled, avg_production_wage = 0). Called by
// the agent layer (people/migration.cpp, with the agents' share of open jobs)
// and by the system-dynamics baseline (people/sd_baseline.cpp, with its own).
#include <algorithm>

#include "scenario/params.hpp"

namespace gangdu {

inline double blind_inflow(const Params& p, double vacancy_signal, double avg_production_wage) {
  const double food_gap = 1.0 / p.migration_ration_gap - 1.0;
  const double wage_gain =
      avg_production_wage > 0 ? std::max(0.0, 1.0 - p.migration_rural_income_yuan / avg_production_wage) : 0.0;
  const double pull =
      std::clamp(vacancy_signal, 0.0, 1.0) + p.migration_food_weight * food_gap + p.migration_wage_weight * wage_gain;
  return p.migration_blind_inflow * pull * (1.0 - p.migration_control);
}

}  // namespace gangdu
