// Request validation of `gangdu serve` (web/api.hpp): bad requests are refused with a message.
#include <gtest/gtest.h>

#include "engine/model.hpp"
#include "scenario/scenario.hpp"
#include "web/api.hpp"

using namespace gangdu;
using namespace gangdu::web;
using nlohmann::json;

namespace {

struct Fixture {
  Scenario sc = load_default_scenario();
  std::vector<LeverInfo> levers = levers_for(sc);
  Limits lim;
  RunRequest parse(const std::string& body) const {
    return parse_run_request(body, lim, [&](const std::string& n) -> const std::vector<LeverInfo>* {
      return n == "anshan" ? &levers : nullptr;
    });
  }
  // Status and message of a refused request.
  std::pair<int, std::string> refuse(const std::string& body) const {
    try {
      parse(body);
    } catch (const BadRequest& e) {
      return {e.status(), e.what()};
    }
    return {0, "accepted"};
  }
};

}  // namespace

TEST(WebApi, StrictNumberAcceptsNumbersAndNumericStrings) {
  EXPECT_DOUBLE_EQ(strict_number(json(1.5), "x"), 1.5);
  EXPECT_DOUBLE_EQ(strict_number(json("1.6"), "x"), 1.6);
  EXPECT_DOUBLE_EQ(strict_number(json("-2e3"), "x"), -2000);
  for (const json& bad : {json("abc"), json("1.5x"), json(""), json(" 1"), json(true), json(nullptr), json("nan"),
                          json("inf"), json::array({1}), json::object()})
    EXPECT_THROW(strict_number(bad, "x"), BadRequest) << bad.dump();
}

TEST(WebApi, LeversComeFromTheScenario) {
  Fixture f;
  const LeverInfo* leap = nullptr;
  for (const auto& l : f.levers)
    if (std::string(l.def->id) == "leap_party_pressure") leap = &l;
  ASSERT_NE(leap, nullptr);
  EXPECT_EQ(leap->key, "regime.leap.control_local_weight");
  const auto& rg = f.sc.regimes;
  auto it = std::find_if(rg.begin(), rg.end(), [](const RegimeSpec& r) { return r.id == "leap"; });
  ASSERT_NE(it, rg.end());
  EXPECT_DOUBLE_EQ(leap->value, it->params.at("control_local_weight").value);  // not hard-coded
  EXPECT_DOUBLE_EQ(leap->max, find_param_def("control_local_weight")->max);
  // A scenario without the Leap regime offers no Leap levers.
  Scenario no_leap = f.sc;
  no_leap.regimes.erase(std::remove_if(no_leap.regimes.begin(), no_leap.regimes.end(),
                                       [](const RegimeSpec& r) { return r.id == "leap"; }),
                        no_leap.regimes.end());
  for (const auto& l : levers_for(no_leap)) EXPECT_STRNE(l.def->regime, "leap");
}

TEST(WebApi, ParsesAGoodRequestIntoOverrides) {
  Fixture f;
  const RunRequest r = f.parse(
      R"({"scenario":"anshan","seed":7,"scale":0.05,"levers":{"leap_party_pressure":0.6,"ffyp_blind_inflow":"450",)"
      R"("removal_1945":false},"set":["regime.ffyp.plan_growth=0.2"]})");
  EXPECT_EQ(r.scenario, "anshan");
  ASSERT_TRUE(r.seed);
  EXPECT_EQ(*r.seed, 7u);
  ASSERT_TRUE(r.scale);
  EXPECT_DOUBLE_EQ(*r.scale, 0.05);
  EXPECT_FALSE(r.removal_1945);
  ASSERT_EQ(r.overrides.size(), 3u);
  auto value_of = [&](const std::string& key) {
    for (const auto& o : r.overrides)
      if (o.key == key) return o.value;
    return std::string("(absent)");
  };
  EXPECT_EQ(value_of("regime.leap.control_local_weight"), "0.6");
  EXPECT_EQ(value_of("regime.ffyp.migration_blind_inflow"), "450");
  EXPECT_EQ(value_of("regime.ffyp.plan_growth"), "0.2");
  // The overrides load: the scenario takes the lever's value.
  const Scenario sc = load_default_scenario(r.overrides);
  for (const auto& g : sc.regimes)
    if (g.id == "leap") {
      EXPECT_DOUBLE_EQ(g.params.at("control_local_weight").value, 0.6);
    }
  // Defaults when absent.
  const RunRequest d = f.parse(R"({"scenario":"anshan"})");
  EXPECT_FALSE(d.seed);
  EXPECT_FALSE(d.scale);
  EXPECT_TRUE(d.removal_1945);
  EXPECT_TRUE(d.overrides.empty());
}

TEST(WebApi, RefusesNonNumericLever) {
  Fixture f;
  auto [status, msg] = f.refuse(R"({"scenario":"anshan","levers":{"leap_party_pressure":"abc"}})");
  EXPECT_EQ(status, 400);
  EXPECT_NE(msg.find("leap_party_pressure"), std::string::npos) << msg;
  EXPECT_NE(msg.find("expected a number"), std::string::npos) << msg;
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","levers":{"leap_party_pressure":true}})").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","levers":{"leap_party_pressure":null}})").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","levers":{"removal_1945":"maybe"}})").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","levers":{"removal_1945":2}})").first, 400);
}

