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
  // The codebook: one row per variable of series.csv, each with a unit, kind and description.
  const std::string codebook = read_file(dir + "/variables.csv");
  EXPECT_EQ(codebook.rfind("variable,unit,kind,description,rule\n", 0), 0u);
  EXPECT_NE(codebook.find("\nangang.steel_t,t,flow,"), std::string::npos);
  EXPECT_NE(codebook.find("\nanshan.population,persons,stock,"), std::string::npos);
  for (size_t at = series.find('\n') + 1; at < series.size(); at = series.find('\n', at) + 1) {
    const std::string var = series.substr(at, series.find(',', at) - at);
    EXPECT_NE(codebook.find("\n" + var + ","), std::string::npos) << var;
  }
  // validate reads the existing run
  const Result v = run("validate --out " + dir);
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("overall MAPE"), std::string::npos);
}

// docs/rules.md is generated from the rule table; regenerate it with
// `build/gangdu list rules --markdown > docs/rules.md` after changing the table.
TEST(Cli, RulesDocIsCurrentAndListsRun) {
  const Result r = run("list rules --markdown");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, read_file(std::string(GANGDU_SOURCE_DIR) + "/docs/rules.md"))
      << "docs/rules.md is stale: build/gangdu list rules --markdown > docs/rules.md";
  const Result p = run("list params");
  ASSERT_EQ(p.status, 0) << p.out;
  EXPECT_NE(p.out.find("\nsteel_utilization,0,2,share,"), std::string::npos);
  const Result v = run("list variables");
  ASSERT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("\nangang.pig_iron_t,t,flow,"), std::string::npos);
  EXPECT_NE(run("list nonsense").status, 0);
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
  // A folder where a scenario file belongs (e.g. `gangdu report DIR` for `--out DIR`) says so.
  const Result dir = run("report " + base + " --out " + base + "/o");
  EXPECT_EQ(dir.status, 2) << dir.out;
  EXPECT_NE(dir.out.find("is a directory, not a scenario file"), std::string::npos) << dir.out;
  EXPECT_EQ(run("run --set nonsense --out " + base + "/o").status, 2);
  EXPECT_EQ(run("run --set parameters.steel_utilization=99 --out " + base + "/o").status, 2);
  EXPECT_EQ(run("run --scale 5 --out " + base + "/o").status, 2);
  EXPECT_EQ(run("frobnicate").status, 2);
  EXPECT_FALSE(fs::exists(base + "/o"));
}

TEST(Cli, ForecastWithDrawnParametersWritesTheRunsTable) {
  const std::string dir = temp_dir("cli_forecast") + "/out";
  const Result r = run("validate --scale 0.01 --forecast --runs 4 --threads 2 --keep 0.5 "
                       "--param parameters.overdrive_max=1.0:2.0 --out " + dir);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("1 parameter(s) drawn per run"), std::string::npos) << r.out;
  const std::string runs = read_file(dir + "/forecast_runs.csv");
  EXPECT_EQ(runs.rfind("run,seed,parameters.overdrive_max,mape_le_1957,kept\n", 0), 0u) << runs;
  int kept = 0;
  for (size_t p = runs.find(",1\n"); p != std::string::npos; p = runs.find(",1\n", p + 1)) ++kept;
  EXPECT_EQ(kept, 2) << runs;  // half of 4 runs make the band
  EXPECT_NE(read_file(dir + "/forecast.csv").find("\nangang.steel_t,1959,"), std::string::npos);
}

TEST(Cli, ForecastOptionsFailBeforeAnythingIsWritten) {
  const std::string base = temp_dir("cli_forecast_bad");
  // An unknown key names itself; nothing is written.
  Result r = run("validate --scale 0.01 --forecast --runs 2 --param regime.leap.no_such_key=0:1 --out " + base + "/o");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("no_such_key"), std::string::npos) << r.out;
  // A malformed range, --keep out of (0,1], and --param without --forecast.
  EXPECT_EQ(run("validate --scale 0.01 --forecast --runs 2 --param parameters.overdrive_max=2 --out " + base + "/o").status, 2);
  EXPECT_NE(run("validate --scale 0.01 --forecast --runs 2 --keep 1.5 --out " + base + "/o").status, 0);
  r = run("validate --scale 0.01 --param parameters.overdrive_max=1:2 --out " + base + "/o");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("only with --forecast"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(base + "/o"));
}
