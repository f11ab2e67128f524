#include "enterprises/units.hpp"

#include <algorithm>
#include <cmath>

#include "steelworks/production.hpp"

namespace gangdu {
namespace {
// Quantities recorded per unit as angang.unit.<unit>.<quantity>.
struct UnitQuantity {
  const char* name;
  SeriesKind kind;
  const char* unit;
  const char* description;
  const char* rule;
};
const UnitQuantity kQuantities[] = {
    {"output", SeriesKind::kStock, "own units", "output of the unit's processes in the year", "production"},
    {"target", SeriesKind::kStock, "own units", "the unit's share of its stage's approved target for the year", "R1"},
    {"fulfilment", SeriesKind::kStock, "share", "output / target of the unit in the year", "R1"},
    {"broken_delivery_loss", SeriesKind::kStock, "own units",
     "output the unit lost in the year because a supplier unit delivered short (R7 inside the works)", "R7"},
    {"broken_delivery_caused", SeriesKind::kStock, "receivers' units",
     "output other units lost in the year because this unit delivered short (their units)", "R7"},
    {"coverage_expected", SeriesKind::kStock, "share",
     "share of its losses the unit expects the state to cover at year end (the budget constraint as belief)", "R10"},
    {"hoard_months", SeriesKind::kStock, "months", "months of inputs the unit holds in store at year end", "R10"},
    {"hoard_yuan", SeriesKind::kStock, "yuan", "value of the inputs the unit holds in store at year end", "R10"},
    {"bank_credit_yuan", SeriesKind::kStock, "yuan", "bank credit the unit owes at year end (two-level accounting)",
     "R11"},
    {"wage_fund_yuan", SeriesKind::kStock, "yuan", "the unit's wage fund in the year", "R12"},
    {"bonus_fund_yuan", SeriesKind::kStock, "yuan", "bonus and reward fund the unit earned in the year", "R10"},
    {"profit_yuan", SeriesKind::kStock, "yuan", "the unit's profit in the year at the works' prices", "R10"},
    {"cooperation", SeriesKind::kStock, "share", "cooperation the unit gives the units downstream (R4)", "R4"},
};
constexpr size_t kQ = sizeof(kQuantities) / sizeof(kQuantities[0]);
enum Q : size_t {
  kOutput,
  kTarget,
  kFulfil,
  kBroken,
  kCaused,
  kCoverage,
  kHoardMonths,
  kHoardYuan,
  kCredit,
  kWage,
  kBonus,
  kProfit,
  kCoop
};

double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }
// What a unit loses next year per unit of over-fulfilment shown this year.
double ratchet_cost(const RewardScheme& r) {
  return r.discount * r.ratchet * (r.reward_above - r.reward_planned + r.miss_penalty);
}
double stage_weight(const UnitStore& u, size_t i, size_t stage) {
  return u.stage[i] == static_cast<int32_t>(stage) ? u.asset_share[i] : 0.0;
}
}  // namespace

const std::vector<UnitSpec>& unit_specs() {
  static const std::vector<UnitSpec> t = {
      {"mines",
       "Gongchangling and Dagushan mines, the Anshan pits (L1490-1499, L1505)",
       {"lump_mining", "rich_mining", "lean_mining"},
       ""},
      {"ore_dressing",
       "Dagushan ore-dressing plant and the sintering plants (L1490-1499, L2732-2747)",
       {"dressing", "sintering"},
       ""},
      {"coke_ovens", "the coke ovens (L1490-1499, L3333)", {"coking"}, ""},
      {"iron_making", "the Iron-making Factory: blast furnaces (L2186, L3074)", {"blast_furnace"}, "ore_dressing"},
      {"steel_mills", "Steel Mills No. 1-3: open hearths (L2194, L2464)", {"open_hearth"}, "iron_making"},
      {"rolling_mills", "blooming and rolling mills (L1425-1433, L2578)", {"blooming", "rolling"}, "steel_mills"},
      {"seamless_pipe", "the Seamless-pipe Factory (L2578, L3333)", {"seamless_pipe"}, "steel_mills"},
      {"power", "power station, boilers and turbo-blowers (L1505, L2867)", {"power", "boilers", "blowers"}, ""},
  };
  return t;
}

double best_overfulfilment(const RewardScheme& r) {
  if (!(r.effort_cost > 0)) return 1.0;
  return clamp01((r.reward_above - ratchet_cost(r)) / r.effort_cost);
}

