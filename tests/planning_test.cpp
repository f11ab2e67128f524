#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/error.hpp"
#include "engine/model.hpp"
#include "enterprises/unit_behaviour.hpp"
#include "enterprises/units.hpp"
#include "enterprises/work_floor.hpp"
#include "experiments/ablate.hpp"
#include "planning/economy/methods.hpp"
#include "planning/material_balance.hpp"
#include "scenario/scenario.hpp"
#include "history_util.hpp"

using namespace gangdu;

namespace {
Eigen::SparseMatrix<double> chain_matrix() {
  // ore -> pig iron -> steel -> rolled: 1 t ore per t iron, 0.8 t iron per t steel, 1.25 t steel per t rolled.
  Eigen::SparseMatrix<double> A(4, 4);
  A.insert(0, 1) = 1.0;
  A.insert(1, 2) = 0.8;
  A.insert(2, 3) = 1.25;
  return A;
}
using gangdu::testing::avg;
Recorder run_with(std::vector<std::pair<std::string, double>> forced, uint64_t seed = 2) {
  return gangdu::testing::run_with(std::move(forced), seed);
}
}  // namespace

TEST(MaterialBalance, HandWorkedChainWithoutBindingCapacity) {
  Eigen::VectorXd f(4), cap(4);
  f << 0, 100, 50, 400;  // sell 100 t iron, 50 t steel, 400 t rolled
  cap << -1, -1, -1, -1;
  const BalanceResult b = balance_materials(chain_matrix(), f, cap, {3, 2, 1});
  // steel = 50 + 1.25*400 = 550; iron = 100 + 0.8*550 = 540; ore = 540
  EXPECT_NEAR(b.gross[3], 400, 1e-9);
  EXPECT_NEAR(b.gross[2], 550, 1e-9);
  EXPECT_NEAR(b.gross[1], 540, 1e-9);
  EXPECT_NEAR(b.gross[0], 540, 1e-9);
  EXPECT_LT(b.residual, 1e-9);
  for (bool x : b.binding) EXPECT_FALSE(x);
}

TEST(MaterialBalance, RationsLowestPriorityFirst) {
  Eigen::VectorXd f(4), cap(4);
  f << 0, 100, 50, 400;
  cap << -1, 500, -1, -1;  // iron capacity 500 < 540 needed
  const BalanceResult b = balance_materials(chain_matrix(), f, cap, {3, 2, 1});
  // 40 t short: iron sales (lowest priority) are cut from 100 to 60; rolled and steel untouched.
  EXPECT_NEAR(b.delivered[1], 60, 1e-9);
  EXPECT_NEAR(b.delivered[2], 50, 1e-9);
  EXPECT_NEAR(b.delivered[3], 400, 1e-9);
  EXPECT_TRUE(b.binding[1]);
  // Tighter: iron capacity 300 also cuts steel sales, then rolled steel.
  cap << -1, 300, -1, -1;
  const BalanceResult c = balance_materials(chain_matrix(), f, cap, {3, 2, 1});
  EXPECT_NEAR(c.delivered[1], 0, 1e-9);
  EXPECT_NEAR(c.delivered[2], 0, 1e-9);
  EXPECT_NEAR(c.gross[1], 300, 1e-6);
  EXPECT_NEAR(c.delivered[3], 300 / 0.8 / 1.25, 1e-6);
  EXPECT_LT(c.residual, 1e-9);
}

