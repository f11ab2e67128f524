#pragma once
// State of the politics layer (issue 22): fear, what campaigns did, innovation proposals.
// Rules: regimes/campaigns.cpp (campaigns, fear, the Angang Constitution), regimes/control.cpp
// (lines of control), regimes/labels.cpp (class labels).
#include <cstdint>
#include <vector>

namespace gangdu {

struct PoliticsState {
  double fear = 0;           // 0..1: fear among those who remain after campaign targeting
  double time_lost = 0;      // share of Angang working time its targeted persons lose this month
  double caution = 0;        // how far this year's drafts fell below the control figures (0..1)
  uint8_t labels_fixed = 0;  // 1 once the liberation labels are fixed
  std::vector<double> targeted_year, targeted_total;  // agents per campaign (scenario order)
  double killed_year = 0, experts_removed_year = 0;    // agents
  double proposals_year = 0, accepted_year = 0;        // agents' proposals (scaled on output)
  double construction_proposals_year = 0;              // of them, by Angang-Construction workers
  double staff_share = 0;                              // staff among Angang employees this month
  double accepted_per_thousand = 0;                    // proposals accepted this month per 1,000 workers
  // Checkpointed (engine/checkpoint.cpp): list every new field here.
  template <class A>
  void fields(A& a) {
    a(fear, time_lost, caution, labels_fixed, targeted_year, targeted_total, killed_year, experts_removed_year,
      proposals_year, accepted_year, construction_proposals_year, staff_share, accepted_per_thousand);
  }
};

// Series handles of the politics layer (declared in regimes/campaigns.cpp; not checkpointed).
struct alignas(8) PoliticsSeries {
  std::vector<int> targeted, targeted_total;  // per campaign
  int killed = -1, experts_removed = -1, fear = -1, local_weight = -1, control_line = -1;
  int proposals = -1, accepted = -1, construction_proposals = -1, nationalist_tech_share = -1;
  int labelled[8] = {-1, -1, -1, -1, -1, -1, -1, -1};
};

}  // namespace gangdu