double best_hide_share(const RewardScheme& r, double audit, double penalty) {
  const double gain = ratchet_cost(r);
  if (!(gain > 0)) return 0.0;
  return gain / (gain + std::max(0.0, audit * penalty));
}

double best_draft_shading(const RewardScheme& r, double ministry_weight, double shading_cost) {
  const double worth = (1.0 - clamp01(ministry_weight)) * (r.reward_above - r.reward_planned + r.miss_penalty);
  if (!(shading_cost > 0)) return worth > 0 ? 0.5 : 0.0;
  return std::clamp(worth / shading_cost, 0.0, 0.5);  // assumption: no draft below half the unit's potential
}

double best_hoard_months(const RewardScheme& r, double shortfall_frequency, double coverage, double holding_cost,
                         double max_months) {
  const double benefit = std::max(0.0, shortfall_frequency) * std::max(0.0, r.reward_above + r.miss_penalty);
  const double cost = (1.0 - clamp01(coverage)) * std::max(0.0, holding_cost);
  if (!(benefit + cost > 0)) return 0.0;
  return std::max(0.0, max_months) * benefit / (benefit + cost);
}

double best_cooperation(const RewardScheme& r, double base, double collective_share, double help_cost) {
  const double k0 = clamp01(base);
  const double pull = help_cost > 0 ? clamp01(collective_share * r.reward_above / help_cost) : 1.0;
  return k0 + (1.0 - k0) * pull;
}

bool makes_beyond_orders(const RewardScheme& r, bool quantity_first, double coverage, double unsold_cost) {
  // Under quantity-first counting goods beyond orders count toward the gross-output plan:
  // they earn the above-plan reward and insure against a missed plan.
  const double gain = quantity_first ? r.reward_above + r.miss_penalty : 0.0;
  return gain - (1.0 - clamp01(coverage)) * unsold_cost > 0.0;
}

RewardScheme reward_scheme(const World& w) {
  RewardScheme r;
  r.reward_above = w.P.retention_above_plan_share + w.P.unit_bonus_share;
  r.reward_planned = w.P.retention_planned_share;
  r.miss_penalty = w.P.unit_miss_penalty;
  r.effort_cost = w.P.unit_effort_cost;
  r.discount = w.P.unit_discount;
  r.ratchet = w.P.rule_ratchet ? w.P.plan_ratchet : 0.0;
  return r;
}

void init_units(World& w) {
  UnitStore& u = w.prod_units;
  const Chain& ch = w.steel.chain;
  u = UnitStore{};
  u.of_process.assign(ch.size(), -1);
  std::vector<double> machine(unit_specs().size(), 0.0);
  for (const UnitSpec& spec : unit_specs()) {
    std::vector<int> procs;
    for (const char* pid : spec.processes) {
      const int p = ch.process_index(pid);
      if (p >= 0 && !ch.external(static_cast<size_t>(p))) procs.push_back(p);
    }
    if (procs.empty()) continue;  // the scenario's chain has no such process
    const int32_t idx = static_cast<int32_t>(u.id.size());
    u.id.emplace_back(spec.id);
    int32_t stage = -1;
    for (int p : procs) {
      u.of_process[static_cast<size_t>(p)] = idx;
      if (ch.reports(static_cast<size_t>(p))) stage = static_cast<int32_t>(ch.stage(static_cast<size_t>(p)));
    }
    u.stage.push_back(stage);
  }
  const size_t n = u.id.size();
  u.supplier.assign(n, -1);
  for (size_t i = 0; i < n; ++i)
    for (const UnitSpec& spec : unit_specs())
      if (u.id[i] == spec.id)
        for (size_t j = 0; j < n; ++j)
          if (u.id[j] == spec.supplier) u.supplier[i] = static_cast<int32_t>(j);
  // The accounts' key: each unit's share of the works' machine tonnage over all the
  // facilities of the registry (built or planned), the yardstick the removal accounts use.
  u.asset_share.assign(n, 0.0);
  double total = 0;
  for (size_t f = 0; f < w.facilities.size(); ++f) {
    const int32_t i = u.of_process[w.facilities.process(f)];
    const double m = std::max(0.0, w.facilities.machine_t(f));
    total += m;
    if (i >= 0) u.asset_share[static_cast<size_t>(i)] += m;
  }
  for (double& s : u.asset_share) s = total > 0 ? s / total : 1.0 / static_cast<double>(n);
  for (auto* v : {&u.potential, &u.target, &u.output_year, &u.short_in_year, &u.short_out_year, &u.hoard_target,
                  &u.hoard, &u.hoard_yuan, &u.credit, &u.wage_fund, &u.bonus_fund, &u.profit})
    v->assign(n, 0.0);
  u.cooperation.assign(n, 1.0);
  u.coverage.assign(n, 1.0);
  // assumption: before any experience a unit expects an input shortfall one month in five.
  u.shortfall_freq.assign(n, 0.2);
  u.misses.assign(n, 0);
}