TEST(MaterialBalance, RandomSparseProductiveEconomyHasSmallResidual) {
  std::mt19937_64 gen(7);
  std::uniform_real_distribution<double> u(0, 1);
  const int n = 300;
  std::vector<Eigen::Triplet<double>> t;
  for (int j = 0; j < n; ++j) {
    // about 8 inputs per product, column sums below 0.8 (Hawkins-Simon productive)
    double col = 0;
    std::vector<std::pair<int, double>> entries;
    for (int k = 0; k < 8; ++k) entries.emplace_back(static_cast<int>(u(gen) * n), u(gen));
    for (auto& e : entries) col += e.second;
    for (auto& e : entries)
      if (e.first != j) t.emplace_back(e.first, j, 0.8 * e.second / col);
  }
  Eigen::SparseMatrix<double> A(n, n);
  A.setFromTriplets(t.begin(), t.end());
  Eigen::VectorXd f(n), cap = Eigen::VectorXd::Constant(n, -1.0);
  for (int i = 0; i < n; ++i) f[i] = 10 * u(gen);
  const BalanceResult b = balance_materials(A, f, cap, {});
  EXPECT_LT(b.residual, 1e-8);
  EXPECT_GE(b.gross.minCoeff(), 0.0);
  // With capacities at 90% of the unconstrained gross output, rationing keeps every capacity.
  const Eigen::VectorXd cap2 = 0.9 * b.gross;
  std::vector<int> prio(n);
  for (int i = 0; i < n; ++i) prio[i] = i;
  const BalanceResult c = balance_materials(A, f, cap2, prio);
  for (int i = 0; i < n; ++i) EXPECT_LE(c.gross[i], cap2[i] * (1 + 1e-9) + 1e-9);
  EXPECT_LT(c.residual, 1e-8);
  EXPECT_GE(c.delivered.minCoeff(), -1e-12);
}

TEST(MaterialBalance, AgreesWithTheEconomyScalePlanner) {
  // The in-run balance (sparse LU) and `gangdu plan`'s balance (Gauss-Seidel)
  // solve one Leontief system: same gross output on a random productive economy.
  std::mt19937_64 gen(11);
  std::uniform_real_distribution<double> u(0, 1);
  const int n = 120;
  std::vector<Eigen::Triplet<double>> t;
  std::vector<plan::Triplet> pt;
  for (int j = 0; j < n; ++j)
    for (int k = 0; k < 5; ++k) {
      const int i = static_cast<int>(u(gen) * n);
      if (i == j) continue;
      const double a = 0.15 * u(gen);  // column sums below 0.75
      t.emplace_back(i, j, a);
      pt.push_back({i, j, a});
    }
  Eigen::SparseMatrix<double> A(n, n);
  A.setFromTriplets(t.begin(), t.end());
  Eigen::VectorXd f(n), cap = Eigen::VectorXd::Constant(n, -1.0);
  plan::Economy e;
  plan::init_products(e, n);
  plan::set_coefficients(e, pt);
  for (int i = 0; i < n; ++i) e.target[static_cast<size_t>(i)] = f[i] = 10 * u(gen);
  const BalanceResult b = balance_materials(A, f, cap, {});
  const plan::PlanResult r = plan::solve(e, plan::Method::Balance);
  for (int i = 0; i < n; ++i) EXPECT_NEAR(b.gross[i], r.gross[static_cast<size_t>(i)], 1e-7 * (1 + b.gross[i])) << i;
}

TEST(MaterialBalance, SingularSystemIsRejected) {
  Eigen::SparseMatrix<double> A(2, 2);
  A.insert(0, 0) = 1.0;  // I - A has a zero row
  Eigen::VectorXd f = Eigen::VectorXd::Ones(2), cap = Eigen::VectorXd::Constant(2, -1);
  EXPECT_THROW(balance_materials(A, f, cap, {}), std::invalid_argument);
}

TEST(PlanCycle, TargetsAreSetInJanuaryFromLastYearsReports) {
  const Recorder r = run_with({});
  // The ratchet: control(y) = (T(y-1) + rho * max(0, R(y-1) - T(y-1))) * (1 + g), with rho =
  // plan_ratchet and g = plan_growth as the scenario has them in January of y (read from the
  // scenario, not pinned: recalibrating them does not break this test).
  const Scenario sc = load_default_scenario();
  ParamTable params(sc);
  RegimeTimeline regimes(sc);
  Month m = sc.start;
  int checked = 0;
  for (int y = 1954; y <= 1957; ++y) {
    for (; !(Month::of(y, 1) < m); m = m.next()) regimes.apply(m, params);  // through January of y
    const Params& p = params.typed();
    const double t = r.get("plan.target_steel_t", y - 1), rep = r.get("plan.reported_steel_t", y - 1);
    if (!p.plan_active || !p.rule_ratchet || !(t > 0)) continue;
    const double rho = p.plan_ratchet, g = p.plan_growth;
    EXPECT_NEAR(r.get("plan.control_steel_t", y), (t + rho * std::max(0.0, rep - t)) * (1 + g), 1e-6 * t) << y;
    ++checked;
  }
  EXPECT_EQ(checked, 4);  // the FFYP years plan with the ratchet
  // No plan under the SMR company.
  EXPECT_EQ(r.get("plan.target_steel_t", 1925), 0.0);
  EXPECT_GT(r.get("plan.target_steel_t", 1955), 0.0);
}

