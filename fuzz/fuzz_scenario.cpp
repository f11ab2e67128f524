// libFuzzer harness: the scenario loader (TOML -> checked Scenario), with
// optional --set overrides. Input: TOML text, optionally followed by a line
// "#--set" and then one key=value override per line.
// Properties checked on success: dates ordered, parameters within their
// registered bounds, and the canonical text reloads to the same canonical text
// (the scenario hash is stable).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "scenario/scenario.hpp"

using namespace gangdu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return -1;  // keep inputs near real scenario sizes (anshan.toml is ~20 kB)
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<Override> ov;
  const size_t sep = text.find("\n#--set\n");
  if (sep != std::string::npos) {
    ov = fuzz::parse_overrides<Override>(std::string_view(text).substr(sep + 8));
    text.resize(sep + 1);
  }
  Scenario sc;
  if (!fuzz::accepts([&] { sc = load_scenario_text(text, "fuzz.toml", ov); })) return 0;
  if (sc.end < sc.start) fuzz::fail("end before start accepted");
  for (const ParamDef& d : param_defs()) {
    auto it = sc.parameters.find(d.name);
    if (it == sc.parameters.end()) fuzz::fail(std::string("missing parameter accepted: ") + d.name);
    if (!(it->second.value >= d.min && it->second.value <= d.max)) fuzz::fail(std::string("out-of-range parameter: ") + d.name);
  }
  for (size_t i = 1; i < sc.regimes.size(); ++i)
    if (!(sc.regimes[i - 1].start < sc.regimes[i].start)) fuzz::fail("regimes out of order accepted");
  for (size_t i = 1; i < sc.events.size(); ++i)
    if (sc.events[i].date < sc.events[i - 1].date) fuzz::fail("events out of order accepted");
  // Round trip: the canonical text is itself a valid scenario with the same canonical text.
  Scenario again;
  if (!fuzz::accepts([&] { again = load_scenario_text(sc.canonical_text, "canonical.toml"); }))
    fuzz::fail("canonical text of an accepted scenario is rejected:\n" + sc.canonical_text);
  if (again.canonical_text != sc.canonical_text) fuzz::fail("canonical text is not a fixed point");
  return 0;
}