void declare_unit_series(World& w) {
  UnitStore& u = w.prod_units;
  Recorder& r = w.rec;
  u.series.clear();
  for (size_t i = 0; i < u.size(); ++i)
    for (const UnitQuantity& q : kQuantities)
      u.series.push_back(r.declare({"angang.unit." + u.id[i] + "." + q.name, q.kind, q.unit,
                                    std::string(q.description) + " (" + u.id[i] + ")", q.rule}));
  const auto S = SeriesKind::kStock;
  u.total_hoard = r.declare({"angang.input_hoard_yuan", S, "yuan",
                             "inputs the production units hold in store at year end (all units)", "R10"});
  u.total_broken = r.declare({"angang.broken_delivery_loss_share", S, "share",
                              "share of the units' output lost in the year to short deliveries by other units", "R7"});
  u.mean_coverage = r.declare({"angang.coverage_expected", S, "share",
                               "asset-weighted coverage of losses the units expect at year end (soft budget)", "R10"});
  u.overfulfil = r.declare({"angang.unit_overfulfilment_chosen", S, "share",
                            "over-fulfilment the units choose to show given the ratchet they expect (R2)", "R2"});
  u.hide = r.declare({"angang.unit_hide_share_chosen", S, "share",
                      "share of over-fulfilment the units choose to hide for a later month (R3)", "R3b"});
  u.hidden_steel = r.declare({"angang.hidden_reserve_t", SeriesKind::kFlow, "t",
                              "steel over-fulfilment hidden for a later month's report, mean over the months", "R3b"});
  u.shading = r.declare({"angang.unit_draft_shading_chosen", S, "share",
                         "share by which the units shade their drafts below potential (R3)", "R3a"});
}

void units_plan_year(World& w) {
  UnitStore& u = w.prod_units;
  const RewardScheme rs = reward_scheme(w);
  if (w.plan.active && !u.primed) {  // beliefs start from the regime's announced rule
    std::fill(u.coverage.begin(), u.coverage.end(), w.P.rule_soft_budget ? 1.0 : 0.0);
    u.primed = true;
  }
  // Targets: the unit's potential at the plan tension of its stage (target / potential);
  // support units (coke, power) at the iron-making factory's tension (assumption: they
  // are planned to keep the blast furnaces going).
  std::vector<double> cap(w.steel.chain.size(), 0.0);
  w.facilities.usable_by_process(w.clock.now(), cap);
  std::fill(u.potential.begin(), u.potential.end(), 0.0);
  for (size_t p = 0; p < cap.size(); ++p)
    if (u.of_process[p] >= 0) u.potential[static_cast<size_t>(u.of_process[p])] += cap[p] * w.P.steel_utilization;
  const StageArray stage_pot = w.plan.active ? chain_potential_by_stage(w) : StageArray{};
  for (size_t i = 0; i < u.size(); ++i) {
    const size_t s = u.stage[i] >= 0 ? static_cast<size_t>(u.stage[i]) : 1;
    const double tension = stage_pot[s] > 0 ? w.ent.units.target[s] / stage_pot[s] : 0.0;
    u.target[i] = w.plan.active ? tension * u.potential[i] : 0.0;
    u.cooperation[i] = best_cooperation(rs, w.P.unit_cooperation, w.P.unit_collective_share, w.P.unit_help_cost);
    u.hoard_target[i] = w.plan.active ? best_hoard_months(rs, u.shortfall_freq[i], u.coverage[i], w.P.unit_holding_cost,
                                                          w.P.unit_hoard_max_months)
                                      : 0.0;
  }
  const int y = w.year();
  w.rec.set(u.overfulfil, y, best_overfulfilment(rs));
  w.rec.set(u.hide, y, w.P.rule_hiding ? best_hide_share(rs, w.P.unit_audit_probability, w.P.unit_hide_penalty) : 0.0);
  w.rec.set(u.shading, y,
            w.P.rule_bargaining ? best_draft_shading(rs, w.P.plan_ministry_weight, w.P.unit_shading_cost) : 0.0);
}

