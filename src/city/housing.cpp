#include "city/housing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace gangdu {
namespace {

constexpr uint8_t kNoneD = static_cast<uint8_t>(Dwelling::kNone);

inline bool is_angang(uint8_t e) {
  return e == static_cast<uint8_t>(Employer::kWorks) || e == static_cast<uint8_t>(Employer::kConstruction);
}

void vacate(Population& pop, uint32_t h) {
  pop.household_dwellings()[h] = kNoneD;
  pop.household_owners()[h] = static_cast<uint8_t>(Owner::kNone);
  pop.household_m2()[h] = 0.0f;
}

void give(Population& pop, uint32_t h, Dwelling d, Owner o, double m2, HousingState& hs) {
  pop.household_dwellings()[h] = static_cast<uint8_t>(d);
  pop.household_owners()[h] = static_cast<uint8_t>(o);
  pop.household_m2()[h] = static_cast<float>(m2);
  hs.used[static_cast<size_t>(o)] += m2;
}

// Allocates `owner`'s free space to the unhoused households (hs.waiting, in
// household order) whose danwei matches `belongs`, by priority band then household index.
template <class Pred>
void allocate(World& w, Owner owner, Pred belongs, bool by_rank, double share_policy, HousingTally& t) {
  Population& pop = w.people;
  HousingState& hs = w.housing;
  const auto o = static_cast<size_t>(owner);
  const double free_m2 = hs.stock[o] - hs.used[o];
  const double flat = w.P.housing_flat_m2, dorm = w.P.housing_dorm_m2;
  if (free_m2 < std::min(dorm, flat / 2.0)) return;
  auto size = pop.household_sizes();
  auto dw = pop.household_dwellings();
  // The waiting households this owner may house, by priority band (by_rank) or all in band
  // 0, each list in household order: one pass over the waiting list instead of one per band.
  // (A household's dwelling changes only when it is visited, and its band and danwei not at
  // all, so filtering here visits what filtering in the band loops visited.)
  thread_local std::array<std::vector<uint32_t>, 4> by_band;
  for (auto& l : by_band) l.clear();
  int64_t singles = 0, families = 0;
  for (uint32_t h : hs.waiting)
    if (dw[h] == kNoneD && belongs(h)) {
      (size[h] == 1 ? singles : families)++;
      by_band[by_rank ? std::min<uint8_t>(w.household_band[h], 3) : 0].push_back(h);
    }
  if (singles + families == 0) return;
  // Split the free space between dormitory beds and family flats by need.
  const double need_s = static_cast<double>(singles) * dorm, need_f = static_cast<double>(families) * flat;
  const double space_s = need_s + need_f > free_m2 ? free_m2 * need_s / (need_s + need_f) : need_s;
  const double space_f = free_m2 - space_s;
  int64_t beds = static_cast<int64_t>(space_s / dorm);
  const int64_t whole = static_cast<int64_t>(space_f / flat);
  // Sharing: two families per flat for a share of the shortfall.
  const int64_t shared_flats = static_cast<int64_t>(
      std::floor(share_policy * static_cast<double>(std::min(whole, std::max<int64_t>(0, families - whole)))));
  int64_t whole_left = whole - shared_flats, half_left = 2 * shared_flats;
  // Priority order: bands 0..3, each by household index (length of residence);
  // stops as soon as the beds and flats are gone.
  for (uint8_t b = 0; b <= (by_rank ? 3 : 0); ++b) {
    if (beds <= 0 && whole_left <= 0 && half_left <= 0) break;
    for (uint32_t h : by_band[b]) {
      if (size[h] == 1) {
        if (beds <= 0) continue;
        give(pop, h, Dwelling::kDormitory, owner, dorm, hs);
        --beds;
        ++t.dorm_beds;
      } else if (whole_left > 0) {
        give(pop, h, Dwelling::kFlat, owner, flat, hs);
        --whole_left;
      } else if (half_left > 0) {
        give(pop, h, Dwelling::kSharedFlat, owner, flat / 2.0, hs);
        --half_left;
        ++t.shared;
      } else {
        continue;
      }
      ++t.allocated;
      if (beds <= 0 && whole_left <= 0 && half_left <= 0) break;
    }
  }
}

}  // namespace

