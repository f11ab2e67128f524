// Usability and bug fixes of issues 24 and 25: switches held everywhere, parameters of
// `extends` scenarios, never-stale validate/report, per-scenario output folders, one CSV
// writer, `gangdu compare`, `gangdu export --long`, progress lines and Ctrl-C.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/ablate.hpp"
#include "experiments/batch.hpp"
#include "experiments/calibrate.hpp"
#include "experiments/compare.hpp"
#include "experiments/store.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using gangdu::testing::read_file;
using gangdu::testing::temp_dir;

namespace {
using Result = gangdu::testing::CliResult;
Result cli(const std::string& args, const std::string& cwd = "") { return gangdu::testing::run_cli(args, cwd); }
const std::string kNoLeap = std::string(GANGDU_SOURCE_DIR) + "/scenarios/no_leap.toml";

// The values of column `col` of a CSV file.
std::vector<std::string> column(const gangdu::CsvTable& t, const std::string& col) {
  std::vector<std::string> v;
  const size_t c = t.column(col);
  for (const auto& r : t.rows) v.push_back(r[c]);
  return v;
}

// Starts `gangdu ARGS...` in a child process (stderr to `log`, SIGINT at its default) and
// returns its pid, for the tests that interrupt a batch.
pid_t spawn_gangdu(const std::vector<std::string>& args, const std::string& log) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  std::freopen(log.c_str(), "w", stderr);
  std::freopen("/dev/null", "w", stdout);
  ::signal(SIGINT, SIG_DFL);
  std::vector<char*> argv = {const_cast<char*>(GANGDU_BINARY)};
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(GANGDU_BINARY, argv.data());
  _exit(127);
}
}  // namespace

// Issue 25: `experiment ablate --switch` held the switch in neither arm. With the ablated rule
// itself switched off in both arms, the two arms are the same runs: every effect is exactly 0.
TEST(Usability, AblateHoldsSwitchesInBothArms) {
  const std::string dir = temp_dir("usab_ablate") + "/out";
  const Result r =
      cli("experiment ablate --rules rule_ratchet --switch rule_ratchet=0 --runs 2 --scale 0.01 "
          "--threads 2 --out " +
          dir);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("held in both arms: rule_ratchet=0"), std::string::npos) << r.out;
  const std::string text = read_file(dir + "/ablation.csv");
  EXPECT_EQ(text.find("nan"), std::string::npos) << text;
  const gangdu::CsvTable t = gangdu::parse_csv(text, "ablation.csv");
  ASSERT_FALSE(t.rows.empty());
  for (size_t i = 0; i < t.rows.size(); ++i) EXPECT_EQ(t.number(i, t.column("mean_effect")), 0.0) << text;
  // Units and the measure are in the table.
  const auto units = column(t, "unit");
  const auto vars = column(t, "variable");
  for (size_t i = 0; i < vars.size(); ++i) {
    if (vars[i] == "angang.steel_t") {
      EXPECT_EQ(units[i], "t");
    }
  }
  EXPECT_EQ(column(t, "measure")[0], "mean of the annual values 1950-1957");
}

TEST(Usability, AblationCsvHasSixDigitsAndNoNan) {
  gangdu::AblationRow row{"rule_x", "angang.profit_retained_share", 0.0, 0.0, 0.123456789, 0.1, 0.2, 3};
  const std::string csv = gangdu::ablation_csv({row}, 1950, 1957);
  EXPECT_NE(csv.find(",0.123457,"), std::string::npos) << csv;  // six significant digits
  EXPECT_EQ(csv.find("nan"), std::string::npos) << csv;         // relative to a zero mean: empty
  EXPECT_NE(csv.find(",share,"), std::string::npos) << csv;  // the codebook's unit
}

// Issue 25: --param on a scenario that `extends` another resolved keys in the child file only.
TEST(Usability, ParamKeysResolveInTheMergedExtendsScenario) {
  const gangdu::ScenarioSource src = gangdu::ScenarioSource::from_path(kNoLeap);
  EXPECT_NO_THROW(gangdu::parse_free_param("regime.ffyp.steel_utilization=1.4:1.8", src, false));
  EXPECT_NO_THROW(gangdu::parse_free_param("parameters.steel_utilization=0.5:1.0", src, false));
  EXPECT_GT(gangdu::scenario_value_at(src, "regime.ffyp.steel_utilization"), 0.0);
  EXPECT_THROW(gangdu::parse_free_param("regime.ffyp.no_such_key=0:1", src, false), gangdu::InputError);
}

