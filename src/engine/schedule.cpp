#include "engine/schedule.hpp"

#include <cmath>

#include "city/city_jobs.hpp"
#include "engine/world.hpp"
#include "enterprises/finance.hpp"
#include "enterprises/unit_behaviour.hpp"
#include "enterprises/units.hpp"
#include "enterprises/workforce.hpp"
#include "enterprises/works_labour.hpp"
#include "people/family_follow.hpp"
#include "people/people_outputs.hpp"
#include "people/sd_baseline.hpp"
#include "planning/annual_plan.hpp"
#include "steelworks/construction.hpp"
#include "steelworks/production.hpp"

namespace gangdu {

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::kEvents:
      return "events";
    case Phase::kJanuary:
      return "january";
    case Phase::kProduction:
      return "production";
    case Phase::kLabourDemand:
      return "labour_demand";
    case Phase::kPeople:
      return "people";
    case Phase::kLabourMarket:
      return "labour_market";
    case Phase::kCity:
      return "city";
    case Phase::kBaseline:
      return "baseline";
    case Phase::kAccounts:
      return "accounts";
    case Phase::kOutputs:
      return "outputs";
    case Phase::kDecember:
      return "december";
  }
  return "?";
}

// ---------------------------------------------------------------------------
// Year-end outputs: what December records from the state (stocks at year end,
// counted after the month's hiring and arrivals). One pass over persons feeds
// all the population counts.
struct YearEndCensus {
  int64_t works = 0, city = 0, jobless = 0;  // works: the works and Angang-Construction
  int64_t works_only = 0;                    // the works alone (not Angang-Construction)
  int64_t eth[kEthnicityCount] = {0, 0, 0};
  double orders = 0, shipped = 0, lost = 0, restricted = 0;  // production units, the year
  double installed = 0, usable = 0;                          // capacity summed over stages
};

namespace {

YearEndCensus take_census(const World& w) {
  YearEndCensus c;
  const UnitsState& u = w.ent.units;
  for (size_t s = 1; s < kStageCount; ++s) {
    c.orders += u.orders_year[s];
    c.shipped += u.shipped_year[s];
    c.lost += u.supply_loss_year[s];
    c.restricted += u.restricted_year[s];
  }
  const Population& pop = w.people;
  for (uint32_t i = 0; i < pop.size(); ++i) {
    if (!pop.alive_flags()[i]) continue;
    ++c.eth[pop.ethnicities()[i]];
    const auto e = static_cast<Employer>(pop.employers()[i]);
    c.works += works_for_angang(e);
    c.works_only += e == Employer::kWorks;
    c.city += e == Employer::kCity;
    c.jobless += (e == Employer::kNone && pop.labour_force()[i]);
  }
  for (int s = 0; s < kStageCount; ++s) {
    c.installed += w.installed[static_cast<size_t>(s)];
    c.usable += w.usable[static_cast<size_t>(s)];
  }
  return c;
}

double persons(const World& w, int64_t agents) { return static_cast<double>(agents) * w.weight; }

}  // namespace

