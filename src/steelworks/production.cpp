#include "steelworks/production.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "enterprises/work_floor.hpp"
#include "people/expertise.hpp"
#include "steelworks/wear.hpp"

namespace gangdu {

SteelState::SteelState(const Scenario& sc) : chain(sc) {
  const size_t n = chain.size();
  cap_year.assign(n, 0.0);
  cap_month.assign(n, 0.0);
  intensity.assign(n, 0.0);
  built.assign(n, 0);
  params.assign(chain.param_names().size(), 0.0);
  bind_tally.assign(chain.unit_names().size() + 1, 0.0);
  product_stock.assign(chain.product_count(), 0.0);
}

void declare_steel_series(World& w) {
  SteelState& s = w.steel;
  Recorder& r = w.rec;
  const auto S = SeriesKind::kStock;
  const auto F = SeriesKind::kFlow;
  s.unusable =
      r.declare({"angang.unusable_output_t", F, "t", "rejected (unusable) output of the works in the year", "R8"});
  s.sf_iron = r.declare(
      {"smallfurnace.iron_t", F, "t", "pig iron made by small (native) furnaces in the year", "small_furnaces"});
  s.sf_steel =
      r.declare({"smallfurnace.steel_t", F, "t", "steel made by small furnaces in the year", "small_furnaces"});
  s.sf_unusable = r.declare(
      {"smallfurnace.unusable_t", F, "t", "small-furnace metal too poor to use, in the year", "small_furnaces"});
  s.restartable_pig = r.declare({"angang.capacity_restartable_pig_iron_t", S, "t",
                                 "pig-iron capacity idle but restartable at year end", "production"});
  s.restartable_steel = r.declare(
      {"angang.capacity_restartable_steel_t", S, "t", "steel capacity idle but restartable at year end", "production"});
  s.wear_share = r.declare(
      {"angang.equipment_wear_share", S, "share", "design-weighted wear of the reporting units at year end", "wear"});
  s.machine_share = r.declare({"angang.machine_stock_share", S, "share",
                               "machine stock left / design, weighted by machine tonnage, at year end", "removal"});
  s.foundation_share =
      r.declare({"angang.foundation_stock_share", S, "share",
                 "foundation stock left / design, weighted by machine tonnage, at year end", "removal"});
  s.asset_value_share =
      r.declare({"angang.asset_value_intact_share", S, "share",
                 "intact share of the plants' replacement value (foundations and machines) at year end", "removal"});
  s.removed_t = r.declare({"angang.equipment_removed_t", S, "t",
                           "machinery removed by removal events since the start of the run", "removal"});
  s.investment = r.declare({"angang.investment_myuan", F, "million yuan",
                            "construction spending on the facilities being built, in the year", "production"});
  s.ratio_steel_pig = r.declare({"angang.capacity_ratio_steel_to_pig_iron", S, "ratio",
                                 "usable steel / pig-iron capacity at year end", "production"});
  s.ratio_rolled_steel = r.declare({"angang.capacity_ratio_rolled_to_steel", S, "ratio",
                                    "usable rolling / steel capacity at year end", "production"});
  s.pig_surplus = r.declare({"angang.pig_iron_surplus_t", F, "t",
                             "pig iron not used by the works' own steel plants, in the year", "production"});
  s.operation_rate_pig =
      r.declare({"angang.operation_rate_pig_iron", S, "share",
                 "pig iron made in the year / installed pig-iron capacity of the reporting units", "production"});
  s.repair_backlog = r.declare({"angang.repair_backlog_share", F, "share",
                                "repair asked of the shops but not done, mean over the year's months", "repair"});
  s.maintenance_skipped = r.declare({"angang.maintenance_skipped_share", F, "share",
                                     "share of maintenance skipped by overdriven units, mean over the months", "maintenance_skip"});
  s.drive_pig = r.declare({"angang.drive_pig_iron", F, "multiple",
                           "drive of the iron-making processes (1 = the method intensity), mean over the months", "overdrive"});
  s.drive_steel = r.declare({"angang.drive_steel", F, "multiple",
                             "drive of the steel plants (1 = the method intensity), mean over the months", "overdrive"});
  s.drive_support = r.declare({"angang.drive_support", F, "multiple",
                               "drive of coke, blowers, boilers and power, mean over the months", "overdrive"});
  s.labour_factor = r.declare({"angang.labour_factor", F, "share",
                               "effective labour / labour needed (capped at 1), mean over the months", "workforce"});
  s.hours_week = r.declare({"angang.hours_per_week", F, "hours",
                             "weekly hours worked by works employees (normal week plus overtime), mean over the months",
                             "overtime"});
  s.employees_trained =
      r.declare({"angang.employees_trained", S, "persons", "trained works employees at year end", "workforce"});
  s.sf_mobilised = r.declare({"smallfurnace.mobilised", F, "persons",
                              "persons mobilized for small furnaces, mean over the months", "small_furnaces"});
  s.sf_from_works = r.declare({"smallfurnace.mobilised_from_works", F, "persons",
                               "works employees away at the small furnaces, mean over the months", "small_furnaces"});
  s.reported_pig = r.declare(
      {"angang.pig_iron_reported_t", F, "t", "pig iron reported upward in the year (hiding and inflation)", "report_inflation"});
  s.reported_steel = r.declare(
      {"angang.steel_reported_t", F, "t", "steel reported upward in the year (hiding and inflation)", "report_inflation"});
  s.inflation_steel = r.declare(
      {"angang.steel_report_inflation_t", F, "t", "steel reported but not made (inflated reports), in the year", "report_inflation"});
  s.under_construction = r.declare({"angang.capacity_under_construction_t", S, "t/yr",
                                    "steel capacity of the programme's unlisted projects under construction, year end",
                                    "production"});
  s.commissioned = r.declare({"angang.capacity_commissioned_t", F, "t/yr",
                              "steel capacity of unlisted projects commissioned in the year", "construction"});
  auto unit_of = [&](const std::string& id) {
    for (const ProcessSpec& p : w.sc.processes)
      if (p.id == id && !p.unit.empty()) return p.unit;
    return std::string("t");
  };
  s.process_output.clear();
  for (size_t p = 0; p < s.chain.size(); ++p) {
    const std::string& id = s.chain.process_id(p);
    s.process_output.push_back(r.declare(
        {"angang.output." + id, F, unit_of(id), "output of the process " + id + " in the year", "production"}));
  }
  s.product_stock_series.assign(s.chain.product_count(), -1);
  s.product_sold_series.assign(s.chain.product_count(), -1);
  for (size_t i = 0; i < s.chain.product_count(); ++i) {
    if (s.chain.demand_param(i) < 0) continue;
    const std::string& k = s.chain.product_name(i);
    s.product_stock_series[i] = r.declare({"angang.stock." + k, S, "t", "unsold " + k + " in stock at year end", "R9"});
    s.product_sold_series[i] =
        r.declare({"angang.sold_outside." + k, F, "t", k + " sold to outside buyers in the year", "R9"});
  }
}

SmallFurnaceMonth small_furnace_month(const ParamTable& p) {
  SmallFurnaceMonth o;
  const double days = 365.25 / 12.0 * p.typed().smallfurnace_operating_share;
  const double iron_cap = p.typed().smallfurnace_iron_furnaces * p.typed().smallfurnace_iron_t_per_day * days;
  const double steel_cap = p.typed().smallfurnace_steel_furnaces * p.typed().smallfurnace_steel_t_per_day * days;
  if (iron_cap + steel_cap <= 0) return o;
  // Labour limit on the metal made: mobilized persons x tonnes per person-day.
  const double labour = p.typed().smallfurnace_workers * p.typed().smallfurnace_t_per_worker_day * 365.25 / 12.0;
  const double scale = std::min(1.0, labour / (iron_cap + steel_cap));
  o.iron = iron_cap * scale;
  // Steel furnaces are charged with the small furnaces' own iron (and scrap, folded into the coefficient).
  const double ips = p.typed().smallfurnace_iron_per_steel;
  o.steel = std::min(steel_cap * scale, ips > 0 ? o.iron / ips : steel_cap * scale);
  o.unusable = (o.iron + o.steel) * p.typed().smallfurnace_unusable_share;
  return o;
}

StageArray chain_potential_by_stage(const World& w) {
  const SteelState& s = w.steel;
  const Chain& ch = s.chain;
  const size_t n = ch.size();
  const double u = w.P.steel_utilization;
  std::vector<double> cap(n, 0.0);
  std::vector<double> params(ch.param_names().size());
  for (size_t k = 0; k < params.size(); ++k) params[k] = w.params.get(ch.param_ids()[k]);
  Chain::Flows f;
  StageArray out{};
  // Each month of the year with the units commissioned by then (build dates and
  // delivery lags are known to the planners; repairs still under way are not).
  const Month jan = w.clock.now();
  for (int k = 0; k < 12; ++k) {
    const Month m{jan.index + k};
    w.facilities.usable_by_process(m, cap);
    for (double& c : cap) c *= u / 12.0;
    ch.solve(cap, params, f);
    for (size_t p = 0; p < n; ++p)
      if (ch.reports(p) && !ch.external(p)) out[static_cast<size_t>(ch.stage(p))] += f.x[p];
  }
  for (double& o : out)
    if (o < 1.0) o = 0.0;                             // round-off of the fixed point, not a tonne of capacity
  out[0] = u * w.facilities.usable_by_stage(jan)[0];  // ore: rated, in t of pig iron it supports
  return out;
}

void sell_outside_month(World& w) {
  SteelState& s = w.steel;
  const Chain& ch = s.chain;
  const int y = w.year();
  const double clearance = 1.0 - std::pow(1.0 - w.P.stock_clearance_per_year, 1.0 / 12.0);
  for (size_t i = 0; i < ch.product_count(); ++i) {
    const int k = ch.demand_param(i);
    if (k < 0) continue;
    // What the works' own processes did not draw this month is offered outside;
    // buyers take up to their demand from it and from stock (R9, L3333).
    const double merchant = std::max(0.0, s.flows.supply[i] - s.flows.used[i]);
    const double demand = s.params[static_cast<size_t>(k)];
    const double on_hand = s.product_stock[i] + merchant;
    const double sold = demand < 0 ? on_hand : std::min(on_hand, demand / 12.0);
    s.product_stock[i] = (on_hand - sold) * (1.0 - clearance);
    w.rec.add(s.product_sold_series[i], y, sold);
    w.rec.set(s.product_stock_series[i], y, s.product_stock[i]);
  }
}

void produce_month(World& w) {
  const Month m = w.clock.now();
  const int y = w.year();
  SteelState& s = w.steel;
  const Chain& ch = s.chain;
  const size_t n = ch.size();
  // Units commissioned this month after rushed construction start impaired (issue 19).
  w.facilities.rushed_start(m, w.P.construction_normal_months, w.P.construction_rush_wear);
  w.usable = w.facilities.usable_by_stage(m);
  w.installed = w.facilities.installed_by_stage(m);
  w.facilities.usable_by_process(m, s.cap_year);
  const double u = w.P.steel_utilization;
  // The production units' decisions (enterprises/unit_behaviour: supply, late
  // deliveries, sectionalism, quota restriction) scale the processes that
  // report to each headline stage; support processes run as the chain needs.
  // Support processes (coke, blowers, boilers, power) are driven with the works (R23,
  // steelworks/overdrive.hpp) and bounded by the effective labour like the rest.
  const StageArray& e = w.ent.units.output_factor;
  const double support = w.ent.units.support_drive * w.ent.workforce.labour_factor;
  for (size_t p = 0; p < n; ++p) {
    const double f = ch.external(p) ? 1.0 : ch.reports(p) ? e[static_cast<size_t>(ch.stage(p))] : support;
    s.cap_month[p] = s.cap_year[p] * u * f / 12.0;
  }
  // The ministry's ceiling on steel capacity (April 1957, L4997; the SFYP of July 1957, L5116).
  const double steel_cap = w.P.capacity_cap_steel_t;
  if (steel_cap > 0) {
    double steel_month = 0;
    for (size_t p = 0; p < n; ++p)
      if (ch.reports(p) && !ch.external(p) && ch.stage(p) == Stage::kSteel) steel_month += s.cap_month[p];
    if (steel_month > steel_cap / 12.0)
      for (size_t p = 0; p < n; ++p)
        if (ch.reports(p) && !ch.external(p) && ch.stage(p) == Stage::kSteel) s.cap_month[p] *= steel_cap / 12.0 / steel_month;
  }
  for (size_t k = 0; k < s.params.size(); ++k) s.params[k] = w.params.get(ch.param_ids()[k]);
  ch.solve(s.cap_month, s.params, s.flows);

  // Headline outputs, by stage.
  std::array<double, kStageCount> out{};
  for (size_t p = 0; p < n; ++p) {
    w.rec.add(s.process_output[p], y, s.flows.x[p]);
    if (ch.reports(p) && !ch.external(p)) out[static_cast<size_t>(ch.stage(p))] += s.flows.x[p];
  }
  const double pig = out[1], steel = out[2], rolled = out[3];
  w.rec.add(w.v.pig_iron, y, pig);
  w.rec.add(w.v.steel, y, steel);
  w.rec.add(w.v.rolled, y, rolled);
  w.ent.units.month_output = {pig, pig, steel, rolled};
  w.plan.year_output[1] += pig;
  w.plan.year_output[2] += steel;
  w.plan.year_output[3] += rolled;
  // Pig iron not charged into the works' own open hearths (sold, shipped to Japan, stocked).
  double pig_used = 0;
  for (size_t i = 0; i < ch.product_count(); ++i) {
    bool pig_product = false;  // made by a process reporting pig iron (counted once per product)
    for (size_t p = 0; p < n; ++p)
      pig_product |= ch.product_of(p) == i && ch.reports(p) && ch.stage(p) == Stage::kPigIron;
    if (pig_product) pig_used += s.flows.used[i];
  }
  w.rec.add(s.pig_surplus, y, std::max(0.0, pig - pig_used));
  sell_outside_month(w);

  // Operating intensity of each process (output / usable capacity).
  for (size_t p = 0; p < n; ++p) s.intensity[p] = s.cap_year[p] > 0 ? s.flows.x[p] * 12.0 / s.cap_year[p] : 0.0;

  // Rejects (R8): unusable share q0 * pressure^k, pressure = max(intensity / design, plan target / capacity).
  // Unskilled workers make more rejects (issue 20, people/expertise.hpp).
  const double q0 = w.P.quality_q0 * reject_skill_multiplier(w), qk = w.P.quality_k, ud = w.P.wear_design_utilization;
  const double pcap = w.P.quality_pressure_cap;
  const double first_rate = w.P.quality_first_rate_plan;
  double unusable = 0;
  StageArray grade_off{};
  for (size_t p = 0; p < n; ++p) {
    if (!ch.reports(p) || ch.external(p) || ch.stage(p) == Stage::kOre || s.flows.x[p] <= 0) continue;
    const auto st = static_cast<size_t>(ch.stage(p));
    double pressure = s.intensity[p] / ud;
    if (w.plan.active && w.usable[st] > 0) pressure = std::max(pressure, w.plan.target[st] / w.usable[st]);
    pressure = std::min(pressure, pcap);
    unusable += std::min(1.0, q0 * std::pow(pressure, qk)) * s.flows.x[p];
    // Below-grade output (R8 -> R9): the below-first-rate share follows the same pressure law.
    grade_off[st] += std::min(1.0, (1.0 - first_rate) * std::pow(pressure, qk)) * s.flows.x[p];
  }
  for (size_t st = 0; st < kStageCount; ++st)
    w.ent.units.month_offgrade[st] = w.plan.active && out[st] > 0 ? grade_off[st] / out[st] : 0.0;
  w.rec.add(s.unusable, y, unusable);

  // Bottlenecks: which unit binds each headline stage this month (over the
  // processes of the stage that have a unit built; stages with none are skipped).
  const size_t halted = ch.unit_names().size();
  std::fill(s.built.begin(), s.built.end(), 0);
  for (size_t i = 0; i < w.facilities.size(); ++i)
    if (w.facilities.built(i, m)) s.built[w.facilities.process(i)] = 1;
  int built_in_stage[kStageCount] = {0, 0, 0, 0};
  for (size_t p = 0; p < n; ++p)
    if (s.built[p] && ch.reports(p) && !ch.external(p)) ++built_in_stage[static_cast<size_t>(ch.stage(p))];
  for (size_t p = 0; p < n; ++p) {
    if (!s.built[p] || !ch.reports(p) || ch.external(p) || ch.stage(p) == Stage::kOre) continue;
    const double wgt = 1.0 / (12.0 * 3.0 * built_in_stage[static_cast<size_t>(ch.stage(p))]);
    if (u <= 0) {
      s.bind_tally[halted] += wgt;
    } else {
      s.bind_tally[static_cast<size_t>(ch.binding_unit(p, s.flows))] += wgt;
    }
  }

  // Wear: hazard rising with intensity above design, restored by maintenance
  // (steelworks/wear.hpp: skipped maintenance, repair capacity, spare parts, slack crews).
  wear_step(w);

  // Capital spending on construction and repair (million yuan).
  w.rec.add(s.investment, y, w.facilities.investment_myuan(m));

  // Drive and labour (R23, issue 19), means over the year's months.
  const UnitsState& units = w.ent.units;
  w.rec.add(s.drive_pig, y, units.drive[1] / 12.0);
  w.rec.add(s.drive_steel, y, units.drive[2] / 12.0);
  w.rec.add(s.drive_support, y, units.support_drive / 12.0);
  w.rec.add(s.labour_factor, y, w.ent.workforce.labour_factor / 12.0);
  w.rec.add(s.hours_week, y, w.ent.workforce.hours / 12.0);

  // Small furnaces (1958 mobilization): a separate low-tech sector.
  const SmallFurnaceMonth sf = small_furnace_month(w.params);
  w.rec.add(s.sf_mobilised, y, w.P.smallfurnace_workers / 12.0);
  w.rec.add(s.sf_from_works, y, w.ent.workforce.mobilised / 12.0);
  w.rec.add(s.sf_iron, y, sf.iron);
  w.rec.add(s.sf_steel, y, sf.steel);
  w.rec.add(s.sf_unusable, y, sf.unusable);
}

void close_steel_year(World& w) {
  SteelState& s = w.steel;
  const FacilityRegistry& f = w.facilities;
  const Month m = w.clock.now();
  const int y = w.year();
  double rest_pig = 0, rest_steel = 0, design_rep = 0, wear_rep = 0, design_all = 0, mach = 0, fnd = 0;
  double inst_pig = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    if (!f.built(i, m)) continue;
    const double d = f.design_t(i);
    if (f.reports(i)) {
      design_rep += d;
      wear_rep += d * f.wear(i);
      if (f.stage(i) == Stage::kPigIron) {
        rest_pig += f.restartable_t(i, m);
        inst_pig += d;
      }
      if (f.stage(i) == Stage::kSteel) rest_steel += f.restartable_t(i, m);
    }
    // Stock shares weighted by machine tonnage (a common yardstick across units).
    const double wt = f.machine_t(i) > 0 ? f.machine_t(i) : 0.0;
    design_all += wt;
    mach += wt * f.machines(i);
    fnd += wt * f.foundation(i);
  }
  w.rec.set(s.restartable_pig, y, rest_pig);
  w.rec.set(s.restartable_steel, y, rest_steel);
  w.rec.set(s.wear_share, y, design_rep > 0 ? wear_rep / design_rep : 0.0);
  const double fs = w.P.foundation_share;
  const double ms = design_all > 0 ? mach / design_all : 1.0, fsh = design_all > 0 ? fnd / design_all : 1.0;
  w.rec.set(s.machine_share, y, ms);
  w.rec.set(s.foundation_share, y, fsh);
  w.rec.set(s.asset_value_share, y, fs * fsh + (1.0 - fs) * ms);
  w.rec.set(s.removed_t, y, f.removed_t());
  w.rec.set(s.ratio_steel_pig, y, w.usable[1] > 0 ? w.usable[2] / w.usable[1] : 0.0);
  w.rec.set(s.ratio_rolled_steel, y, w.usable[2] > 0 ? w.usable[3] / w.usable[2] : 0.0);
  const double pig = w.rec.get(w.v.pig_iron, y);
  w.rec.set(s.operation_rate_pig, y, inst_pig > 0 ? pig / inst_pig : 0.0);
  // Bottleneck shares of the year.
  const auto& names = s.chain.unit_names();
  for (size_t k = 0; k < s.bind_tally.size(); ++k) {
    if (s.bind_tally[k] <= 1e-12) continue;
    s.bottlenecks.push_back({y, k < names.size() ? names[k] : std::string("operation_halted"), s.bind_tally[k]});
  }
  std::fill(s.bind_tally.begin(), s.bind_tally.end(), 0.0);
}

std::string bottlenecks_csv(const World& w) {
  std::string out = "year,unit,binding_share\n";
  for (const BottleneckRow& r : w.steel.bottlenecks) out += fmt::format("{},{},{}\n", r.year, r.unit, r.share);
  return out;
}

}  // namespace gangdu