TEST(Usability, ValidateForecastWithParamOnNoLeap) {
  const std::string dir = temp_dir("usab_noleap_fc") + "/out";
  const Result r = cli("validate --forecast --param regime.ffyp.steel_utilization=1.4:1.8 " + kNoLeap +
                       " --runs 2 --scale 0.01 --threads 2 --keep-runs --out " + dir);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("1 parameter(s) drawn per run"), std::string::npos) << r.out;
  // --keep-runs: every run's series in results.sqlite; export --long makes one tidy CSV of them.
  ASSERT_TRUE(fs::exists(dir + "/results.sqlite"));
  const Result e = cli("export " + dir + " --long");
  ASSERT_EQ(e.status, 0) << e.out;
  const gangdu::CsvTable t = gangdu::read_csv_file(dir + "/series_long.csv");
  const std::vector<std::string> want = {"run", "seed", "regime.ffyp.steel_utilization", "variable", "year", "value"};
  EXPECT_EQ(t.header, want);
  const auto runs = column(t, "run");
  EXPECT_EQ(runs.front(), "0");
  EXPECT_EQ(runs.back(), "1");
  // The value of the store for run 1 is the CSV's.
  const size_t cv = t.column("variable"), cy = t.column("year"), cr = t.column("run"), cval = t.column("value");
  for (size_t i = 0; i < t.rows.size(); ++i)
    if (t.rows[i][cr] == "1" && t.rows[i][cv] == "angang.steel_t" && t.rows[i][cy] == "1955") {
      EXPECT_EQ(t.number(i, cval), gangdu::read_store_value(dir + "/results.sqlite", 1, "angang.steel_t", 1955));
      return;
    }
  ADD_FAILURE() << "no angang.steel_t 1955 of run 1";
}

TEST(Usability, ExportNeedsAStoreAndLong) {
  const std::string dir = temp_dir("usab_export_bad");
  EXPECT_EQ(cli("export " + dir + " --long").status, 2);
  EXPECT_EQ(cli("export " + dir).status, 2);
}

// Issue 25: `gangdu ensemble --switch`: every member holds the switch. Member 0 equals a single
// run with the member's seed and the switch.
TEST(Usability, EnsembleHoldsSwitches) {
  const std::string base = temp_dir("usab_ens_switch");
  Result r = cli("ensemble --runs 2 --scale 0.01 --threads 2 --switch rule_ratchet=0 --out " + base + "/ens");
  ASSERT_EQ(r.status, 0) << r.out;
  const gangdu::CsvTable runs = gangdu::read_csv_file(base + "/ens/runs.csv");
  const std::string seed = runs.rows[0][runs.column("seed")];
  r = cli("run --scale 0.01 --seed " + seed + " --switch rule_ratchet=0 --out " + base + "/one");
  ASSERT_EQ(r.status, 0) << r.out;
  const gangdu::CsvTable one = gangdu::read_csv_file(base + "/one/series.csv");
  int checked = 0;
  for (size_t i = 0; i < one.rows.size(); ++i)
    if (one.rows[i][0] == "angang.steel_t" && one.rows[i][1] >= "1950" && one.rows[i][1] <= "1960") {
      EXPECT_EQ(one.number(i, 2),
                gangdu::read_store_value(base + "/ens/results.sqlite", 0, "angang.steel_t", one.integer(i, 1)));
      ++checked;
    }
  EXPECT_EQ(checked, 11);
  EXPECT_NE(read_file(base + "/ens/manifest.json").find("\"switches\": \"rule_ratchet=0\""), std::string::npos);
  // Without the switch member 0 differs (the switch is not ignored).
  r = cli("ensemble --runs 1 --scale 0.01 --out " + base + "/plain");
  ASSERT_EQ(r.status, 0) << r.out;
  double diff = 0;
  for (int y = 1950; y <= 1960; ++y)
    diff += std::fabs(gangdu::read_store_value(base + "/plain/results.sqlite", 0, "angang.steel_t", y) -
                      gangdu::read_store_value(base + "/ens/results.sqlite", 0, "angang.steel_t", y));
  EXPECT_GT(diff, 0.0);
}

