#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "experiments/batch.hpp"
#include "experiments/parallel.hpp"
#include "experiments/store.hpp"
#include "experiments_util.hpp"

using namespace gangdu;
using namespace gangdu::testutil;

namespace {
std::vector<RunSpec> replicates(size_t n, uint64_t master, std::vector<Override> ov = {}) {
  auto sc = std::make_shared<const Scenario>(ScenarioSource::from_path("").load(ov));
  std::vector<RunSpec> specs;
  for (size_t r = 0; r < n; ++r) specs.push_back({r, replicate_seed(master, r), 0, ov, sc, {}});
  return specs;
}
}  // namespace

TEST(Ensemble, PercentileInterpolatesOrderStatistics) {
  EXPECT_DOUBLE_EQ(percentile({3, 1, 2, 4, 5}, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(percentile({0, 10}, 0.05), 0.5);
  EXPECT_DOUBLE_EQ(percentile({0, 10}, 0.95), 9.5);
  EXPECT_DOUBLE_EQ(percentile({7}, 0.95), 7.0);
  EXPECT_TRUE(std::isnan(percentile({}, 0.5)));
}

TEST(Ensemble, ReplicateSeedsAreDistinctAndExactInDoubles) {
  std::set<uint64_t> seen;
  for (uint64_t r = 0; r < 1000; ++r) {
    const uint64_t s = replicate_seed(1916, r);
    EXPECT_LT(s, uint64_t{1} << 53);
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_NE(replicate_seed(1, 0), replicate_seed(2, 0));
}

TEST(Ensemble, HistoryFilterDropsEverythingAfter1957) {
  const auto all = load_default_history();
  const auto early = history_up_to(all, kLastCalibrationYear);
  ASSERT_FALSE(early.empty());
  for (const auto& p : early) {
    EXPECT_LE(p.year, 1957);
    if (p.compare == "ratio") {
      EXPECT_LE(p.base_year, 1957);
    }
  }
  std::vector<HistoryPoint> late = {HistoryPoint{"x", 1958, 0, "level", 1.0, "", "", "c", 1},
                                    HistoryPoint{"x", 1957, 1960, "ratio", 1.0, "", "", "c", 2},
                                    HistoryPoint{"x", 1957, 1950, "ratio", 1.0, "", "", "c", 3}};
  const auto kept = history_up_to(late, 1957);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].line, 3);
}

TEST(Ensemble, ResultsDoNotDependOnThreadCount) {
  BatchOptions one{0.02, 1, 0, 1, nullptr, {}};
  BatchOptions two{0.02, 2, 0, 1, nullptr, {}};
  const BatchResult a = run_batch(replicates(3, 77), one);
  const BatchResult b = run_batch(replicates(3, 77), two);
  ASSERT_EQ(a.runs.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(a.runs[i].done);
    EXPECT_EQ(a.runs[i].values, b.runs[i].values) << "run " << i;
    EXPECT_EQ(a.runs[i].mape, b.runs[i].mape);
  }
  EXPECT_EQ(summary_csv(summarise(a)), summary_csv(summarise(b)));
  // Replicates differ (different seeds), and the band holds the mean.
  const int pop = a.variable_index("anshan.population");
  ASSERT_GE(pop, 0);
  EXPECT_NE(a.value(0, static_cast<size_t>(pop), 1943), a.value(1, static_cast<size_t>(pop), 1943));
  for (const SummaryRow& r : summarise(a)) {
    EXPECT_LE(r.p05, r.mean + 1e-9 * std::fabs(r.mean));
    EXPECT_GE(r.p95, r.mean - 1e-9 * std::fabs(r.mean));
    EXPECT_EQ(r.n, 3u);
  }
}

TEST(Ensemble, MpiPartitionCoversEveryRunOnce) {
  // Two "ranks" run disjoint halves; together they give the one-process batch.
  const BatchResult full = run_batch(replicates(3, 5), BatchOptions{0.02, 1, 0, 1, nullptr, {}});
  BatchResult r0 = run_batch(replicates(3, 5), BatchOptions{0.02, 1, 0, 2, nullptr, {}});
  const BatchResult r1 = run_batch(replicates(3, 5), BatchOptions{0.02, 1, 1, 2, nullptr, {}});
  EXPECT_TRUE(r0.runs[0].done && !r0.runs[1].done && r0.runs[2].done);
  EXPECT_TRUE(!r1.runs[0].done && r1.runs[1].done && !r1.runs[2].done);
  r0.runs[1] = r1.runs[1];
  EXPECT_EQ(summary_csv(summarise(r0)), summary_csv(summarise(full)));
}

TEST(Ensemble, StoreHoldsEverySeriesValue) {
  const BatchResult b = run_batch(replicates(2, 9), BatchOptions{0.02, 2, 0, 1, nullptr, {}});
  const std::string dir = fresh_dir("store");
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/results.sqlite";
  write_results_store(path, b, {{"command", "test"}});
  ASSERT_TRUE(std::filesystem::exists(path));
  const int v = b.variable_index("angang.pig_iron_t");
  EXPECT_DOUBLE_EQ(read_store_value(path, 1, "angang.pig_iron_t", 1943), b.value(1, static_cast<size_t>(v), 1943));
  EXPECT_TRUE(std::isnan(read_store_value(path, 5, "angang.pig_iron_t", 1943)));
  for (auto& e : std::filesystem::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << "temporary file left behind";
  std::filesystem::remove_all(dir);
}

TEST(EnsembleCli, WritesSummaryStoreAndRuns) {
  const std::string out = fresh_dir("ens");
  ASSERT_EQ(run_cli("ensemble --runs 3 --scale 0.02 --seed 4 --threads 2 --out " + out), 0);
  const std::string s = slurp(out + "/summary.csv");
  EXPECT_EQ(s.rfind("variable,year,mean,p05,p95,n\n", 0), 0u);
  EXPECT_NE(s.find("\nanshan.population,1943,"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(out + "/results.sqlite"));
  // Every command's manifest starts with the same stamp (outputs/writer.cpp manifest_stamp).
  for (const char* k : {"\"program\": \"gangdu\"", "\"version\"", "\"git_commit\"", "\"command\": \"ensemble\""})
    EXPECT_NE(slurp(out + "/manifest.json").find(k), std::string::npos) << k;
  const std::string runs = slurp(out + "/runs.csv");
  const std::string seed_field = fmt::format(",{},", replicate_seed(4, 2));
  EXPECT_NE(runs.find(seed_field), std::string::npos) << runs;
  // Same command with one thread: same summary.
  const std::string out1 = fresh_dir("ens1");
  ASSERT_EQ(run_cli("ensemble --runs 3 --scale 0.02 --seed 4 --threads 1 --out " + out1), 0);
  EXPECT_EQ(slurp(out1 + "/summary.csv"), s);
  std::filesystem::remove_all(out);
  std::filesystem::remove_all(out1);
}

TEST(EnsembleCli, SweepRunsEachDesignRowWithItsValues) {
  const std::string dir = fresh_dir("sweep");
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir + "/design.csv");
    f << "regime.smr.steel_utilization,parameters.labour_construction_workers\n0.5,1000\n1.0,3000\n";
  }
  ASSERT_EQ(run_cli("sweep " + dir + "/design.csv --scale 0.02 --replicates 2 --threads 2 --out " + dir + "/out"), 0);
  const std::string by_point = slurp(dir + "/out/summary_by_point.csv");
  EXPECT_EQ(by_point.rfind("point,variable,year,mean,p05,p95,n\n", 0), 0u);
  // Pig iron in 1925 (SMR regime) rises with the utilisation of each row: doubling it at most
  // doubles output (outside supplies and the ore chain may bind before the furnaces).
  const std::string store = dir + "/out/results.sqlite";
  const double low = read_store_value(store, 0, "angang.pig_iron_t", 1925);
  const double high = read_store_value(store, 2, "angang.pig_iron_t", 1925);
  EXPECT_GT(high / low, 1.5);
  EXPECT_LE(high / low, 2.0 + 1e-9);
  const std::string runs = slurp(dir + "/out/runs.csv");
  EXPECT_NE(runs.find("regime.smr.steel_utilization"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(EnsembleCli, BadDesignKeyFailsWithLocationAndNoOutput) {
  const std::string dir = fresh_dir("sweepbad");
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir + "/design.csv");
    f << "parameters.steel_utilization\n0.8\n0.9\n";
  }
  {
    std::ofstream f(dir + "/bad.csv");
    f << "parameters.no_such_param,parameters.steel_utilization\n1,0.8\n";
  }
  {
    std::ofstream f(dir + "/range.csv");
    f << "parameters.steel_utilization\n0.8\n7\n";
  }
  const std::string log = dir + "/log.txt";
  EXPECT_EQ(run_cli("sweep " + dir + "/bad.csv --scale 0.02 --out " + dir + "/o1", log), 2);
  EXPECT_NE(slurp(log).find("bad.csv:2"), std::string::npos) << slurp(log);
  EXPECT_EQ(run_cli("sweep " + dir + "/range.csv --scale 0.02 --out " + dir + "/o2", log), 2);
  EXPECT_NE(slurp(log).find("range.csv:3"), std::string::npos) << slurp(log);
  EXPECT_NE(slurp(log).find("out of range"), std::string::npos) << slurp(log);
  EXPECT_EQ(run_cli("sweep " + dir + "/missing.csv --out " + dir + "/o3", log), 2);
  EXPECT_EQ(run_cli("ensemble --scale 0.02 --out " + dir + "/o4", log), 2);  // --runs is required
  EXPECT_FALSE(std::filesystem::exists(dir + "/o1"));
  EXPECT_FALSE(std::filesystem::exists(dir + "/o2"));
  EXPECT_FALSE(std::filesystem::exists(dir + "/o4"));
  std::filesystem::remove_all(dir);
}

TEST(EnsembleMpi, TwoRanksGiveTheOneProcessSummary) {
  if (!built_with_mpi()) GTEST_SKIP() << "built without MPI";
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "mpirun not installed";
  const std::string one = fresh_dir("mpi1"), two = fresh_dir("mpi2");
  ASSERT_EQ(run_cli("ensemble --runs 4 --scale 0.02 --threads 1 --out " + one), 0);
  const std::string cmd = "ASAN_OPTIONS=detect_leaks=0 mpirun --allow-run-as-root --oversubscribe -n 2 " + std::string(GANGDU_BINARY) +
                          " ensemble --runs 4 --scale 0.02 --threads 1 --out " + two + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(slurp(one + "/summary.csv"), slurp(two + "/summary.csv"));
  EXPECT_NE(slurp(two + "/manifest.json").find("\"processes\": \"2\""), std::string::npos);
  std::filesystem::remove_all(one);
  std::filesystem::remove_all(two);
}

TEST(EnsembleMpi, CalibrationAndSensitivityAgreeAcrossRankCounts) {
  if (!built_with_mpi()) GTEST_SKIP() << "built without MPI";
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "mpirun not installed";
  const std::string one = fresh_dir("mpic1"), two = fresh_dir("mpic2");
  const std::string mpirun = "ASAN_OPTIONS=detect_leaks=0 mpirun --allow-run-as-root --oversubscribe -n 2 ";
  const std::string cal = " calibrate --param regime.smr.steel_utilization=0.5:1.3:0.6 --budget 12 --scale 0.02 --threads 1 --out ";
  const std::string sens =
      " sensitivity --param regime.smr.steel_utilization=0.5:1.3 --param parameters.people_service_jobs_per_works_job=0.2:1 "
      "--trajectories 2 --scale 0.02 --threads 1 --out ";
  ASSERT_EQ(run_cli(cal + one + "/cal"), 0);
  ASSERT_EQ(run_cli(sens + one + "/sens"), 0);
  ASSERT_EQ(std::system((mpirun + GANGDU_BINARY + cal + two + "/cal >/dev/null 2>&1").c_str()), 0);
  ASSERT_EQ(std::system((mpirun + GANGDU_BINARY + sens + two + "/sens >/dev/null 2>&1").c_str()), 0);
  EXPECT_EQ(slurp(one + "/cal/search.csv"), slurp(two + "/cal/search.csv"));
  EXPECT_EQ(slurp(one + "/cal/best.csv"), slurp(two + "/cal/best.csv"));
  EXPECT_EQ(slurp(one + "/sens/morris.csv"), slurp(two + "/sens/morris.csv"));
  std::filesystem::remove_all(one);
  std::filesystem::remove_all(two);
}