// To add a year-end series: one row here (name, unit, description, rule, value).
const std::vector<YearEndOutput>& year_end_outputs() {
  using C = YearEndCensus;
  static const std::vector<YearEndOutput> t = {
      {"angang.finished_stock_t", "t", "unsold finished steel and rolled steel held by the production units", "R9",
       [](const World& w, const C&) { return w.ent.units.stock[2] + w.ent.units.stock[3]; }},
      {"angang.pig_iron_stock_t", "t", "unsold pig iron held by the iron-making units", "R9",
       [](const World& w, const C&) { return w.ent.units.stock[1]; }},
      {"angang.order_fulfilment", "share", "shipments / orders over the year (planning regimes with orders only)", "R9",
       [](const World& w, const C& c) { return w.plan.active && c.orders > 0 ? c.shipped / c.orders : NAN; }},
      {"angang.supply_shortfall_t", "t", "output lost over the year to missing or late inputs and withheld cooperation",
       "R5", [](const World&, const C& c) { return c.lost; }},
      {"angang.restricted_output_t", "t", "output held back over the year to stay near the target (ratchet)", "R2",
       [](const World&, const C& c) { return c.restricted; }},
      {"anshan.population", "persons", "residents of Anshan at year end", "demography",
       [](const World& w, const C&) { return persons(w, static_cast<int64_t>(w.people.living())); }},
      {"anshan.population_chinese", "persons", "Chinese residents at year end", "demography",
       [](const World& w, const C& c) { return persons(w, c.eth[0]); }},
      {"anshan.population_japanese", "persons", "Japanese residents at year end", "demography",
       [](const World& w, const C& c) { return persons(w, c.eth[1]); }},
      {"anshan.population_korean", "persons", "Korean residents at year end", "demography",
       [](const World& w, const C& c) { return persons(w, c.eth[2]); }},
      {"angang.employees", "persons", "employees of the works and Angang-Construction at year end", "hiring",
       [](const World& w, const C& c) { return persons(w, c.works); }},
      {"angang.works_labour_filled_share", "share",
       "works employees / the employees the works want (their staffing norm), December: the labour force as a share of "
       "plan",
       "hiring",
       [](const World& w, const C& c) {
         return w.works_demand > 0 ? persons(w, c.works_only) / w.works_demand : std::nan("");
       }},
      {"anshan.city_jobs", "persons", "persons employed in other city jobs (other SOEs, services) at year end",
       "hiring", [](const World& w, const C& c) { return persons(w, c.city); }},
      {"anshan.jobless", "persons", "persons in the labour force without a job at year end", "hiring",
       [](const World& w, const C& c) { return persons(w, c.jobless); }},
      {"anshan.households_formed", "households", "households formed since the start of the run (cumulative)",
       "demography", [](const World& w, const C&) { return persons(w, static_cast<int64_t>(w.people.households())); }},
      {"angang.capacity_ore_t", "t", "usable ore capacity at year end (a year at full use)", "production",
       [](const World& w, const C&) { return w.usable[0]; }},
      {"angang.capacity_pig_iron_t", "t", "usable pig-iron capacity at year end (a year at full use)", "production",
       [](const World& w, const C&) { return w.usable[1]; }},
      {"angang.capacity_steel_t", "t", "usable steel capacity at year end (a year at full use)", "production",
       [](const World& w, const C&) { return w.usable[2]; }},
      {"angang.capacity_rolled_steel_t", "t", "usable rolling capacity at year end (a year at full use)", "production",
       [](const World& w, const C&) { return w.usable[3]; }},
      {"angang.capacity_installed_pig_iron_t", "t", "installed pig-iron capacity at year end, usable or not",
       "production", [](const World& w, const C&) { return w.installed[1]; }},
      {"angang.equipment_impaired_share", "share", "1 - usable / installed capacity over all stages at year end",
       "wear", [](const World&, const C& c) { return c.installed > 0 ? 1.0 - c.usable / c.installed : 0.0; }},
      {"regime.index", "index", "position of the regime in force in the scenario's list of regimes (0 = first)",
       "regimes", [](const World& w, const C&) { return static_cast<double>(w.regimes.current()); }},
  };
  return t;
}

// To add a monthly flow: one row here (name, unit, description, rule, value this month).
const std::vector<MonthFlowOutput>& month_flow_outputs() {
  using X = MonthContext;
  static const std::vector<MonthFlowOutput> t = {
      {"anshan.births", "persons", "births in the year", "demography",
       [](const World& w, const X& x) { return persons(w, x.people.births); }},
      {"anshan.deaths", "persons", "deaths in the year", "demography",
       [](const World& w, const X& x) { return persons(w, x.people.deaths); }},
      {"anshan.migrants_out", "persons", "persons who left the city in the year (jobless departures with households)",
       "demography", [](const World& w, const X& x) { return persons(w, x.people.left); }},
      {"anshan.migrants_in", "persons", "migrants who arrived in the year (recruits, families, blind inflow)", "hiring",
       [](const World& w, const X& x) { return persons(w, x.labour.migrants_in); }},
      {"angang.recruited", "persons", "persons the works and Angang-Construction hired in the year", "hiring",
       [](const World& w, const X& x) { return persons(w, x.labour.recruited_works); }},
      {"anshan.recruits_unavailable", "persons",
       "migrant recruits the employers wanted in the year that the hinterland did not yield (rule_recruit_supply)",
       "recruit_supply", [](const World& w, const X& x) { return x.labour.recruits_unavailable * w.weight; }},
      {"angang.laid_off", "persons", "employees of the works and Angang-Construction laid off in the year", "hiring",
       [](const World& w, const X& x) { return persons(w, x.labour.laid_off_works); }},
      {"anshan.sent_back", "persons", "persons returned to the countryside by sending-back drives in the year",
       "population_events", [](const World& w, const X& x) { return persons(w, x.events.sent_back); }},
      {"anshan.repatriated", "persons", "persons repatriated in organised repatriations in the year",
       "population_events", [](const World& w, const X& x) { return persons(w, x.events.repatriated); }},
      {"angang.transferred_out", "persons",
       "works employees (with households) transferred to other enterprises or provinces in the year",
       "population_events", [](const World& w, const X& x) { return persons(w, x.events.transferred_out); }},
      {"campaign.labelled", "persons", "persons labelled or targeted by political campaigns in the year", "R15",
       [](const World& w, const X& x) { return persons(w, x.campaigns.labelled); }},
      {"campaign.dismissed_from_works", "persons", "labelled persons who lost their works job in the year", "R15",
       [](const World& w, const X& x) { return persons(w, x.campaigns.dismissed); }},
      {"angang.promoted_to_technician", "persons", "production workers promoted to technical cadre in the year",
       "promotion", [](const World& w, const X& x) { return persons(w, x.people.promoted); }},
      {"anshan.blind_inflow", "persons", "migrants (with families) who came without a job offer in the year",
       "blind_inflow", [](const World& w, const X& x) { return persons(w, x.labour.blind_in); }},
      {"angang.housing_built_m2", "m2", "living space the works built in the year", "R18",
       [](const World& w, const X& x) { return x.housing.works_floor_built * w.weight; }},
  };
  return t;
}

