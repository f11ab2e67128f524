// The Leap as mechanisms (issue 19): each rule on a few numbers, then each mechanism in the
// history, moving its outputs in the documented direction with the others held.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/model.hpp"
#include "enterprises/overtime.hpp"
#include "enterprises/report_inflation.hpp"
#include "enterprises/workforce.hpp"
#include "scenario/scenario.hpp"
#include "steelworks/construction.hpp"
#include "steelworks/overdrive.hpp"
#include "steelworks/registry.hpp"
#include "test_util.hpp"

using namespace gangdu;

TEST(Overdrive, DriveFollowsTheTargetGapUnderPressureUpToTheCeiling) {
  const OverdriveParams p{0.5, 1.3, 0.0};
  EXPECT_DOUBLE_EQ(drive_factor(p, 90, 100, 1.0), 1.0);                  // target below potential: no drive
  EXPECT_DOUBLE_EQ(drive_factor(p, 150, 100, 1.0), 1.25);                // gap 0.5 x response 0.5
  EXPECT_DOUBLE_EQ(drive_factor(p, 150, 100, 0.5), 1.125);               // half the pressure, half the drive
  EXPECT_DOUBLE_EQ(drive_factor(p, 150, 100, 0.0), 1.0);                 // no pressure: the plan is not chased
  EXPECT_DOUBLE_EQ(drive_factor(p, 400, 100, 1.0), 1.3);                 // the engineering ceiling
  EXPECT_DOUBLE_EQ(drive_factor({0.5, 1.3, 0.2}, 150, 100, 0.0), 1.05);  // the SOE line's own push
  EXPECT_DOUBLE_EQ(drive_factor(p, 150, 0, 1.0), 1.0);                   // nothing to drive
}

TEST(Overdrive, MaintenanceSkippedRisesWithTheDrive) {
  EXPECT_DOUBLE_EQ(maintenance_skipped(1.5, 1.0), 0.0);
  EXPECT_NEAR(maintenance_skipped(1.5, 1.3), 0.45, 1e-12);
  EXPECT_DOUBLE_EQ(maintenance_skipped(1.5, 2.0), 1.0);
}

TEST(ReportInflation, UnitsShortOfTargetReportPartOfTheGap) {
  const ReportInflationParams p{0.3, 0.2};
  EXPECT_DOUBLE_EQ(inflated_report(p, 100, 120, 1.0), 0.0);      // over the target: nothing to inflate
  EXPECT_NEAR(inflated_report(p, 125, 100, 1.0), 7.5, 1e-12);    // 0.3 x 0.25 x 100
  EXPECT_NEAR(inflated_report(p, 125, 100, 0.0), 0.0, 1e-12);    // no pressure, honest reports
  EXPECT_NEAR(inflated_report(p, 1000, 100, 1.0), 20.0, 1e-12);  // capped at 20% of true output
}

TEST(Workforce, TransfersTakeTrainedStaffAndRecruitsLearn) {
  WorkforceParams p;
  p.untrained_productivity = 0.5;
  p.learning_rate = 0.1;
  p.recruit_trained_share = 0.0;
  p.need_share = 1.0;
  p.employees_per_kt = 10;
  WorkforceState s;
  update_trained_pool(p, s, 1000, 0);
  EXPECT_DOUBLE_EQ(s.trained, 1000);    // the inherited workforce is trained
  update_trained_pool(p, s, 700, 300);  // 300 trained sent away
  EXPECT_DOUBLE_EQ(s.trained, 700);
  update_trained_pool(p, s, 1000, 0);  // 300 untrained recruits
  EXPECT_DOUBLE_EQ(s.trained, 700);
  update_trained_pool(p, s, 1000, 0);  // a tenth of them learn
  EXPECT_DOUBLE_EQ(s.trained, 730);
  // Effective labour: 730 + 0.5 x 270 = 865 against 10 per kt x 100 kt.
  EXPECT_NEAR(labour_ratio(p, s, 100, 1.0), 0.865, 1e-12);
  s.mobilised = 500;  // half the works at the small furnaces
  EXPECT_NEAR(labour_ratio(p, s, 100, 1.0), 0.4325, 1e-12);
  p.drive_elasticity = 1.0;  // driving the plant 25% harder needs 25% more hands
  s.mobilised = 0;
  EXPECT_NEAR(labour_ratio(p, s, 100, 1.25), 0.865 / 1.25, 1e-12);
}

