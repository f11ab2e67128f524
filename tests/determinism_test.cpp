// Determinism: the same scenario and seed give byte-identical outputs within
// one process, across processes, whatever the order of keys in the scenario
// file, and when a --set override restates a default value.
// (Thread-count, MPI-rank and checkpoint/resume determinism belong with the
// ensemble runner and checkpoints: see docs/reliability.md, "Determinism".)
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "engine/model.hpp"
#include "outputs/writer.hpp"
#include "scenario/scenario.hpp"
#include "test_util.hpp"

using namespace gangdu;
using gangdu::testing::default_scenario_text;
using gangdu::testing::read_file;
using gangdu::testing::temp_dir;

namespace {

constexpr RunOptions kOpt{.seed = 7, .scale = 0.02};

std::string series_of(const Scenario& sc, RunOptions opt = kOpt) { return series_csv(run_model(sc, opt).world->rec); }

// Rewrites a scenario file (single-line `key = value` entries, as anshan.toml
// is written) into a different but equivalent order: comments dropped, keys
// of every table reversed, and the top-level groups emitted in reverse order
// of first appearance ([[event]]s before [[facility]]s before [[regime]]s
// before [parameters] ...). Array-of-tables entries keep their order among
// themselves, as TOML gives that order a meaning.
std::string reorder_scenario(const std::string& text) {
  struct Block {
    std::string header;
    std::vector<std::string> keys;
  };
  std::vector<Block> blocks;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    if (line[first] == '[') {
      blocks.push_back({line, {}});
    } else {
      if (blocks.empty()) blocks.push_back({"", {}});
      // A multi-line array value stays one key: join lines until its brackets balance.
      auto depth = [](const std::string& l) {
        int d = 0;
        bool in_str = false;
        for (char c : l) {
          if (c == '"') in_str = !in_str;
          if (!in_str) d += (c == '[') - (c == ']');
        }
        return d;
      };
      for (int d = depth(line); d > 0;) {
        std::string more;
        if (!std::getline(in, more)) break;
        d += depth(more);
        line += "\n" + more;
      }
      blocks.back().keys.push_back(line);
    }
  }
  std::vector<std::string> group_order;  // by first appearance
  std::map<std::string, std::vector<const Block*>> groups;
  for (const Block& b : blocks) {
    if (!groups.count(b.header)) group_order.push_back(b.header);
    groups[b.header].push_back(&b);
  }
  std::string out;
  for (auto g = group_order.rbegin(); g != group_order.rend(); ++g)
    for (const Block* b : groups[*g]) {
      out += b->header + "\n";
      for (auto k = b->keys.rbegin(); k != b->keys.rend(); ++k) out += *k + "\n";
      out += "\n";
    }
  return out;
}

