// libFuzzer harness: a sweep design CSV (experiments/design.hpp read_design),
// as `gangdu sweep` reads it, then the first rows' overrides applied to the
// embedded scenario. Properties on success: each row has one override per
// non-seed column, no empty value, a seed within [0, 2^63 - 1].
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/csv.hpp"
#include "core/seed.hpp"
#include "experiments/design.hpp"
#include "fuzz_common.hpp"
#include "scenario/scenario.hpp"

using namespace gangdu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<DesignRow> rows;
  size_t columns = 0;
  bool has_seed = false;
  if (!fuzz::accepts([&] {
        const CsvTable t = parse_csv(text, "design.csv");
        columns = t.header.size();
        for (const auto& h : t.header) has_seed = has_seed || h == "seed";
        rows = read_design(t);
      }))
    return 0;
  if (rows.empty()) fuzz::fail("a design without rows accepted");
  for (const DesignRow& r : rows) {
    if (r.overrides.size() != columns - (has_seed ? 1 : 0)) fuzz::fail("row overrides differ from the columns");
    if (r.seed.has_value() != has_seed) fuzz::fail("seed present without a seed column, or missing with one");
    if (r.seed && *r.seed > kMaxSeed) fuzz::fail("seed above 2^63 - 1 accepted");
    for (const Override& o : r.overrides)
      if (o.value.empty() || o.key == "seed") fuzz::fail("empty value or seed column taken as an override");
  }
  // The first row as the sweep applies it (bounded: one scenario load per input).
  fuzz::accepts([&] { (void)load_default_scenario(rows.front().overrides); });
  return 0;
}
