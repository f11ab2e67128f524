// libFuzzer harness: the checkpoint loader (engine/checkpoint.hpp) on crafted
// files. The input is a checkpoint; its trailing checksum is recomputed first,
// so mutations reach the state itself (as a hand-crafted file would).
// Properties: restore either throws InputError or gives a World whose next
// months run without a crash or sanitizer report (the months are where bad
// indexes used to bite: housing_month read out of bounds; issue 26).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "engine/checkpoint.hpp"
#include "engine/model.hpp"
#include "fuzz_common.hpp"
#include "outputs/writer.hpp"

using namespace gangdu;

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