TEST(Rules, BargainingLowersTargets) {
  const Recorder on = run_with({}), off = run_with({{"rule_bargaining", 0}});
  EXPECT_LT(avg(on, "plan.draft_steel_t", 1953, 1957), avg(off, "plan.draft_steel_t", 1953, 1957));
  EXPECT_LT(avg(on, "plan.target_steel_t", 1953, 1957), avg(off, "plan.target_steel_t", 1953, 1957));
}

TEST(Rules, RatchetMakesUnitsWithholdOutput) {
  const Recorder on = run_with({}), off = run_with({{"rule_ratchet", 0}});
  EXPECT_GT(avg(on, "angang.restricted_output_t", 1953, 1957), avg(off, "angang.restricted_output_t", 1953, 1957));
  EXPECT_LE(avg(on, "angang.pig_iron_t", 1953, 1957), avg(off, "angang.pig_iron_t", 1953, 1957));
}

TEST(Rules, HidingBanksOverFulfilmentAndReleasesItLater) {
  const Scenario sc = load_default_scenario();
  World w(sc, {.seed = 1, .scale = 0.01});
  w.regimes.apply(Month::of(1955, 1), w.params);   // FFYP: hiding on
  w.params.force("rule_report_inflation", 0);      // reports here differ from output by hiding alone
  // The share hidden is the units' best response to the ratchet and audits (enterprises/units.hpp).
  const double h = best_hide_share(reward_scheme(w), w.P.unit_audit_probability, w.P.unit_hide_penalty);
  ASSERT_GT(h, 0.0);
  ASSERT_LT(h, 1.0);
  w.plan.active = true;
  w.ent.units.target = {1200, 1200, 1200, 1200};  // 100 t a month
  w.ent.units.month_output = {120, 120, 120, 120};
  report_and_ship(w);
  EXPECT_NEAR(w.ent.units.reported_year[2], 100 + (1 - h) * 20, 1e-9);  // the target + the excess not hidden
  EXPECT_NEAR(w.ent.units.carry[2], h * 20, 1e-9);
  w.ent.units.month_output = {95, 95, 95, 95};  // a short month: the bank is drawn down
  report_and_ship(w);
  const double available = 95 + h * 20;
  EXPECT_NEAR(w.ent.units.reported_year[2], 100 + (1 - h) * 20 + 100 + (1 - h) * (available - 100), 1e-9);
  EXPECT_NEAR(w.ent.units.carry[2], h * (available - 100), 1e-9);
  // Switched off: reports equal output.
  w.params.force("rule_hiding", 0);
  w.ent.units.reported_year = {};
  w.ent.units.carry = {};
  w.ent.units.month_output = {120, 120, 120, 120};
  report_and_ship(w);
  EXPECT_NEAR(w.ent.units.reported_year[2], 120, 1e-9);
  // In a whole history, hiding changes what planners see.
  const Recorder on = run_with({}), off = run_with({{"rule_hiding", 0}});
  double diff = 0;
  for (int y = 1935; y <= 1957; ++y)
    diff += std::fabs(on.get("plan.reported_steel_t", y) - off.get("plan.reported_steel_t", y));
  EXPECT_GT(diff, 0.0);
}

