// Steelworks layer: chain arithmetic, min over components, removal and repair
// events, wear, loader checks, bottlenecks output.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "engine/model.hpp"
#include "steelworks/chain.hpp"
#include "steelworks/production.hpp"
#include "steelworks/registry.hpp"

using namespace gangdu;

namespace {

ProcessSpec process(const std::string& id, const std::string& product, std::vector<InputSpec> inputs = {},
                    const std::string& supply = "", double machine_t_per_kt = 10, double essential = 1) {
  ProcessSpec p;
  p.id = id;
  p.name = id;
  p.product = product;
  p.inputs = std::move(inputs);
  p.supply_param = supply;
  p.machine_t_per_kt.value = machine_t_per_kt;
  p.essential_items.value = essential;
  return p;
}

InputSpec in(const std::string& product, double a, const std::string& share = "") {
  InputSpec i;
  i.product = product;
  i.per_t.value = a;
  i.per_t.source = "test";
  i.share_param = share;
  return i;
}

// ore (mine) -> iron (furnace, a ore per t)
Scenario two_step(double a) {
  Scenario sc;
  sc.processes = {process("mine", "ore"), process("furnace", "iron", {in("ore", a)})};
  return sc;
}

}  // namespace

TEST(Chain, RecipeCoefficientMovesOutput) {
  // Ore capacity 150, furnace 100: at 2 t ore/t the ore binds (75 t of iron);
  // a leaner recipe (1.5 t/t) lets the furnace reach its own capacity.
  Chain::Flows f;
  Chain c2(two_step(2.0));
  c2.solve({150, 100}, {}, f);
  EXPECT_NEAR(f.x[1], 75.0, 1e-9);
  EXPECT_EQ(c2.unit_names()[static_cast<size_t>(c2.binding_unit(1, f))], "mine");
  Chain c15(two_step(1.5));
  c15.solve({150, 100}, {}, f);
  EXPECT_NEAR(f.x[1], 100.0, 1e-9);
  EXPECT_EQ(c15.unit_names()[static_cast<size_t>(c15.binding_unit(1, f))], "furnace");
  EXPECT_NEAR(f.used[0], 150.0, 1e-9);  // 100 t x 1.5
}

TEST(Chain, OutsideSupplyShareAndFixedShare) {
  Scenario sc;
  sc.processes = {process("coal", "coal", {}, "coal_supply_share"), process("coke", "coke", {in("coal", 1.35)}),
                  process("bf", "pig", {in("coke", 1.0)}), process("oh", "steel", {in("pig", 0.5, "pig_iron_to_steel_share")})};
  Chain c(sc);
  ASSERT_EQ(c.param_names().size(), 2u);
  std::vector<double> params(2);
  params[static_cast<size_t>(std::find(c.param_names().begin(), c.param_names().end(), "coal_supply_share") -
                             c.param_names().begin())] = 0.6;
  params[static_cast<size_t>(std::find(c.param_names().begin(), c.param_names().end(), "pig_iron_to_steel_share") -
                             c.param_names().begin())] = 0.5;
  Chain::Flows f;
  c.solve({0, 100, 1000, 1000}, params, f);
  EXPECT_NEAR(f.x[0], 0.6 * 135.0, 1e-9);  // 60% of the coal the ovens need at capacity
  EXPECT_NEAR(f.x[1], 60.0, 1e-9);
  EXPECT_NEAR(f.x[2], 60.0, 1e-9);
  EXPECT_NEAR(f.x[3], 60.0 * 0.5 / 0.5, 1e-9);  // half the pig iron, 0.5 t per t of steel
  EXPECT_EQ(c.unit_names()[static_cast<size_t>(c.binding_unit(3, f))], "coal");
}

