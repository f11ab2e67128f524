#include <gtest/gtest.h>

#include "scenario/scenario.hpp"
#include "steelworks/registry.hpp"

using namespace gangdu;

namespace {
Scenario tiny() {
  return load_scenario_text(R"(
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
[parameters]
steel_utilization = { value = 1.0, source = "test" }
steel_per_pig_iron = { value = 1.0, source = "test" }
rolled_per_steel = { value = 1.0, source = "test" }
pig_iron_to_steel_share = { value = 1.0, source = "test" }
plan_active = { value = 0, source = "test" }
plan_growth = { value = 0, source = "test" }
plan_ratchet = { value = 0, source = "test" }
labour_employees_per_kt = { value = 1, source = "test" }
labour_idle_retention = { value = 0, source = "test" }
labour_construction_workers = { value = 0, source = "test" }
labour_retirement_age = { value = 60, source = "test" }
people_birth_rate = { value = 0, source = "test" }
people_death_rate = { value = 0, source = "test" }
people_service_jobs_per_works_job = { value = 0, source = "test" }
migration_response = { value = 0, source = "test" }
migration_family_share = { value = 0, source = "test" }
migration_japanese_share = { value = 0, source = "test" }
migration_korean_share = { value = 0, source = "test" }
migration_jobless_return = { value = 0, source = "test" }
migration_blind_inflow = { value = 0, source = "test" }
[[regime]]
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
)",
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
