// Crash-safe outputs: `gangdu run` killed with SIGKILL at any point leaves the
// output directory absent, complete-old or complete-new (never truncated or
// mixed), stale staging directories are cleaned up by the next run, and the
// rerun writes the same bytes as an uninterrupted run.
// Kill points: the writer's fault-injection points (GANGDU_FAULT_POINT, see
// src/outputs/writer.cpp) hit every step of the commit deterministically; then
// a bounded number of kills at random times covers everything else.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "outputs/writer.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace gangdu;
using gangdu::testing::read_file;
using gangdu::testing::temp_dir;

namespace {

// A short history keeps the many reruns cheap (the full history is covered by the determinism tests).
const char* kEnd = "scenario.end=\"1936-12\"";

pid_t spawn_run(const std::string& out, int seed, const char* fault_point) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    if (fault_point) ::setenv("GANGDU_FAULT_POINT", fault_point, 1);
    const std::string seed_s = std::to_string(seed);
    ::execl(GANGDU_BINARY, GANGDU_BINARY, "run", "--scale", "0.02", "--seed", seed_s.c_str(), "--set", kEnd, "--out",
            out.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

int wait_status(pid_t pid) {
  int st = 0;
  ::waitpid(pid, &st, 0);
  return st;
}

bool exited_ok(int st) { return WIFEXITED(st) && WEXITSTATUS(st) == 0; }

// Checks that `dir` is absent or a complete output; returns series.csv ("" if absent).
std::string check_absent_or_complete(const std::string& dir, size_t expected_rows) {
  if (!fs::exists(dir)) return "";
  EXPECT_TRUE(fs::is_directory(dir));
  const std::string series = read_file(dir + "/series.csv");
  try {
    const CsvTable t = parse_csv(series, dir + "/series.csv");
    EXPECT_EQ(t.header, (std::vector<std::string>{"variable", "year", "value"}));
    EXPECT_EQ(t.rows.size(), expected_rows) << dir;
    EXPECT_TRUE(!series.empty() && series.back() == '\n') << "series.csv does not end with a newline";
    for (size_t r = 0; r < t.rows.size(); ++r) {
      t.integer(r, 1);
      t.number(r, 2);
    }
    const CsvTable fit = read_csv_file(dir + "/fit.csv");
    EXPECT_FALSE(fit.rows.empty());
  } catch (const InputError& e) {
    ADD_FAILURE() << "corrupt output: " << e.what();
  }
  try {
    const auto m = nlohmann::json::parse(read_file(dir + "/manifest.json"));
    EXPECT_TRUE(m.contains("seed") && m.contains("scenario_hash") && m.contains("variables"));
  } catch (const std::exception& e) {
    ADD_FAILURE() << "manifest.json is not valid JSON: " << e.what();
  }
  return series;
}

std::vector<std::string> leftovers(const std::string& base) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(base)) {
    const std::string n = e.path().filename().string();
    if (n.find(".partial-") != std::string::npos || n.find(".old-") != std::string::npos || n.find(".tmp-") != std::string::npos)
      out.push_back(n);
  }
  return out;
}

size_t rows_of(const std::string& series) { return static_cast<size_t>(std::count(series.begin(), series.end(), '\n')) - 1; }

struct Reference {
  std::string seed7, seed8;  // series.csv of uninterrupted runs
  double seconds = 0;        // wall time of one run
};

const Reference& reference() {
  static const Reference ref = [] {
    Reference r;
    const std::string base = temp_dir("crash_ref");
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_TRUE(exited_ok(wait_status(spawn_run(base + "/a", 7, nullptr))));
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_TRUE(exited_ok(wait_status(spawn_run(base + "/b", 8, nullptr))));
    r.seed7 = read_file(base + "/a/series.csv");
    r.seed8 = read_file(base + "/b/series.csv");
    fs::remove_all(base);
    return r;
  }();
  return ref;
}

}  // namespace

