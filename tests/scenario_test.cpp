#include <gtest/gtest.h>

#include "core/error.hpp"
#include "scenario/scenario.hpp"
#include "test_util.hpp"

using namespace gangdu;
using gangdu::testing::default_scenario_text;
using gangdu::testing::replace_once;

namespace {
// Loads text and returns the InputError it raises (fails the test if none).
InputError load_error(const std::string& text, const std::vector<Override>& ov = {}) {
  try {
    load_scenario_text(text, "bad.toml", ov);
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError";
  return InputError("", 0, 0, "", "");
}
int line_of(const std::string& text, const std::string& needle) {
  const auto p = text.find(needle);
  return p == std::string::npos ? -1 : 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(p), '\n'));
}
}  // namespace

TEST(Scenario, DefaultLoadsWithSourcesForEveryParameter) {
  const Scenario sc = load_default_scenario();
  EXPECT_EQ(sc.name, "anshan");
  EXPECT_EQ(sc.start, Month::of(1916, 1));
  EXPECT_EQ(sc.end, Month::of(1964, 12));
  EXPECT_GE(sc.regimes.size(), 5u);
  EXPECT_GE(sc.facilities.size(), 10u);
  for (const auto& [k, p] : sc.parameters) EXPECT_FALSE(p.source.empty()) << k;
  for (const auto& g : sc.regimes)
    for (const auto& [k, p] : g.params) EXPECT_FALSE(p.source.empty()) << g.id << "." << k;
  for (const auto& f : sc.facilities) EXPECT_FALSE(f.capacity_t.source.empty()) << f.id;
  for (const auto& e : sc.events) EXPECT_FALSE(e.source.empty()) << e.date.str();
}

TEST(Scenario, FileOnDiskEqualsEmbeddedDefault) {
  const std::string disk = gangdu::testing::read_file(std::string(GANGDU_SOURCE_DIR) + "/scenarios/anshan.toml");
  EXPECT_EQ(disk, default_scenario_text());
}

TEST(Scenario, UnknownKeyIsLocated) {
  const std::string text = replace_once(default_scenario_text(), "title = ", "colour = \"red\"\ntitle = ");
  const InputError e = load_error(text);
  EXPECT_EQ(e.file(), "bad.toml");
  EXPECT_EQ(e.key(), "scenario.colour");
  EXPECT_EQ(e.line(), line_of(text, "colour"));
  EXPECT_NE(std::string(e.what()).find("unknown key"), std::string::npos);
}

TEST(Scenario, TargetMonthOutOfRangeOrOutOfOrderIsLocated) {
  // A month outside 1-12.
  std::string text = replace_once(default_scenario_text(), "year = 1959\nmonth = 3\n", "year = 1959\nmonth = 13\n");
  InputError e = load_error(text);
  EXPECT_NE(e.key().find("month"), std::string::npos) << e.key();
  EXPECT_EQ(e.line(), line_of(text, "month = 13"));
  EXPECT_NE(e.message().find("out of range"), std::string::npos) << e.message();
  // A revision listed after a later one of the same year (the 1960 plan moved to November,
  // before the October military order).
  text = replace_once(default_scenario_text(), "year = 1960\nstage = \"steel\"\nvalue_t = 6550000",
                      "year = 1960\nmonth = 11\nstage = \"steel\"\nvalue_t = 6550000");
  e = load_error(text);
  EXPECT_NE(e.key().find("month"), std::string::npos) << e.key();
  EXPECT_EQ(e.line(), line_of(text, "month = 10"));
  EXPECT_NE(e.message().find("out of order"), std::string::npos) << e.message();
}

TEST(Scenario, WrongTypeIsLocated) {
  const std::string text = replace_once(default_scenario_text(), "seed = 1916", "seed = \"many\"");
  const InputError e = load_error(text);
  EXPECT_EQ(e.key(), "scenario.seed");
  EXPECT_EQ(e.line(), line_of(text, "seed = \"many\""));
  EXPECT_NE(e.message().find("expected a number"), std::string::npos);
}

TEST(Scenario, OutOfRangeValueIsLocated) {
  const std::string text =
      replace_once(default_scenario_text(), "people_birth_rate = { value = 0.035", "people_birth_rate = { value = 3.5");
  const InputError e = load_error(text);
  EXPECT_EQ(e.key(), "parameters.people_birth_rate.value");
  EXPECT_EQ(e.line(), line_of(text, "people_birth_rate = { value = 3.5"));
  EXPECT_NE(e.message().find("out of range"), std::string::npos);
}

TEST(Scenario, MissingSourceIsAnError) {
  const std::string text = replace_once(default_scenario_text(), "rolled_per_steel = { value = 0.75, source = \"",
                                        "rolled_per_steel = { value = 0.75, note = \"");
  const InputError e = load_error(text);
  EXPECT_EQ(e.key().rfind("parameters.rolled_per_steel", 0), 0u) << e.what();
}

