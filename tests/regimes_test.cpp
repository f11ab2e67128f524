#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "engine/model.hpp"
#include "regimes/campaigns.hpp"
#include "regimes/timeline.hpp"
#include "scenario/scenario.hpp"
#include "test_util.hpp"

using namespace gangdu;

namespace {
const Scenario& anshan() {
  static const Scenario sc = load_default_scenario();
  return sc;
}
const Recorder& history(const Scenario& sc, uint64_t seed = 4) {
  static std::map<std::string, std::unique_ptr<World>> cache;
  auto& slot = cache[sc.name + std::to_string(seed)];
  if (!slot) slot = run_model(sc, {.seed = seed, .scale = 0.05}).world;
  return slot->rec;
}
std::string source_path(const std::string& rel) { return std::string(GANGDU_SOURCE_DIR) + "/" + rel; }
}  // namespace

TEST(Regimes, SwitchAtTheRightMonthAndResetDatedChanges) {
  const Scenario& sc = anshan();
  ParamTable p(sc);
  RegimeTimeline t(sc);
  auto at = [&](int y, int m) {
    for (Month x = Month::of(1916, 1); !(Month::of(y, m) < x); x = x.next()) t.apply(x, p);
  };
  at(1957, 12);
  EXPECT_EQ(t.regime().id, "ffyp");
  // Overdriving is behaviour, not a regime value: no regime sets its response.
  EXPECT_DOUBLE_EQ(p.get("overdrive_response"), sc.parameters.at("overdrive_response").value);
  EXPECT_DOUBLE_EQ(p.get("control_local_weight"), 0.5);  // set_param of Sept 1956
  RegimeTimeline t2(sc);
  ParamTable p2(sc);
  for (Month x = Month::of(1916, 1); !(Month::of(1958, 1) < x); x = x.next()) t2.apply(x, p2);
  EXPECT_EQ(t2.regime().id, "leap");
  EXPECT_DOUBLE_EQ(p2.get("control_local_weight"), 1.0);
  EXPECT_GT(p2.get("overdrive_response"), 0.0);
  // A forced switch survives regime changes and events.
  ParamTable p3(sc);
  p3.force("rule_political_targets", 0);
  RegimeTimeline t3(sc);
  for (Month x = Month::of(1916, 1); !(Month::of(1960, 6) < x); x = x.next()) t3.apply(x, p3);
  EXPECT_DOUBLE_EQ(p3.get("rule_political_targets"), 0.0);
}

