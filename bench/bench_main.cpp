// The one main() of gangdu_bench (benchmarks register themselves per file).
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