TEST(Rules, PartialPlanAndLateDeliveriesCostOutput) {
  const Recorder on = run_with({});
  EXPECT_GT(avg(on, "angang.supply_shortfall_t", 1950, 1957),
            avg(run_with({{"rule_partial_plan", 0}}), "angang.supply_shortfall_t", 1950, 1957));
  // Late deliveries (R7) cost output where the units hold no stores to cover them
  // (enterprises/units.hpp). Where they hold stores the hoards absorb them, and the units,
  // remembering the shortfall months, hoard more (Kornai's shortage -> hoarding).
  const Recorder bare = run_with({{"unit_hoard_max_months", 0}});
  EXPECT_GT(avg(bare, "angang.supply_shortfall_t", 1950, 1957),
            avg(run_with({{"unit_hoard_max_months", 0}, {"rule_late_deliveries", 0}}), "angang.supply_shortfall_t",
                1950, 1957));
  EXPECT_GT(avg(on, "angang.input_hoard_yuan", 1950, 1957),
            avg(run_with({{"rule_late_deliveries", 0}}), "angang.input_hoard_yuan", 1950, 1957));
}

TEST(Rules, SoftBudgetAndQuantityFirstPileUpStock) {
  const Recorder on = run_with({}), hard = run_with({{"rule_soft_budget", 0}}),
                 orders = run_with({{"rule_quantity_first", 0}});
  EXPECT_GT(avg(on, "angang.finished_stock_t", 1953, 1957), avg(hard, "angang.finished_stock_t", 1953, 1957));
  EXPECT_GT(avg(on, "angang.finished_stock_t", 1953, 1957), avg(orders, "angang.finished_stock_t", 1953, 1957));
  EXPECT_GT(avg(on, "angang.investment_yuan", 1953, 1957), avg(hard, "angang.investment_yuan", 1953, 1957));
  EXPECT_EQ(avg(hard, "angang.overspend_yuan", 1950, 1957), 0.0);
}

TEST(Rules, BelowGradeOutputLeavesOrdersUnfilled) {
  // R8 -> R9: only first-rate output fills orders. With every product first rate the
  // 1954 orders are met; with the plan's 92% first rate and pressure, fewer are.
  const Recorder on = run_with({}), all_first = run_with({{"quality_first_rate_plan", 1.0}});
  const double f_on = on.get("angang.order_fulfilment", 1954), f_all = all_first.get("angang.order_fulfilment", 1954);
  EXPECT_LT(f_on, f_all);
  EXPECT_LT(f_on, 0.95);
  EXPECT_GT(f_on, 0.5);
  EXPECT_LE(f_all, 1.0 + 1e-12);
  // Below-grade goods that find no buyer are stored: more stored, more stock; sold as
  // seconds they still earn revenue. Fulfilment does not depend on where they go.
  const Recorder stored = run_with({{"quality_offgrade_stock_share", 1.0}}),
                 sold = run_with({{"quality_offgrade_stock_share", 0.0}});
  EXPECT_GT(avg(stored, "angang.finished_stock_t", 1953, 1957), avg(sold, "angang.finished_stock_t", 1953, 1957));
  EXPECT_LT(avg(stored, "angang.revenue_yuan", 1953, 1957), avg(sold, "angang.revenue_yuan", 1953, 1957));
  EXPECT_DOUBLE_EQ(stored.get("angang.order_fulfilment", 1954), sold.get("angang.order_fulfilment", 1954));
}

TEST(Rules, GradeParametersOutsideTheirRangeAreRejected) {
  EXPECT_THROW(load_default_scenario({{"parameters.quality_first_rate_plan", "1.2"}}), InputError);
  EXPECT_THROW(load_default_scenario({{"parameters.quality_offgrade_stock_share", "-0.1"}}), InputError);
}