// The typed Params the monthly code reads carry the registry's values in
// registry order, switches as value > 0.5, and follow every change.
TEST(Params, TypedFieldsFollowTheRegistryAndEveryChange) {
  std::vector<double> v(kParamCount);
  for (size_t i = 0; i < v.size(); ++i) v[i] = 0.25 + static_cast<double>(i);  // all distinct, all > 0.5 but the first
  Params p;
  bind_params(p, v);
  size_t checked = 0;
#define CHECK_PARAM(id, lo, hi, unit, meaning)                                   \
  EXPECT_EQ(p.id, v[static_cast<size_t>(ParamId::id)]) << #id;                   \
  EXPECT_STREQ(param_defs()[static_cast<size_t>(ParamId::id)].name, #id) << #id; \
  ++checked;
#define CHECK_SWITCH(id, meaning)                                                     \
  EXPECT_EQ(p.id, v[static_cast<size_t>(ParamId::id)] > 0.5) << #id;                  \
  EXPECT_STREQ(param_defs()[static_cast<size_t>(ParamId::id)].unit, "switch") << #id; \
  ++checked;
  GANGDU_PARAMETERS(CHECK_PARAM, CHECK_SWITCH)
#undef CHECK_PARAM
#undef CHECK_SWITCH
  EXPECT_EQ(checked, param_defs().size());
  // A switch is on above 0.5 only.
  v[static_cast<size_t>(ParamId::rule_ratchet)] = 0.5;
  bind_params(p, v);
  EXPECT_FALSE(p.rule_ratchet);
  v[static_cast<size_t>(ParamId::rule_ratchet)] = 0.51;
  bind_params(p, v);
  EXPECT_TRUE(p.rule_ratchet);

  // ParamTable rebinds on set, force, reset and regime switches.
  const Scenario& sc = anshan();
  ParamTable t(sc);
  EXPECT_EQ(t.typed().steel_utilization, t.get("steel_utilization"));
  t.set("steel_utilization", 1.25);
  EXPECT_EQ(t.typed().steel_utilization, 1.25);
  t.force("rule_soft_budget", 0);
  EXPECT_FALSE(t.typed().rule_soft_budget);
  t.set("rule_soft_budget", 1);  // forced values win over later changes
  EXPECT_FALSE(t.typed().rule_soft_budget);
  t.reset_to_base();
  EXPECT_EQ(t.typed().steel_utilization, sc.parameters.at("steel_utilization").value);
  RegimeTimeline r(sc);
  for (Month x = Month::of(1916, 1); !(Month::of(1958, 1) < x); x = x.next()) r.apply(x, t);
  EXPECT_EQ(t.typed().control_local_weight, 1.0);  // the Leap's value (see the test above)
  EXPECT_EQ(t.typed().overdrive_response, t.get("overdrive_response"));
}

TEST(Campaigns, CostWorkTimeWhileTheyRun) {
  const Scenario& sc = anshan();
  World w(sc, {.seed = 1, .scale = 0.01});
  auto factor_at = [&](int y, int m) {
    while (w.clock.now() < Month::of(y, m)) {
      w.regimes.apply(w.clock.now(), w.params);
      w.clock.advance();
    }
    w.regimes.apply(w.clock.now(), w.params);
    return work_conditions_factor(w);
  };
  EXPECT_DOUBLE_EQ(factor_at(1948, 6), 1.0);  // no campaign
  // March 1952: production competition, suppression of counter-revolutionaries, Three-Anti.
  EXPECT_NEAR(factor_at(1952, 3), (1 - 0.02) * 1.04 * (1 - 0.01) * (1 - 0.03) * (1 - 0.02), 1e-12);
  // The food shortfall of 1960 and the Soviet withdrawal lower it further.
  const double f1960 = factor_at(1960, 9);
  EXPECT_LT(f1960, 0.95);
}

TEST(Leap, PoliticalTargetsOverrideTheBalancedPlan) {
  const Recorder& r = history(anshan());
  // Local line weight 1 in the Leap: the target in force at the end of 1959 is the March 1959
  // mission (L5384), and of 1960 the October military order (L5142).
  EXPECT_NEAR(r.get("plan.target_steel_t", 1959), 6.0e6, 1.0);
  EXPECT_NEAR(r.get("plan.political_target_steel_t", 1960), 6.1e6, 1.0);
  EXPECT_NEAR(r.get("angang.transferred_out", 1958), 37697, 0.15 * 37697);
  EXPECT_EQ(r.get("plan.political_target_steel_t", 1957), 0.0);
}

TEST(Leap, RetreatCutsTheWorkforce) {
  const Recorder& r = history(anshan());
  EXPECT_GT(r.get("angang.laid_off", 1961), 0.0);
  EXPECT_LT(r.get("angang.employees", 1962), r.get("angang.employees", 1960));
}

TEST(Leap, ScenarioWithoutTheLeapRunsFromAScenarioChangeAlone) {
  const Scenario nl = load_scenario_file(source_path("scenarios/no_leap.toml"));
  EXPECT_EQ(nl.name, "anshan_no_leap");
  EXPECT_TRUE(nl.targets.empty());
  for (const auto& e : nl.events)
    EXPECT_FALSE(e.kind == EventKind::kTransferOut && e.date.year() >= 1958) << e.date.str();
  const Recorder& leap = history(anshan());
  const Recorder& calm = history(nl);
  for (int y = 1916; y <= 1957; ++y) EXPECT_EQ(leap.get("angang.steel_t", y), calm.get("angang.steel_t", y)) << y;
  EXPECT_GT(leap.get("plan.target_steel_t", 1959), calm.get("plan.target_steel_t", 1959));
  EXPECT_GT(leap.get("angang.transferred_out", 1958), calm.get("angang.transferred_out", 1958));
}

TEST(Regimes, AContinuingRegimeKeepsWhatItDoesNotList) {
  // no_leap.toml replaces the Leap by `continues = true` regimes: the end-1957
  // values (FFYP regime and the set_param events before 1958) carry on.
  const Scenario nl = load_scenario_file(source_path("scenarios/no_leap.toml"));
  auto params_at = [](const Scenario& sc, int y, int m) {
    ParamTable p(sc);
    RegimeTimeline t(sc);
    for (Month x = Month::of(1916, 1); !(Month::of(y, m) < x); x = x.next()) t.apply(x, p);
    return std::make_pair(t.regime().id, p);
  };
  const auto [id57, p57] = params_at(nl, 1957, 12);
  const auto [id58, p58] = params_at(nl, 1958, 6);
  EXPECT_EQ(id57, "ffyp");
  EXPECT_EQ(id58, "second_fyp");
  for (const char* k :
       {"steel_utilization", "plan_ministry_weight", "demand_outside_pig_iron_t", "plan_profit_shading"})
    EXPECT_DOUBLE_EQ(p58.get(k), p57.get(k)) << k;
  EXPECT_DOUBLE_EQ(p58.get("invest_state_yuan"), 550000000.0);  // what it lists changes
  // The default Leap continues: the 1955 hukou controls (set_param) carry into 1958.
  // Without `continues` it starts again from [parameters] and they lapse.
  std::string text(embedded::find("scenarios/anshan.toml"));
  const auto at = text.find("continues = true  # what it does not list carries on from 1957");
  ASSERT_NE(at, std::string::npos);
  const size_t len = text.find('\n', at) - at;
  EXPECT_DOUBLE_EQ(params_at(anshan(), 1958, 6).second.get("migration_control"),
                   params_at(anshan(), 1957, 12).second.get("migration_control"));
  std::string off = text;
  off.replace(at, len, "continues = false");
  const Scenario plain = load_scenario_text(off, "t.toml");
  EXPECT_DOUBLE_EQ(params_at(plain, 1958, 6).second.get("migration_control"),
                   plain.parameters.at("migration_control").value);
  EXPECT_NE(params_at(plain, 1957, 12).second.get("migration_control"), plain.parameters.at("migration_control").value);
  // `continues` must be a boolean.
  text.replace(at, len, "continues = \"yes\"");
  try {
    load_scenario_text(text, "t.toml");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("continues"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("true or false"), std::string::npos) << e.what();
  }
}

TEST(Extends, MergesByIdAndReportsBadRemovals) {
  const std::string dir = gangdu::testing::temp_dir("extends");
  std::filesystem::copy_file(source_path("scenarios/anshan.toml"), dir + "/anshan.toml");
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir + "/" + name) << text;
    return dir + "/" + name;
  };
  const Scenario s = load_scenario_file(write("a.toml",
                                              "[scenario]\nextends = \"anshan.toml\"\nname = \"a\"\n[[facility]]\nid = "
                                              "\"bf3\"\ncapacity_t = { value = 1, source = \"t\" }\n"));
  const auto& bf3 = *std::find_if(s.facilities.begin(), s.facilities.end(), [](auto& f) { return f.id == "bf3"; });
  EXPECT_EQ(bf3.capacity_t.value, 1.0);
  EXPECT_EQ(bf3.name, "Blast Furnace No. 3");  // other keys inherited
  try {
    load_scenario_file(
        write("b.toml", "[scenario]\nextends = \"anshan.toml\"\n\n[[event]]\nid = \"nope\"\nremove = true\n"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("names no element"), std::string::npos);
    EXPECT_EQ(e.line(), 4);
  }
  EXPECT_THROW(load_scenario_file(write("c.toml", "[scenario]\nextends = \"missing.toml\"\n")), InputError);
  EXPECT_THROW(load_scenario_file(write("d.toml", "[scenario]\nextends = \"d.toml\"\n")), InputError);  // a cycle
  // An error inside an inherited node names the file it came from.
  try {
    load_scenario_file(write("e.toml", "[scenario]\nextends = \"anshan.toml\"\n[parameters]\nbogus = 1\n"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.key(), "parameters.bogus");
    EXPECT_EQ(e.file(), dir + "/e.toml");
  }
}
