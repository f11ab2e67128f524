#pragma once
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model.hpp"
#include "scenario/scenario.hpp"

namespace gangdu::cli {

// Default scales (agents per person), stated in this one place and in the README ("Scale"):
// a single run is a full-population run; commands that make many runs default to 1:10, and the
// searches (calibrate, sensitivity), which make hundreds, to 1:20.
inline constexpr double kScaleSingleRun = 1.0;
inline constexpr double kScaleManyRuns = 0.1;
inline constexpr double kScaleSearch = 0.05;

// --scale with a help text that states the default of this command (from `scale`) beside the others.
CLI::Option* add_scale_option(CLI::App* cmd, double& scale, const std::string& what = "");
// --switch NAME=VALUE (repeatable): held for the whole of every run the command makes.
CLI::Option* add_switch_option(CLI::App* cmd, std::vector<std::string>& switches);
// The default output folder of a scenario: out/<scenario name> (characters outside [A-Za-z0-9._-] as '_').
std::string default_out_dir(const Scenario& sc);

struct RunArgs {
  std::string scenario;  // empty: embedded default
  std::string out;       // empty: default_out_dir(scenario)
  long long seed = -1;   // -1: the scenario's default seed
  double scale = kScaleSingleRun;
  std::vector<std::string> sets;
  std::vector<std::string> switches;  // NAME=VALUE, held for the whole run
  unsigned threads = 1;               // `run --threads`: threads of the one run (outputs do not depend on it)
};

void add_run_options(class CLI::App* cmd, RunArgs& a, bool with_scenario_positional);

Scenario load_for(const RunArgs& a);
// The switches of a run as a JSON object name -> value (manifest.json "switches"; a later switch of a name wins).
nlohmann::json switches_json(const std::vector<std::pair<std::string, double>>& forced);
RunOptions options_for(const RunArgs& a, const Scenario& sc);

// Whether DIR (args.out, or the scenario's default folder) holds the run a `validate` or `report` asks for.
// Options not given on the command line are taken from DIR/manifest.json (scenario file and --set as one
// unit); the run is reused only when the seed, scale, switches and scenario (hash of the scenario with
// its overrides, so an edited scenario file counts) all match what the manifest records.
struct ExistingRun {
  RunArgs args;  // the run asked for (out filled in)
  bool reuse = false;
  std::string why;  // when not reused although DIR holds a series.csv: what differs
};
ExistingRun check_existing_run(const RunArgs& given, const class CLI::App& cmd);

// `gangdu run --checkpoint-at M --checkpoint FILE` / `--resume FILE` (cli/cmd_checkpoint.cpp).
struct CheckpointArgs {
  std::string at, file, resume;
};
void add_checkpoint_options(class CLI::App* cmd, CheckpointArgs& c);
void run_with_checkpoint(const RunArgs& a, const CheckpointArgs& c, const class CLI::App& cmd);
// Runs and writes series.csv + manifest.json (and fit.csv) atomically into a.out.
RunResult run_and_write(const RunArgs& a, const Scenario& sc, bool quiet);
// The same with another way of running (e.g. with a month hook); `extra`
// is merged into manifest.json.
RunResult run_and_write(const RunArgs& a, const Scenario& sc, bool quiet,
                        const std::function<RunResult(const RunOptions&)>& runner, const nlohmann::json& extra);

}  // namespace gangdu::cli
