#pragma once
// Planning methods over an Economy (see docs/plan.md):
//   balance  - gross output from the targets through the Leontief system,
//              x = max(0, A x + target - stock), solved by Gauss-Seidel sweeps
//              (monotone from below) with a residual check; capacities and
//              labour are reported, not enforced.
//   ration   - the priority-rationing balance: classes of targets are admitted
//              in priority order; each class gets the largest uniform fraction
//              of its targets that capacities and labour still allow (found by
//              bisection over warm-started balances).
//   lp       - Kantorovich's optimal plan: maximise the number of target
//              baskets theta (<= max_fulfilment) within capacities and labour,
//              then the least-labour plan at that theta (COIN-OR CLP). Shadow
//              prices are the duals.
//   harmony  - an iterative harmony-style planner (after Cockshott): final
//              deliveries maximise a concave harmony of target fulfilment
//              against valuations of products that are adjusted by dual
//              ascent on over-used capacities and labour.
#include <string>
#include <vector>

#include "planning/economy/economy.hpp"

namespace gangdu::plan {

enum class Method { Balance, Ration, Lp, Harmony };
Method parse_method(const std::string& s);  // throws std::invalid_argument
const char* method_name(Method m);

struct Options {
  double tolerance = 1e-10;       // relative change/residual at which iterations stop
  int max_sweeps = 10000;         // Gauss-Seidel sweeps per balance
  double max_fulfilment = 1.0;    // lp/harmony: upper bound of theta / fulfilment
  int harmony_iterations = 400;   // dual-ascent steps of the harmony planner
  double ration_precision = 1e-7; // bisection width on a class's fraction
  double lp_max_seconds = -1;     // lp: CLP time limit (< 0: none); status says when it stopped
};

struct PlanResult {
  Method method = Method::Balance;
  std::vector<double> gross;       // x
  std::vector<double> delivered;   // final deliveries f (planned use outside production)
  std::vector<double> fulfilment;  // f / target (1 where target is 0)
  std::vector<double> price;       // shadow price of one more unit of each product (empty if none)
  std::vector<double> capacity_price;  // shadow price of one more unit of capacity (empty if none)
  std::vector<double> class_fraction;  // ration: fraction per priority class (index = class-1)
  double theta = 1.0;              // uniform fulfilment of the basket (lp), min fulfilment otherwise
  double labour_used = 0;
  double labour_price = 0;         // shadow price of labour (lp/harmony)
  double residual = 0;             // max_i |x_i - max(0,(Ax)_i + f_i - s_i)| / max(1,max x)
  long iterations = 0;             // sweeps (balance/ration), harmony steps, simplex iterations (lp)
  double seconds = 0;
  bool feasible = true;            // capacities and labour respected
  std::vector<int32_t> binding;    // products whose capacity binds (or is exceeded, for balance)
  std::vector<int32_t> over_capacity;  // balance: products whose required output exceeds capacity
  bool labour_binding = false;
  std::string status = "ok";       // solver status text
};

// Leontief solve x = max(0, A x + f - s) into x (used as warm start if sized n
// and nonnegative-feasible from below; pass zeros otherwise). Returns sweeps.
// Throws std::runtime_error("not productive ...") if the iteration diverges.
long leontief_solve(const Economy& e, const std::vector<double>& final_use, std::vector<double>& x,
                    double tolerance, int max_sweeps);

// Dual Leontief solve v = A^T v + c (values/prices; c = labour gives labour values).
long leontief_dual_solve(const Economy& e, const std::vector<double>& cost, std::vector<double>& v,
                         double tolerance, int max_sweeps);

// The harmony planner's objective sum_i w_i H(f_i/target_i - 1) of final deliveries f.
double harmony_objective(const Economy& e, const std::vector<double>& f);

// The balance residual max_i |x_i - max(0, (Ax)_i + f_i - s_i)| / max(1, max_i x_i).
double balance_residual(const Economy& e, const std::vector<double>& f, const std::vector<double>& x);

PlanResult solve_balance(const Economy& e, const Options& o = {});
PlanResult solve_ration(const Economy& e, const Options& o = {});
PlanResult solve_lp(const Economy& e, const Options& o = {});
PlanResult solve_harmony(const Economy& e, const Options& o = {});
// Throws std::invalid_argument naming the option when one is out of its bounds
// (harmony_iterations 0 used to crash, max_fulfilment nan gave a "feasible"
// all-zero plan). solve() checks; the solve_* functions assume checked options.
void check_options(const Options& o);
PlanResult solve(const Economy& e, Method m, const Options& o = {});

// The balance as a linear programme (min labour s.t. x - Ax >= target - stock,
// x >= 0), solved by CLP: the benchmark's "same problem through CLP". Returns x.
PlanResult solve_balance_with_clp(const Economy& e, double max_seconds = -1);

// The in-run annual plan of a simulation balances its few stages with
// planning/material_balance.hpp (exact sparse LU, cuts by priority); these
// methods are the economy-scale planners of `gangdu plan`. Both solve the same
// Leontief balance: tests/planning_test.cpp checks that they agree.

}  // namespace gangdu::plan
