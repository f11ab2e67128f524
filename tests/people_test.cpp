// Tests of the people layer (issue 5): vital rates, household formation,
// migration controls, housing allocation rules, wages, the SD baseline.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "city/housing.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "engine/model.hpp"
#include "enterprises/labour_market.hpp"
#include "experiments/validate.hpp"
#include "people/demography.hpp"
#include "people/family_follow.hpp"
#include "people/migration.hpp"
#include "people/sd_baseline.hpp"

namespace gangdu {
namespace {

const Scenario& default_scenario() {
  static const Scenario sc = load_default_scenario();
  return sc;
}

std::unique_ptr<World> make_world(double scale = 1.0, uint64_t seed = 7) {
  RunOptions o;
  o.seed = seed;
  o.scale = scale;
  auto w = std::make_unique<World>(default_scenario(), o);
  w->regimes.apply(w->clock.now(), w->params);
  return w;
}

// A one-person household of a given age/sex, returns the person index.
uint32_t add_single(World& w, int age, Sex sex, Employer e = Employer::kNone, Occupation occ = Occupation::kNone,
                    Hukou hk = Hukou::kUrban, Origin origin = Origin::kNative) {
  const uint32_t h = create_household(w, 0);
  const bool lf = sex == Sex::kMale && age >= 16 && age < 60;
  const uint32_t i = w.people.add({w.now() - age * 12, sex, Ethnicity::kChinese, origin, h, lf, e, occ, hk});
  w.household_head[h] = w.people.ids()[i];
  return i;
}

// --- vital rates -------------------------------------------------------------

TEST(VitalRates, DeathsFollowTheCrudeRateTimesTheAgeFactor) {
  auto w = make_world();
  w->params.set("people_death_rate", 0.05);
  w->params.set("people_birth_rate", 0.0);
  w->params.set("migration_jobless_return", 0.0);
  w->params.set("people_leave_home_rate", 0.0);
  w->params.set("people_marriage_rate", 0.0);
  const int n = 40000;
  for (int k = 0; k < n; ++k) add_single(*w, 25, Sex::kFemale);  // age factor 0.4
  int64_t deaths = 0;
  for (int m = 0; m < 12; ++m) {
    MonthTally t;
    demography_month(*w, t);
    deaths += t.deaths;
    w->clock.advance();
  }
  const double expected = n * (1.0 - std::pow(1.0 - 0.05 * 0.4 / 12.0, 12));  // ~ 792
  EXPECT_NEAR(static_cast<double>(deaths), expected, 4.0 * std::sqrt(expected));
  EXPECT_EQ(static_cast<int64_t>(w->people.living()), n - deaths);
}

TEST(VitalRates, NoDeathsAtAZeroRateAndInfantsDieMore) {
  EXPECT_GT(mortality_age_factor(0), mortality_age_factor(30));
  EXPECT_GT(mortality_age_factor(70), mortality_age_factor(30));
  auto w = make_world();
  w->params.set("people_death_rate", 0.0);
  w->params.set("people_birth_rate", 0.0);
  for (int k = 0; k < 1000; ++k) add_single(*w, 80, Sex::kMale);
  MonthTally t;
  demography_month(*w, t);
  EXPECT_EQ(t.deaths, 0);
  EXPECT_EQ(t.living, 1000);
}

TEST(VitalRates, BirthsMatchTheCrudeRate) {
  auto w = make_world();
  w->params.set("people_death_rate", 0.0);
  w->params.set("people_birth_rate", 0.04);
  const int n = 30000;
  for (int k = 0; k < n; ++k) add_single(*w, 25, k % 2 ? Sex::kFemale : Sex::kMale);
  w->persons_per_woman = 2.0;  // half the persons are women 15-49
  MonthTally t;
  demography_month(*w, t);
  const double expected = n * 0.04 / 12.0;  // 100 a month
  EXPECT_NEAR(static_cast<double>(t.births), expected, 4.0 * std::sqrt(expected));
  // Newborns join their mother's household and carry her registration.
  const Population& pop = w->people;
  for (uint32_t i = n; i < pop.size(); ++i) {
    EXPECT_EQ(pop.origins()[i], static_cast<uint8_t>(Origin::kBorn));
    EXPECT_EQ(pop.household_sizes()[pop.household_ids()[i]], 2);
  }
  EXPECT_NEAR(w->persons_per_woman, static_cast<double>(t.living) / static_cast<double>(t.fertile_women), 1e-9);
}

// --- households ----------------------------------------------------------------

TEST(Households, MigrantHouseholdsFollowTheFamilyShare) {
  auto w = make_world();
  w->params.set("migration_family_share", 0.0);
  EXPECT_EQ(add_migrant_household(*w, Employer::kWorks, Origin::kRecruited), 1);
  w->params.set("migration_family_share", 1.0);
  int64_t persons = 0;
  for (int k = 0; k < 200; ++k) persons += add_migrant_household(*w, Employer::kWorks, Origin::kRecruited);
  EXPECT_GE(persons, 400);  // head + spouse at least
  // The household table counts exactly the members.
  std::vector<int> count(w->people.households(), 0);
  for (uint32_t i = 0; i < w->people.size(); ++i) ++count[w->people.household_ids()[i]];
  for (uint32_t h = 0; h < w->people.households(); ++h) EXPECT_EQ(count[h], w->people.household_sizes()[h]);
  // Construction recruits use their own family share.
  w->params.set("migration_construction_family_share", 0.0);
  EXPECT_EQ(add_migrant_household(*w, Employer::kConstruction, Origin::kRecruited), 1);
}

TEST(Households, BlindMigrantsAreUnregisteredRecruitsRegistered) {
  auto w = make_world();
  w->params.set("migration_family_share", 1.0);
  add_migrant_household(*w, Employer::kNone, Origin::kBlind);
  add_migrant_household(*w, Employer::kWorks, Origin::kRecruited, Occupation::kTechnician);
  const Population& pop = w->people;
  for (uint32_t i = 0; i < pop.size(); ++i) {
    const bool blind = pop.origins()[i] == static_cast<uint8_t>(Origin::kBlind);
    EXPECT_EQ(pop.hukous()[i], static_cast<uint8_t>(blind ? Hukou::kRural : Hukou::kUrban));
    EXPECT_EQ(pop.labels()[i], static_cast<uint8_t>(blind ? ClassLabel::kPeasant : ClassLabel::kWorker));
  }
  // The recruited head has the occupation he was hired for.
  bool found = false;
  for (uint32_t i = 0; i < pop.size(); ++i)
    if (pop.employers()[i] == static_cast<uint8_t>(Employer::kWorks)) {
      EXPECT_EQ(pop.occupations()[i], static_cast<uint8_t>(Occupation::kTechnician));
      found = true;
    }
  EXPECT_TRUE(found);
}

TEST(Households, SonsLeaveHomeAndSingleMenMarry) {
  auto w = make_world();
  w->params.set("people_death_rate", 0.0);
  w->params.set("people_birth_rate", 0.0);
  w->params.set("labour_skill_upgrade_rate", 0.0);
  w->params.set("labour_promotion_rate", 0.0);
  w->params.set("people_leave_home_rate", 1.0);  // certain (given the other intervals are empty)
  w->params.set("people_marriage_rate", 0.0);
  // A father and an employed son of 20 in one household.
  const uint32_t father = add_single(*w, 45, Sex::kMale, Employer::kWorks);
  const uint32_t h = w->people.household_ids()[father];
  const uint32_t son = w->people.add({w->now() - 20 * 12, Sex::kMale, Ethnicity::kChinese, Origin::kBorn, h, true,
                                      Employer::kWorks});
  ASSERT_EQ(w->people.household_sizes()[h], 2);
  MonthTally t;
  demography_month(*w, t);
  EXPECT_EQ(t.new_households, 1);  // the head does not leave his own household
  const uint32_t nh = w->people.household_ids()[son];
  EXPECT_NE(nh, h);
  EXPECT_EQ(w->people.household_sizes()[h], 1);
  EXPECT_EQ(w->people.household_sizes()[nh], 1);
  EXPECT_EQ(w->household_head[nh], w->people.ids()[son]);
  // Marriage: the single head gets a wife in his household.
  w->params.set("people_leave_home_rate", 0.0);
  w->params.set("people_marriage_rate", 1.0);
  w->params.set("people_housing_marriage_deterrent", 0.0);
  w->clock.advance();
  MonthTally t2;
  demography_month(*w, t2);
  EXPECT_EQ(t2.marriages, 1);  // the father, now alone; the son (20) is too young
  EXPECT_EQ(w->people.household_sizes()[h], 2);
}

TEST(Households, NoMarriageWithoutADwellingUnderFullDeterrent) {
  auto w = make_world();
  w->params.set("people_death_rate", 0.0);
  w->params.set("people_birth_rate", 0.0);
  w->params.set("labour_skill_upgrade_rate", 0.0);
  w->params.set("labour_promotion_rate", 0.0);
  w->params.set("people_leave_home_rate", 0.0);
  w->params.set("people_marriage_rate", 1.0);
  w->params.set("people_housing_marriage_deterrent", 1.0);
  for (int k = 0; k < 100; ++k) add_single(*w, 30, Sex::kMale, Employer::kWorks);
  MonthTally t;
  demography_month(*w, t);
  EXPECT_EQ(t.marriages, 0);
  // Housed men marry.
  for (uint32_t h = 0; h < w->people.households(); ++h)
    w->people.household_dwellings()[h] = static_cast<uint8_t>(Dwelling::kDormitory);
  w->clock.advance();
  MonthTally t2;
  demography_month(*w, t2);
  EXPECT_EQ(t2.marriages, 100);
}

TEST(Households, FamiliesFollowEmployedRecruitsAndSoonerWhenHoused) {
  auto w = make_world();
  w->params.set("migration_family_share", 1.0);
  // Rule off: the family comes with the worker.
  w->params.set("migration_family_follow_rate", 0.0);
  EXPECT_GE(add_migrant_household(*w, Employer::kWorks, Origin::kRecruited), 2);
  EXPECT_TRUE(w->waiting_families.empty());
  // Rule on: recruits come alone and their families wait; blind migrants still come as families.
  w->params.set("migration_family_follow_rate", 0.5);
  w->params.set("people_housing_marriage_deterrent", 0.8);
  const int n = 4000;
  for (int k = 0; k < n; ++k) EXPECT_EQ(add_migrant_household(*w, Employer::kWorks, Origin::kRecruited), 1);
  ASSERT_EQ(w->waiting_families.size(), static_cast<size_t>(n));
  EXPECT_GE(add_migrant_household(*w, Employer::kNone, Origin::kBlind), 2);
  EXPECT_EQ(w->waiting_families.size(), static_cast<size_t>(n));
  // Half of the workers housed; none employed yet at the tally: nobody sends for a family.
  for (int k = 0; k < n; k += 2)
    w->people.household_dwellings()[w->waiting_families[static_cast<size_t>(k)].household] =
        static_cast<uint8_t>(Dwelling::kDormitory);
  EXPECT_EQ(family_follow_month(*w), 0);
  // Employed (this month's tally): housed families join at 0.5, unhoused at 0.5 x (1 - 0.8).
  MonthTally t;
  tally_living(*w, t);
  std::vector<uint32_t> housed, unhoused;
  for (const auto& f : w->waiting_families)
    (w->people.household_dwellings()[f.household] != 0 ? housed : unhoused).push_back(f.household);
  const int64_t joined = family_follow_month(*w);
  int housed_joined = 0, unhoused_joined = 0;
  for (uint32_t h : housed) housed_joined += w->people.household_sizes()[h] > 1;
  for (uint32_t h : unhoused) unhoused_joined += w->people.household_sizes()[h] > 1;
  EXPECT_NEAR(housed_joined, 0.5 * n / 2, 4 * std::sqrt(0.25 * n / 2));
  EXPECT_NEAR(unhoused_joined, 0.1 * n / 2, 4 * std::sqrt(0.09 * n / 2));
  EXPECT_GE(joined, housed_joined + unhoused_joined);  // a spouse at least
  EXPECT_EQ(w->waiting_families.size(), static_cast<size_t>(n - housed_joined - unhoused_joined));
  // The household table counts exactly the members; a worker who left drops his waiting family.
  std::vector<int> count(w->people.households(), 0);
  for (uint32_t i = 0; i < w->people.size(); ++i) count[w->people.household_ids()[i]] += w->people.alive_flags()[i];
  for (uint32_t h = 0; h < w->people.households(); ++h) EXPECT_EQ(count[h], w->people.household_sizes()[h]);
  const uint32_t gone = w->waiting_families.front().household;
  for (uint32_t i = 0; i < w->people.size(); ++i)
    if (w->people.household_ids()[i] == gone) w->people.remove(i);
  const size_t before = w->waiting_families.size();
  w->params.set("migration_family_follow_rate", 0.0001);
  family_follow_month(*w);
  EXPECT_LT(w->waiting_families.size(), before);
  for (const auto& f : w->waiting_families) EXPECT_NE(f.household, gone);
}

// --- migration controls --------------------------------------------------------

TEST(MigrationControls, FullControlStopsBlindInflow) {
  auto w = make_world();
  w->params.set("migration_blind_inflow", 1000);
  w->params.set("migration_ration_gap", 0.802);
  w->params.set("migration_food_weight", 1.0);
  w->params.set("migration_wage_weight", 0.0);
  w->ps.vacancy_signal = 0.1;
  w->params.set("migration_control", 0.0);
  const double open = blind_inflow_rate(*w);
  EXPECT_NEAR(open, 1000 * (0.1 + (1.0 / 0.802 - 1.0)), 1e-9);
  w->params.set("migration_control", 0.5);
  EXPECT_NEAR(blind_inflow_rate(*w), 0.5 * open, 1e-9);
  w->params.set("migration_control", 1.0);
  EXPECT_EQ(blind_inflow_rate(*w), 0.0);
  // No food gap, no open jobs, no wage gain: no pull.
  w->params.set("migration_control", 0.0);
  w->params.set("migration_ration_gap", 1.0);
  w->ps.vacancy_signal = 0.0;
  EXPECT_EQ(blind_inflow_rate(*w), 0.0);
  // Higher wages pull more.
  w->params.set("migration_wage_weight", 1.0);
  w->params.set("migration_rural_income_yuan", 100);
  w->ps.avg_production_wage = 200;
  EXPECT_NEAR(blind_inflow_rate(*w), 500.0, 1e-9);
  w->ps.avg_production_wage = 1000;
  EXPECT_NEAR(blind_inflow_rate(*w), 900.0, 1e-9);
}

TEST(MigrationControls, SendBackTakesOnlyJoblessMigrantsAndMeetsItsQuota) {
  auto w = make_world();
  const int n = 4000;
  for (int k = 0; k < n; ++k) add_single(*w, 30, Sex::kMale, Employer::kNone, Occupation::kNone, Hukou::kRural, Origin::kBlind);
  for (int k = 0; k < 500; ++k) add_single(*w, 30, Sex::kMale, Employer::kWorks, Occupation::kProduction, Hukou::kUrban, Origin::kRecruited);
  for (int k = 0; k < 500; ++k) add_single(*w, 30, Sex::kMale);  // jobless natives: not sent back
  const int64_t sent = send_back_drive(*w, 1000);
  EXPECT_NEAR(static_cast<double>(sent), 1000.0, 4.0 * std::sqrt(1000.0));
  const Population& pop = w->people;
  int employed = 0, natives = 0;
  for (uint32_t i = 0; i < pop.size(); ++i) {
    if (!pop.alive_flags()[i]) continue;
    employed += pop.employers()[i] != 0;
    natives += pop.origins()[i] == static_cast<uint8_t>(Origin::kNative);
  }
  EXPECT_EQ(employed, 500);
  EXPECT_EQ(natives, 500);
  // A quota larger than the candidates sends everyone eligible.
  EXPECT_EQ(send_back_drive(*w, 1e9), n - sent);
}

TEST(MigrationControls, GrainLinkRaisesReturnOfUnregisteredJobless) {
  auto run = [](double control) {
    auto w = make_world();
    w->params.set("people_death_rate", 0.0);
    w->params.set("people_birth_rate", 0.0);
    w->params.set("migration_jobless_return", 0.05);
    w->params.set("migration_unregistered_return", 2.0);
    w->params.set("migration_control", control);
    for (int k = 0; k < 20000; ++k) add_single(*w, 30, Sex::kMale, Employer::kNone, Occupation::kNone, Hukou::kRural, Origin::kBlind);
    MonthTally t;
    demography_month(*w, t);
    return t.left;
  };
  const int64_t free_left = run(0.0), controlled_left = run(1.0);
  EXPECT_NEAR(static_cast<double>(free_left), 1000.0, 150.0);
  EXPECT_NEAR(static_cast<double>(controlled_left), 3000.0, 250.0);
}

// The Japanese were stranded between the surrender and the organised repatriation
// (L1872): with migration_japanese_leave_factor 0 none of them leaves on their own.
TEST(MigrationControls, StrandedJapaneseDoNotLeave) {
  auto run = [](double factor) {
    auto w = make_world();
    w->params.set("people_death_rate", 0.0);
    w->params.set("people_birth_rate", 0.0);
    w->params.set("migration_jobless_return", 0.05);
    w->params.set("migration_control", 0.0);
    w->params.set("migration_japanese_leave_factor", factor);
    for (int k = 0; k < 20000; ++k) {
      const uint32_t h = create_household(*w, 0);
      const Ethnicity eth = k % 2 ? Ethnicity::kJapanese : Ethnicity::kChinese;
      const uint32_t i = w->people.add({w->now() - 30 * 12, Sex::kMale, eth, Origin::kNative, h, true});
      w->household_head[h] = w->people.ids()[i];
    }
    MonthTally t;
    demography_month(*w, t);
    return std::pair<int64_t, int64_t>{10000 - t.by_ethnicity[static_cast<size_t>(Ethnicity::kChinese)],
                                       10000 - t.by_ethnicity[static_cast<size_t>(Ethnicity::kJapanese)]};
  };
  const auto [chinese_left, japanese_left] = run(0.0);
  EXPECT_NEAR(static_cast<double>(chinese_left), 500.0, 90.0);
  EXPECT_EQ(japanese_left, 0);
  const auto [chinese_open, japanese_open] = run(1.0);
  EXPECT_EQ(chinese_open, chinese_left);  // the same draws for the others
  EXPECT_NEAR(static_cast<double>(japanese_open), 500.0, 90.0);
}

TEST(MigrationControls, UnregisteredJoblessAreHiredLess) {
  auto w = make_world();
  w->params.set("labour_hire_unregistered", 0.0);
  w->params.set("migration_response", 0.0);
  w->params.set("migration_blind_inflow", 0.0);
  for (int k = 0; k < 1000; ++k) add_single(*w, 30, Sex::kMale, Employer::kNone, Occupation::kNone, Hukou::kRural, Origin::kBlind);
  for (int k = 0; k < 1000; ++k) add_single(*w, 30, Sex::kMale);
  w->works_demand = 500;
  MonthTally t;
  tally_living(*w, t);
  labour_market_month(*w, t);
  int hired_rural = 0, hired_urban = 0;
  const Population& pop = w->people;
  for (uint32_t i = 0; i < pop.size(); ++i) {
    if (!pop.employers()[i]) continue;
    (pop.origins()[i] == static_cast<uint8_t>(Origin::kBlind) ? hired_rural : hired_urban)++;
    EXPECT_EQ(pop.hukous()[i], static_cast<uint8_t>(Hukou::kUrban));  // a job brings registration
  }
  EXPECT_EQ(hired_rural, 0);
  EXPECT_NEAR(hired_urban, 500, 80);
}

// --- housing allocation rules ----------------------------------------------------

struct HousingFixture : ::testing::Test {
  std::unique_ptr<World> w = make_world();
  void SetUp() override {
    for (const char* p : {"housing_unproductive_share", "housing_city_m2_per_job_year", "housing_decay_rate",
                          "housing_selfbuild_rate", "housing_share_policy"})
      w->params.set(p, 0.0);
    w->params.set("housing_flat_m2", 20);
    w->params.set("housing_dorm_m2", 2);
  }
  uint32_t family(Employer e, Occupation occ, int skill = 1) {
    const uint32_t i = add_single(*w, 35, Sex::kMale, e, occ);
    w->people.skills()[i] = static_cast<uint8_t>(skill);
    const uint32_t h = w->people.household_ids()[i];
    w->people.add({w->now() - 30 * 12, Sex::kFemale, Ethnicity::kChinese, Origin::kNative, h, false});
    return h;
  }
  void step() {
    MonthTally t;
    tally_living(*w, t);
    HousingTally ht;
    housing_month(*w, 0, 0, ht);
  }
  Dwelling dwelling(uint32_t h) const { return static_cast<Dwelling>(w->people.household_dwellings()[h]); }
};

TEST_F(HousingFixture, CadresBeforeWorkersAndOnlyTheEmployersOwnPeople) {
  const uint32_t worker = family(Employer::kWorks, Occupation::kProduction, 1);  // older household, lower rank
  const uint32_t city = family(Employer::kCity, Occupation::kProduction, 8);
  const uint32_t tech = family(Employer::kWorks, Occupation::kTechnician, 1);
  w->housing.stock[static_cast<size_t>(Owner::kWorks)] = 20;  // one flat
  step();
  EXPECT_EQ(dwelling(tech), Dwelling::kFlat);
  EXPECT_EQ(dwelling(worker), Dwelling::kNone);
  EXPECT_EQ(dwelling(city), Dwelling::kNone);  // Angang housing is for Angang's people
  EXPECT_EQ(w->people.household_owners()[tech], static_cast<uint8_t>(Owner::kWorks));
  EXPECT_NEAR(w->housing.used[static_cast<size_t>(Owner::kWorks)], 20.0, 1e-9);
}

TEST_F(HousingFixture, SinglesGetDormitoryBeds) {
  const uint32_t i = add_single(*w, 22, Sex::kMale, Employer::kWorks, Occupation::kProduction);
  const uint32_t h = w->people.household_ids()[i];
  w->housing.stock[static_cast<size_t>(Owner::kWorks)] = 3;  // a bed, not a flat
  step();
  EXPECT_EQ(dwelling(h), Dwelling::kDormitory);
  EXPECT_FLOAT_EQ(w->people.household_m2()[h], 2.0f);
}

TEST_F(HousingFixture, SharingWhenFlatsAreShort) {
  std::vector<uint32_t> hs;
  for (int k = 0; k < 10; ++k) hs.push_back(family(Employer::kWorks, Occupation::kProduction));
  w->housing.stock[static_cast<size_t>(Owner::kWorks)] = 100;  // five flats for ten families
  step();
  int whole = 0;
  for (uint32_t h : hs) whole += dwelling(h) == Dwelling::kFlat;
  EXPECT_EQ(whole, 5);  // no sharing policy: five housed
  // With full sharing policy the same space houses all ten, two per flat.
  auto w2 = make_world();
  std::swap(w, w2);
  SetUp();
  w->params.set("housing_share_policy", 1.0);
  hs.clear();
  for (int k = 0; k < 10; ++k) hs.push_back(family(Employer::kWorks, Occupation::kProduction));
  w->housing.stock[static_cast<size_t>(Owner::kWorks)] = 100;
  step();
  int shared = 0;
  for (uint32_t h : hs) shared += dwelling(h) == Dwelling::kSharedFlat;
  EXPECT_EQ(shared, 10);
}

TEST_F(HousingFixture, LeavingTheDanweiLosesTheFlat) {
  const uint32_t h = family(Employer::kWorks, Occupation::kProduction);
  w->housing.stock[static_cast<size_t>(Owner::kWorks)] = 20;
  step();
  ASSERT_EQ(dwelling(h), Dwelling::kFlat);
  for (uint32_t i = 0; i < w->people.size(); ++i) w->people.employers()[i] = 0;  // laid off
  step();
  EXPECT_EQ(dwelling(h), Dwelling::kNone);
}

TEST_F(HousingFixture, CollapseEvictsAndConstructionFollowsTheHousingShare) {
  const uint32_t h = family(Employer::kWorks, Occupation::kProduction);
  w->housing.stock[static_cast<size_t>(Owner::kWorks)] = 20;
  step();
  ASSERT_EQ(dwelling(h), Dwelling::kFlat);
  w->housing.stock[static_cast<size_t>(Owner::kWorks)] = 10;  // half the building collapsed
  w->params.set("housing_flat_m2", 40);                       // and no new flat fits
  step();
  EXPECT_EQ(dwelling(h), Dwelling::kNone);
  // 1,200 construction workers x 10% on housing x 40 m2/yr / 12 = 400 m2 of floor a month.
  w->params.set("housing_unproductive_share", 0.1);
  w->params.set("housing_m2_per_worker_year", 40);
  w->params.set("housing_living_share", 0.5);
  const double before = w->housing.stock[static_cast<size_t>(Owner::kWorks)];
  HousingTally ht;
  housing_month(*w, 1200, 0, ht);
  EXPECT_NEAR(ht.works_floor_built, 400.0, 1e-9);
  EXPECT_NEAR(w->housing.stock[static_cast<size_t>(Owner::kWorks)] - before, 200.0, 1e-9);
}

// --- wages, promotions ---------------------------------------------------------

TEST(Wages, GradesAndPremia) {
  EXPECT_DOUBLE_EQ(wage_of(100, 1.2, 1.5, 1.1, Occupation::kProduction, 1), 100.0);
  EXPECT_NEAR(wage_of(100, 1.2, 1.5, 1.1, Occupation::kProduction, 3), 144.0, 1e-9);
  EXPECT_NEAR(wage_of(100, 1.2, 1.5, 1.1, Occupation::kTechnician, 1), 150.0, 1e-9);
  EXPECT_NEAR(wage_of(100, 1.2, 1.5, 1.1, Occupation::kStaff, 1), 110.0, 1e-9);
  EXPECT_EQ(wage_of(100, 1.2, 1.5, 1.1, Occupation::kNone, 5), 0.0);
  EXPECT_NEAR(wage_of(100, 1.2, 1.5, 1.1, Occupation::kProduction, 99), wage_of(100, 1.2, 1.5, 1.1, Occupation::kProduction, 8), 1e-9);
}

TEST(Wages, PromotionNeedsSkillAndAGoodLabel) {
  auto w = make_world();
  w->params.set("people_death_rate", 0.0);
  w->params.set("people_birth_rate", 0.0);
  w->params.set("labour_skill_upgrade_rate", 0.0);
  w->params.set("labour_promotion_rate", 1.0);
  w->params.set("labour_promotion_min_skill", 4);
  w->pol.labels_fixed = true;  // labels count once fixed at liberation (regimes/control.cpp promotion_label_mask)
  const uint32_t low = add_single(*w, 30, Sex::kMale, Employer::kWorks, Occupation::kProduction);
  const uint32_t high = add_single(*w, 30, Sex::kMale, Employer::kWorks, Occupation::kProduction);
  w->people.skills()[high] = 5;
  const uint32_t h = create_household(*w, 0);
  const uint32_t suspect = w->people.add({w->now() - 360, Sex::kMale, Ethnicity::kChinese, Origin::kNative, h, true,
                                          Employer::kWorks, Occupation::kProduction, Hukou::kUrban, ClassLabel::kNationalist, 6});
  MonthTally t;
  demography_month(*w, t);
  EXPECT_EQ(w->people.occupations()[low], static_cast<uint8_t>(Occupation::kProduction));
  EXPECT_EQ(w->people.occupations()[high], static_cast<uint8_t>(Occupation::kTechnician));
  EXPECT_EQ(w->people.occupations()[suspect], static_cast<uint8_t>(Occupation::kProduction));
  EXPECT_EQ(t.promoted, 1);
}

TEST(Wages, TechnicianPremiumGlidesToTheRegimeValue) {
  auto w = make_world();
  w->ps.technician_premium = 0.0;
  w->params.set("wage_technician_premium", 1.4);
  w->params.set("wage_premium_adjust_months", 10);
  update_technician_premium(*w);
  EXPECT_DOUBLE_EQ(w->ps.technician_premium, 1.4);  // set at once the first time
  w->params.set("wage_technician_premium", 1.0);
  update_technician_premium(*w);
  EXPECT_NEAR(w->ps.technician_premium, 1.36, 1e-12);  // a tenth of the gap
  EXPECT_NEAR(technician_premium(*w), 1.36, 1e-12);
  for (int m = 0; m < 120; ++m) update_technician_premium(*w);
  EXPECT_NEAR(w->ps.technician_premium, 1.0, 1e-4);
  w->params.set("wage_technician_premium", 1.5);
  w->params.set("wage_premium_adjust_months", 1);
  update_technician_premium(*w);
  EXPECT_DOUBLE_EQ(w->ps.technician_premium, 1.5);  // 1 month: at once
}

TEST(Wages, NewTechniciansStartAtTheEntryGrade) {
  auto w = make_world();
  w->params.set("labour_technician_entry_grade", 3);
  w->params.set("migration_family_share", 0.0);
  add_migrant_household(*w, Employer::kWorks, Origin::kRecruited, Occupation::kTechnician);
  add_migrant_household(*w, Employer::kWorks, Origin::kRecruited, Occupation::kProduction);
  EXPECT_EQ(w->people.skills()[0], 3);
  EXPECT_EQ(w->people.skills()[1], 1);
  EXPECT_EQ(hire_grade(*w, Occupation::kTechnician), 3);
  EXPECT_EQ(hire_grade(*w, Occupation::kStaff), 1);
}

TEST(PeopleScenario, NewPeopleKeysAreRangeChecked) {
  EXPECT_THROW(load_default_scenario({{"parameters.migration_family_follow_rate", "1.5"}}), InputError);
  EXPECT_THROW(load_default_scenario({{"parameters.wage_premium_adjust_months", "0"}}), InputError);
  EXPECT_THROW(load_default_scenario({{"parameters.labour_technician_entry_grade", "9"}}), InputError);
  EXPECT_NO_THROW(load_default_scenario({{"parameters.labour_technician_entry_grade", "2"}}));
}

// --- population storage ------------------------------------------------------------

TEST(PopulationStore, CompactKeepsColumnsAndHouseholdSizes) {
  Population p;
  p.reserve(10, 10);
  const uint32_t h = p.new_household();
  for (int k = 0; k < 5; ++k)
    p.add({-k, Sex::kMale, Ethnicity::kKorean, Origin::kBlind, h, true, Employer::kConstruction, Occupation::kStaff,
           Hukou::kRural, ClassLabel::kLandlord, static_cast<uint8_t>(k + 1)});
  EXPECT_EQ(p.household_sizes()[h], 5);
  p.remove(1);
  p.remove(3);
  EXPECT_EQ(p.household_sizes()[h], 3);
  p.compact();
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p.skills()[0], 1);
  EXPECT_EQ(p.skills()[1], 3);
  EXPECT_EQ(p.skills()[2], 5);
  EXPECT_EQ(p.occupations()[2], static_cast<uint8_t>(Occupation::kStaff));
  EXPECT_EQ(p.hukous()[2], static_cast<uint8_t>(Hukou::kRural));
  EXPECT_EQ(p.labels()[2], static_cast<uint8_t>(ClassLabel::kLandlord));
  EXPECT_EQ(p[2].ethnicity(), Ethnicity::kKorean);
}

// --- whole runs --------------------------------------------------------------------

TEST(PeopleRun, SameSeedSameSeriesAndSdBesideTheAgents) {
  RunOptions o;
  o.seed = 3;
  o.scale = 0.02;
  const auto a = run_model(default_scenario(), o);
  const auto b = run_model(default_scenario(), o);
  for (const std::string& v : a.world->rec.names())
    for (int y = 1916; y <= 1964; ++y) {
      const double x = a.world->rec.get(v, y), z = b.world->rec.get(v, y);
      ASSERT_TRUE((std::isnan(x) && std::isnan(z)) || x == z) << v << " " << y;
    }
  const Recorder& r = a.world->rec;
  for (const char* v : {"anshan.population_korean", "angang.production_workers", "angang.technicians", "angang.staff",
                        "angang.wage_production_worker_yuan", "angang.wage_technician_yuan", "anshan.housing_m2",
                        "anshan.living_space_m2_per_person", "anshan.jobless", "anshan.migrants_in", "anshan.sent_back",
                        "angang.recruited", "angang.laid_off", "sd.anshan.population", "sd.anshan.housing_m2"})
    EXPECT_TRUE(r.has(v)) << v;
  // Occupation counts add up to the Angang employees.
  for (int y : {1949, 1957})
    EXPECT_NEAR(r.get("angang.production_workers", y) + r.get("angang.technicians", y) + r.get("angang.staff", y),
                r.get("angang.employees", y), 1e-6);
  EXPECT_GT(r.get("sd.anshan.population", 1957), 0.0);
  EXPECT_GT(r.get("angang.wage_technician_yuan", 1955), r.get("angang.wage_production_worker_yuan", 1955));
  EXPECT_EQ(r.get("angang.wage_production_worker_yuan", 1940), 0.0);  // no wage scale before the PRC yuan
}

// --- scenario and validation failure paths -----------------------------------------

TEST(PeopleScenario, MissingPeopleParameterIsALocatedError) {
  std::string text(embedded::find("scenarios/anshan.toml"));
  const auto pos = text.find("housing_flat_m2 = ");
  ASSERT_NE(pos, std::string::npos);
  text.erase(pos, text.find('\n', pos) - pos + 1);
  try {
    load_scenario_text(text, "test.toml");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("housing_flat_m2"), std::string::npos);
  }
  // Out of range: a ration gap above 1.
  EXPECT_THROW(load_default_scenario({{"parameters.migration_ration_gap", "1.5"}}), InputError);
}

TEST(PeopleValidate, ChangeComparesGrowthOverAPeriod) {
  const std::string csv =
      "variable,year,base_year,compare,value,qualifier,unit,citation\n"
      "x,1957,1952,change,100,,m2,L1\n";
  const auto pts = load_history_text(csv, "h.csv");
  const FitTable t = compare_with_history(pts, [](const std::string&, int y) { return y == 1957 ? 350.0 : 260.0; });
  EXPECT_NEAR(t.rows[0].simulated, 90.0, 1e-9);
  EXPECT_NEAR(t.rows[0].error, -0.1, 1e-9);
  EXPECT_THROW(load_history_text("variable,year,base_year,compare,value,qualifier,unit,citation\nx,1957,,diff,1,,m2,L1\n", "h.csv"),
               InputError);
}

}  // namespace
}  // namespace gangdu
