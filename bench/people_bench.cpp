// Benchmarks of the people layer: person-months per second of the monthly
// person passes (demography, labour market, housing), and of whole histories.
// Run: ./build/bench/gangdu_bench --benchmark_filter=People
#include <benchmark/benchmark.h>

#include "city/housing.hpp"
#include "engine/model.hpp"
#include "enterprises/labour_market.hpp"
#include "people/demography.hpp"
#include "people/migration.hpp"

namespace {

using namespace gangdu;

// One month of the person-level rules on a population of state.range(0) persons
// (the seeded town of the default scenario, scaled up), with a works labour
// demand of a quarter of the persons and employer housing to allocate.
void BM_PeopleMonth(benchmark::State& state) {
  const auto persons = static_cast<double>(state.range(0));
  // Not static: each Arg needs its own population size (a static scenario made the
  // 600000 case run on the 100000 town while recruiting for 600000).
  const Scenario sc = load_default_scenario({{"population.chinese", std::to_string(persons)}});
  RunOptions o;
  o.seed = 11;
  World w(sc, o);
  w.regimes.apply(w.clock.now(), w.params);
  seed_population(w);
  w.works_demand = persons * 0.25;
  w.construction_demand = persons * 0.05;
  int64_t person_months = 0;
  for (auto _ : state) {
    MonthTally t;
    demography_month(w, t);
    const LabourTally lt = labour_market_month(w, t);
    HousingTally ht;
    housing_month(w, t.construction, t.city, ht);
    benchmark::DoNotOptimize(lt.migrants_in + ht.allocated);
    person_months += t.living;
    w.clock.advance();
  }
  state.counters["person_months_per_s"] =
      benchmark::Counter(static_cast<double>(person_months), benchmark::Counter::kIsRate);
  state.counters["persons"] = static_cast<double>(w.people.living());
}
BENCHMARK(BM_PeopleMonth)->Arg(100000)->Arg(600000)->Unit(benchmark::kMillisecond);

// The whole default history (1916-1964) at scale state.range(0)/100.
void BM_PeopleHistory(benchmark::State& state) {
  static const Scenario sc = load_default_scenario();
  RunOptions o;
  o.seed = sc.default_seed;
  o.scale = static_cast<double>(state.range(0)) / 100.0;
  double person_months = 0;
  for (auto _ : state) {
    const RunResult r = run_model(sc, o);
    // Agent-months: the year-end population x 12 per year (agents = persons x scale).
    for (int y = r.world->rec.first_year(); y <= r.world->rec.last_year(); ++y)
      person_months += 12.0 * r.world->rec.get("anshan.population", y) * o.scale;
  }
  state.counters["person_months_per_s"] = benchmark::Counter(person_months, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PeopleHistory)->Arg(10)->Arg(100)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