// Issue 25: the scale default of each command is stated beside the others, never "1:1" next to 0.1.
TEST(Usability, ScaleHelpStatesTheDefaultOfEachCommand) {
  const Result abl = cli("experiment ablate --help");
  EXPECT_NE(abl.out.find("default here 0.1;"), std::string::npos) << abl.out;
  EXPECT_EQ(abl.out.find("default 1:1"), std::string::npos) << abl.out;
  EXPECT_NE(cli("run --help").out.find("default here 1;"), std::string::npos);
  EXPECT_NE(cli("ensemble --help").out.find("default here 0.1;"), std::string::npos);
  EXPECT_NE(cli("compare --help").out.find("default here 0.1;"), std::string::npos);
  for (const char* c :
       {"run", "ensemble", "sweep", "experiment ablate", "validate", "report", "compare", "calibrate", "sensitivity"})
    EXPECT_NE(cli(std::string(c) + " --help").out.find("--switch"), std::string::npos) << c;
}

// --switch in the searches: sensitivity runs hold it (its outputs differ from those without it).
TEST(Usability, SensitivityHoldsSwitches) {
  const std::string base = temp_dir("usab_sens_switch");
  const std::string cmd =
      "sensitivity --param parameters.steel_utilization=0.6:0.9 --output angang.steel_t@1955 "
      "--trajectories 2 --levels 2 --scale 0.01 --threads 2 --out ";
  Result r = cli(cmd + base + "/on --switch rule_ratchet=0");
  ASSERT_EQ(r.status, 0) << r.out;
  r = cli(cmd + base + "/off");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(read_file(base + "/on/outputs.csv"), read_file(base + "/off/outputs.csv"));
  EXPECT_NE(read_file(base + "/on/manifest.json").find("rule_ratchet=0"), std::string::npos);
}

// Issue 24, the reproduction: validate into a folder holding another run re-runs (and says so).
TEST(Usability, ValidateAndReportNeverUseAStaleRun) {
  const std::string dir = temp_dir("usab_stale") + "/D";
  Result r = cli("run --seed 1916 --scale 0.01 --out " + dir);
  ASSERT_EQ(r.status, 0) << r.out;
  r = cli("validate --out " + dir + " --seed 7 --scale 0.02 --switch rule_soft_budget=0");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("re-running"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("seed 7 (recorded 1916)"), std::string::npos) << r.out;
  std::string m = read_file(dir + "/manifest.json");
  EXPECT_NE(m.find("\"seed\": 7,"), std::string::npos) << m;
  EXPECT_NE(m.find("\"scale\": 0.02,"), std::string::npos) << m;
  EXPECT_NE(m.find("\"rule_soft_budget\": 0.0"), std::string::npos) << m;
  // Options left out come from the manifest: the same run, reused.
  r = cli("validate --out " + dir);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("gangdu: validating"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("re-running"), std::string::npos) << r.out;
  // A --set differs from the recorded run: re-run, and the override is recorded.
  r = cli("validate --out " + dir + " --set parameters.removal_scale=0");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("re-running"), std::string::npos) << r.out;
  EXPECT_NE(read_file(dir + "/manifest.json").find("parameters.removal_scale=0"), std::string::npos);
  // report: another switch re-runs; the same options reuse.
  r = cli("report --out " + dir + " --switch rule_ratchet=0");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("re-running"), std::string::npos) << r.out;
  m = read_file(dir + "/manifest.json");
  EXPECT_NE(m.find("\"rule_ratchet\": 0.0"), std::string::npos) << m;
  EXPECT_NE(m.find("parameters.removal_scale=0"), std::string::npos) << m;  // kept from the manifest
  r = cli("report --out " + dir);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.find("re-running"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("gangdu: ran"), std::string::npos) << r.out;
}

// Issue 24: each scenario's default output folder is named after it.
TEST(Usability, DefaultOutputFolderIsNamedAfterTheScenario) {
  const std::string cwd = temp_dir("usab_default_out");
  Result r = cli("run " + kNoLeap + " --scale 0.01", cwd);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(fs::exists(cwd + "/out/anshan_no_leap/series.csv")) << r.out;
  EXPECT_FALSE(fs::exists(cwd + "/out/anshan"));
  r = cli("run --scale 0.01", cwd);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(fs::exists(cwd + "/out/anshan/series.csv"));
  // validate of the no-Leap scenario finds its own folder and reuses it.
  r = cli("validate " + kNoLeap + " --scale 0.01", cwd);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("validating out/anshan_no_leap/series.csv"), std::string::npos) << r.out;
}