TEST(Chain, ScarceSharedInputIsRationedProportionally) {
  Scenario sc;
  sc.processes = {process("power", "mwh"), process("a", "x", {in("mwh", 1.0)}), process("b", "y", {in("mwh", 2.0)})};
  Chain c(sc);
  Chain::Flows f;
  c.solve({100, 100, 100}, {}, f);  // need 100 + 200 = 300 of 100 available
  EXPECT_NEAR(f.x[1], 100.0 / 3.0, 1e-6);
  EXPECT_NEAR(f.x[2], 100.0 / 3.0, 1e-6);
  EXPECT_NEAR(f.used[0], 100.0, 1e-6);
  // Requests are what each could use at the level its other limits allow:
  // b needs 20 at its capacity of 10, a needs 100: both get 100/120 of their need.
  c.solve({100, 100, 10}, {}, f);
  EXPECT_NEAR(f.x[2], 10.0 * 100.0 / 120.0, 1e-6);
  EXPECT_NEAR(f.x[1], 100.0 * 100.0 / 120.0, 1e-6);
  EXPECT_NEAR(f.used[0], 100.0, 1e-6);
  // Not scarce: no limit from power.
  c.solve({1000, 100, 10}, {}, f);
  EXPECT_NEAR(f.x[1], 100.0, 1e-9);
  EXPECT_EQ(c.unit_names()[static_cast<size_t>(c.binding_unit(1, f))], "a");
}

namespace {
Scenario one_plant(double essential) {
  Scenario sc;
  sc.processes = {process("oh", "steel", {}, "", 10.0, essential)};
  FacilitySpec f;
  f.id = "mill";
  f.process = "oh";
  f.capacity_t.value = 100000;  // 100 kt -> 1,000 t of machines
  f.built = Month::of(1930, 1);
  sc.facilities = {f};
  return sc;
}
EventSpec event(EventKind k, int y, int mo, double share = 0, int months = 1, Component c = Component::kAll) {
  EventSpec e;
  e.kind = k;
  e.date = Month::of(y, mo);
  e.target = "mill";
  e.targets = {"mill"};
  e.share = share;
  e.value = 0;
  e.months = months;
  e.component = c;
  return e;
}
}  // namespace

TEST(Registry, RemovalStopsLinesButLeavesFoundationsAndRestartableCapacity) {
  Scenario sc = one_plant(3);
  EventSpec rm = event(EventKind::kRemoval, 1945, 9);
  rm.value = 500;  // half the machine tonnage
  sc.events = {rm};
  FacilityRegistry r(sc);
  const Month m = Month::of(1945, 9);
  r.apply_events(sc, m);
  EXPECT_NEAR(r.machines(0), 0.5, 1e-12);
  EXPECT_NEAR(r.lines(0), 0.125, 1e-12);  // (1 - 0.5)^3: one missing item stops a line
  EXPECT_NEAR(r.foundation(0), 1.0, 1e-12);
  EXPECT_NEAR(r.usable_t(0, m), 12500.0, 1e-6);       // min(F, E) x design
  EXPECT_NEAR(r.restartable_t(0, m), 50000.0, 1e-6);  // min(F, M) x design
  EXPECT_NEAR(r.removed_t(), 500.0, 1e-9);
}

TEST(Registry, RemovalScaleZeroIsTheCounterfactual) {
  Scenario sc = one_plant(3);
  EventSpec rm = event(EventKind::kRemoval, 1945, 9);
  rm.value = 500;
  sc.events = {rm};
  FacilityRegistry r(sc);
  r.apply_events(sc, Month::of(1945, 9), 0.0);
  EXPECT_NEAR(r.usable_t(0, Month::of(1945, 9)), 100000.0, 1e-6);
}

TEST(Registry, CapacityIsMinOverComponentsAndRepairRestoresIt) {
  Scenario sc = one_plant(1);
  sc.events = {event(EventKind::kFacilityDamage, 1946, 5, 0.6, 1, Component::kFoundation),
               event(EventKind::kFacilityDamage, 1946, 5, 0.2, 1, Component::kMachines),
               event(EventKind::kFacilityRepair, 1949, 1, 1.0, 4, Component::kMachines)};
  FacilityRegistry r(sc);
  Month m = Month::of(1946, 5);
  r.apply_events(sc, m);
  EXPECT_NEAR(r.usable_t(0, m), 40000.0, 1e-6);  // foundations (0.4) bind, not machines (0.8)
  m = Month::of(1949, 1);
  r.apply_events(sc, m);
  for (int i = 0; i < 6; ++i) {
    m = m.next();
    r.apply_events(sc, m);
  }
  EXPECT_NEAR(r.machines(0), 1.0, 1e-9);
  EXPECT_NEAR(r.usable_t(0, m), 40000.0, 1e-6);  // a machines-only repair cannot lift the foundation limit
}

