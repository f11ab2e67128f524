#pragma once
// The scenario: everything that describes one economy's history as data.
// Loaded from TOML (scenarios/anshan.toml is the default, also compiled into
// the binary), schema-checked, with every error located (file, line, column,
// key). Nothing here is Anshan-specific: another state-led industrial economy
// is another scenario file.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace gangdu {

// A parameter value with its provenance: a seed line ("L1013") or
// "assumption: why".
struct Param {
  double value = 0.0;
  std::string source;
};

// Where in the scenario file something was written (for later errors).
struct Location {
  int line = 0;
  int column = 0;
};

// One production stage of the works. Stages form a chain: each stage's output
// is limited by its own capacity and by the stage it draws on.
enum class Stage : uint8_t { kOre = 0, kPigIron = 1, kSteel = 2, kRolled = 3 };
inline constexpr int kStageCount = 4;
const char* stage_name(Stage s);
std::optional<Stage> parse_stage(const std::string& s);

// One input of a process recipe: `per_t` units of `product` per unit of the
// process's own product (a Leontief input coefficient).
struct InputSpec {
  std::string product;
  Param per_t;
  // Optional: a parameter giving the share of the product's supply this process
  // may draw (e.g. pig iron kept for the works' own steel plants); without it,
  // consumers share a scarce product in proportion to their requirements.
  std::string share_param;
};

// A process of the works' chain (mining, ore dressing, coking, power, blast
// furnace, open hearth, rolling...): a recipe turning inputs into one product,
// carried out by the facilities assigned to it. A process with `supply_param`
// is an outside supply (e.g. coal from Fushun): it has no facilities and
// delivers that parameter's share of what its consumers need at capacity.
struct ProcessSpec {
  std::string id;
  std::string name;
  std::string product;  // what it makes; several processes may make one product
  std::string unit;     // unit of the product ("t", "MWh")
  bool reports = false; // true if it feeds a headline stage
  Stage stage = Stage::kOre;  // headline stage (pig_iron, steel, rolled, ore) when `reports`
  std::vector<InputSpec> inputs;
  std::string supply_param;  // non-empty for an outside supply
  // Non-empty for a product sold outside (R9): what the works' own processes
  // do not use is offered to outside buyers, who take at most this parameter's
  // amount a year (< 0: all of it); the rest is stocked.
  std::string outside_demand_param;
  Param machine_t_per_kt;    // machine stock (t) per kt/yr of design capacity; removal events draw on it
  Param essential_items;     // essential items in series per production line (Pauley: one missing stops a line)
  Location where;
};

struct FacilitySpec {
  std::string id;
  std::string name;
  Stage stage = Stage::kPigIron;  // headline stage (from the process when `process` is given)
  std::string process;            // process id (legacy scenarios give only `stage`)
  Param capacity_t;  // annual capacity at full use, units of the process's product
  Month built;       // month it first produces (planned, before any delivery lag)
  std::string built_source;
  // Optional (FFYP programme, L2732-2747; R7 delivery lags, L2833-2867):
  Param investment_myuan;    // construction cost, million yuan (0 if not given)
  int construction_months = 24;  // spending spread over the months before commissioning
  Param import_share;        // share of its equipment imported (Soviet), late by `delivery_lag_months`
  Location where;
};

enum class EventKind : uint8_t {
  kFacilityDamage,   // share of a facility's capacity destroyed or removed
  kFacilityRepair,   // share restored, spread over `months`
  kFacilityIdle,     // stopped without damage (e.g. post-1920 slump)
  kFacilityRestart,  // back in use
  kRepatriate,       // share of an ethnic group leaves the city
  kSendBack,         // a drive returning jobless migrants to the countryside
  kSetParam,         // a parameter takes a new value from this month on
  kTransferOut,      // works employees sent to other enterprises or provinces (with households)
  kRemoval,          // tonnes of machinery removed from a set of facilities (machines only; foundations stay)
};

// Which stock of a facility a damage or repair event acts on (Takasaki,
// L1669-1677: foundations 60-70% of investment, machines 30-40%).
enum class Component : uint8_t { kAll, kFoundation, kMachines };

struct EventSpec {
  Month date;
  EventKind kind = EventKind::kSetParam;
  std::string target;  // facility id, ethnicity, or parameter name
  double share = 0.0;  // damage/repair/repatriate share
  int months = 1;      // repair duration
  double value = 0.0;  // kSetParam value; kSendBack / kTransferOut persons; kRemoval tonnes; kFacilityRepair million yuan
  std::string source;
  std::string note;
  std::string label;  // optional short name drawn on the charts (report, dashboard); "" = an unlabelled tick
  Location where;
  std::vector<std::string> targets;  // kRemoval: facility ids
  Component component = Component::kAll;  // damage/repair: which stock
};

