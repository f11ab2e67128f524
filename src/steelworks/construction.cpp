#include "steelworks/construction.hpp"

#include <algorithm>

#include "people/expertise.hpp"

namespace gangdu {

double construction_step(const ConstructionParams& p, double labour, double& wip) {
  const double spend = p.invest_yuan / 12.0 * std::clamp(p.share, 0.0, 1.0) * std::clamp(labour, 0.0, 1.0);
  wip += spend / std::max(1.0, p.yuan_per_t);
  const double done = wip / std::max(1.0, p.months);
  wip -= done;
  return done;
}

double rushed_wear(const ConstructionParams& p) { return rush_impairment(p.rush_wear, p.months, p.normal_months); }

void construction_month(World& w, double construction_employees) {
  ConstructionParams p;
  p.invest_yuan = w.P.invest_state_yuan;
  p.share = w.P.expansion_invest_share;
  p.yuan_per_t = w.P.expansion_yuan_per_t;
  p.months = w.P.expansion_months;
  p.normal_months = w.P.construction_normal_months;
  p.rush_wear = w.P.construction_rush_wear;
  SteelState& s = w.steel;
  const int y = w.year();
  if (p.share > 0 || s.expansion_wip_t > 0) {
    const double need = w.P.labour_construction_workers;
    const double labour = need > 0 ? construction_employees / need : 1.0;
    // Design, installation and start-up go at the pace the experts allow (issue 20).
    ConstructionParams paced = p;
    paced.months = p.months / std::max(1e-3, expert_pace(w));
    const double done = construction_step(paced, labour, s.expansion_wip_t);
    w.facilities.expand(w.clock.now(), done, rushed_wear(p));
    w.rec.add(s.commissioned, y, done);
  }
  w.rec.set(s.under_construction, y, s.expansion_wip_t);
}

}  // namespace gangdu
