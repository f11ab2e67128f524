#include "people/demography.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "people/migration.hpp"

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

double wage_of(double scale, double grade_step, double tech_premium, double staff_premium, Occupation occ, int skill) {
  if (occ == Occupation::kNone) return 0.0;
  const double base = scale * std::pow(grade_step, std::clamp(skill, 1, 8) - 1);
  if (occ == Occupation::kTechnician) return base * tech_premium;
  if (occ == Occupation::kStaff) return base * staff_premium;
  return base;
}

int hire_grade(const World& w, Occupation occ) {
  return occ == Occupation::kTechnician ? static_cast<int>(w.P.labour_technician_entry_grade) : 1;
}

void update_technician_premium(World& w) {
  const double target = w.P.wage_technician_premium;
  const double tau = w.P.wage_premium_adjust_months;
  double& now = w.ps.technician_premium;
  now = (now <= 0.0 || tau <= 1.0) ? target : now + (target - now) / tau;
}

double technician_premium(const World& w) {
  return w.ps.technician_premium > 0.0 ? w.ps.technician_premium : w.P.wage_technician_premium;
}

void update_wage_scale(World& w) {
  const double param = w.P.wage_scale_yuan;
  if (param != w.ps.wage_scale_param) {
    w.ps.wage_scale_param = param;
    w.ps.wage_scale = param;
  } else {
    w.ps.wage_scale *= std::pow(1.0 + w.P.wage_scale_growth, 1.0 / 12.0);
  }
}

namespace {
// Ages 60 and over share one factor, so the table stops there.
constexpr int kDeathTableAges = 61;
constexpr uint8_t kW = static_cast<uint8_t>(Employer::kWorks);
constexpr uint8_t kC = static_cast<uint8_t>(Employer::kConstruction);
constexpr uint8_t kProd = static_cast<uint8_t>(Occupation::kProduction);
constexpr uint8_t kTech = static_cast<uint8_t>(Occupation::kTechnician);
inline bool is_angang(uint8_t e) { return e == kW || e == kC; }
}  // namespace

namespace {

// Counts one living person into the month's tally and the household scratch
// columns (its employer and priority band); `sub` takes a counted person out again.
class Tallier {
 public:
  explicit Tallier(const World& w) {
    const double scale = w.ps.wage_scale, step = w.P.wage_grade_step, tp = technician_premium(w),
                 sp = w.P.wage_staff_premium;
    // Wage of grade g for each occupation, so the pass does no pow().
    for (int o = 0; o < kOccupationCount; ++o)
      for (int g = 1; g <= 8; ++g) wage_[o][g] = wage_of(scale, step, tp, sp, static_cast<Occupation>(o), g);
  }

  void add(World& w, uint32_t i, MonthTally& t) const {
    Population& pop = w.people;
    const uint8_t eth = pop.ethnicities()[i];
    const bool rural = pop.hukous()[i] == static_cast<uint8_t>(Hukou::kRural);
    const bool lf = pop.labour_force()[i] != 0;
    ++t.living;
    ++t.by_ethnicity[eth];
    t.unregistered += rural;
    const uint8_t e = pop.employers()[i];
    if (e == 0) {
      t.jobless += lf;
      t.jobless_unregistered += lf && rural;
      pop.wages()[i] = 0.0f;
      return;
    }
    if (e == kW) ++t.works;
    else if (e == kC) ++t.construction;
    else ++t.city;
    uint8_t& occ = pop.occupations()[i];
    if (occ == 0) occ = kProd;
    const uint8_t skill = pop.skills()[i];
    const auto wg = static_cast<float>(wage_[occ][skill]);
    pop.wages()[i] = wg;
    if (is_angang(e)) {
      ++t.angang_by_occupation[occ];
      t.angang_wage_sum[occ] += wg;
    }
    // Household priority for employer housing: cadres (technicians, staff) and the
    // Japanese of the colonial works first, then skilled workers, then the rest (R18).
    const uint8_t band = (occ != kProd || eth == static_cast<uint8_t>(Ethnicity::kJapanese)) ? 0 : skill >= 4 ? 1 : 2;
    const uint32_t h = pop.household_ids()[i];
    const uint8_t he = w.household_employer[h];
    // Angang employment outranks a city job as the household's danwei.
    if (he == 0 || (is_angang(e) && !is_angang(he)) || (is_angang(e) == is_angang(he) && band < w.household_band[h])) {
      w.household_employer[h] = e;
      w.household_band[h] = band;
    }
  }

