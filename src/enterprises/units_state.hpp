#pragma once
// State of the production units (issue 21; enterprises/units.hpp describes the rules).
#include <cstdint>
#include <string>
#include <vector>

namespace gangdu {

// Structure-of-arrays store of the units (World::prod_units; checkpointed).
struct UnitStore {
  std::vector<std::string> id;
  std::vector<int32_t> supplier;      // index of the supplier unit, -1 none
  std::vector<int32_t> stage;         // headline stage of its reporting processes, -1 support
  std::vector<int32_t> of_process;    // by chain process: owning unit, -1 none
  std::vector<double> asset_share;    // share of the works' machine tonnage (the accounts' key)
  std::vector<double> potential;      // this year's potential at normal use (own units/yr)
  std::vector<double> target;         // this year's target (own units/yr)
  std::vector<double> output_year;    // made this year (own units)
  std::vector<double> short_in_year;  // output lost this year to a supplier unit's short delivery
  std::vector<double> short_out_year; // output other units lost this year to this unit's short delivery
  std::vector<double> cooperation;    // cooperation it gives its downstream units this year (R4)
  std::vector<double> coverage;       // expected coverage of losses (the budget constraint as belief)
  std::vector<double> shortfall_freq; // share of months with a shortfall of its inputs (learned)
  std::vector<double> hoard_target;   // months of inputs it wants in store
  std::vector<double> hoard;          // months of inputs in store
  std::vector<double> hoard_yuan;     // value of the store (yuan)
  std::vector<double> credit;         // bank credit outstanding (yuan, R11)
  std::vector<double> wage_fund;      // wage fund of the year (yuan)
  std::vector<double> bonus_fund;     // bonus and reward fund of the year (yuan)
  std::vector<double> profit;         // profit of the year at the works' prices (yuan)
  std::vector<int32_t> misses;        // plans missed so far
  bool primed = false;                // beliefs set from the first plan regime
  template <class A>
  void fields(A& a) {
    a(id, supplier, stage, of_process, asset_share, potential, target, output_year, short_in_year, short_out_year,
      cooperation, coverage, shortfall_freq, hoard_target, hoard, hoard_yuan, credit, wage_fund, bonus_fund,
      profit, misses, primed);
  }
  // Series handles (rebuilt by declare_unit_series, not checkpointed): unit x quantity, then the totals.
  std::vector<int> series;
  int total_hoard = -1, total_broken = -1, mean_coverage = -1, overfulfil = -1, hide = -1, shading = -1,
      hidden_steel = -1;
  size_t size() const { return id.size(); }
};

}  // namespace gangdu
