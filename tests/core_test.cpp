#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/clock.hpp"
#include "core/rng.hpp"

using namespace gangdu;

TEST(Clock, ParsesMonthsAndRejectsMalformed) {
  EXPECT_EQ(parse_month("1945-09")->year(), 1945);
  EXPECT_EQ(parse_month("1945-09")->month(), 9);
  EXPECT_EQ(parse_month("1916")->month(), 1);
  EXPECT_FALSE(parse_month("1945-13"));
  EXPECT_FALSE(parse_month("1945-9"));
  EXPECT_FALSE(parse_month("19x5-09"));
  EXPECT_FALSE(parse_month(""));
  EXPECT_EQ(Month::of(1957, 12).str(), "1957-12");
}

TEST(Clock, RunsMonthlyFrom1916To1964) {
  Clock c(Month::of(1916, 1), Month::of(1964, 12));
  int months = 0, januaries = 0, decembers = 0;
  for (; !c.done(); c.advance()) {
    ++months;
    januaries += c.now().is_january();
    decembers += c.now().is_december();
  }
  EXPECT_EQ(months, 49 * 12);
  EXPECT_EQ(januaries, 49);
  EXPECT_EQ(decembers, 49);
  EXPECT_EQ(c.months_total(), 588);
}

TEST(Rng, CounterDrawsArePureFunctionsOfTheirArguments) {
  const uint64_t k = rng::key(42, rng::StreamId::kDeaths);
  EXPECT_EQ(rng::uniform(k, 100, 7), rng::uniform(k, 100, 7));
  EXPECT_NE(rng::uniform(k, 100, 7), rng::uniform(k, 101, 7));
  EXPECT_NE(rng::uniform(k, 100, 7), rng::uniform(k, 100, 8));
  EXPECT_NE(rng::uniform(k, 100, 7), rng::uniform(rng::key(43, rng::StreamId::kDeaths), 100, 7));
  EXPECT_NE(rng::uniform(k, 100, 7), rng::uniform(rng::key(42, rng::StreamId::kBirths), 100, 7));
}

TEST(Rng, CounterDrawsAreUniform) {
  const uint64_t k = rng::key(1, rng::StreamId::kLabour);
  double sum = 0;
  int below_tenth = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double u = rng::uniform(k, 5, static_cast<uint64_t>(i));
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    below_tenth += u < 0.1;
  }
  EXPECT_NEAR(sum / n, 0.5, 0.005);
  EXPECT_NEAR(below_tenth / static_cast<double>(n), 0.1, 0.005);
}

TEST(Rng, StreamsAreReproducibleAndIndependent) {
  rng::Stream a(7, rng::StreamId::kMigration), b(7, rng::StreamId::kMigration), c(7, rng::StreamId::kHouseholds),
      d(8, rng::StreamId::kMigration);
  std::set<double> seen;
  for (int i = 0; i < 100; ++i) {
    const double x = a.uniform();
    EXPECT_EQ(x, b.uniform());
    seen.insert(x);
    EXPECT_NE(x, c.uniform());
    EXPECT_NE(x, d.uniform());
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Rng, PoissonBinomialAndRoundHaveTheRightMeans) {
  rng::Stream s(3, rng::StreamId::kEvents);
  for (double mean : {0.5, 4.0, 30.0, 500.0}) {
    double sum = 0;
    for (int i = 0; i < 20000; ++i) sum += static_cast<double>(s.poisson(mean));
    EXPECT_NEAR(sum / 20000, mean, 0.05 * mean + 0.02) << mean;
  }
  double b = 0, r = 0;
  for (int i = 0; i < 20000; ++i) {
    b += static_cast<double>(s.binomial(1000, 0.3));
    r += static_cast<double>(s.round(2.25));
  }
  EXPECT_NEAR(b / 20000, 300, 3);
  EXPECT_NEAR(r / 20000, 2.25, 0.02);
  EXPECT_EQ(s.poisson(0.0), 0);
  EXPECT_EQ(s.binomial(10, 1.0), 10);
}
