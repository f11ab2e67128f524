#pragma once
// Helpers for tests that compare whole histories run with parameters held (planning_test,
// units_test): one run at a small scale, and a series' mean over a span of years.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/model.hpp"
#include "scenario/scenario.hpp"

namespace gangdu::testing {

// Mean of series `v` over the years a..b (inclusive).
inline double avg(const Recorder& r, const std::string& v, int a, int b) {
  double s = 0;
  for (int y = a; y <= b; ++y) s += r.get(v, y);
  return s / (b - a + 1);
}

// The default history at scale 0.02 with `forced` parameters held for the whole run.
inline Recorder run_with(std::vector<std::pair<std::string, double>> forced, uint64_t seed) {
  static const Scenario sc = load_default_scenario();
  RunOptions o;
  o.seed = seed;
  o.scale = 0.02;
  o.forced = std::move(forced);
  return run_model(sc, o).world->rec;
}

}  // namespace gangdu::testing