TEST(Rules, OutsideDemandForPigIronLeavesTheRestInStock) {
  // R9: the plan allocates the pig iron the open hearths leave; outside customers take
  // at most demand_outside_pig_iron_t a year (L3333), the rest is stored (L3345).
  const Recorder capped = run_with({}), open = run_with({{"demand_outside_pig_iron_t", -1}});
  EXPECT_GT(capped.get("angang.pig_iron_stock_t", 1955), 2.0 * open.get("angang.pig_iron_stock_t", 1955));
  EXPECT_LT(avg(capped, "angang.revenue_yuan", 1954, 1957), avg(open, "angang.revenue_yuan", 1954, 1957));
  // A tighter cap stores more; steel output does not depend on who buys the iron.
  const Recorder tight = run_with({{"demand_outside_pig_iron_t", 100000}});
  EXPECT_GT(tight.get("angang.pig_iron_stock_t", 1955), capped.get("angang.pig_iron_stock_t", 1955));
  EXPECT_DOUBLE_EQ(avg(tight, "angang.steel_t", 1950, 1957), avg(open, "angang.steel_t", 1950, 1957));
}

TEST(Rules, UnsoldStockIsNotChargedAsALoss) {
  // The material cost of goods put into stock stays in stock: in a year the stock grows,
  // profit exceeds revenue less the year's costs.
  const Recorder r = run_with({});
  ASSERT_GT(r.get("angang.pig_iron_stock_t", 1955), r.get("angang.pig_iron_stock_t", 1954));
  EXPECT_GT(r.get("angang.profit_yuan", 1955), r.get("angang.revenue_yuan", 1955) - r.get("angang.costs_yuan", 1955));
}

TEST(Rules, BargainedProfitTargetsRaiseTheRetainedShare) {
  // R1/R10: with the 1952 rule (5% of planned, 25% of above-plan profit, L3273) a profit
  // target bargained far below the accounts leaves most profit above plan (L3269).
  const Recorder on = run_with({}), honest = run_with({{"plan_profit_shading", 0}}),
                 no_bargain = run_with({{"rule_bargaining", 0}});
  for (int y : {1952, 1953}) {
    EXPECT_GT(on.get("angang.profit_retained_share", y), 0.2) << y;
    EXPECT_LT(honest.get("angang.profit_retained_share", y), on.get("angang.profit_retained_share", y)) << y;
    EXPECT_LT(no_bargain.get("angang.profit_retained_share", y), 0.2) << y;
    EXPECT_LT(on.get("angang.profit_planned_yuan", y), honest.get("angang.profit_planned_yuan", y)) << y;
  }
  for (int y = 1954; y <= 1957; ++y) EXPECT_LT(on.get("angang.profit_retained_share", y), 0.04) << y;
}

TEST(Rules, DemandAndProfitTargetParametersOutsideTheirRangeAreRejected) {
  EXPECT_THROW(load_default_scenario({{"parameters.demand_outside_pig_iron_t", "-2"}}), InputError);
  EXPECT_THROW(load_default_scenario({{"regime.ffyp.plan_profit_shading", "1.0"}}), InputError);
  EXPECT_THROW(load_default_scenario({{"regime.ffyp.demand_outside_pig_iron_t", "lots"}}), InputError);
}

TEST(Rules, BankReviewCutsOverspending) {
  const Recorder on = run_with({}), off = run_with({{"rule_two_level_accounting", 0}});
  EXPECT_LT(avg(on, "angang.overspend_yuan", 1951, 1957), avg(off, "angang.overspend_yuan", 1951, 1957));
}

TEST(Ablation, ResultsDoNotDependOnThreadCount) {
  const Scenario sc = load_default_scenario();
  AblationSpec spec;
  spec.rules = {"rule_hiding", "rule_soft_budget"};
  spec.variables = {"angang.steel_t", "angang.finished_stock_t", "no.such_variable"};
  spec.runs = 3;
  spec.scale = 0.01;
  spec.threads = 1;
  const std::string one = ablation_csv(run_ablation(sc, spec), spec.first_year, spec.last_year);
  spec.threads = 3;
  EXPECT_EQ(one, ablation_csv(run_ablation(sc, spec), spec.first_year, spec.last_year));
  EXPECT_NE(one.find("rule_soft_budget,angang.finished_stock_t,"), std::string::npos);
  EXPECT_EQ(one.find("no.such_variable"), std::string::npos);
  EXPECT_NEAR(t_critical_95(2), 4.303, 1e-9);
}

