#include "steelworks/registry.hpp"

#include <algorithm>
#include <cmath>

namespace gangdu {

FacilityRegistry::FacilityRegistry(const Scenario& sc) {
  // Tonnes of ore-stage product per tonne of pig iron: the input coefficient of
  // a pig-iron process on a product made by an ore-stage process.
  double ore_per_pig = 1.0;
  for (const ProcessSpec& p : sc.processes) {
    if (!p.reports || p.stage != Stage::kPigIron) continue;
    for (const InputSpec& in : p.inputs)
      for (const ProcessSpec& q : sc.processes)
        if (q.reports && q.stage == Stage::kOre && q.product == in.product && in.per_t.value > 0)
          ore_per_pig = in.per_t.value;
  }
  for (const FacilitySpec& f : sc.facilities) {
    id_.push_back(f.id);
    stage_.push_back(f.stage);
    design_t_.push_back(f.capacity_t.value);
    size_t p = 0;
    for (size_t j = 0; j < sc.processes.size(); ++j)
      if (sc.processes[j].id == f.process) p = j;
    process_.push_back(p);
    const ProcessSpec* ps = p < sc.processes.size() ? &sc.processes[p] : nullptr;
    reports_.push_back(ps && ps->reports ? 1 : 0);
    machine_t_.push_back(ps ? f.capacity_t.value / 1000.0 * ps->machine_t_per_kt.value : 0.0);
    essential_.push_back(ps ? std::max(1.0, ps->essential_items.value) : 1.0);
    stage_scale_.push_back(f.stage == Stage::kOre ? 1.0 / ore_per_pig : 1.0);
    // Delivery lag (R7): the plant waits for its last essential item; each is
    // imported with probability import_share and then arrives lag months late.
    const auto lag_it = sc.parameters.find("delivery_lag_months");
    const double lag = lag_it == sc.parameters.end() ? 0.0 : lag_it->second.value;
    const double late = 1.0 - std::pow(1.0 - std::clamp(f.import_share.value, 0.0, 1.0), essential_.back());
    built_.push_back(Month{f.built.index + static_cast<int32_t>(std::lround(lag * late))});
    invest_myuan_.push_back(f.investment_myuan.value);
    construction_months_.push_back(std::max(1, f.construction_months));
    import_share_.push_back(std::clamp(f.import_share.value, 0.0, 1.0));
  }
  // One expansion unit per process that has a facility: it starts with no capacity and
  // grows as the programme's unlisted projects are commissioned (expand()).
  expansion_of_.assign(sc.processes.size(), -1);
  const size_t listed = size();
  for (size_t i = 0; i < listed; ++i) {
    const size_t p = process_[i];
    if (p >= sc.processes.size() || expansion_of_[p] >= 0) continue;
    expansion_of_[p] = static_cast<int>(size());
    id_.push_back("expansion." + sc.processes[p].id);
    stage_.push_back(stage_[i]);
    design_t_.push_back(0.0);
    process_.push_back(p);
    reports_.push_back(reports_[i]);
    machine_t_.push_back(0.0);
    essential_.push_back(essential_[i]);
    stage_scale_.push_back(stage_scale_[i]);
    Month first = built_[i];  // "built" with the process's first unit (bottleneck tallies count built processes)
    for (size_t j = 0; j < listed; ++j)
      if (process_[j] == p && built_[j] < first) first = built_[j];
    built_.push_back(first);
    invest_myuan_.push_back(0.0);
    construction_months_.push_back(24);
    import_share_.push_back(0.0);
  }
  rep_invest_.assign(size(), 0.0);
  found_.assign(size(), 1.0);
  mach_.assign(size(), 1.0);
  lines_.assign(size(), 1.0);
  wear_.assign(size(), 0.0);
  idle_.assign(size(), 0);
  rep_found_.assign(size(), 0.0);
  rep_mach_.assign(size(), 0.0);
  rep_lines_.assign(size(), 0.0);
  repair_months_left_.assign(size(), 0.0);
}

int FacilityRegistry::index(const std::string& id) const {
  auto it = std::find(id_.begin(), id_.end(), id);
  return it == id_.end() ? -1 : static_cast<int>(it - id_.begin());
}

void FacilityRegistry::repair_step(size_t i, double pace) {
  const double d = std::min(pace, repair_months_left_[i]);
  found_[i] = std::min(1.0, found_[i] + rep_found_[i] * d);
  mach_[i] = std::min(1.0, mach_[i] + rep_mach_[i] * d);
  lines_[i] = std::min(mach_[i], lines_[i] + rep_lines_[i] * d);
  repair_months_left_[i] = d < repair_months_left_[i] ? repair_months_left_[i] - d : 0.0;
}

void FacilityRegistry::apply_events(const Scenario& sc, Month m, double removal_scale, double pace) {
  // Repairs in progress restore a fixed share of each stock for each month
  // elapsed since the last call.
  const int elapsed = last_month_.index < 0 ? 1 : std::max(0, m.index - last_month_.index);
  last_month_ = m;
  for (size_t i = 0; i < size(); ++i)
    for (int k = 0; k < elapsed && repair_months_left_[i] > 0; ++k) repair_step(i, std::clamp(pace, 1e-6, 1.0));
  while (next_event_ < sc.events.size() && sc.events[next_event_].date <= m) {
    const EventSpec& e = sc.events[next_event_++];
    if (e.kind == EventKind::kRemoval) {
      // Tonnes spread over the listed units in proportion to the machines they still hold.
      double stock = 0;
      for (const std::string& id : e.targets) {
        const int i = index(id);
        if (i >= 0) stock += machine_t_[static_cast<size_t>(i)] * mach_[static_cast<size_t>(i)];
      }
      const double tons = e.value * removal_scale;
      if (stock <= 0 || tons <= 0) continue;
      const double s = std::min(1.0, tons / stock);
      removed_t_ += std::min(tons, stock);
      for (const std::string& id : e.targets) {
        const int ii = index(id);
        if (ii < 0) continue;
        const auto i = static_cast<size_t>(ii);
        mach_[i] *= 1.0 - s;
        lines_[i] = std::min(mach_[i], lines_[i] * std::pow(1.0 - s, essential_[i]));
        repair_months_left_[i] = 0.0;
      }
      continue;
    }
    const int i = index(e.target);
    if (i < 0) continue;  // not a facility event
    const auto u = static_cast<size_t>(i);
    const bool fnd = e.component != Component::kMachines;
    const bool mch = e.component != Component::kFoundation;
    switch (e.kind) {
      case EventKind::kFacilityDamage:
        if (fnd) found_[u] *= 1.0 - e.share;
        if (mch) {
          mach_[u] *= 1.0 - e.share;
          lines_[u] = std::min(mach_[u], lines_[u] * (1.0 - e.share));
        }
        repair_months_left_[u] = 0.0;  // damage interrupts a repair in progress
        break;
      case EventKind::kFacilityRepair: {
        const double n = static_cast<double>(e.months);
        rep_found_[u] = fnd ? std::min(e.share, 1.0 - found_[u]) / n : 0.0;
        rep_mach_[u] = mch ? std::min(e.share, 1.0 - mach_[u]) / n : 0.0;
        rep_lines_[u] = mch ? std::min(e.share, 1.0 - lines_[u]) / n : 0.0;
        rep_invest_[u] = e.value / n;
        repair_months_left_[u] = static_cast<double>(e.months);
        break;
      }
      case EventKind::kFacilityIdle: idle_[u] = 1; break;
      case EventKind::kFacilityRestart: idle_[u] = 0; break;
      default: break;
    }
  }
}

void FacilityRegistry::wear_month(Month m, const std::vector<double>& intensity, double h0, double k, double u_design,
                                  double restore) {
  // The rule without repair limits: unlimited shops, every part on hand.
  WearInputs in;
  in.h0 = h0;
  in.k = k;
  in.u_design = u_design;
  in.restore = restore;
  wear_month(m, intensity, in);
}

double FacilityRegistry::wear_month(Month m, const std::vector<double>& intensity, const WearInputs& in) {
  // Repair demand: what each unit's crews would restore at the per-unit rate. The shops
  // are booked for it whether or not the parts come: a unit waiting for imported parts
  // holds its crew (its repair is lost, not handed to another unit).
  double demand = 0, stock = 0;
  for (size_t i = 0; i < size(); ++i) {
    if (m < built_[i]) continue;
    stock += machine_t_[i];
    const double boost = in.boost ? (*in.boost)[process_[i]] : 1.0;
    demand += machine_t_[i] * wear_[i] * std::min(1.0, in.restore * boost);
  }
  const double cap = in.capacity > 0 ? in.capacity * stock : demand;
  const double done = demand > cap && demand > 0 ? cap / demand : 1.0;
  for (size_t i = 0; i < size(); ++i) {
    if (m < built_[i]) continue;
    const double x = idle_[i] ? 0.0 : intensity[process_[i]];
    const double h = x > 0 ? std::min(1.0, in.h0 * std::pow(x / in.u_design, in.k)) : 0.0;
    const double parts = 1.0 - import_share_[i] * (1.0 - in.soviet_parts) * (1.0 - in.parts_domestic);
    const double boost = in.boost ? (*in.boost)[process_[i]] : 1.0;
    const double r = std::min(1.0, in.restore * boost) * done * parts;
    wear_[i] = std::clamp(wear_[i] + h * (1.0 - wear_[i]) - r * wear_[i], 0.0, 1.0);
  }
  return 1.0 - done;
}

void FacilityRegistry::expand(Month m, double steel_t, double wear_share) {
  if (!(steel_t > 0)) return;
  std::vector<double> by_process(expansion_of_.size(), 0.0), machines(expansion_of_.size(), 0.0);
  double steel = 0;
  for (size_t i = 0; i < size(); ++i) {
    if (m < built_[i]) continue;
    by_process[process_[i]] += design_t_[i];
    machines[process_[i]] += machine_t_[i];
    if (reports_[i] && stage_[i] == Stage::kSteel) steel += design_t_[i];
  }
  if (!(steel > 0)) return;
  const double g = steel_t / steel;  // growth of every process's capacity
  for (size_t p = 0; p < expansion_of_.size(); ++p) {
    const int e = expansion_of_[p];
    if (e < 0 || !(by_process[p] > 0)) continue;
    const auto u = static_cast<size_t>(e);
    const double add = g * by_process[p], old = design_t_[u];
    wear_[u] = old + add > 0 ? (old * wear_[u] + add * std::clamp(wear_share, 0.0, 1.0)) / (old + add) : 0.0;
    design_t_[u] += add;
    machine_t_[u] += g * machines[p];
  }
}

void FacilityRegistry::rushed_start(Month m, double normal_months, double rush_wear) {
  for (size_t i = 0; i < size(); ++i) {
    if (built_[i].index != m.index) continue;
    wear_[i] = std::max(wear_[i], rush_impairment(rush_wear, construction_months_[i], normal_months));
  }
}

double FacilityRegistry::investment_myuan(Month m) const {
  double sum = 0;
  for (size_t i = 0; i < size(); ++i) {
    if (invest_myuan_[i] > 0 && m < built_[i] && !(m.index < built_[i].index - construction_months_[i]))
      sum += invest_myuan_[i] / construction_months_[i];
    if (repair_months_left_[i] > 0) sum += rep_invest_[i];
  }
  return sum;
}

double FacilityRegistry::usable_t(size_t i, Month m) const {
  if (m < built_[i] || idle_[i]) return 0.0;
  return design_t_[i] * std::min(found_[i], lines_[i]) * (1.0 - wear_[i]);
}

double FacilityRegistry::restartable_t(size_t i, Month m) const {
  if (m < built_[i]) return 0.0;
  return design_t_[i] * std::min(found_[i], mach_[i]) * (1.0 - wear_[i]);
}

double FacilityRegistry::damaged_share(size_t i) const { return 1.0 - std::min(found_[i], lines_[i]); }

std::array<double, kStageCount> FacilityRegistry::usable_by_stage(Month m) const {
  std::array<double, kStageCount> s{};
  for (size_t i = 0; i < size(); ++i)
    if (reports_[i]) s[static_cast<size_t>(stage_[i])] += usable_t(i, m) * stage_scale_[i];
  return s;
}

std::array<double, kStageCount> FacilityRegistry::installed_by_stage(Month m) const {
  std::array<double, kStageCount> s{};
  for (size_t i = 0; i < size(); ++i)
    if (reports_[i] && !(m < built_[i])) s[static_cast<size_t>(stage_[i])] += design_t_[i] * stage_scale_[i];
  return s;
}

void FacilityRegistry::usable_by_process(Month m, std::vector<double>& out) const {
  std::fill(out.begin(), out.end(), 0.0);
  for (size_t i = 0; i < size(); ++i)
    if (process_[i] < out.size()) out[process_[i]] += usable_t(i, m);
}

}  // namespace gangdu
