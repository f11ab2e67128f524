// Issue 25 item 2's leftovers: forecast runs as one tidy CSV, units from the codebook and six
// significant digits without exponents in the experiment tables, and --switch held by compare and
// validate --forecast (the other run-making commands are tested in usability_test.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "core/csv.hpp"
#include "experiments/ablate.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using gangdu::testing::read_file;
using gangdu::testing::run_cli;
using gangdu::testing::temp_dir;

namespace {
// The value of `col` in the first row where `key` holds `value` (and `key2` holds `value2` if given).
std::string cell(const gangdu::CsvTable& t, const std::string& col, const std::string& key, const std::string& value,
                 const std::string& key2 = "", const std::string& value2 = "") {
  for (const auto& r : t.rows)
    if (r[t.column(key)] == value && (key2.empty() || r[t.column(key2)] == value2)) return r[t.column(col)];
  return "<absent>";
}
}  // namespace

TEST(TidyOutputs, SignificantDigitsWithoutExponents) {
  EXPECT_EQ(gangdu::csv_number(1311862.5, 6), "1311860");
  EXPECT_EQ(gangdu::csv_number(-268854.99, 6), "-268855");
  EXPECT_EQ(gangdu::csv_number(0.000163249, 4), "0.0001632");
  EXPECT_EQ(gangdu::csv_number(0.123456789, 6), "0.123457");
  EXPECT_EQ(gangdu::csv_number(2.5e20, 6), "2.5e+20");
  EXPECT_EQ(gangdu::csv_number(NAN, 6), "");
  EXPECT_EQ(gangdu::csv_number(0.0, 6), "0");
}

TEST(TidyOutputs, UnitsComeFromTheCodebook) {
  // Units the old naming convention got wrong ("count", "t" for a capacity).
  EXPECT_EQ(gangdu::series_unit("angang.employees"), "persons");
  EXPECT_EQ(gangdu::series_unit("angang.capacity_commissioned_t"), "t/yr");
  EXPECT_EQ(gangdu::series_unit("angang.investment_myuan"), "million yuan");
  EXPECT_EQ(gangdu::series_unit("angang.steel_t"), "t");
  EXPECT_EQ(gangdu::series_unit("no.such_thing"), "");
}

TEST(TidyOutputs, ForecastKeepRunsWritesTheLongCsvAndUnits) {
  const std::string dir = temp_dir("tidy_forecast") + "/out";
  const auto r = run_cli("validate --forecast --runs 2 --scale 0.01 --threads 2 --keep-runs --out " + dir);
  ASSERT_EQ(r.status, 0) << r.out;
  ASSERT_TRUE(fs::exists(dir + "/series_long.csv")) << r.out;
  const gangdu::CsvTable t = gangdu::read_csv_file(dir + "/series_long.csv");
  const std::vector<std::string> want = {"run", "seed", "variable", "year", "value"};
  EXPECT_EQ(t.header, want);
  EXPECT_EQ(t.rows.front()[0], "0");
  EXPECT_EQ(t.rows.back()[0], "1");
  // The same as `gangdu export --long` of the store.
  ASSERT_EQ(run_cli("export " + dir + " --long --out " + dir + "/exported.csv").status, 0);
  EXPECT_EQ(read_file(dir + "/series_long.csv"), read_file(dir + "/exported.csv"));
  // forecast.csv: a unit per row, no more than six significant digits, no exponent.
  const gangdu::CsvTable f = gangdu::read_csv_file(dir + "/forecast.csv");
  EXPECT_EQ(cell(f, "unit", "variable", "angang.steel_t", "year", "1959"), "t");
  for (const char* col : {"mean", "p05", "p95"})
    for (const auto& row : f.rows) {
      const std::string& v = row[f.column(col)];
      size_t digits = 0;
      for (char c : v) digits += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
      std::string trimmed = v;
      while (!trimmed.empty() && trimmed.back() == '0') trimmed.pop_back();  // 1311860: 6 significant
      size_t sig = 0;
      bool lead = true;
      for (char c : trimmed) {
        if (!std::isdigit(static_cast<unsigned char>(c))) continue;
        if (lead && c == '0') continue;
        lead = false;
        ++sig;
      }
      EXPECT_LE(sig, 6u) << col << " " << v;
      EXPECT_EQ(v.find('e'), std::string::npos) << col << " " << v;
      EXPECT_GT(digits, 0u) << col;
    }
  // Without --keep-runs neither file is written.
  const std::string dir2 = temp_dir("tidy_forecast2") + "/out";
  ASSERT_EQ(run_cli("validate --forecast --runs 2 --scale 0.01 --threads 2 --out " + dir2).status, 0);
  EXPECT_FALSE(fs::exists(dir2 + "/series_long.csv"));
  // --switch is held in every forecast run: the band moves.
  const std::string dir3 = temp_dir("tidy_forecast3") + "/out";
  ASSERT_EQ(
      run_cli("validate --forecast --runs 2 --scale 0.01 --threads 2 --switch rule_ratchet=0 --out " + dir3).status, 0);
  const gangdu::CsvTable g = gangdu::read_csv_file(dir3 + "/forecast.csv");
  EXPECT_NE(cell(g, "mean", "variable", "angang.steel_t", "year", "1959"),
            cell(f, "mean", "variable", "angang.steel_t", "year", "1959"));
}

TEST(TidyOutputs, CompareHoldsASwitchInItsArm) {
  const std::string base = temp_dir("tidy_compare");
  const std::string cmd = "compare --runs 2 --scale 0.01 --threads 2 --period 1950-57 --b \"\" ";
  auto r = run_cli(cmd + "--a \"--switch rule_ratchet=0\" --out " + base + "/sw");
  ASSERT_EQ(r.status, 0) << r.out;
  r = run_cli(cmd + "--a \"\" --out " + base + "/same");
  ASSERT_EQ(r.status, 0) << r.out;
  const gangdu::CsvTable sw = gangdu::read_csv_file(base + "/sw/compare.csv");
  const gangdu::CsvTable same = gangdu::read_csv_file(base + "/same/compare.csv");
  // Identical arms: no difference; the ratchet off: steel differs.
  EXPECT_EQ(cell(same, "difference_a_minus_b", "variable", "angang.steel_t", "statistic", "mean"), "0");
  const std::string d = cell(sw, "difference_a_minus_b", "variable", "angang.steel_t", "statistic", "mean");
  ASSERT_NE(d, "<absent>");
  EXPECT_NE(std::stod(d), 0.0) << d;
  // Units from the codebook in compare.csv.
  EXPECT_EQ(cell(sw, "unit", "variable", "angang.employees"), "persons");
}
