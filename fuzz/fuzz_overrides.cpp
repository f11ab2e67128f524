// libFuzzer harness: --set overrides applied to the default (Anshan) scenario.
// Input: one key=value override per line. This reaches the deep schema checks
// (regimes, facilities, events) that random TOML rarely gets to.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "scenario/scenario.hpp"

using namespace gangdu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::vector<Override> ov = fuzz::parse_overrides<Override>(text);
  Scenario sc;
  if (!fuzz::accepts([&] { sc = load_default_scenario(ov); })) return 0;
  for (const ParamDef& d : param_defs()) {
    const double v = sc.parameters.at(d.name).value;
    if (!(v >= d.min && v <= d.max)) fuzz::fail(std::string("out-of-range parameter accepted: ") + d.name);
  }
  Scenario again;
  if (!fuzz::accepts([&] { again = load_scenario_text(sc.canonical_text, "canonical.toml"); }))
    fuzz::fail("canonical text of an overridden scenario is rejected:\n" + sc.canonical_text);
  if (again.canonical_text != sc.canonical_text) fuzz::fail("canonical text is not a fixed point");
  return 0;
}
