#include "people/population.hpp"

namespace gangdu {

void Population::reserve(size_t persons, size_t households) {
  id_.reserve(persons);
  birth_month_.reserve(persons);
  sex_.reserve(persons);
  ethnicity_.reserve(persons);
  employer_.reserve(persons);
  origin_.reserve(persons);
  labour_force_.reserve(persons);
  alive_.reserve(persons);
  household_.reserve(persons);
  (void)households;
}

uint32_t Population::add(const NewPerson& p) {
  const auto i = static_cast<uint32_t>(id_.size());
  id_.push_back(next_id_++);
  birth_month_.push_back(p.birth_month);
  sex_.push_back(static_cast<uint8_t>(p.sex));
  ethnicity_.push_back(static_cast<uint8_t>(p.ethnicity));
  employer_.push_back(static_cast<uint8_t>(p.employer));
  origin_.push_back(static_cast<uint8_t>(p.origin));
  labour_force_.push_back(p.labour_force ? 1 : 0);
  alive_.push_back(1);
  household_.push_back(p.household);
  ++living_;
  return i;
}

uint32_t Population::new_household() { return next_household_++; }

void Population::remove(uint32_t i) {
  if (alive_[i]) {
    alive_[i] = 0;
    employer_[i] = static_cast<uint8_t>(Employer::kNone);
    --living_;
  }
}

void Population::compact() {
  size_t w = 0;
  for (size_t r = 0; r < id_.size(); ++r) {
    if (!alive_[r]) continue;
    if (w != r) {
      id_[w] = id_[r];
      birth_month_[w] = birth_month_[r];
      sex_[w] = sex_[r];
      ethnicity_[w] = ethnicity_[r];
      employer_[w] = employer_[r];
      origin_[w] = origin_[r];
      labour_force_[w] = labour_force_[r];
      alive_[w] = alive_[r];
      household_[w] = household_[r];
    }
    ++w;
  }
  id_.resize(w);
  birth_month_.resize(w);
  sex_.resize(w);
  ethnicity_.resize(w);
  employer_.resize(w);
  origin_.resize(w);
  labour_force_.resize(w);
  alive_.resize(w);
  household_.resize(w);
}

}  // namespace gangdu
