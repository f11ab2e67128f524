#include "outputs/recorder.hpp"

#include <cmath>
#include <stdexcept>

namespace gangdu {

const char* series_kind_name(SeriesKind k) { return k == SeriesKind::kFlow ? "flow" : "stock"; }

int Recorder::declare(SeriesInfo info) {
  if (info.unit.empty() || info.description.empty())
    throw std::logic_error("series " + info.name + " declared without a unit or description");
  auto [it, fresh] = index_.emplace(info.name, static_cast<int>(values_.size()));
  if (fresh) {
    values_.emplace_back(static_cast<size_t>(last_ - first_ + 1), 0.0);
    info_.push_back(std::move(info));
  } else {
    const SeriesInfo& old = info_[static_cast<size_t>(it->second)];
    if (old.kind != info.kind || old.unit != info.unit || old.description != info.description || old.rule != info.rule)
      throw std::logic_error("series " + info.name + " declared twice with different information");
  }
  return it->second;
}

void Recorder::add(int var, int year, double v) {
  if (year < first_ || year > last_) return;
  values_[static_cast<size_t>(var)][static_cast<size_t>(year - first_)] += v;
}

void Recorder::set(int var, int year, double v) {
  if (year < first_ || year > last_) return;
  values_[static_cast<size_t>(var)][static_cast<size_t>(year - first_)] = v;
}

double Recorder::get(int var, int year) const {
  if (year < first_ || year > last_) return NAN;
  return values_[static_cast<size_t>(var)][static_cast<size_t>(year - first_)];
}

double Recorder::get(const std::string& name, int year) const {
  auto it = index_.find(name);
  return it == index_.end() ? NAN : get(it->second, year);
}

std::vector<SeriesInfo> Recorder::infos() const {
  std::vector<SeriesInfo> out;
  for (const auto& [k, v] : index_) out.push_back(info_[static_cast<size_t>(v)]);
  return out;
}

std::vector<std::string> Recorder::names() const {
  std::vector<std::string> n;
  for (auto& [k, v] : index_) n.push_back(k);
  return n;
}

}  // namespace gangdu
