#include <gtest/gtest.h>

#include "scenario/scenario.hpp"
#include "steelworks/registry.hpp"
#include "test_util.hpp"

using namespace gangdu;

namespace {
Scenario tiny() {
  return load_scenario_text(std::string(R"(
[scenario]
name = "tiny"
start = "1950-01"
end = "1951-12"
seed = 1
[population]
chinese = 10
japanese = 0
korean = 0
source = "test"
)" + gangdu::testing::parameters_table({{"steel_utilization", 1.0}, {"steel_per_pig_iron", 1.0}, {"rolled_per_steel", 1.0}, {"pig_iron_to_steel_share", 1.0}, {"labour_retirement_age", 60}}) + R"([[regime]]
id = "r"
name = "r"
start = "1950-01"
source = "test"
[[facility]]
id = "bf"
name = "furnace"
stage = "pig_iron"
capacity_t = { value = 1200, source = "test" }
built = "1950-03"
built_source = "test"
[[facility]]
id = "oh"
name = "open hearth"
stage = "steel"
capacity_t = { value = 600, source = "test" }
built = "1950-01"
built_source = "test"
[[event]]
date = "1950-06"
kind = "facility_damage"
facility = "bf"
share = 0.5
source = "test"
[[event]]
date = "1950-09"
kind = "facility_repair"
facility = "bf"
share = 0.5
months = 5
source = "test"
[[event]]
date = "1951-03"
kind = "facility_idle"
facility = "oh"
source = "test"
[[event]]
date = "1951-06"
kind = "facility_restart"
facility = "oh"
source = "test"
)"),
                            "tiny.toml");
}
}  // namespace

TEST(Registry, CapacityFollowsBuildDamageRepairIdleRestart) {
  const Scenario sc = tiny();
  FacilityRegistry r(sc);
  auto cap = [&](int y, int m) {
    r.apply_events(sc, Month::of(y, m));
    return r.usable_by_stage(Month::of(y, m));
  };
  EXPECT_EQ(cap(1950, 1)[1], 0.0);  // not built yet
  EXPECT_EQ(cap(1950, 1)[2], 600.0);
  EXPECT_EQ(cap(1950, 3)[1], 1200.0);
  EXPECT_EQ(cap(1950, 6)[1], 600.0);  // half destroyed
  EXPECT_NEAR(r.damaged_share(0), 0.5, 1e-12);
  EXPECT_EQ(cap(1950, 9)[1], 600.0);  // repair starts next month
  double prev = 600.0;
  for (int m = 10; m <= 12; ++m) {
    const double c = cap(1950, m)[1];
    EXPECT_GT(c, prev);
    prev = c;
  }
  EXPECT_NEAR(cap(1951, 2)[1], 1200.0, 1e-9);  // five months later: fully restored
  EXPECT_EQ(cap(1951, 3)[2], 0.0);               // idle
  EXPECT_EQ(r.installed_by_stage(Month::of(1951, 3))[2], 600.0);
  EXPECT_EQ(cap(1951, 6)[2], 600.0);             // restarted
}

TEST(Registry, DamageCompoundsOnRemainingCapacity) {
  Scenario sc = tiny();
  sc.events.insert(sc.events.begin() + 1, EventSpec{Month::of(1950, 7), EventKind::kFacilityDamage, "bf", 0.5, 1, 0, "t", "", {}});
  FacilityRegistry r(sc);
  r.apply_events(sc, Month::of(1950, 7));
  EXPECT_NEAR(r.damaged_share(0), 0.75, 1e-12);
  EXPECT_EQ(r.index("bf"), 0);
  EXPECT_EQ(r.index("nope"), -1);
}
