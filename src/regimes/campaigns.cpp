#include "regimes/campaigns.hpp"

#include <algorithm>

#include "people/expertise.hpp"

namespace gangdu {

double work_conditions_factor(const World& w) {
  double f = expertise_output_factor(w);  // the expert stock (people/expertise.hpp)
  const Month m = w.clock.now();
  for (const CampaignSpec& c : w.sc.campaigns)
    if (!(m < c.start) && !(c.end < m)) f *= (1.0 - c.work_time_lost) * (1.0 + c.effort_effect);
  const double shortfall = std::max(0.0, 1.0 - w.P.food_supply_index);
  f *= std::max(0.0, 1.0 - w.P.famine_effort_response * shortfall);
  return f;
}

CampaignTally campaign_month(World& w) {
  CampaignTally t;
  const Month m = w.clock.now();
  Population& pop = w.people;
  for (const CampaignSpec& c : w.sc.campaigns) {
    if (m < c.start || c.end < m) continue;
    const int months = c.end.index - c.start.index + 1;
    const double labelled = c.labelled * w.opt.scale / months;
    const int64_t n = w.event_stream.round(labelled);
    t.labelled += n;
    const double dismiss = labelled * c.dismissed_share;
    if (dismiss <= 0) continue;
    constexpr auto kWorks = static_cast<uint8_t>(Employer::kWorks);
    const auto alive = pop.alive_flags();
    const auto ids = pop.ids();
    auto emp = pop.employers();
    int64_t works = 0;
    for (size_t i = 0; i < emp.size(); ++i) works += alive[i] && emp[i] == kWorks;
    if (works == 0) continue;
    const double p = std::min(1.0, dismiss / static_cast<double>(works));
    // The month mixed into the key once (rng::uniform_m == rng::uniform).
    const uint64_t key = rng::month_key(w.key_events, w.now());
    for (size_t i = 0; i < emp.size(); ++i) {
      if (!alive[i] || emp[i] != kWorks) continue;
      if (rng::uniform_m(key, ids[i], 11) < p) {
        emp[i] = static_cast<uint8_t>(Employer::kNone);
        ++t.dismissed;
      }
    }
  }
  return t;
}

double political_target(const World& w, int year, Stage stage) {
  double v = 0.0;
  for (const TargetSpec& t : w.sc.targets)
    if (t.year == year && t.stage == stage) v = t.value_t;  // the last one listed for the year wins
  return v;
}

double famine_death_multiplier(const World& w) {
  return 1.0 + w.P.famine_death_response * std::max(0.0, 1.0 - w.P.food_supply_index);
}

}  // namespace gangdu
