#include "enterprises/finance.hpp"

#include <algorithm>

#include "enterprises/units.hpp"
#include "enterprises/work_floor.hpp"

namespace gangdu {
namespace {
double value_of(const World& w, double pig, double steel, double rolled) {
  return pig * w.P.price_pig_iron_yuan + steel * w.P.price_steel_yuan + rolled * w.P.price_rolled_yuan;
}
}  // namespace

double works_final_value(const World& w, const StageArray& y) {
  const double pig_per_steel = 1.0 / std::max(1e-9, w.P.steel_per_pig_iron);
  const double steel_per_rolled = 1.0 / std::max(1e-9, w.P.rolled_per_steel);
  return value_of(w, std::max(0.0, y[1] - pig_per_steel * y[2]), std::max(0.0, y[2] - steel_per_rolled * y[3]), y[3]);
}

void finance_month(World& w, double employees) {
  FinanceState& f = w.ent.finance;
  const UnitsState& u = w.ent.units;
  if (!f.assets_taken_over && w.P.assets_inherited_yuan > 0) {
    f.fixed_assets += w.P.assets_inherited_yuan;
    f.assets_taken_over = true;
  }
  const double wage = w.P.wage_yuan_per_employee;
  if (!(w.P.price_rolled_yuan > 0)) return;  // no accounts kept in yuan under this regime
  const double gross_value = works_final_value(w, u.month_output);
  const double wages = employees * wage / 12.0;
  // Paid wages and material costs include what piece-rate reports and corrupt
  // purchasing add (R13, R14); the plan's accounts below do not foresee them.
  const double paid = wages * piece_wage_multiplier(w);
  const double costs = w.P.cost_materials_share * gross_value * corruption_cost_multiplier(w) +
                       paid * (1.0 + w.P.fund_welfare_share + w.P.fund_insurance_share) +
                       w.P.fund_maintenance_share * f.fixed_assets / 12.0;
  f.cost += costs;
  f.wage_bill += paid;
  // Planned profit for the month: the same accounts at planned output with planned staffing.
  StageArray planned{};
  for (size_t s = 0; s < kStageCount; ++s) planned[s] = u.target[s] / 12.0;
  const double planned_value = works_final_value(w, planned);
  f.planned_profit += planned_value * (1.0 - w.P.cost_materials_share) -
                      wages * (1.0 + w.P.fund_welfare_share + w.P.fund_insurance_share) -
                      w.P.fund_maintenance_share * f.fixed_assets / 12.0;
  // Investment: state funds, plus overspending under a soft budget unless a bank review stops it.
  const double grant = w.P.invest_state_yuan / 12.0;
  // The units ask for more in proportion to the coverage of unapproved spending they expect
  // (the soft budget as an expectation, enterprises/units.hpp).
  double over = grant * w.P.invest_overspend_share * units_mean_coverage(w);
  if (w.P.rule_two_level_accounting && rng::uniform(w.key_units, w.now(), 99, 0) < w.P.bank_review_probability)
    over = 0.0;
  f.investment += grant + over;
  f.overspend += over;
  f.fixed_assets += grant + over;  // assumption: capital construction enters fixed assets as spent
}

void close_finance_year(World& w) {
  FinanceState& f = w.ent.finance;
  const UnitsState& u = w.ent.units;
  const int y = w.year();
  // Revenue: the year's shipments of final products and below-grade seconds at state
  // prices (assumption: the discount on seconds is not in the text).
  StageArray shipped{};
  for (size_t s = 1; s < kStageCount; ++s) shipped[s] = u.shipped_year[s] + u.seconds_year[s];
  f.revenue = value_of(w, shipped[1], shipped[2], shipped[3]);
  // Unsold goods are not a loss when made: their material cost stays in stock ("a
  // stockpile of funds", L3287) and is charged when they are sold or scrapped.
  const double stock_value = w.P.cost_materials_share * value_of(w, u.stock[1], u.stock[2], u.stock[3]);
  const double profit = f.revenue - f.cost + (stock_value - f.stock_value);
  f.stock_value = stock_value;
  // R1/R10: a bargained profit target sits below the planned accounts, so more of the
  // profit counts as above plan (L3269, L3273 fn 60; the size is a regime's calibration).
  const double shading = w.P.rule_bargaining ? w.P.plan_profit_shading : 0.0;
  const double planned = std::max(0.0, f.planned_profit) * (1.0 - shading);
  double retained = 0.0;
  if (profit > 0) {
    retained = w.P.retention_planned_share * std::min(profit, planned) +
               w.P.retention_above_plan_share * std::max(0.0, profit - planned);
  }
  if (w.P.price_rolled_yuan > 0) {
    w.rec.set(w.v.revenue, y, f.revenue);
    w.rec.set(w.v.costs, y, f.cost);
    w.rec.set(w.v.profit, y, profit);
    w.rec.set(w.v.profit_planned, y, planned);
    w.rec.set(w.v.profit_retained, y, retained);
    w.rec.set(w.v.profit_retained_share, y, profit > 0 ? retained / profit : 0.0);
  }
  close_units_year(w, profit, planned, f.revenue, f.wage_bill);
  w.rec.set(w.v.investment, y, f.investment);
  w.rec.set(w.v.overspend, y, f.overspend);
  w.rec.set(w.v.fixed_assets, y, f.fixed_assets);
  f.revenue = f.cost = f.wage_bill = f.planned_profit = f.investment = f.overspend = 0.0;
}

void declare_finance_series(World& w) {
  Recorder& r = w.rec;
  SeriesHandles& v = w.v;
  const auto S = SeriesKind::kStock;
  // The year's accounts (regimes with yuan prices only, except investment and fixed assets).
  v.profit = r.declare(
      {"angang.profit_yuan", S, "yuan", "profit of the works in the year (change in stock value counted)", "R10"});
  v.profit_planned = r.declare(
      {"angang.profit_planned_yuan", S, "yuan", "planned profit for the year (bargained down under R3a)", "R10"});
  v.profit_retained_share =
      r.declare({"angang.profit_retained_share", S, "share", "share of the year's profit the works kept", "R10"});
  v.profit_retained = r.declare({"angang.profit_retained_yuan", S, "yuan", "profit the works kept in the year", "R10"});
  v.investment = r.declare({"angang.investment_yuan", S, "yuan",
                            "capital construction spent in the year (state funds + overspending)", "R10"});
  v.fixed_assets = r.declare({"angang.fixed_assets_yuan", S, "yuan", "gross fixed assets at year end", "R12"});
  v.revenue = r.declare(
      {"angang.revenue_yuan", S, "yuan", "shipments and below-grade seconds sold in the year at state prices", "R10"});
  v.costs = r.declare({"angang.costs_yuan", S, "yuan",
                       "costs in the year: materials, wages, welfare and insurance funds, maintenance", "R12"});
  v.overspend =
      r.declare({"angang.overspend_yuan", S, "yuan", "unapproved spending on top of granted funds in the year", "R11"});
}

}  // namespace gangdu
