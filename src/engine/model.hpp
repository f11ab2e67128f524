#pragma once
#include <functional>
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
// The same, calling `after_month(world)` after each month (checkpoints, issue 7).
RunResult run_model(const Scenario& sc, const RunOptions& opt, const std::function<void(World&)>& after_month);
// Continues a World (e.g. restored from a checkpoint) to the scenario's end.
RunResult continue_model(std::unique_ptr<World> world);

// Advances one month (exposed for tests).
void step_month(World& w);

}  // namespace gangdu