TEST(PlanCycle, ABottleneckInsideAStageLowersItsPlan) {
  // The blooming mill feeds the rolling mills but reports no stage of its own.
  // Drafts rest on what the chain can make, so a smaller blooming mill lowers
  // the rolled-steel draft though the rolling mills' rated capacity is unchanged.
  const Scenario base = load_default_scenario();
  const Scenario small = load_default_scenario({{"facility.blooming_ffyp.capacity_t", "100000"}});
  RunOptions o;
  o.seed = 2;
  o.scale = 0.02;
  const RunResult a = run_model(base, o), b = run_model(small, o);
  const Recorder &ra = a.world->rec, &rb = b.world->rec;
  EXPECT_LT(rb.get("plan.draft_rolled_steel_t", 1957), 0.9 * ra.get("plan.draft_rolled_steel_t", 1957));
  // (The rolling mills are no smaller; run less hard, they wear less.)
  EXPECT_GE(rb.get("angang.capacity_rolled_steel_t", 1957), 0.95 * ra.get("angang.capacity_rolled_steel_t", 1957));
  // Plans the chain can meet are met: FFYP rolled-steel fulfilment stays near one.
  for (int y = 1953; y <= 1955; ++y) EXPECT_GT(ra.get("plan.fulfilment_rolled_steel", y), 0.9) << y;
}

TEST(Rules, PieceRatesAndCorruptionRaiseCostsNotOutputPlans) {
  // R13, R14 in the accounts: piece-rate reports and overtime raise the wage
  // bill, corrupt purchasing the material costs; profit falls.
  const Recorder on = run_with({}), no_piece = run_with({{"rule_piece_rates", 0}}),
                 no_graft = run_with({{"rule_corruption", 0}});
  EXPECT_GT(avg(on, "angang.costs_yuan", 1953, 1957), avg(no_piece, "angang.costs_yuan", 1953, 1957));
  EXPECT_LT(avg(on, "angang.profit_yuan", 1953, 1957), avg(no_piece, "angang.profit_yuan", 1953, 1957));
  EXPECT_LT(avg(on, "angang.profit_yuan", 1950, 1957), avg(no_graft, "angang.profit_yuan", 1950, 1957));
  // Piece-rate competition wears the plant (L5302): more impaired capacity.
  EXPECT_GT(avg(on, "angang.equipment_wear_share", 1954, 1957),
            avg(no_piece, "angang.equipment_wear_share", 1954, 1957));
  // Before the PRC neither rule has anything to act on.
  for (int y = 1930; y <= 1944; ++y) {
    EXPECT_EQ(on.get("angang.pig_iron_t", y), no_piece.get("angang.pig_iron_t", y)) << y;
    EXPECT_EQ(on.get("angang.pig_iron_t", y), no_graft.get("angang.pig_iron_t", y)) << y;
  }
}

TEST(Rules, WorkFloorMultipliersFollowTheirParameters) {
  const Scenario sc = load_default_scenario();
  World w(sc, {.seed = 1, .scale = 0.01});
  w.params.force("wage_piece_share", 0.8);
  w.params.force("piece_false_report_share", 0.1);
  w.params.force("piece_audit_probability", 0.5);
  w.params.force("piece_overtime_share", 0.05);
  w.params.force("piece_wear_push", 0.05);
  w.params.force("corruption_purchase_share", 0.01);
  EXPECT_NEAR(piece_wage_multiplier(w), 1.0 + 0.8 * (0.05 + 0.05), 1e-12);
  EXPECT_NEAR(piece_wear_multiplier(w), 1.04, 1e-12);
  EXPECT_NEAR(corruption_cost_multiplier(w), 1.01, 1e-12);
  w.params.force("piece_audit_probability", 1.0);  // every false report caught: overtime only
  EXPECT_NEAR(piece_wage_multiplier(w), 1.04, 1e-12);
  w.params.force("rule_piece_rates", 0);
  w.params.force("rule_corruption", 0);
  EXPECT_EQ(piece_wage_multiplier(w), 1.0);
  EXPECT_EQ(piece_wear_multiplier(w), 1.0);
  EXPECT_EQ(corruption_cost_multiplier(w), 1.0);
}