TEST(Registry, WearRisesWithIntensityAndFallsWithMaintenance) {
  Scenario sc = one_plant(1);
  auto steady = [&](double intensity, double restore) {
    FacilityRegistry r(sc);
    Month m = Month::of(1950, 1);
    for (int i = 0; i < 600; ++i, m = m.next()) r.wear_month(m, {intensity}, 0.0139, 2.0, 1.0, restore);
    return r.wear(0);
  };
  const double design = steady(1.0, 0.25), pushed = steady(1.5, 0.25), neglected = steady(1.5, 0.125);
  EXPECT_NEAR(design, 0.0139 / (0.0139 + 0.25), 1e-6);  // steady state h / (h + restore)
  EXPECT_GT(pushed, design);
  EXPECT_GT(neglected, pushed);
  EXPECT_NEAR(steady(0.0, 0.25), 0.0, 1e-12);  // idle plant does not wear
}

namespace {
std::string default_text() { return std::string(embedded::find("scenarios/anshan.toml")); }
}  // namespace

TEST(ScenarioChain, DefaultScenarioHasTheChain) {
  const Scenario sc = load_default_scenario();
  EXPECT_GE(sc.processes.size(), 10u);
  for (const FacilitySpec& f : sc.facilities) EXPECT_FALSE(f.process.empty()) << f.id;
  for (const ProcessSpec& p : sc.processes)
    for (const InputSpec& i : p.inputs) EXPECT_FALSE(i.per_t.source.empty()) << p.id << " " << i.product;
}

TEST(ScenarioChain, RejectsUnknownInputProduct) {
  const std::string t = default_text() +
                        "\n[[process]]\nid = \"x\"\nname = \"x\"\nproduct = \"x\"\nmachine_t_per_kt = { value = 1, source = \"t\" }\n"
                        "essential_items = { value = 1, source = \"t\" }\ninputs = [ { product = \"unobtainium\", per_t = 1, source = \"t\" } ]\n";
  try {
    load_scenario_text(t, "t.toml");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("unobtainium"), std::string::npos);
  }
}

TEST(ScenarioChain, RejectsCycle) {
  const std::string t = default_text() +
                        "\n[[process]]\nid = \"x\"\nname = \"x\"\nproduct = \"coal\"\nmachine_t_per_kt = { value = 1, source = \"t\" }\n"
                        "essential_items = { value = 1, source = \"t\" }\ninputs = [ { product = \"pig_iron\", per_t = 1, source = \"t\" } ]\n";
  EXPECT_THROW(load_scenario_text(t, "t.toml"), InputError);
}

TEST(ScenarioChain, RejectsLegacyStageInChainScenarioAndInputWithoutSource) {
  std::string t = default_text();
  const auto pos = t.find("process = \"blast_furnace\"");
  ASSERT_NE(pos, std::string::npos);
  std::string t1 = t;
  t1.replace(pos, std::string("process = \"blast_furnace\"").size(), "stage = \"pig_iron\"");
  EXPECT_THROW(load_scenario_text(t1, "t.toml"), InputError);
  std::string t2 = t;
  const auto s = t2.find("source = \"assumption: about 55% Fe burden");
  ASSERT_NE(s, std::string::npos);
  const auto e = t2.find('"', s + 10);
  t2.replace(s, e - s + 1, "source = \"\"");
  EXPECT_THROW(load_scenario_text(t2, "t.toml"), InputError);
}

TEST(ScenarioChain, RejectsRemovalFromUnknownFacility) {
  const std::string t = default_text() +
                        "\n[[event]]\ndate = \"1964-12\"\nkind = \"removal\"\nfacilities = [\"nope\"]\ntons = 5\nsource = \"t\"\n";
  EXPECT_THROW(load_scenario_text(t, "t.toml"), InputError);
}

TEST(SmallFurnaces, LabourAndFurnacesLimitOutputWithLargeRejects) {
  const Scenario sc = load_default_scenario();
  ParamTable p(sc);
  EXPECT_EQ(small_furnace_month(p).iron, 0.0);  // none before the campaign
  p.set("smallfurnace_iron_furnaces", 100);
  p.set("smallfurnace_steel_furnaces", 1000);
  p.set("smallfurnace_workers", 1e6);  // labour not binding
  const SmallFurnaceMonth a = small_furnace_month(p);
  const double days = 365.25 / 12.0 * p.get("smallfurnace_operating_share");
  EXPECT_NEAR(a.iron, 100 * p.get("smallfurnace_iron_t_per_day") * days, 1e-6);
  EXPECT_NEAR(a.unusable, (a.iron + a.steel) * p.get("smallfurnace_unusable_share"), 1e-6);
  p.set("smallfurnace_workers", 100);  // labour binds
  const SmallFurnaceMonth b = small_furnace_month(p);
  EXPECT_LT(b.iron + b.steel, a.iron + a.steel);
  EXPECT_NEAR(b.iron + b.steel, 100 * p.get("smallfurnace_t_per_worker_day") * 365.25 / 12.0, 1e-6 + 0.5 * b.iron);
}