TEST(WebApi, RefusesOutOfBoundsUnknownAndMalformed) {
  Fixture f;
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","levers":{"leap_party_pressure":2.5}})").first, 400);   // > param max
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","levers":{"leap_party_pressure":-1}})").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","levers":{"no_such_lever":1}})").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"../etc/passwd"})").first, 400);
  EXPECT_EQ(f.refuse(R"({"levers":{}})").first, 400);  // no scenario
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","extra":1})").first, 400);
  EXPECT_EQ(f.refuse(R"([1,2])").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan",)").first, 400);  // not JSON
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","seed":-1})").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","seed":1.5})").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","scale":5})").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","scale":"x"})").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","set":["regime.leap.control_local_weight=abc"]})").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","set":["../../x=1"]})").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","set":["a..b=1"]})").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","set":["novalue"]})").first, 400);
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","set":"x=1"})").first, 400);
}

TEST(WebApi, RefusesOversizedBody) {
  Fixture f;
  f.lim.max_body = 1024;
  const std::string big = R"({"scenario":"anshan","set":[")" + std::string(2000, 'a') + R"("]})";
  auto [status, msg] = f.refuse(big);
  EXPECT_EQ(status, 413);
  EXPECT_NE(msg.find("exceeds the limit"), std::string::npos) << msg;
}

TEST(WebApi, RunIdsAndFileNamesAreWhitelisted) {
  EXPECT_TRUE(valid_run_id("1"));
  EXPECT_TRUE(valid_run_id("123456789"));
  for (const char* bad : {"", "1234567890", "../1", "1a", "-1", "1/2", "..", "%2e"}) EXPECT_FALSE(valid_run_id(bad)) << bad;
  EXPECT_TRUE(run_file_content_type("series.csv"));
  EXPECT_TRUE(run_file_content_type("fit.csv"));
  EXPECT_TRUE(run_file_content_type("manifest.json"));
  for (const char* bad : {"../series.csv", "series.csv/..", "/etc/passwd", "..", "passwd", "series.csv\n", ""})
    EXPECT_FALSE(run_file_content_type(bad)) << bad;
  EXPECT_TRUE(asset_content_type("dashboard.js"));
  for (const char* bad : {"../dashboard.js", "dashboard.html/../x", "report.js.map", "../../CMakeLists.txt"})
    EXPECT_FALSE(asset_content_type(bad)) << bad;
  EXPECT_TRUE(valid_override_key("regime.leap.control_local_weight"));
  for (const char* bad : {"", ".x", "x.", "a..b", "a/b", "a b", "a=b"}) EXPECT_FALSE(valid_override_key(bad)) << bad;
}

TEST(WebApi, RemovalSwitchDropsThe1945DamageEvents) {
  const Scenario base = load_default_scenario();
  Scenario off = base;
  const int dropped = apply_removal_switch(off, false);
  EXPECT_GT(dropped, 5);
  EXPECT_EQ(off.events.size() + static_cast<size_t>(dropped), base.events.size());
  for (const auto& e : off.events)
    EXPECT_FALSE((e.kind == EventKind::kFacilityDamage || e.kind == EventKind::kRemoval) && e.date.year() == 1945 &&
                 e.date.month() >= 8);
  EXPECT_NE(off.canonical_text, base.canonical_text);  // the manifest's hash tells the runs apart
  Scenario on = base;
  EXPECT_EQ(apply_removal_switch(on, true), 0);
  EXPECT_EQ(on.events.size(), base.events.size());
}

TEST(WebApi, LeapLeverMovesLeapOutputOnly) {
  // The lever reaches the model: less Party pressure in the Leap (lower political targets,
  // less overdriving) changes 1959 steel and leaves 1955 alone. Which way is the model's answer
  // (less overdriving also means less wear and skipped maintenance), not the lever's test.
  RunOptions opt;
  opt.seed = 3;
  opt.scale = 0.02;
  const Scenario a = load_default_scenario();
  const Scenario b = load_default_scenario({{"regime.leap.control_local_weight", "0.1"}});
  const RunResult ra = run_model(a, opt), rb = run_model(b, opt);
  EXPECT_DOUBLE_EQ(ra.world->rec.get("angang.steel_t", 1955), rb.world->rec.get("angang.steel_t", 1955));
  EXPECT_NE(rb.world->rec.get("angang.steel_t", 1959), ra.world->rec.get("angang.steel_t", 1959));
}

TEST(WebApi, MonthHookSeesEveryMonthAndCanStop) {
  const Scenario sc = load_default_scenario();
  RunOptions opt;
  opt.scale = 0.01;
  int months = 0;
  const RunResult full = run_model(sc, opt, [&](const World&) { return ++months > 0; });
  EXPECT_EQ(months, sc.end.index - sc.start.index + 1);
  EXPECT_TRUE(full.world->clock.done());
  int n = 0;
  const RunResult cut = run_model(sc, opt, [&](const World&) { return ++n < 24; });
  EXPECT_EQ(n, 24);
  EXPECT_FALSE(cut.world->clock.done());
  // The hook does not change the run.
  const RunResult plain = run_model(sc, opt);
  EXPECT_EQ(plain.world->rec.get("angang.steel_t", 1957), full.world->rec.get("angang.steel_t", 1957));
}

TEST(WebApi, RuleSwitchesBecomeForcedParameters) {
  Fixture f;
  const LeverInfo* rule = nullptr;
  for (const auto& l : f.levers)
    if (!l.rule.empty()) rule = &l;
  ASSERT_NE(rule, nullptr) << "no rule_* parameter in the default scenario";
  const std::string id = rule->def->id;
  const RunRequest r = f.parse(R"({"scenario":"anshan","levers":{")" + id + R"(":false}})");
  ASSERT_EQ(r.forced.size(), 1u);
  EXPECT_EQ(r.forced[0].first, rule->rule);
  EXPECT_EQ(r.forced[0].second, 0.0);
  EXPECT_TRUE(r.overrides.empty());
  EXPECT_EQ(f.refuse(R"({"scenario":"anshan","levers":{")" + id + R"(":"off"}})").first, 400);
}
