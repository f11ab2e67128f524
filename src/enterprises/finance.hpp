#pragma once
#include "engine/world.hpp"

namespace gangdu {

// Monthly accounts of the works (R10-R12), in yuan, for regimes that set prices:
// revenue from shipped final products at state prices; costs = materials
// (cost_materials_share of the value of output) + wages + welfare fund (13%)
// + labour insurance (3%) + major maintenance (2% of fixed assets a year);
// investment = state funds + unapproved overspending under a soft budget,
// stopped in a month by a bank review under two-level accounting (R11).
void finance_month(World& w, double employees);

// December: profit, planned profit, the share retained under the regime's rules
// (retention_planned_share of planned profit + retention_above_plan_share of the
// rest), investment and fixed assets; recorded as angang.* series.
void close_finance_year(World& w);

// Value at state prices of the final products of stage outputs y (what the next stage does not use).
double works_final_value(const World& w, const StageArray& y);

// Declares the accounts' series (angang.*_yuan) that close_finance_year writes.
void declare_finance_series(World& w);

}  // namespace gangdu
