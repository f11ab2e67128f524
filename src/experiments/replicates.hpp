#pragma once
// Runs a list of independent model runs on a thread pool and returns their
// series in list order; the result does not depend on the thread count.
#include <vector>

#include "engine/model.hpp"

namespace gangdu {

std::vector<Recorder> run_replicates(const Scenario& sc, const std::vector<RunOptions>& runs, int threads);

}  // namespace gangdu
