// Checkpoint/restore (engine/checkpoint.hpp): bit-identical resume at several
// months of the full history, counterfactual branches that change only the
// future, and clear errors on bad files.
#include "engine/checkpoint.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "engine/model.hpp"
#include "outputs/writer.hpp"
#include "test_util.hpp"

using namespace gangdu;
namespace fs = std::filesystem;
using gangdu::testing::default_scenario_text;
using gangdu::testing::read_file;
using gangdu::testing::temp_dir;

namespace {

constexpr double kScale = 0.02;  // judgement: small enough for a fast full
                                 // history, large enough for every rule to fire
const char* kLabel = "<embedded>/scenarios/anshan.toml";

// Runs the default history and captures the checkpoint bytes after month `at`.
std::string checkpoint_after(const Scenario& sc, const RunOptions& opt, Month at, std::string* series = nullptr) {
  const ScenarioInput in{default_scenario_text(), kLabel, {}};
  std::string bytes;
  RunResult r = run_model(sc, opt, [&](const World& w) {
    if (w.clock.now() == at.next()) bytes = checkpoint_bytes(w, in);
    return true;
  });
  if (series) *series = series_csv(r.world->rec);
  return bytes;
}

struct Fixture {
  Scenario sc = load_default_scenario();
  RunOptions opt{7, kScale, {}};
};

}  // namespace

TEST(Checkpoint, ResumeIsBitIdenticalAtSeveralMonths) {
  Fixture f;
  const RunResult full = run_model(f.sc, f.opt);
  const std::string expected = series_csv(full.world->rec);
  for (const char* at : {"1920-01", "1945-06", "1953-01", "1957-12", "1960-06", "1964-11"}) {
    SCOPED_TRACE(at);
    const std::string bytes = checkpoint_after(f.sc, f.opt, *parse_month(at));
    ASSERT_FALSE(bytes.empty());
    Restored r = restore_checkpoint_bytes(bytes, "mem");
    EXPECT_EQ(r.resumed_at, parse_month(at)->next());
    // Saving the restored state again gives the same bytes: load and save are
    // symmetric.
    EXPECT_TRUE(checkpoint_bytes(*r.world, r.input) == bytes) << "re-saving the restored state gives other bytes";
    const RunResult rest = continue_model(std::move(r.world));
    EXPECT_TRUE(series_csv(rest.world->rec) == expected) << "resumed series.csv differs from the uninterrupted run";
    EXPECT_EQ(rest.world->peak_agents, full.world->peak_agents);
    EXPECT_EQ(rest.world->people.living(), full.world->people.living());
  }
}

TEST(Checkpoint, SetAndSwitchChangeOnlyTheFuture) {
  Fixture f;
  std::string base;
  const std::string bytes = checkpoint_after(f.sc, f.opt, *parse_month("1957-12"), &base);
  auto rows_until = [](const std::string& csv, int last_year, bool want_before) {
    std::string out;
    size_t pos = csv.find('\n') + 1;
    while (pos < csv.size()) {
      const size_t end = csv.find('\n', pos);
      const std::string line = csv.substr(pos, end - pos);
      const size_t c1 = line.find(',');
      const int year = std::stoi(line.substr(c1 + 1));
      if ((year <= last_year) == want_before) out += line + "\n";
      pos = end + 1;
    }
    return out;
  };
  // A --switch held from 1958 on.
  Restored a = restore_checkpoint_bytes(bytes, "mem", {}, {{"steel_utilization", 0.5}});
  const std::string sw = series_csv(continue_model(std::move(a.world)).world->rec);
  EXPECT_EQ(rows_until(sw, 1957, true), rows_until(base, 1957, true));
  EXPECT_NE(rows_until(sw, 1957, false), rows_until(base, 1957, false));
  // A --set of the scenario.
  Restored b = restore_checkpoint_bytes(bytes, "mem", {{"parameters.coal_supply_share", "0.3"}});
  ASSERT_EQ(b.input.overrides.size(), 1u);
  const std::string set = series_csv(continue_model(std::move(b.world)).world->rec);
  EXPECT_EQ(rows_until(set, 1957, true), rows_until(base, 1957, true));
  EXPECT_NE(rows_until(set, 1957, false), rows_until(base, 1957, false));
}

