// Kantorovich's optimal plan and the balance as linear programmes, via COIN-OR CLP.
#include <ClpSimplex.hpp>
#include <ClpSolve.hpp>
#include <CoinPackedMatrix.hpp>

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "planning/economy/methods.hpp"

namespace gangdu::plan {
namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Columns x_0..x_{n-1} (and theta at n if with_theta); rows: one balance row
// per product (x_i - sum_j A_ij x_j - theta*target_i >= -stock_i), plus a
// labour row (sum_j labour_j x_j <= available) if labour is limited.
struct LpForm {
  std::vector<double> elements;
  std::vector<int> rows;
  std::vector<CoinBigIndex> starts;
  std::vector<int> lengths;
  int num_rows = 0, num_cols = 0;
};

LpForm build(const Economy& e, bool with_theta, bool labour_row) {
  const int32_t n = e.size();
  LpForm f;
  f.num_rows = n + (labour_row ? 1 : 0);
  f.num_cols = n + (with_theta ? 1 : 0);
  f.elements.reserve(e.nnz() + 2 * static_cast<size_t>(n));
  f.rows.reserve(f.elements.capacity());
  for (int32_t j = 0; j < n; ++j) {
    f.starts.push_back(static_cast<CoinBigIndex>(f.elements.size()));
    bool diag_done = false;
    for (int64_t k = e.cols.ptr[j]; k < e.cols.ptr[j + 1]; ++k) {
      const int32_t i = e.cols.idx[k];
      if (!diag_done && i >= j) {
        diag_done = true;
        if (i == j) {
          f.elements.push_back(1.0 - e.cols.val[k]);
          f.rows.push_back(j);
          continue;
        }
        f.elements.push_back(1.0);
        f.rows.push_back(j);
      }
      f.elements.push_back(-e.cols.val[k]);
      f.rows.push_back(i);
    }
    if (!diag_done) {
      f.elements.push_back(1.0);
      f.rows.push_back(j);
    }
    if (labour_row && e.labour[j] != 0) {
      f.elements.push_back(e.labour[j]);
      f.rows.push_back(n);
    }
    f.lengths.push_back(static_cast<int>(f.elements.size() - f.starts.back()));
  }
  if (with_theta) {
    f.starts.push_back(static_cast<CoinBigIndex>(f.elements.size()));
    for (int32_t i = 0; i < n; ++i)
      if (e.target[i] != 0) {
        f.elements.push_back(-e.target[i]);
        f.rows.push_back(i);
      }
    f.lengths.push_back(static_cast<int>(f.elements.size() - f.starts.back()));
  }
  return f;
}

std::string status_text(const ClpSimplex& m) {
  switch (m.status()) {
    case 0: return "optimal";
    case 1: return "infeasible";
    case 2: return "unbounded";
    case 3: return "stopped on iterations or time";
    default: return "CLP status " + std::to_string(m.status());
  }
}

void load(ClpSimplex& model, const LpForm& f, const std::vector<double>& collb, const std::vector<double>& colub,
          const std::vector<double>& obj, const std::vector<double>& rowlb, const std::vector<double>& rowub) {
  CoinPackedMatrix matrix(true, f.num_rows, f.num_cols, static_cast<CoinBigIndex>(f.elements.size()),
                          f.elements.data(), f.rows.data(), f.starts.data(), f.lengths.data());
  model.loadProblem(matrix, collb.data(), colub.data(), obj.data(), rowlb.data(), rowub.data());
}

}  // namespace