double units_cooperation_received(const World& w, size_t stage) {
  const UnitStore& u = w.prod_units;
  double k = 0, wt = 0;
  for (size_t i = 0; i < u.size(); ++i) {
    const double a = stage_weight(u, i, stage);
    if (a <= 0) continue;
    k += a * (u.supplier[i] >= 0 ? u.cooperation[static_cast<size_t>(u.supplier[i])] : 1.0);
    wt += a;
  }
  return wt > 0 ? k / wt : 1.0;
}

double units_cover_loss(World& w, size_t stage, double loss) {
  UnitStore& u = w.prod_units;
  double covered = 0, wt = 0;
  for (size_t i = 0; i < u.size(); ++i) wt += stage_weight(u, i, stage);
  if (!(wt > 0) || !(loss > 0)) return loss;
  for (size_t i = 0; i < u.size(); ++i) {
    const double a = stage_weight(u, i, stage);
    if (a <= 0) continue;
    const double draw = std::min(u.hoard[i], loss);
    u.hoard[i] -= draw;
    covered += a / wt * draw;
    u.shortfall_freq[i] += (1.0 - u.shortfall_freq[i]) / 12.0;  // a shortfall month, remembered
  }
  return std::max(0.0, loss - covered);
}

double units_stage_coverage(const World& w, size_t stage) {
  const UnitStore& u = w.prod_units;
  double c = 0, wt = 0;
  for (size_t i = 0; i < u.size(); ++i) {
    c += stage_weight(u, i, stage) * u.coverage[i];
    wt += stage_weight(u, i, stage);
  }
  return wt > 0 && u.primed ? c / wt : (w.P.rule_soft_budget ? 1.0 : 0.0);
}

double units_mean_coverage(const World& w) {
  const UnitStore& u = w.prod_units;
  if (!u.primed || u.size() == 0) return w.P.rule_soft_budget ? 1.0 : 0.0;
  double c = 0;
  for (size_t i = 0; i < u.size(); ++i) c += u.asset_share[i] * u.coverage[i];
  return c;
}

void units_after_production(World& w, double material_month_yuan) {
  UnitStore& u = w.prod_units;
  const Chain& ch = w.steel.chain;
  const Chain::Flows& f = w.steel.flows;
  std::vector<char> short_month(u.size(), 0);
  const size_t solved = f.x.size() == ch.size() && f.bind.size() == ch.size() ? ch.size() : 0;  // 0 before a solve
  for (size_t p = 0; p < solved; ++p) {
    const int32_t i = u.of_process[p];
    if (i < 0) continue;
    const size_t ui = static_cast<size_t>(i);
    u.output_year[ui] += f.x[p];
    // A unit starved of an input another unit makes lost what that unit did not deliver:
    // a broken contract inside the works (R7; no penalty on the supplier, L3230).
    const int b = f.bind[p];
    if (b < 0) continue;
    const size_t product = ch.input_product(p, static_cast<size_t>(b));
    const double lost = std::max(0.0, w.steel.cap_month[p] - f.x[p]);
    if (!(lost > 0) || !(f.supply[product] > 0)) continue;
    // Each other unit making the input answers for its share of the supply.
    bool other = false;
    for (size_t q = 0; q < ch.size(); ++q) {
      const int32_t j = u.of_process[q];
      if (ch.product_of(q) != product || j < 0 || j == i) continue;
      u.short_out_year[static_cast<size_t>(j)] += lost * f.x[q] / f.supply[product];
      other = true;
    }
    if (!other) continue;  // an outside supply (coal, scrap) or the unit's own product
    u.short_in_year[ui] += lost;
    if (lost > 0.005 * w.steel.cap_month[p]) short_month[ui] = 1;  // assumption: under 0.5% goes unnoticed
  }
  for (size_t i = 0; i < u.size(); ++i) {
    if (!short_month[i])
      u.shortfall_freq[i] += (0.0 - u.shortfall_freq[i]) / 12.0;
    else
      u.shortfall_freq[i] += (1.0 - u.shortfall_freq[i]) / 12.0;
    // The store is refilled through headquarters' purchases (R6) up to the months wanted.
    if (u.hoard[i] < u.hoard_target[i])
      u.hoard[i] = std::min(u.hoard_target[i], u.hoard[i] + w.P.unit_hoard_fill);
    else
      u.hoard[i] =
          u.hoard_target[i] + (u.hoard[i] - u.hoard_target[i]) * 0.5;  // assumption: excess used up in two months
    u.hoard_yuan[i] = u.hoard[i] * u.asset_share[i] * material_month_yuan;
  }
}

