// Checkpoint of the facility registry's mutable state.
#include <stdexcept>

#include "core/binio.hpp"
#include "steelworks/registry.hpp"

namespace gangdu {

void FacilityRegistry::save(BinWriter& out) const {
  out.put<uint64_t>(size());
  out.put_vec(damaged_);
  out.put_vec(idle_);
  out.put_vec(repair_per_month_);
  out.put_vec(repair_months_left_);
  out.put<uint64_t>(next_event_);
}

void FacilityRegistry::load(BinReader& in) {
  const auto n = in.get<uint64_t>();
  if (n != size()) throw std::runtime_error("the checkpoint has " + std::to_string(n) + " facilities, the scenario " + std::to_string(size()));
  in.get_vec(damaged_);
  in.get_vec(idle_);
  in.get_vec(repair_per_month_);
  in.get_vec(repair_months_left_);
  next_event_ = static_cast<size_t>(in.get<uint64_t>());
  if (damaged_.size() != n || idle_.size() != n || repair_per_month_.size() != n || repair_months_left_.size() != n)
    throw std::runtime_error("facility state of different lengths");
}

}  // namespace gangdu
