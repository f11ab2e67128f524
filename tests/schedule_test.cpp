// The declared tables of engine/schedule.cpp agree with the parameter
// registry and the series declarations (issue 17).
#include "engine/schedule.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "engine/model.hpp"
#include "experiments/ablate.hpp"
#include "scenario/scenario.hpp"

using namespace gangdu;

namespace {
std::set<std::string> rule_ids() {
  std::set<std::string> ids;
  for (const RuleInfo& r : rules()) EXPECT_TRUE(ids.insert(r.id).second) << "duplicate rule id " << r.id;
  return ids;
}
}  // namespace

TEST(Schedule, EveryRuleNamesAStepAFileAndRegisteredParameters) {
  std::set<std::string> steps;
  for (const Step& s : schedule()) EXPECT_TRUE(steps.insert(s.id).second) << "duplicate step " << s.id;
  for (const RuleInfo& r : rules()) {
    EXPECT_TRUE(steps.count(r.step)) << r.id << ": unknown step " << r.step;
    EXPECT_NE(std::string(r.file).find("src/"), std::string::npos) << r.id;
    EXPECT_FALSE(std::string(r.citation).empty()) << r.id;
    if (*r.switch_param) {
      EXPECT_NE(find_param_def(r.switch_param), nullptr) << r.id << ": " << r.switch_param;
    }
    for (const char* p : r.params) EXPECT_NE(find_param_def(p), nullptr) << r.id << ": " << p;
  }
}

TEST(Schedule, EveryRuleSwitchAndEveryRNumberOfTheRegistryHasARule) {
  const std::set<std::string> ids = rule_ids();
  std::set<std::string> switches;
  for (const RuleInfo& r : rules()) switches.insert(r.switch_param);
  for (const ParamDef& d : param_defs()) {
    const std::string name = d.name, meaning = d.meaning;
    if (name.rfind("rule_", 0) == 0) {
      EXPECT_TRUE(switches.count(name)) << name << " is in no rule of the table";
    }
    // "R13: ..." / "R8/R9: ..." / "R23/L5023: ...": each R-number named must be a rule id (or R3a/R3b).
    if (meaning.size() > 1 && meaning[0] == 'R' && std::isdigit(static_cast<unsigned char>(meaning[1]))) {
      const std::string head = meaning.substr(0, meaning.find(':'));
      size_t at = 0;
      while ((at = head.find('R', at)) != std::string::npos) {
        size_t end = at + 1;
        while (end < head.size() && std::isdigit(static_cast<unsigned char>(head[end]))) ++end;
        const std::string r = head.substr(at, end - at);
        EXPECT_TRUE(ids.count(r) || ids.count(r + "a")) << name << " cites " << r << ", which has no rule";
        at = end;
      }
    }
  }
  // The ablation list is the table's switches: all rule_* parameters, rule_political_targets included.
  const std::vector<std::string> ablate = default_ablation_rules();
  EXPECT_EQ(ablate.size(), rule_switches().size());
  EXPECT_NE(std::find(ablate.begin(), ablate.end(), "rule_political_targets"), ablate.end());
  size_t registered = 0;
  for (const ParamDef& d : param_defs()) registered += std::string(d.name).rfind("rule_", 0) == 0;
  EXPECT_EQ(ablate.size(), registered);
}

TEST(Schedule, EverySeriesNamesARuleOfTheTable) {
  const std::set<std::string> ids = rule_ids();
  const Scenario sc = load_default_scenario();
  const World w(sc, {.seed = 1, .scale = 0.001});
  const std::vector<SeriesInfo> infos = w.rec.infos();
  EXPECT_EQ(infos.size(), w.rec.names().size());
  for (const SeriesInfo& i : infos) {
    EXPECT_TRUE(ids.count(i.rule)) << i.name << ": rule '" << i.rule << "' is not in the table";
    EXPECT_FALSE(i.unit.empty()) << i.name;
    EXPECT_FALSE(i.description.empty()) << i.name;
  }
}

TEST(Recorder, DeclarationsCarryAUnitAndADescription) {
  Recorder r(1950, 1951);
  EXPECT_THROW(r.declare({"x.a", SeriesKind::kStock, "", "a thing", "R1"}), std::logic_error);
  EXPECT_THROW(r.declare({"x.a", SeriesKind::kStock, "t", "", "R1"}), std::logic_error);
  const int a = r.declare({"x.a", SeriesKind::kFlow, "t", "a thing", "R1"});
  EXPECT_EQ(r.declare({"x.a", SeriesKind::kFlow, "t", "a thing", "R1"}), a);  // the same declaration again
  EXPECT_THROW(r.declare({"x.a", SeriesKind::kStock, "t", "a thing", "R1"}), std::logic_error);
  ASSERT_EQ(r.infos().size(), 1u);
  EXPECT_EQ(r.infos()[0].unit, "t");
}
