// Checkpoint of the recorder: every series by name.
#include <stdexcept>

#include "core/binio.hpp"
#include "outputs/recorder.hpp"

namespace gangdu {

void Recorder::save(BinWriter& out) const {
  out.put<int32_t>(first_);
  out.put<int32_t>(last_);
  out.put<uint64_t>(index_.size());
  for (const auto& [name, i] : index_) {
    out.put_str(name);
    out.put_vec(values_[static_cast<size_t>(i)]);
  }
}

void Recorder::load(BinReader& in) {
  const int first = in.get<int32_t>(), last = in.get<int32_t>();
  if (first != first_ || last != last_) throw std::runtime_error("the checkpoint's years differ from the scenario's");
  const auto n = in.get<uint64_t>();
  if (n != index_.size())
    throw std::runtime_error("the checkpoint has " + std::to_string(n) + " series, this program declares " + std::to_string(index_.size()));
  for (uint64_t k = 0; k < n; ++k) {
    const std::string name = in.get_str();
    auto it = index_.find(name);
    if (it == index_.end()) throw std::runtime_error("the checkpoint has an unknown series '" + name + "'");
    auto& v = values_[static_cast<size_t>(it->second)];
    in.get_vec(v);
    if (v.size() != static_cast<size_t>(last_ - first_ + 1)) throw std::runtime_error("series '" + name + "' has the wrong length");
  }
}

}  // namespace gangdu