int run_cli(const std::string& args) {
  const std::string cmd = std::string(GANGDU_BINARY) + " " + args + " >/dev/null 2>&1";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace

TEST(Determinism, SameSeedTwiceInOneProcessWithAnotherRunInBetween) {
  const Scenario sc = load_default_scenario();
  const std::string a = series_of(sc);
  // A different run in between must not leak state (no hidden globals, caches or static RNGs).
  const std::string other = series_of(load_default_scenario({{"parameters.migration_response", "0.3"}}), {.seed = 99, .scale = 0.03});
  const std::string b = series_of(sc);
  EXPECT_TRUE(a == b) << "series differ between two runs with the same seed";
  EXPECT_TRUE(a != other);
  EXPECT_GT(std::count(a.begin(), a.end(), '\n'), 100);
}

TEST(Determinism, SameSeedInTwoProcessesGivesIdenticalFiles) {
  const std::string base = temp_dir("det_proc");
  ASSERT_EQ(run_cli("run --seed 7 --scale 0.02 --out " + base + "/a"), 0);
  ASSERT_EQ(run_cli("run --seed 7 --scale 0.02 --out " + base + "/b"), 0);
  ASSERT_EQ(run_cli("run --seed 8 --scale 0.02 --out " + base + "/c"), 0);
  const std::string sa = read_file(base + "/a/series.csv");
  ASSERT_FALSE(sa.empty());
  EXPECT_TRUE(sa == read_file(base + "/b/series.csv")) << "series.csv differs between processes";
  EXPECT_TRUE(read_file(base + "/a/fit.csv") == read_file(base + "/b/fit.csv")) << "fit.csv differs";
  EXPECT_TRUE(sa != read_file(base + "/c/series.csv")) << "the seed has no effect";
  // The in-process run with the same seed writes the same bytes as the CLI.
  EXPECT_TRUE(sa == series_of(load_default_scenario())) << "CLI and in-process runs differ";
  // Manifests agree except for the wall-clock time.
  auto ma = nlohmann::json::parse(read_file(base + "/a/manifest.json"));
  auto mb = nlohmann::json::parse(read_file(base + "/b/manifest.json"));
  ma.erase("wall_seconds");
  mb.erase("wall_seconds");
  EXPECT_EQ(ma, mb);
}

TEST(Determinism, KeyOrderInTheScenarioFileDoesNotMatter) {
  const std::string text = default_scenario_text();
  const std::string shuffled = reorder_scenario(text);
  ASSERT_NE(shuffled, text);
  // The reordering really moved things: the file's last kind of table now comes first, [scenario] last.
  const std::string last_header = text.substr(text.rfind("\n[[") + 1, text.find('\n', text.rfind("\n[[") + 1) - text.rfind("\n[[") - 1);
  EXPECT_EQ(shuffled.rfind(last_header, 0), 0u) << shuffled.substr(0, 200);
  EXPECT_GT(shuffled.find("[scenario]"), shuffled.find("[parameters]"));
  const Scenario a = load_scenario_text(text, "anshan.toml");
  const Scenario b = load_scenario_text(shuffled, "shuffled.toml");
  EXPECT_TRUE(a.canonical_text == b.canonical_text);
  EXPECT_EQ(scenario_hash(a), scenario_hash(b));
  ASSERT_EQ(a.events.size(), b.events.size());
  const std::string sa = series_of(a);
  EXPECT_TRUE(sa == series_of(b)) << "series depend on key order";
  // The canonical (key-sorted) text is a third ordering of the same scenario.
  EXPECT_TRUE(sa == series_of(load_scenario_text(a.canonical_text, "canonical.toml")));
}

TEST(Determinism, ReorderingKeepsTheOrderOfArrayEntries) {
  // The helper moves tables and keys but never entries of one array of tables:
  // their order is meaningful, and the loader rejects regimes out of order.
  const std::string two = "[[regime]]\nid = \"a\"\nstart = \"1916-01\"\n\n[[regime]]\nid = \"b\"\nstart = \"1920-01\"\n";
  const std::string r = reorder_scenario(two);
  EXPECT_LT(r.find("\"a\""), r.find("\"b\""));
  const std::string backwards =
      gangdu::testing::replace_once(default_scenario_text(), "start = \"1916-04\"", "start = \"1999-04\"");
  ASSERT_NE(backwards, default_scenario_text());
  EXPECT_THROW(load_scenario_text(backwards, "b.toml"), InputError);
}

TEST(Determinism, OverrideEqualToTheDefaultChangesNothing) {
  const Scenario base = load_default_scenario();
  const std::string sb = series_of(base);
  ASSERT_DOUBLE_EQ(base.parameters.at("steel_utilization").value, 0.9);
  ASSERT_DOUBLE_EQ(base.parameters.at("plan_active").value, 0.0);
  // Same values, written differently (0.9; integer 0 given as float 0.0; a regime's own value;
  // a facility's capacity restated).
  auto bf3 = std::find_if(base.facilities.begin(), base.facilities.end(), [](auto& f) { return f.id == "bf3"; });
  ASSERT_NE(bf3, base.facilities.end());
  const Scenario same = load_default_scenario(
      {{"parameters.steel_utilization", "0.9"},
       {"parameters.plan_active", "0.0"},
       {"regime.smr.migration_korean_share", "0.02"},
       {"facility.bf3.capacity_t", std::to_string(static_cast<long long>(bf3->capacity_t.value))}});
  EXPECT_TRUE(series_of(same) == sb) << "restating defaults changed the series";
  // ... and a different value does change the series (the override is not ignored; every regime restates steel_utilization, so the first regime's is changed).
  EXPECT_TRUE(series_of(load_default_scenario({{"regime.smr.steel_utilization", "0.7"}})) != sb);
  // Through the CLI as well.
  const std::string dir = temp_dir("det_set");
  ASSERT_EQ(run_cli("run --seed 7 --scale 0.02 --set parameters.steel_utilization=0.9 --out " + dir + "/o"), 0);
  EXPECT_TRUE(read_file(dir + "/o/series.csv") == sb) << "--set of the default value changed the series";
}
