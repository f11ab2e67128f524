#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "engine/model.hpp"
#include "experiments/validate.hpp"
#include "outputs/writer.hpp"
#include "scenario/scenario.hpp"

using namespace gangdu;

namespace {
const char* kContract[] = {"angang.pig_iron_t", "angang.steel_t",    "angang.rolled_steel_t",
                           "angang.employees",  "anshan.population", "anshan.population_japanese"};
}

TEST(Engine, WholeHistorySmokeRunEmitsTheContract) {
  const Scenario sc = load_default_scenario();
  const RunResult r = run_model(sc, {.seed = 11, .scale = 0.02});
  const Recorder& rec = r.world->rec;
  EXPECT_EQ(rec.first_year(), 1916);
  EXPECT_EQ(rec.last_year(), 1964);
  for (const char* v : kContract) {
    ASSERT_TRUE(rec.has(v)) << v;
    for (int y = 1916; y <= 1964; ++y) EXPECT_TRUE(std::isfinite(rec.get(v, y))) << v << " " << y;
  }
  const std::string csv = series_csv(rec);
  EXPECT_EQ(csv.rfind("variable,year,value\n", 0), 0u);
  // One row per variable per year.
  const size_t rows = static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')) - 1;
  EXPECT_EQ(rows % 49, 0u);
  // Mechanisms visible in the history: the works exist from 1919, the removal of 1945 stops them,
  // the Japanese community is gone after repatriation, the city grows in the 1950s.
  EXPECT_EQ(rec.get("angang.pig_iron_t", 1917), 0.0);
  EXPECT_GT(rec.get("angang.pig_iron_t", 1943), 5 * rec.get("angang.pig_iron_t", 1946));
  EXPECT_GT(rec.get("anshan.population_japanese", 1943), 10 * rec.get("anshan.population_japanese", 1954) + 1);
  EXPECT_GT(rec.get("anshan.population", 1957), rec.get("anshan.population", 1949));
  EXPECT_GT(rec.get("anshan.sent_back", 1953), 0.0);
}

TEST(Engine, SameSeedIsBitIdenticalAndDifferentSeedsDiffer) {
  const Scenario sc = load_default_scenario();
  const std::string a = series_csv(run_model(sc, {.seed = 5, .scale = 0.02}).world->rec);
  const std::string b = series_csv(run_model(sc, {.seed = 5, .scale = 0.02}).world->rec);
  const std::string c = series_csv(run_model(sc, {.seed = 6, .scale = 0.02}).world->rec);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(Engine, RemovalCounterfactualMovesOutputOnlyAfter1945) {
  const Scenario base = load_default_scenario();
  const Scenario cf = load_default_scenario({{"facility.bf3.capacity_t", "360000"}});
  const auto rb = run_model(base, {.seed = 3, .scale = 0.02});
  const auto rc = run_model(cf, {.seed = 3, .scale = 0.02});
  EXPECT_EQ(rb.world->rec.get("angang.pig_iron_t", 1929), rc.world->rec.get("angang.pig_iron_t", 1929));
  EXPECT_NE(rb.world->rec.get("angang.capacity_installed_pig_iron_t", 1931),
            rc.world->rec.get("angang.capacity_installed_pig_iron_t", 1931));
}

TEST(Engine, ScaleKeepsPopulationOfTheSameOrder) {
  const Scenario sc = load_default_scenario();
  const auto small = run_model(sc, {.seed = 1, .scale = 0.02});
  const auto larger = run_model(sc, {.seed = 1, .scale = 0.1});
  const double a = small.world->rec.get("anshan.population", 1943);
  const double b = larger.world->rec.get("anshan.population", 1943);
  EXPECT_NEAR(a / b, 1.0, 0.15);
}

TEST(Validate, QualifiersAndRatiosAreScoredAsStated) {
  std::vector<HistoryPoint> pts = load_history_text(
      "variable,year,base_year,compare,value,qualifier,unit,citation\n"
      "x,1950,,level,100,,t,L1\n"
      "x,1951,,level,100,more than,t,L2\n"
      "x,1952,,level,100,less than,t,L3\n"
      "x,1952,1950,ratio,2,about,times,L4\n",
      "h.csv");
  const FitTable t = compare_with_history(pts, [](const std::string&, int y) {
    return y == 1950 ? 110.0 : y == 1951 ? 150.0 : 300.0;
  });
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_NEAR(t.rows[0].error, 0.10, 1e-12);
  EXPECT_EQ(t.rows[1].error, 0.0);                 // 150 is more than 100
  EXPECT_NEAR(t.rows[2].error, 2.0, 1e-12);         // 300 is not less than 100
  EXPECT_NEAR(t.rows[3].simulated, 300.0 / 110.0, 1e-12);
  EXPECT_NEAR(t.overall_mape, 100.0 * (0.1 + 0 + 2.0 + std::fabs(300.0 / 110.0 - 2) / 2) / 4, 1e-9);
}

TEST(Validate, MalformedRecordIsLocated) {
  try {
    load_history_text("variable,year,base_year,compare,value,qualifier,unit,citation\nx,19x0,,level,1,,t,L1\n", "h.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "h.csv");
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.key(), "year");
  }
  EXPECT_THROW(load_history_text("variable,year\nx,1950\n", "h.csv"), InputError);  // missing columns
  EXPECT_THROW(load_history_text("variable,year,base_year,compare,value,qualifier,unit,citation\nx,1950,,level,1,roughly,t,L1\n",
                                 "h.csv"),
               InputError);
}

TEST(Validate, EmbeddedRecordHasNoPointAfter1957) {
  for (const HistoryPoint& p : load_default_history()) {
    EXPECT_LE(p.year, 1957) << p.variable;
    EXPECT_FALSE(p.citation.empty());
  }
}
