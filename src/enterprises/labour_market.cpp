#include "enterprises/labour_market.hpp"

#include <algorithm>
#include <array>

#include "city/city_jobs.hpp"
#include "core/pool.hpp"
#include "enterprises/recruit_supply.hpp"
#include "people/demography.hpp"
#include "people/migration.hpp"

namespace gangdu {

Occupation draw_hire_occupation(const World& w, uint64_t person_id, double staff_refill) {
  const double u = rng::uniform(w.key_labour, w.now(), person_id, 3);
  const double tech = w.P.labour_technician_hire_share;
  if (u < tech) return Occupation::kTechnician;
  if (u < tech + w.P.labour_staff_hire_share + staff_refill) return Occupation::kStaff;
  return Occupation::kProduction;
}

double staff_refill_share(const World& w, const MonthTally& t, double angang_vacancies) {
  if (!w.P.rule_staff_establishment || !(angang_vacancies > 0)) return 0.0;
  int64_t angang = 0;
  for (int64_t n : t.angang_by_occupation) angang += n;
  const auto staff = static_cast<double>(t.angang_by_occupation[static_cast<size_t>(Occupation::kStaff)]);
  const double empty = w.P.labour_staff_hire_share * static_cast<double>(angang) - staff;
  if (!(empty > 0)) return 0.0;
  const double room = std::max(0.0, 1.0 - w.P.labour_technician_hire_share - w.P.labour_staff_hire_share);
  return std::min(room, empty / angang_vacancies);
}

LabourTally labour_market_month(World& w, const MonthTally& t) {
  LabourTally out;
  Population& pop = w.people;
  const int32_t now = w.now();
  constexpr int kE = kEmployerCount;
  const double demand[kE] = {0.0, w.works_demand * w.opt.scale, w.city_demand * w.opt.scale,
                             w.construction_demand * w.opt.scale};
  const int64_t employed[kE] = {0, t.works, t.city, t.construction};

  // Lay-offs where an employer has more workers than it wants.
  double p_layoff[kE] = {0, 0, 0, 0};
  double vac[kE] = {0, 0, 0, 0};
  double vac_total = 0, demand_total = 0;
  for (int e = 1; e < kE; ++e) {
    if (static_cast<double>(employed[e]) > demand[e] && employed[e] > 0)
      p_layoff[e] = (static_cast<double>(employed[e]) - demand[e]) / static_cast<double>(employed[e]);
    vac[e] = std::max(0.0, demand[e] - static_cast<double>(employed[e]));
    vac_total += vac[e];
    demand_total += demand[e];
  }
  // Hiring goes through the labour department: the unregistered jobless are hired
  // at labour_hire_unregistered times the rate of the registered (L3967, L4035).
  const double rel = w.P.labour_hire_unregistered;
  const double weighted =
      static_cast<double>(t.jobless - t.jobless_unregistered) + rel * static_cast<double>(t.jobless_unregistered);
  const double p_hire = weighted > 0 ? std::min(1.0, vac_total / weighted) : 0.0;
  const double p_hire_unreg = std::min(1.0, p_hire * rel);
  // Cumulative shares of the vacancies by employer, to pick where a hired person goes.
  double cum[kE] = {0, 0, 0, 0};
  for (int e = 1; e < kE; ++e) cum[e] = cum[e - 1] + (vac_total > 0 ? vac[e] / vac_total : 0.0);
  // Empty staff posts are refilled from this month's Angang hires (rule_staff_establishment).
  const double refill = staff_refill_share(
      w, t, vac[static_cast<int>(Employer::kWorks)] + vac[static_cast<int>(Employer::kConstruction)]);

  const uint64_t kl = rng::month_key(w.key_labour, now);  // rng::uniform_m(kl, ..) == rng::uniform(key_labour, now, ..)
  // Every draw is keyed by (person, month, purpose) and a person changes only itself, so the
  // pass runs on fixed blocks of persons in parallel (issue 23) with counts merged after.
  struct Counts {
    int64_t hired[kE] = {0, 0, 0, 0};
    int64_t laid_off_works = 0;
  };
  const size_t n = pop.size();
  const unsigned nblocks = person_blocks(n, w.opt.threads);
  std::array<Counts, kMaxPersonBlocks> counts{};
  auto pass = [&](unsigned b) {
    Counts& c = counts[b];
    auto emp = pop.employers();
    auto lf = pop.labour_force();
    auto ids = pop.ids();
    auto occ = pop.occupations();
    auto huk = pop.hukous();
    auto skills = pop.skills();
    const auto alive = pop.alive_flags();
    const auto lo = static_cast<uint32_t>(n * b / nblocks), hi = static_cast<uint32_t>(n * (b + 1) / nblocks);
    for (uint32_t i = lo; i < hi; ++i) {
      if (!alive[i] || !lf[i]) continue;
      const uint8_t e = emp[i];
      if (e != 0) {
        if (p_layoff[e] > 0 && rng::uniform_m(kl, ids[i]) < p_layoff[e]) {
          emp[i] = 0;
          occ[i] = 0;
          if (e == static_cast<uint8_t>(Employer::kWorks) || e == static_cast<uint8_t>(Employer::kConstruction))
            ++c.laid_off_works;
        }
      } else if (p_hire > 0 && rng::uniform_m(kl, ids[i], 1) <
                                   (huk[i] == static_cast<uint8_t>(Hukou::kRural) ? p_hire_unreg : p_hire)) {
        const double u = rng::uniform_m(kl, ids[i], 2);
        uint8_t to = 1;
        while (to < kE - 1 && u >= cum[to]) ++to;
        emp[i] = to;
        const bool angang =
            to == static_cast<uint8_t>(Employer::kWorks) || to == static_cast<uint8_t>(Employer::kConstruction);
        occ[i] = static_cast<uint8_t>(angang ? draw_hire_occupation(w, ids[i], refill) : Occupation::kProduction);
        if (occ[i] == static_cast<uint8_t>(Occupation::kTechnician))
          skills[i] = std::max<uint8_t>(skills[i], static_cast<uint8_t>(hire_grade(w, Occupation::kTechnician)));
        huk[i] = static_cast<uint8_t>(Hukou::kUrban);  // a job brings registration
        ++c.hired[to];
      }
    }
  };
  thread_block_pool(nblocks).run(pass);
  int64_t hired[kE] = {0, 0, 0, 0};
  for (unsigned b = 0; b < nblocks; ++b) {
    for (int e = 0; e < kE; ++e) hired[e] += counts[b].hired[e];
    out.laid_off_works += counts[b].laid_off_works;
  }
  out.recruited_works += hired[1] + hired[3];
  // Remaining vacancies are partly filled by recruiting migrants this month.
  // The hinterland yields only so many recruits a month (rule_recruit_supply): every
  // employer's want is scaled by the same share.
  const double response = w.P.migration_response;
  double remaining[kE] = {0, 0, 0, 0};
  double wanted = 0;
  for (int e = 1; e < kE; ++e) {
    remaining[e] = std::max(0.0, vac[e] - static_cast<double>(hired[e]));
    wanted += remaining[e] * response;
  }
  const double supply_share = recruit_supply_share(w, wanted);
  out.recruits_unavailable = wanted * (1.0 - supply_share);
  double still_open = 0;
  for (int e = 1; e < kE; ++e) {
    const int64_t n = w.migration_stream.round(remaining[e] * response * supply_share);
    const bool angang = e == static_cast<int>(Employer::kWorks) || e == static_cast<int>(Employer::kConstruction);
    for (int64_t k = 0; k < n; ++k) {
      // The head's occupation is drawn on the id it is about to receive.
      const Occupation o = angang ? draw_hire_occupation(w, pop.next_id(), refill) : Occupation::kProduction;
      out.migrants_in += add_migrant_household(w, static_cast<Employer>(e), Origin::kRecruited, o);
    }
    if (angang) out.recruited_works += n;
    still_open += std::max(0.0, remaining[e] - static_cast<double>(n));
  }
  w.ps.vacancy_signal = demand_total > 0 ? still_open / demand_total : 0.0;
  // Blind inflow: migrants who come without a job offer, pulled by jobs and food, held back by controls.
  const int64_t blind = w.migration_stream.poisson(blind_inflow_rate(w) * w.opt.scale);
  for (int64_t k = 0; k < blind; ++k) {
    const int64_t n = add_migrant_household(w, Employer::kNone, Origin::kBlind);
    out.migrants_in += n;
    out.blind_in += n;
  }
  return out;
}

}  // namespace gangdu
