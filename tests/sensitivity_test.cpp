#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "experiments/sensitivity.hpp"
#include "experiments_util.hpp"

using namespace gangdu;
using namespace gangdu::testutil;

TEST(Morris, DesignStaysOnTheGridAndMovesOneParameterPerStep) {
  std::vector<FreeParam> ps = {{"a", 0, 1, 0}, {"b", 10, 20, 0}, {"c", -1, 1, 0}};
  const MorrisDesign d = morris_design(ps, {5, 4, 7});
  ASSERT_EQ(d.points.size(), 5u * 4u);
  for (size_t t = 0; t < 5; ++t) {
    std::vector<bool> seen(3, false);
    for (size_t j = 0; j < 3; ++j) {
      const auto& x0 = d.points[t * 4 + j];
      const auto& x1 = d.points[t * 4 + j + 1];
      size_t changed = 0;
      for (size_t i = 0; i < 3; ++i) {
        EXPECT_GE(x1[i], ps[i].lo);
        EXPECT_LE(x1[i], ps[i].hi);
        if (x0[i] != x1[i]) ++changed;
      }
      EXPECT_EQ(changed, 1u);
      EXPECT_FALSE(seen[d.moved[t][j]]);
      seen[d.moved[t][j]] = true;
      EXPECT_NEAR(std::fabs(d.step[t][j]), 4.0 / 6.0, 1e-12);
    }
  }
  EXPECT_EQ(morris_design(ps, {5, 4, 7}).points, d.points);  // seeded
  EXPECT_THROW(morris_design({}, {5, 4, 7}), std::invalid_argument);
}

TEST(Morris, IndicesOfAKnownFunction) {
  // y = 3a + 0b + c^2 on a in [0,1], b in [0,5], c in [0,2]: per range unit, the
  // effect of a is exactly 3, of b 0; c is non-linear (sigma > 0).
  std::vector<FreeParam> ps = {{"a", 0, 1, 0}, {"b", 0, 5, 0}, {"c", 0, 2, 0}};
  const MorrisDesign d = morris_design(ps, {20, 4, 3});
  std::vector<std::vector<double>> y;
  for (const auto& x : d.points) y.push_back({3 * x[0] + x[2] * x[2]});
  const auto idx = morris_indices(ps, d, {"y"}, y);
  ASSERT_EQ(idx.size(), 3u);
  EXPECT_NEAR(idx[0].mu, 3.0, 1e-9);
  EXPECT_NEAR(idx[0].mu_star, 3.0, 1e-9);
  EXPECT_NEAR(idx[0].sigma, 0.0, 1e-9);
  EXPECT_NEAR(idx[1].mu_star, 0.0, 1e-12);
  EXPECT_GT(idx[2].mu_star, 1.0);
  EXPECT_GT(idx[2].sigma, 0.1);
  EXPECT_EQ(idx[0].r, 20u);
}

TEST(Morris, OutputParsing) {
  EXPECT_EQ(parse_output("mape").variable, "");
  const OutputSpec o = parse_output("angang.pig_iron_t@1957");
  EXPECT_EQ(o.variable, "angang.pig_iron_t");
  EXPECT_EQ(o.year, 1957);
  EXPECT_THROW(parse_output("angang.pig_iron_t"), InputError);
  EXPECT_THROW(parse_output("angang.pig_iron_t@19x"), InputError);
}

