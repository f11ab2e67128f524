#include "people/people_outputs.hpp"

namespace gangdu {

void declare_people_series(World& w) {
  auto& r = w.rec;
  auto& v = w.pv;
  const auto S = SeriesKind::kStock;
  const auto F = SeriesKind::kFlow;
  v.production_workers = r.declare("angang.production_workers", S);
  v.technicians = r.declare("angang.technicians", S);
  v.staff = r.declare("angang.staff", S);
  v.production_share = r.declare("angang.production_worker_share", S);
  v.technician_share = r.declare("angang.technician_share", S);
  v.staff_share = r.declare("angang.staff_share", S);
  v.wage_production = r.declare("angang.wage_production_worker_yuan", S);
  v.wage_technician = r.declare("angang.wage_technician_yuan", S);
  v.wage_staff = r.declare("angang.wage_staff_yuan", S);
  v.promoted = r.declare("angang.promoted_to_technician", F);
  v.construction_employees = r.declare("angang.construction_company_employees", S);
  v.industrial_workers = r.declare("anshan.industrial_workers", S);
  v.construction_workers = r.declare("anshan.construction_workers", S);
  v.housing_m2 = r.declare("anshan.housing_m2", S);
  v.housing_works_m2 = r.declare("anshan.housing_angang_m2", S);
  v.housing_city_m2 = r.declare("anshan.housing_city_soe_m2", S);
  v.housing_private_m2 = r.declare("anshan.housing_private_m2", S);
  v.housing_selfbuilt_m2 = r.declare("anshan.housing_self_built_m2", S);
  v.living_space = r.declare("anshan.living_space_m2_per_person", S);
  v.works_floor_built = r.declare("angang.housing_built_m2", F);
  v.works_floor_built_total = r.declare("angang.housing_built_cumulative_m2", S);
  v.families_in_works_housing = r.declare("angang.families_in_housing", S);
  v.families_sharing = r.declare("angang.families_sharing", S);
  v.employees_unhoused = r.declare("angang.employees_unhoused", S);
  v.households_unhoused = r.declare("anshan.households_unhoused", S);
  v.households_count = r.declare("anshan.households", S);
  v.mean_household_size = r.declare("anshan.mean_household_size", S);
  v.blind_inflow = r.declare("anshan.blind_inflow", F);
  v.unregistered = r.declare("anshan.unregistered", S);
  v.sd_population = r.declare("sd.anshan.population", S);
  v.sd_jobless = r.declare("sd.anshan.jobless", S);
  v.sd_housing_m2 = r.declare("sd.anshan.housing_m2", S);
  v.sd_living_space = r.declare("sd.anshan.living_space_m2_per_person", S);
  v.sd_migrants_in = r.declare("sd.anshan.migrants_in", F);
  v.sd_employees = r.declare("sd.angang.employees", S);
  v.sd_japanese = r.declare("sd.anshan.population_japanese", S);
  v.sd_korean = r.declare("sd.anshan.population_korean", S);
  v.sd_sent_back = r.declare("sd.anshan.sent_back", F);
}

void record_people_month(World& w, const MonthTally& t, const LabourTally& lt, const HousingTally& ht) {
  const int y = w.year();
  const double wt = w.weight;
  w.rec.add(w.pv.promoted, y, static_cast<double>(t.promoted) * wt);
  w.rec.add(w.pv.blind_inflow, y, static_cast<double>(lt.blind_in) * wt);
  w.rec.add(w.pv.works_floor_built, y, ht.works_floor_built * wt);
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
