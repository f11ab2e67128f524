#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.hpp"
#include "engine/checkpoint.hpp"
#include "engine/model.hpp"
#include "experiments/batch.hpp"
#include "experiments_util.hpp"
#include "gangdu/version.hpp"
#include "outputs/writer.hpp"

using namespace gangdu;
using namespace gangdu::testutil;

namespace {
ScenarioInput default_input(std::vector<Override> ov = {}) {
  const ScenarioSource s = ScenarioSource::from_path("");
  return {s.text, s.label, std::move(ov)};
}
}  // namespace

// Resuming without changes gives the uninterrupted run, byte for byte, both
// from a year end and from the middle of a year (flows half accumulated).
TEST(Checkpoint, ResumeIsBitIdenticalToTheUninterruptedRun) {
  const ScenarioInput in = default_input();
  const Scenario sc = load_scenario_text(in.text, in.label);
  const RunOptions opt{123, 0.03};
  const RunResult full = run_model(sc, opt);
  const std::string want = series_csv(full.world->rec);
  for (const Month at : {Month::of(1957, 12), Month::of(1940, 6), Month::of(1945, 8)}) {
    std::string bytes;
    const RunResult first = run_model(sc, opt, [&](World& w) {
      if (w.clock.now() == at.next()) bytes = checkpoint_bytes(w, in);
    });
    ASSERT_FALSE(bytes.empty());
    EXPECT_EQ(series_csv(first.world->rec), want) << "taking a checkpoint changed the run";
    Restored r = restore_checkpoint_bytes(bytes, "mem");
    EXPECT_EQ(r.resumed_at, at.next());
    const RunResult resumed = continue_model(std::move(r.world));
    EXPECT_EQ(series_csv(resumed.world->rec), want) << "resumed from " << at.str();
    EXPECT_EQ(resumed.world->peak_agents, full.world->peak_agents);
    EXPECT_EQ(resumed.world->people.ids().size(), full.world->people.ids().size());
    // And a checkpoint of the restored state equals the original one.
    Restored again = restore_checkpoint_bytes(bytes, "mem");
    EXPECT_EQ(checkpoint_bytes(*again.world, in), bytes);
  }
}

TEST(Checkpoint, OverridesOnResumeBranchACounterfactual) {
  const ScenarioInput in = default_input();
  const Scenario sc = load_scenario_text(in.text, in.label);
  std::string bytes;
  const RunResult base = run_model(sc, RunOptions{5, 0.03}, [&](World& w) {
    if (w.clock.now() == Month::of(1958, 1)) bytes = checkpoint_bytes(w, in);
  });
  Restored r = restore_checkpoint_bytes(bytes, "mem", {{"regime.leap.steel_utilization", "0.9"}});
  ASSERT_EQ(r.input.overrides.size(), 1u);
  const RunResult branch = continue_model(std::move(r.world));
  EXPECT_EQ(branch.world->rec.get("angang.pig_iron_t", 1957), base.world->rec.get("angang.pig_iron_t", 1957));
  EXPECT_LT(branch.world->rec.get("angang.pig_iron_t", 1959), base.world->rec.get("angang.pig_iron_t", 1959));
}

TEST(Checkpoint, RefusesForeignCorruptAndMismatchedFiles) {
  const ScenarioInput in = default_input();
  const Scenario sc = load_scenario_text(in.text, in.label);
  std::string bytes;
  run_model(sc, RunOptions{5, 0.02}, [&](World& w) {
    if (w.clock.now() == Month::of(1930, 1)) bytes = checkpoint_bytes(w, in);
  });
  // Another program version.
  std::string other = bytes;
  const size_t v = other.find(kVersion, 12);
  ASSERT_NE(v, std::string::npos);
  other[v] = other[v] == '9' ? '8' : '9';
  try {
    restore_checkpoint_bytes(other, "old.ckpt");
    FAIL() << "accepted a checkpoint from another version";
  } catch (const InputError& e) {
    EXPECT_EQ(e.key(), "version");
    EXPECT_NE(std::string(e.what()).find("old.ckpt"), std::string::npos);
  }
  EXPECT_THROW(restore_checkpoint_bytes(bytes.substr(0, bytes.size() / 2), "cut"), InputError);
  EXPECT_THROW(restore_checkpoint_bytes("not a checkpoint", "junk"), InputError);
  EXPECT_THROW(restore_checkpoint_bytes(bytes + "x", "long"), InputError);
  EXPECT_THROW(load_checkpoint("/nonexistent/dir/x.ckpt"), InputError);
  // An override that breaks the scenario is an input error too.
  EXPECT_THROW(restore_checkpoint_bytes(bytes, "mem", {{"parameters.steel_utilization", "99"}}), InputError);
}

TEST(CheckpointCli, CheckpointResumeAndBranch) {
  const std::string dir = fresh_dir("ckpt");
  std::filesystem::create_directories(dir);
  const std::string ck = dir + "/h.ckpt";
  ASSERT_EQ(run_cli("run --scale 0.02 --seed 8 --out " + dir + "/plain"), 0);
  ASSERT_EQ(run_cli("run --scale 0.02 --seed 8 --checkpoint-at 1957-12 --checkpoint " + ck + " --out " + dir + "/a"), 0);
  ASSERT_TRUE(std::filesystem::exists(ck));
  ASSERT_EQ(run_cli("run --resume " + ck + " --out " + dir + "/b"), 0);
  const std::string plain = slurp(dir + "/plain/series.csv");
  EXPECT_EQ(slurp(dir + "/a/series.csv"), plain);
  EXPECT_EQ(slurp(dir + "/b/series.csv"), plain);
  EXPECT_NE(slurp(dir + "/b/manifest.json").find("\"resumed_at\": \"1958-01\""), std::string::npos);
  ASSERT_EQ(run_cli("run --resume " + ck + " --set regime.leap.steel_utilization=1.0 --out " + dir + "/c"), 0);
  EXPECT_NE(slurp(dir + "/c/series.csv"), plain);
  const std::string log = dir + "/log.txt";
  EXPECT_EQ(run_cli("run --resume " + ck + " --scale 0.1 --out " + dir + "/d", log), 2);
  EXPECT_EQ(run_cli("run --checkpoint-at 1957-12 --out " + dir + "/e", log), 2);
  EXPECT_EQ(run_cli("run --checkpoint-at 1999-01 --checkpoint " + dir + "/x.ckpt --out " + dir + "/f", log), 2);
  EXPECT_EQ(run_cli("run --resume " + dir + "/missing.ckpt --out " + dir + "/g", log), 2);
  EXPECT_NE(slurp(log).find("missing.ckpt"), std::string::npos);
  {
    std::ofstream f(dir + "/bad.ckpt");
    f << "GANGDUCPgarbage";
  }
  EXPECT_EQ(run_cli("run --resume " + dir + "/bad.ckpt --out " + dir + "/h", log), 2);
  for (const char* o : {"/d", "/e", "/f", "/g", "/h"}) EXPECT_FALSE(std::filesystem::exists(dir + o)) << o;
  std::filesystem::remove_all(dir);
}
