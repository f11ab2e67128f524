// libFuzzer harness: the historical-record reader (experiments/validate.hpp),
// then the fit against a synthetic series (exercises ratio/qualifier paths).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/csv.hpp"
#include "experiments/validate.hpp"
#include "fuzz_common.hpp"

using namespace gangdu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<HistoryPoint> pts;
  if (!fuzz::accepts([&] { pts = load_history_text(text, "fuzz_record.csv"); })) return 0;
  for (const HistoryPoint& p : pts) {
    if (p.variable.empty() || p.citation.empty()) fuzz::fail("point without variable or citation accepted");
    // the loader's comparisons (experiments/validate.cpp): the project's own record uses all four
    if (p.compare != "level" && p.compare != "ratio" && p.compare != "sum" && p.compare != "change")
      fuzz::fail("bad compare accepted");
    if (!std::isfinite(p.value)) fuzz::fail("non-finite value accepted");
  }
  const FitTable fit = compare_with_history(pts, [](const std::string& v, int y) {
    return v.size() % 3 == 0 ? NAN : static_cast<double>(y % 97) * 1000.0;
  });
  if (fit.rows.size() != pts.size()) fuzz::fail("fit rows differ from points");
  size_t scored = 0;
  for (const FitRow& r : fit.rows) scored += !std::isnan(r.error);
  if (scored > 0 && (std::isnan(fit.overall_mape) || fit.overall_mape < 0)) fuzz::fail("overall MAPE is NaN or negative");
  if (scored == 0 && !std::isnan(fit.overall_mape)) fuzz::fail("overall MAPE without any scored point");
  // fit.csv must be a well-formed CSV with one row per point, whatever the record's text.
  CsvTable out;
  if (!fuzz::accepts([&] { out = parse_csv(fit_csv(fit), "fit.csv"); })) fuzz::fail("fit.csv is not valid CSV");
  if (out.rows.size() != pts.size()) fuzz::fail("fit.csv has a different number of rows than points");
  for (size_t i = 0; i < pts.size(); ++i)
    if (out.rows[i][out.column("variable")] != pts[i].variable) fuzz::fail("fit.csv changed a variable name");
  (void)fit_report(fit);
  return 0;
}
