#pragma once
// The facility registry: every unit of the works with its capacity and the
// state of its stocks.
//
// Each facility carries (all shares of design, 0..1):
//   F  foundation stock standing (buildings, water pipes, rail, L1513)
//   M  machine stock present
//   E  production lines complete, i.e. with every essential item (E <= M)
//   W  capacity impaired by wear (see wear_month)
// Usable capacity = design x min(F, E) x (1 - W) (Leontief over components).
// A removal of share s of the machines leaves F alone, sets M *= (1 - s) and
// E *= (1 - s)^k, k essential items in series per line: a small removal stops
// most lines (Pauley, L1511). "Restartable" capacity, what could run once the
// remaining parts were regrouped into complete lines (the Soviet officers'
// estimate, L1509), is design x min(F, M) x (1 - W).
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace gangdu {


// Impaired share at start of capacity built in `months` where `normal_months` is the normal
// construction time: rush_wear x (1 - months / normal_months), within [0, 1] (issue 19).
inline double rush_impairment(double rush_wear, double months, double normal_months) {
  if (!(normal_months > 0)) return 0.0;
  return std::clamp(rush_wear * std::max(0.0, 1.0 - months / normal_months), 0.0, 1.0);
}

class FacilityRegistry {
 public:
  explicit FacilityRegistry(const Scenario& sc);

  size_t size() const { return design_t_.size(); }
  int index(const std::string& id) const;  // -1 if absent

  // Applies this month's facility events and advances repairs in progress.
  // Removal tonnage is multiplied by `removal_scale` (0 = counterfactual without removals).
  // Repairs in progress advance `pace` of a month's work a month (issue 20: expert
  // coverage, people/expertise.hpp); a repair scripted over n months then takes n / pace.
  void apply_events(const Scenario& sc, Month m, double removal_scale = 1.0, double pace = 1.0);

  // Wear for one month: each facility of process p ran at intensity[p]
  // (output / design capacity). Impairment hazard h = h0 (i / u_design)^k on
  // the unimpaired share; maintenance restores `restore` of the impaired share.
  void wear_month(Month m, const std::vector<double>& intensity, double h0, double k, double u_design,
                  double restore);
  // Wear with repair limits (issue 19 item 4, steelworks/wear.hpp): as above, but the
  // repair shops restore at most `capacity` of the machine stock a month (<= 0: unlimited;
  // every unit gets its share), `boost[p]` multiplies the repair effort on process p (slack
  // crews, L5398), and a unit with imported equipment completes only the part of its repair
  // for which spare parts come: 1 - import_share x (1 - soviet_parts) x (1 - parts_domestic).
  struct WearInputs {
    double h0 = 0, k = 1, u_design = 1, restore = 0;
    double capacity = 0, soviet_parts = 1, parts_domestic = 1;
    const std::vector<double>* boost = nullptr;
  };
  // Returns the machine-weighted share of repair demand left undone this month.
  double wear_month(Month m, const std::vector<double>& intensity, const WearInputs& in);
  // Rushed construction (issue 19 item 1): a unit built in fewer than `normal_months`
  // starts impaired by rush_wear x (1 - months / normal_months).
  void rushed_start(Month m, double normal_months, double rush_wear);
  double import_share(size_t i) const { return import_share_[i]; }
  // Capacity of the programme's unlisted projects (steelworks/construction.hpp): `steel_t`
  // a year of steel capacity commissioned at month m with the chain behind it, spread over
  // every process in proportion to its design capacity built by m, starting with
  // `wear_share` impaired. Goes to one "expansion.<process>" unit per process.
  void expand(Month m, double steel_t, double wear_share);
  int construction_months(size_t i) const { return construction_months_[i]; }

  // Usable annual capacity of a unit this month (tonnes/yr).
  double usable_t(size_t i, Month m) const;
  double restartable_t(size_t i, Month m) const;
  bool built(size_t i, Month m) const { return !(m < built_[i]); }
  // Usable and design capacity summed by stage (tonnes/yr), over units built by m.
  // The ore stage is counted in tonnes of pig iron it supports (burden capacity
  // / the blast furnaces' burden coefficient), the unit the planners balance in.
  std::array<double, kStageCount> usable_by_stage(Month m) const;
  std::array<double, kStageCount> installed_by_stage(Month m) const;
  // Usable capacity summed by process (units/yr).
  void usable_by_process(Month m, std::vector<double>& out) const;

  double damaged_share(size_t i) const;  // 1 - min(F, E)
  bool idle(size_t i) const { return idle_[i] != 0; }
  Stage stage(size_t i) const { return stage_[i]; }
  bool reports(size_t i) const { return reports_[i] != 0; }
  size_t process(size_t i) const { return process_[i]; }
  const std::string& id(size_t i) const { return id_[i]; }
  double design_t(size_t i) const { return design_t_[i]; }
  double machine_t(size_t i) const { return machine_t_[i]; }
  double foundation(size_t i) const { return found_[i]; }
  double machines(size_t i) const { return mach_[i]; }
  double lines(size_t i) const { return lines_[i]; }
  double wear(size_t i) const { return wear_[i]; }
  // Machine tonnes removed so far (all removal events).
  double removed_t() const { return removed_t_; }
  // Capital spending this month (million yuan): construction of units being
  // built and repairs in progress that carry an investment.
  double investment_myuan(Month m) const;
  // Month a unit first produces: planned `built` plus the delivery lag of its
  // imported equipment, L x (1 - (1 - import_share)^k), k essential items.
  Month commissioned(size_t i) const { return built_[i]; }
  // A start-up postponed (issue 20: no experts to launch it, people/expertise.hpp).
  void delay_commissioning(size_t i, Month to) { built_[i] = std::max(built_[i], to); }
  // Construction cost of unit i (M yuan; 0 when the scenario gives none).
  double unit_investment_myuan(size_t i) const { return invest_myuan_[i]; }
  // One of the programme's expansion units (expand()), not a listed facility.
  bool expansion_unit(size_t i) const {
    return process_[i] < expansion_of_.size() && expansion_of_[process_[i]] == static_cast<int>(i);
  }


  // Checkpointed state (engine/checkpoint.cpp): list every new field here.
  template <class A>
  void fields(A& a) {
    a(id_, stage_, reports_, process_, design_t_, machine_t_, essential_, stage_scale_, built_, found_, mach_, lines_,
      wear_, idle_, rep_found_, rep_mach_, rep_lines_, repair_months_left_, invest_myuan_, construction_months_,
      rep_invest_, removed_t_, next_event_, last_month_, import_share_, expansion_of_);
  }

 private:
  void repair_step(size_t u, double pace);
  std::vector<std::string> id_;
  std::vector<Stage> stage_;
  std::vector<uint8_t> reports_;
  std::vector<size_t> process_;
  std::vector<double> design_t_;
  std::vector<double> machine_t_;   // machine stock at full strength, t
  std::vector<double> essential_;   // essential items per line
  std::vector<double> stage_scale_; // headline-stage units per unit of product (ore: 1 / burden per t pig iron)
  std::vector<Month> built_;
  std::vector<double> found_, mach_, lines_, wear_;
  std::vector<uint8_t> idle_;       // stopped without damage
  // Repair in progress: per-month restoration of each stock.
  std::vector<double> rep_found_, rep_mach_, rep_lines_;
  std::vector<double> repair_months_left_;  // months of repair work left at full pace
  std::vector<double> invest_myuan_;       // construction cost
  std::vector<int> construction_months_;
  std::vector<double> rep_invest_;         // repair spending per month while repairing
  std::vector<double> import_share_;       // share of its equipment imported (spare parts from abroad)
  std::vector<int> expansion_of_;           // by process: index of its expansion unit (-1: none)
  double removed_t_ = 0;
  size_t next_event_ = 0;
  Month last_month_{-1};
};

}  // namespace gangdu
