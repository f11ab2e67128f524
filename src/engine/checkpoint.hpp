#pragma once
// Checkpoint/restore of a whole run: the World's state after a month, with
// the scenario it ran (original text, label and overrides) and the program
// version. Resuming without changes continues bit-identically; resuming with
// extra overrides branches a counterfactual from the saved state.
//
// File: magic, format number, program version and git commit (a checkpoint
// from another build is refused), scenario input, seed/scale/month, then
// tagged sections, one per layer (see kSections in checkpoint.cpp). A layer
// that adds state to World adds its own section (save/load in its folder).
#include <memory>
#include <string>
#include <vector>

#include "engine/world.hpp"

namespace gangdu {

// What a run was made from, so a checkpoint can rebuild the same Scenario.
struct ScenarioInput {
  std::string text;   // the scenario file's text
  std::string label;  // its path, or "<embedded>/scenarios/anshan.toml"
  std::vector<Override> overrides;
};

inline constexpr uint32_t kCheckpointFormat = 1;

// Serialises the World (as it stands between months) to bytes / a file (atomically).
std::string checkpoint_bytes(const World& w, const ScenarioInput& in);
void save_checkpoint(const std::string& path, const World& w, const ScenarioInput& in);

struct Restored {
  std::shared_ptr<const Scenario> scenario;  // declared first: outlives the world
  std::unique_ptr<World> world;
  ScenarioInput input;    // with the extra overrides appended
  Month resumed_at;       // first month still to run
};

// Restores a checkpoint; `extra` overrides are applied on top of the saved
// ones (counterfactual branch). InputError on a missing, corrupt or foreign file.
Restored load_checkpoint(const std::string& path, const std::vector<Override>& extra = {});
Restored restore_checkpoint_bytes(const std::string& bytes, const std::string& label, const std::vector<Override>& extra = {});

}  // namespace gangdu
