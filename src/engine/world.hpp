#pragma once
// The state of one run: every layer's state and the shared clock, parameters
// and random streams. Rules are free functions that take the World.
#include <array>
#include <cstdint>
#include <vector>

#include "core/clock.hpp"
#include "core/rng.hpp"
#include "enterprises/enterprise_state.hpp"
#include "enterprises/units_state.hpp"
#include "city/housing_state.hpp"
#include "outputs/recorder.hpp"
#include "people/sd_state.hpp"
#include "people/expertise.hpp"
#include "people/population.hpp"
#include "regimes/politics_state.hpp"
#include "regimes/timeline.hpp"
#include "scenario/scenario.hpp"
#include "steelworks/registry.hpp"
#include "steelworks/state.hpp"

namespace gangdu {

struct RunOptions {
  uint64_t seed = 1;
  double scale = 1.0;  // agents per person: 0.1 = one agent stands for ten persons
  // Parameters held fixed for the whole run (e.g. {"rule_ratchet", 0} to switch a rule off).
  std::vector<std::pair<std::string, double>> forced;
  // Threads for the per-person passes of this one run (issue 23); outputs do not depend on
  // it. Runs of an ensemble keep 1: the ensemble's own threads use the cores.
  unsigned threads = 1;
};

// Handles of series that rules write directly (their declarations: model.cpp,
// planning/plan_outputs.cpp, enterprises/finance.cpp). Series computed from
// the state at year end or from a month's tallies need no handle: they are
// one row of engine/schedule.cpp (year_end_outputs, month_flow_outputs).
// Handles are rebuilt by declaration on resume, not checkpointed; alignas(8)
// keeps World's size change equal to theirs (engine/checkpoint.cpp).
struct alignas(8) SeriesHandles {
  int pig_iron, steel, rolled;
  int plan_target_pig, plan_target_steel, plan_target_rolled;
  int plan_fulfil_pig, plan_fulfil_steel, plan_fulfil_rolled;
  int plan_control_pig, plan_control_steel, plan_control_rolled;
  int plan_draft_pig, plan_draft_steel, plan_draft_rolled;
  int plan_reported_pig, plan_reported_steel, plan_reported_rolled;
  int political_target_steel;
  int profit, profit_planned, profit_retained_share, profit_retained, investment, fixed_assets, revenue, costs,
      overspend;
};

// Handles of the people-layer series (issue 5; declared in people/people_outputs.cpp).
struct alignas(8) PeopleSeries {
  int production_workers, technicians, staff, production_share, technician_share, staff_share;
  int wage_production, wage_technician, wage_staff, construction_employees;
  int industrial_workers, construction_workers;
  int housing_m2, housing_works_m2, housing_city_m2, housing_private_m2, housing_selfbuilt_m2;
  int living_space, works_floor_built_total, families_in_works_housing, families_sharing;
  int employees_unhoused, households_unhoused, households_count, mean_household_size;
  int unregistered, sd_population, sd_jobless, sd_housing_m2, sd_living_space, sd_migrants_in, sd_employees;
  int sd_japanese, sd_korean, sd_sent_back;
};

// Month-to-month state of the people layer that is not per person.
struct PeopleState {
  double wage_scale = 0;        // yuan/yr of a grade-1 production worker
  double wage_scale_param = -1;  // last wage_scale_yuan seen (a regime switch resets the scale)
  double vacancy_signal = 0;    // share of jobs open last month (pull of blind inflow)
  double avg_production_wage = 0;  // yuan/yr, Angang production workers, last month
  int64_t promoted = 0;         // promotions this month (agents)
  int64_t blind_in = 0;         // blind migrants (persons, agents) this month
  // Technician/worker wage ratio in force (glides to wage_technician_premium; 0: not yet set).
  double technician_premium = 0;
  // Checkpointed (engine/checkpoint.cpp): list every new field here.
  template <class A>
  void fields(A& a) {
    a(wage_scale, wage_scale_param, vacancy_signal, avg_production_wage, promoted, blind_in, technician_premium);
  }
};

// A recruited worker's family still in the home village (rule "families follow",
// people/family_follow.hpp): who joins the household when it comes.
struct WaitingFamily {
  uint32_t household = 0;
  int32_t head_birth_month = 0;
  uint8_t head_sex = 0, ethnicity = 0, hukou = 0, label = 0, origin = 0;
  uint8_t pad_[3] = {};  // explicit, zeroed padding (copied whole into checkpoints, as Repatriation's)
  template <class A>
  void fields(A& a) {  // checkpointed (engine/checkpoint.cpp)
    a(household, head_birth_month, head_sex, ethnicity, hukou, label, origin);
  }
};

struct PlanState {
  bool active = false;
  std::array<double, kStageCount> target{};     // annual targets, t
  std::array<double, kStageCount> last_output{};  // last year's output, t
  std::array<double, kStageCount> year_output{};  // output so far this year, t
  template <class A>
  void fields(A& a) {  // checkpointed (engine/checkpoint.cpp)
    a(active, target, last_output, year_output);
  }
};

struct Repatriation {
  Ethnicity who;
  // Explicit, zeroed padding: checkpoints copy this struct's bytes whole, and padding the
  // compiler left uninitialised made two identical runs' checkpoints differ (issue 23).
  uint8_t pad_[7] = {};
  double monthly_probability;
  int months_left;
  int32_t pad2_ = 0;
  template <class A>
  void fields(A& a) {  // checkpointed (engine/checkpoint.cpp)
    a(who, monthly_probability, months_left);
  }
};

struct World {
  World(const Scenario& scenario, const RunOptions& options);
  World(const World&) = delete;  // P refers into this World's own params
  World& operator=(const World&) = delete;

