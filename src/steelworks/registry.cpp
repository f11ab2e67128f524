#include "steelworks/registry.hpp"

#include <algorithm>

namespace gangdu {

FacilityRegistry::FacilityRegistry(const Scenario& sc) {
  for (const FacilitySpec& f : sc.facilities) {
    id_.push_back(f.id);
    stage_.push_back(f.stage);
    design_t_.push_back(f.capacity_t.value);
    built_.push_back(f.built);
  }
  damaged_.assign(size(), 0.0);
  idle_.assign(size(), 0);
  repair_per_month_.assign(size(), 0.0);
  repair_months_left_.assign(size(), 0);
}

int FacilityRegistry::index(const std::string& id) const {
  auto it = std::find(id_.begin(), id_.end(), id);
  return it == id_.end() ? -1 : static_cast<int>(it - id_.begin());
}

void FacilityRegistry::apply_events(const Scenario& sc, Month m) {
  // Repairs in progress restore a fixed share for each month elapsed since the last call.
  const int elapsed = last_month_.index < 0 ? 1 : std::max(0, m.index - last_month_.index);
  last_month_ = m;
  for (size_t i = 0; i < size(); ++i) {
    const int steps = std::min(elapsed, repair_months_left_[i]);
    if (steps > 0) {
      damaged_[i] = std::max(0.0, damaged_[i] - steps * repair_per_month_[i]);
      repair_months_left_[i] -= steps;
    }
  }
  while (next_event_ < sc.events.size() && sc.events[next_event_].date <= m) {
    const EventSpec& e = sc.events[next_event_++];
    const int i = index(e.target);
    if (i < 0) continue;  // not a facility event
    const auto u = static_cast<size_t>(i);
    switch (e.kind) {
      case EventKind::kFacilityDamage:
        damaged_[u] = std::min(1.0, damaged_[u] + e.share * (1.0 - damaged_[u]));
        repair_months_left_[u] = 0;  // damage interrupts a repair in progress
        break;
      case EventKind::kFacilityRepair: {
        const double restore = std::min(e.share, damaged_[u]);
        repair_per_month_[u] = restore / e.months;
        repair_months_left_[u] = e.months;
        break;
      }
      case EventKind::kFacilityIdle: idle_[u] = 1; break;
      case EventKind::kFacilityRestart: idle_[u] = 0; break;
      default: break;
    }
  }
}

double FacilityRegistry::usable_t(size_t i, Month m) const {
  if (m < built_[i] || idle_[i]) return 0.0;
  return design_t_[i] * (1.0 - damaged_[i]);
}

std::array<double, kStageCount> FacilityRegistry::usable_by_stage(Month m) const {
  std::array<double, kStageCount> s{};
  for (size_t i = 0; i < size(); ++i) s[static_cast<size_t>(stage_[i])] += usable_t(i, m);
  return s;
}

std::array<double, kStageCount> FacilityRegistry::installed_by_stage(Month m) const {
  std::array<double, kStageCount> s{};
  for (size_t i = 0; i < size(); ++i)
    if (!(m < built_[i])) s[static_cast<size_t>(stage_[i])] += design_t_[i];
  return s;
}

}  // namespace gangdu
