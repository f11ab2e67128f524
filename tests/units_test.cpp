// Production units as agents (issue 21): the choice rules on a few numbers, and the
// same rules in small runs of the default history.
#include "enterprises/units.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/model.hpp"
#include "experiments/batch.hpp"
#include "experiments/claims.hpp"
#include "scenario/scenario.hpp"
#include "history_util.hpp"

using namespace gangdu;

namespace {
RewardScheme ffyp1953() {  // the 1952 retention rule (L3273) with the scenario's unit parameters
  RewardScheme r;
  r.reward_above = 0.25;
  r.reward_planned = 0.05;
  r.miss_penalty = 0.2;
  r.effort_cost = 1.8;
  r.discount = 0.8;
  r.ratchet = 0.5;
  return r;
}
using gangdu::testing::avg;
Recorder run_with(std::vector<std::pair<std::string, double>> forced, uint64_t seed = 3) {
  return gangdu::testing::run_with(std::move(forced), seed);
}
}  // namespace

TEST(UnitChoice, RestrictionRespondsToTheExpectedRatchet) {
  RewardScheme r = ffyp1953();
  r.ratchet = 0.0;
  const double free = best_overfulfilment(r);
  EXPECT_NEAR(free, 0.25 / 1.8, 1e-12);  // no ratchet: only the effort cost stops them
  r.ratchet = 0.5;
  EXPECT_NEAR(best_overfulfilment(r), (0.25 - 0.8 * 0.5 * (0.2 + 0.2)) / 1.8, 1e-12);  // 5%
  r.ratchet = 1.0;
  EXPECT_EQ(best_overfulfilment(r), 0.0);  // every tonne shown is claimed: output held at the target
  // A richer reward for above-plan output makes showing it worth more.
  r.ratchet = 0.5;
  const double base = best_overfulfilment(r);
  r.reward_above = 0.4;
  EXPECT_GT(best_overfulfilment(r), base);
}

TEST(UnitChoice, HidingOnlyPaysUnderARatchetAndFallsWithAudits) {
  RewardScheme r = ffyp1953();
  EXPECT_NEAR(best_hide_share(r, 0.4, 0.4), 0.5, 1e-12);
  EXPECT_GT(best_hide_share(r, 0.1, 0.4), best_hide_share(r, 0.4, 0.4));
  r.ratchet = 0;
  EXPECT_EQ(best_hide_share(r, 0.4, 0.4), 0.0);
}

TEST(UnitChoice, DraftRespondsToTheRewardScheme) {
  RewardScheme r = ffyp1953();
  const double s = best_draft_shading(r, 0.3, 2.8);
  EXPECT_NEAR(s, 0.1, 1e-12);
  r.reward_above = 0.4;  // the 1955-56 rule (L3273): 40% of above-plan profit kept
  EXPECT_GT(best_draft_shading(r, 0.3, 2.8), s);
  r.reward_above = r.reward_planned = r.miss_penalty = 0;  // nothing rides on the target
  EXPECT_EQ(best_draft_shading(r, 0.3, 2.8), 0.0);
  EXPECT_EQ(best_draft_shading(ffyp1953(), 1.0, 2.8), 0.0);  // targets set from above: drafts do not count
}

TEST(UnitChoice, AHardBudgetLowersHoarding) {
  const RewardScheme r = ffyp1953();
  const double soft = best_hoard_months(r, 0.2, 1.0, 0.5, 2.0), hard = best_hoard_months(r, 0.2, 0.0, 0.5, 2.0);
  EXPECT_NEAR(soft, 2.0, 1e-12);  // costs carried by the state: store the most
  EXPECT_LT(hard, soft);
  EXPECT_GT(hard, 0.0);
  EXPECT_EQ(best_hoard_months(r, 0.0, 0.0, 0.5, 2.0), 0.0);  // no shortfalls met: nothing to hoard against
  // Goods beyond orders: made while losses are expected to be covered, not when not.
  EXPECT_TRUE(makes_beyond_orders(r, true, 1.0, 0.5));
  EXPECT_TRUE(makes_beyond_orders(r, true, 0.5, 0.5));   // 0.45 earned > 0.25 expected cost
  EXPECT_FALSE(makes_beyond_orders(r, true, 0.0, 0.5));  // 0.45 < 0.5: to orders under a hard budget
  EXPECT_FALSE(makes_beyond_orders(r, false, 1.0, 0.5));
}

TEST(UnitChoice, ACollectiveBonusBuysCooperation) {
  const RewardScheme r = ffyp1953();
  EXPECT_DOUBLE_EQ(best_cooperation(r, 0.8, 0.0, 0.25), 0.8);
  EXPECT_GT(best_cooperation(r, 0.8, 0.5, 0.25), 0.8);
  EXPECT_DOUBLE_EQ(best_cooperation(r, 0.8, 1.0, 0.25), 1.0);
}

TEST(Units, BuiltFromTheChainAndCoverEveryProcess) {
  const Scenario sc = load_default_scenario();
  World w(sc, {.seed = 1, .scale = 0.01});
  const UnitStore& u = w.prod_units;
  ASSERT_GE(u.size(), 7u);
  double share = 0;
  for (size_t i = 0; i < u.size(); ++i) share += u.asset_share[i];
  EXPECT_NEAR(share, 1.0, 1e-9);  // every facility belongs to a unit (coal and scrap have none)
  // Each chain process that is not an outside supply belongs to exactly one unit.
  for (size_t p = 0; p < w.steel.chain.size(); ++p)
    if (!w.steel.chain.external(p)) {
      EXPECT_GE(u.of_process[p], 0) << w.steel.chain.process_id(p);
    }
}

