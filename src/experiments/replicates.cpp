#include "experiments/replicates.hpp"

#include <atomic>
#include <exception>
#include <optional>
#include <thread>

namespace gangdu {

std::vector<Recorder> run_replicates(const Scenario& sc, const std::vector<RunOptions>& runs, int threads) {
  std::vector<std::optional<Recorder>> out(runs.size());
  std::atomic<size_t> next{0};
  std::exception_ptr error;
  std::atomic<bool> failed{false};
  auto worker = [&]() {
    for (size_t i = next++; i < runs.size() && !failed; i = next++) {
      try {
        out[i].emplace(run_model(sc, runs[i]).world->rec);
      } catch (...) {
        if (!failed.exchange(true)) error = std::current_exception();
      }
    }
  };
  const int n = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (int i = 0; i < n; ++i) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  std::vector<Recorder> r;
  r.reserve(runs.size());
  for (auto& o : out) r.push_back(std::move(*o));
  return r;
}

}  // namespace gangdu
