#include "enterprises/labour_market.hpp"

#include <algorithm>

#include "people/migration.hpp"

namespace gangdu {

LabourTally labour_market_month(World& w, const MonthTally& t) {
  LabourTally out;
  Population& pop = w.people;
  const int32_t now = w.now();
  const double demand[3] = {0.0, w.works_demand * w.opt.scale, w.city_demand * w.opt.scale};
  const int64_t employed[3] = {0, t.works, t.city};

  // Lay-offs where an employer has more workers than it wants.
  double p_layoff[3] = {0, 0, 0};
  for (int e = 1; e <= 2; ++e)
    if (static_cast<double>(employed[e]) > demand[e] && employed[e] > 0)
      p_layoff[e] = (static_cast<double>(employed[e]) - demand[e]) / static_cast<double>(employed[e]);
  double vac[3] = {0, std::max(0.0, demand[1] - static_cast<double>(employed[1])),
                   std::max(0.0, demand[2] - static_cast<double>(employed[2]))};
  const double vac_total = vac[1] + vac[2];
  const double p_hire = t.jobless > 0 ? std::min(1.0, vac_total / static_cast<double>(t.jobless)) : 0.0;
  const double works_first = vac_total > 0 ? vac[1] / vac_total : 0.0;

  auto emp = pop.employers();
  auto lf = pop.labour_force();
  auto ids = pop.ids();
  int64_t hired[3] = {0, 0, 0};
  for (uint32_t i = 0; i < pop.size(); ++i) {
    if (!pop.alive_flags()[i] || !lf[i]) continue;
    const uint8_t e = emp[i];
    if (e != 0) {
      if (p_layoff[e] > 0 && rng::uniform(w.key_labour, now, ids[i]) < p_layoff[e]) {
        emp[i] = 0;
        if (e == 1) ++out.laid_off_works;
      }
    } else if (p_hire > 0 && rng::uniform(w.key_labour, now, ids[i], 1) < p_hire) {
      const uint8_t to = rng::uniform(w.key_labour, now, ids[i], 2) < works_first ? 1 : 2;
      emp[i] = to;
      ++hired[to];
    }
  }
  out.recruited_works += hired[1];
  // Remaining vacancies are partly filled by recruiting migrants this month.
  const double response = w.p("migration_response");
  for (int e = 1; e <= 2; ++e) {
    const double remaining = std::max(0.0, vac[e] - static_cast<double>(hired[e]));
    const int64_t n = w.migration_stream.round(remaining * response);
    for (int64_t k = 0; k < n; ++k)
      out.migrants_in += add_migrant_household(w, static_cast<Employer>(e), Origin::kRecruited);
    if (e == 1) out.recruited_works += n;
  }
  // Blind inflow: migrants who come without a job offer.
  const int64_t blind = w.migration_stream.poisson(w.p("migration_blind_inflow") * w.opt.scale);
  for (int64_t k = 0; k < blind; ++k) out.migrants_in += add_migrant_household(w, Employer::kNone, Origin::kBlind);
  return out;
}

}  // namespace gangdu