void housing_month(World& w, int64_t construction_employees, int64_t city_employees, HousingTally& t) {
  Population& pop = w.people;
  HousingState& hs = w.housing;
  // Households formed since the month's tally (arriving migrants) have no danwei
  // rank yet: they queue for private housing only until next month.
  w.household_employer.resize(pop.households(), 0);
  w.household_band.resize(pop.households(), 3);
  constexpr auto kWorks = static_cast<size_t>(Owner::kWorks);
  constexpr auto kCity = static_cast<size_t>(Owner::kCity);
  // 1. Construction.
  const double floor = static_cast<double>(construction_employees) * w.P.housing_unproductive_share *
                       w.P.housing_m2_per_worker_year / 12.0;
  t.works_floor_built = floor;
  hs.works_floor_built_total += floor;
  hs.stock[kWorks] += floor * w.P.housing_living_share;
  hs.stock[kCity] += static_cast<double>(city_employees) * w.P.housing_city_m2_per_job_year / 12.0;
  // 2. Ageing.
  const double keep = std::pow(1.0 - w.P.housing_decay_rate, 1.0 / 12.0);
  for (double& s : hs.stock) s *= keep;

  // 3. The danwei tie, emptied households, married couples in dormitories; recount
  // what is held; list the unhoused (in household order).
  auto size = pop.household_sizes();
  auto dw = pop.household_dwellings();
  auto own = pop.household_owners();
  auto m2 = pop.household_m2();
  hs.used.fill(0.0);
  hs.waiting.clear();
  for (uint32_t h : w.live_households) {
    if (dw[h] != kNoneD) {
      const bool lost_job = own[h] == static_cast<uint8_t>(Owner::kWorks) && !is_angang(w.household_employer[h]);
      const bool married_in_dorm = dw[h] == static_cast<uint8_t>(Dwelling::kDormitory) && size[h] > 1;
      if (size[h] == 0 || lost_job || married_in_dorm) {
        vacate(pop, h);
        ++t.released;
      } else {
        hs.used[own[h]] += m2[h];
        continue;
      }
    }
    if (size[h] > 0) hs.waiting.push_back(h);
  }
  // Collapse: stock below what tenants hold evicts the latest households.
  for (size_t o = 1; o < kOwnerCount; ++o) {
    if (hs.used[o] <= hs.stock[o] + 1e-6) continue;
    for (size_t k = w.live_households.size(); k-- > 0 && hs.used[o] > hs.stock[o] + 1e-6;) {
      const uint32_t h = w.live_households[k];
      if (own[h] != o || dw[h] == kNoneD) continue;
      hs.used[o] -= m2[h];
      vacate(pop, h);
      ++t.evicted;
    }
    if (hs.used[o] < 0) hs.used[o] = 0;
  }

  // 4. Allocation by employer and rank, then the private market.
  const double share = w.P.housing_share_policy;
  allocate(
      w, Owner::kWorks, [&](uint32_t h) { return is_angang(w.household_employer[h]); }, true, share, t);
  allocate(
      w, Owner::kCity, [&](uint32_t h) { return w.household_employer[h] == static_cast<uint8_t>(Employer::kCity); },
      true, share, t);
  allocate(
      w, Owner::kPrivate, [](uint32_t) { return true; }, false, 0.0, t);

  // 5. Self-help: mud houses.
  const double build_p = w.P.housing_selfbuild_rate;
  const double per_person = w.P.housing_selfbuilt_m2_per_person;
  if (build_p > 0 && per_person > 0) {
    const uint64_t kh = rng::month_key(w.key_housing, w.now());  // uniform_m(kh, h) == uniform(key, now, h)
    for (uint32_t h : hs.waiting) {
      if (dw[h] != kNoneD) continue;
      if (rng::uniform_m(kh, h) < build_p) {
        const double a = per_person * size[h];
        hs.stock[static_cast<size_t>(Owner::kSelfBuilt)] += a;
        give(pop, h, Dwelling::kSelfBuilt, Owner::kSelfBuilt, a, hs);
        ++t.self_built;
      }
    }
  }
}

}  // namespace gangdu
