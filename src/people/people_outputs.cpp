#include "people/people_outputs.hpp"

namespace gangdu {

void declare_people_series(World& w) {
  auto& r = w.rec;
  auto& v = w.pv;
  const auto S = SeriesKind::kStock;
  const auto F = SeriesKind::kFlow;
  v.production_workers =
      r.declare({"angang.production_workers", S, "persons", "Angang production workers at year end", "hiring"});
  v.technicians =
      r.declare({"angang.technicians", S, "persons", "Angang technicians (technical cadres) at year end", "promotion"});
  v.staff = r.declare({"angang.staff", S, "persons", "Angang staff (office, administration) at year end", "hiring"});
  v.production_share = r.declare(
      {"angang.production_worker_share", S, "share", "production workers / Angang employees at year end", "hiring"});
  v.technician_share =
      r.declare({"angang.technician_share", S, "share", "technicians / Angang employees at year end", "promotion"});
  v.staff_share = r.declare({"angang.staff_share", S, "share", "staff / Angang employees at year end", "hiring"});
  v.wage_production =
      r.declare({"angang.wage_production_worker_yuan", S, "yuan/yr",
                 "mean annual wage of Angang production workers at year end (wage regimes only)", "wages"});
  v.wage_technician = r.declare({"angang.wage_technician_yuan", S, "yuan/yr",
                                 "mean annual wage of Angang technicians at year end (wage regimes only)", "wages"});
  v.wage_staff = r.declare({"angang.wage_staff_yuan", S, "yuan/yr",
                            "mean annual wage of Angang staff at year end (wage regimes only)", "wages"});
  v.construction_employees = r.declare({"angang.construction_company_employees", S, "persons",
                                        "employees of Angang-Construction at year end", "hiring"});
  v.industrial_workers =
      r.declare({"anshan.industrial_workers", S, "persons",
                 "industrial workers in Anshan: the works plus the industrial share of other city jobs", "hiring"});
  v.construction_workers = r.declare(
      {"anshan.construction_workers", S, "persons",
       "construction workers in Anshan: Angang-Construction plus the construction share of other city jobs", "hiring"});
  v.housing_m2 = r.declare({"anshan.housing_m2", S, "m2", "living space in the city at year end", "R18"});
  v.housing_works_m2 =
      r.declare({"anshan.housing_angang_m2", S, "m2", "living space owned by the works at year end", "R18"});
  v.housing_city_m2 = r.declare(
      {"anshan.housing_city_soe_m2", S, "m2", "living space owned by other SOEs and the city at year end", "R18"});
  v.housing_private_m2 = r.declare({"anshan.housing_private_m2", S, "m2", "private living space at year end", "R18"});
  v.housing_selfbuilt_m2 =
      r.declare({"anshan.housing_self_built_m2", S, "m2", "self-built (mud) houses' living space at year end", "R18"});
  v.living_space =
      r.declare({"anshan.living_space_m2_per_person", S, "m2/person", "living space per resident at year end", "R18"});
  v.works_floor_built_total = r.declare({"angang.housing_built_cumulative_m2", S, "m2",
                                         "living space the works built since the start of the run", "R18"});
  v.families_in_works_housing = r.declare({"angang.families_in_housing", S, "households",
                                           "families (households of 2+) in works housing at year end", "R18"});
  v.families_sharing = r.declare({"angang.families_sharing", S, "households",
                                  "families in works housing who share a flat with another family at year end", "R18"});
  v.employees_unhoused = r.declare({"angang.employees_unhoused", S, "persons",
                                    "Angang employees whose household has no dwelling at year end", "R18"});
  v.households_unhoused =
      r.declare({"anshan.households_unhoused", S, "households", "households without a dwelling at year end", "R18"});
  v.households_count =
      r.declare({"anshan.households", S, "households", "households with members at year end", "demography"});
  v.mean_household_size =
      r.declare({"anshan.mean_household_size", S, "persons", "residents / households at year end", "demography"});
  v.unregistered = r.declare({"anshan.unregistered", S, "persons",
                              "residents with a rural hukou (unregistered in the city) at year end", "R22"});
  v.sd_population = r.declare(
      {"sd.anshan.population", S, "persons", "system-dynamics baseline: residents at year end", "sd_baseline"});
  v.sd_jobless = r.declare({"sd.anshan.jobless", S, "persons",
                            "system-dynamics baseline: jobless in the labour force at year end", "sd_baseline"});
  v.sd_housing_m2 =
      r.declare({"sd.anshan.housing_m2", S, "m2", "system-dynamics baseline: living space at year end", "sd_baseline"});
  v.sd_living_space = r.declare({"sd.anshan.living_space_m2_per_person", S, "m2/person",
                                 "system-dynamics baseline: living space per resident at year end", "sd_baseline"});
  v.sd_migrants_in = r.declare({"sd.anshan.migrants_in", F, "persons",
                                "system-dynamics baseline: migrants who arrived in the year", "sd_baseline"});
  v.sd_employees = r.declare({"sd.angang.employees", S, "persons",
                              "system-dynamics baseline: employees of the works at year end", "sd_baseline"});
  v.sd_japanese = r.declare({"sd.anshan.population_japanese", S, "persons",
                             "system-dynamics baseline: Japanese residents at year end", "sd_baseline"});
  v.sd_korean = r.declare({"sd.anshan.population_korean", S, "persons",
                           "system-dynamics baseline: Korean residents at year end", "sd_baseline"});
  v.sd_sent_back = r.declare(
      {"sd.anshan.sent_back", F, "persons", "system-dynamics baseline: persons sent back in the year", "sd_baseline"});
}

void record_people_year(World& w, const MonthTally&) {
  const int y = w.year();
  const double wt = w.weight;
  auto& r = w.rec;
  const auto& v = w.pv;
  const Population& pop = w.people;
  // Occupations and wages after this month's hiring.
  int64_t occ_n[kOccupationCount] = {0, 0, 0, 0};
  double occ_w[kOccupationCount] = {0, 0, 0, 0};
  int64_t construction = 0, works = 0, city = 0, unhoused_emp = 0, unregistered = 0;
  auto emp = pop.employers();
  auto occ = pop.occupations();
  auto wage = pop.wages();
  auto hh = pop.household_ids();
  auto dw = pop.household_dwellings();
  for (uint32_t i = 0; i < pop.size(); ++i) {
    if (!pop.alive_flags()[i]) continue;
    unregistered += pop.hukous()[i] == static_cast<uint8_t>(Hukou::kRural);
    const uint8_t e = emp[i];
    if (e == static_cast<uint8_t>(Employer::kCity)) ++city;
    if (e != static_cast<uint8_t>(Employer::kWorks) && e != static_cast<uint8_t>(Employer::kConstruction)) continue;
    (e == static_cast<uint8_t>(Employer::kWorks) ? works : construction)++;
    const uint8_t o = occ[i] == 0 ? 1 : occ[i];
    ++occ_n[o];
    occ_w[o] += wage[i];
    unhoused_emp += dw[hh[i]] == static_cast<uint8_t>(Dwelling::kNone);
  }
  const double total = static_cast<double>(occ_n[1] + occ_n[2] + occ_n[3]);
  r.set(v.production_workers, y, static_cast<double>(occ_n[1]) * wt);
  r.set(v.technicians, y, static_cast<double>(occ_n[2]) * wt);
  r.set(v.staff, y, static_cast<double>(occ_n[3]) * wt);
  if (total > 0) {
    r.set(v.production_share, y, static_cast<double>(occ_n[1]) / total);
    r.set(v.technician_share, y, static_cast<double>(occ_n[2]) / total);
    r.set(v.staff_share, y, static_cast<double>(occ_n[3]) / total);
  }
  // Wages only where a wage scale is modelled (wage_scale_yuan > 0: the yuan of the PRC).
  if (w.ps.wage_scale > 0) {
    if (occ_n[1]) r.set(v.wage_production, y, occ_w[1] / static_cast<double>(occ_n[1]));
    if (occ_n[2]) r.set(v.wage_technician, y, occ_w[2] / static_cast<double>(occ_n[2]));
    if (occ_n[3]) r.set(v.wage_staff, y, occ_w[3] / static_cast<double>(occ_n[3]));
  }
  r.set(v.construction_employees, y, static_cast<double>(construction) * wt);
  // Anshan's industrial workers: the works' employees plus the industrial share of other
  // city jobs; its construction workers: Angang-Construction's plus the other builders' share.
  r.set(v.industrial_workers, y,
        (static_cast<double>(works) + w.P.city_industrial_share * static_cast<double>(city)) * wt);
  r.set(v.construction_workers, y,
        (static_cast<double>(construction) + w.P.city_construction_share * static_cast<double>(city)) * wt);
  r.set(v.employees_unhoused, y, static_cast<double>(unhoused_emp) * wt);
  r.set(v.unregistered, y, static_cast<double>(unregistered) * wt);

  // Households and housing.
  const auto& hs = w.housing;
  int64_t households = 0, unhoused = 0, families_works = 0, sharing = 0;
  auto size = pop.household_sizes();
  auto own = pop.household_owners();
  for (uint32_t h = 0; h < pop.households(); ++h) {
    if (size[h] == 0) continue;
    ++households;
    unhoused += dw[h] == static_cast<uint8_t>(Dwelling::kNone);
    if (own[h] == static_cast<uint8_t>(Owner::kWorks) && size[h] > 1) {
      ++families_works;
      sharing += dw[h] == static_cast<uint8_t>(Dwelling::kSharedFlat);
    }
  }
  double stock = 0;
  for (double s : hs.stock) stock += s;
  r.set(v.housing_m2, y, stock * wt);
  r.set(v.housing_works_m2, y, hs.stock[static_cast<size_t>(Owner::kWorks)] * wt);
  r.set(v.housing_city_m2, y, hs.stock[static_cast<size_t>(Owner::kCity)] * wt);
  r.set(v.housing_private_m2, y, hs.stock[static_cast<size_t>(Owner::kPrivate)] * wt);
  r.set(v.housing_selfbuilt_m2, y, hs.stock[static_cast<size_t>(Owner::kSelfBuilt)] * wt);
  r.set(v.living_space, y, pop.living() > 0 ? stock / static_cast<double>(pop.living()) : 0.0);
  r.set(v.works_floor_built_total, y, hs.works_floor_built_total * wt);
  r.set(v.families_in_works_housing, y, static_cast<double>(families_works) * wt);
  r.set(v.families_sharing, y, static_cast<double>(sharing) * wt);
  r.set(v.households_unhoused, y, static_cast<double>(unhoused) * wt);
  r.set(v.households_count, y, static_cast<double>(households) * wt);
  r.set(v.mean_household_size, y, households > 0 ? static_cast<double>(pop.living()) / static_cast<double>(households) : 0.0);
}

}  // namespace gangdu
