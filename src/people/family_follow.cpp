#include "people/family_follow.hpp"

#include <algorithm>

namespace gangdu {

bool families_wait(const World& w) { return w.P.migration_family_follow_rate > 0.0; }

int64_t add_family_members(World& w, uint32_t h, int32_t head_birth_month, Sex head_sex, Ethnicity eth, Origin origin,
                           Hukou hk, ClassLabel label) {
  auto& s = w.household_stream;
  const int32_t now = w.now();
  const int age = (now - head_birth_month) / 12;
  const int spouse_age = std::max(16, age - 3 + static_cast<int>(s.below(5)));
  w.people.add({now - spouse_age * 12 - static_cast<int32_t>(s.below(12)),
                head_sex == Sex::kMale ? Sex::kFemale : Sex::kMale, eth, origin, h, false, Employer::kNone,
                Occupation::kNone, hk, label});
  int64_t added = 1;
  // assumption: children per family ~ Poisson(1.6), ages below min(15, parent age - 17).
  const int64_t kids = s.poisson(1.6);
  const int max_age = std::max(1, std::min(15, age - 17));
  for (int64_t k = 0; k < kids; ++k) {
    const int a = static_cast<int>(s.below(static_cast<uint32_t>(max_age)));
    w.people.add({now - a * 12 - static_cast<int32_t>(s.below(12)), s.uniform() < 0.5 ? Sex::kMale : Sex::kFemale, eth,
                  origin, h, false, Employer::kNone, Occupation::kNone, hk, label});
    ++added;
  }
  return added;
}

int64_t family_follow_month(World& w) {
  if (w.waiting_families.empty()) return 0;
  const double rate = w.P.migration_family_follow_rate;
  const double rate_unhoused = rate * (1.0 - w.P.people_housing_marriage_deterrent);
  const auto size = w.people.household_sizes();
  const auto dw = w.people.household_dwellings();
  int64_t joined = 0;
  std::erase_if(w.waiting_families, [&](const WaitingFamily& f) {
    const uint32_t h = f.household;
    if (size[h] != 1) return true;  // the worker left, died or married in the city
    // Only an employed worker (a wage; his danwei from this month's tally) sends for his family.
    if (h >= w.household_employer.size() || w.household_employer[h] == 0) return false;
    const double p = dw[h] != static_cast<uint8_t>(Dwelling::kNone) ? rate : rate_unhoused;
    if (rng::uniform(w.key_housing, w.now(), h, 1) >= p) return false;
    joined += add_family_members(w, h, f.head_birth_month, static_cast<Sex>(f.head_sex),
                                 static_cast<Ethnicity>(f.ethnicity), static_cast<Origin>(f.origin),
                                 static_cast<Hukou>(f.hukou), static_cast<ClassLabel>(f.label));
    return true;
  });
  return joined;
}

}  // namespace gangdu