TEST(Checkpoint, BadFilesAreRefusedWithTheirName) {
  Fixture f;
  const std::string bytes = checkpoint_after(f.sc, f.opt, *parse_month("1930-03"));
  auto fails = [](const std::string& b, const std::string& needle, const Scenario* expect = nullptr) {
    try {
      restore_checkpoint_bytes(b, "ck.bin", {}, {}, expect);
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), "ck.bin");
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
      return true;
    }
    return false;
  };
  std::string wrong_magic = bytes;
  wrong_magic[0] = 'X';
  EXPECT_TRUE(fails(wrong_magic, "magic"));
  EXPECT_TRUE(fails("", "magic"));
  std::string version = bytes;
  version[8] = static_cast<char>(kCheckpointFormat + 1);
  EXPECT_TRUE(fails(version, "format"));
  for (size_t n : {size_t{9}, size_t{20}, size_t{60}, bytes.size() / 2, bytes.size() - 1})
    EXPECT_TRUE(fails(bytes.substr(0, n), ""));
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x10;
  EXPECT_TRUE(fails(flipped, "checksum"));
  EXPECT_TRUE(fails(bytes + "x", ""));
  const Scenario other = load_default_scenario({{"parameters.steel_utilization", "0.8"}});
  EXPECT_TRUE(fails(bytes, "scenario mismatch", &other));
  EXPECT_NO_THROW(restore_checkpoint_bytes(bytes, "ck.bin", {}, {}, &f.sc));
  EXPECT_THROW(load_checkpoint(temp_dir("ck_missing") + "/none.bin"), InputError);
}

// Lengths inside the state are never trusted: corrupt bytes with a valid
// checksum give an InputError, never a crash or a huge allocation.
TEST(Checkpoint, CorruptStateWithValidChecksumIsRefusedOrHarmless) {
  Fixture f;
  const std::string bytes = checkpoint_after(f.sc, f.opt, *parse_month("1925-06"));
  rng::Stream s(11, rng::StreamId::kSensitivity, 99);
  int refused = 0;
  for (int trial = 0; trial < 200; ++trial) {
    std::string b = bytes.substr(0, bytes.size() - 8);
    // Flip bytes in the state block (after the scenario text) or cut it short.
    const size_t lo = b.size() / 2;
    for (int k = 0; k < 4; ++k) b[lo + s.below(static_cast<uint32_t>(b.size() - lo))] = static_cast<char>(s.below(256));
    if (trial % 4 == 0) b.resize(lo + s.below(static_cast<uint32_t>(b.size() - lo)));
    const uint64_t sum = fnv1a64(b.data(), b.size());
    b.append(reinterpret_cast<const char*>(&sum), 8);
    try {
      restore_checkpoint_bytes(b, "fuzz.bin");
    } catch (const InputError& e) {
      ++refused;
      EXPECT_EQ(e.file(), "fuzz.bin");
    }
  }
  EXPECT_GT(refused, 0);
}

namespace {
struct Cli {
  int status;
  std::string out;
};
Cli gangdu_cli(const std::string& args) {
  const std::string log = temp_dir("ck_cli_log") + "/log.txt";
  const int rc = std::system((std::string(GANGDU_BINARY) + " " + args + " >" + log + " 2>&1").c_str());
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, read_file(log)};
}
}  // namespace

TEST(Checkpoint, CliResumeMatchesTheUninterruptedRun) {
  const std::string d = temp_dir("ck_cli");
  const std::string ck = d + "/state.ckpt";
  Cli r = gangdu_cli("run --scale 0.02 --seed 5 --checkpoint-at 1957-12 --checkpoint " + ck + " --out " + d + "/full");
  ASSERT_EQ(r.status, 0) << r.out;
  r = gangdu_cli("run --resume " + ck + " --out " + d + "/resumed");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(read_file(d + "/resumed/series.csv"), read_file(d + "/full/series.csv"));
  const auto hash = [](const std::string& m) { return m.substr(m.find("\"series_hash\""), 40); };
  EXPECT_EQ(hash(read_file(d + "/resumed/manifest.json")), hash(read_file(d + "/full/manifest.json")));
  // Errors: non-zero exit, the file named, nothing written.
  std::ofstream(d + "/junk.ckpt") << "not a checkpoint";
  r = gangdu_cli("run --resume " + d + "/junk.ckpt --out " + d + "/bad");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("junk.ckpt"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(d + "/bad"));
  r = gangdu_cli("run --resume " + ck + " --seed 3 --out " + d + "/bad");
  EXPECT_EQ(r.status, 2);
  EXPECT_FALSE(fs::exists(d + "/bad"));
  r = gangdu_cli("run --scale 0.02 --checkpoint-at 1990-01 --checkpoint " + d + "/x.ckpt --out " + d + "/bad");
  EXPECT_EQ(r.status, 2);
  EXPECT_FALSE(fs::exists(d + "/bad"));
  EXPECT_FALSE(fs::exists(d + "/x.ckpt"));
}
