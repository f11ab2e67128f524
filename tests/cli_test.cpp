#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "test_util.hpp"

namespace fs = std::filesystem;
using gangdu::testing::read_file;
using gangdu::testing::temp_dir;

namespace {
struct Result {
  int status;
  std::string out;
};
Result run(const std::string& args) {
  const std::string log = temp_dir("cli_log") + "/log.txt";
  const std::string cmd = std::string(GANGDU_BINARY) + " " + args + " >" + log + " 2>&1";
  const int rc = std::system(cmd.c_str());
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, read_file(log)};
}
}  // namespace

TEST(Cli, VersionAndHelp) {
  EXPECT_EQ(run("--version").status, 0);
  EXPECT_NE(run("--version").out.find("gangdu"), std::string::npos);
  EXPECT_EQ(run("run --help").status, 0);
  EXPECT_EQ(run("validate --help").status, 0);
}

TEST(Cli, RunWritesTheOutputContract) {
  const std::string dir = temp_dir("cli_run") + "/out";
  const Result r = run("run --scale 0.02 --seed 3 --out " + dir);
  ASSERT_EQ(r.status, 0) << r.out;
  const std::string series = read_file(dir + "/series.csv");
  EXPECT_EQ(series.rfind("variable,year,value\n", 0), 0u);
  EXPECT_NE(series.find("\nangang.steel_t,1957,"), std::string::npos);
  EXPECT_NE(series.find("\nanshan.population_japanese,1916,"), std::string::npos);
  const std::string manifest = read_file(dir + "/manifest.json");
  for (const char* k : {"\"program\": \"gangdu\"", "\"command\": \"run\"", "\"version\"", "\"git_commit\"",
                        "\"scenario_hash\"", "\"seed\": 3", "\"scale\": 0.02",
                        "\"wall_seconds\"", "\"peak_persons\""})
    EXPECT_NE(manifest.find(k), std::string::npos) << k;
  EXPECT_TRUE(fs::exists(dir + "/fit.csv"));
  // validate reads the existing run
  const Result v = run("validate --out " + dir);
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("overall MAPE"), std::string::npos);
}

TEST(Cli, BadScenarioExitsTwoAndLeavesNoOutput) {
  const std::string base = temp_dir("cli_bad");
  const std::string scen = base + "/bad.toml";
  {
    std::ofstream f(scen);
    f << gangdu::testing::replace_once(gangdu::testing::default_scenario_text(), "seed = 1916", "seed = 1916\nbogus = 1");
  }
  const Result r = run("run " + scen + " --out " + base + "/out");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("bad.toml:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("scenario.bogus"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(base + "/out"));
  for (const auto& e : fs::directory_iterator(base)) EXPECT_EQ(e.path().filename().string().find("partial"), std::string::npos);
}

TEST(Cli, MissingFileAndBadSetAndBadScaleExitTwo) {
  const std::string base = temp_dir("cli_bad2");
  EXPECT_EQ(run("run /nonexistent.toml --out " + base + "/o").status, 2);
  EXPECT_EQ(run("run --set nonsense --out " + base + "/o").status, 2);
  EXPECT_EQ(run("run --set parameters.steel_utilization=99 --out " + base + "/o").status, 2);
  EXPECT_EQ(run("run --scale 5 --out " + base + "/o").status, 2);
  EXPECT_EQ(run("frobnicate").status, 2);
  EXPECT_FALSE(fs::exists(base + "/o"));
}
