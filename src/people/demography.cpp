#include "people/demography.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "core/pool.hpp"
#include "people/migration.hpp"
#include "regimes/campaigns.hpp"
#include "regimes/control.hpp"

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
// columns (its employer and priority band, in the arrays given: a block of the
// parallel pass has its own); `sub` takes a counted person out again.
// The household rule is "the lexicographically least (not Angang, band) wins,
// the first of equals stays", an associative choice, so blocks folded in order
// give what one pass in index order gives. Wage sums are kept as counts of
// employees by (occupation, grade), so they too do not depend on the order.
class Tallier {
 public:
  explicit Tallier(const World& w) {
    const double scale = w.ps.wage_scale, step = w.P.wage_grade_step, tp = technician_premium(w),
                 sp = w.P.wage_staff_premium;
    // Wage of grade g for each occupation, so the pass does no pow().
    for (int o = 0; o < kOccupationCount; ++o)
      for (int g = 1; g <= 8; ++g)
        wage_[o][g] = static_cast<float>(wage_of(scale, step, tp, sp, static_cast<Occupation>(o), g));
  }

  void add(Population& pop, uint8_t* hh_employer, uint8_t* hh_band, uint32_t i, MonthTally& t) const {
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
    if (e == kW)
      ++t.works;
    else if (e == kC)
      ++t.construction;
    else
      ++t.city;
    uint8_t& occ = pop.occupations()[i];
    if (occ == 0) occ = kProd;
    const uint8_t skill = pop.skills()[i];
    pop.wages()[i] = wage_[occ][skill];
    if (is_angang(e)) {
      ++t.angang_by_occupation[occ];
      ++t.angang_by_grade[occ][skill];
    }
    // Household priority for employer housing: cadres (technicians, staff) and the
    // Japanese of the colonial works first, then skilled workers, then the rest (R18).
    const uint8_t band = (occ != kProd || eth == static_cast<uint8_t>(Ethnicity::kJapanese)) ? 0 : skill >= 4 ? 1 : 2;
    const uint32_t h = pop.household_ids()[i];
    if (wins(e, band, hh_employer[h], hh_band[h])) {
      hh_employer[h] = e;
      hh_band[h] = band;
    }
  }
  void add(World& w, uint32_t i, MonthTally& t) const {
    add(w.people, w.household_employer.data(), w.household_band.data(), i, t);
  }

  // Whether a member (employer e, band) becomes the household's danwei over the one held:
  // Angang employment outranks a city job, then the lower band; the first of equals stays.
  static bool wins(uint8_t e, uint8_t band, uint8_t he, uint8_t hb) {
    return e != 0 && (he == 0 || (is_angang(e) && !is_angang(he)) || (is_angang(e) == is_angang(he) && band < hb));
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
    if (e == kW)
      --t.works;
    else if (e == kC)
      --t.construction;
    else
      --t.city;
    if (is_angang(e)) {
      const uint8_t occ = pop.occupations()[i];
      --t.angang_by_occupation[occ];
      --t.angang_by_grade[occ][pop.skills()[i]];
    }
  }

  // The Angang wage sums from the counts by grade. Each wage is a float and each sum of
  // them below 2^53 ulps of the smallest is exact in a double, so this equals the sum
  // taken person by person in any order (the figures earlier versions computed so).
  void finish(MonthTally& t) const {
    for (int o = 0; o < kOccupationCount; ++o) {
      double s = 0.0;
      for (int g = 1; g <= 8; ++g) s += static_cast<double>(t.angang_by_grade[o][g]) * static_cast<double>(wage_[o][g]);
      t.angang_wage_sum[o] = s;
    }
  }

 private:
  float wage_[kOccupationCount][9] = {};
};

// A person's event of the month that changes shared state (household sizes, the person and
// household tables): found in the parallel pass, applied in index order in the serial step.
enum class Ev : uint8_t { kDeath, kLeave, kHeadLeave, kMove, kMarry, kBirth };
struct Event {
  uint32_t i;
  Ev kind;
};

// One block of the pass: its tally, its events in index order and (blocks after the first)
// its own household scratch columns. Kept across months, so the pass does not allocate once
// the buffers have grown to the month's size.
struct PassBlock {
  MonthTally t;
  std::vector<Event> events;
  std::vector<uint8_t> hh_employer, hh_band;
};