TEST(Overtime, PencavelCurveAndHoursAskedUnderPressure) {
  const OvertimeParams p{48, 49, 63, 0.5};
  EXPECT_DOUBLE_EQ(effective_hours(p, 40), 40);
  EXPECT_DOUBLE_EQ(effective_hours(p, 63), 56);  // 49 + 0.5 x 14
  EXPECT_DOUBLE_EQ(effective_hours(p, 70), 56);  // beyond 63 hours nothing more
  EXPECT_DOUBLE_EQ(hours_gain(p, 48), 1.0);
  EXPECT_NEAR(hours_gain(p, 63), 56.0 / 48.0, 1e-12);
  EXPECT_DOUBLE_EQ(overtime_hours(p, 1.0, 1.0), 48);  // enough hands: no overtime
  EXPECT_DOUBLE_EQ(overtime_hours(p, 0.9, 0.0), 48);  // no pressure: the short works stay short
  // 10% short under full pressure: the hours that make 48/0.9 effective hours.
  const double h = overtime_hours(p, 0.9, 1.0);
  EXPECT_NEAR(hours_gain(p, h) * 0.9, 1.0, 1e-12);
  EXPECT_GT(h, 49);
  EXPECT_NEAR(overtime_hours(p, 0.9, 0.5), 48 + 0.5 * (h - 48), 1e-12);  // half the push, half the hours
  EXPECT_DOUBLE_EQ(overtime_hours(p, 0.5, 1.0), 63);                     // far short: the flat point, no further
}

TEST(Construction, SpendingBecomesCapacityAfterTheConstructionTime) {
  ConstructionParams p;
  p.invest_yuan = 12e6;  // 1 M yuan a month
  p.share = 1.0;
  p.yuan_per_t = 1000;  // 1,000 t/yr of capacity a month
  p.months = 10;
  double wip = 0, built = 0;
  for (int k = 0; k < 600; ++k) built += construction_step(p, 1.0, wip);
  EXPECT_NEAR(wip, 9000, 1e-6);                // steady state: a tenth of the stock done each month, 1,000 t/yr
  EXPECT_NEAR(built + wip, 600 * 1000, 1e-3);  // nothing spent is lost
  double wip_short = 0, built_short = 0;
  for (int k = 0; k < 600; ++k) built_short += construction_step(p, 0.5, wip_short);
  EXPECT_NEAR(built_short, built / 2, 1e-3);  // half the construction force, half the capacity
  p.normal_months = 24;
  p.rush_wear = 0.3;
  p.months = 6;
  EXPECT_NEAR(rushed_wear(p), 0.3 * 0.75, 1e-12);  // built in a quarter of the normal time
  p.months = 30;
  EXPECT_DOUBLE_EQ(rushed_wear(p), 0.0);
}

namespace {
// The default scenario's registry after 1957, all units worn to a third, every process run
// hard for a year under the given repair limits; returns the usable steel capacity.
double steel_after_a_hard_year(double capacity, double soviet_parts) {
  const Scenario sc = load_default_scenario();
  FacilityRegistry r(sc);
  const Month m = Month::of(1958, 1);
  r.apply_events(sc, m);
  std::vector<double> busy(sc.processes.size(), 1.6);
  FacilityRegistry::WearInputs in;
  in.h0 = 0.0139;
  in.k = 2;
  in.restore = 0.25;
  in.capacity = capacity;
  in.soviet_parts = soviet_parts;
  in.parts_domestic = 0.5;
  for (int k = 0; k < 12; ++k) r.wear_month(Month{m.index + k}, busy, in);
  return r.usable_by_stage(Month{m.index + 12})[2];
}
}  // namespace

TEST(Wear, RepairShopsAndSpareParts) {
  const double free_repair = steel_after_a_hard_year(0.0, 1.0);
  const double shops = steel_after_a_hard_year(0.01, 1.0);
  const double no_parts = steel_after_a_hard_year(0.0, 0.0);
  EXPECT_LT(shops, free_repair);     // a repair-shop bottleneck leaves more impaired
  EXPECT_LT(no_parts, free_repair);  // Soviet-built units (steel3 half imported) wait for parts
  EXPECT_GT(no_parts, 0.0);
}