TEST(Usability, CsvWriterQuotesPerRfc4180) {
  gangdu::CsvWriter w{"key", "value", "n"};
  w.row({"a,b", "say \"hi\"", 1});
  w.row({"line\nbreak", NAN, 2.5});
  w.row({std::string("plain"), gangdu::CsvCell::number(1.0 / 3.0, 3), size_t{7}});
  EXPECT_EQ(w.str(), "key,value,n\n\"a,b\",\"say \"\"hi\"\"\",1\n\"line\nbreak\",,2.5\nplain,0.333,7\n");
  const gangdu::CsvTable t = gangdu::parse_csv(w.str(), "w.csv");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0][1], "say \"hi\"");
  EXPECT_EQ(t.rows[1][0], "line\nbreak");
  EXPECT_EQ(t.rows[1][1], "");
}

TEST(Usability, RunsAndSummaryCsvQuoteFields) {
  gangdu::BatchResult b;
  b.variables = {"x"};
  b.first_year = 1950;
  b.last_year = 1950;
  gangdu::RunSpec s;
  s.overrides = {{"scenario.name", "a, \"b\""}};
  b.specs = {s};
  gangdu::RunRecord rr;
  rr.values = {1.5};
  rr.done = true;
  b.runs = {rr};
  const gangdu::CsvTable t = gangdu::parse_csv(gangdu::runs_csv(b), "runs.csv");
  EXPECT_EQ(t.rows[0][t.column("scenario.name")], "a, \"b\"");
  const std::string summary = gangdu::summary_csv({{"v,w", 1950, 1.0, NAN, 2.0, 3}});
  EXPECT_EQ(summary, "variable,year,mean,p05,p95,n\n\"v,w\",1950,1,,2,3\n");
}

TEST(Usability, ComparePeriodsAndArms) {
  EXPECT_EQ(gangdu::parse_period("1949-57").last, 1957);
  EXPECT_EQ(gangdu::parse_period("1949-1957").first, 1949);
  EXPECT_EQ(gangdu::parse_period("1955").last, 1955);
  EXPECT_THROW(gangdu::parse_period("1957-1949"), gangdu::InputError);
  EXPECT_THROW(gangdu::parse_period("abc"), gangdu::InputError);
  const gangdu::CompareArm a = gangdu::parse_compare_arm("--switch rule_ratchet=0 --set=parameters.removal_scale=0");
  ASSERT_EQ(a.forced.size(), 1u);
  EXPECT_EQ(a.forced[0].first, "rule_ratchet");
  ASSERT_EQ(a.overrides.size(), 1u);
  EXPECT_EQ(a.overrides[0].key, "parameters.removal_scale");
  EXPECT_TRUE(gangdu::parse_compare_arm("").overrides.empty());
  EXPECT_THROW(gangdu::parse_compare_arm("--seed 3"), gangdu::InputError);
  EXPECT_THROW(gangdu::parse_compare_arm("--switch no_such_parameter=1"), gangdu::InputError);
}

TEST(Usability, CompareSeriesPairsRuns) {
  // A - B = 1, 2, 3 in three runs: mean 2, 95% interval 2 -/+ 4.303 * 1 / sqrt(3).
  auto a = [](size_t r, const std::string&, int) { return 10.0 + static_cast<double>(r + 1); };
  auto b = [](size_t, const std::string&, int) { return 10.0; };
  const auto rows = gangdu::compare_series({"v"}, {{1950, 1951}}, 3, a, b);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].statistic, "mean");
  EXPECT_DOUBLE_EQ(rows[0].difference, 2.0);
  EXPECT_NEAR(rows[0].ci_low, 2.0 - 4.303 / std::sqrt(3.0), 1e-9);
  EXPECT_EQ(rows[1].statistic, "sum");
  EXPECT_DOUBLE_EQ(rows[1].difference, 4.0);  // two years
}