TEST(CrashSafety, KilledAtEachCommitStepIntoAFreshDirectory) {
  const Reference& ref = reference();
  ASSERT_GT(rows_of(ref.seed7), 10u);
  for (const char* point : {"file-written", "staged"}) {
    SCOPED_TRACE(point);
    const std::string base = temp_dir("crash_fresh");
    const std::string out = base + "/out";
    const int st = wait_status(spawn_run(out, 7, point));
    ASSERT_TRUE(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) << "fault point not reached";
    EXPECT_EQ(check_absent_or_complete(out, rows_of(ref.seed7)), "");  // killed before the commit
    EXPECT_FALSE(leftovers(base).empty());                              // the killed run's staging dir
    ASSERT_TRUE(exited_ok(wait_status(spawn_run(out, 7, nullptr))));
    EXPECT_TRUE(read_file(out + "/series.csv") == ref.seed7) << "rerun differs from an uninterrupted run";
    EXPECT_EQ(leftovers(base), std::vector<std::string>{});  // stale staging cleaned by the rerun
    fs::remove_all(base);
  }
}

TEST(CrashSafety, KilledAtEachCommitStepOverAnExistingOutput) {
  const Reference& ref = reference();
  for (const char* point : {"file-written", "staged", "exchanged"}) {
    SCOPED_TRACE(point);
    const std::string base = temp_dir("crash_existing");
    const std::string out = base + "/out";
    ASSERT_TRUE(exited_ok(wait_status(spawn_run(out, 8, nullptr))));
    gangdu::write_file_atomic(out + "/notes.txt", "kept\n");  // a file the run does not produce
    const int st = wait_status(spawn_run(out, 7, point));
    ASSERT_TRUE(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) << "fault point not reached";
    const std::string seen = check_absent_or_complete(out, rows_of(ref.seed7));
    // Before the swap DIR is the complete old output; after it, the complete new one.
    EXPECT_TRUE(seen == (std::string(point) == "exchanged" ? ref.seed7 : ref.seed8)) << "DIR is not the complete old/new output";
    EXPECT_EQ(read_file(out + "/notes.txt"), "kept\n");
    ASSERT_TRUE(exited_ok(wait_status(spawn_run(out, 7, nullptr))));
    EXPECT_TRUE(read_file(out + "/series.csv") == ref.seed7) << "rerun differs from an uninterrupted run";
    EXPECT_EQ(read_file(out + "/notes.txt"), "kept\n");
    EXPECT_EQ(leftovers(base), std::vector<std::string>{});
    fs::remove_all(base);
  }
}

TEST(CrashSafety, KilledAtRandomTimes) {
  const Reference& ref = reference();
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("random kill seed " + std::to_string(seed));
  std::mt19937 gen(seed);
  // Uniform over the whole run (plus a margin), so kills land in start-up,
  // simulation and writing alike; a bounded count keeps the test short.
  std::uniform_real_distribution<double> when(0.0, 1.1 * ref.seconds);
  const std::string base = temp_dir("crash_random");
  const std::string out = base + "/out";
  int absent = 0, complete = 0;
  for (int k = 0; k < 8; ++k) {
    // Alternate fresh and existing targets.
    if (k % 2 == 0) {
      fs::remove_all(out);
    } else if (!fs::exists(out)) {
      ASSERT_TRUE(exited_ok(wait_status(spawn_run(out, 8, nullptr))));
    }
    const std::string before = fs::exists(out) ? read_file(out + "/series.csv") : "";
    const pid_t pid = spawn_run(out, 7, nullptr);
    std::this_thread::sleep_for(std::chrono::duration<double>(when(gen)));
    ::kill(pid, SIGKILL);
    wait_status(pid);
    const std::string seen = check_absent_or_complete(out, rows_of(ref.seed7));
    if (seen.empty()) {
      ++absent;
      EXPECT_EQ(before, "");
    } else {
      ++complete;
      EXPECT_TRUE(seen == before || seen == ref.seed7) << "output is neither the old nor the new run";
    }
  }
  RecordProperty("absent_or_old", absent);
  RecordProperty("complete", complete);
  ASSERT_TRUE(exited_ok(wait_status(spawn_run(out, 7, nullptr))));
  EXPECT_TRUE(read_file(out + "/series.csv") == ref.seed7) << "rerun differs from an uninterrupted run";
  EXPECT_EQ(leftovers(base), std::vector<std::string>{});
  fs::remove_all(base);
}

