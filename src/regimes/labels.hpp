#pragma once
// Rule R17 "class labels" (issue 22): who carries which label, from origin and history.
//
// Citation: L4503 (labels fixed from the male household head at liberation, inherited, Nationalist
// ties at the bottom); L4677 (Manchukuo and Nationalist service had to be confessed; landlords'
// and the rich's children found it hard to get Angang jobs); L4687 (workers and technicians "with
// complicated backgrounds": Nationalist officials, landlords and rich peasants); L4729 (about 40%
// of Angang's 1,296 engineers in 1952 began their careers under the Nationalists); L4269, L4697,
// L5162 (campaigns add counter-revolutionary and rightist labels; regimes/campaigns.cpp).
// Switch: rule_labels (off: everyone keeps the worker or peasant label of entry).
// Parameters: politics_label_date, politics_career_age, politics_capitalist_share,
// politics_landlord_share. Reads and writes the Population label column.
#include "engine/world.hpp"

namespace gangdu {

// Labels the Party treats as politically suspect (bottom of the hierarchy, L4503, L4687).
constexpr bool suspect_label(uint8_t l) {
  return l == static_cast<uint8_t>(ClassLabel::kCapitalist) || l == static_cast<uint8_t>(ClassLabel::kNationalist) ||
         l == static_cast<uint8_t>(ClassLabel::kLandlord) ||
         l == static_cast<uint8_t>(ClassLabel::kCounterRevolutionary) ||
         l == static_cast<uint8_t>(ClassLabel::kRightist);
}

// A month given as a fractional year (1948.08 = February 1948): month = floor(12 x fraction) + 1.
Month month_of_year_fraction(double y);

// Label of a migrant household head at entry. Before liberation (or with rule_labels off) the entry
// label of the origin (peasant for blind migrants, worker otherwise). After it: a blind (rural)
// household is landlord or rich peasant with politics_landlord_share (drawn on the id the head is
// about to receive); a recruited technician or staff member whose career began before liberation
// (aged politics_career_age or more at the label date) is former Nationalist personnel (L4729);
// a recruited staff member who started after liberation is a cadre (assumption: new staff posts
// were filled by Party-screened cadres, L4677).
ClassLabel entry_label(const World& w, Origin origin, Occupation occ, int32_t birth_month);

// At liberation (the month of politics_label_date): fixes each household's label from its head
// (L4503): Chinese technicians and staff then in the works had served the Nationalist NRC-Angang
// (L2248, L3032): nationalist; heads of native households outside Angang: capitalist with
// politics_capitalist_share (keyed draw); blind migrants keep peasant, others worker. Members take
// the head's label. Returns the number of persons whose label changed.
int64_t fix_labels_at_liberation(World& w);

}  // namespace gangdu
