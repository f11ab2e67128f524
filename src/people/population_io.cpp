// Checkpoint of the population: every SoA column and the counters.
#include "core/binio.hpp"
#include "people/population.hpp"

namespace gangdu {

void Population::save(BinWriter& out) const {
  out.put_vec(id_);
  out.put_vec(birth_month_);
  out.put_vec(sex_);
  out.put_vec(ethnicity_);
  out.put_vec(employer_);
  out.put_vec(origin_);
  out.put_vec(labour_force_);
  out.put_vec(alive_);
  out.put_vec(household_);
  out.put<uint64_t>(next_id_);
  out.put<uint32_t>(next_household_);
  out.put<uint64_t>(living_);
}

void Population::load(BinReader& in) {
  in.get_vec(id_);
  in.get_vec(birth_month_);
  in.get_vec(sex_);
  in.get_vec(ethnicity_);
  in.get_vec(employer_);
  in.get_vec(origin_);
  in.get_vec(labour_force_);
  in.get_vec(alive_);
  in.get_vec(household_);
  next_id_ = in.get<uint64_t>();
  next_household_ = in.get<uint32_t>();
  living_ = static_cast<size_t>(in.get<uint64_t>());
  const size_t n = id_.size();
  if (birth_month_.size() != n || sex_.size() != n || ethnicity_.size() != n || employer_.size() != n ||
      origin_.size() != n || labour_force_.size() != n || alive_.size() != n || household_.size() != n)
    throw std::runtime_error("population columns of different lengths");
}

}  // namespace gangdu