TEST(Units, RatchetZeroAndOneRestrictDifferently) {
  const Recorder r0 = run_with({{"plan_ratchet", 0.0}}), r1 = run_with({{"plan_ratchet", 1.0}});
  EXPECT_GT(avg(r1, "angang.restricted_output_t", 1953, 1957), avg(r0, "angang.restricted_output_t", 1953, 1957));
  EXPECT_EQ(r0.get("angang.unit_overfulfilment_chosen", 1953) > r1.get("angang.unit_overfulfilment_chosen", 1953),
            true);
  EXPECT_GT(avg(r1, "angang.hidden_reserve_t", 1953, 1957), avg(r0, "angang.hidden_reserve_t", 1953, 1957));
}

TEST(Units, AHardBudgetLowersHoardsAndUnsoldStockInAHistory) {
  const Recorder soft = run_with({}), hard = run_with({{"rule_soft_budget", 0}});
  EXPECT_LT(avg(hard, "angang.input_hoard_yuan", 1953, 1957), avg(soft, "angang.input_hoard_yuan", 1953, 1957));
  EXPECT_LT(avg(hard, "angang.coverage_expected", 1953, 1957), avg(soft, "angang.coverage_expected", 1953, 1957));
  EXPECT_LE(avg(hard, "angang.finished_stock_t", 1953, 1957), avg(soft, "angang.finished_stock_t", 1953, 1957));
  EXPECT_LT(avg(hard, "angang.investment_yuan", 1953, 1957), avg(soft, "angang.investment_yuan", 1953, 1957));
  // Two-level accounting: bank reviews lower the coverage units expect, and so their stores.
  const Recorder one_level = run_with({{"rule_two_level_accounting", 0}});
  EXPECT_LT(avg(soft, "angang.coverage_expected", 1953, 1957), avg(one_level, "angang.coverage_expected", 1953, 1957));
  EXPECT_LT(avg(soft, "angang.input_hoard_yuan", 1953, 1957), avg(one_level, "angang.input_hoard_yuan", 1953, 1957));
}

TEST(Units, PerUnitSeriesAndBrokenDeliveries) {
  const Recorder r = run_with({});
  EXPECT_TRUE(r.has("angang.unit.iron_making.output"));
  EXPECT_TRUE(r.has("angang.unit.steel_mills.bonus_fund_yuan"));
  EXPECT_GT(r.get("angang.unit.steel_mills.target", 1955), 0.0);
  EXPECT_GT(r.get("angang.unit.iron_making.wage_fund_yuan", 1955), 0.0);
  // Somewhere in 1950-57 a unit lost output to a short delivery by another unit.
  double broken = 0;
  for (int y = 1950; y <= 1957; ++y) broken += r.get("angang.broken_delivery_loss_share", y);
  EXPECT_GT(broken, 0.0);
}

TEST(Units, RecordPointsOnStockFulfilmentAndRetentionStillHold) {
  const Recorder r = run_with({});
  // L3345: about 100,000 t of finished stock expected at the end of 1954.
  EXPECT_GT(r.get("angang.finished_stock_t", 1954), 50000.0);
  EXPECT_LT(r.get("angang.finished_stock_t", 1954), 200000.0);
  // L3317-3323: 76% of ordered products delivered in 1954.
  EXPECT_NEAR(r.get("angang.order_fulfilment", 1954), 0.76, 0.12);
  // L3269: over 20% of profit kept in 1952-53, under 4% from 1954.
  EXPECT_GT(r.get("angang.profit_retained_share", 1952), 0.2);
  EXPECT_GT(r.get("angang.profit_retained_share", 1953), 0.2);
  for (int y = 1954; y <= 1957; ++y) EXPECT_LT(r.get("angang.profit_retained_share", y), 0.04) << y;
}

TEST(Claims, TableIsDataAndNamesFittedPoints) {
  const std::vector<ClaimSpec> claims = default_claims();
  ASSERT_GE(claims.size(), 8u);
  for (const ClaimSpec& c : claims) {
    EXPECT_FALSE(c.seed_lines.empty()) << c.id;
    EXPECT_TRUE(c.arm_a != c.arm_b) << c.id;
  }
  // The 1954 finished stock is a calibration target of plan_ministry_weight: a claim on it says so.
  const ScenarioSource src = ScenarioSource::from_path("");
  auto by_id = [&](const std::string& id) {
    for (const ClaimSpec& c : claims)
      if (c.id == id) return c;
    ADD_FAILURE() << id;
    return ClaimSpec{};
  };
  const ClaimSpec stock = by_id("soft_budget_stock");
  ASSERT_EQ(stock.series, "angang.finished_stock_t");
  EXPECT_NE(fitted_dependence(stock, src.text, src.label, load_default_history()).find("finished_stock_t@1954"),
            std::string::npos);
  const ClaimSpec hoard = by_id("soft_budget_hoarding");
  EXPECT_EQ(fitted_dependence(hoard, src.text, src.label, load_default_history()), "no");
}
