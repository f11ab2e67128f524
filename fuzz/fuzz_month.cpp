// libFuzzer harness: parse_month ("YYYY-MM" or "YYYY").
// Properties: an accepted month is within the supported years, and its text
// form parses back to the same month.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/clock.hpp"
#include "fuzz_common.hpp"

using namespace gangdu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64) return -1;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto m = parse_month(text);
  if (!m) return 0;
  if (m->year() < 1800 || m->year() > 2200 || m->month() < 1 || m->month() > 12) fuzz::fail("month out of range accepted");
  const auto back = parse_month(m->str());
  if (!back || *back != *m) fuzz::fail("month does not round-trip: " + m->str());
  return 0;
}
