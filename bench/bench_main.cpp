// The one main() of gangdu_bench (Google Benchmark). Bench files only register benchmarks.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