// Issue 25: the removal counterfactual in one command: the paired 1949-57 difference with an interval.
TEST(Usability, CompareRemovalCounterfactualInOneCommand) {
  const std::string dir = temp_dir("usab_compare") + "/out";
  const Result r =
      cli("compare --a \"--set parameters.removal_scale=0\" --b \"\" --runs 3 --scale 0.01 --threads 2 "
          "--period 1949-57 --out " +
          dir);
  ASSERT_EQ(r.status, 0) << r.out;
  const gangdu::CsvTable t = gangdu::read_csv_file(dir + "/compare.csv");
  bool found = false;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    if (t.rows[i][t.column("variable")] != "angang.steel_t" || t.rows[i][t.column("statistic")] != "mean") continue;
    found = true;
    EXPECT_EQ(t.rows[i][t.column("period")], "1949-1957");
    EXPECT_EQ(t.rows[i][t.column("unit")], "t");
    const double d = t.number(i, t.column("difference_a_minus_b"));
    EXPECT_GT(d, 0.0);  // without the removal, more steel in 1949-57
    EXPECT_LT(t.number(i, t.column("ci95_low")), d);
    EXPECT_GT(t.number(i, t.column("ci95_high")), d);
    EXPECT_EQ(t.integer(i, t.column("runs")), 3);
  }
  EXPECT_TRUE(found) << read_file(dir + "/compare.csv").substr(0, 500);
  // Two folders: the difference of their series.
  const std::string base = fs::path(dir).parent_path().string();
  ASSERT_EQ(cli("run --scale 0.01 --out " + base + "/A --set parameters.removal_scale=0").status, 0);
  ASSERT_EQ(cli("run --scale 0.01 --out " + base + "/B").status, 0);
  const Result f = cli("compare " + base + "/A " + base + "/B --out " + base + "/AB");
  ASSERT_EQ(f.status, 0) << f.out;
  EXPECT_NE(read_file(base + "/AB/compare.csv").find("\nangang.steel_t,t,1949-1957,mean,"), std::string::npos);
  // Neither folders nor arms, or both: exit 2.
  EXPECT_EQ(cli("compare --out " + base + "/x").status, 2);
  EXPECT_EQ(cli("compare " + base + "/A --out " + base + "/x").status, 2);
}

