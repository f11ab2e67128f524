// Regression tests for findings of the libFuzzer harnesses in fuzz/ (see
// docs/reliability.md, "Findings"). Each test reproduces the input that
// failed and checks the fixed behaviour.
#include <gtest/gtest.h>

#include <cmath>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/validate.hpp"

using namespace gangdu;

namespace {
const char* kRecordHeader = "variable,year,base_year,compare,value,qualifier,unit,citation\n";
}

// fuzz_history: a record variable name containing a comma or a quote was
// written unquoted into fit.csv, giving rows with too many fields.
TEST(FuzzRegression, FitCsvQuotesVariableNames) {
  const std::string text = std::string(kRecordHeader) + "\"a,b\",1950,,level,10,,t,L1\n\"q\"\"x\",1950,,level,10,,t,L2\n";
  const auto pts = load_history_text(text, "r.csv");
  ASSERT_EQ(pts.size(), 2u);
  EXPECT_EQ(pts[0].variable, "a,b");
  const FitTable fit = compare_with_history(pts, [](const std::string&, int) { return 11.0; });
  const CsvTable t = parse_csv(fit_csv(fit), "fit.csv");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][t.column("variable")], "a,b");
  EXPECT_EQ(t.rows[1][t.column("variable")], "q\"x");
  EXPECT_NEAR(t.number(0, t.column("error")), 0.1, 1e-12);
}

// fuzz_history (a wrong property in the harness, documented here): a record
// whose points cannot be scored (no simulated value for their years) has an
// undefined overall MAPE, reported as NaN rather than as a perfect 0%.
TEST(FuzzRegression, UnscorableRecordHasNaNOverallMape) {
  const std::string text = std::string(kRecordHeader) + "M-Gngagna.pig_i[on_t,3850,,level,100000,less than,t,L692 (shared3)\n";
  const auto pts = load_history_text(text, "r.csv");
  const FitTable fit = compare_with_history(pts, [](const std::string&, int) { return NAN; });
  EXPECT_TRUE(std::isnan(fit.overall_mape));
  EXPECT_NE(fit_report(fit).find("overall MAPE (1 points)"), std::string::npos);
}
