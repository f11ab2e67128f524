#include "planning/plan_outputs.hpp"

#include <string>

namespace gangdu {

void declare_plan_series(World& w) {
  Recorder& r = w.rec;
  SeriesHandles& v = w.v;
  const auto S = SeriesKind::kStock;
  // One row per headline stage of the plan: handles and the stage's words.
  struct StageSeries {
    const char* key;   // pig_iron, steel, rolled_steel
    const char* what;  // in descriptions
    int *target, *fulfil, *control, *draft, *reported;
  };
  const StageSeries stages[] = {
      {"pig_iron", "pig iron", &v.plan_target_pig, &v.plan_fulfil_pig, &v.plan_control_pig, &v.plan_draft_pig,
       &v.plan_reported_pig},
      {"steel", "steel", &v.plan_target_steel, &v.plan_fulfil_steel, &v.plan_control_steel, &v.plan_draft_steel,
       &v.plan_reported_steel},
      {"rolled_steel", "rolled steel", &v.plan_target_rolled, &v.plan_fulfil_rolled, &v.plan_control_rolled,
       &v.plan_draft_rolled, &v.plan_reported_rolled},
  };
  for (const StageSeries& s : stages) {
    const std::string k = s.key, what = s.what;
    *s.target = r.declare({"plan.target_" + k + "_t", S, "t", "approved annual target for " + what, "R1"});
    *s.fulfil = r.declare({"plan.fulfilment_" + k, S, "share", "reported " + what + " / its annual target", "R1"});
    *s.control = r.declare({"plan.control_" + k + "_t", S, "t",
                            "the planners' control figure for " + what + " (follows reports under R2)", "R2"});
    *s.draft = r.declare({"plan.draft_" + k + "_t", S, "t", "the units' draft plan for " + what, "R3a"});
    *s.reported = r.declare(
        {"plan.reported_" + k + "_t", S, "t", what + " the units reported over the year (after hiding)", "R3b"});
  }
  v.political_target_steel = r.declare(
      {"plan.political_target_steel_t", S, "t", "politically set steel target in force at the end of the year ([[target]]; revisions in the year replace it)", "R23"});
}

}  // namespace gangdu
