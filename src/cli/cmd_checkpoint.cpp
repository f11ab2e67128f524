// Checkpoint/restore for `gangdu run` (engine/checkpoint.hpp).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/run_common.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "engine/checkpoint.hpp"
#include "experiments/batch.hpp"

namespace gangdu::cli {

void add_checkpoint_options(CLI::App* cmd, CheckpointArgs& c) {
  cmd->add_option("--checkpoint-at", c.at, "Save the state after this month (YYYY-MM), e.g. 1957-12");
  cmd->add_option("--checkpoint", c.file, "Checkpoint file written by --checkpoint-at");
  cmd->add_option("--resume", c.resume,
                  "Continue a run from a checkpoint; --set/--switch change the months "
                  "after it. Seed and scale "
                  "come from the checkpoint; a scenario given must be the checkpoint's");
}

namespace {

ScenarioInput input_for(const RunArgs& a) {
  ScenarioInput in;
  in.overrides = parse_overrides(a.sets);
  if (a.scenario.empty()) {
    in.text = std::string(embedded::find("scenarios/anshan.toml"));
    in.label = "<embedded>/scenarios/anshan.toml";
    return in;
  }
  std::ifstream f(a.scenario, std::ios::binary);
  if (!f) throw InputError(a.scenario, 0, 0, "", "cannot open scenario file");
  std::ostringstream ss;
  ss << f.rdbuf();
  in.text = ss.str();
  in.label = a.scenario;
  return in;
}

void resume(const RunArgs& a, const CheckpointArgs& c, const CLI::App& cmd) {
  if (!c.at.empty() || !c.file.empty())
    throw InputError("gangdu run", 0, 0, "--resume", "--resume cannot be combined with --checkpoint-at/--checkpoint");
  if (cmd.count("--seed") || cmd.count("--scale"))
    throw InputError("gangdu run", 0, 0, "--resume", "the seed and scale come from the checkpoint");
  std::unique_ptr<Scenario> expect;
  if (!a.scenario.empty()) expect = std::make_unique<Scenario>(load_scenario_file(a.scenario));
  auto restored = std::make_shared<Restored>(load_checkpoint(c.resume, parse_overrides(a.sets), parse_switches(a.switches), expect.get()));
  const Scenario& sc = *restored->scenario;
  restored->world->opt.threads = a.threads;  // not run state: the resuming command's choice
  RunArgs b = a;
  b.seed = static_cast<long long>(restored->world->opt.seed);
  b.scale = restored->world->opt.scale;
  nlohmann::json extra;
  extra["resumed_from"] = c.resume;
  extra["resumed_at"] = restored->resumed_at.str();
  nlohmann::json ov = nlohmann::json::array();
  for (const Override& o : restored->input.overrides) ov.push_back(o.key + "=" + o.value);
  extra["overrides"] = ov;
  std::cout << fmt::format("gangdu: resuming {} at {}{}\n", c.resume, restored->resumed_at.str(),
                           a.sets.empty() && a.switches.empty()
                               ? ""
                               : fmt::format(" with {} --set and {} --switch", a.sets.size(), a.switches.size()));
  run_and_write(
      b, sc, false, [&](const RunOptions&) { return continue_model(std::move(restored->world)); }, extra);
}

}  // namespace

void run_with_checkpoint(const RunArgs& a, const CheckpointArgs& c, const CLI::App& cmd) {
  if (!c.resume.empty()) {
    resume(a, c, cmd);
    return;
  }
  if (c.at.empty() || c.file.empty())
    throw InputError("gangdu run", 0, 0, c.at.empty() ? "--checkpoint-at" : "--checkpoint",
                     "--checkpoint-at and --checkpoint go together");
  const auto at = parse_month(c.at);
  if (!at) throw InputError("--checkpoint-at " + c.at, 0, 0, "--checkpoint-at", "malformed month (expected YYYY-MM)");
  const ScenarioInput input = input_for(a);
  const Scenario sc = load_scenario_text(input.text, input.label, input.overrides);
  if (*at < sc.start || *at > sc.end)
    throw InputError("--checkpoint-at " + c.at, 0, 0, "--checkpoint-at",
                     "month outside the scenario (" + sc.start.str() + ".." + sc.end.str() + ")");
  bool saved = false;
  nlohmann::json extra;
  extra["checkpoint"] = c.file;
  extra["checkpoint_at"] = at->str();
  run_and_write(
      a, sc, false,
      [&](const RunOptions& o) {
        return run_model(sc, o, [&](const World& w) {
          if (w.clock.now() == at->next()) {
            save_checkpoint(c.file, w, input);
            saved = true;
          }
          return true;
        });
      },
      extra);
  if (saved) std::cout << fmt::format("checkpoint after {} written to {}\n", at->str(), c.file);
}

}  // namespace gangdu::cli