TEST(SteelworksRun, SeriesBottlenecksAndCounterfactual) {
  const Scenario sc = load_default_scenario();
  RunOptions o;
  o.scale = 0.01;
  const RunResult base = run_model(sc, o);
  const Recorder& r = base.world->rec;
  for (const char* v : {"angang.pig_iron_t", "angang.steel_t", "angang.rolled_steel_t", "angang.capacity_pig_iron_t",
                        "angang.capacity_steel_t", "angang.equipment_impaired_share", "angang.unusable_output_t",
                        "smallfurnace.iron_t", "smallfurnace.steel_t"})
    for (int y = 1916; y <= 1964; ++y) EXPECT_FALSE(std::isnan(r.get(v, y))) << v << " " << y;
  EXPECT_GT(r.get("smallfurnace.iron_t", 1958), 0.0);
  EXPECT_EQ(r.get("smallfurnace.iron_t", 1957), 0.0);
  // Bottleneck shares sum to one in a year with all three stages built.
  double sum = 0;
  for (const BottleneckRow& b : base.world->steel.bottlenecks)
    if (b.year == 1955) sum += b.share;
  EXPECT_NEAR(sum, 1.0, 1e-9);
  EXPECT_EQ(bottlenecks_csv(*base.world).rfind("year,unit,binding_share\n", 0), 0u);
  // Without the 1945 removal, 1950 pig iron is higher.
  const Scenario cf = load_default_scenario({{"parameters.removal_scale", "0"}});
  const RunResult alt = run_model(cf, o);
  EXPECT_GT(alt.world->rec.get("angang.pig_iron_t", 1950), 1.5 * r.get("angang.pig_iron_t", 1950));
  EXPECT_EQ(alt.world->rec.get("angang.equipment_removed_t", 1950), 0.0);
  EXPECT_GT(r.get("angang.equipment_removed_t", 1950), 50000.0);
}

TEST(Registry, DeliveryLagAndInvestmentSchedule) {
  Scenario sc = one_plant(3);
  sc.parameters["delivery_lag_months"].value = 4;
  sc.facilities[0].import_share.value = 0.5;  // 1 - 0.5^3 = 0.875 -> 3.5 months -> 4 (rounded)
  sc.facilities[0].investment_myuan.value = 24;
  sc.facilities[0].construction_months = 12;
  FacilityRegistry r(sc);
  const Month planned = Month::of(1930, 1);
  EXPECT_EQ(r.commissioned(0).index, planned.index + 4);
  EXPECT_EQ(r.usable_t(0, Month{planned.index + 3}), 0.0);
  EXPECT_GT(r.usable_t(0, Month{planned.index + 4}), 0.0);
  double total = 0;
  for (int i = -24; i < 24; ++i) total += r.investment_myuan(Month{planned.index + i});
  EXPECT_NEAR(total, 24.0, 1e-9);
  EXPECT_NEAR(r.investment_myuan(Month{planned.index + 3}), 2.0, 1e-12);  // 24 / 12 in the last month
  // Without imports the plant starts as planned.
  sc.facilities[0].import_share.value = 0.0;
  FacilityRegistry r0(sc);
  EXPECT_EQ(r0.commissioned(0).index, planned.index);
}

TEST(Registry, RepairInvestmentIsSpreadOverTheRepair) {
  Scenario sc = one_plant(1);
  EventSpec d = event(EventKind::kFacilityDamage, 1946, 5, 1.0);
  EventSpec rep = event(EventKind::kFacilityRepair, 1949, 1, 1.0, 10);
  rep.value = 5.0;
  sc.events = {d, rep};
  FacilityRegistry r(sc);
  double total = 0;
  for (Month m = Month::of(1946, 1); m < Month::of(1951, 1); m = m.next()) {
    r.apply_events(sc, m);
    total += r.investment_myuan(m);
  }
  EXPECT_NEAR(total, 5.0, 1e-9);
  EXPECT_NEAR(r.usable_t(0, Month::of(1950, 12)), 100000.0, 1e-6);
}

