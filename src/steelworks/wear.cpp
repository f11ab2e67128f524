#include "steelworks/wear.hpp"

#include <algorithm>

#include "enterprises/work_floor.hpp"
#include "people/expertise.hpp"

namespace gangdu {

void wear_step(World& w) {
  SteelState& s = w.steel;
  const Chain& ch = s.chain;
  const UnitsState& u = w.ent.units;
  const Month m = w.clock.now();
  const int y = m.year();
  const double done = 1.0 - u.maintenance_skip;  // maintenance actually carried out
  FacilityRegistry::WearInputs in;
  in.h0 = w.P.wear_h0 * wear_skill_multiplier(w);  // unskilled crews wear plant faster (issue 20)
  in.k = w.P.wear_k;
  // Groups competing for piece pay push their plant harder than output needs (R13).
  in.u_design = w.P.wear_design_utilization / piece_wear_multiplier(w);
  in.restore = w.P.wear_restore_rate * w.P.maintenance_share * done / w.P.maintenance_reference;
  const bool limited = w.P.rule_repair_capacity;
  in.capacity =
      limited ? w.P.repair_capacity_share * w.P.maintenance_share * done / w.P.maintenance_reference : 0.0;
  if (limited && !(in.capacity > 0)) in.capacity = 1e-12;  // no maintenance at all: nothing repaired
  // Repair goes at the pace the works' experts allow (issue 20, people/expertise.hpp).
  const double pace = expert_pace(w);
  in.restore *= pace;
  if (limited) in.capacity *= pace;
  in.soviet_parts = limited ? w.P.soviet_parts_supply : 1.0;
  in.parts_domestic = w.P.parts_domestic_share;
  // Slack crews repair (furnaces halted for repair when targets are low, L5398).
  const double slack_response = limited ? w.P.repair_slack_response : 0.0;
  double support_slack = 1.0;
  for (double x : u.slack) support_slack = std::min(support_slack, x);
  s.repair_boost.resize(ch.size());
  for (size_t p = 0; p < ch.size(); ++p) {
    const double sl = ch.reports(p) && !ch.external(p) ? u.slack[static_cast<size_t>(ch.stage(p))] : support_slack;
    s.repair_boost[p] = 1.0 + slack_response * sl;
  }
  in.boost = &s.repair_boost;
  const double backlog = w.facilities.wear_month(m, s.intensity, in);
  w.rec.add(s.repair_backlog, y, backlog / 12.0);
  w.rec.add(s.maintenance_skipped, y, u.maintenance_skip / 12.0);
}

}  // namespace gangdu
