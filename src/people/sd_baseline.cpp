#include "people/sd_baseline.hpp"

#include <algorithm>
#include <cmath>

#include "enterprises/recruit_supply.hpp"
#include "people/blind_inflow.hpp"

namespace gangdu {
namespace {
constexpr size_t kLagMonths = 16 * 12;      // assumption: entry into the labour force at 16 (as the agents)
constexpr double kChildrenPerFamily = 1.6;  // as add_migrant_household (assumption there)
}  // namespace

void sd_step(World& w, const PopulationEventTally&) {
  SdState& s = w.sd;
  if (!s.started) {
    s.started = true;
    s.population = {w.sc.population.chinese, w.sc.population.japanese, w.sc.population.korean};
    // assumption: as the seeded households (head a working-age man, mixed ages): ~30% in the labour force.
    s.labour = 0.3 * s.total();
    s.employed = 0;
    s.housing_m2 = w.P.housing_initial_m2_per_person * s.total();
    s.births.assign(kLagMonths, s.total() * w.P.people_birth_rate / 12.0);
  }
  const double P = s.total();
  // Natural change.
  const double b = w.P.people_birth_rate / 12.0, d = w.P.people_death_rate / 12.0;
  for (double& p : s.population) p += (b - d) * p;
  const double entering = 0.5 * 0.85 * s.births[s.birth_pos];  // sons of 16 years ago (survival: assumption)
  s.births[s.birth_pos] = b * P;
  s.birth_pos = (s.birth_pos + 1) % kLagMonths;
  s.labour +=
      entering - s.labour / (44.0 * 12.0) - 0.4 * d * s.labour;  // retirement; working-age mortality (x0.4 as agents)
  s.employed = std::min(s.employed, s.labour);

  const double fam = w.P.migration_family_share;
  const double persons_per_migrant = 1.0 + fam * (1.0 + kChildrenPerFamily);
  const double jp = w.P.migration_japanese_share, kr = w.P.migration_korean_share;
  auto add_persons = [&](double persons) {
    s.population[0] += persons * (1.0 - jp - kr);
    s.population[1] += persons * jp;
    s.population[2] += persons * kr;
  };
  // Labour market.
  const double demand = w.works_demand + w.construction_demand + w.city_demand;
  s.migrants_in_month = 0;
  if (s.employed > demand) {
    s.employed = demand;
  } else {
    // Hiring from the jobless; the unregistered at labour_hire_unregistered the rate (as the agents).
    const double jobless = std::max(0.0, s.labour - s.employed);
    const double unreg = std::min(s.unregistered_jobless, jobless);
    const double hireable = (jobless - unreg) + w.P.labour_hire_unregistered * unreg;
    const double hires = std::min(demand - s.employed, hireable);
    s.unregistered_jobless =
        std::max(0.0, unreg - (hireable > 0 ? hires * w.P.labour_hire_unregistered * unreg / hireable : 0.0));
    s.employed += hires;
    const double want = (demand - s.employed) * w.P.migration_response;
    const double recruits = want * recruit_supply_share(w, want * w.opt.scale);
    s.employed += recruits;
    s.labour += recruits;
    add_persons(recruits * persons_per_migrant);
    s.migrants_in_month += recruits * persons_per_migrant;
  }
  s.vacancy_signal = demand > 0 ? std::max(0.0, demand - s.employed) / demand : 0.0;
  // Blind inflow with the SD's own vacancy signal.
  const double blind = blind_inflow(w.P, s.vacancy_signal, w.ps.avg_production_wage);
  s.labour += blind;
  s.unregistered_jobless += blind;
  add_persons(blind * persons_per_migrant);
  s.migrants_in_month += blind * persons_per_migrant;
  // Jobless departures (with their families).
  const double jobless = std::max(0.0, s.labour - s.employed);
  const double ret = w.P.migration_jobless_return;
  const double ret_unreg = ret * (1.0 + w.P.migration_control * w.P.migration_unregistered_return);
  const double unreg = std::min(s.unregistered_jobless, jobless);
  const double leavers = ret * (jobless - unreg) + ret_unreg * unreg;
  s.unregistered_jobless -= ret_unreg * unreg;
  s.labour -= leavers;
  const double Pnow = s.total();
  if (Pnow > 0) {
    const double out = std::min(Pnow, leavers * persons_per_migrant);
    for (double& p : s.population) p -= out * p / Pnow;
  }
  // Dated events, as the agents see them (at persons' scale).
  s.sent_back_month = 0;
  const Month m = w.clock.now();
  for (const EventSpec& e : w.sc.events) {
    if (e.date > m) break;
    if (e.kind == EventKind::kSendBack && e.date == m) {
      const double removed = std::min(e.value, s.unregistered_jobless * persons_per_migrant);
      const double workers = removed / persons_per_migrant;
      s.unregistered_jobless -= workers;
      s.labour -= workers;
      const double Pn = s.total();
      for (double& p : s.population) p -= removed * p / Pn;
      s.sent_back_month += removed;
    }
    if (e.kind == EventKind::kRepatriate && m.index >= e.date.index && m.index < e.date.index + e.months) {
      const size_t g = e.target == "japanese" ? 1 : e.target == "korean" ? 2 : 0;
      const double p = 1.0 - std::pow(1.0 - e.share, 1.0 / e.months);
      const double gone = s.population[g] * p;
      const double Pn = s.total();
      s.labour -= Pn > 0 ? s.labour * gone / Pn : 0.0;
      s.population[g] -= gone;
    }
  }
  s.labour = std::max(0.0, s.labour);
  s.employed = std::min(s.employed, s.labour);
  s.unregistered_jobless = std::clamp(s.unregistered_jobless, 0.0, std::max(0.0, s.labour - s.employed));
  // Housing.
  const double built = w.construction_demand * w.P.housing_unproductive_share * w.P.housing_m2_per_worker_year / 12.0 *
                           w.P.housing_living_share +
                       w.city_demand * w.P.housing_city_m2_per_job_year / 12.0;
  const double unhoused = std::max(0.0, s.total() - s.housing_m2 / w.P.housing_dorm_m2);
  const double self_built = w.P.housing_selfbuild_rate * unhoused * w.P.housing_selfbuilt_m2_per_person;
  s.housing_m2 = (s.housing_m2 + built + self_built) * std::pow(1.0 - w.P.housing_decay_rate, 1.0 / 12.0);

  const int y = w.year();
  w.rec.add(w.pv.sd_migrants_in, y, s.migrants_in_month);
  w.rec.add(w.pv.sd_sent_back, y, s.sent_back_month);
  if (m.is_december()) sd_record_year(w);
}

void sd_record_year(World& w) {
  const SdState& s = w.sd;
  const int y = w.year();
  const double P = s.total();
  w.rec.set(w.pv.sd_population, y, P);
  w.rec.set(w.pv.sd_japanese, y, s.population[1]);
  w.rec.set(w.pv.sd_korean, y, s.population[2]);
  w.rec.set(w.pv.sd_jobless, y, std::max(0.0, s.labour - s.employed));
  w.rec.set(w.pv.sd_housing_m2, y, s.housing_m2);
  w.rec.set(w.pv.sd_living_space, y, P > 0 ? s.housing_m2 / P : 0.0);
  const double demand = w.works_demand + w.construction_demand + w.city_demand;
  w.rec.set(w.pv.sd_employees, y, demand > 0 ? s.employed * (w.works_demand + w.construction_demand) / demand : 0.0);
}

}  // namespace gangdu
