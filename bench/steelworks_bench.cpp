// Speed of the steelworks layer: one month's chain solve for the Anshan chain.
#include <benchmark/benchmark.h>

#include "scenario/scenario.hpp"
#include "steelworks/chain.hpp"

static void BM_ChainSolveAnshan(benchmark::State& state) {
  const gangdu::Scenario sc = gangdu::load_default_scenario();
  const gangdu::Chain chain(sc);
  std::vector<double> cap(chain.size(), 1e5), params(chain.param_names().size(), 0.8);
  gangdu::Chain::Flows f;
  chain.solve(cap, params, f);  // allocate once
  for (auto _ : state) {
    chain.solve(cap, params, f);
    benchmark::DoNotOptimize(f.x.data());
  }
  state.counters["iterations"] = f.iterations;
}
BENCHMARK(BM_ChainSolveAnshan);
