// gangdu ensemble / gangdu sweep: many runs into one results store.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/run_common.hpp"
#include "cli/validators.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/batch.hpp"
#include "experiments/design.hpp"
#include "experiments/parallel.hpp"
#include "experiments/store.hpp"
#include "outputs/writer.hpp"

namespace gangdu::cli {
namespace {

struct BatchArgs {
  std::string scenario;
  std::string out;
  long long seed = -1;
  double scale = kScaleManyRuns;
  unsigned threads = 0;
  std::vector<std::string> sets;
  std::vector<std::string> switches;
  bool fresh = false;
};

void add_batch_options(CLI::App* cmd, BatchArgs& a) {
  cmd->add_option("--out", a.out, "Output directory")->capture_default_str();
  cmd->add_option("--seed", a.seed,
                  "Master seed; replicate r runs with seed mix(master, r) (default: the scenario's seed)")
      ->check(seed_value());
  add_scale_option(cmd, a.scale);
  cmd->add_option("--threads", a.threads, "Worker threads (default: all cores)");
  cmd->add_option("--set", a.sets, "Override a scenario key for every run (repeatable)");
  add_switch_option(cmd, a.switches);
  cmd->add_flag("--fresh", a.fresh,
                "Run every member again: discard the finished runs an interrupted call left in OUT.resume/ "
                "(by default the same command resumes from them)");
}

// Where a batch keeps its finished runs until its outputs are written: beside the
// output directory, so the atomic swap of the outputs never touches it.
std::string journal_dir(const std::string& out) {
  std::string d = out;
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  return d + ".resume";
}

unsigned thread_count(const BatchArgs& a) {
  if (a.threads > 0) return a.threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

// Runs the specs (spread over MPI ranks when launched under mpirun) and, on
// rank 0, writes the store and CSVs. Returns the batch (complete on rank 0).
void run_and_store(const std::string& what, const BatchArgs& a, std::vector<RunSpec> specs, bool by_point,
                   const ScenarioSource& src) {
  Parallel& par = Parallel::instance();
  BatchOptions opt;  // progress lines: the process-wide hook (cli/main.cpp)
  opt.scale = a.scale;
  opt.threads = thread_count(a);
  opt.rank = par.rank();
  opt.nranks = par.size();
  opt.journal = journal_dir(a.out);
  opt.journal_fresh = a.fresh;
  const size_t total = specs.size();
  BatchResult b = run_batch(std::move(specs), opt);
  const size_t resumed = b.resumed;
  par.gather(b);
  if (par.rank() != 0) return;
  const auto summary = summarise(b);
  std::map<std::string, std::string> meta = {
      {"scenario_file", src.label},
      {"scale", fmt::format("{}", a.scale)},
      {"runs", std::to_string(total)},
      {"processes", std::to_string(par.size())},
      {"overrides", fmt::format("{}", fmt::join(a.sets, " "))},
      {"switches", fmt::format("{}", fmt::join(a.switches, " "))},
  };
  const nlohmann::json stamp = manifest_stamp(what);
  for (const auto& [k, v] : stamp.items()) meta[k] = v.get<std::string>();
  write_output_dir(a.out, [&](const std::string& dir) {
    write_file_atomic(dir + "/summary.csv", summary_csv(summary));
    if (by_point) write_file_atomic(dir + "/summary_by_point.csv", summary_by_point_csv(b));
    write_file_atomic(dir + "/runs.csv", runs_csv(b));
    write_results_store(dir + "/results.sqlite", b, meta);
    nlohmann::json m(meta);
    double wall = 0;
    for (const auto& r : b.runs) wall += r.wall_seconds;
    m["run_seconds_total"] = wall;
    m["threads"] = opt.threads;
    write_file_atomic(dir + "/manifest.json", m.dump(2) + "\n");
  });
  std::error_code ec;
  std::filesystem::remove_all(opt.journal, ec);  // the outputs are complete: the journal has served
  double best = 1e300, mean = 0;
  for (const auto& r : b.runs) {
    best = std::min(best, r.mape);
    mean += r.mape / static_cast<double>(b.runs.size());
  }
  std::cout << fmt::format("gangdu {}: {} runs at scale {} on {} thread(s) x {} process(es)\n", what, total, a.scale,
                           opt.threads, par.size());
  if (resumed > 0)
    std::cout << fmt::format("resumed: {} of the runs were read back from {} (finished before an interruption)\n",
                             resumed, opt.journal);
  std::cout << fmt::format("fit to the record up to 1957: mean MAPE {:.1f}%, best {:.1f}%\n", mean, best);
  std::cout << fmt::format("outputs: {0}/summary.csv{1}, {0}/runs.csv, {0}/results.sqlite, {0}/manifest.json\n", a.out,
                           by_point ? fmt::format(", {}/summary_by_point.csv", a.out) : "");
}

}  // namespace

void register_ensemble(CLI::App& app) {
  auto a = std::make_shared<BatchArgs>();
  a->out = "out/ensemble";
  auto runs = std::make_shared<size_t>(0);
  CLI::App* cmd = app.add_subcommand(
      "ensemble", "Run one scenario N times with derived seeds; write summary.csv (mean, p05, p95) and results.sqlite");
  cmd->add_option("scenario", a->scenario, "Scenario TOML file (default: the embedded Anshan scenario)");
  cmd->add_option("--runs", *runs, "Number of replicates")->required()->check(CLI::Range(size_t{1}, kMaxRuns));
  add_batch_options(cmd, *a);
  cmd->callback([a, runs]() {
    const ScenarioSource src = ScenarioSource::from_path(a->scenario);
    auto sc = std::make_shared<const Scenario>(src.load(parse_overrides(a->sets)));
    const uint64_t master = a->seed >= 0 ? static_cast<uint64_t>(a->seed) : sc->default_seed;
    const auto forced = parse_switches(a->switches);
    std::vector<RunSpec> specs;
    for (size_t r = 0; r < *runs; ++r) specs.push_back({r, replicate_seed(master, r), 0, {}, sc, forced});
    run_and_store("ensemble", *a, std::move(specs), false, src);
  });
}

void register_sweep(CLI::App& app) {
  auto a = std::make_shared<BatchArgs>();
  a->out = "out/sweep";
  auto design = std::make_shared<std::string>();
  auto replicates = std::make_shared<size_t>(1);
  CLI::App* cmd = app.add_subcommand(
      "sweep",
      "Run a design matrix: one run per row of DESIGN.csv (columns are scenario keys as for --set, e.g. "
      "parameters.steel_utilization or regime.ffyp.steel_utilization; an optional 'seed' column)");
  cmd->add_option("design", *design, "Design CSV (grid, Latin hypercube, Sobol points: any rows)")->required();
  cmd->add_option("--scenario", a->scenario, "Scenario TOML file (default: the embedded Anshan scenario)");
  cmd->add_option("--replicates", *replicates, "Runs per design row, seeds mix(master, r) shared by all rows")
      ->check(CLI::Range(size_t{1}, kMaxRuns))
      ->capture_default_str();
  add_batch_options(cmd, *a);
  cmd->callback([a, design, replicates]() {
    const ScenarioSource src = ScenarioSource::from_path(a->scenario);
    const auto base = parse_overrides(a->sets);
    const uint64_t master = a->seed >= 0 ? static_cast<uint64_t>(a->seed) : src.load(base).default_seed;
    const auto forced = parse_switches(a->switches);
    const CsvTable t = read_csv_file(*design);
    const std::vector<DesignRow> rows = read_design(t);
    if (rows.size() * *replicates > kMaxRuns)
      throw InputError(*design, 0, 0, "",
                       fmt::format("{} rows x {} replicates = {} runs; the limit is {} runs per command", rows.size(),
                                   *replicates, rows.size() * *replicates, kMaxRuns));
    std::vector<RunSpec> specs;
    for (size_t row = 0; row < rows.size(); ++row) {
      const std::vector<Override>& ov = rows[row].overrides;
      const uint64_t row_master = rows[row].seed.value_or(master);
      std::vector<Override> all = base;
      all.insert(all.end(), ov.begin(), ov.end());
      std::shared_ptr<const Scenario> sc;
      try {
        sc = std::make_shared<const Scenario>(src.load(all));
      } catch (const InputError& e) {
        // Name the design row; the message keeps the scenario location.
        throw InputError(*design, rows[row].line, 0, e.key(), e.what());
      }
      for (size_t r = 0; r < *replicates; ++r) specs.push_back({r, replicate_seed(row_master, r), row, ov, sc, forced});
    }
    run_and_store("sweep", *a, std::move(specs), true, src);
  });
}

}  // namespace gangdu::cli