void declare_table_series(World& w) {
  w.table_series.clear();
  for (const MonthFlowOutput& o : month_flow_outputs())
    w.table_series.push_back(w.rec.declare({o.name, SeriesKind::kFlow, o.unit, o.description, o.rule}));
  for (const YearEndOutput& o : year_end_outputs())
    w.table_series.push_back(w.rec.declare({o.name, SeriesKind::kStock, o.unit, o.description, o.rule}));
}

// ---------------------------------------------------------------------------
// The steps of a month.
namespace {

void step_regimes(World& w, MonthContext&) { w.regimes.apply(w.clock.now(), w.params); }
void step_facility_events(World& w, MonthContext&) {
  w.facilities.apply_events(w.sc, w.clock.now(), w.P.removal_scale, expert_pace(w));
}
void step_population_events(World& w, MonthContext& x) { x.events = population_events(w); }
void step_campaigns(World& w, MonthContext& x) { x.campaigns = campaign_month(w); }
void step_plan_cycle(World& w, MonthContext&) { set_annual_targets(w); }
void step_plan_revision(World& w, MonthContext&) { revise_political_targets(w); }
void step_units_plan(World& w, MonthContext&) { units_plan_year(w); }
void step_unit_output(World& w, MonthContext&) { decide_unit_output(w); }
void step_produce(World& w, MonthContext&) { produce_month(w); }
void step_report_and_ship(World& w, MonthContext&) { report_and_ship(w); }
void step_labour_demand(World& w, MonthContext&) {
  w.works_demand = works_labour_demand(w);
  w.construction_demand = construction_labour_demand(w);
  w.city_demand = city_labour_demand(w);
}
void step_wage_scale(World& w, MonthContext&) { update_wage_scale(w); }
void step_technician_premium(World& w, MonthContext&) { update_technician_premium(w); }
void step_demography(World& w, MonthContext& x) { demography_month(w, x.people); }
// The works' trained and untrained pools (enterprises/workforce.hpp): transfers take trained
// staff, newcomers arrive mostly untrained and learn.
void step_workforce(World& w, MonthContext& x) {
  update_trained_pool(workforce_params(w), w.ent.workforce, static_cast<double>(x.people.works) * w.weight,
                      static_cast<double>(x.events.transferred_out) * w.weight);
  w.rec.set(w.steel.employees_trained, w.year(), w.ent.workforce.trained);
}
// Experts by origin and skill as a stock (people/expertise.hpp, issue 20).
void step_expertise(World& w, MonthContext&) { expertise_month(w); }
// Capital construction: the programme's unlisted projects (steelworks/construction.hpp).
void step_construction(World& w, MonthContext& x) {
  construction_month(w, static_cast<double>(x.people.construction) * w.weight);
}
void step_labour_market(World& w, MonthContext& x) { x.labour = labour_market_month(w, x.people); }
void step_family_follow(World& w, MonthContext& x) { x.labour.migrants_in += family_follow_month(w); }
void step_housing(World& w, MonthContext& x) { housing_month(w, x.people.construction, x.people.city, x.housing); }
void step_sd_baseline(World& w, MonthContext& x) { sd_step(w, x.events); }
// Production employees; Angang-Construction is paid from capital construction.
void step_finance(World& w, MonthContext& x) { finance_month(w, static_cast<double>(x.people.works) * w.weight); }
void step_month_outputs(World& w, MonthContext& x) {
  const int y = w.year();
  const auto& t = month_flow_outputs();
  for (size_t i = 0; i < t.size(); ++i) w.rec.add(w.table_series[i], y, t[i].value(w, x));
  w.peak_agents = std::max(w.peak_agents, w.people.living());
}
void step_close_plan_year(World& w, MonthContext&) { close_plan_year(w); }
void step_close_finance_year(World& w, MonthContext&) { close_finance_year(w); }
void step_year_end_outputs(World& w, MonthContext&) {
  const int y = w.year();
  const YearEndCensus c = take_census(w);
  const size_t off = month_flow_outputs().size();
  const auto& t = year_end_outputs();
  for (size_t i = 0; i < t.size(); ++i) {
    const double v = t[i].value(w, c);
    if (!std::isnan(v)) w.rec.set(w.table_series[off + i], y, v);
  }
}
void step_close_steel_year(World& w, MonthContext&) { close_steel_year(w); }
void step_people_year(World& w, MonthContext& x) { record_people_year(w, x.people); }
void step_compact(World& w, MonthContext&) {
  w.people.compact();
  std::erase_if(w.live_households, [&](uint32_t h) { return w.people.household_sizes()[h] == 0; });
}

}  // namespace