TEST(Chain, ProductSoldOutsideNamesItsDemandParameter) {
  Scenario sc;
  sc.processes = {process("coke", "coke"), process("bf", "pig", {in("coke", 1.0)})};
  sc.processes[0].outside_demand_param = "demand_outside_coke_t";
  Chain c(sc);
  const int coke = c.product_index("coke"), pig = c.product_index("pig");
  ASSERT_GE(c.demand_param(static_cast<size_t>(coke)), 0);
  EXPECT_EQ(c.param_names()[static_cast<size_t>(c.demand_param(static_cast<size_t>(coke)))], "demand_outside_coke_t");
  EXPECT_EQ(c.demand_param(static_cast<size_t>(pig)), -1);
}

TEST(ScenarioChain, RejectsBadOutsideDemand) {
  const std::string base = default_text();
  const std::string key = "outside_demand_param = \"demand_outside_coke_t\"";
  ASSERT_NE(base.find(key), std::string::npos);
  auto expect_error = [](const std::string& text, const std::string& needle) {
    try {
      load_scenario_text(text, "t.toml");
      FAIL() << "expected InputError mentioning " << needle;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("t.toml"), std::string::npos) << e.what();
    }
  };
  // Unknown parameter.
  std::string t1 = base;
  t1.replace(t1.find(key), key.size(), "outside_demand_param = \"no_such_demand\"");
  expect_error(t1, "no_such_demand");
  // An outside supply cannot be sold outside.
  std::string t2 = base;
  const std::string coal = "supply_param = \"coal_supply_share\"";
  t2.replace(t2.find(coal), coal.size(), coal + "\noutside_demand_param = \"demand_outside_coke_t\"");
  expect_error(t2, "outside_demand_param");
  // A second coke maker with another (or no) outside demand.
  const std::string t3 =
      base +
      "\n[[process]]\nid = \"beehive\"\nname = \"x\"\nproduct = \"coke\"\n"
      "machine_t_per_kt = { value = 1, source = \"t\" }\nessential_items = { value = 1, source = \"t\" }\n";
  expect_error(t3, "different outside demands");
}

TEST(SellOutside, UnsoldCokeIsStockedAndDemandClearsIt) {
  const Scenario sc = load_default_scenario();
  RunOptions o;
  o.scale = 0.01;
  auto run_with = [&](double demand) {
    RunOptions oo = o;
    oo.forced = {{"demand_outside_coke_t", demand}};
    return run_model(sc, oo);
  };
  const RunResult all = run_with(-1), none = run_with(0), some = run_with(700000);
  const RunResult base = run_model(sc, o);
  for (int y = 1916; y <= 1964; ++y) {
    EXPECT_EQ(all.world->rec.get("angang.stock.coke", y), 0.0) << y;          // buyers take everything
    EXPECT_EQ(none.world->rec.get("angang.sold_outside.coke", y), 0.0) << y;  // nobody buys
    EXPECT_GE(some.world->rec.get("angang.stock.coke", y), 0.0) << y;
    EXPECT_LE(some.world->rec.get("angang.sold_outside.coke", y), 700000.0 * (1 + 1e-12)) << y;
  }
  // Less outside demand, more stock; the coke surplus does not feed back on output.
  EXPECT_GT(none.world->rec.get("angang.stock.coke", 1953), some.world->rec.get("angang.stock.coke", 1953));
  EXPECT_GT(some.world->rec.get("angang.stock.coke", 1953), 0.0);
  EXPECT_EQ(none.world->rec.get("angang.pig_iron_t", 1953), all.world->rec.get("angang.pig_iron_t", 1953));
  // Merchant coke is conserved: what buyers take when they take all equals the
  // surplus; with no buyers it is stocked, less the yearly clearance.
  const double surplus_1953 = all.world->rec.get("angang.sold_outside.coke", 1953);
  EXPECT_GT(surplus_1953, 0.0);
  EXPECT_LT(none.world->rec.get("angang.stock.coke", 1953) - none.world->rec.get("angang.stock.coke", 1952),
            surplus_1953);
  // The default history makes a coke surplus in 1953 that buyers do not take (L3333).
  EXPECT_GT(base.world->rec.get("angang.stock.coke", 1953), 0.0);
}
