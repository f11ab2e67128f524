#include "planning/annual_plan.hpp"

#include <algorithm>

#include "enterprises/units.hpp"
#include "planning/material_balance.hpp"
#include "regimes/campaigns.hpp"
#include "regimes/control.hpp"
#include "steelworks/production.hpp"

namespace gangdu {

void apply_political_targets(World& w) {
  if (!w.P.rule_political_targets) return;
  StageArray& t = w.ent.units.target;
  const double wl = local_line_weight(w);  // the line of control in force (regimes/control.hpp)
  const int y = w.year();
  const double steel_pol = political_target(w, y, Stage::kSteel);
  const double pig_pol = political_target(w, y, Stage::kPigIron);
  if (steel_pol <= 0 && pig_pol <= 0) return;
  const double old_pig = t[1];
  if (steel_pol > 0 && t[2] > 0) {
    const double blended = t[2] + wl * (steel_pol - t[2]);
    const double r = blended / t[2];
    t[2] = blended;
    t[3] *= r;  // rolling follows the steel push
    if (pig_pol <= 0) t[1] *= r;
  }
  if (pig_pol > 0) t[1] = t[1] + wl * (pig_pol - t[1]);
  if (old_pig > 0) t[0] *= t[1] / old_pig;  // mines and ore dressing follow the iron push
  w.rec.set(w.v.political_target_steel, y, steel_pol);
}

void set_annual_targets(World& w) {
  UnitsState& u = w.ent.units;
  const bool active = w.P.plan_active;
  w.plan.year_output = {};
  u.reported_year = {};
  u.inflated_year = {};
  u.supply_loss_year = {};
  u.restricted_year = {};
  u.orders_year = {};
  u.shipped_year = {};
  u.seconds_year = {};
  if (!active) {
    w.plan.active = false;
    u.target = u.control = u.draft = {};
    return;
  }
  const double g = w.P.plan_growth;
  const double rho = w.P.plan_ratchet;
  const bool ratchet = w.P.rule_ratchet;
  // R3: how far below potential the units bargain their drafts (enterprises/units.hpp).
  const double shading =
      w.P.rule_bargaining ? best_draft_shading(reward_scheme(w), w.P.plan_ministry_weight, w.P.unit_shading_cost) : 0.0;
  const double lambda = w.P.plan_ministry_weight;
  // What each stage can make this year: the chain solved at full normal use,
  // so a bottleneck inside a stage limits its plan (one physical model for the
  // works and the plan; steelworks/production.cpp).
  const StageArray potential_by_stage = chain_potential_by_stage(w);

  StageArray approved{};
  for (size_t s = 0; s < kStageCount; ++s) {
    const double potential = potential_by_stage[s];  // the unit's own estimate of what it can make this year
    const double last_t = w.plan.active ? u.target[s] : 0.0;
    const double last_r = u.last_reported[s];
    double control;
    if (last_t <= 0.0)
      control = (last_r > 0 ? last_r : potential) * (1.0 + g);
    else if (ratchet)
      control = (last_t + rho * std::max(0.0, last_r - last_t)) * (1.0 + g);
    else
      control = last_t * (1.0 + g);
    u.control[s] = control;
    u.draft[s] = feared_draft(w, potential * (1.0 - shading), control);  // fear bends drafts (issue 22)
    approved[s] = committee_approval(w, u.draft[s] + lambda * (control - u.draft[s]), control);  // R19 line of control
  }

  // Material balance over the chain: ore -> pig iron -> steel -> rolled steel.
  const double pig_per_steel = 1.0 / std::max(1e-9, w.P.steel_per_pig_iron);
  const double steel_per_rolled = 1.0 / std::max(1e-9, w.P.rolled_per_steel);
  Eigen::SparseMatrix<double> A(kStageCount, kStageCount);
  A.insert(0, 1) = 1.0;  // ore (in pig-iron tonnes) per tonne of pig iron
  A.insert(1, 2) = pig_per_steel;
  A.insert(2, 3) = steel_per_rolled;
  Eigen::VectorXd f(kStageCount), c(kStageCount);
  f[3] = approved[3];
  f[2] = std::max(0.0, approved[2] - steel_per_rolled * approved[3]);
  f[1] = std::max(0.0, approved[1] - pig_per_steel * approved[2]);
  f[0] = 0.0;
  const double headroom = 1.0 + w.P.plan_balance_headroom;  // how far the balance lets targets exceed potential
  for (size_t s = 0; s < kStageCount; ++s) c[static_cast<Eigen::Index>(s)] = potential_by_stage[s] * headroom;
  const BalanceResult b = balance_materials(A, f, c, {3, 2, 1});
  for (size_t s = 0; s < kStageCount; ++s) {
    const double g = b.gross[static_cast<Eigen::Index>(s)];
    u.target[s] = g < 1.0 ? 0.0 : g;  // below a tonne: round-off of the cuts, no target
  }
  u.balanced = u.target;
  apply_political_targets(w);
  w.plan.active = true;
  for (size_t s = 1; s < kStageCount; ++s) w.plan.target[s] = u.target[s];
}

void revise_political_targets(World& w) {
  if (!w.P.rule_political_targets || !w.plan.active || !political_target_revised(w)) return;
  UnitsState& u = w.ent.units;
  u.target = u.balanced;
  apply_political_targets(w);
  for (size_t s = 1; s < kStageCount; ++s) w.plan.target[s] = u.target[s];
}

void close_plan_year(World& w) {
  UnitsState& u = w.ent.units;
  const int y = w.year();
  const int targets[] = {0, w.v.plan_target_pig, w.v.plan_target_steel, w.v.plan_target_rolled};
  const int fulfil[] = {0, w.v.plan_fulfil_pig, w.v.plan_fulfil_steel, w.v.plan_fulfil_rolled};
  const int control[] = {0, w.v.plan_control_pig, w.v.plan_control_steel, w.v.plan_control_rolled};
  const int draft[] = {0, w.v.plan_draft_pig, w.v.plan_draft_steel, w.v.plan_draft_rolled};
  const int reported[] = {0, w.v.plan_reported_pig, w.v.plan_reported_steel, w.v.plan_reported_rolled};
  for (size_t s = 1; s < kStageCount; ++s) {
    if (w.plan.active && u.target[s] > 0) {
      w.rec.set(targets[s], y, u.target[s]);
      w.rec.set(control[s], y, u.control[s]);
      w.rec.set(draft[s], y, u.draft[s]);
      w.rec.set(reported[s], y, u.reported_year[s]);
      w.rec.set(fulfil[s], y, u.reported_year[s] / u.target[s]);
    }
    w.plan.last_output[s] = w.plan.year_output[s];
  }
  for (size_t s = 0; s < kStageCount; ++s)
    u.last_reported[s] = w.plan.active ? u.reported_year[s] : w.plan.year_output[s];
}

}  // namespace gangdu
