// Regression tests for issue 26 ("Reliability that cannot rot"): each test
// reproduces one probe that used to crash, misread or mis-explain an input,
// and checks the located error (or the exact value) now given instead.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "core/error.hpp"
#include "engine/checkpoint.hpp"
#include "engine/model.hpp"
#include "planning/economy/io.hpp"
#include "planning/economy/methods.hpp"
#include "scenario/scenario.hpp"
#include "test_util.hpp"

using namespace gangdu;
using gangdu::testing::default_scenario_text;
using gangdu::testing::read_file;
using gangdu::testing::replace_once;
using gangdu::testing::temp_dir;

namespace {

InputError load_error(const std::string& text, const std::vector<Override>& ov = {}) {
  try {
    (void)load_scenario_text(text, "t.toml", ov);
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError";
  return InputError("", 0, 0, "", "");
}

struct Cli {
  int status;
  std::string out;
};
Cli gangdu_cli(const std::string& args) {
  const std::string log = temp_dir("rel_log") + "/log.txt";
  const std::string cmd = std::string(GANGDU_BINARY) + " " + args + " >" + log + " 2>&1";
  const int rc = std::system(cmd.c_str());
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, read_file(log)};
}

void write(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

// 1. Integers above 2^53 used to become 0 (toml++ gives no double for them) and pass every range check.
TEST(Reliability, IntegerAbove2To53IsRefusedNotZero) {
  const InputError e = load_error(default_scenario_text(), {{"regime.ffyp.steel_utilization", "9007199254740993"}});
  EXPECT_TRUE(has(e.message(), "9007199254740993 is out of range")) << e.what();
  EXPECT_TRUE(has(e.key(), "].steel_utilization.value")) << e.what();
}

TEST(Reliability, CountsMustBeWholeNumbers) {
  const InputError e = load_error(replace_once(default_scenario_text(), "chinese = 3000", "chinese = 3000.5"));
  EXPECT_EQ(e.key(), "population.chinese");
  EXPECT_TRUE(has(e.message(), "not a whole number")) << e.what();
  EXPECT_GT(e.line(), 0);
  // 3000.0 is the same count
  EXPECT_EQ(load_scenario_text(replace_once(default_scenario_text(), "chinese = 3000", "chinese = 3000.0"), "t.toml")
                .population.chinese,
            3000.0);
}

TEST(Reliability, SeedIsExactUpToItsType) {
  const Scenario sc =
      load_scenario_text(replace_once(default_scenario_text(), "seed = 1916", "seed = 9223372036854775807"), "t.toml");
  EXPECT_EQ(sc.default_seed, 9223372036854775807ull);
  EXPECT_TRUE(
      has(load_error(replace_once(default_scenario_text(), "seed = 1916", "seed = -5")).message(), "0 or more"));
  EXPECT_TRUE(
      has(load_error(replace_once(default_scenario_text(), "seed = 1916", "seed = 1.7")).message(), "integer seed"));
}

TEST(Reliability, SetValueThatIsNotANumberSaysSo) {
  const InputError a = load_error(default_scenario_text(), {{"parameters.steel_utilization", "abc"}});
  EXPECT_TRUE(has(a.message(), "'abc' is not a number")) << a.what();
  const InputError b = load_error(default_scenario_text(), {{"parameters.steel_utilization", "1e400"}});
  EXPECT_TRUE(has(b.message(), "outside the range of a double")) << b.what();
  EXPECT_TRUE(has(b.file(), "--set parameters.steel_utilization=1e400")) << b.what();
}

// 2. Deep dotted keys and table headers overflowed toml++'s stack (SIGSEGV).
TEST(Reliability, DeepDottedKeysAndHeadersAreRefusedBeforeParsing) {
  std::string deep_key, deep_header = "[";
  for (int i = 0; i < 100000; ++i) deep_key += "a.";
  for (int i = 0; i < 100000; ++i) deep_header += "a.";
  const InputError k = load_error(deep_key + "a = 1\n");
  EXPECT_TRUE(has(k.message(), "nested too deeply")) << k.what();
  EXPECT_EQ(k.line(), 1);
  const InputError h = load_error("x = 1\n" + deep_header + "a]\n");
  EXPECT_TRUE(has(h.message(), "nested too deeply")) << h.what();
  EXPECT_EQ(h.line(), 2);
  std::string inl = "x = ";
  for (int i = 0; i < 40; ++i) inl += "{ a.b = ";
  EXPECT_TRUE(has(load_error(inl + "1" + std::string(40, '}') + "\n").message(), "nested too deeply"));
  // the same through a multi-line --set value
  EXPECT_TRUE(has(load_error(default_scenario_text(), {{"scenario.name", "\"x\"\n" + deep_key + "a = 1"}}).message(),
                  "nested too deeply"));
  // and the CLI exits 2 instead of crashing
  const std::string dir = temp_dir("rel_deep");
  write(dir + "/d.toml", deep_key + "a = 1\n");
  const Cli r = gangdu_cli("run " + dir + "/d.toml --out " + dir + "/out");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_TRUE(has(r.out, "d.toml:1:")) << r.out;
}

TEST(Reliability, OversizeScenarioIsRefused) {
  const std::string dir = temp_dir("rel_big");
  std::string big = default_scenario_text();
  big += "\n# " + std::string(5 << 20, 'x') + "\n";
  write(dir + "/big.toml", big);
  try {
    (void)load_scenario_file(dir + "/big.toml");
    ADD_FAILURE() << "a 5 MiB scenario was accepted";
  } catch (const InputError& e) {
    EXPECT_TRUE(has(e.message(), "the limit is")) << e.what();
  }
}

// 4. The canonical text behind the scenario hash is printed without toml++'s
// formatter (UB on floats below 0.1); it reloads to itself, including
// non-finite and tiny floats and strings with escapes.
TEST(Reliability, CanonicalTextIsAFixedPoint) {
  const Scenario a = load_default_scenario();
  const Scenario b = load_scenario_text(a.canonical_text, "canon.toml");
  EXPECT_EQ(a.canonical_text, b.canonical_text);
  EXPECT_TRUE(has(a.canonical_text, "[[regime]]"));
  const Scenario c = load_default_scenario(
      {{"parameters.steel_utilization", "1e-300"}, {"scenario.title", "\"tab\\there \\\"q\\\"\""}});
  EXPECT_TRUE(has(c.canonical_text, "1e-300")) << c.canonical_text.substr(0, 400);
  EXPECT_EQ(load_scenario_text(c.canonical_text, "c.toml").canonical_text, c.canonical_text);
  EXPECT_NE(a.canonical_text, c.canonical_text);
}

// 8. An extends cycle is named with its line and the files on the way.
TEST(Reliability, ExtendsCycleNamesTheLine) {
  const std::string dir = temp_dir("rel_cycle");
  write(dir + "/a.toml", "[scenario]\nextends = \"b.toml\"\n");
  write(dir + "/b.toml", "# b\n[scenario]\nname = \"b\"\nextends = \"a.toml\"\n");
  try {
    (void)load_scenario_file(dir + "/a.toml");
    ADD_FAILURE() << "cycle accepted";
  } catch (const InputError& e) {
    EXPECT_TRUE(has(e.message(), "extends cycle")) << e.what();
    EXPECT_TRUE(has(e.file(), "b.toml")) << e.what();
    EXPECT_EQ(e.line(), 4) << e.what();
  }
}

// 8. A regime that starts after the run's end never applies: accepted, with a warning.
TEST(Reliability, RegimeAfterTheEndWarns) {
  const Scenario sc =
      load_scenario_text(replace_once(default_scenario_text(), "end = \"1964-12\"", "end = \"1950-12\""), "t.toml");
  ASSERT_FALSE(sc.warnings.empty());
  EXPECT_TRUE(has(sc.warnings.front(), "after the run's end 1950-12")) << sc.warnings.front();
  EXPECT_TRUE(has(sc.warnings.front(), "t.toml:")) << sc.warnings.front();
  EXPECT_TRUE(load_default_scenario().warnings.empty());
}

// 8. Flags: messages name the flag typed; nothing is clamped or defaulted.
TEST(Reliability, BadFlagValuesNameTheFlag) {
  const std::string out = temp_dir("rel_flags") + "/out";
  struct Case {
    std::string args, says;
  };
  const Case cases[] = {
      {"run --seed -5", "--seed"},
      {"run --seed 99999999999999999999", "above the largest seed"},
      {"run --seed 1.5", "--seed"},
      {"run --scale nan", "'nan' is not a finite number"},
      {"run --scale inf", "--scale"},
      {"run --set parameters.steel_utilization=abc", "'abc' is not a number"},
      {"run --set parameters.steel_utilization=1e400", "outside the range of a double"},
      {"ensemble --runs 20000", "--runs"},
      {"sweep x.csv --replicates 0", "--replicates"},
  };
  for (const Case& c : cases) {
    const Cli r = gangdu_cli(c.args + " --out " + out);
    EXPECT_EQ(r.status, 2) << c.args << "\n" << r.out;
    EXPECT_TRUE(has(r.out, c.says)) << c.args << "\n" << r.out;
    EXPECT_FALSE(std::filesystem::exists(out)) << c.args;
  }
}

// 8. Sweep designs: a BOM is not part of the first column's name; a duplicated
// column and a negative seed are refused with their place.
TEST(Reliability, SweepDesignIsReadExactly) {
  const std::string dir = temp_dir("rel_design");
  write(dir + "/bom.csv", "\xEF\xBB\xBFparameters.steel_utilization,seed\n0.9,5\n");
  write(dir + "/dup.csv", "parameters.steel_utilization,parameters.steel_utilization\n0.9,0.8\n");
  write(dir + "/neg.csv", "parameters.steel_utilization,seed\n0.9,-5\n");
  write(dir + "/big.csv", "parameters.steel_utilization,seed\n0.9,99999999999999999999\n");
  const Cli dup = gangdu_cli("sweep " + dir + "/dup.csv --out " + dir + "/o1");
  EXPECT_EQ(dup.status, 2) << dup.out;
  EXPECT_TRUE(has(dup.out, "dup.csv:1:2")) << dup.out;
  EXPECT_TRUE(has(dup.out, "duplicate column")) << dup.out;
  const Cli neg = gangdu_cli("sweep " + dir + "/neg.csv --out " + dir + "/o2");
  EXPECT_EQ(neg.status, 2) << neg.out;
  EXPECT_TRUE(has(neg.out, "neg.csv:2:2")) << neg.out;
  const Cli big = gangdu_cli("sweep " + dir + "/big.csv --out " + dir + "/o3");
  EXPECT_EQ(big.status, 2) << big.out;
  EXPECT_TRUE(has(big.out, "above the largest seed")) << big.out;
  const Cli bom = gangdu_cli("sweep " + dir + "/bom.csv --scale 0.005 --threads 1 --out " + dir + "/o4");
  EXPECT_EQ(bom.status, 0) << bom.out;
  const std::string runs = read_file(dir + "/o4/runs.csv");
  EXPECT_TRUE(has(runs, "seed,parameters.steel_utilization,")) << runs;  // the key, without the BOM
  EXPECT_FALSE(has(runs, "\xEF\xBB\xBF")) << runs;
}

// 5. `gangdu plan` options: harmony with 0 iterations crashed (empty best_f),
// max_fulfilment nan gave an "optimal; feasible" all-zero plan.
TEST(Reliability, PlanOptionsAreBounded) {
  plan::GenerateOptions g;
  g.products = 20;
  const plan::Economy e = plan::generate_economy(g);
  auto refused = [&](plan::Method m, plan::Options o, const std::string& says) {
    try {
      (void)plan::solve(e, m, o);
      ADD_FAILURE() << "accepted: " << says;
    } catch (const std::invalid_argument& ex) {
      EXPECT_TRUE(has(ex.what(), says)) << ex.what();
    }
  };
  plan::Options o;
  o.harmony_iterations = 0;
  refused(plan::Method::Harmony, o, "harmony_iterations");
  o.harmony_iterations = -3;
  refused(plan::Method::Harmony, o, "harmony_iterations");
  o = {};
  o.max_fulfilment = NAN;
  refused(plan::Method::Lp, o, "max_fulfilment");
  o = {};
  o.tolerance = 1e300;
  refused(plan::Method::Balance, o, "tolerance");
  // the same through the CLI: exit 2 naming the flag
  const std::string dir = temp_dir("rel_plan");
  ASSERT_EQ(gangdu_cli("plan generate --products 10 --out " + dir + "/econ").status, 0);
  for (const std::string& args :
       {std::string("--method harmony --harmony-iterations 0"), std::string("--method harmony --harmony-iterations -1"),
        std::string("--method lp --max-fulfilment nan"), std::string("--tolerance 1e300")}) {
    const Cli r = gangdu_cli("plan " + dir + "/econ " + args);
    EXPECT_EQ(r.status, 2) << args << "\n" << r.out;
    EXPECT_TRUE(has(r.out, args.substr(args.rfind("--"), args.rfind(' ') - args.rfind("--")))) << args << "\n" << r.out;
  }
  // a 1e308 coefficient: refused where it is written (lp used to exit 0 with "CLP status 4")
  std::string inputs = read_file(dir + "/econ/inputs.csv");
  const size_t last_comma = inputs.rfind(',', inputs.size() - 2);
  inputs = inputs.substr(0, last_comma + 1) + "1e308\n";
  write(dir + "/econ/inputs.csv", inputs);
  const Cli lp = gangdu_cli("plan " + dir + "/econ --method lp");
  EXPECT_EQ(lp.status, 2) << lp.out;
  EXPECT_TRUE(has(lp.out, "inputs.csv:")) << lp.out;
  EXPECT_TRUE(has(lp.out, "above 1e15")) << lp.out;
}

// 6. A crafted checkpoint (checksum recomputed, as checkpoint_bytes does) with
// an index out of its table used to crash --resume in housing_month.
TEST(Reliability, CraftedCheckpointIndexesAreRefused) {
  Scenario sc = load_default_scenario();
  const RunOptions opt{7, 0.01, {}};
  const ScenarioInput in{default_scenario_text(), "<embedded>/scenarios/anshan.toml", {}};
  std::string bytes;
  (void)run_model(sc, opt, [&](const World& w) {
    if (w.clock.now() == parse_month("1930-02")) bytes = checkpoint_bytes(w, in);
    return bytes.empty();
  });
  ASSERT_FALSE(bytes.empty());
  ASSERT_NO_THROW((void)restore_checkpoint_bytes(bytes, "ok.ck"));
  struct Mutation {
    const char* what;
    std::function<void(World&)> apply;
  };
  const Mutation mutations[] = {
      {"live household",
       [](World& w) { w.live_households.push_back(static_cast<uint32_t>(w.people.household_sizes().size() + 5)); }},
      {"owner", [](World& w) { w.people.household_owners()[0] = 77; }},
      {"dwelling", [](World& w) { w.people.household_dwellings()[0] = 200; }},
      {"employer", [](World& w) { w.people.employers()[0] = 9; }},
      {"waiting family",
       [](World& w) {
         w.waiting_families.push_back({1u << 30, 0, 0, 0, 0, 0, 0});
       }},
      {"housing order", [](World& w) { w.housing.ordered.push_back(1u << 31); }},
      {"event index", [](World& w) { w.next_population_event = w.sc.events.size() + 3; }},
  };
  for (const Mutation& m : mutations) {
    SCOPED_TRACE(m.what);
    Restored r = restore_checkpoint_bytes(bytes, "ok.ck");
    m.apply(*r.world);
    const std::string crafted = checkpoint_bytes(*r.world, in);
    try {
      (void)restore_checkpoint_bytes(crafted, "crafted.ck");
      ADD_FAILURE() << "crafted checkpoint accepted";
    } catch (const InputError& e) {
      EXPECT_TRUE(has(e.what(), "crafted.ck")) << e.what();
    }
  }
}