struct RegimeSpec {
  std::string id;
  std::string name;
  Month start;
  std::string source;
  std::map<std::string, Param> params;  // overrides of [parameters]
  // false: the regime starts from [parameters] and sets its own values (the
  // default); true: it changes only the parameters it lists and the rest carry
  // on as they stood at its start (earlier regimes and set_param events).
  bool continues = false;
  Location where;
};

struct PopulationSeed {
  double chinese = 0, japanese = 0, korean = 0;
  std::string source;
};

// A politically set output target (policy input), by year and stage.
struct TargetSpec {
  int year = 0;
  int month = 1;  // in force from this month of `year` (a revision in the course of the year)
  Stage stage = Stage::kSteel;
  double value_t = 0;
  std::string by;  // who set it (e.g. "ministry", "city committee")
  std::string source;
  Location where;
};

// A political campaign: its months cost work time, change effort, and label people.
struct CampaignSpec {
  std::string id, name;
  Month start, end;
  double work_time_lost = 0;   // share of working time spent on meetings, study, rallies
  double effort_effect = 0;    // proportional change in effort while it runs (may be negative)
  // Selection (issue 22, regimes/campaigns.cpp): who can be reported and how hard.
  std::string switch_param;    // the rule switch (S(rule_campaign_...)) that turns the campaign off
  uint8_t scope = 0;           // 0 city (every adult in the labour force), 1 Angang, 2 works, 3 Angang-Construction
  uint32_t label_mask = 0;     // suspect labels (bit per ClassLabel); others weigh politics_good_label_weight
  uint32_t position_mask = 0;  // suspect occupations (bit per Occupation); 0: all occupations alike
  // With `position_weights` the campaign weighs each occupation itself (index Occupation: none,
  // production, technician, staff; an occupation left out weighs 0) instead of `positions` and
  // politics_other_position_weight.
  bool weighted_positions = false;
  double position_weight[4] = {0, 0, 0, 0};
  bool cautious = false;       // managers of units that drafted below the control figure weigh more
  bool informers = false;      // reports come from informers: a target needs politics_report_threshold of them
  double reports = 0;          // expected reports on a full-weight suspect over the whole campaign
  int label_as = -1;           // the label the targets receive (ClassLabel), -1 none
  double label_share = 1;      // share of the targets who receive it
  double killed_share = 0, dismissed_share = 0, demoted_share = 0;  // what happens to the targets
  std::string source;
  Location where;
};

struct Scenario {
  std::string file;  // path it came from ("<embedded>/scenarios/anshan.toml" for the default)
  std::string name;
  std::string title;
  Month start, end;
  uint64_t default_seed = 1;
  std::map<std::string, Param> parameters;  // defaults, by parameter name
  std::vector<RegimeSpec> regimes;           // chronological
  std::vector<ProcessSpec> processes;  // the chain; synthesized from the stages for legacy scenarios
  std::vector<FacilitySpec> facilities;
  std::vector<EventSpec> events;  // chronological
  PopulationSeed population;
  std::vector<TargetSpec> targets;      // by year
  std::vector<CampaignSpec> campaigns;  // by start
  std::string canonical_text;  // normalised TOML of the loaded (overridden) scenario, for hashing
  std::vector<std::string> warnings;  // "file:line:col: key: message" of accepted oddities (printed by the CLI)
};

// The named parameters every scenario must give, with their bounds and units.
struct ParamDef {
  const char* name;
  double min;
  double max;
  const char* unit;
  const char* meaning;
};
const std::vector<ParamDef>& param_defs();
const ParamDef* find_param_def(std::string_view name);  // nullptr for an unregistered name

// "key=value" overrides from the command line (--set), applied before checks.
struct Override {
  std::string key;
  std::string value;
};

// Loads and checks a scenario. Throws InputError on any problem.
Scenario load_scenario_file(const std::string& path, const std::vector<Override>& overrides = {});
Scenario load_scenario_text(const std::string& text, const std::string& file_label,
                            const std::vector<Override>& overrides = {});
// The default (Anshan) scenario compiled into the binary.
Scenario load_default_scenario(const std::vector<Override>& overrides = {});

}  // namespace gangdu