TEST(Scenario, EventDateOutOfOrderIsLocated) {
  std::string text = default_scenario_text();
  text += "\n[[event]]\ndate = \"1920-01\"\nkind = \"facility_idle\"\nfacility = \"bf1\"\nsource = \"test\"\n";
  const InputError e = load_error(text);
  EXPECT_NE(e.message().find("out of order"), std::string::npos);
  EXPECT_EQ(e.key().rfind("event[", 0), 0u);
  EXPECT_EQ(e.line(), line_of(text, "date = \"1920-01\""));
}

TEST(Scenario, RegimeOutOfOrderIsAnError) {
  const std::string text = replace_once(default_scenario_text(), "start = \"1933-06\"", "start = \"1910-06\"");
  const InputError e = load_error(text);
  EXPECT_NE(e.message().find("out of order"), std::string::npos);
  EXPECT_EQ(e.key(), "regime[1].start");
}

TEST(Scenario, EventOnUnknownFacilityOrBeforeItWasBuilt) {
  std::string text = default_scenario_text() +
                     "\n[[event]]\ndate = \"1964-01\"\nkind = \"facility_idle\"\nfacility = \"bf99\"\nsource = \"t\"\n";
  EXPECT_NE(load_error(text).message().find("no facility"), std::string::npos);
  text = default_scenario_text() + "\n[[event]]\ndate = \"1964-01\"\nkind = \"explode\"\nsource = \"t\"\n";
  EXPECT_NE(load_error(text).message().find("unknown event kind"), std::string::npos);
}

TEST(Scenario, MalformedDateAndSyntaxErrors) {
  const std::string text = replace_once(default_scenario_text(), "end = \"1964-12\"", "end = \"1964-13\"");
  EXPECT_EQ(load_error(text).key(), "scenario.end");
  const InputError syn = load_error("[scenario\nname = 1\n");
  EXPECT_EQ(syn.line(), 1);
  EXPECT_NE(syn.message().find("TOML syntax error"), std::string::npos);
}

TEST(Scenario, MissingParameterIsNamed) {
  const std::string text = replace_once(default_scenario_text(), "plan_ratchet = {", "x_plan_ratchet = {");
  const InputError e = load_error(text);
  // Either the unknown key or the missing one is reported; both name the parameter.
  EXPECT_NE(e.key().find("plan_ratchet"), std::string::npos) << e.what();
}

TEST(Scenario, MissingFileIsAnError) {
  try {
    load_scenario_file("/nonexistent/dir/none.toml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "/nonexistent/dir/none.toml");
  }
}

TEST(Scenario, OverridesChangeValuesAndKeepProvenance) {
  const Scenario sc = load_default_scenario({{"parameters.steel_utilization", "0.5"},
                                             {"regime.ffyp.steel_utilization", "1.1"},
                                             {"facility.bf3.capacity_t", "200000"},
                                             {"scenario.seed", "7"}});
  EXPECT_DOUBLE_EQ(sc.parameters.at("steel_utilization").value, 0.5);
  EXPECT_NE(sc.parameters.at("steel_utilization").source.find("override"), std::string::npos);
  const auto& ffyp = *std::find_if(sc.regimes.begin(), sc.regimes.end(), [](auto& g) { return g.id == "ffyp"; });
  EXPECT_DOUBLE_EQ(ffyp.params.at("steel_utilization").value, 1.1);
  const auto& bf3 = *std::find_if(sc.facilities.begin(), sc.facilities.end(), [](auto& f) { return f.id == "bf3"; });
  EXPECT_DOUBLE_EQ(bf3.capacity_t.value, 200000);
  EXPECT_EQ(sc.default_seed, 7u);
  EXPECT_NE(load_default_scenario().canonical_text, sc.canonical_text);
}

TEST(Scenario, BadOverridesAreErrors) {
  EXPECT_THROW(load_default_scenario({{"parameters.no_such_param", "1"}}), InputError);
  EXPECT_THROW(load_default_scenario({{"facility.bf99.capacity_t", "1"}}), InputError);
  EXPECT_THROW(load_default_scenario({{"parameters.steel_utilization", "9"}}), InputError);   // out of range
  EXPECT_THROW(load_default_scenario({{"parameters.steel_utilization", "abc"}}), InputError); // wrong type
}

TEST(Scenario, CanonicalTextIgnoresKeyOrder) {
  const std::string a = "[scenario]\nname='x'\nstart='1916-01'\nend='1964-12'\nseed=1\n";
  const std::string b = "[scenario]\nseed=1\nend='1964-12'\nstart='1916-01'\nname='x'\n";
  // Both are incomplete scenarios; compare the canonical form via the error-free prefix only.
  std::string rest = default_scenario_text();
  rest = rest.substr(rest.find("[population]"));
  EXPECT_EQ(load_scenario_text(a + rest, "a").canonical_text, load_scenario_text(b + rest, "b").canonical_text);
}
