#include "engine/model.hpp"

#include <chrono>

#include "core/error.hpp"

#include "city/city_jobs.hpp"
#include "enterprises/finance.hpp"
#include "city/housing.hpp"
#include "enterprises/labour_market.hpp"
#include "enterprises/unit_behaviour.hpp"
#include "enterprises/works_labour.hpp"
#include "enterprises/workforce.hpp"
#include "people/demography.hpp"
#include "people/family_follow.hpp"
#include "people/migration.hpp"
#include "people/people_outputs.hpp"
#include "people/sd_baseline.hpp"
#include "planning/annual_plan.hpp"
#include "regimes/campaigns.hpp"
#include "steelworks/construction.hpp"
#include "steelworks/production.hpp"

namespace gangdu {

World::World(const Scenario& scenario, const RunOptions& options)
    : sc(scenario),
      opt(options),
      weight(1.0 / options.scale),
      clock(scenario.start, scenario.end),
      params(scenario),
      P(params.typed()),
      regimes(scenario),
      facilities(scenario),
      steel(scenario),
      rec(scenario.start.year(), scenario.end.year()),
      key_deaths(rng::key(options.seed, rng::StreamId::kDeaths)),
      key_births(rng::key(options.seed, rng::StreamId::kBirths)),
      key_labour(rng::key(options.seed, rng::StreamId::kLabour)),
      key_leave(rng::key(options.seed, rng::StreamId::kCity)),
      key_events(rng::key(options.seed, rng::StreamId::kEvents)),
      key_units(rng::key(options.seed, rng::StreamId::kUnits)),
      migration_stream(options.seed, rng::StreamId::kMigration),
      household_stream(options.seed, rng::StreamId::kHouseholds),
      event_stream(options.seed, rng::StreamId::kEvents) {
  for (const auto& [name, value] : options.forced) {
    const ParamDef* d = find_param_def(name);
    if (!d) throw InputError("--switch", 0, 0, name, "unknown parameter");
    if (!(value >= d->min && value <= d->max)) throw InputError("--switch", 0, 0, name, "value out of range");
    params.force(name, value);
  }
  key_people = rng::key(options.seed, rng::StreamId::kPeople);
  key_housing = rng::key(options.seed, rng::StreamId::kHousing);
  // assumption: room for 1.5 million persons at scale 1 avoids reallocation in the month loop.
  const size_t cap = static_cast<size_t>(1.5e6 * options.scale) + 1024;
  people.reserve(cap, cap / 2);
  household_head.reserve(cap / 2);
  household_leaving.reserve(cap / 2);
  household_employer.reserve(cap / 2);
  household_band.reserve(cap / 2);
  live_households.reserve(cap / 2);
  waiting_families.reserve(cap / 4);
  housing.waiting.reserve(cap / 2);
  housing.ordered.reserve(cap / 2);
  auto& r = rec;
  auto S = SeriesKind::kStock;
  auto F = SeriesKind::kFlow;
  v.pig_iron = r.declare("angang.pig_iron_t", F);
  v.steel = r.declare("angang.steel_t", F);
  v.rolled = r.declare("angang.rolled_steel_t", F);
  v.cap_ore = r.declare("angang.capacity_ore_t", S);
  v.cap_pig_iron = r.declare("angang.capacity_pig_iron_t", S);
  v.cap_steel = r.declare("angang.capacity_steel_t", S);
  v.cap_rolled = r.declare("angang.capacity_rolled_steel_t", S);
  v.cap_installed_pig_iron = r.declare("angang.capacity_installed_pig_iron_t", S);
  v.impaired_share = r.declare("angang.equipment_impaired_share", S);
  v.employees = r.declare("angang.employees", S);
  v.recruited = r.declare("angang.recruited", F);
  v.laid_off = r.declare("angang.laid_off", F);
  v.population = r.declare("anshan.population", S);
  v.pop_chinese = r.declare("anshan.population_chinese", S);
  v.pop_japanese = r.declare("anshan.population_japanese", S);
  v.pop_korean = r.declare("anshan.population_korean", S);
  v.births = r.declare("anshan.births", F);
  v.deaths = r.declare("anshan.deaths", F);
  v.migrants_in = r.declare("anshan.migrants_in", F);
  v.migrants_out = r.declare("anshan.migrants_out", F);
  v.sent_back = r.declare("anshan.sent_back", F);
  v.repatriated = r.declare("anshan.repatriated", F);
  v.jobless = r.declare("anshan.jobless", S);
  v.city_jobs = r.declare("anshan.city_jobs", S);
  v.households = r.declare("anshan.households_formed", S);
  v.plan_target_pig = r.declare("plan.target_pig_iron_t", S);
  v.plan_target_steel = r.declare("plan.target_steel_t", S);
  v.plan_target_rolled = r.declare("plan.target_rolled_steel_t", S);
  v.plan_fulfil_pig = r.declare("plan.fulfilment_pig_iron", S);
  v.plan_fulfil_steel = r.declare("plan.fulfilment_steel", S);
  v.plan_fulfil_rolled = r.declare("plan.fulfilment_rolled_steel", S);
  v.regime_index = r.declare("regime.index", S);
  v.plan_control_pig = r.declare("plan.control_pig_iron_t", S);
  v.plan_control_steel = r.declare("plan.control_steel_t", S);
  v.plan_control_rolled = r.declare("plan.control_rolled_steel_t", S);
  v.plan_draft_pig = r.declare("plan.draft_pig_iron_t", S);
  v.plan_draft_steel = r.declare("plan.draft_steel_t", S);
  v.plan_draft_rolled = r.declare("plan.draft_rolled_steel_t", S);
  v.plan_reported_pig = r.declare("plan.reported_pig_iron_t", S);
  v.plan_reported_steel = r.declare("plan.reported_steel_t", S);
  v.plan_reported_rolled = r.declare("plan.reported_rolled_steel_t", S);
  v.finished_stock = r.declare("angang.finished_stock_t", S);
  v.pig_iron_stock = r.declare("angang.pig_iron_stock_t", S);
  v.order_fulfilment = r.declare("angang.order_fulfilment", S);
  v.supply_loss = r.declare("angang.supply_shortfall_t", S);
  v.restricted_output = r.declare("angang.restricted_output_t", S);
  v.profit = r.declare("angang.profit_yuan", S);
  v.profit_planned = r.declare("angang.profit_planned_yuan", S);
  v.profit_retained_share = r.declare("angang.profit_retained_share", S);
  v.profit_retained = r.declare("angang.profit_retained_yuan", S);
  v.investment = r.declare("angang.investment_yuan", S);
  v.fixed_assets = r.declare("angang.fixed_assets_yuan", S);
  v.revenue = r.declare("angang.revenue_yuan", S);
  v.costs = r.declare("angang.costs_yuan", S);
  v.overspend = r.declare("angang.overspend_yuan", S);
  v.political_target_steel = r.declare("plan.political_target_steel_t", S);
  v.campaign_labelled = r.declare("campaign.labelled", F);
  v.campaign_dismissed = r.declare("campaign.dismissed_from_works", F);
  v.transferred_out = r.declare("angang.transferred_out", F);
  declare_steel_series(*this);
  declare_people_series(*this);
}

void step_month(World& w) {
  const Month m = w.clock.now();
  const int y = m.year();
  const double wt = w.weight;

  // 1. Regimes and dated events.
  w.regimes.apply(m, w.params);
  w.facilities.apply_events(w.sc, m, w.P.removal_scale);
  const PopulationEventTally ev = population_events(w);
  const CampaignTally ct = campaign_month(w);

  // 2. Planning: annual control figures in January.
  if (m.is_january()) set_annual_targets(w);

  // 3. Production units decide how much of their potential to use (supply,
  //    late deliveries, sectionalism, quota restriction); the works produce
  //    along the chain; units report (hiding) and ship (orders, stock).
  decide_unit_output(w);
  produce_month(w);
  report_and_ship(w);

  // 4. Enterprises and city: labour demand.
  w.works_demand = works_labour_demand(w);
  w.construction_demand = construction_labour_demand(w);
  w.city_demand = city_labour_demand(w);
  update_wage_scale(w);
  update_technician_premium(w);

  // 5. People: deaths, births, labour-force entry and exit, jobless departures.
  MonthTally t;
  demography_month(w, t);

  // 5a. The works' trained and untrained pools (enterprises/workforce.hpp): transfers take
  //     trained staff, newcomers arrive mostly untrained and learn.
  update_trained_pool(workforce_params(w), w.ent.workforce, static_cast<double>(t.works) * wt,
                      static_cast<double>(ev.transferred_out) * wt);
  w.rec.set(w.steel.employees_trained, y, w.ent.workforce.trained);

  // 6. Labour market: lay-offs, hiring, migrant recruitment, blind inflow.
  LabourTally lt = labour_market_month(w, t);
  // 6a. Families of recruits left in the village join their workers (families follow).
  lt.migrants_in += family_follow_month(w);

  // 6b. The danwei and the city: housing construction, the danwei tie, allocation.
  HousingTally ht;
  housing_month(w, t.construction, t.city, ht);

  // 6c'. Capital construction: the programme's unlisted projects (steelworks/construction.hpp).
  construction_month(w, static_cast<double>(t.construction) * wt);

  // 6c. The aggregate system-dynamics baseline, driven by the same demands and events.
  sd_step(w, ev);

  // 7. Accounts: costs, wages, funds, investment (production employees; Angang-Construction
  //    is paid from capital construction).
  finance_month(w, static_cast<double>(t.works) * wt);

  // 8. Outputs: flows this month; stocks at year end.
  w.rec.add(w.v.births, y, static_cast<double>(t.births) * wt);
  w.rec.add(w.v.deaths, y, static_cast<double>(t.deaths) * wt);
  w.rec.add(w.v.migrants_out, y, static_cast<double>(t.left) * wt);
  w.rec.add(w.v.migrants_in, y, static_cast<double>(lt.migrants_in) * wt);
  w.rec.add(w.v.recruited, y, static_cast<double>(lt.recruited_works) * wt);
  w.rec.add(w.v.laid_off, y, static_cast<double>(lt.laid_off_works) * wt);
  w.rec.add(w.v.sent_back, y, static_cast<double>(ev.sent_back) * wt);
  w.rec.add(w.v.repatriated, y, static_cast<double>(ev.repatriated) * wt);
  w.rec.add(w.v.transferred_out, y, static_cast<double>(ev.transferred_out) * wt);
  w.rec.add(w.v.campaign_labelled, y, static_cast<double>(ct.labelled) * wt);
  w.rec.add(w.v.campaign_dismissed, y, static_cast<double>(ct.dismissed) * wt);
  record_people_month(w, t, lt, ht);
  w.peak_agents = std::max(w.peak_agents, w.people.living());

  if (m.is_december()) {
    close_plan_year(w);
    close_finance_year(w);
    const UnitsState& u = w.ent.units;
    w.rec.set(w.v.finished_stock, y, u.stock[2] + u.stock[3]);
    w.rec.set(w.v.pig_iron_stock, y, u.stock[1]);
    double orders = 0, shipped = 0, lost = 0, restricted = 0;
    for (size_t s = 1; s < kStageCount; ++s) {
      orders += u.orders_year[s];
      shipped += u.shipped_year[s];
      lost += u.supply_loss_year[s];
      restricted += u.restricted_year[s];
    }
    if (w.plan.active && orders > 0) w.rec.set(w.v.order_fulfilment, y, shipped / orders);
    w.rec.set(w.v.supply_loss, y, lost);
    w.rec.set(w.v.restricted_output, y, restricted);
    // Stocks are counted after this month's hiring and arrivals.
    int64_t works = 0, city = 0, jobless = 0;
    int64_t eth[kEthnicityCount] = {0, 0, 0};
    const Population& pop = w.people;
    for (uint32_t i = 0; i < pop.size(); ++i) {
      if (!pop.alive_flags()[i]) continue;
      ++eth[pop.ethnicities()[i]];
      const uint8_t e = pop.employers()[i];
      works += e == 1 || e == 3;  // the works and Angang-Construction
      city += e == 2;
      jobless += (e == 0 && pop.labour_force()[i]);
    }
    w.rec.set(w.v.population, y, static_cast<double>(pop.living()) * wt);
    w.rec.set(w.v.pop_chinese, y, static_cast<double>(eth[0]) * wt);
    w.rec.set(w.v.pop_japanese, y, static_cast<double>(eth[1]) * wt);
    w.rec.set(w.v.pop_korean, y, static_cast<double>(eth[2]) * wt);
    w.rec.set(w.v.employees, y, static_cast<double>(works) * wt);
    w.rec.set(w.v.city_jobs, y, static_cast<double>(city) * wt);
    w.rec.set(w.v.jobless, y, static_cast<double>(jobless) * wt);
    w.rec.set(w.v.households, y, static_cast<double>(pop.households()) * wt);
    w.rec.set(w.v.cap_ore, y, w.usable[0]);
    w.rec.set(w.v.cap_pig_iron, y, w.usable[1]);
    w.rec.set(w.v.cap_steel, y, w.usable[2]);
    w.rec.set(w.v.cap_rolled, y, w.usable[3]);
    w.rec.set(w.v.cap_installed_pig_iron, y, w.installed[1]);
    double inst = 0, use = 0;
    for (int s = 0; s < kStageCount; ++s) {
      inst += w.installed[static_cast<size_t>(s)];
      use += w.usable[static_cast<size_t>(s)];
    }
    w.rec.set(w.v.impaired_share, y, inst > 0 ? 1.0 - use / inst : 0.0);
    w.rec.set(w.v.regime_index, y, w.regimes.current());
    close_steel_year(w);
    record_people_year(w, t);
    w.people.compact();
    std::erase_if(w.live_households, [&](uint32_t h) { return w.people.household_sizes()[h] == 0; });
  }
  w.clock.advance();
}

RunResult run_model(const Scenario& sc, const RunOptions& opt) { return run_model(sc, opt, MonthHook{}); }

RunResult run_model(const Scenario& sc, const RunOptions& opt, const MonthHook& on_month) {
  const auto t0 = std::chrono::steady_clock::now();
  RunResult r;
  r.world = std::make_unique<World>(sc, opt);
  World& w = *r.world;
  w.regimes.apply(w.clock.now(), w.params);
  seed_population(w);
  while (!w.clock.done()) {
    step_month(w);
    if (on_month && !on_month(w)) break;
  }
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

RunResult continue_model(std::unique_ptr<World> world) {
  const auto t0 = std::chrono::steady_clock::now();
  RunResult r;
  r.world = std::move(world);
  while (!r.world->clock.done()) step_month(*r.world);
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace gangdu
