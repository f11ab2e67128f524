// Benchmarks of the planning engine (issue 9): each method at 10^3..10^6
// products on synthetic economies (nonzeros ~ n ln n), and the same problems
// through COIN-OR CLP directly. Run scripts/bench-plan.sh for the table.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "planning/economy/io.hpp"
#include "planning/economy/methods.hpp"

namespace {
using namespace gangdu::plan;

// CLP is given at most this long per solve (assumption: beyond 10 minutes on
// this machine a size is reported as out of CLP's practical reach).
constexpr double kClpSeconds = 600;

// One economy per (size, tight) kept for the process; generation is not timed.
const Economy& economy(int64_t n, bool tight) {
  static std::map<std::pair<int64_t, bool>, std::unique_ptr<Economy>> cache;
  auto& slot = cache[{n, tight}];
  if (!slot) {
    GenerateOptions o;
    o.products = static_cast<int32_t>(n);
    o.seed = 2026;
    if (tight) {
      o.tightness = 0.1;    // capacities within +-10% of the unconstrained balance: some bind
      o.labour_slack = 0.05;
    }
    slot = std::make_unique<Economy>(generate_economy(o));
  }
  return *slot;
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

void counters(benchmark::State& st, const Economy& e, const PlanResult& r) {
  st.counters["products"] = e.size();
  st.counters["nnz"] = static_cast<double>(e.nnz());
  st.counters["residual"] = r.residual;
  st.counters["iterations"] = static_cast<double>(r.iterations);
  st.counters["theta"] = r.theta;
  st.counters["feasible"] = r.feasible ? 1 : 0;
  st.counters["peak_rss_MB"] = peak_rss_mb();  // process-wide high-water mark (all sizes so far)
  // Memory of the economy itself: A by rows and by columns plus the per-product vectors.
  st.counters["economy_MB"] = (2.0 * e.nnz() * (sizeof(int32_t) + sizeof(double)) +
                               2.0 * (e.size() + 1) * sizeof(int64_t) + 7.0 * e.size() * sizeof(double)) / 1e6;
}

void BM_PlanBalance(benchmark::State& st) {
  const Economy& e = economy(st.range(0), false);
  Options o;
  PlanResult r;
  for (auto _ : st) {
    r = solve_balance(e, o);
    benchmark::DoNotOptimize(r.gross.data());
  }
  counters(st, e, r);
}

// Gross outputs only (no labour values): the Leontief solve itself.
void BM_PlanLeontief(benchmark::State& st) {
  const Economy& e = economy(st.range(0), false);
  std::vector<double> x;
  long sweeps = 0;
  for (auto _ : st) {
    x.clear();
    sweeps = leontief_solve(e, e.target, x, 1e-10, 10000);
    benchmark::DoNotOptimize(x.data());
  }
  PlanResult r;
  r.gross = x;
  r.iterations = sweeps;
  r.residual = balance_residual(e, e.target, x);
  counters(st, e, r);
}

void BM_PlanBalanceClp(benchmark::State& st) {
  const Economy& e = economy(st.range(0), false);
  PlanResult r;
  for (auto _ : st) {
    r = solve_balance_with_clp(e, kClpSeconds);
    benchmark::DoNotOptimize(r.gross.data());
  }
  counters(st, e, r);
  // agreement with the iterative balance
  const PlanResult b = solve_balance(e, Options{});
  double gap = 0, mx = 1;
  for (int32_t i = 0; i < e.size(); ++i) {
    gap = std::max(gap, std::abs(b.gross[i] - r.gross[i]));
    mx = std::max(mx, b.gross[i]);
  }
  st.counters["gap_vs_balance"] = gap / mx;
}

void BM_PlanRation(benchmark::State& st) {
  const Economy& e = economy(st.range(0), true);
  PlanResult r;
  for (auto _ : st) {
    r = solve_ration(e, Options{});
    benchmark::DoNotOptimize(r.gross.data());
  }
  counters(st, e, r);
  st.counters["class1_fraction"] = r.class_fraction.empty() ? 1.0 : r.class_fraction[0];
}

void BM_PlanLp(benchmark::State& st) {
  const Economy& e = economy(st.range(0), true);
  PlanResult r;
  for (auto _ : st) {
    Options o;
    o.lp_max_seconds = kClpSeconds;
    r = solve_lp(e, o);
    benchmark::DoNotOptimize(r.gross.data());
  }
  counters(st, e, r);
}

void BM_PlanHarmony(benchmark::State& st) {
  const Economy& e = economy(st.range(0), true);
  Options o;
  o.harmony_iterations = 100;
  PlanResult r;
  for (auto _ : st) {
    r = solve_harmony(e, o);
    benchmark::DoNotOptimize(r.gross.data());
  }
  counters(st, e, r);
  if (e.size() <= 3000) {  // check against the optimum CLP finds (untimed)
    const PlanResult lp = solve_lp(e, Options{});
    const double h_lp = harmony_objective(e, lp.delivered), h = harmony_objective(e, r.delivered);
    st.counters["lp_theta"] = lp.theta;
    st.counters["harmony_gain_vs_lp_plan"] = (h - h_lp) / std::abs(h_lp);
  }
}

}  // namespace

// Sizes: the iterative methods up to 10^6; CLP where it finishes (its LU fill on
// these random sparse matrices makes its time grow about as n^3).
BENCHMARK(BM_PlanBalance)->Arg(1000)->Arg(3000)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_PlanLeontief)->Arg(1000)->Arg(3000)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_PlanBalanceClp)->Arg(1000)->Arg(3000)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_PlanLp)->Arg(1000)->Arg(3000)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_PlanHarmony)->Arg(1000)->Arg(3000)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_PlanRation)->Arg(1000)->Arg(3000)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(1);