void add_tally(MonthTally& a, const MonthTally& b) {
  a.living += b.living;
  a.works += b.works;
  a.city += b.city;
  a.construction += b.construction;
  a.jobless += b.jobless;
  a.fertile_women += b.fertile_women;
  a.deaths += b.deaths;
  a.births += b.births;
  a.left += b.left;
  a.promoted += b.promoted;
  a.marriages += b.marriages;
  a.new_households += b.new_households;
  a.unregistered += b.unregistered;
  a.jobless_unregistered += b.jobless_unregistered;
  for (size_t k = 0; k < a.by_ethnicity.size(); ++k) a.by_ethnicity[k] += b.by_ethnicity[k];
  for (size_t o = 0; o < a.angang_by_occupation.size(); ++o) {
    a.angang_by_occupation[o] += b.angang_by_occupation[o];
    for (size_t g = 0; g < a.angang_by_grade[o].size(); ++g) a.angang_by_grade[o][g] += b.angang_by_grade[o][g];
  }
}

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
  // Whose label allows promotion this month: the line of control decides (R17, R19; regimes/control.hpp).
  const uint32_t promotable = promotion_label_mask(w);
  const double leave_home = w.P.people_leave_home_rate;
  const double marry = w.P.people_marriage_rate;
  const double marry_unhoused = marry * (1.0 - w.P.people_housing_marriage_deterrent);
  const double marry_max = std::max(marry, marry_unhoused);
  // Births: the crude birth rate spread over women aged 15-49, using the
  // ratio of persons to such women observed at the end of last month.
  const double birth_p = std::min(1.0, w.P.people_birth_rate / 12.0 * w.persons_per_woman);
  // Keys with this month mixed in once (rng::uniform_m == rng::uniform).
  // The month's death probability by age in years (a table, so the pass makes no call).
  std::array<double, kDeathTableAges> death_by_age;
  for (int a = 0; a < kDeathTableAges; ++a) death_by_age[a] = death_monthly * mortality_age_factor(a);
  const uint64_t kp = rng::month_key(w.key_people, now), kd = rng::month_key(w.key_deaths, now),
                 kb = rng::month_key(w.key_births, now), kl = rng::month_key(w.key_leave, now);

  // Two steps (issue 23). (1) In parallel over fixed blocks of persons: every keyed draw,
  // the changes a person makes to itself (labour force, retirement, skill, promotion) and
  // its tally; an event that touches shared state is recorded. (2) Serially, blocks in
  // order and events in index order: deaths, departures, new households, marriages and
  // births, exactly as one pass in index order makes them (ids, household sizes).
  // The month's tally is taken in the same pass (persons who stay), then corrected for
  // the households that leave.
  const Tallier tally(w);
  const size_t households = pop.households();
  w.household_employer.assign(households, 0);
  w.household_band.assign(households, 3);
  const size_t n = pop.size();
  const unsigned nblocks = person_blocks(n, w.opt.threads);
  // The calling thread's buffers (each run thread of an ensemble has its own); named by
  // reference, as a thread_local named inside the lambda would be the worker's own.
  thread_local std::vector<PassBlock> run_blocks;
  std::vector<PassBlock>& blocks = run_blocks;
  if (blocks.size() < nblocks) blocks.resize(nblocks);

  auto pass = [&](unsigned b) {
    PassBlock& blk = blocks[b];
    blk.t = MonthTally{};
    blk.events.clear();
    uint8_t* hh_emp = w.household_employer.data();
    uint8_t* hh_band = w.household_band.data();
    if (b > 0) {
      blk.hh_employer.assign(households, 0);
      blk.hh_band.assign(households, 3);
      hh_emp = blk.hh_employer.data();
      hh_band = blk.hh_band.data();
    }
    MonthTally& bt = blk.t;
    const auto ids = pop.ids();
    const auto alive = pop.alive_flags();
    const auto births = pop.birth_months();
    const auto sexes = pop.sexes();
    const auto hhs = pop.household_ids();
    const auto hukou = pop.hukous();
    const auto eths = pop.ethnicities();
    const auto labels = pop.labels();
    auto emp = pop.employers();
    auto lf = pop.labour_force();
    auto occ = pop.occupations();
    auto skill = pop.skills();
    const auto lo = static_cast<uint32_t>(n * b / nblocks), hi = static_cast<uint32_t>(n * (b + 1) / nblocks);
    for (uint32_t i = lo; i < hi; ++i) {
      if (!alive[i]) continue;
      const uint64_t id = ids[i];
      const int age = (now - births[i]) / 12;
      if (rng::uniform_m(kd, id) < death_by_age[std::clamp(age, 0, kDeathTableAges - 1)]) {
        blk.events.push_back({i, Ev::kDeath});
        continue;
      }
      const bool female = sexes[i] == static_cast<uint8_t>(Sex::kFemale);
      if (!lf[i] && !female && age >= 16 && age < retire) lf[i] = 1;
      if (lf[i] && age >= retire) {
        lf[i] = 0;
        emp[i] = static_cast<uint8_t>(Employer::kNone);
        occ[i] = static_cast<uint8_t>(Occupation::kNone);
      }
      const uint32_t h = hhs[i];
      // Heads are set when a household is made; the pass only appends households.
      const bool head = w.household_head[h] == id;
      const bool rural = hukou[i] == static_cast<uint8_t>(Hukou::kRural);
      const bool japanese = eths[i] == static_cast<uint8_t>(Ethnicity::kJapanese);
      if (lf[i] && emp[i] == static_cast<uint8_t>(Employer::kNone) &&
          rng::uniform_m(kl, id) < (japanese ? leave_japanese
                                    : rural  ? leave_unregistered
                                             : leave)) {
        if (!head) {
          blk.events.push_back({i, Ev::kLeave});
          continue;
        }
        blk.events.push_back({i, Ev::kHeadLeave});
      }
      bool moves = false;
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
          if (is_angang(emp[i]) && occ[i] == kProd && skill[i] >= promote_min && ((promotable >> labels[i]) & 1u)) {
            occ[i] = kTech;
            ++bt.promoted;
          }
        } else if (!female && age >= 18) {
          // Household formation: an employed son leaves his parents' household;
          // an employed single man marries and his wife joins him (serial step).
          if (u2 < leave_home) {
            if (!head) {
              blk.events.push_back({i, Ev::kMove});
              moves = true;
            }
          } else if (head && age >= 22 && u3 < marry_max) {
            blk.events.push_back({i, Ev::kMarry});
          }
        }
      }
      if (female && age >= 15 && age < 50) {
        ++bt.fertile_women;
        if (rng::uniform_m(kb, id) < birth_p) blk.events.push_back({i, Ev::kBirth});
      }
      // A person who moves out is counted in the serial step, in its new household.
      if (!moves) tally.add(pop, hh_emp, hh_band, i, bt);
    }
  };
  thread_block_pool(nblocks).run(pass);

  // Serial step: the blocks' household scratch folded in block order, then their events.
  for (unsigned b = 0; b < nblocks; ++b) add_tally(t, blocks[b].t);
  for (unsigned b = 1; b < nblocks; ++b) {
    const uint8_t* be = blocks[b].hh_employer.data();
    const uint8_t* bb = blocks[b].hh_band.data();
    for (size_t h = 0; h < households; ++h)
      if (Tallier::wins(be[h], bb[h], w.household_employer[h], w.household_band[h])) {
        w.household_employer[h] = be[h];
        w.household_band[h] = bb[h];
      }
  }
  for (unsigned b = 0; b < nblocks; ++b) {
    for (const Event& ev : blocks[b].events) {
      const uint32_t i = ev.i;
      const uint64_t id = pop.ids()[i];
      const uint32_t h = pop.household_ids()[i];
      switch (ev.kind) {
        case Ev::kDeath:
          pop.remove(i);
          ++t.deaths;
          break;
        case Ev::kLeave:
          pop.remove(i);
          ++t.left;
          break;
        case Ev::kHeadLeave:
          mark_household_leaving(w, h);
          break;
        case Ev::kMove: {
          const uint32_t nh = create_household(w, id);
          pop.move_to_household(i, nh);
          ++t.new_households;
          tally.add(w, i, t);
          break;
        }
        case Ev::kMarry: {
          // Only a man living alone marries; the household's size is the one in force at
          // his turn in index order (earlier deaths, departures and births counted).
          if (pop.household_sizes()[h] != 1) break;
          const bool housed = pop.household_dwellings()[h] != static_cast<uint8_t>(Dwelling::kNone);
          const double u3 = rng::uniform_m(kp, id, 1) - skill_up - promote - leave_home;
          if (!(u3 < (housed ? marry : marry_unhoused))) break;
          const int age = (now - pop.birth_months()[i]) / 12;
          const int wife_age = std::max(17, age - 3 + static_cast<int>(rng::uniform_m(kp, id, 2) * 5.0));
          pop.add({now - wife_age * 12, Sex::kFemale, static_cast<Ethnicity>(pop.ethnicities()[i]), Origin::kRecruited,
                   h, false, Employer::kNone, Occupation::kNone, static_cast<Hukou>(pop.hukous()[i]),
                   static_cast<ClassLabel>(pop.labels()[i])});
          ++t.marriages;
          break;
        }
        case Ev::kBirth:
          pop.add({now, rng::uniform_m(kb, id, 1) < 0.5 ? Sex::kMale : Sex::kFemale,
                   static_cast<Ethnicity>(pop.ethnicities()[i]), Origin::kBorn, h, false, Employer::kNone,
                   Occupation::kNone, static_cast<Hukou>(pop.hukous()[i]), static_cast<ClassLabel>(pop.labels()[i])});
          ++t.births;
          break;
      }
    }
  }
  // Newborns and wives appended this month.
  for (uint32_t i = static_cast<uint32_t>(n); i < pop.size(); ++i)
    if (pop.alive_flags()[i]) tally.add(w, i, t);
  t.left += remove_leaving_households(w, &t);
  tally.finish(t);
  const int64_t prod = t.angang_by_occupation[static_cast<size_t>(Occupation::kProduction)];
  w.ps.avg_production_wage =
      prod > 0 ? t.angang_wage_sum[static_cast<size_t>(Occupation::kProduction)] / static_cast<double>(prod) : 0.0;
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
  tally.finish(t);
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
