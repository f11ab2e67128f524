#include "enterprises/unit_behaviour.hpp"

#include <algorithm>
#include <cmath>

#include "enterprises/finance.hpp"
#include "enterprises/overtime.hpp"
#include "enterprises/report_inflation.hpp"
#include "enterprises/units.hpp"
#include "enterprises/workforce.hpp"
#include "regimes/campaigns.hpp"
#include "regimes/control.hpp"
#include "steelworks/overdrive.hpp"

namespace gangdu {
namespace {
// Final (sold) output of each stage: what is not used by the next stage.
StageArray final_output(const World& w, const StageArray& y) {
  const double pig_per_steel = 1.0 / std::max(1e-9, w.P.steel_per_pig_iron);
  const double steel_per_rolled = 1.0 / std::max(1e-9, w.P.rolled_per_steel);
  StageArray f{};
  f[3] = y[3];
  f[2] = std::max(0.0, y[2] - steel_per_rolled * y[3]);
  f[1] = std::max(0.0, y[1] - pig_per_steel * y[2]);
  return f;
}
// Political pressure on the units this month (steelworks/overdrive.hpp): the SOE line's own
// push, the local Party's weight and campaign fear. Drives overtime and inflated reports.
double plan_pressure(const World& w) {
  return political_pressure(w.P.overdrive_pressure_floor, local_line_weight(w), fear_pressure(w));
}
}  // namespace

WorkforceParams workforce_params(const World& w) {
  WorkforceParams p;
  p.untrained_productivity = w.P.labour_untrained_productivity;
  p.learning_rate = w.P.labour_learning_rate;
  p.recruit_trained_share = w.P.labour_recruit_trained_share;
  p.need_share = w.P.labour_need_share;
  p.drive_elasticity = w.P.labour_drive_elasticity;
  p.employees_per_kt = w.P.labour_employees_per_kt;
  return p;
}

void decide_unit_output(World& w) {
  UnitsState& u = w.ent.units;
  const int32_t now = w.now();
  const bool planning = w.plan.active;
  const double coverage = planning && w.P.rule_partial_plan
                              ? w.P.supply_plan_coverage + (1.0 - w.P.supply_plan_coverage) * w.P.supply_market_fill
                              : 1.0;
  const bool late = planning && w.P.rule_late_deliveries;
  const bool sectional = planning && w.P.rule_sectionalism;
  const bool restrict = planning && w.P.rule_ratchet;
  // The units' choices under the regime's reward scheme (enterprises/units.hpp).
  const RewardScheme scheme = reward_scheme(w);
  const bool overdrive = planning && w.P.rule_overdrive;
  const OverdriveParams od{w.P.overdrive_response, w.P.overdrive_max, w.P.overdrive_pressure_floor};
  const double local_weight = local_line_weight(w);  // the line of control in force (regimes/control.hpp)
  const double slack_cap = best_overfulfilment(scheme);  // R2: over-fulfilment worth showing given rho
  const double util = w.P.steel_utilization;
  const auto cap = w.facilities.usable_by_stage(w.clock.now());
  // Persons mobilized for the small furnaces are away from the works (L5025).
  WorkforceState& wf = w.ent.workforce;
  wf.mobilised = std::min(std::max(0.0, wf.employees),
                          w.P.smallfurnace_workers * w.P.smallfurnace_works_share);
  const double conditions = work_conditions_factor(w);  // campaigns, experts, food
  // R23: each stage's drive from its target gap (steelworks/overdrive.hpp).
  StageArray potential{}, base{};
  double max_drive = 1.0;
  for (size_t s = 0; s < kStageCount; ++s) {
    double factor = coverage * conditions;
    if (late && rng::uniform(w.key_units, now, s, 0) < w.P.supply_late_probability) {
      const double e = -w.P.supply_late_loss * std::log(1.0 - rng::uniform(w.key_units, now, s, 1));
      // The units' stores of inputs cover part of the loss (hoarding, enterprises/units.hpp).
      factor *= 1.0 - std::min(0.9, units_cover_loss(w, s, e));  // assumption: at most 90% of a month lost
    }
    // R4: the share of the dependent work the supplier unit withholds costs sectionalism_loss.
    if (sectional && s > 0) factor *= 1.0 - w.P.sectionalism_loss * (1.0 - units_cooperation_received(w, s));
    potential[s] = util * cap[s] / 12.0;
    base[s] = factor;
    u.supply_loss_year[s] += potential[s] * std::max(0.0, 1.0 - factor);
    u.drive[s] = overdrive && u.target[s] > 0 ? drive_factor(od, u.target[s] / 12.0, potential[s] * factor, local_weight, fear_pressure(w)) : 1.0;
    u.slack[s] = planning && u.target[s] > 0 && potential[s] > 0 ? std::max(0.0, 1.0 - u.target[s] / 12.0 / potential[s]) : 0.0;
    max_drive = std::max(max_drive, u.drive[s]);
  }
  // Support processes (coke, blowers, boilers, power, mines) are driven to keep up.
  u.support_drive = max_drive;
  u.maintenance_skip = w.P.rule_maintenance_skip ? maintenance_skipped(w.P.maintenance_skip_response, max_drive) : 0.0;
  // Effective labour bounds output (enterprises/workforce.hpp).
  // Short of hands, managers under pressure make the workers stay longer (enterprises/overtime.hpp).
  const OvertimeParams otp{w.P.hours_norm_week, w.P.hours_proportional_week, w.P.hours_flat_week,
                           w.P.hours_slope_beyond};
  wf.labour_factor = 1.0;
  wf.hours = otp.norm;
  if (w.P.rule_untrained_recruits && wf.employees >= 0) {
    double ratio = labour_ratio(workforce_params(w), wf, cap[1] / 1000.0, max_drive);
    if (planning && w.P.rule_overtime && ratio < 1.0) {
      wf.hours = overtime_hours(otp, ratio, plan_pressure(w));
      ratio *= hours_gain(otp, wf.hours);
    }
    wf.labour_factor = std::min(1.0, ratio);
  }
  for (size_t s = 0; s < kStageCount; ++s) {
    const double factor = base[s] * u.drive[s] * wf.labour_factor;
    double intended = potential[s] * factor;
    if (restrict && u.target[s] > 0) intended = std::min(intended, u.target[s] / 12.0 * (1.0 + slack_cap));
    // Units make what is ordered and no more unless goods beyond orders pay: under
    // quantity-first counting they count toward the plan, against the cost of carrying
    // unsold goods the units expect to bear (R9, R10; L3345 fn 74).
    const bool to_orders = planning && !makes_beyond_orders(scheme, w.P.rule_quantity_first != 0,
                                                            units_stage_coverage(w, s), w.P.unit_holding_cost);
    if (to_orders && u.target[s] > 0) intended = std::min(intended, u.target[s] / 12.0 * w.P.demand_order_share);
    u.restricted_year[s] += std::max(0.0, potential[s] * factor - intended);
    u.output_factor[s] = potential[s] > 0 ? intended / potential[s] : 1.0;
  }
}

void report_and_ship(World& w) {
  UnitsState& u = w.ent.units;
  const bool hiding = w.plan.active && w.P.rule_hiding;
  // R3: the share of over-fulfilment worth hiding given the ratchet and audits (enterprises/units.hpp).
  const double h = best_hide_share(reward_scheme(w), w.P.unit_audit_probability, w.P.unit_hide_penalty);
  // R23 report inflation (L5056, L5252): under pressure a unit short of its target
  // reports part of the gap as made (enterprises/report_inflation.hpp).
  const bool inflate = w.plan.active && w.P.rule_report_inflation;
  const double pressure = plan_pressure(w);
  const ReportInflationParams rip{w.P.report_inflation_response, w.P.report_inflation_max};
  // R3 reporting.
  for (size_t s = 0; s < kStageCount; ++s) {
    const double y = u.month_output[s];
    const double tm = u.target[s] / 12.0;
    double reported = y;
    if (hiding && tm > 0) {
      const double available = y + u.carry[s];
      if (available > tm) {
        u.carry[s] = h * (available - tm);
        reported = available - u.carry[s];
      } else {
        reported = available;
        u.carry[s] = 0.0;
      }
    } else {
      reported = y + u.carry[s];
      u.carry[s] = 0.0;
    }
    double extra = 0;
    if (inflate && tm > 0) {
      extra = inflated_report(rip, tm, y, pressure);
      reported += extra;
      u.inflated_year[s] += extra;
    }
    u.reported_year[s] += reported;
    if (s == 2) w.rec.add(w.prod_units.hidden_steel, w.year(), u.carry[s] / 12.0);
    if (s == 1) w.rec.add(w.steel.reported_pig, w.year(), reported);
    if (s == 2) {
      w.rec.add(w.steel.reported_steel, w.year(), reported);
      w.rec.add(w.steel.inflation_steel, w.year(), extra);
    }
  }
  // R9 orders, shipments, stock. Orders follow the plan when there is one,
  // otherwise the market takes a share of output.
  const StageArray made = final_output(w, u.month_output);
  StageArray planned{};
  for (size_t s = 0; s < kStageCount; ++s) planned[s] = u.target[s] / 12.0;
  const StageArray planned_final = final_output(w, planned);
  const double order_share = w.P.demand_order_share;
  const double clearance = 1.0 - std::pow(1.0 - w.P.stock_clearance_per_year, 1.0 / 12.0);
  const double stocked_share = w.P.quality_offgrade_stock_share;
  // Outside demand for merchant pig iron: the plan allocates whatever the open hearths
  // leave, but only so many industrial customers wanted Angang's costly metal (L3333).
  const double outside_pig = w.P.demand_outside_pig_iron_t;
  for (size_t s = 1; s < kStageCount; ++s) {
    double orders = w.plan.active && u.target[s] > 0 ? planned_final[s] * order_share : made[s];
    if (s == 1 && outside_pig >= 0) orders = std::min(orders, outside_pig / 12.0);
    // Orders name products and grades due this month: only this month's first-rate
    // output fills them; surplus and unsold below-grade output go to stock (L3317, L3345 fn 74).
    const double first_rate = made[s] * (1.0 - u.month_offgrade[s]);
    const double shipped = std::min(orders, first_rate);
    const double below_grade = made[s] - first_rate;
    u.orders_year[s] += orders;
    u.shipped_year[s] += shipped;
    u.seconds_year[s] += (1.0 - stocked_share) * below_grade;
    u.stock[s] = (u.stock[s] + first_rate - shipped + stocked_share * below_grade) * (1.0 - clearance);
  }
  // The production units: outputs, broken deliveries between them, their stores of inputs.
  const double material_month =
      w.plan.active && w.P.price_rolled_yuan > 0 ? w.P.cost_materials_share * works_final_value(w, planned) : 0.0;
  units_after_production(w, material_month);
}

}  // namespace gangdu
