#include "regimes/control.hpp"

#include <algorithm>

#include "regimes/labels.hpp"

namespace gangdu {
namespace {
bool within(Month m, double from, double to) {
  return !(m < month_of_year_fraction(from)) && m < month_of_year_fraction(to);
}
}  // namespace

ControlLine control_line(const World& w) {
  const Month m = w.clock.now();
  if (w.P.rule_party_committee && (within(m, w.P.politics_committee_1954_start, w.P.politics_committee_1954_end) ||
                                   !(m < month_of_year_fraction(w.P.politics_party_committee_start))))
    return ControlLine::kPartyCommittee;
  if (w.P.rule_one_chief && within(m, w.P.politics_one_chief_start, w.P.politics_one_chief_end))
    return ControlLine::kOneChief;
  return ControlLine::kSoeLine;
}

double local_line_weight(const World& w) {
  const double wl = std::clamp(w.P.control_local_weight, 0.0, 1.0);
  if (control_line(w) != ControlLine::kPartyCommittee) return wl;
  return wl + (1.0 - wl) * w.P.politics_committee_weight;
}

double committee_approval(const World& w, double approved, double control) {
  if (control_line(w) != ControlLine::kPartyCommittee || !(approved > 0)) return approved;
  const double preferred = std::max(approved, control) * (1.0 + w.P.politics_committee_push);
  return approved + local_line_weight(w) * (preferred - approved);
}

double feared_draft(const World& w, double draft, double control) {
  if (!(control > draft)) return draft;
  return draft + std::clamp(w.pol.fear * w.P.politics_fear_draft, 0.0, 1.0) * (control - draft);
}

double fear_pressure(const World& w) { return w.pol.fear * w.P.politics_fear_pressure; }

uint32_t promotion_label_mask(const World& w) {
  constexpr uint32_t all = (1u << kClassLabelCount) - 1;
  if (!w.pol.labels_fixed) return all;
  if (control_line(w) == ControlLine::kOneChief)
    return all & ~(1u << static_cast<int>(ClassLabel::kCounterRevolutionary)) &
           ~(1u << static_cast<int>(ClassLabel::kRightist));
  uint32_t m = 0;
  for (int l = 0; l < kClassLabelCount; ++l)
    if (!suspect_label(static_cast<uint8_t>(l))) m |= 1u << l;
  return m;
}

double expert_shield(const World& w) {
  return control_line(w) == ControlLine::kOneChief ? 1.0 - w.P.politics_one_chief_shield : 1.0;
}

}  // namespace gangdu
