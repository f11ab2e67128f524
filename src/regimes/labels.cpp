#include "regimes/labels.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace gangdu {
namespace {
// Keys of the label draws, derived from the events key (no new stream: other draws are untouched).
constexpr uint64_t kLandlordSlot = 0x1abe11, kCapitalistSlot = 0x1abe12;
}  // namespace

Month month_of_year_fraction(double y) {
  const int year = static_cast<int>(std::floor(y));
  const int m = std::clamp(static_cast<int>(std::floor((y - year) * 12.0 + 1e-9)) + 1, 1, 12);
  return Month::of(year, m);
}

ClassLabel entry_label(const World& w, Origin origin, Occupation occ, int32_t birth_month) {
  const ClassLabel plain = origin == Origin::kBlind ? ClassLabel::kPeasant : ClassLabel::kWorker;
  if (!w.P.rule_labels) return plain;
  const Month fixed = month_of_year_fraction(w.P.politics_label_date);
  if (w.clock.now() < fixed) return plain;
  if (origin == Origin::kBlind)
    return rng::uniform(w.key_events, w.now(), w.people.next_id(), kLandlordSlot) < w.P.politics_landlord_share
               ? ClassLabel::kLandlord
               : ClassLabel::kPeasant;
  if (occ == Occupation::kTechnician || occ == Occupation::kStaff) {
    const int age_at_liberation = (fixed.index - birth_month) / 12;
    if (age_at_liberation >= static_cast<int>(w.P.politics_career_age)) return ClassLabel::kNationalist;
    if (occ == Occupation::kStaff) return ClassLabel::kCadre;
  }
  return plain;
}

int64_t fix_labels_at_liberation(World& w) {
  if (!w.P.rule_labels) return 0;
  Population& pop = w.people;
  const auto alive = pop.alive_flags();
  const auto ids = pop.ids();
  const auto emp = pop.employers();
  const auto occ = pop.occupations();
  const auto eth = pop.ethnicities();
  const auto org = pop.origins();
  const auto hh = pop.household_ids();
  auto lab = pop.labels();
  // The head's label for every household (an absent head leaves the members' own labels).
  std::vector<int8_t> head_label(pop.households(), -1);
  for (uint32_t i = 0; i < pop.size(); ++i) {
    if (!alive[i] || w.household_head[hh[i]] != ids[i]) continue;
    if (eth[i] == static_cast<uint8_t>(Ethnicity::kJapanese)) continue;  // Japanese: not classed (L4313)
    uint8_t l = lab[i];
    const bool angang =
        emp[i] == static_cast<uint8_t>(Employer::kWorks) || emp[i] == static_cast<uint8_t>(Employer::kConstruction);
    if (angang &&
        (occ[i] == static_cast<uint8_t>(Occupation::kTechnician) || occ[i] == static_cast<uint8_t>(Occupation::kStaff)))
      l = static_cast<uint8_t>(ClassLabel::kNationalist);
    // Merchants and house owners: heads of households outside Angang, other than peasants of the
    // blind inflow (the natives of 1916 are too few by 1948 to be the town's whole middle class).
    else if (!angang && org[i] != static_cast<uint8_t>(Origin::kBlind) &&
             rng::uniform(w.key_events, 0, ids[i], kCapitalistSlot) < w.P.politics_capitalist_share)
      l = static_cast<uint8_t>(ClassLabel::kCapitalist);
    head_label[hh[i]] = static_cast<int8_t>(l);
  }
  int64_t changed = 0;
  for (uint32_t i = 0; i < pop.size(); ++i) {
    if (!alive[i]) continue;
    uint8_t l = lab[i];
    if (head_label[hh[i]] >= 0) l = static_cast<uint8_t>(head_label[hh[i]]);
    // A Chinese technician or staff member who is not the head carries the label of his own service too.
    const bool angang =
        emp[i] == static_cast<uint8_t>(Employer::kWorks) || emp[i] == static_cast<uint8_t>(Employer::kConstruction);
    if (angang && eth[i] != static_cast<uint8_t>(Ethnicity::kJapanese) &&
        (occ[i] == static_cast<uint8_t>(Occupation::kTechnician) || occ[i] == static_cast<uint8_t>(Occupation::kStaff)))
      l = static_cast<uint8_t>(ClassLabel::kNationalist);
    changed += l != lab[i];
    lab[i] = l;
  }
  return changed;
}

}  // namespace gangdu