// Progress lines go to a terminal only, one per finished run; --quiet silences them.
TEST(Usability, ProgressLinesOnATerminalOnly) {
  const std::string base = temp_dir("usab_progress");
  const std::string cmd = std::string(GANGDU_BINARY) + " ensemble --runs 2 --scale 0.01 --threads 1 --out " + base;
  Result piped = cli("ensemble --runs 2 --scale 0.01 --threads 1 --out " + base + "/p");
  ASSERT_EQ(piped.status, 0) << piped.out;
  EXPECT_EQ(piped.out.find("run 1/2 done"), std::string::npos) << piped.out;
  if (std::system("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "script(1) not available for a pty";
  const std::string log = base + "/tty.txt";
  std::system(("script -qec '" + cmd + "/t' /dev/null >" + log + " 2>&1").c_str());
  const std::string tty = read_file(log);
  EXPECT_NE(tty.find("gangdu ensemble: run 1/2 done"), std::string::npos) << tty;
  EXPECT_NE(tty.find("gangdu ensemble: run 2/2 done"), std::string::npos) << tty;
  std::system(("script -qec '" + cmd + "/q --quiet' /dev/null >" + log + " 2>&1").c_str());
  EXPECT_EQ(read_file(log).find("done,"), std::string::npos) << read_file(log);
}

// Ctrl-C stops a batch cleanly: exit status 130, no output folder, no staging left.
TEST(Usability, InterruptStopsABatchAndWritesNothing) {
  const std::string base = temp_dir("usab_sigint");
  const std::string out = base + "/ens", log = base + "/log.txt";
  const pid_t pid = spawn_gangdu({"ensemble", "--runs", "400", "--scale", "0.01", "--threads", "2", "--out", out}, log);
  ASSERT_GE(pid, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ::kill(pid, SIGINT);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << read_file(log);
  EXPECT_EQ(WEXITSTATUS(status), 130) << read_file(log);
  EXPECT_NE(read_file(log).find("no results were written"), std::string::npos) << read_file(log);
  EXPECT_NE(read_file(log).find(out + ".resume"), std::string::npos) << read_file(log);
  EXPECT_FALSE(fs::exists(out));
  for (const auto& e : fs::directory_iterator(base))
    EXPECT_EQ(e.path().filename().string().find("partial"), std::string::npos) << e.path();
}

// Issue 26.4: the journal keeps each finished run; a second batch over the same specs reads
// back what is there and intact, runs the rest, and gives the same values bit for bit.
TEST(Usability, BatchResumesFromItsJournalBitIdentically) {
  using namespace gangdu;
  const std::string journal = temp_dir("usab_journal") + "/j";
  const ScenarioSource src = ScenarioSource::from_path("");
  auto sc = std::make_shared<const Scenario>(src.load());
  auto specs = [&] {
    std::vector<RunSpec> v;
    for (uint64_t r = 0; r < 4; ++r) v.push_back({r, replicate_seed(7, r), 0, {}, sc, {}});
    return v;
  };
  BatchOptions plain;
  plain.scale = 0.01;
  plain.threads = 2;
  const BatchResult ref = run_batch(specs(), plain);
  BatchOptions opt = plain;
  opt.journal = journal;
  const BatchResult first = run_batch(specs(), opt);
  EXPECT_EQ(first.resumed, 0u);
  for (size_t i = 0; i < 4; ++i) ASSERT_TRUE(fs::exists(journal_file(journal, i)));
  // Run 1 lost, run 2 damaged (one byte of its values flipped), runs 0 and 3 intact.
  fs::remove(journal_file(journal, 1));
  {
    std::string b = read_file(journal_file(journal, 2));
    b[b.size() / 2] = static_cast<char>(b[b.size() / 2] ^ 0x5a);
    std::ofstream(journal_file(journal, 2), std::ios::binary) << b;
  }
  const BatchResult again = run_batch(specs(), opt);
  EXPECT_EQ(again.resumed, 2u);
  for (size_t i = 0; i < 4; ++i) {
    ASSERT_TRUE(again.runs[i].done);
    EXPECT_EQ(again.runs[i].values, ref.runs[i].values) << "run " << i;
    EXPECT_EQ(again.runs[i].mape, ref.runs[i].mape) << "run " << i;
    EXPECT_EQ(again.runs[i].peak_agents, ref.runs[i].peak_agents) << "run " << i;
  }
  // Another seed, scale or held parameter is another run: nothing is reused.
  auto other = specs();
  for (auto& s : other) s.seed += 1;
  EXPECT_EQ(run_batch(other, opt).resumed, 0u);
  auto held = specs();
  for (auto& s : held) s.forced = {{"rule_ratchet", 0.0}};
  EXPECT_EQ(run_batch(held, opt).resumed, 0u);
  BatchOptions scaled = opt;
  scaled.scale = 0.02;
  EXPECT_EQ(run_batch(specs(), scaled).resumed, 0u);
  BatchOptions fresh = opt;
  fresh.journal_fresh = true;
  EXPECT_EQ(run_batch(specs(), fresh).resumed, 0u);
}

// Issue 26.4 at the command line: an ensemble stopped with Ctrl-C, run again with the same
// command, resumes from its finished runs, writes what an uninterrupted call writes, and
// removes its journal.
TEST(Usability, InterruptedEnsembleResumesWithTheSameCommand) {
  const std::string base = temp_dir("usab_resume");
  const std::string out = base + "/ens", journal = out + ".resume", log = base + "/log.txt";
  const std::string args = "ensemble --runs 60 --scale 0.01 --threads 2 --seed 11 --out " + out;
  const pid_t pid = spawn_gangdu(
      {"ensemble", "--runs", "60", "--scale", "0.01", "--threads", "2", "--seed", "11", "--out", out}, log);
  ASSERT_GE(pid, 0);
  auto journal_runs = [&] {
    size_t n = 0;
    if (fs::exists(journal))
      for (const auto& e : fs::directory_iterator(journal)) n += e.path().extension() == ".bin";
    return n;
  };
  for (int i = 0; i < 600 && journal_runs() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ::kill(pid, SIGINT);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) GTEST_SKIP() << "the ensemble finished before the interrupt";
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 130) << read_file(log);
  const size_t kept = journal_runs();
  ASSERT_GE(kept, 3u);
  ASSERT_FALSE(fs::exists(out));
  const Result resumed = cli(args);
  ASSERT_EQ(resumed.status, 0) << resumed.out;
  EXPECT_NE(resumed.out.find("resumed: " + std::to_string(kept) + " of the runs"), std::string::npos) << resumed.out;
  EXPECT_FALSE(fs::exists(journal));
  const Result whole = cli("ensemble --runs 60 --scale 0.01 --threads 2 --seed 11 --fresh --out " + base + "/whole");
  ASSERT_EQ(whole.status, 0) << whole.out;
  EXPECT_EQ(whole.out.find("resumed:"), std::string::npos) << whole.out;
  EXPECT_EQ(read_file(out + "/summary.csv"), read_file(base + "/whole/summary.csv"));
}