TEST(Wear, RushedUnitsStartImpaired) {
  const Scenario sc = load_default_scenario();
  FacilityRegistry r(sc);
  const int bf10 = r.index("bf10");
  ASSERT_GE(bf10, 0);
  const Month start = r.commissioned(static_cast<size_t>(bf10));
  EXPECT_EQ(r.construction_months(static_cast<size_t>(bf10)), 4);  // L5023
  r.rushed_start(start, 24, 0.3);
  EXPECT_NEAR(r.wear(static_cast<size_t>(bf10)), 0.3 * (1.0 - 4.0 / 24.0), 1e-12);
  EXPECT_DOUBLE_EQ(r.wear(static_cast<size_t>(r.index("bf3"))), 0.0);  // built long ago, not rushed
}

namespace {
double mean(const Recorder& r, const char* v, int a, int b) {
  double s = 0;
  for (int y = a; y <= b; ++y) s += r.get(v, y);
  return s / (b - a + 1);
}
// The history with some switches or overrides, mean over three seeds (scale 1:50).
struct Arm {
  std::vector<Recorder> recs;
  double mean(const char* v, int a, int b) const {
    double s = 0;
    for (const Recorder& r : recs) s += ::mean(r, v, a, b);
    return s / static_cast<double>(recs.size());
  }
};
Arm arm(const std::vector<Override>& overrides, const std::vector<std::pair<std::string, double>>& forced = {}) {
  const Scenario sc = load_default_scenario(overrides);
  Arm a;
  for (uint64_t seed : {3u, 4u, 5u}) {
    RunOptions o{.seed = seed, .scale = 0.02};
    o.forced = forced;
    a.recs.push_back(run_model(sc, o).world->rec);
  }
  return a;
}
const Arm& base() {
  static const Arm a = arm({});
  return a;
}
}  // namespace

TEST(LeapHistory, OverdrivingRaisesBoomOutputAndWearsThePlant) {
  const Arm off = arm({}, {{"rule_overdrive", 0}});
  EXPECT_GT(base().mean("angang.drive_steel", 1959, 1960), 1.1);
  EXPECT_DOUBLE_EQ(off.mean("angang.drive_steel", 1958, 1960), 1.0);
  EXPECT_GT(base().mean("angang.equipment_impaired_share", 1959, 1960),
            off.mean("angang.equipment_impaired_share", 1959, 1960));
  EXPECT_GT(base().mean("angang.maintenance_skipped_share", 1958, 1960), 0.2);
  // Before the Leap targets sat near potential: overdriving changed little.
  EXPECT_NEAR(base().mean("angang.steel_t", 1953, 1957), off.mean("angang.steel_t", 1953, 1957),
              0.03 * off.mean("angang.steel_t", 1953, 1957));
}

TEST(LeapHistory, StoppingLeapRecruitmentCutsOutput) {
  const Arm off = arm({{"regime.leap.migration_response", "0"}});
  EXPECT_LT(off.mean("angang.employees", 1958, 1960), base().mean("angang.employees", 1958, 1960));
  EXPECT_LT(off.mean("angang.labour_factor", 1958, 1960), base().mean("angang.labour_factor", 1958, 1960));
  EXPECT_LT(off.mean("angang.steel_t", 1958, 1960), base().mean("angang.steel_t", 1958, 1960));
}

TEST(LeapHistory, MobilisationForSmallFurnacesTakesWorkersFromTheWorks) {
  const Arm off =
      arm({{"event.smallfurnace_mobilised_1958_11.value", "0"}, {"event.smallfurnace_mobilised_1958_12.value", "0"}});
  EXPECT_GT(base().mean("smallfurnace.mobilised_from_works", 1958, 1959), 0.0);
  EXPECT_DOUBLE_EQ(off.mean("smallfurnace.mobilised_from_works", 1958, 1959), 0.0);
  EXPECT_GT(off.mean("angang.steel_t", 1958, 1959), base().mean("angang.steel_t", 1958, 1959));
}

