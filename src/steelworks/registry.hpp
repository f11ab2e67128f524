#pragma once
// The facility registry: every unit of the works with its capacity and state.
#include <array>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace gangdu {

class BinWriter;
class BinReader;

class FacilityRegistry {
 public:
  explicit FacilityRegistry(const Scenario& sc);

  size_t size() const { return design_t_.size(); }
  int index(const std::string& id) const;  // -1 if absent

  // Applies this month's facility events and advances repairs in progress.
  void apply_events(const Scenario& sc, Month m);

  // Usable annual capacity of a unit this month (tonnes/yr).
  double usable_t(size_t i, Month m) const;
  // Usable and design capacity summed by stage (tonnes/yr), over units built by m.
  std::array<double, kStageCount> usable_by_stage(Month m) const;
  std::array<double, kStageCount> installed_by_stage(Month m) const;

  double damaged_share(size_t i) const { return damaged_[i]; }
  bool idle(size_t i) const { return idle_[i] != 0; }
  Stage stage(size_t i) const { return stage_[i]; }
  const std::string& id(size_t i) const { return id_[i]; }

  // Checkpoint: the mutable state (damage, idling, repairs, event cursor);
  // design data comes from the scenario (steelworks/registry_io.cpp).
  void save(BinWriter& out) const;
  void load(BinReader& in);

 private:
  std::vector<std::string> id_;
  std::vector<Stage> stage_;
  std::vector<double> design_t_;
  std::vector<Month> built_;
  std::vector<double> damaged_;        // share of design capacity out of use through damage
  std::vector<uint8_t> idle_;          // stopped without damage
  std::vector<double> repair_per_month_;
  std::vector<int> repair_months_left_;
  size_t next_event_ = 0;
};

}  // namespace gangdu
