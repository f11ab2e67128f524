#pragma once
// Rules of the work floor that the accounts see (R13, R14): piece wages with
// falsified reports and overtime for pay, and corrupt purchasing. Each is a
// switchable rule (`rule_piece_rates`, `rule_corruption`); with a rule off, or
// its parameters at 0 (before the regimes that set them), it does nothing.
#include "engine/world.hpp"

namespace gangdu {

// R13 (L3450): the share `wage_piece_share` of production workers on piece
// wages report work they did not do (`piece_false_report_share` more), which
// passes unless audited (`piece_audit_probability`), and some take unneeded
// overtime for pay (`piece_overtime_share`). Multiplier on the production wage
// bill: 1 + share x ((1 - audit) x false + overtime).
double piece_wage_multiplier(const World& w);

// R13 (L5302 fn 75): groups competing for piece wages drove their furnaces
// harder than output needed and damaged them. Multiplier on the operating
// intensity the wear hazard sees: 1 + share x `piece_wear_push`.
double piece_wear_multiplier(const World& w);

// R14 (L3232-3244): purchasing officers buy cheap and sell dear to their own
// company; material costs rise by `corruption_purchase_share`. Returns
// 1 + that share.
double corruption_cost_multiplier(const World& w);

}  // namespace gangdu
