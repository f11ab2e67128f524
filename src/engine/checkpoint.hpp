#pragma once
// Checkpoint/restore of a whole run: the World between two months, so that a
// history can be run once to (say) 1957-12 and branched into counterfactuals.
// Resuming without changes continues bit-identically to the uninterrupted run;
// resuming with extra overrides (--set) or held parameters (--switch) changes
// the months after the checkpoint only.
//
// File layout (little-endian):
//   header  magic "GANGDUCK", format (u32), layout hash (u64, of the fields()
//           listings, see core/archive.hpp), scenario hash (u64, FNV-1a of the
//           canonical scenario), seed (u64), scale (f64), month (i32, the
//           first month still to run), program version (string)
//   input   the scenario text and label, its overrides, the held parameters
//   state   World::fields() (engine/world.hpp) as one length-prefixed block
//   check   FNV-1a 64 of everything before it
// What is saved is listed once per struct in its fields(A&) member.
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

// Serialises the World (between months) to bytes, or to a file atomically.
std::string checkpoint_bytes(const World& w, const ScenarioInput& in);
void save_checkpoint(const std::string& path, const World& w, const ScenarioInput& in);

struct Restored {
  std::shared_ptr<const Scenario> scenario;  // declared first: outlives the world
  std::unique_ptr<World> world;              // ready for continue_model()
  ScenarioInput input;                       // with the extra overrides appended
  Month resumed_at;                          // first month still to run
};

// Restores a checkpoint. `extra` overrides are applied on top of the saved
// ones and `extra_forced` parameters are held from the resumed month on
// (counterfactual branch). When `expect` is given (a scenario named on the
// command line), its canonical text must be the checkpoint's. Throws
// InputError naming `label` on a missing, truncated, corrupt, foreign or
// mismatched file.
Restored restore_checkpoint_bytes(const std::string& bytes, const std::string& label,
                                  const std::vector<Override>& extra = {},
                                  const std::vector<std::pair<std::string, double>>& extra_forced = {},
                                  const Scenario* expect = nullptr);
Restored load_checkpoint(const std::string& path, const std::vector<Override>& extra = {},
                         const std::vector<std::pair<std::string, double>>& extra_forced = {},
                         const Scenario* expect = nullptr);

// Hash of the state layout of this program (the fields() listings).
uint64_t checkpoint_layout_hash(const World& w);

}  // namespace gangdu
