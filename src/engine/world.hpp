#pragma once
// The state of one run: every layer's state and the shared clock, parameters
// and random streams. Rules are free functions that take the World.
#include <array>
#include <cstdint>
#include <vector>

#include "core/clock.hpp"
#include "core/rng.hpp"
#include "enterprises/enterprise_state.hpp"
#include "outputs/recorder.hpp"
#include "people/population.hpp"
#include "regimes/timeline.hpp"
#include "scenario/scenario.hpp"
#include "steelworks/registry.hpp"

namespace gangdu {

struct RunOptions {
  uint64_t seed = 1;
  double scale = 1.0;  // agents per person: 0.1 = one agent stands for ten persons
  // Parameters held fixed for the whole run (e.g. {"rule_ratchet", 0} to switch a rule off).
  std::vector<std::pair<std::string, double>> forced;
};

// Handles of the series every run writes (see docs/ODD.md, "Outputs").
struct SeriesHandles {
  int pig_iron, steel, rolled;
  int cap_ore, cap_pig_iron, cap_steel, cap_rolled, cap_installed_pig_iron;
  int impaired_share;
  int employees, recruited, laid_off;
  int population, pop_chinese, pop_japanese, pop_korean;
  int births, deaths, migrants_in, migrants_out, sent_back, repatriated, jobless, city_jobs, households;
  int plan_target_pig, plan_target_steel, plan_target_rolled;
  int plan_fulfil_pig, plan_fulfil_steel, plan_fulfil_rolled;
  int regime_index;
  // planning and enterprise layers
  int plan_control_pig, plan_control_steel, plan_control_rolled;
  int plan_draft_pig, plan_draft_steel, plan_draft_rolled;
  int plan_reported_pig, plan_reported_steel, plan_reported_rolled;
  int finished_stock, pig_iron_stock, order_fulfilment, supply_loss, restricted_output;
  int profit, profit_retained_share, profit_retained, investment, fixed_assets, revenue, costs, overspend;
};

struct PlanState {
  bool active = false;
  std::array<double, kStageCount> target{};     // annual targets, t
  std::array<double, kStageCount> last_output{};  // last year's output, t
  std::array<double, kStageCount> year_output{};  // output so far this year, t
};

struct Repatriation {
  Ethnicity who;
  double monthly_probability;
  int months_left;
};

struct World {
  World(const Scenario& scenario, const RunOptions& options);

  const Scenario& sc;
  RunOptions opt;
  double weight;  // persons per agent = 1 / scale
  Clock clock;
  ParamTable params;
  RegimeTimeline regimes;
  FacilityRegistry facilities;
  Population people;
  std::vector<uint64_t> household_head;  // person id heading each household
  std::vector<uint8_t> household_leaving;  // scratch: households leaving this month
  Recorder rec;
  SeriesHandles v{};
  PlanState plan;
  EnterpriseState ent;
  std::vector<Repatriation> repatriations;
  size_t next_population_event = 0;

  // Derived each month.
  std::array<double, kStageCount> usable{}, installed{};
  double works_demand = 0;  // persons
  double city_demand = 0;   // persons
  size_t peak_agents = 0;
  double persons_per_woman = 4.0;  // persons per woman aged 15-49, last month (for the birth rule)

  uint64_t key_deaths, key_births, key_labour, key_leave, key_events, key_units;
  rng::Stream migration_stream, household_stream, event_stream;

  double p(const char* name) const { return params.get(name); }
  int32_t now() const { return clock.now().index; }
  int year() const { return clock.now().year(); }
};

}  // namespace gangdu
