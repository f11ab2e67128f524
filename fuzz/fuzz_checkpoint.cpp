// libFuzzer harness: the checkpoint loader (engine/checkpoint.hpp) on crafted
// files. The input is a checkpoint; its trailing checksum is recomputed first,
// so mutations reach the state itself (as a hand-crafted file would).
// Properties: restore either throws InputError or gives a World whose next
// months run without a crash or sanitizer report (the months are where bad
// indexes used to bite: housing_month read out of bounds; issue 26).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/embedded.hpp"
#include "engine/checkpoint.hpp"
#include "engine/model.hpp"
#include "fuzz_common.hpp"
#include "outputs/writer.hpp"

using namespace gangdu;

// With GANGDU_FUZZ_CHECKPOINT_SEEDS=DIR, writes checkpoints of the embedded
// scenario (scale 0.002, seed 3) after a few months into DIR as starting inputs
// (fuzz/seeds/checkpoint/README: stored ones would go stale with the layout).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* dir = std::getenv("GANGDU_FUZZ_CHECKPOINT_SEEDS");
  if (!dir || !*dir) return 0;
  std::filesystem::create_directories(dir);
  const Scenario sc = load_default_scenario();
  const ScenarioInput in{std::string(embedded::find("scenarios/anshan.toml")), "<embedded>/scenarios/anshan.toml", {}};
  const char* months[] = {"1920-06", "1946-03", "1953-01"};
  size_t next = 0;
  (void)run_model(sc, RunOptions{3, 0.002, {}}, [&](const World& w) {
    if (next < 3 && w.clock.now() == parse_month(months[next])->next()) {
      std::ofstream(std::string(dir) + "/anshan-" + months[next] + ".ck", std::ios::binary) << checkpoint_bytes(w, in);
      ++next;
    }
    return next < 3;
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 16 || size > 4 * 1024 * 1024) return -1;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  const uint64_t sum = fnv1a64(bytes.data(), bytes.size() - 8);
  std::memcpy(bytes.data() + bytes.size() - 8, &sum, 8);
  Restored r;
  if (!fuzz::accepts([&] { r = restore_checkpoint_bytes(bytes, "fuzz.ck"); })) return 0;
  World& w = *r.world;
  if (w.clock.now() != r.resumed_at) fuzz::fail("restored clock differs from the resume month");
  // A few months (each month is a few ms at the seeds' scale); the rules must not crash.
  for (int k = 0; k < 3 && !w.clock.done(); ++k) fuzz::accepts([&] { step_month(w); });
  return 0;
}
