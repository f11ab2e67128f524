#include "outputs/recorder.hpp"

#include <cmath>
#include <stdexcept>

namespace gangdu {

int Recorder::declare(const std::string& name, SeriesKind) {
  auto [it, fresh] = index_.emplace(name, static_cast<int>(values_.size()));
  if (fresh) values_.emplace_back(static_cast<size_t>(last_ - first_ + 1), 0.0);
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

std::vector<std::string> Recorder::names() const {
  std::vector<std::string> n;
  for (auto& [k, v] : index_) n.push_back(k);
  return n;
}

}  // namespace gangdu
