#pragma once
// Runs a list of independent model runs of one scenario (through run_batch's
// thread pool) and returns their series in list order; the result does not
// depend on the thread count.
#include <vector>

#include "engine/model.hpp"

namespace gangdu {

// All runs must have the same scale. threads <= 0: one per hardware thread.
std::vector<Recorder> run_replicates(const Scenario& sc, const std::vector<RunOptions>& runs, int threads);

}  // namespace gangdu
