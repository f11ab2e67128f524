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
  occupation_.reserve(persons);
  hukou_.reserve(persons);
  label_.reserve(persons);
  skill_.reserve(persons);
  wage_.reserve(persons);
  formed_.reserve(persons);
  experience_.reserve(persons);
  struck_.reserve(persons);
  household_.reserve(persons);
  hh_size_.reserve(households);
  hh_dwelling_.reserve(households);
  hh_owner_.reserve(households);
  hh_m2_.reserve(households);
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
  occupation_.push_back(static_cast<uint8_t>(p.employer == Employer::kNone ? Occupation::kNone
                                             : p.occupation == Occupation::kNone ? Occupation::kProduction
                                                                                 : p.occupation));
  hukou_.push_back(static_cast<uint8_t>(p.hukou));
  label_.push_back(static_cast<uint8_t>(p.label));
  skill_.push_back(p.skill < 1 ? 1 : (p.skill > 8 ? 8 : p.skill));
  wage_.push_back(0.0f);
  formed_.push_back(0);
  experience_.push_back(0.0f);
  struck_.push_back(0);
  household_.push_back(p.household);
  if (p.household < hh_size_.size()) ++hh_size_[p.household];
  ++living_;
  return i;
}

uint32_t Population::new_household() {
  hh_size_.push_back(0);
  hh_dwelling_.push_back(static_cast<uint8_t>(Dwelling::kNone));
  hh_owner_.push_back(static_cast<uint8_t>(Owner::kNone));
  hh_m2_.push_back(0.0f);
  return next_household_++;
}

void Population::move_to_household(uint32_t i, uint32_t h) {
  const uint32_t old = household_[i];
  if (alive_[i] && old < hh_size_.size() && hh_size_[old] > 0) --hh_size_[old];
  household_[i] = h;
  if (alive_[i]) ++hh_size_[h];
}

void Population::remove(uint32_t i) {
  if (alive_[i]) {
    alive_[i] = 0;
    employer_[i] = static_cast<uint8_t>(Employer::kNone);
    occupation_[i] = static_cast<uint8_t>(Occupation::kNone);
    wage_[i] = 0.0f;
    const uint32_t h = household_[i];
    if (h < hh_size_.size() && hh_size_[h] > 0) --hh_size_[h];
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
      occupation_[w] = occupation_[r];
      hukou_[w] = hukou_[r];
      label_[w] = label_[r];
      skill_[w] = skill_[r];
      wage_[w] = wage_[r];
      formed_[w] = formed_[r];
      experience_[w] = experience_[r];
      struck_[w] = struck_[r];
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
  occupation_.resize(w);
  hukou_.resize(w);
  label_.resize(w);
  skill_.resize(w);
  wage_.resize(w);
  formed_.resize(w);
  experience_.resize(w);
  struck_.resize(w);
  household_.resize(w);
}

}  // namespace gangdu
