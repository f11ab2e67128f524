// Checkpoint/restore for `gangdu run`.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/run_common.hpp"
#include "core/error.hpp"
#include "engine/checkpoint.hpp"
#include "experiments/batch.hpp"

namespace gangdu::cli {

void add_checkpoint_options(CLI::App* cmd, CheckpointArgs& c) {
  cmd->add_option("--checkpoint-at", c.at, "Save the state after this month (YYYY-MM), e.g. 1957-12");
  cmd->add_option("--checkpoint", c.file, "Checkpoint file written by --checkpoint-at");
  cmd->add_option("--resume", c.resume,
                  "Continue a run from a checkpoint (with --set to branch a counterfactual); seed and scale come from it");
}

void run_with_checkpoint(const RunArgs& a, const CheckpointArgs& c, const CLI::App& cmd) {
  if (!c.resume.empty()) {
    if (!c.at.empty() || !c.file.empty())
      throw InputError("gangdu run", 0, 0, "--resume", "--resume cannot be combined with --checkpoint-at/--checkpoint");
    if (!a.scenario.empty() || cmd.count("--seed") || cmd.count("--scale"))
      throw InputError("gangdu run", 0, 0, "--resume",
                       "the scenario, seed and scale come from the checkpoint (use --set to change the scenario)");
    auto restored = std::make_shared<Restored>(load_checkpoint(c.resume, parse_overrides(a.sets)));
    const Scenario& sc = *restored->scenario;
    RunArgs b = a;
    b.seed = static_cast<long long>(restored->world->opt.seed);
    b.scale = restored->world->opt.scale;
    b.sets.clear();
    nlohmann::json extra;
    extra["resumed_from"] = c.resume;
    extra["resumed_at"] = restored->resumed_at.str();
    nlohmann::json ov = nlohmann::json::array();
    for (const Override& o : restored->input.overrides) ov.push_back(o.key + "=" + o.value);
    extra["overrides"] = ov;
    std::cout << fmt::format("gangdu: resuming {} at {}{}\n", c.resume, restored->resumed_at.str(),
                             a.sets.empty() ? "" : fmt::format(" with {} override(s)", a.sets.size()));
    run_and_write(b, sc, false, [&](const RunOptions&) { return continue_model(std::move(restored->world)); }, extra);
    return;
  }
  if (c.at.empty() || c.file.empty())
    throw InputError("gangdu run", 0, 0, c.at.empty() ? "--checkpoint-at" : "--checkpoint",
                     "--checkpoint-at and --checkpoint go together");
  const auto at = parse_month(c.at);
  if (!at) throw InputError("--checkpoint-at " + c.at, 0, 0, "--checkpoint-at", "malformed month (expected YYYY-MM)");
  const ScenarioSource src = ScenarioSource::from_path(a.scenario);
  const ScenarioInput input{src.text, src.label, parse_overrides(a.sets)};
  const Scenario sc = src.load(input.overrides);
  if (*at < sc.start || *at > sc.end)
    throw InputError("--checkpoint-at " + c.at, 0, 0, "--checkpoint-at",
                     "month outside the scenario (" + sc.start.str() + ".." + sc.end.str() + ")");
  bool saved = false;
  nlohmann::json extra;
  extra["checkpoint"] = c.file;
  extra["checkpoint_at"] = at->str();
  run_and_write(a, sc, false,
                [&](const RunOptions& o) {
                  return run_model(sc, o, [&](World& w) {
                    if (w.clock.now() == at->next()) {
                      save_checkpoint(c.file, w, input);
                      saved = true;
                    }
                  });
                },
                extra);
  if (saved) std::cout << fmt::format("checkpoint after {} written to {}\n", at->str(), c.file);
}

}  // namespace gangdu::cli