  const Scenario& sc;
  RunOptions opt;
  double weight;  // persons per agent = 1 / scale
  Clock clock;
  ParamTable params;  // by name: regimes, events and tools change values here
  const Params& P;    // typed view of params (bound on every change): what the monthly code reads
  RegimeTimeline regimes;
  FacilityRegistry facilities;
  SteelState steel;  // process chain, flows, bottlenecks (steelworks layer)
  Population people;
  std::vector<uint64_t> household_head;  // person id heading each household
  std::vector<uint8_t> household_leaving;  // scratch: households leaving this month
  int64_t households_marked = 0;  // how many are marked in household_leaving (0: nothing to remove)
  Recorder rec;
  SeriesHandles v{};
  std::vector<int> table_series;  // handles of the schedule tables' series (declare_table_series)
  PlanState plan;
  EnterpriseState ent;
  std::vector<Repatriation> repatriations;
  size_t next_population_event = 0;
  // People layer (issue 5).
  PeopleSeries pv{};
  PeopleState ps;
  HousingState housing;
  SdState sd;
  std::vector<uint8_t> household_employer, household_band;  // scratch, recomputed each month
  std::vector<uint32_t> live_households;  // households with members (pruned of empty ones each December)
  std::vector<WaitingFamily> waiting_families;  // families of recruits still in the village, in arrival order
  uint64_t key_people = 0, key_housing = 0;

  // Derived each month.
  std::array<double, kStageCount> usable{}, installed{};
  double works_demand = 0;  // persons
  double city_demand = 0;   // persons
  double construction_demand = 0;  // persons (Angang-Construction)
  size_t peak_agents = 0;
  double persons_per_woman = 4.0;  // persons per woman aged 15-49, last month (for the birth rule)

  // People as factors of production (issue 20): new state members below.
  ExpertiseState expertise;  // expert stock, coverage, pace, skill index (people/expertise.hpp)
  ExpertiseSeries xv{};      // its series handles (rebuilt by declaration on resume)

  //

  // Production units and incentives (issue 21): new state members below.
  UnitStore prod_units;  // the production units as agents (enterprises/units.hpp)

  //

  // Politics (issue 22): new state members below.
  PoliticsState pol;
  PoliticsSeries pol_series;

  uint64_t key_deaths, key_births, key_labour, key_leave, key_events, key_units;
  rng::Stream migration_stream, household_stream, event_stream;

  // Everything that carries from one month to the next, for checkpoints
  // (engine/checkpoint.cpp). Not listed because rebuilt from the scenario,
  // seed and month on resume: sc, opt, weight, clock, params (and P) and regimes
  // (replayed month by month), the series handles v/pv/xv/table_series and the draw keys.
  // A new member of World that changes during a run goes in this list.
  template <class A>
  void fields(A& a) {
    a(facilities, steel, people, household_head, household_leaving, households_marked, rec, plan, ent, repatriations,
      next_population_event, ps, housing, sd, household_employer, household_band, live_households, waiting_families,
      usable, installed, works_demand, city_demand, construction_demand, peak_agents, persons_per_woman,
      migration_stream, household_stream, event_stream);
    // issue 20 (people as factors): a(...) of its new members below.
    a(expertise);

    // issue 21 (production units): a(...) of its new members below.
    a(prod_units);

    // issue 22 (politics): a(...) of its new members below.
    a(pol);
  }

  int32_t now() const { return clock.now().index; }
  int year() const { return clock.now().year(); }
};

}  // namespace gangdu
