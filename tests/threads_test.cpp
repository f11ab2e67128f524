// Both cores for one run (issue 23): the per-person passes run on blocks of persons in
// parallel, and a run's series.csv and checkpoints are byte-identical at any thread count
// (and any number of blocks).
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/pool.hpp"
#include "engine/checkpoint.hpp"
#include "engine/model.hpp"
#include "outputs/writer.hpp"
#include "test_util.hpp"

using namespace gangdu;
using gangdu::testing::default_scenario_text;
using gangdu::testing::read_file;
using gangdu::testing::run_cli;
using gangdu::testing::temp_dir;

namespace {

struct Outputs {
  std::string series;
  std::vector<std::string> checkpoints;
};

// A whole history at scale 0.02 with `threads` threads, its checkpoints at three month ends.
Outputs run_at(const Scenario& sc, unsigned threads) {
  RunOptions opt{7, 0.02, {}};
  opt.threads = threads;
  const ScenarioInput in{default_scenario_text(), "<embedded>/scenarios/anshan.toml", {}};
  const std::vector<Month> at = {Month::of(1932, 6), Month::of(1950, 1), Month::of(1960, 11)};
  Outputs o;
  RunResult r = run_model(sc, opt, [&](const World& w) {
    for (const Month& m : at)
      if (w.clock.now() == m.next()) o.checkpoints.push_back(checkpoint_bytes(w, in));
    return true;
  });
  o.series = series_csv(r.world->rec);
  return o;
}

// Cuts even a small run into many blocks for the test's duration.
struct SmallBlocks {
  size_t old = min_persons_per_block.exchange(256);
  ~SmallBlocks() { min_persons_per_block = old; }
};

}  // namespace

TEST(Threads, SeriesAndCheckpointsAreByteIdenticalAtOneTwoAndThreeThreads) {
  const Scenario sc = load_default_scenario();
  SmallBlocks small;
  const Outputs one = run_at(sc, 1);
  ASSERT_EQ(one.checkpoints.size(), 3u);
  for (unsigned threads : {2u, 3u}) {
    const Outputs many = run_at(sc, threads);
    EXPECT_TRUE(many.series == one.series) << threads << " threads: series.csv differs";
    ASSERT_EQ(many.checkpoints.size(), one.checkpoints.size());
    for (size_t k = 0; k < one.checkpoints.size(); ++k)
      EXPECT_TRUE(many.checkpoints[k] == one.checkpoints[k]) << threads << " threads: checkpoint " << k << " differs";
  }
}

TEST(Threads, PersonBlocksFollowThreadsAndPopulation) {
  EXPECT_EQ(person_blocks(1000000, 1), 1u);
  EXPECT_EQ(person_blocks(1000000, 2), 2u);
  EXPECT_EQ(person_blocks(1000000, 99), kMaxPersonBlocks);
  EXPECT_EQ(person_blocks(30000, 2), 1u);  // too few persons for a second block
  EXPECT_EQ(person_blocks(0, 4), 1u);
}

TEST(Threads, PoolRunsEveryBlockOnceAndRethrows) {
  BlockPool pool(3);
  ASSERT_EQ(pool.size(), 3u);
  for (int rep = 0; rep < 50; ++rep) {
    std::atomic<int> mask{0};
    auto f = [&](unsigned b) { mask.fetch_or(1 << b); };
    pool.run(f);
    EXPECT_EQ(mask.load(), 7);
  }
  auto bad = [](unsigned b) {
    if (b == 2) throw std::runtime_error("block 2");
  };
  EXPECT_THROW(pool.run(bad), std::runtime_error);
  std::atomic<int> after{0};
  auto g = [&](unsigned) { after.fetch_add(1); };
  pool.run(g);  // still usable after an error
  EXPECT_EQ(after.load(), 3);
}

// The option end to end (at this scale one block: the block cutting is tested above).
TEST(Threads, RunCommandTakesThreadsAndRefusesZero) {
  const std::string d = temp_dir("threads_cli");
  const auto one = run_cli("run --scale 0.02 --seed 3 --threads 1 --out " + d + "/t1");
  const auto two = run_cli("run --scale 0.02 --seed 3 --threads 2 --out " + d + "/t2");
  ASSERT_EQ(one.status, 0) << one.out;
  ASSERT_EQ(two.status, 0) << two.out;
  EXPECT_TRUE(read_file(d + "/t1/series.csv") == read_file(d + "/t2/series.csv"));
  const auto zero = run_cli("run --scale 0.02 --threads 0 --out " + d + "/t0");
  EXPECT_EQ(zero.status, 2) << zero.out;
  EXPECT_NE(zero.out.find("--threads"), std::string::npos) << zero.out;
}
