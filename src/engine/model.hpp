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
// Continues a World already partly run to the scenario's end.
RunResult continue_model(std::unique_ptr<World> world);

// The same run, calling on_month(world) after every month (in the running
// thread). When it returns false the run stops there: world->clock.done() is
// then false. Used by `gangdu serve` for progress, partial charts and time caps.
using MonthHook = std::function<bool(const World&)>;
RunResult run_model(const Scenario& sc, const RunOptions& opt, const MonthHook& on_month);

// Advances one month (exposed for tests).
void step_month(World& w);

}  // namespace gangdu
