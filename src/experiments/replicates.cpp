#include "experiments/replicates.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <thread>

#include "experiments/batch.hpp"

namespace gangdu {

std::vector<Recorder> run_replicates(const Scenario& sc, const std::vector<RunOptions>& runs, int threads) {
  if (runs.empty()) return {};
  const std::shared_ptr<const Scenario> shared(std::shared_ptr<const Scenario>(),
                                               &sc);  // not owned: sc outlives the batch
  std::vector<RunSpec> specs(runs.size());
  for (size_t i = 0; i < runs.size(); ++i) {
    if (runs[i].scale != runs.front().scale) throw std::invalid_argument("run_replicates: runs of different scales");
    specs[i].replicate = i;
    specs[i].seed = runs[i].seed;
    specs[i].forced = runs[i].forced;
    specs[i].scenario = shared;
  }
  BatchOptions opt;
  opt.scale = runs.front().scale;
  opt.threads = threads > 0 ? static_cast<unsigned>(threads) : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::optional<Recorder>> out(runs.size());
  opt.on_run = [&](size_t i, const World& w) { out[i].emplace(w.rec); };
  run_batch(std::move(specs), opt);
  std::vector<Recorder> r;
  r.reserve(runs.size());
  for (auto& o : out) r.push_back(std::move(*o));
  return r;
}

}  // namespace gangdu
