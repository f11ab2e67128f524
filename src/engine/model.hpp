#pragma once
#include <memory>

#include "engine/world.hpp"

namespace gangdu {

struct RunResult {
  std::unique_ptr<World> world;  // final state (series in world->rec)
  double wall_seconds = 0;
};

// Runs the scenario month by month from its start to its end.
// The process order of one month is documented in docs/ODD.md.
RunResult run_model(const Scenario& sc, const RunOptions& opt);

// Advances one month (exposed for tests).
void step_month(World& w);

}  // namespace gangdu
