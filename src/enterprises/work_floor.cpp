#include "enterprises/work_floor.hpp"

namespace gangdu {

double piece_wage_multiplier(const World& w) {
  if (!w.P.rule_piece_rates) return 1.0;
  const double passed = w.P.piece_false_report_share * (1.0 - w.P.piece_audit_probability);
  return 1.0 + w.P.wage_piece_share * (passed + w.P.piece_overtime_share);
}

double piece_wear_multiplier(const World& w) {
  if (!w.P.rule_piece_rates) return 1.0;
  return 1.0 + w.P.wage_piece_share * w.P.piece_wear_push;
}

double corruption_cost_multiplier(const World& w) {
  if (!w.P.rule_corruption) return 1.0;
  return 1.0 + w.P.corruption_purchase_share;
}

}  // namespace gangdu