PlanResult solve_lp(const Economy& e, const Options& o) {
  check_options(o);
  const double t0 = now_seconds();
  const int32_t n = e.size();
  const bool labour_row = std::isfinite(e.labour_available);
  const LpForm form = build(e, true, labour_row);
  const double inf = COIN_DBL_MAX;
  std::vector<double> collb(n + 1, 0.0), colub(n + 1), obj(n + 1, 0.0), rowlb(form.num_rows), rowub(form.num_rows, inf);
  for (int32_t j = 0; j < n; ++j) colub[j] = std::isfinite(e.capacity[j]) ? e.capacity[j] : inf;
  colub[n] = o.max_fulfilment;
  obj[n] = 1.0;
  for (int32_t i = 0; i < n; ++i) rowlb[i] = -e.stock[i];
  if (labour_row) {
    rowlb[n] = -inf;
    rowub[n] = e.labour_available;
  }
  ClpSimplex model;
  model.setLogLevel(0);
  load(model, form, collb, colub, obj, rowlb, rowub);
  model.setOptimizationDirection(-1);  // maximise theta
  if (o.lp_max_seconds > 0) model.setMaximumSeconds(o.lp_max_seconds);
  model.initialSolve();  // CLP's default strategy (presolve + dual simplex): fastest here
  PlanResult r;
  r.method = Method::Lp;
  r.iterations = model.numberIterations();
  r.status = status_text(model);
  auto failed = [&](const std::string& why) {
    r.status = why;
    r.feasible = false;
    r.theta = 0;
    r.gross.assign(n, 0.0);
    r.delivered.assign(n, 0.0);
    r.fulfilment.assign(n, 0.0);
    r.seconds = now_seconds() - t0;
    return r;
  };
  // Status 4+ is CLP giving up on the numbers (a 1e308 coefficient), not an answer about the plan.
  if (model.status() >= 4) throw std::runtime_error("lp: " + r.status + ": CLP stopped on numerical errors");
  if (!model.isProvenOptimal()) return failed(r.status);
  const double theta = model.primalColumnSolution()[n];
  r.theta = theta;
  // Phase-1 valuations: baskets gained per unit of extra capacity / labour
  // (Kantorovich's objectively determined valuations, in basket units).
  {
    const double* rc = model.dualColumnSolution();
    const double* rp = model.dualRowSolution();
    r.capacity_price.assign(n, 0.0);
    for (int32_t j = 0; j < n; ++j)
      if (std::isfinite(e.capacity[j])) r.capacity_price[j] = std::max(0.0, rc[j]);
    r.labour_price = labour_row ? std::abs(rp[n]) : 0.0;  // nonnegative; CLP's sign follows the direction
  }
  // Phase 2: the least-labour plan that keeps theta (labour values as duals).
  const double keep = theta * (1.0 - 1e-9);
  model.setColumnBounds(n, keep, keep);
  for (int32_t j = 0; j < n; ++j) model.setObjectiveCoefficient(j, e.labour[j] > 0 ? e.labour[j] : 1e-9);
  model.setObjectiveCoefficient(n, 0.0);
  model.setOptimizationDirection(1);
  model.dual();
  r.iterations += model.numberIterations();
  if (!model.isProvenOptimal()) return failed("phase 2: " + status_text(model));
  const double* xs = model.primalColumnSolution();
  r.gross.assign(xs, xs + n);
  for (auto& v : r.gross) v = std::max(0.0, v);
  const double* rp = model.dualRowSolution();
  r.price.assign(rp, rp + n);  // labour cost of one more unit of final product i
  std::vector<double> f(n);
  for (int32_t i = 0; i < n; ++i) f[i] = keep * e.target[i];
  r.delivered = f;
  r.fulfilment.assign(n, 1.0);
  for (int32_t i = 0; i < n; ++i)
    if (e.target[i] > 0) r.fulfilment[i] = keep;
  r.residual = 0;
  {
    // Feasibility residual: worst shortfall of supply against uses.
    double worst = 0, max_x = 1.0;
    for (int32_t i = 0; i < n; ++i) {
      double uses = f[i] - e.stock[i];
      for (int64_t k = e.rows.ptr[i]; k < e.rows.ptr[i + 1]; ++k) uses += e.rows.val[k] * r.gross[e.rows.idx[k]];
      worst = std::max(worst, uses - r.gross[i]);
      max_x = std::max(max_x, r.gross[i]);
    }
    r.residual = worst / max_x;
  }
  r.labour_used = 0;
  for (int32_t j = 0; j < n; ++j) r.labour_used += e.labour[j] * r.gross[j];
  for (int32_t j = 0; j < n; ++j)
    if (std::isfinite(e.capacity[j]) && r.gross[j] >= e.capacity[j] - 1e-7 * std::max(1.0, e.capacity[j]))
      r.binding.push_back(j);
  r.labour_binding = labour_row && r.labour_used >= e.labour_available - 1e-7 * std::max(1.0, e.labour_available);
  r.feasible = true;
  r.status = "optimal";
  r.seconds = now_seconds() - t0;
  return r;
}

PlanResult solve_balance_with_clp(const Economy& e, double max_seconds) {
  const double t0 = now_seconds();
  const int32_t n = e.size();
  const LpForm form = build(e, false, false);
  const double inf = COIN_DBL_MAX;
  std::vector<double> collb(n, 0.0), colub(n, inf), obj(n), rowlb(n), rowub(n, inf);
  for (int32_t j = 0; j < n; ++j) obj[j] = e.labour[j] > 0 ? e.labour[j] : 1e-9;
  for (int32_t i = 0; i < n; ++i) rowlb[i] = e.target[i] - e.stock[i];
  ClpSimplex model;
  model.setLogLevel(0);
  load(model, form, collb, colub, obj, rowlb, rowub);
  if (max_seconds > 0) model.setMaximumSeconds(max_seconds);
  model.initialSolve();
  PlanResult r;
  r.method = Method::Balance;
  r.status = status_text(model);
  r.iterations = model.numberIterations();
  r.feasible = model.isProvenOptimal();
  const double* xs = model.primalColumnSolution();
  r.gross.assign(xs, xs + n);
  r.residual = balance_residual(e, e.target, r.gross);
  r.seconds = now_seconds() - t0;
  return r;
}

}  // namespace gangdu::plan
