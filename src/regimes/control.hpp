#pragma once
// Rule R19 "two lines of control" (issue 22): the SOE line of managers against the local
// Party line, and which of them decides plans, promotions and campaign targets, 1948-1964.
//
// Citation: L3022-3030 (the two lines; they "more often clashed"); L3072 (one-chief system:
// the manager controls all work, personnel included, early 1950s); L3100, L3134 (managers
// snubbed the Party committees, 1953-54); L3110 (a single Angang Party committee existed only
// October 1954-November 1955 before 1958); L3164 (one-chief rule abolished September 1956: the
// director's plans go to mass organisations led by the Party for discussion); L5430 (the Angang
// Party committee revived September 1958); L5106, L5178 (the Party secretary on top in the Leap).
// Switches: rule_one_chief, rule_party_committee (the 1954-55 committee and the one from 1958).
// Parameters: control_local_weight (the regime's local-line weight), politics_one_chief_start,
// politics_one_chief_end, politics_committee_1954_start, politics_committee_1954_end,
// politics_party_committee_start, politics_committee_weight, politics_committee_push,
// politics_one_chief_shield, politics_fear_draft, politics_fear_pressure.
#include "engine/world.hpp"

namespace gangdu {

enum class ControlLine : uint8_t {
  kSoeLine = 0,        // managers decide; the Party organises study (1948-52, 1956-58 without a committee)
  kOneChief = 1,       // one-chief rule: the manager alone, personnel included (1953-Sept 1956)
  kPartyCommittee = 2  // an Angang Party committee leads (Oct 1954-Nov 1955; from Sept 1958)
};

// The line in force this month (the Party committee wins where both dates hold).
ControlLine control_line(const World& w);

// Weight of the local Party line this month: the regime's control_local_weight, raised under a
// Party committee to w + (1 - w) x politics_committee_weight.
double local_line_weight(const World& w);

// Plan approval under a Party committee (L3164: drafts discussed by mass organisations; L3162:
// the City Committee resisted cuts): the approved figure moves toward the Party's preference,
// max(approved, control) x (1 + politics_committee_push), by the local line weight. Without a
// committee (or with rule_party_committee off) the approved figure is returned unchanged.
double committee_approval(const World& w, double approved, double control);

// Drafts under fear (R15 (c), L4823: fear lowers critical feedback; L5168: managers criticised
// for "rightist conservative thought"): a draft below the control figure moves toward it by
// fear x politics_fear_draft, so fewer drafts report what the unit can do. Assumption: the text
// gives no size.
double feared_draft(const World& w, double draft, double control);

// Push on political pressure from fear (fear x politics_fear_pressure), the third input of
// political_pressure (steelworks/overdrive.hpp) for overdriving and report inflation.
double fear_pressure(const World& w);

// Bit mask of the labels whose holders may be promoted to technician this month (bit = ClassLabel).
// Before liberation: all. Under one-chief rule the manager decides personnel (L3072): only
// persons convicted in campaigns (counter-revolutionaries, rightists) are barred. Otherwise the
// Party screens backgrounds (L4677, L4807): every suspect label is barred.
uint32_t promotion_label_mask(const World& w);

// Weight of a technician or staff member as a campaign suspect: under one-chief rule the
// manager shields his experts (1 - politics_one_chief_shield); otherwise 1.
double expert_shield(const World& w);

}  // namespace gangdu
