#pragma once
// Rule "trained and untrained labour" (issue 19 item 5; R22, L5323, L5046, L2928).
//
// The works' employees are a trained and an untrained pool. New employees arrive
// trained with probability labour_recruit_trained_share (former industrial workers)
// and otherwise learn at labour_learning_rate a month; an untrained worker makes
// labour_untrained_productivity of a trained one. Transfers to other enterprises
// (L5046, L2928) take trained staff; persons mobilized for the small furnaces
// (L5025) are away from the works. Effective labour over the labour the plant needs
// (the staffing norm x labour_need_share x drive^labour_drive_elasticity) bounds output
// like any other input (the chain's min over inputs).
// Switch: rule_untrained_recruits. Reads: works employees (demography tally), transfers,
// mobilization; writes WorkforceState and series angang.employees_trained,
// angang.labour_factor.
#include "enterprises/enterprise_state.hpp"

namespace gangdu {

struct WorkforceParams {
  double untrained_productivity = 1, learning_rate = 1, recruit_trained_share = 1;
  double need_share = 1, drive_elasticity = 0, employees_per_kt = 0;
};

// One month of the trained pool: `employees` now (persons), `transferred` this month
// (trained persons sent away, already gone from `employees`).
void update_trained_pool(const WorkforceParams& p, WorkforceState& s, double employees, double transferred);

// Effective labour / needed labour (uncapped) for a works with `usable_pig_kt` of usable
// blast-furnace capacity driven at `drive`, `mobilised` employees away.
double labour_ratio(const WorkforceParams& p, const WorkforceState& s, double usable_pig_kt, double drive);

}  // namespace gangdu
