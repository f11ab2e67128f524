#include "engine/model.hpp"

#include <chrono>

#include "core/error.hpp"
#include "engine/schedule.hpp"
#include "enterprises/finance.hpp"
#include "enterprises/units.hpp"
#include "people/migration.hpp"
#include "people/people_outputs.hpp"
#include "planning/plan_outputs.hpp"
#include "regimes/campaigns.hpp"
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
  // Series written by rules through handles (the tables' series: declare_table_series).
  auto& r = rec;
  const auto F = SeriesKind::kFlow;
  v.pig_iron = r.declare({"angang.pig_iron_t", F, "t", "pig iron made by the works in the year", "production"});
  v.steel = r.declare({"angang.steel_t", F, "t", "steel ingot made by the works in the year", "production"});
  v.rolled = r.declare({"angang.rolled_steel_t", F, "t", "rolled steel made by the works in the year", "production"});
  declare_plan_series(*this);
  declare_finance_series(*this);
  declare_table_series(*this);
  declare_steel_series(*this);
  init_units(*this);
  declare_unit_series(*this);
  declare_people_series(*this);
  declare_expertise_series(*this);
  declare_politics_series(*this);  // issue 22
}

// One month: the steps of engine/schedule.cpp in order (January steps in
// January only, December steps in December only).
void step_month(World& w) {
  const Month m = w.clock.now();
  MonthContext x;
  for (const Step& s : schedule()) {
    if (s.phase == Phase::kJanuary && !m.is_january()) continue;
    if (s.phase == Phase::kDecember && !m.is_december()) continue;
    s.run(w, x);
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