void close_units_year(World& w, double profit, double planned_profit, double revenue, double wage_bill) {
  UnitStore& u = w.prod_units;
  const int y = w.year();
  const bool planning = w.plan.active;
  std::vector<double> fulfil(u.size(), 0.0);
  double mean_fulfil = 0, out_total = 0, broken_total = 0, hoard_total = 0;
  for (size_t i = 0; i < u.size(); ++i) {
    fulfil[i] = u.target[i] > 0 ? u.output_year[i] / u.target[i] : 1.0;
    mean_fulfil += u.asset_share[i] * fulfil[i];
  }
  for (size_t i = 0; i < u.size(); ++i) {
    const double s = u.asset_share[i];
    // The unit's slice of the works' accounts: its asset share, moved by how far it
    // fulfilled its own plan against the works' average (the slices add up to the works').
    u.profit[i] = s * (profit + revenue * (fulfil[i] - mean_fulfil));
    u.wage_fund[i] = s * wage_bill;
    const double planned = std::max(0.0, s * planned_profit);
    const bool met = fulfil[i] >= 1.0 - 1e-9;
    if (planning && u.target[i] > 0 && !met) ++u.misses[i];
    // Reward funds under the regime's rules (L3269-3273); a missed plan forfeits them.
    u.bonus_fund[i] = 0.0;
    if (planning && met && u.profit[i] > 0)
      u.bonus_fund[i] = w.P.retention_planned_share * std::min(u.profit[i], planned) +
                        w.P.retention_above_plan_share * std::max(0.0, u.profit[i] - planned) +
                        w.P.unit_bonus_share * std::max(0.0, fulfil[i] - 1.0) * u.wage_fund[i];
    // Soft or hard: the unit asks that its loss and its store be carried. Before 1950
    // headquarters took responsibility (L3287); under two-level accounting the bank lends
    // and reviews (L3289), refusing with bank_review_probability (L3295).
    if (planning && u.primed) {
      bool covered = w.P.rule_soft_budget != 0;
      if (w.P.rule_two_level_accounting) {
        u.credit[i] = u.hoard_yuan[i] + std::max(0.0, -u.profit[i]);
        if (rng::uniform(w.key_units, w.now(), 300 + i, 0) < w.P.bank_review_probability) {
          covered = false;
          u.hoard[i] *= 0.5;  // assumption: a refused loan halves the store
        }
      } else {
        u.credit[i] = 0.0;
      }
      u.coverage[i] += w.P.unit_coverage_learning * ((covered ? 1.0 : 0.0) - u.coverage[i]);
    }
    const size_t base = i * kQ;
    w.rec.set(u.series[base + kOutput], y, u.output_year[i]);
    w.rec.set(u.series[base + kTarget], y, u.target[i]);
    if (u.target[i] > 0) w.rec.set(u.series[base + kFulfil], y, fulfil[i]);
    w.rec.set(u.series[base + kBroken], y, u.short_in_year[i]);
    w.rec.set(u.series[base + kCaused], y, u.short_out_year[i]);
    w.rec.set(u.series[base + kCoverage], y, u.coverage[i]);
    w.rec.set(u.series[base + kHoardMonths], y, u.hoard[i]);
    w.rec.set(u.series[base + kHoardYuan], y, u.hoard_yuan[i]);
    w.rec.set(u.series[base + kCredit], y, u.credit[i]);
    w.rec.set(u.series[base + kWage], y, u.wage_fund[i]);
    w.rec.set(u.series[base + kBonus], y, u.bonus_fund[i]);
    w.rec.set(u.series[base + kProfit], y, u.profit[i]);
    w.rec.set(u.series[base + kCoop], y, u.cooperation[i]);
    out_total += u.output_year[i];
    broken_total += u.short_in_year[i];
    hoard_total += u.hoard_yuan[i];
    u.output_year[i] = u.short_in_year[i] = u.short_out_year[i] = 0.0;
  }
  w.rec.set(u.total_hoard, y, hoard_total);
  w.rec.set(u.total_broken, y, out_total > 0 ? broken_total / (out_total + broken_total) : 0.0);
  w.rec.set(u.mean_coverage, y, units_mean_coverage(w));
}

}  // namespace gangdu