  static void sub(const Population& pop, uint32_t i, MonthTally& t) {
    const bool rural = pop.hukous()[i] == static_cast<uint8_t>(Hukou::kRural);
    const bool lf = pop.labour_force()[i] != 0;
    --t.living;
    --t.by_ethnicity[pop.ethnicities()[i]];
    t.unregistered -= rural;
    const uint8_t e = pop.employers()[i];
    if (e == 0) {
      t.jobless -= lf;
      t.jobless_unregistered -= lf && rural;
      return;
    }
    if (e == kW) --t.works;
    else if (e == kC) --t.construction;
    else --t.city;
    if (is_angang(e)) {
      const uint8_t occ = pop.occupations()[i];
      --t.angang_by_occupation[occ];
      t.angang_wage_sum[occ] -= pop.wages()[i];
    }
  }

 private:
  double wage_[kOccupationCount][9] = {};
};

}  // namespace

void demography_month(World& w, MonthTally& t) {
  Population& pop = w.people;
  const int32_t now = w.now();
  const double death_monthly = w.P.people_death_rate / 12.0 * famine_death_multiplier(w);
  const double leave = w.P.migration_jobless_return;
  const double leave_unregistered = leave * (1.0 + w.P.migration_control * w.P.migration_unregistered_return);
  // Japanese leave on their own only while a way home is open (stranded 1945-46, L1872).
  const double leave_japanese = leave * w.P.migration_japanese_leave_factor;
  const int retire = static_cast<int>(w.P.labour_retirement_age);
  const double skill_up = w.P.labour_skill_upgrade_rate;
  const double promote = w.P.labour_promotion_rate;
  const int promote_min = static_cast<int>(w.P.labour_promotion_min_skill);
  const double leave_home = w.P.people_leave_home_rate;
  const double marry = w.P.people_marriage_rate;
  const double marry_unhoused = marry * (1.0 - w.P.people_housing_marriage_deterrent);
  // Births: the crude birth rate spread over women aged 15-49, using the
  // ratio of persons to such women observed at the end of last month.
  const double birth_p = std::min(1.0, w.P.people_birth_rate / 12.0 * w.persons_per_woman);
  // Keys with this month mixed in once (rng::uniform_m == rng::uniform).
  // The month's death probability by age in years (a table, so the pass makes no call).
  std::array<double, kDeathTableAges> death_by_age;
  for (int a = 0; a < kDeathTableAges; ++a) death_by_age[a] = death_monthly * mortality_age_factor(a);
  const uint64_t kp = rng::month_key(w.key_people, now), kd = rng::month_key(w.key_deaths, now),
                 kb = rng::month_key(w.key_births, now), kl = rng::month_key(w.key_leave, now);

  // The month's tally is taken in the same pass (persons who stay), then
  // corrected for the households that leave (one pass over persons, not two).
  const Tallier tally(w);
  w.household_employer.assign(pop.households(), 0);
  w.household_band.assign(pop.households(), 3);
  const size_t n = pop.size();
  for (uint32_t i = 0; i < n; ++i) {
    if (!pop.alive_flags()[i]) continue;
    // Spans are re-taken each person: appends (newborns, wives, households) may
    // move storage only beyond the reserve, and this keeps the loop safe then.
    auto ids = pop.ids();
    auto emp = pop.employers();
    auto lf = pop.labour_force();
    auto occ = pop.occupations();
    auto skill = pop.skills();
    const uint64_t id = ids[i];
    const int age = (now - pop.birth_months()[i]) / 12;
    if (rng::uniform_m(kd, id) < death_by_age[std::clamp(age, 0, kDeathTableAges - 1)]) {
      pop.remove(i);
      ++t.deaths;
      continue;
    }
    const bool female = pop.sexes()[i] == static_cast<uint8_t>(Sex::kFemale);
    if (!lf[i] && !female && age >= 16 && age < retire) lf[i] = 1;
    if (lf[i] && age >= retire) {
      lf[i] = 0;
      emp[i] = static_cast<uint8_t>(Employer::kNone);
      occ[i] = static_cast<uint8_t>(Occupation::kNone);
    }
    const uint32_t h = pop.household_ids()[i];
    const bool rural = pop.hukous()[i] == static_cast<uint8_t>(Hukou::kRural);
    const bool japanese = pop.ethnicities()[i] == static_cast<uint8_t>(Ethnicity::kJapanese);
    if (lf[i] && emp[i] == static_cast<uint8_t>(Employer::kNone) &&
        rng::uniform_m(kl, id) < (japanese ? leave_japanese : rural ? leave_unregistered : leave)) {
      if (w.household_head[h] == id) {
        mark_household_leaving(w, h);
      } else {
        pop.remove(i);
        ++t.left;
        continue;
      }
    }
    if (emp[i] != 0) {
      // The month's life events of an employee come from ONE counter-based draw
      // on fixed sub-intervals of [0,1): [0,a) skill upgrade, [a,a+b) promotion,
      // [a+b,a+b+c) leaving the parents' household, [a+b+c, a+b+c+d) marriage.
      // At most one of them happens in a month (all are rare).
      const double u = rng::uniform_m(kp, id, 1);
      const double u1 = u - skill_up, u2 = u1 - promote, u3 = u2 - leave_home;
      // Skills and promotion (L4727: workers promoted to technical cadres).
      if (u < skill_up) {
        if (skill[i] < 8) ++skill[i];
      } else if (u1 < promote) {
        if (is_angang(emp[i]) && occ[i] == kProd && skill[i] >= promote_min &&
            pop.labels()[i] != static_cast<uint8_t>(ClassLabel::kNationalist)) {
          occ[i] = kTech;
          ++t.promoted;
        }
      } else if (!female && age >= 18) {
        // Household formation: an employed son leaves his parents' household;
        // an employed single man marries and his wife joins him.
        const bool head = w.household_head[h] == id;
        if (u2 < leave_home) {
          if (!head) {
            const uint32_t nh = create_household(w, id);
            pop.move_to_household(i, nh);
            ++t.new_households;
          }
        } else if (head && age >= 22 && pop.household_sizes()[h] == 1) {
          const bool housed = pop.household_dwellings()[h] != static_cast<uint8_t>(Dwelling::kNone);
          if (u3 < (housed ? marry : marry_unhoused)) {
            const int wife_age = std::max(17, age - 3 + static_cast<int>(rng::uniform_m(kp, id, 2) * 5.0));
            pop.add({now - wife_age * 12, Sex::kFemale, static_cast<Ethnicity>(pop.ethnicities()[i]), Origin::kRecruited, h,
                     false, Employer::kNone, Occupation::kNone, static_cast<Hukou>(pop.hukous()[i]),
                     static_cast<ClassLabel>(pop.labels()[i])});
            ++t.marriages;
          }
        }
      }
    }
    if (female && age >= 15 && age < 50) {
      ++t.fertile_women;
      if (rng::uniform_m(kb, id) < birth_p) {
        pop.add({now, rng::uniform_m(kb, id, 1) < 0.5 ? Sex::kMale : Sex::kFemale,
                 static_cast<Ethnicity>(pop.ethnicities()[i]), Origin::kBorn, pop.household_ids()[i], false, Employer::kNone,
                 Occupation::kNone, static_cast<Hukou>(pop.hukous()[i]), static_cast<ClassLabel>(pop.labels()[i])});
        ++t.births;
      }
    }
    tally.add(w, i, t);
  }
  // Newborns and wives appended this month.
  for (uint32_t i = static_cast<uint32_t>(n); i < pop.size(); ++i)
    if (pop.alive_flags()[i]) tally.add(w, i, t);
  t.left += remove_leaving_households(w, &t);
  const int64_t prod = t.angang_by_occupation[static_cast<size_t>(Occupation::kProduction)];
  w.ps.avg_production_wage = prod > 0 ? t.angang_wage_sum[static_cast<size_t>(Occupation::kProduction)] / static_cast<double>(prod) : 0.0;
  const int64_t women = t.fertile_women > 0 ? t.fertile_women : 1;
  w.persons_per_woman = static_cast<double>(t.living) / static_cast<double>(women);
}

void tally_living(World& w, MonthTally& t) {
  Population& pop = w.people;
  const Tallier tally(w);
  w.household_employer.assign(pop.households(), 0);
  w.household_band.assign(pop.households(), 3);
  for (uint32_t i = 0; i < pop.size(); ++i)
    if (pop.alive_flags()[i]) tally.add(w, i, t);
}

int64_t remove_leaving_households(World& w, MonthTally* t) {
  if (w.households_marked == 0) return 0;  // nothing marked: skip the pass
  w.households_marked = 0;
  Population& pop = w.people;
  auto hh = pop.household_ids();
  int64_t removed = 0;
  for (uint32_t i = 0; i < pop.size(); ++i) {
    if (pop.alive_flags()[i] && w.household_leaving[hh[i]]) {
      if (t) Tallier::sub(pop, i, *t);
      pop.remove(i);
      ++removed;
    }
  }
  std::fill(w.household_leaving.begin(), w.household_leaving.end(), 0);
  return removed;
}

int64_t remove_leaving_households(World& w) { return remove_leaving_households(w, nullptr); }

}  // namespace gangdu