const std::vector<Step>& schedule() {
  using P = Phase;
  static const std::vector<Step> t = {
      {"regimes", "regime in force and dated set_param events", P::kEvents, "src/regimes/timeline.cpp", step_regimes},
      {"facility_events", "facility damage, repair, idling, restart and removal events", P::kEvents,
       "src/steelworks/registry.cpp", step_facility_events},
      {"population_events", "repatriations, sending-back drives, transfers out", P::kEvents, "src/people/migration.cpp",
       step_population_events},
      {"campaigns", "labels at liberation; campaigns select and punish targets; fear; proposals", P::kEvents,
       "src/regimes/campaigns.cpp", step_campaigns},
      {"plan_revision", "political targets revised in the course of the year take effect", P::kEvents,
       "src/planning/annual_plan.cpp", step_plan_revision},
      {"plan_cycle", "control figures, drafts, approval, political targets, material balance", P::kJanuary,
       "src/planning/annual_plan.cpp", step_plan_cycle},
      {"units_plan", "production units: targets, hoards and cooperation chosen under the reward scheme", P::kJanuary,
       "src/enterprises/units.cpp", step_units_plan},
      {"unit_output", "units decide how much of their potential to use", P::kProduction,
       "src/enterprises/unit_behaviour.cpp", step_unit_output},
      {"produce", "the works produce along the chain; rejects, wear, small furnaces, bottlenecks", P::kProduction,
       "src/steelworks/production.cpp", step_produce},
      {"report_and_ship", "units report (hiding) and ship against orders (stock)", P::kProduction,
       "src/enterprises/unit_behaviour.cpp", step_report_and_ship},
      {"labour_demand", "wanted employees of the works, Angang-Construction and the city", P::kLabourDemand,
       "src/enterprises/works_labour.cpp", step_labour_demand},
      {"wage_scale", "the wage scale of the regime", P::kLabourDemand, "src/people/demography.cpp", step_wage_scale},
      {"technician_premium", "the technician premium glides to the regime's value", P::kLabourDemand,
       "src/people/demography.cpp", step_technician_premium},
      {"demography", "one pass over persons: deaths, births, ageing, careers, households, departures", P::kPeople,
       "src/people/demography.cpp", step_demography},
      {"workforce", "the works' trained and untrained pools: transfers, newcomers, learning", P::kPeople,
       "src/enterprises/workforce.cpp", step_workforce},
      {"expertise", "experts by origin: stock, coverage, pace of repair and start-up; experience learnt", P::kPeople,
       "src/people/expertise.cpp", step_expertise},
      {"labour_market", "lay-offs, hiring, migrant recruitment, blind inflow", P::kLabourMarket,
       "src/enterprises/labour_market.cpp", step_labour_market},
      {"family_follow", "families of recruits join them from the village", P::kLabourMarket,
       "src/people/family_follow.cpp", step_family_follow},
      {"housing", "building, decay, allocation by employer and rank, sharing, self-building", P::kCity,
       "src/city/housing.cpp", step_housing},
      {"construction", "capital construction: spending becomes capacity under construction, then commissioned",
       P::kCity, "src/steelworks/construction.cpp", step_construction},
      {"sd_baseline", "the aggregate system-dynamics city model advances a month", P::kBaseline,
       "src/people/sd_baseline.cpp", step_sd_baseline},
      {"finance", "costs, wages, funds, investment and overspending", P::kAccounts, "src/enterprises/finance.cpp",
       step_finance},
      {"month_outputs", "this month's flows added to the year (month_flow_outputs)", P::kOutputs,
       "src/engine/schedule.cpp", step_month_outputs},
      {"close_plan_year", "plan fulfilment and the plan series", P::kDecember, "src/planning/annual_plan.cpp",
       step_close_plan_year},
      {"close_finance_year", "profit, retention and the accounts' series", P::kDecember, "src/enterprises/finance.cpp",
       step_close_finance_year},
      {"year_end_outputs", "stocks at year end (year_end_outputs)", P::kDecember, "src/engine/schedule.cpp",
       step_year_end_outputs},
      {"close_steel_year", "the works' year-end stocks, ratios and bottlenecks", P::kDecember,
       "src/steelworks/production.cpp", step_close_steel_year},
      {"people_year", "occupations, wages and housing at year end", P::kDecember, "src/people/people_outputs.cpp",
       step_people_year},
      {"compact", "removed persons compacted out of storage (order-preserving)", P::kDecember,
       "src/engine/schedule.cpp", step_compact},
  };
  return t;
}

