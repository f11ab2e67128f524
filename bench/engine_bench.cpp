// Engine benchmarks (issues 7 and 23).
//   gangdu_bench               Google Benchmark suite (history at 1:10 and 1:1, memcpy bandwidth,
//                              ensemble throughput)
//   gangdu_bench --whole-run   one-shot driver printing the figures scripts/bench.sh reports
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "engine/model.hpp"
#include "experiments/batch.hpp"

using namespace gangdu;

namespace {

// assumption: bytes of the population columns touched per living agent per month:
// id 8 + birth month 4 + household 4 + sex, ethnicity, employer, origin, labour force, alive 6 = 22 bytes,
// read in 3 full passes (demography, tally, labour market); other passes (repatriation, send-back, December
// stock count, compaction) are not counted, so this under-states the traffic.
constexpr double kBytesPerAgentMonth = 22.0 * 3.0;

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

struct HistoryRun {
  double seconds = 0;
  double cpu_seconds = 0;  // this thread's CPU time: the wall time on an otherwise idle core
  double agent_months = 0;
  size_t peak_agents = 0;
};

HistoryRun run_history(double scale, unsigned threads = 1) {
  const Scenario sc = load_default_scenario();
  HistoryRun h;
  const auto t0 = std::chrono::steady_clock::now();
  const double c0 = thread_cpu_seconds();
  RunOptions opt{sc.default_seed, scale, {}};
  opt.threads = threads;
  RunResult r = run_model(sc, opt, [&](const World& w) {
    h.agent_months += static_cast<double>(w.people.living());
    return true;
  });
  h.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  h.cpu_seconds = thread_cpu_seconds() - c0;
  h.peak_agents = r.world->peak_agents;
  return h;
}

double memcpy_bandwidth() {
  // assumption: 256 MiB buffers exceed every cache level, so this is DRAM copy bandwidth (read + write bytes).
  const size_t n = size_t{256} << 20;
  std::vector<char> a(n, 1), b(n, 0);
  double best = 0;
  for (int rep = 0; rep < 5; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    std::memcpy(b.data(), a.data(), n);
    benchmark::DoNotOptimize(b.data());
    benchmark::ClobberMemory();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::max(best, 2.0 * static_cast<double>(n) / s);
  }
  return best;
}

double ensemble_runs_per_minute(unsigned threads, size_t runs, double scale) {
  auto sc = std::make_shared<const Scenario>(load_default_scenario());
  std::vector<RunSpec> specs;
  for (size_t r = 0; r < runs; ++r) specs.push_back({r, replicate_seed(sc->default_seed, r), 0, {}, sc, {}});
  BatchOptions o;
  o.scale = scale;
  o.threads = threads;
  const auto t0 = std::chrono::steady_clock::now();
  run_batch(std::move(specs), o);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return 60.0 * static_cast<double>(runs) / s;
}

void BM_History(benchmark::State& state) {
  const double scale = static_cast<double>(state.range(0)) / 100.0;
  double agent_months = 0, persons = 0;
  for (auto _ : state) {
    const HistoryRun h = run_history(scale);
    agent_months += h.agent_months;
    persons += h.agent_months / scale;
  }
  state.counters["agent_months_per_s"] = benchmark::Counter(agent_months, benchmark::Counter::kIsRate);
  state.counters["person_months_per_s"] = benchmark::Counter(persons, benchmark::Counter::kIsRate);
  state.counters["bytes_per_s"] = benchmark::Counter(agent_months * kBytesPerAgentMonth, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_History)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

void BM_Memcpy(benchmark::State& state) {
  const size_t n = size_t{64} << 20;
  std::vector<char> a(n, 1), b(n, 0);
  for (auto _ : state) {
    std::memcpy(b.data(), a.data(), n);
    benchmark::DoNotOptimize(b.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(2 * n));
}
BENCHMARK(BM_Memcpy)->Unit(benchmark::kMillisecond);

void BM_Ensemble(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  double runs = 0;
  for (auto _ : state) {
    ensemble_runs_per_minute(threads, 4, 0.1);
    runs += 4;
  }
  state.counters["runs_per_s"] = benchmark::Counter(runs, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Ensemble)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

int whole_run() {
  const HistoryRun tenth = run_history(0.1);
  const HistoryRun full = run_history(1.0);
  const HistoryRun tenth2 = run_history(0.1, 2);
  const HistoryRun full2 = run_history(1.0, 2);
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  const double bw = memcpy_bandwidth();
  const double pm_full = full.agent_months / full.seconds;
  const double bytes_full = full.agent_months * kBytesPerAgentMonth / full.seconds;
  const double rpm1 = ensemble_runs_per_minute(1, 4, 0.1);
  const double rpm2 = ensemble_runs_per_minute(2, 4, 0.1);
  std::printf("history_1to10_wall_s %.3f\n", tenth.seconds);
  std::printf("history_1to10_cpu_s %.3f\n", tenth.cpu_seconds);
  std::printf("history_1to10_person_months_per_s %.4g\n", tenth.agent_months / 0.1 / tenth.seconds);
  std::printf("history_1to1_wall_s %.3f\n", full.seconds);
  std::printf("history_1to1_cpu_s %.3f\n", full.cpu_seconds);
  std::printf("history_1to10_wall_s_2_threads %.3f\n", tenth2.seconds);
  std::printf("history_1to1_wall_s_2_threads %.3f\n", full2.seconds);
  std::printf("history_1to1_person_months_per_cpu_s %.4g\n", full.agent_months / full.cpu_seconds);
  std::printf("load_average_1min %.2f\n", [] {
    double l[1] = {0};
    return getloadavg(l, 1) == 1 ? l[0] : -1.0;
  }());
  std::printf("history_1to1_person_months %.4g\n", full.agent_months);
  std::printf("history_1to1_person_months_per_s %.4g\n", pm_full);
  std::printf("history_1to1_peak_persons %zu\n", full.peak_agents);
  std::printf("peak_rss_mb %.1f\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
  std::printf("memcpy_bandwidth_gb_s %.2f\n", bw / 1e9);
  std::printf("history_1to1_population_bytes_gb_s %.3f\n", bytes_full / 1e9);
  std::printf("bandwidth_bound_ratio %.1f\n", bw / bytes_full);
  // The memory-traffic floor of the 1:1 history: its person-month bytes at memcpy bandwidth.
  const double floor_s = full.agent_months * kBytesPerAgentMonth / bw;
  std::printf("bytes_per_person_month %.0f\n", kBytesPerAgentMonth);
  std::printf("history_1to1_floor_s %.3f\n", floor_s);
  std::printf("history_1to1_ratio_to_floor_1_thread %.1f\n", full.seconds / floor_s);
  std::printf("history_1to1_ratio_to_floor_2_threads %.1f\n", full2.seconds / floor_s);
  std::printf("ensemble_1to10_runs_per_min_1_thread %.1f\n", rpm1);
  std::printf("ensemble_1to10_runs_per_min_2_threads %.1f\n", rpm2);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--whole-run") return whole_run();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
