#pragma once
// Helpers for tests that compare whole histories run with parameters held (planning_test,
// units_test, politics_test, recruit_supply_test): one run at a small scale, a series' mean over
// a span of years, and paired arms over two seeds stopped at a month.
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

// Histories up to (not including) month `stop` with `forced` parameters held, over seeds 3 and 4;
// `at` is a series' mean over the seeds.
struct Arm {
  std::vector<Recorder> recs;
  double at(const std::string& v, int y) const {
    double s = 0;
    for (const Recorder& r : recs) s += r.get(v, y);
    return s / static_cast<double>(recs.size());
  }
};
inline Arm arm(const std::vector<std::pair<std::string, double>>& forced, Month stop, double scale = 0.05) {
  static const Scenario sc = load_default_scenario();
  Arm a;
  for (uint64_t seed : {3u, 4u}) {
    RunOptions o{.seed = seed, .scale = scale};
    o.forced = forced;
    a.recs.push_back(run_model(sc, o, [&](const World& w) { return w.clock.now() < stop; }).world->rec);
  }
  return a;
}

}  // namespace gangdu::testing