TEST(CrashSafety, StaleStagingOfDeadRunsIsCleanedAndLiveOnesAreLeftAlone) {
  const std::string base = temp_dir("crash_stale");
  const pid_t dead = ::fork();
  if (dead == 0) ::_exit(0);
  wait_status(dead);  // reaped: no process has this pid now (barring immediate reuse)
  const std::string d = std::to_string(dead);
  const std::string live = std::to_string(::getppid());
  fs::create_directories(base + "/out.partial-" + d);
  gangdu::write_file_atomic(base + "/out.partial-" + d + "/series.csv", "variable,ye");  // truncated leftover
  fs::create_directories(base + "/out.partial-" + live);
  fs::create_directories(base + "/out.partial-x1");    // not a pid: not ours, left alone
  fs::create_directories(base + "/other.partial-" + d);  // another output's staging: left alone
  // Killed between moving the old output aside and moving the new one in: restored.
  fs::create_directories(base + "/out.old-" + d);
  gangdu::write_file_atomic(base + "/out.old-" + d + "/series.csv", "variable,year,value\n");
  remove_stale_staging(base + "/out");
  EXPECT_FALSE(fs::exists(base + "/out.partial-" + d));
  EXPECT_TRUE(fs::exists(base + "/out.partial-" + live));
  EXPECT_TRUE(fs::exists(base + "/out.partial-x1"));
  EXPECT_TRUE(fs::exists(base + "/other.partial-" + d));
  EXPECT_FALSE(fs::exists(base + "/out.old-" + d));
  EXPECT_EQ(read_file(base + "/out/series.csv"), "variable,year,value\n");
  // With DIR present, a stale DIR.old-<pid> is just removed.
  fs::create_directories(base + "/out.old-" + d);
  remove_stale_staging(base + "/out");
  EXPECT_FALSE(fs::exists(base + "/out.old-" + d));
  EXPECT_TRUE(fs::exists(base + "/out/series.csv"));
  fs::remove_all(base);
}

TEST(CrashSafety, AtomicFileWriteReplacesWholeFilesAndReportsFailure) {
  const std::string base = temp_dir("crash_atomic");
  gangdu::write_file_atomic(base + "/f.csv", "old\n");
  gangdu::write_file_atomic(base + "/f.csv", std::string(100000, 'x'));
  EXPECT_EQ(read_file(base + "/f.csv").size(), 100000u);
  EXPECT_THROW(gangdu::write_file_atomic(base + "/no/such/dir/f.csv", "x"), std::runtime_error);
  EXPECT_EQ(leftovers(base), std::vector<std::string>{});
  // An output path that is a file is refused with a message, not clobbered.
  gangdu::write_file_atomic(base + "/plain", "data\n");
  EXPECT_THROW(write_output_dir(base + "/plain", [](const std::string& d) { write_file_atomic(d + "/a", "1"); }),
               std::runtime_error);
  EXPECT_EQ(read_file(base + "/plain"), "data\n");
  EXPECT_EQ(leftovers(base), std::vector<std::string>{});
  fs::remove_all(base);
}

TEST(CrashSafety, SymlinkedOutputDirectoryIsUpdatedWhereItPoints) {
  const std::string base = temp_dir("crash_symlink");
  write_output_dir(base + "/real", [](const std::string& d) { write_file_atomic(d + "/a.csv", "old\n"); });
  fs::create_directory_symlink(base + "/real", base + "/link");
  write_output_dir(base + "/link", [](const std::string& d) { write_file_atomic(d + "/a.csv", "new\n"); });
  EXPECT_TRUE(fs::is_symlink(base + "/link"));
  EXPECT_EQ(read_file(base + "/real/a.csv"), "new\n");
  EXPECT_EQ(leftovers(base), std::vector<std::string>{});
  fs::remove_all(base);
}