TEST(MorrisCli, ScreensModelParametersAndRejectsBadOutputs) {
  const std::string dir = fresh_dir("morris");
  ASSERT_EQ(run_cli("sensitivity --param regime.smr.steel_utilization=0.5:1.3 --param regime.leap.steel_utilization=1:2 "
                    "--output angang.pig_iron_t@1925 --output angang.pig_iron_t@1955 --trajectories 3 --scale 0.02 "
                    "--threads 2 --out " + dir + "/out"),
            0);
  const std::string m = slurp(dir + "/out/morris.csv");
  EXPECT_EQ(m.rfind("output,parameter,mu,mu_star,sigma,r\n", 0), 0u);
  // The Great Leap's utilisation (from 1958) cannot move 1925 or 1955 output.
  EXPECT_NE(m.find("angang.pig_iron_t@1925,regime.leap.steel_utilization,0,0,0,3"), std::string::npos) << m;
  EXPECT_NE(m.find("angang.pig_iron_t@1955,regime.leap.steel_utilization,0,0,0,3"), std::string::npos) << m;
  // SMR utilisation raises 1925 pig iron.
  EXPECT_EQ(m.find("angang.pig_iron_t@1925,regime.smr.steel_utilization,0,"), std::string::npos) << m;
  EXPECT_EQ(m.find("angang.pig_iron_t@1925,regime.smr.steel_utilization,-"), std::string::npos) << m;
  const std::string log = dir + "/log.txt";
  EXPECT_EQ(run_cli("sensitivity --param regime.smr.steel_utilization=0.5:1.3 --output nosuch.var@1950 --trajectories 2 "
                    "--scale 0.02 --out " + dir + "/o1", log),
            2);
  EXPECT_NE(slurp(log).find("nosuch.var"), std::string::npos) << slurp(log);
  EXPECT_EQ(run_cli("sensitivity --param regime.smr.steel_utilization=0.5:1.3 --output mape@x --out " + dir + "/o2", log), 2);
  EXPECT_FALSE(std::filesystem::exists(dir + "/o1"));
  EXPECT_FALSE(std::filesystem::exists(dir + "/o2"));
  std::filesystem::remove_all(dir);
}

#include "experiments/design.hpp"

TEST(Design, GridEnumeratesEveryCombination) {
  std::vector<FreeParam> ps = {{"a", 0, 1, 0}, {"b", 10, 20, 0}};
  const auto g = grid_design(ps, 3);
  ASSERT_EQ(g.size(), 9u);
  EXPECT_EQ(g.front(), (std::vector<double>{0, 10}));
  EXPECT_EQ(g[1], (std::vector<double>{0, 15}));
  EXPECT_EQ(g.back(), (std::vector<double>{1, 20}));
  EXPECT_THROW(grid_design(ps, 1), std::invalid_argument);
}

TEST(Design, LatinHypercubeHasOnePointPerStratum) {
  std::vector<FreeParam> ps = {{"a", 0, 1, 0}, {"b", -5, 5, 0}};
  const size_t n = 10;
  const auto d = lhs_design(ps, n, 42);
  ASSERT_EQ(d.size(), n);
  for (size_t j = 0; j < ps.size(); ++j) {
    std::vector<int> hits(n, 0);
    for (const auto& x : d) {
      const double u = (x[j] - ps[j].lo) / (ps[j].hi - ps[j].lo);
      ++hits[std::min(n - 1, static_cast<size_t>(u * static_cast<double>(n)))];
    }
    for (int h : hits) EXPECT_EQ(h, 1);
  }
  EXPECT_EQ(lhs_design(ps, n, 42), d);
  EXPECT_NE(lhs_design(ps, n, 43), d);
  EXPECT_EQ(design_csv(ps, {{0.5, 1}}), "a,b\n0.5,1\n");
}

TEST(DesignCli, WritesASweepableDesignAndRejectsBadKeys) {
  const std::string dir = fresh_dir("design");
  std::filesystem::create_directories(dir);
  ASSERT_EQ(run_cli("design --method grid --levels 2 --param regime.smr.steel_utilization=0.5:1 --param "
                    "parameters.migration_response=0.1:0.2 --out " + dir + "/g.csv"),
            0);
  EXPECT_EQ(slurp(dir + "/g.csv"),
            "regime.smr.steel_utilization,parameters.migration_response\n0.5,0.1\n0.5,0.2\n1,0.1\n1,0.2\n");
  EXPECT_EQ(run_cli("design --param regime.smr.nope=0:1 --out " + dir + "/bad.csv"), 2);
  EXPECT_EQ(run_cli("design --param regime.smr.steel_utilization=0:9 --out " + dir + "/bad.csv"), 2);
  EXPECT_FALSE(std::filesystem::exists(dir + "/bad.csv"));
  std::filesystem::remove_all(dir);
}
