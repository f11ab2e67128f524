#pragma once
// The month as a table (issue 17). `step_month` walks `schedule()`: one row per
// step, in the order of docs/ODD.md's process overview. `rules()` declares each
// seed rule the code implements (R-number from model-spec.md §3 where it has
// one): its step, file, switch, parameters and citation; the series it writes
// are those declared with its id (SeriesInfo::rule). The ablation list
// (experiments/ablate.cpp), the dashboard's rule switches (web/api.cpp),
// `gangdu list rules` and docs/rules.md all come from these tables.
#include <cstdint>
#include <string>
#include <vector>

#include "city/housing.hpp"
#include "enterprises/labour_market.hpp"
#include "people/demography.hpp"
#include "people/migration.hpp"
#include "regimes/campaigns.hpp"

namespace gangdu {

struct World;

// When in the month (and year) a step runs.
enum class Phase : uint8_t {
  kEvents,        // 1. regimes, dated events, campaigns
  kJanuary,       // 2. the plan cycle (January only)
  kProduction,    // 3. production units and the steel works
  kLabourDemand,  // 4. wanted employees, wages
  kPeople,        // 5. the one pass over persons
  kLabourMarket,  // 6. hiring, lay-offs, migration
  kCity,          // 6b. housing and the work unit
  kBaseline,      // 6c. the system-dynamics baseline
  kAccounts,      // 7. the works' accounts
  kOutputs,       // 8. this month's flows
  kDecember,      // 9. year-end: close the plan and accounts, record stocks, compact
};
const char* phase_name(Phase p);

// What steps of one month hand to each other (tallies of this month).
struct MonthContext {
  PopulationEventTally events;
  CampaignTally campaigns;
  MonthTally people;
  LabourTally labour;
  HousingTally housing;
};

struct Step {
  const char* id;    // short name, used by rules() and SeriesInfo::rule
  const char* name;  // what it does, one line
  Phase phase;
  const char* file;  // where it is implemented
  void (*run)(World&, MonthContext&);
};
const std::vector<Step>& schedule();

struct RuleInfo {
  const char* id;  // "R2" (model-spec.md §3) or a short name for rules without an R-number
  const char* name;
  const char* step;                 // Step::id of the step that applies it
  const char* file;                 // the file holding the rule's code
  const char* switch_param;         // the parameter that switches it off ("" if it cannot be switched off)
  std::vector<const char*> params;  // parameters it reads (registry names)
  const char* citation;             // seed lines (Hirata's dissertation) or "assumption: ..."
};
const std::vector<RuleInfo>& rules();
// The rule switches (rule_* parameters) in table order: ablation and dashboard.
std::vector<std::string> rule_switches();

// A series recorded from the World at year end (December), declared once with
// its computation. A value that is NaN is not recorded (the series keeps 0).
struct YearEndCensus;
struct YearEndOutput {
  const char* name;
  const char* unit;
  const char* description;
  const char* rule;
  double (*value)(const World&, const YearEndCensus&);
};
// A flow added every month from this month's tallies, declared once with its computation.
struct MonthFlowOutput {
  const char* name;
  const char* unit;
  const char* description;
  const char* rule;
  double (*value)(const World&, const MonthContext&);
};
const std::vector<YearEndOutput>& year_end_outputs();
const std::vector<MonthFlowOutput>& month_flow_outputs();

// Declares the tables' series on the World's recorder (World's constructor).
void declare_table_series(World& w);

}  // namespace gangdu
