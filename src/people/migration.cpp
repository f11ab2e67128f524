#include "people/migration.hpp"

#include <algorithm>
#include <cmath>

#include "people/blind_inflow.hpp"
#include "people/demography.hpp"
#include "people/family_follow.hpp"
#include "regimes/labels.hpp"

namespace gangdu {

uint32_t create_household(World& w, uint64_t head_id) {
  const uint32_t h = w.people.new_household();
  w.household_head.push_back(head_id);
  w.household_leaving.push_back(0);
  w.live_households.push_back(h);
  w.household_employer.push_back(0);  // danwei scratch: none until the next tally
  w.household_band.push_back(3);
  return h;
}

namespace {
uint32_t new_household(World& w, uint64_t head_id) { return create_household(w, head_id); }

Ethnicity draw_ethnicity(World& w) {
  const double u = w.household_stream.uniform();
  const double jp = w.P.migration_japanese_share;
  if (u < jp) return Ethnicity::kJapanese;
  if (u < jp + w.P.migration_korean_share) return Ethnicity::kKorean;
  return Ethnicity::kChinese;
}

}  // namespace

int64_t add_migrant_household(World& w, Employer employer, Origin origin, Occupation occupation) {
  auto& s = w.household_stream;
  const int32_t now = w.now();
  const Ethnicity eth = draw_ethnicity(w);
  // assumption: migrant workers are mostly men aged 17-40 (seasonal and recruited labour, L1141-1159).
  const Sex sex = s.uniform() < 0.85 ? Sex::kMale : Sex::kFemale;
  const int age = 17 + static_cast<int>(s.below(24));
  const uint32_t h = new_household(w, 0);
  // Blind migrants stay registered in their villages; a job offer brings an urban registration.
  const Hukou hk = origin == Origin::kBlind ? Hukou::kRural : Hukou::kUrban;
  const int32_t head_birth = now - age * 12 - static_cast<int32_t>(s.below(12));
  const Occupation occ = employer == Employer::kNone ? Occupation::kNone : occupation;
  // The head's label from origin and history (R17, regimes/labels.hpp); the family inherits it (L4503).
  const ClassLabel label = entry_label(w, origin, occ, head_birth);
  const uint32_t head = w.people.add(
      {head_birth, sex, eth, origin, h, true, employer, occ, hk, label, static_cast<uint8_t>(hire_grade(w, occ))});
  w.household_head[h] = w.people.ids()[head];
  int64_t added = 1;
  const double family =
      employer == Employer::kConstruction ? w.P.migration_construction_family_share : w.P.migration_family_share;
  if (s.uniform() < family) {
    // A recruit's family may stay in the village and follow later (people/family_follow.hpp).
    if (employer != Employer::kNone && families_wait(w))
      w.waiting_families.push_back({h, head_birth, static_cast<uint8_t>(sex), static_cast<uint8_t>(eth),
                                    static_cast<uint8_t>(hk), static_cast<uint8_t>(label),
                                    static_cast<uint8_t>(origin)});
    else
      added += add_family_members(w, h, head_birth, sex, eth, origin, hk, label);
  }
  return added;
}

void seed_population(World& w) {
  auto& s = w.household_stream;
  const int32_t now = w.now();
  const double counts[kEthnicityCount] = {w.sc.population.chinese, w.sc.population.japanese, w.sc.population.korean};
  for (int e = 0; e < kEthnicityCount; ++e) {
    const int64_t target = s.round(counts[e] * w.opt.scale);
    int64_t made = 0;
    while (made < target) {
      // assumption: initial households of about five persons with a young age structure.
      const uint32_t h = new_household(w, 0);
      const int size = 1 + static_cast<int>(s.poisson(4.0));
      for (int k = 0; k < size && made < target; ++k, ++made) {
        const int age =
            k == 0 ? 20 + static_cast<int>(s.below(30)) : static_cast<int>(60.0 * std::pow(s.uniform(), 1.4));
        const Sex sex = k == 0 ? Sex::kMale : (s.uniform() < 0.5 ? Sex::kMale : Sex::kFemale);
        const bool lf = sex == Sex::kMale && age >= 16 && age < 60;
        const uint32_t i = w.people.add({now - age * 12 - static_cast<int32_t>(s.below(12)), sex,
                                         static_cast<Ethnicity>(e), Origin::kNative, h, lf});
        if (k == 0) w.household_head[h] = w.people.ids()[i];
      }
      // The initial town lives in private housing.
      const float m2 = static_cast<float>(w.P.housing_initial_m2_per_person * w.people.household_sizes()[h]);
      w.people.household_dwellings()[h] = static_cast<uint8_t>(Dwelling::kPrivate);
      w.people.household_owners()[h] = static_cast<uint8_t>(Owner::kPrivate);
      w.people.household_m2()[h] = m2;
      w.housing.stock[static_cast<size_t>(Owner::kPrivate)] += m2;
    }
  }
}

double blind_inflow_rate(const World& w) { return blind_inflow(w.P, w.ps.vacancy_signal, w.ps.avg_production_wage); }

int64_t send_back_drive(World& w, double quota) {
  // Candidates: jobless adult migrants (without an urban registration, or
  // migrants who lost their jobs). A candidate who heads a household takes it
  // along; so the expected persons per selection is the household size for
  // heads, 1 otherwise.
  Population& pop = w.people;
  const auto is_candidate = [&](uint32_t i) {
    return pop.alive_flags()[i] && pop.labour_force()[i] && pop.employers()[i] == 0 &&
           (pop.hukous()[i] == static_cast<uint8_t>(Hukou::kRural) ||
            pop.origins()[i] == static_cast<uint8_t>(Origin::kBlind) ||
            pop.origins()[i] == static_cast<uint8_t>(Origin::kRecruited));
  };
  double expected = 0;
  for (uint32_t i = 0; i < pop.size(); ++i) {
    if (!is_candidate(i)) continue;
    const uint32_t h = pop.household_ids()[i];
    expected += w.household_head[h] == pop.ids()[i] ? pop.household_sizes()[h] : 1.0;
  }
  const double p = expected > 0 ? std::min(1.0, quota / expected) : 0.0;
  int64_t sent = 0;
  for (uint32_t i = 0; i < pop.size(); ++i) {
    if (!is_candidate(i)) continue;
    if (rng::uniform(w.key_events, w.now(), pop.ids()[i]) < p) {
      const uint32_t h = pop.household_ids()[i];
      if (w.household_head[h] == pop.ids()[i]) {
        mark_household_leaving(w, h);
      } else {
        pop.remove(i);
        ++sent;
      }
    }
  }
  return sent + remove_leaving_households(w);
}

PopulationEventTally population_events(World& w) {
  PopulationEventTally t;
  const Month m = w.clock.now();
  const auto& events = w.sc.events;
  for (; w.next_population_event < events.size() && events[w.next_population_event].date <= m;
       ++w.next_population_event) {
    const EventSpec& e = events[w.next_population_event];
    if (e.kind == EventKind::kRepatriate) {
      const Ethnicity who = e.target == "japanese" ? Ethnicity::kJapanese
                            : e.target == "korean" ? Ethnicity::kKorean
                                                   : Ethnicity::kChinese;
      const double p = 1.0 - std::pow(1.0 - e.share, 1.0 / e.months);
      w.repatriations.push_back({.who = who, .monthly_probability = p, .months_left = e.months});
    } else if (e.kind == EventKind::kTransferOut && w.P.rule_transfers_out) {
      // Works employees sent to other enterprises and provinces (L5046), with their households.
      Population& pop = w.people;
      int64_t works = 0;
      for (uint32_t i = 0; i < pop.size(); ++i)
        works += pop.alive_flags()[i] && pop.employers()[i] == static_cast<uint8_t>(Employer::kWorks);
      const double p = works > 0 ? std::min(1.0, e.value * w.opt.scale / static_cast<double>(works)) : 0.0;
      for (uint32_t i = 0; i < pop.size(); ++i) {
        if (!pop.alive_flags()[i] || pop.employers()[i] != static_cast<uint8_t>(Employer::kWorks)) continue;
        if (rng::uniform(w.key_events, w.now(), pop.ids()[i], 13) < p) {
          ++t.transferred_out;
          const uint32_t h = pop.household_ids()[i];
          if (w.household_head[h] == pop.ids()[i])
            mark_household_leaving(w, h);
          else
            pop.remove(i);
        }
      }
      remove_leaving_households(w);
    } else if (e.kind == EventKind::kSendBack) {
      t.sent_back += send_back_drive(w, e.value * w.opt.scale);
    }
  }
  // Repatriations in progress.
  for (auto& r : w.repatriations) {
    if (r.months_left <= 0) continue;
    --r.months_left;
    Population& pop = w.people;
    for (uint32_t i = 0; i < pop.size(); ++i) {
      if (pop.alive_flags()[i] && pop.ethnicities()[i] == static_cast<uint8_t>(r.who) &&
          rng::uniform(w.key_events, w.now(), pop.ids()[i], 7) < r.monthly_probability) {
        pop.remove(i);
        ++t.repatriated;
      }
    }
  }
  return t;
}

}  // namespace gangdu
