#include "regimes/timeline.hpp"

#include <stdexcept>
#include <string_view>

namespace gangdu {
namespace {
size_t index_of(std::string_view name) {
  const ParamDef* d = find_param_def(name);
  if (!d) throw std::out_of_range("unregistered parameter '" + std::string(name) + "'");
  return static_cast<size_t>(d - param_defs().data());
}
}  // namespace

ParamTable::ParamTable(const Scenario& sc) {
  for (const ParamDef& d : param_defs()) base_.push_back(sc.parameters.at(d.name).value);
  cur_ = base_;
  bind_params(typed_, cur_);
}
double ParamTable::get(std::string_view name) const { return cur_[index_of(name)]; }
void ParamTable::set(std::string_view name, double v) {
  cur_[index_of(name)] = v;
  apply_forced();
}
void ParamTable::reset_to_base() {
  cur_ = base_;
  apply_forced();
}
void ParamTable::force(std::string_view name, double v) {
  forced_.emplace_back(index_of(name), v);
  apply_forced();
}
void ParamTable::apply_forced() {
  for (const auto& [i, v] : forced_) cur_[i] = v;
  bind_params(typed_, cur_);
}

bool RegimeTimeline::apply(Month m, ParamTable& params) {
  bool changed = false;
  // The regime in force is the last one that started on or before m; the first
  // regime also covers the months before its start.
  int idx = 0;
  for (size_t i = 0; i < sc_.regimes.size(); ++i)
    if (sc_.regimes[i].start <= m) idx = static_cast<int>(i);
  if (idx != current_) {
    current_ = idx;
    changed = true;
    const RegimeSpec& r = sc_.regimes[static_cast<size_t>(idx)];
    if (!r.continues) params.reset_to_base();
    for (const auto& [k, p] : r.params) params.set(k, p.value);
    // A new regime starts from [parameters] and its own values, unless it
    // `continues`: then what it does not list carries on as it stood.
  }
  while (next_event_ < sc_.events.size() && sc_.events[next_event_].date <= m) {
    const EventSpec& e = sc_.events[next_event_++];
    if (e.kind == EventKind::kSetParam) params.set(e.target, e.value);
  }
  return changed;
}

}  // namespace gangdu
