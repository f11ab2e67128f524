// libFuzzer harness: the CSV reader (core/csv.hpp).
// Properties on success: every row has the header's width; number()/integer()
// either return a value (finite for number()) or throw InputError; and writing
// the table back with csv_field() and parsing it again gives the same table.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/csv.hpp"
#include "fuzz_common.hpp"

using namespace gangdu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  CsvTable t;
  if (!fuzz::accepts([&] { t = parse_csv(text, "fuzz.csv"); })) return 0;
  if (t.header.empty()) fuzz::fail("empty header accepted");
  if (t.rows.size() != t.lines.size()) fuzz::fail("rows and line numbers differ in count");
  for (size_t r = 0; r < t.rows.size(); ++r) {
    if (t.rows[r].size() != t.header.size()) fuzz::fail("row width differs from header");
    if (t.lines[r] < 1 || (r > 0 && t.lines[r] <= t.lines[r - 1])) fuzz::fail("line numbers not increasing");
    for (size_t c = 0; r < 16 && c < t.header.size() && c < 8; ++c) {  // bounded: each rejected cell throws
      double v = 0;
      if (fuzz::accepts([&] { v = t.number(r, c); }) && !std::isfinite(v)) fuzz::fail("non-finite number accepted");
      fuzz::accepts([&] { (void)t.integer(r, c); });
    }
  }
  // Round trip through the writer's quoting.
  auto line_of = [](const std::vector<std::string>& row) {
    std::string s;
    for (size_t i = 0; i < row.size(); ++i) s += (i ? "," : "") + csv_field(row[i]);
    return s + "\n";
  };
  std::string out = line_of(t.header);
  for (const auto& row : t.rows) out += line_of(row);
  CsvTable u;
  if (!fuzz::accepts([&] { u = parse_csv(out, "roundtrip.csv"); })) fuzz::fail("re-written table is rejected");
  if (u.header != t.header || u.rows != t.rows) fuzz::fail("CSV round trip changed the table");
  return 0;
}
