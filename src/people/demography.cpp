#include "people/demography.hpp"

#include <algorithm>

#include "regimes/campaigns.hpp"

namespace gangdu {

double mortality_age_factor(int age) {
  // assumption: a coarse pre-transition age pattern (high infant and old-age
  // mortality, low at working ages), scaled by the crude rate parameter.
  if (age < 1) return 4.0;
  if (age < 5) return 1.5;
  if (age < 40) return 0.4;
  if (age < 60) return 1.2;
  return 5.0;
}

void demography_month(World& w, MonthTally& t) {
  Population& pop = w.people;
  const int32_t now = w.now();
  const double death_monthly = w.p("people_death_rate") / 12.0 * famine_death_multiplier(w);
  const double leave = w.p("migration_jobless_return");
  const int retire = static_cast<int>(w.p("labour_retirement_age"));
  // Births: the crude birth rate spread over women aged 15-49, using the
  // ratio of persons to such women observed at the end of last month.
  const double birth_p = std::min(1.0, w.p("people_birth_rate") / 12.0 * w.persons_per_woman);

  auto ids = pop.ids();
  auto births = pop.birth_months();
  auto sexes = pop.sexes();
  auto eth = pop.ethnicities();
  auto emp = pop.employers();
  auto lf = pop.labour_force();
  auto hh = pop.household_ids();
  std::fill(w.household_leaving.begin(), w.household_leaving.end(), 0);
  const size_t n = pop.size();
  for (uint32_t i = 0; i < n; ++i) {
    if (!pop.alive_flags()[i]) continue;
    const uint64_t id = ids[i];
    const int age = (now - births[i]) / 12;
    if (rng::uniform(w.key_deaths, now, id) < death_monthly * mortality_age_factor(age)) {
      pop.remove(i);
      ++t.deaths;
      continue;
    }
    const bool female = sexes[i] == static_cast<uint8_t>(Sex::kFemale);
    if (!lf[i] && !female && age >= 16 && age < retire) lf[i] = 1;
    if (lf[i] && age >= retire) {
      lf[i] = 0;
      emp[i] = static_cast<uint8_t>(Employer::kNone);
    }
    if (lf[i] && emp[i] == static_cast<uint8_t>(Employer::kNone) &&
        rng::uniform(w.key_leave, now, id) < leave) {
      if (w.household_head[hh[i]] == id) {
        w.household_leaving[hh[i]] = 1;
      } else {
        pop.remove(i);
        ++t.left;
        continue;
      }
    }
    if (female && age >= 15 && age < 50) {
      ++t.fertile_women;
      if (rng::uniform(w.key_births, now, id) < birth_p) {
        pop.add({now, rng::uniform(w.key_births, now, id, 1) < 0.5 ? Sex::kMale : Sex::kFemale,
                 static_cast<Ethnicity>(eth[i]), Origin::kBorn, hh[i], false});
        ++t.births;
        // spans may be invalidated by growth beyond the reserve: refresh them
        ids = pop.ids();
        births = pop.birth_months();
        sexes = pop.sexes();
        eth = pop.ethnicities();
        emp = pop.employers();
        lf = pop.labour_force();
        hh = pop.household_ids();
      }
    }
  }
  t.left += remove_leaving_households(w);
  // Tally the living after this month's changes.
  for (uint32_t i = 0; i < pop.size(); ++i) {
    if (!pop.alive_flags()[i]) continue;
    ++t.living;
    ++t.by_ethnicity[eth[i]];
    if (emp[i] == static_cast<uint8_t>(Employer::kWorks)) ++t.works;
    else if (emp[i] == static_cast<uint8_t>(Employer::kCity)) ++t.city;
    else if (lf[i]) ++t.jobless;
  }
  const int64_t women = t.fertile_women > 0 ? t.fertile_women : 1;
  w.persons_per_woman = static_cast<double>(t.living) / static_cast<double>(women);
}

int64_t remove_leaving_households(World& w) {
  Population& pop = w.people;
  auto hh = pop.household_ids();
  int64_t removed = 0;
  for (uint32_t i = 0; i < pop.size(); ++i) {
    if (pop.alive_flags()[i] && w.household_leaving[hh[i]]) {
      pop.remove(i);
      ++removed;
    }
  }
  std::fill(w.household_leaving.begin(), w.household_leaving.end(), 0);
  return removed;
}

}  // namespace gangdu
