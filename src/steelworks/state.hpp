#pragma once
// Run state of the steel works beyond the facility registry: the process
// chain, this month's flows, bottleneck tallies and the series handles of the
// steelworks layer.
#include <string>
#include <vector>

#include "steelworks/chain.hpp"

namespace gangdu {

struct BottleneckRow {
  int year;
  std::string unit;
  double share;
  template <class A>
  void fields(A& a) {
    a(year, unit, share);
  }
};

struct SteelState {
  explicit SteelState(const Scenario& sc);

  Chain chain;
  Chain::Flows flows;
  std::vector<double> cap_year;   // usable capacity by process, units/yr
  std::vector<double> cap_month;  // this month's operating capacity by process
  std::vector<double> params;     // values of chain.param_names() this month
  std::vector<double> intensity;  // output / usable capacity by process, last month
  std::vector<uint8_t> built;     // by process: some facility built (this month)
  std::vector<double> bind_tally;  // by unit (chain units, then "operation_halted"), this year
  std::vector<BottleneckRow> bottlenecks;  // closed years
  std::vector<double> product_stock;       // by product: unsold stock of a product sold outside
  std::vector<double> repair_boost;        // by process: repair effort multiplier this month (scratch, wear.cpp)
  double expansion_wip_t = 0;              // steel capacity under construction (t/yr, steelworks/construction.hpp)

  // Series handles.
  int unusable = -1, sf_iron = -1, sf_steel = -1, sf_unusable = -1;
  int restartable_pig = -1, restartable_steel = -1, wear_share = -1;
  int machine_share = -1, foundation_share = -1, asset_value_share = -1, removed_t = -1, investment = -1;
  int ratio_steel_pig = -1, ratio_rolled_steel = -1, pig_surplus = -1, operation_rate_pig = -1;
  // The Leap as mechanisms (issue 19).
  int repair_backlog = -1, maintenance_skipped = -1, drive_pig = -1, drive_steel = -1, drive_support = -1;
  int labour_factor = -1, employees_trained = -1, sf_mobilised = -1, sf_from_works = -1, hours_week = -1;
  int reported_pig = -1, reported_steel = -1, inflation_steel = -1;
  int under_construction = -1, commissioned = -1;
  std::vector<int> process_output;  // angang.output.<process>
  std::vector<int> product_stock_series;  // angang.stock.<product>, -1 if not sold outside
  std::vector<int> product_sold_series;   // angang.sold_outside.<product>, -1 if not sold outside

  // Checkpointed state (engine/checkpoint.cpp); the chain and series handles
  // are rebuilt from the scenario. List every new state field here.
  template <class A>
  void fields(A& a) {
    a(flows, cap_year, cap_month, params, intensity, built, bind_tally, bottlenecks, product_stock, repair_boost,
      expansion_wip_t);
  }
};

}  // namespace gangdu