// ---------------------------------------------------------------------------
// The rules (model-spec.md §3 R-numbers where they have one).
const std::vector<RuleInfo>& rules() {
  static const std::vector<RuleInfo> t = {
      {"R1",
       "plan formulation: control figures, drafts, top-down approval, material balance",
       "plan_cycle",
       "src/planning/annual_plan.cpp",
       "plan_active",
       {"plan_growth", "plan_ministry_weight"},
       "L3176, L3182"},
      {"R2",
       "ratchet: targets follow reported results; units restrict output to stay near target",
       "plan_cycle",
       "src/planning/annual_plan.cpp, src/enterprises/unit_behaviour.cpp, src/enterprises/units.cpp",
       "rule_ratchet",
       {"plan_ratchet", "unit_effort_cost", "unit_discount", "unit_miss_penalty", "unit_bonus_share"},
       "L3442"},
      {"R3a",
       "bargaining: units shade drafts (and profit targets) to get low quotas",
       "plan_cycle",
       "src/planning/annual_plan.cpp, src/enterprises/finance.cpp, src/enterprises/units.cpp",
       "rule_bargaining",
       {"unit_shading_cost", "plan_profit_shading"},
       "L3178"},
      {"R3b",
       "hiding: over-fulfilment banked and reported in a later month",
       "report_and_ship",
       "src/enterprises/unit_behaviour.cpp, src/enterprises/units.cpp",
       "rule_hiding",
       {"unit_audit_probability", "unit_hide_penalty"},
       "L3178, L3442"},
      {"R4",
       "sectionalism: units withhold cooperation from each other",
       "unit_output",
       "src/enterprises/unit_behaviour.cpp, src/enterprises/units.cpp",
       "rule_sectionalism",
       {"unit_cooperation", "sectionalism_loss", "unit_collective_share", "unit_help_cost"},
       "L3190-3198"},
      {"R5",
       "material allocation: the plan covers part of the needs, markets part of the rest",
       "unit_output",
       "src/enterprises/unit_behaviour.cpp",
       "rule_partial_plan",
       {"supply_plan_coverage", "supply_market_fill"},
       "L3204, L3222-3224"},
      {"R7",
       "late deliveries: supplier enterprises deliver late or short; imported equipment arrives late",
       "unit_output",
       "src/enterprises/unit_behaviour.cpp, src/steelworks/registry.cpp",
       "rule_late_deliveries",
       {"supply_late_probability", "supply_late_loss", "delivery_lag_months"},
       "L3230, L2833-2867"},
      {"R8",
       "quantity over quality: rejects and below-grade output grow with pressure",
       "produce",
       "src/steelworks/production.cpp",
       "",
       {"quality_q0", "quality_k", "quality_pressure_cap", "quality_first_rate_plan"},
       "L3317, L4823"},
      {"R9",
       "unsold stock: tonnage regardless of orders; stock piles up; outside sales",
       "report_and_ship",
       "src/enterprises/unit_behaviour.cpp, src/steelworks/production.cpp",
       "rule_quantity_first",
       {"demand_order_share", "stock_clearance_per_year", "quality_offgrade_stock_share", "demand_outside_pig_iron_t",
        "demand_outside_coke_t"},
       "L3333, L3345"},
      {"R10",
       "soft budget: losses expected to be covered; units hoard, over-produce and ask more; retention",
       "finance",
       "src/enterprises/finance.cpp, src/enterprises/unit_behaviour.cpp, src/enterprises/units.cpp",
       "rule_soft_budget",
       {"invest_state_yuan", "invest_overspend_share", "retention_planned_share", "retention_above_plan_share",
        "unit_coverage_learning", "unit_hoard_max_months", "unit_holding_cost", "unit_hoard_fill"},
       "L3250, L3265-3269"},
      {"R11",
       "two-level accounting: bank reviews stop unapproved spending and harden the units' expectations",
       "finance",
       "src/enterprises/finance.cpp, src/enterprises/units.cpp",
       "rule_two_level_accounting",
       {"bank_review_probability"},
       "L3287-3293"},
      {"R12",
       "funds counted as costs: welfare, insurance, major maintenance",
       "finance",
       "src/enterprises/finance.cpp",
       "",
       {"fund_welfare_share", "fund_insurance_share", "fund_maintenance_share"},
       "L3275, L3365"},
      {"R13",
       "piece rates: falsified reports, overtime for pay, furnace-damaging competition",
       "finance",
       "src/enterprises/work_floor.cpp",
       "rule_piece_rates",
       {"wage_piece_share", "piece_false_report_share", "piece_audit_probability", "piece_overtime_share",
        "piece_wear_push"},
       "L3430-3450, L5302"},
      {"R14",
       "corruption: purchasing officers overcharge their own company",
       "finance",
       "src/enterprises/work_floor.cpp",
       "rule_corruption",
       {"corruption_purchase_share"},
       "L3232, L3305"},
      {"R15",
       "political campaigns select targets by label, position and behaviour; work time lost, effort",
       "campaigns",
       "src/regimes/campaigns.cpp",
       "",
       {"politics_good_label_weight", "politics_other_position_weight", "politics_report_threshold",
        "politics_struggle_months", "politics_caution_weight", "politics_one_chief_shield"},
       "L4261-4281, L4303, L4389"},
      {"R15a",
       "Campaign to Suppress Counter-revolutionaries (city-wide, informers, suspect labels)",
       "campaigns",
       "src/regimes/campaigns.cpp",
       "rule_campaign_suppression",
       {"politics_good_label_weight", "politics_other_position_weight", "politics_report_threshold",
        "politics_struggle_months"},
       "L4267-4269"},
      {"R15b",
       "Three-Anti and Five-Anti (Angang staff and technicians, anonymous reports)",
       "campaigns",
       "src/regimes/campaigns.cpp",
       "rule_campaign_three_anti",
       {"politics_good_label_weight", "politics_other_position_weight", "politics_report_threshold",
        "politics_struggle_months"},
       "L4303-4313"},
      {"R15c",
       "cleansing of Angang-Construction, 1955",
       "campaigns",
       "src/regimes/campaigns.cpp",
       "rule_campaign_cleansing",
       {"politics_good_label_weight", "politics_other_position_weight", "politics_report_threshold",
        "politics_struggle_months"},
       "L4689-4697"},
      {"R15d",
       "Sufan, 1956 (the prosecutor's agents)",
       "campaigns",
       "src/regimes/campaigns.cpp",
       "rule_campaign_sufan",
       {"politics_good_label_weight", "politics_other_position_weight", "politics_report_threshold",
        "politics_struggle_months"},
       "L4697, L4465"},
      {"R15e",
       "Anti-Rightist Campaign (who spoke out in the Hundred Flowers: engineers and technicians, staff, few workers)",
       "campaigns",
       "src/regimes/campaigns.cpp",
       "rule_campaign_anti_rightist",
       {"politics_struggle_months"},
       "L4783-4855, L5162"},
      {"R15f",
       "Pull Out White Flags: cautious managers punished, 1958",
       "campaigns",
       "src/regimes/campaigns.cpp",
       "rule_campaign_white_flags",
       {"politics_good_label_weight", "politics_other_position_weight", "politics_report_threshold",
        "politics_struggle_months", "politics_caution_weight"},
       "L5164-5176"},
      {"R15g",
       "campaign against right deviation after Lushan, 1959-60",
       "campaigns",
       "src/regimes/campaigns.cpp",
       "rule_campaign_second_anti_rightist",
       {"politics_good_label_weight", "politics_other_position_weight", "politics_report_threshold",
        "politics_struggle_months", "politics_caution_weight"},
       "L4995, L5176"},
      {"fear",
       "campaign targets raise fear; fear raises political pressure and bends drafts toward control figures",
       "campaigns",
       "src/regimes/campaigns.cpp",
       "rule_fear",
       {"politics_fear_response", "politics_fear_decay", "politics_fear_pressure", "politics_fear_draft"},
       "spec R15 (c), L4823, L5168"},
      {"R16",
       "labour emulation: time, effort and rationalisation proposals accepted as fear grows",
       "campaigns",
       "src/regimes/campaigns.cpp",
       "rule_campaign_emulation",
       {"politics_proposal_rate", "politics_proposal_accept"},
       "L4333, L4407, L4823"},
      {"R17",
       "class labels fixed at liberation from origin and history, at entry, and by campaigns",
       "campaigns",
       "src/regimes/campaigns.cpp",
       "rule_labels",
       {"politics_label_date", "politics_career_age", "politics_capitalist_share", "politics_landlord_share"},
       "L4503, L4677, L4687, L4729"},
      {"constitution",
       "the Angang Constitution: workers in management (meetings), cadres in labour, innovation proposals",
       "campaigns",
       "src/regimes/campaigns.cpp",
       "rule_angang_constitution",
       {"politics_constitution_date", "politics_participant_share", "politics_meeting_time_share",
        "politics_cadre_labour_share", "politics_constitution_proposal_factor", "politics_proposal_gain"},
       "L4923-4937, L4628, L5254"},
      {"R18",
       "the danwei: employers build and allocate housing by employer and rank",
       "housing",
       "src/city/housing.cpp",
       "",
       {"housing_unproductive_share", "housing_m2_per_worker_year", "housing_living_share", "housing_flat_m2",
        "housing_dorm_m2", "housing_share_policy"},
       "L3363, L3377, L4105"},
      {"R19",
       "control line: the local Party line's weight; a Party committee pushes approved plans up",
       "plan_cycle",
       "src/regimes/control.cpp, src/planning/annual_plan.cpp",
       "rule_party_committee",
       {"control_local_weight", "politics_party_committee_start", "politics_committee_1954_start",
        "politics_committee_1954_end", "politics_committee_weight", "politics_committee_push"},
       "L3022-3030, L3110, L3164, L5430"},
      {"R19a",
       "one-chief rule: managers decide personnel (promotions by skill) and shield their experts from campaigns",
       "campaigns",
       "src/regimes/control.cpp",
       "rule_one_chief",
       {"politics_one_chief_start", "politics_one_chief_end", "politics_one_chief_shield"},
       "L3072, L3134, L3164"},
      {"R21",
       "expert stock: experts as persons by origin bound output and pace restoration, repair, start-up, training",
       "expertise",
       "src/people/expertise.cpp, src/regimes/campaigns.cpp, src/steelworks/registry.cpp, src/steelworks/wear.cpp",
       "rule_expert_stock",
       {"expert_need_per_kt", "expert_output_elasticity", "expert_pace_elasticity", "expert_pace_floor",
        "expert_weight_japanese", "expert_weight_nationalist_era", "expert_formation_era"},
       "L2300-2353, L2435, L2811"},
      {"japanese_retained",
       "Japanese engineers and technicians kept after 1945 count as experts",
       "expertise",
       "src/people/expertise.cpp",
       "rule_japanese_retained",
       {"expert_weight_japanese"},
       "L1695, L1711, L2435, L2496"},
      {"soviet_experts",
       "Soviet advisers at Angang count as experts (set by dated events)",
       "expertise",
       "src/people/expertise.cpp",
       "rule_soviet_experts",
       {"expert_soviet_advisers", "expert_weight_soviet", "expert_startup_need_per_myuan"},
       "L2172, L2795, L2811, L4925"},
      {"ussr_training",
       "a share of new technicians is trained in Soviet plants",
       "expertise",
       "src/people/expertise.cpp",
       "rule_ussr_training",
       {"expert_ussr_trained_share", "expert_weight_ussr"},
       "L2604, L3040"},
      {"transfers_out",
       "works employees sent to other enterprises (transfer_out events)",
       "population_events",
       "src/people/migration.cpp",
       "rule_transfers_out",
       {},
       "L2928, L3935, L5046"},
      {"skill_stock",
       "persons' works experience: recruits start low and learn; skill lowers rejects and wear",
       "expertise",
       "src/people/expertise.cpp, src/steelworks/production.cpp, src/steelworks/wear.cpp",
       "rule_skill_stock",
       {"skill_recruit_level", "skill_learning_months", "skill_reference", "skill_reject_response",
        "skill_wear_response"},
       "L4719, L5323"},
      {"R22",
       "labour supply by regime: recruitment, hukou and grain controls, returns",
       "labour_market",
       "src/enterprises/labour_market.cpp, src/people/migration.cpp",
       "",
       {"migration_response", "migration_control", "migration_japanese_share", "migration_korean_share",
        "migration_unregistered_return", "labour_hire_unregistered"},
       "L1139, L3967, L4035"},
      {"R23",
       "Leap mobilisation: political targets override the plan; units overdrive",
       "plan_cycle",
       "src/planning/annual_plan.cpp, src/regimes/campaigns.cpp",
       "rule_political_targets",
       {"control_local_weight", "overdrive_response", "overdrive_max"},
       "L5007, L5104, L5023"},
      {"overdrive",
       "R23 overdriving: the target gap under Party pressure drives every process of the chain",
       "unit_output",
       "src/steelworks/overdrive.hpp, src/enterprises/unit_behaviour.cpp",
       "rule_overdrive",
       {"overdrive_response", "overdrive_max", "overdrive_pressure_floor", "control_local_weight"},
       "L5023, L3307-3315"},
      {"maintenance_skip",
       "overdriven units skip maintenance in proportion to the drive",
       "produce",
       "src/steelworks/overdrive.hpp, src/steelworks/wear.cpp",
       "rule_maintenance_skip",
       {"maintenance_skip_response"},
       "L5366"},
      {"repair",
       "repair within the repair shops' throughput; imported units wait for spare parts; slack crews repair",
       "produce",
       "src/steelworks/wear.cpp, src/steelworks/registry.cpp",
       "rule_repair_capacity",
       {"repair_capacity_share", "repair_slack_response", "soviet_parts_supply", "parts_domestic_share"},
       "L5398, L4925"},
      {"workforce",
       "trained and untrained labour: effective labour bounds output; transfers take trained staff",
       "workforce",
       "src/enterprises/workforce.cpp",
       "rule_untrained_recruits",
       {"labour_untrained_productivity", "labour_learning_rate", "labour_recruit_trained_share", "labour_need_share",
        "labour_drive_elasticity", "smallfurnace_works_share"},
       "L5323, L5046, L2928, L5025"},
      {"overtime",
       "short of hands for their targets, managers under pressure lengthen the week (Pencavel's output curve)",
       "unit_output",
       "src/enterprises/overtime.hpp, src/enterprises/unit_behaviour.cpp",
       "rule_overtime",
       {"hours_norm_week", "hours_proportional_week", "hours_flat_week", "hours_slope_beyond",
        "overdrive_pressure_floor", "control_local_weight"},
       "L3430-3440, L5007"},
      {"report_inflation",
       "units short of target under pressure report part of the gap as made",
       "report_and_ship",
       "src/enterprises/report_inflation.hpp",
       "rule_report_inflation",
       {"report_inflation_response", "report_inflation_max"},
       "L5056, L5252"},
      {"construction",
       "capacity as construction: the programme's unlisted projects; rushed units start impaired",
       "construction",
       "src/steelworks/construction.cpp",
       "",
       {"expansion_invest_share", "expansion_yuan_per_t", "expansion_months", "construction_normal_months",
        "construction_rush_wear"},
       "L5011, L5023, L5238, L2732-2747"},
      {"small_furnaces",
       "Leap small (native) furnaces: a separate low-quality sector",
       "produce",
       "src/steelworks/production.cpp",
       "",
       {"smallfurnace_iron_furnaces", "smallfurnace_steel_furnaces", "smallfurnace_workers",
        "smallfurnace_unusable_share"},
       "L5009, L5025"},
      {"production",
       "chain output: capacity, inputs rationed along the process chain, bottlenecks",
       "produce",
       "src/steelworks/production.cpp, src/steelworks/chain.cpp",
       "",
       {"steel_utilization", "coal_supply_share", "scrap_supply_share"},
       "model-spec §2.1; docs/steelworks.md"},
      {"wear",
       "equipment wear with operating intensity, restored by maintenance",
       "produce",
       "src/steelworks/production.cpp, src/steelworks/registry.cpp",
       "",
       {"wear_h0", "wear_k", "wear_design_utilization", "wear_restore_rate", "maintenance_share"},
       "model-spec §2.7; L5302"},
      {"removal",
       "the 1945 removal of machinery (removal events)",
       "facility_events",
       "src/steelworks/registry.cpp",
       "",
       {"removal_scale", "foundation_share"},
       "L1490-1511"},
      {"regimes",
       "regimes and dated parameter changes",
       "regimes",
       "src/regimes/timeline.cpp",
       "",
       {},
       "model-spec §5"},
      {"population_events",
       "repatriation, sending-back drives, transfers out",
       "population_events",
       "src/people/migration.cpp",
       "",
       {},
       "L1817, L1872, L2282"},
      {"demography",
       "deaths, births, ageing, leaving home, marriage, jobless departures",
       "demography",
       "src/people/demography.cpp",
       "",
       {"people_birth_rate", "people_death_rate", "migration_jobless_return", "people_leave_home_rate",
        "people_marriage_rate", "famine_death_response"},
       "assumption: crude rates (scenario sources); L4091"},
      {"promotion",
       "skill upgrades and promotion of skilled workers to technical cadre",
       "demography",
       "src/people/demography.cpp",
       "",
       {"labour_promotion_rate", "labour_promotion_min_skill", "labour_skill_upgrade_rate"},
       "L4727"},
      {"wages",
       "the 8-grade wage scale and the technician premium",
       "wage_scale",
       "src/people/demography.cpp",
       "",
       {"wage_scale_yuan", "wage_scale_growth", "wage_grade_step", "wage_technician_premium", "wage_staff_premium"},
       "L4531-4545"},
      {"hiring",
       "lay-offs above demand, hiring from the jobless, recruitment of migrants",
       "labour_market",
       "src/enterprises/labour_market.cpp, src/enterprises/works_labour.cpp, src/city/city_jobs.cpp",
       "",
       {"labour_employees_per_kt", "labour_idle_retention", "people_service_jobs_per_works_job",
        "labour_technician_hire_share", "labour_staff_hire_share"},
       "L1139"},
      {"recruit_supply",
       "the hinterland yields a bounded number of recruits a month; all employers' wants are scaled to it",
       "labour_market",
       "src/enterprises/recruit_supply.hpp, src/enterprises/labour_market.cpp, src/people/sd_baseline.cpp",
       "rule_recruit_supply",
       {"labour_recruit_supply", "labour_recruit_north_share", "labour_recruit_village_bases"},
       "L1139, L1141, L1155, L1157, L1159"},
      {"staff_establishment",
       "staff posts are a share of the employees; posts emptied by purges and deaths are refilled from hires",
       "labour_market",
       "src/enterprises/labour_market.cpp",
       "rule_staff_establishment",
       {"labour_staff_hire_share", "labour_technician_hire_share"},
       "L4580"},
      {"blind_inflow",
       "migrants who come without a job offer, pulled by vacancies, food and wages",
       "labour_market",
       "src/people/migration.cpp, src/people/sd_baseline.cpp",
       "",
       {"migration_blind_inflow", "migration_food_weight", "migration_wage_weight", "migration_ration_gap",
        "migration_rural_income_yuan", "migration_control"},
       "L3961, L3967"},
      {"families_follow",
       "recruits' families join them from the village",
       "family_follow",
       "src/people/family_follow.cpp",
       "",
       {"migration_family_follow_rate"},
       "L4155, L4157"},
      {"sd_baseline",
       "the aggregate system-dynamics city model beside the agents",
       "sd_baseline",
       "src/people/sd_baseline.cpp",
       "",
       {},
       "docs/people.md"},
  };
  return t;
}

std::vector<std::string> rule_switches() {
  std::vector<std::string> s;
  for (const RuleInfo& r : rules())
    if (std::string(r.switch_param).rfind("rule_", 0) == 0) s.emplace_back(r.switch_param);
  return s;
}

}  // namespace gangdu
