#include "enterprises/work_floor.hpp"

namespace gangdu {

double piece_wage_multiplier(const World& w) {
  if (!(w.p("rule_piece_rates") > 0.5)) return 1.0;
  const double passed = w.p("piece_false_report_share") * (1.0 - w.p("piece_audit_probability"));
  return 1.0 + w.p("wage_piece_share") * (passed + w.p("piece_overtime_share"));
}

double piece_wear_multiplier(const World& w) {
  if (!(w.p("rule_piece_rates") > 0.5)) return 1.0;
  return 1.0 + w.p("wage_piece_share") * w.p("piece_wear_push");
}

double corruption_cost_multiplier(const World& w) {
  if (!(w.p("rule_corruption") > 0.5)) return 1.0;
  return 1.0 + w.p("corruption_purchase_share");
}

}  // namespace gangdu
