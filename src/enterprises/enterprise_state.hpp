#pragma once
// State of the works' production units and accounts (planning and enterprise
// layers). One production unit per stage of the chain: the mines and ore
// dressing (0), the iron-making factory (1), the steel mills (2), the rolling
// mills (3).
#include <array>

#include "scenario/scenario.hpp"

namespace gangdu {

using StageArray = std::array<double, kStageCount>;

struct UnitsState {
  // Plan cycle (annual, set in January).
  StageArray control{};  // control figure from above (t/yr)
  StageArray draft{};    // the unit's draft (t/yr)
  StageArray target{};   // approved, balanced target (t/yr)
  StageArray balanced{};  // the balanced target before political targets (t/yr; base of mid-year revisions)
  // Monthly decisions and results.
  StageArray output_factor{1, 1, 1, 1};  // multiplies u x capacity in production (effort x supply)
  StageArray month_output{};              // true output this month (t)
  StageArray month_offgrade{};            // share of this month's output below first rate (R8, set by production)
  StageArray carry{};                     // hidden over-fulfilment banked for later reports (t)
  StageArray reported_year{};             // output reported upward this year (t)
  StageArray last_reported{};             // last year's reported output (t)
  StageArray supply_loss_year{};          // output lost to supply shortfalls this year (t, potential)
  StageArray restricted_year{};           // potential output withheld by quota restriction (t)
  // Inventory (R9).
  StageArray orders_year{};   // orders received this year (t)
  StageArray shipped_year{};  // orders filled this year (t)
  StageArray seconds_year{};  // below-grade output sold off-order this year (t)
  StageArray stock{};         // unsold finished stock (t)
  // Overdriving (R23, steelworks/overdrive.hpp): drive of each stage's processes this
  // month, the works-wide drive of the support processes, the share of maintenance skipped.
  StageArray drive{1, 1, 1, 1};
  double support_drive = 1;
  double maintenance_skip = 0;
  StageArray slack{};          // 1 - target / potential when targets sit below potential (repair crews free)
  StageArray inflated_year{};  // report inflation added this year (t, R23; enterprises/report_inflation.hpp)
  // Checkpointed (engine/checkpoint.cpp): list every new field here.
  template <class A>
  void fields(A& a) {
    a(control, draft, target, balanced, output_factor, month_output, month_offgrade, carry, reported_year, last_reported,
      supply_loss_year, restricted_year, orders_year, shipped_year, seconds_year, stock, drive, support_drive,
      maintenance_skip, slack, inflated_year);
  }
};

struct FinanceState {
  double revenue = 0, cost = 0, wage_bill = 0;  // this year (yuan)
  double planned_profit = 0;                     // this year's planned profit (yuan)
  double fixed_assets = 0;                       // gross fixed assets (yuan)
  double investment = 0;                         // this year (yuan)
  double overspend = 0;                          // this year's unapproved spending (yuan)
  double stock_value = 0;                        // unsold stock at material cost, last year end (yuan)
  bool assets_taken_over = false;
  // Checkpointed (engine/checkpoint.cpp): list every new field here.
  template <class A>
  void fields(A& a) {
    a(revenue, cost, wage_bill, planned_profit, fixed_assets, investment, overspend, stock_value, assets_taken_over);
  }
};

// Trained and untrained works employees (issue 19 item 5; enterprises/workforce.hpp).
struct WorkforceState {
  double employees = -1;  // works employees last month (persons; < 0: not yet counted)
  double trained = 0;     // of whom trained (persons)
  double mobilised = 0;   // employees away at the small furnaces this month (persons)
  double labour_factor = 1;  // effective / needed labour, capped at 1 (bounds output)
  double hours = 0;          // weekly hours worked this month (enterprises/overtime.hpp; 0: not yet set)
  template <class A>
  void fields(A& a) {  // checkpointed (engine/checkpoint.cpp)
    a(employees, trained, mobilised, labour_factor, hours);
  }
};

struct EnterpriseState {
  UnitsState units;
  FinanceState finance;
  WorkforceState workforce;
  template <class A>
  void fields(A& a) {
    a(units, finance, workforce);
  }
};

}  // namespace gangdu
