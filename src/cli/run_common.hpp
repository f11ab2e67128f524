#pragma once
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model.hpp"
#include "scenario/scenario.hpp"

namespace gangdu::cli {

struct RunArgs {
  std::string scenario;  // empty: embedded default
  std::string out = "out/anshan";
  long long seed = -1;   // -1: the scenario's default seed
  double scale = 1.0;
  std::vector<std::string> sets;
  std::vector<std::string> switches;  // NAME=VALUE, held for the whole run
};

void add_run_options(class CLI::App* cmd, RunArgs& a, bool with_scenario_positional);

Scenario load_for(const RunArgs& a);
RunOptions options_for(const RunArgs& a, const Scenario& sc);

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
