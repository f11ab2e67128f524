#pragma once
// Many independent runs of the model: ensembles (one scenario, many seeds),
// sweeps (one run per design row), and the evaluations of calibration and
// sensitivity analysis. Every run builds its own World, so runs share nothing
// mutable and can go to any thread (or MPI rank); results are stored by run
// index and reduced in index order, so they never depend on the thread count.
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "experiments/validate.hpp"
#include "scenario/scenario.hpp"

namespace gangdu {

struct World;

// The scenario text a batch starts from (a file or the embedded default), so
// that each run can apply its own overrides to it.
struct ScenarioSource {
  std::string text;
  std::string label;                                         // file path, or "<embedded>/scenarios/anshan.toml"
  static ScenarioSource from_path(const std::string& path);  // empty path: the embedded default
  Scenario load(const std::vector<Override>& overrides = {}) const;
};

// Parses "key=value" strings (as given to --set); InputError on malformed ones.
std::vector<Override> parse_overrides(const std::vector<std::string>& sets);
// Parses "NAME=VALUE" switches (as given to --switch): NAME a registered
// parameter, VALUE a number within its bounds; InputError otherwise.
std::vector<std::pair<std::string, double>> parse_switches(const std::vector<std::string>& switches);

// The seed of replicate r under master seed m: a mix of both, kept below 2^53
// so it is exact in JSON, CSV and SQLite INTEGER columns.
uint64_t replicate_seed(uint64_t master, uint64_t replicate);

// The history points a calibration may use: observed in or before `last_year`
// (and, for ratios, with a base year in or before it).
std::vector<HistoryPoint> history_up_to(const std::vector<HistoryPoint>& points, int last_year);
inline constexpr int kLastCalibrationYear = 1957;  // figures from 1958 on are withheld (COMMON rules)

struct RunSpec {
  uint64_t replicate = 0;
  uint64_t seed = 1;
  size_t point = 0;                 // design row (sweeps), 0 for ensembles
  std::vector<Override> overrides;  // this run's overrides (recorded in the store)
  std::shared_ptr<const Scenario> scenario;
  std::vector<std::pair<std::string, double>> forced;  // parameters held for the whole run (--switch, ablation arms)
};

struct RunRecord {
  size_t index = 0;  // position in the batch
  double wall_seconds = 0;
  double mape = 0;  // overall MAPE (%) against the record up to 1957
  uint64_t peak_agents = 0;
  std::vector<double> values;  // variable-major: values[v * years + (year - first_year)]
  bool done = false;
};

struct BatchOptions {
  double scale = 0.1;
  unsigned threads = 1;
  // MPI partition: this process runs the specs with index % nranks == rank.
  int rank = 0;
  int nranks = 1;
  // Record the MAPE of each run against these points (default: the embedded
  // record); points after 1957 are always dropped.
  const std::vector<HistoryPoint>* history = nullptr;
  // Called after each finished run (from worker threads, serialised).
  std::function<void(size_t done, size_t total)> progress;
  // Called with each finished run's final World (from worker threads, concurrently for different runs).
  std::function<void(size_t index, const World& w)> on_run;
  // Resume journal (issue 26.4): when set, each finished run's record is written to
  // DIR/run-<index>.bin as soon as it ends, and a run whose file is there with the same
  // identity (build, canonical scenario, seed, scale, held parameters, series layout and
  // record) is read back instead of run again. A killed or interrupted batch re-run with
  // the same command therefore only runs what is missing; results are bit-identical to
  // an uninterrupted batch (only wall_seconds of the resumed runs are those they took then).
  std::string journal;
  bool journal_fresh = false;  // write the journal but read nothing back (`--fresh`)
  // on_run is not called for resumed runs, so a caller that needs every World leaves journal empty.
};

struct BatchResult {
  std::vector<RunSpec> specs;
  std::vector<RunRecord> runs;  // same order as specs
  std::vector<std::string> variables;
  int first_year = 0, last_year = -1;
  double scale = 0.1;
  size_t resumed = 0;  // runs read back from the journal instead of run (BatchOptions::journal)
  size_t years() const { return static_cast<size_t>(last_year - first_year + 1); }
  double value(size_t run, size_t var, int year) const {
    return runs[run].values[var * years() + static_cast<size_t>(year - first_year)];
  }
  int variable_index(const std::string& name) const;  // -1 if absent
};

// The most runs one batch may hold. assumption: each member keeps ~50 kB of
// results until the store is written and takes ~1 s at scale 0.1, so 10000
// members (~0.5 GB, hours of CPU) bound what one command or call may ask for
// (runs=2**40 used to grow ~1 GB/s until killed).
inline constexpr size_t kMaxRuns = 10000;

// Runs every spec (those of this rank) on `threads` worker threads.
// Throws InputError when specs.size() > kMaxRuns.
// Throws BatchInterrupted when a stop was requested (Ctrl-C): runs in flight end at
// their next month, no new run starts, and the caller writes nothing.
BatchResult run_batch(std::vector<RunSpec> specs, const BatchOptions& opt);

// The journal file of run `index` in a journal directory, and the identity a journal
// record must carry to be reused for `spec` (exposed for the tests).
std::string journal_file(const std::string& dir, size_t index);
uint64_t journal_identity(const RunSpec& spec, double scale, const std::vector<std::string>& variables, int first_year,
                          int last_year, const std::vector<HistoryPoint>& history);

// Process-wide hooks of every batch, set by the command line.
struct BatchInterrupted : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Called after each finished run of any batch (serialised), besides BatchOptions::progress.
void set_batch_progress(std::function<void(size_t done, size_t total)> progress);
// Asks every running batch to stop (async-signal-safe: sets an atomic flag).
void request_batch_stop();
// The number of batches running now (async-signal-safe to read).
int active_batches();

// Mean, 5th and 95th percentile (linear interpolation between order statistics)
// and count, per variable and year, over the runs selected by `use` (all if empty).
struct SummaryRow {
  std::string variable;
  int year;
  double mean, p05, p95;
  size_t n;
};
std::vector<SummaryRow> summarise(const BatchResult& b, const std::vector<size_t>& use = {});
double percentile(std::vector<double> values, double q);       // q in [0,1]; NaN if empty
std::string summary_csv(const std::vector<SummaryRow>& rows);  // variable,year,mean,p05,p95,n
// point,variable,year,mean,p05,p95,n: one summary per design point (sweeps).
std::string summary_by_point_csv(const BatchResult& b);
// run,point,replicate,seed,<override keys...>,mape_le_1957,wall_seconds,peak_agents
std::string runs_csv(const BatchResult& b);

}  // namespace gangdu
