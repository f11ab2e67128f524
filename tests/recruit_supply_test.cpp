// Rule "recruit supply" (issue 20, enterprises/recruit_supply.hpp): the hinterland yields a
// bounded number of recruits a month, so the Showa works stayed short of hands (L1139).
#include "enterprises/recruit_supply.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "engine/model.hpp"
#include "history_util.hpp"
#include "scenario/scenario.hpp"

using namespace gangdu;
using gangdu::testing::Arm;
using gangdu::testing::arm;

namespace {
const Scenario& anshan() {
  static const Scenario sc = load_default_scenario();
  return sc;
}
}  // namespace

TEST(RecruitSupply, ShareOfTheWantedRecruitsTheHinterlandYields) {
  World w(anshan(), {.seed = 1, .scale = 0.1});
  w.params.set("rule_recruit_supply", 1);
  w.params.set("labour_recruit_supply", 100);        // a month from the province, at 1:1
  w.params.set("labour_recruit_north_share", 0.5);   // +50 from North China
  w.params.set("labour_recruit_village_bases", 50);  // +50 through the village bases
  EXPECT_DOUBLE_EQ(recruit_supply_month(w), 200);
  EXPECT_DOUBLE_EQ(recruit_supply_share(w, 40), 0.5);  // 20 at scale 0.1 against 40 wanted
  EXPECT_DOUBLE_EQ(recruit_supply_share(w, 10), 1.0);  // the supply covers the want
  EXPECT_DOUBLE_EQ(recruit_supply_share(w, 0), 1.0);   // nothing wanted
  w.params.set("rule_recruit_supply", 0);
  EXPECT_DOUBLE_EQ(recruit_supply_share(w, 40), 1.0);  // the rule off: every want is met
}

TEST(RecruitSupply, TheShowaWorksStayShortOfHandsOnlyWithTheBoundedSupply) {
  const Month stop = Month::of(1941, 1);
  const Arm on = arm({}, stop), off = arm({{"rule_recruit_supply", 0}}, stop);
  // Before Showa (and whenever the supply is not set) the rule changes nothing.
  EXPECT_EQ(on.at("anshan.population", 1932), off.at("anshan.population", 1932));
  EXPECT_EQ(on.at("anshan.recruits_unavailable", 1932), 0.0);
  // In the Showa build-up the hinterland cannot staff the new plant.
  EXPECT_GT(on.at("anshan.recruits_unavailable", 1939), 0.0);
  EXPECT_EQ(off.at("anshan.recruits_unavailable", 1939), 0.0);
  EXPECT_LT(on.at("angang.works_labour_filled_share", 1939), off.at("angang.works_labour_filled_share", 1939));
  EXPECT_LT(on.at("angang.employees", 1939), off.at("angang.employees", 1939));
  // L1139: 74.9% of plan in 1939 (the point the local supply is calibrated on).
  EXPECT_NEAR(on.at("angang.works_labour_filled_share", 1939), 0.749, 0.1);
}

TEST(RecruitSupply, NorthChinaChannelAddsRecruits) {
  // Closing the North China channel of 1938-40 (L1155) leaves more jobs open in 1939.
  const Month stop = Month::of(1940, 1);
  const Arm open = arm({}, stop), closed = arm({{"labour_recruit_north_share", 0}}, stop);
  EXPECT_GT(closed.at("anshan.recruits_unavailable", 1939), open.at("anshan.recruits_unavailable", 1939));
  EXPECT_LT(closed.at("angang.employees", 1939), open.at("angang.employees", 1939));
}

TEST(RecruitSupply, BadValuesAreRejectedWithTheirKey) {
  try {
    load_default_scenario({{"parameters.labour_recruit_north_share", "-1"}});
    FAIL() << "a negative North China share was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("labour_recruit_north_share"), std::string::npos) << e.what();
  }
  EXPECT_THROW(load_default_scenario({{"parameters.labour_recruit_supply", "many"}}), InputError);
}