TEST(LeapHistory, TheEndOfSovietSparePartsLeavesMoreEquipmentImpaired) {
  const Arm off = arm({{"event.soviet_withdrawal.value", "1"}});
  EXPECT_GT(base().mean("angang.equipment_impaired_share", 1961, 1962),
            off.mean("angang.equipment_impaired_share", 1961, 1962));
  EXPECT_LT(base().mean("angang.steel_t", 1961, 1962), off.mean("angang.steel_t", 1961, 1962));
  // Before the withdrawal the two histories are the same.
  EXPECT_EQ(::mean(base().recs[0], "angang.steel_t", 1916, 1959), ::mean(off.recs[0], "angang.steel_t", 1916, 1959));
}

TEST(LeapHistory, InflatedReportsRunAboveTrueOutputUnderTheLeap) {
  const Arm off = arm({}, {{"rule_report_inflation", 0}});
  EXPECT_GT(base().mean("angang.steel_reported_t", 1959, 1960), 1.05 * base().mean("angang.steel_t", 1959, 1960));
  EXPECT_GT(base().mean("angang.steel_report_inflation_t", 1959, 1960), 0.0);
  EXPECT_DOUBLE_EQ(off.mean("angang.steel_report_inflation_t", 1958, 1964), 0.0);
}

TEST(LeapHistory, TheNoLeapCapHoldsSteelUnderFourMillionTonnes) {
  const Scenario nl = load_scenario_file(std::string(GANGDU_SOURCE_DIR) + "/scenarios/no_leap.toml");
  const Recorder r = run_model(nl, {.seed = 4, .scale = 0.02}).world->rec;
  for (int y = 1958; y <= 1964; ++y) EXPECT_LE(r.get("angang.steel_t", y), 4.0e6 * (1 + 1e-9)) << y;
  EXPECT_EQ(r.get("smallfurnace.steel_t", 1959), 0.0);
  EXPECT_LT(r.get("plan.target_steel_t", 1960), 4.5e6);  // no political targets
}

TEST(LeapHistory, OvertimeMakesUpPartOfTheLeapsLabourShortfall) {
  const Arm off = arm({}, {{"rule_overtime", 0}});
  // Before the Leap labour was not short: no overtime, the same history.
  EXPECT_EQ(::mean(base().recs[0], "angang.steel_t", 1916, 1957), ::mean(off.recs[0], "angang.steel_t", 1916, 1957));
  EXPECT_DOUBLE_EQ(base().mean("angang.hours_per_week", 1953, 1957), 48.0);
  // The Leap's diluted workforce works longer; effective labour and 1958 output rise.
  EXPECT_GT(base().mean("angang.hours_per_week", 1958, 1959), 50.0);
  EXPECT_DOUBLE_EQ(off.mean("angang.hours_per_week", 1958, 1959), 48.0);
  EXPECT_GT(base().mean("angang.labour_factor", 1958, 1959), off.mean("angang.labour_factor", 1958, 1959));
  EXPECT_GT(base().mean("angang.steel_t", 1958, 1958), off.mean("angang.steel_t", 1958, 1958));
}

TEST(LeapHistory, TargetsRevisedInTheYearTakeEffectFromTheirMonth) {
  // The October 1960 military order (6.1 Mt, L5142) replaces the year's 6.55 Mt (L5218) from October.
  EXPECT_DOUBLE_EQ(base().recs[0].get("plan.political_target_steel_t", 1960), 6.1e6);
  EXPECT_DOUBLE_EQ(base().recs[0].get("plan.target_steel_t", 1960), 6.1e6);  // the Party line weighs fully in the Leap
  EXPECT_DOUBLE_EQ(base().recs[0].get("plan.political_target_steel_t", 1959), 6.0e6);  // the March 1959 mission (L5384)
  const Arm off = arm({{"target.target_1960_steel_military_order.value_t", "6550000"}});
  // The same history until the order; the year's fulfilment is counted against the target in force.
  EXPECT_EQ(::mean(base().recs[0], "angang.steel_t", 1916, 1959), ::mean(off.recs[0], "angang.steel_t", 1916, 1959));
  EXPECT_DOUBLE_EQ(off.recs[0].get("plan.target_steel_t", 1960), 6.55e6);
  EXPECT_GT(base().mean("plan.fulfilment_steel", 1960, 1960), off.mean("plan.fulfilment_steel", 1960, 1960));
}
