#include "planning/economy/methods.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>

namespace gangdu::plan {

Method parse_method(const std::string& s) {
  if (s == "balance") return Method::Balance;
  if (s == "ration") return Method::Ration;
  if (s == "lp") return Method::Lp;
  if (s == "harmony") return Method::Harmony;
  throw std::invalid_argument("unknown planning method '" + s + "' (balance|ration|lp|harmony)");
}

const char* method_name(Method m) {
  switch (m) {
    case Method::Balance: return "balance";
    case Method::Ration: return "ration";
    case Method::Lp: return "lp";
    case Method::Harmony: return "harmony";
  }
  return "?";
}

namespace {
double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// One Gauss-Seidel solver for x = max(0, M x + b) where M is A (by rows) or
// A^T (A by columns). The map is monotone and, for a productive economy
// (spectral radius < 1), has a unique fixed point that the sweeps reach from
// any start.
long gs_solve(const Sparse& m, const std::vector<double>& diag, const std::vector<double>& b, std::vector<double>& x,
              double tolerance, int max_sweeps) {
  const size_t n = b.size();
  if (x.size() != n) x.assign(n, 0.0);
  for (size_t i = 0; i < n; ++i)
    if (diag[i] >= 1.0)
      throw std::runtime_error("not productive: product " + std::to_string(i) + " uses at least one unit of itself per unit");
  const int64_t* ptr = m.ptr.data();
  const int32_t* idx = m.idx.data();
  const double* val = m.val.data();
  double* xs = x.data();
  for (int sweep = 1; sweep <= max_sweeps; ++sweep) {
    double max_dx = 0, max_x = 0;
    for (size_t i = 0; i < n; ++i) {
      double s = b[i];
      for (int64_t k = ptr[i]; k < ptr[i + 1]; ++k) s += val[k] * xs[idx[k]];
      const double xi = xs[i];
      s -= diag[i] * xi;
      double nx = s / (1.0 - diag[i]);
      if (nx < 0) nx = 0;
      max_dx = std::max(max_dx, std::abs(nx - xi));
      max_x = std::max(max_x, nx);
      xs[i] = nx;
    }
    if (!std::isfinite(max_x) || max_x > 1e250)
      throw std::runtime_error("not productive: the Leontief iteration diverges (spectral radius of A >= 1)");
    if (max_dx <= tolerance * std::max(1.0, max_x)) return sweep;
  }
  throw std::runtime_error("the Leontief iteration did not converge in " + std::to_string(max_sweeps) +
                           " sweeps (economy not productive or nearly so)");
}

std::vector<double> net_of_stock(const Economy& e, const std::vector<double>& f) {
  std::vector<double> b(f.size());
  for (size_t i = 0; i < f.size(); ++i) b[i] = f[i] - e.stock[i];
  return b;
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// Fills fulfilment, labour_used, binding, over_capacity, feasible, theta.
void finish(const Economy& e, const std::vector<double>& f, PlanResult& r) {
  const int32_t n = e.size();
  r.delivered = f;
  r.fulfilment.assign(n, 1.0);
  double minf = 1.0;
  bool any = false;
  for (int32_t i = 0; i < n; ++i)
    if (e.target[i] > 0) {
      r.fulfilment[i] = f[i] / e.target[i];
      minf = any ? std::min(minf, r.fulfilment[i]) : r.fulfilment[i];
      any = true;
    }
  if (r.method != Method::Lp) r.theta = any ? minf : 1.0;
  r.labour_used = dot(e.labour, r.gross);
  r.binding.clear();
  r.over_capacity.clear();
  for (int32_t i = 0; i < n; ++i) {
    const double cap = e.capacity[i];
    if (!std::isfinite(cap)) continue;
    const double tol = 1e-7 * std::max(1.0, cap);
    if (r.gross[i] > cap + tol) r.over_capacity.push_back(i);
    if (r.gross[i] >= cap - tol) r.binding.push_back(i);
  }
  const double lt = 1e-7 * std::max(1.0, e.labour_available);
  r.labour_binding = std::isfinite(e.labour_available) && r.labour_used >= e.labour_available - lt;
  r.feasible = r.over_capacity.empty() && !(r.labour_used > e.labour_available + lt);
}

bool within_limits(const Economy& e, const std::vector<double>& x) {
  double lab = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    if (x[i] > e.capacity[i] * (1 + 1e-12) + 1e-300) return false;
    lab += e.labour[i] * x[i];
  }
  return !(lab > e.labour_available * (1 + 1e-12));
}
}  // namespace

long leontief_solve(const Economy& e, const std::vector<double>& final_use, std::vector<double>& x, double tolerance,
                    int max_sweeps) {
  return gs_solve(e.rows, e.diag, net_of_stock(e, final_use), x, tolerance, max_sweeps);
}

long leontief_dual_solve(const Economy& e, const std::vector<double>& cost, std::vector<double>& v, double tolerance,
                         int max_sweeps) {
  return gs_solve(e.cols, e.diag, cost, v, tolerance, max_sweeps);
}

double balance_residual(const Economy& e, const std::vector<double>& f, const std::vector<double>& x) {
  double worst = 0, max_x = 1.0;
  for (int32_t i = 0; i < e.size(); ++i) {
    double s = f[i] - e.stock[i];
    for (int64_t k = e.rows.ptr[i]; k < e.rows.ptr[i + 1]; ++k) s += e.rows.val[k] * x[e.rows.idx[k]];
    worst = std::max(worst, std::abs(x[i] - std::max(0.0, s)));
    max_x = std::max(max_x, std::abs(x[i]));
  }
  return worst / max_x;
}

PlanResult solve_balance(const Economy& e, const Options& o) {
  check_options(o);
  const double t0 = now_seconds();
  PlanResult r;
  r.method = Method::Balance;
  r.iterations = leontief_solve(e, e.target, r.gross, o.tolerance, o.max_sweeps);
  r.residual = balance_residual(e, e.target, r.gross);
  // Labour values (labour embodied per unit of final product): the prices that
  // are dual to the balance when no capacity binds.
  leontief_dual_solve(e, e.labour, r.price, o.tolerance, o.max_sweeps);
  finish(e, e.target, r);
  r.theta = 1.0;
  if (!r.feasible) r.status = "targets exceed capacities or labour";
  r.seconds = now_seconds() - t0;
  return r;
}

PlanResult solve_ration(const Economy& e, const Options& o) {
  check_options(o);
  const double t0 = now_seconds();
  const int32_t n = e.size();
  PlanResult r;
  r.method = Method::Ration;
  std::set<int> classes(e.priority.begin(), e.priority.end());
  std::vector<double> f(n, 0.0), x(n, 0.0), trial_f(n), x_try;
  if (!within_limits(e, x)) throw std::runtime_error("capacities or labour are exceeded even with no targets");
  // Stocks alone may need no production: settle x for f = 0 first.
  r.iterations += leontief_solve(e, f, x, o.tolerance, o.max_sweeps);
  const int max_class = classes.empty() ? 0 : *classes.rbegin();
  r.class_fraction.assign(max_class, 1.0);
  for (int c : classes) {
    auto with_fraction = [&](double frac) {
      for (int32_t i = 0; i < n; ++i) trial_f[i] = f[i] + (e.priority[i] == c ? frac * e.target[i] : 0.0);
      x_try = x;  // warm start from the last feasible plan
      r.iterations += leontief_solve(e, trial_f, x_try, o.tolerance, o.max_sweeps);
      return within_limits(e, x_try);
    };
    double lo = 0.0, hi = 1.0;
    if (with_fraction(1.0)) {
      lo = 1.0;
      x = x_try;
    } else {
      while (hi - lo > o.ration_precision) {
        const double mid = 0.5 * (lo + hi);
        if (with_fraction(mid)) {
          lo = mid;
          x = x_try;
        } else {
          hi = mid;
        }
      }
    }
    r.class_fraction[c - 1] = lo;
    for (int32_t i = 0; i < n; ++i)
      if (e.priority[i] == c) f[i] += lo * e.target[i];
  }
  r.gross = x;
  r.residual = balance_residual(e, f, x);
  finish(e, f, r);
  r.seconds = now_seconds() - t0;
  return r;
}

namespace {
// Harmony of a scaled deviation s = (f - target) / target (assumption, after
// Cockshott's harmony function: concave, a shortfall costs more than an equal
// surplus gains, smooth at s = 0): s - s^2/2 below the target, ln(1+s) above.
double harmony(double s) { return s < 0 ? s - 0.5 * s * s : std::log1p(s); }
// Inverse of the marginal harmony H'(s) = m.
double harmony_inverse_marginal(double m, double smax) {
  if (m <= 0) return smax;
  const double s = m >= 1 ? 1.0 - m : 1.0 / m - 1.0;
  return std::clamp(s, -1.0, smax);
}
}  // namespace

double harmony_objective(const Economy& e, const std::vector<double>& f) {
  double h = 0;
  for (int32_t i = 0; i < e.size(); ++i)
    if (e.target[i] > 0) h += (1.0 / e.priority[i]) * harmony(f[i] / e.target[i] - 1.0);
  return h;
}

PlanResult solve_harmony(const Economy& e, const Options& o) {
  check_options(o);
  const double t0 = now_seconds();
  const int32_t n = e.size();
  PlanResult r;
  r.method = Method::Harmony;
  const double smax = o.max_fulfilment - 1.0;
  std::vector<double> w(n, 0.0);
  double wsum = 0;
  for (int32_t i = 0; i < n; ++i)
    if (e.target[i] > 0) {
      w[i] = 1.0 / e.priority[i];  // assumption: priority class k weighs 1/k
      wsum += w[i];
    }
  const double wbar = wsum > 0 ? wsum / n : 1.0;
  const bool labour_limited = std::isfinite(e.labour_available);
  std::vector<double> mu(n, 0.0), cost(n, 0.0), v, f(n, 0.0), x, best_f;
  double lambda = 0, best_value = -INFINITY, best_alpha = 0;
  const double sweep_tol = std::max(o.tolerance, 1e-9);
  for (int it = 0; it < o.harmony_iterations; ++it) {
    for (int32_t i = 0; i < n; ++i) cost[i] = mu[i] + lambda * e.labour[i];
    r.iterations += leontief_dual_solve(e, cost, v, sweep_tol, o.max_sweeps);
    for (int32_t i = 0; i < n; ++i)
      f[i] = e.target[i] > 0 ? e.target[i] * (1.0 + harmony_inverse_marginal(v[i] * e.target[i] / w[i], smax)) : 0.0;
    r.iterations += leontief_solve(e, f, x, sweep_tol, o.max_sweeps);
    // Primal recovery: the largest uniform scaling of f that the limits allow
    // (x(alpha f) <= alpha x(f) for alpha <= 1, so alpha*x bounds the new plan).
    double alpha = 1.0, lab = dot(e.labour, x);
    for (int32_t i = 0; i < n; ++i)
      if (x[i] > e.capacity[i]) alpha = std::min(alpha, e.capacity[i] / x[i]);
    if (labour_limited && lab > e.labour_available) alpha = std::min(alpha, e.labour_available / lab);
    double value = 0;
    for (int32_t i = 0; i < n; ++i)
      if (e.target[i] > 0) value += w[i] * harmony(alpha * f[i] / e.target[i] - 1.0);
    if (value > best_value) {
      best_value = value;
      best_f = f;
      best_alpha = alpha;
    }
    // Dual ascent, multiplicative (scale-free) on the valuations of capacities
    // and labour; step shrinking as 1/sqrt(t).
    const double eta = 1.0 / std::sqrt(1.0 + it / 10.0);
    bool over = false;
    for (int32_t i = 0; i < n; ++i) {
      if (!std::isfinite(e.capacity[i])) continue;
      const double cap = std::max(e.capacity[i], 1e-300);
      const double excess = x[i] / cap - 1.0;
      if (excess > 1e-9) over = true;
      if (mu[i] == 0 && excess > 0) mu[i] = 0.01 * wbar / cap;
      if (mu[i] > 0) {
        mu[i] *= std::exp(eta * std::clamp(excess, -1.0, 1.0));
        if (mu[i] < 1e-12 * wbar / cap) mu[i] = 0;
      }
    }
    if (labour_limited) {
      const double excess = lab / std::max(e.labour_available, 1e-300) - 1.0;
      if (excess > 1e-9) over = true;
      if (lambda == 0 && excess > 0) lambda = 0.01 * wbar / std::max(e.labour_available, 1e-300);
      if (lambda > 0) {
        lambda *= std::exp(eta * std::clamp(excess, -1.0, 1.0));
        if (lambda < 1e-12 * wbar / std::max(e.labour_available, 1e-300)) lambda = 0;
      }
    }
    if (!over && it > 0 && best_alpha >= 1.0 && smax <= 0 && std::all_of(mu.begin(), mu.end(), [](double m) { return m == 0; }) &&
        lambda == 0)
      break;  // nothing binds: every target met
  }
  for (int32_t i = 0; i < n; ++i) best_f[i] *= best_alpha;
  r.iterations += leontief_solve(e, best_f, x, o.tolerance, o.max_sweeps);
  r.gross = x;
  r.residual = balance_residual(e, best_f, x);
  r.price = v;
  r.capacity_price = mu;
  r.labour_price = lambda;
  finish(e, best_f, r);
  r.seconds = now_seconds() - t0;
  return r;
}

void check_options(const Options& o) {
  auto num = [](double v) {
    std::ostringstream s;
    s << v;
    return s.str();
  };
  // assumption: below 1e-15 the iterations cannot converge in doubles; above
  // 1e-2 a "converged" balance can miss by percents (1e300 passed a residual of 0.625).
  if (!(o.tolerance >= 1e-15 && o.tolerance <= 1e-2))
    throw std::invalid_argument("tolerance must be in [1e-15, 0.01], found " + num(o.tolerance));
  if (o.max_sweeps < 1)
    throw std::invalid_argument("max_sweeps must be at least 1, found " + std::to_string(o.max_sweeps));
  // assumption: fulfilment is a share of the targets; more than a millionfold is no plan.
  if (!(o.max_fulfilment > 0 && o.max_fulfilment <= 1e6))
    throw std::invalid_argument("max_fulfilment must be in (0, 1e6], found " + num(o.max_fulfilment));
  if (o.harmony_iterations < 1 || o.harmony_iterations > 10000000)
    throw std::invalid_argument("harmony_iterations must be in [1, 10000000], found " +
                                std::to_string(o.harmony_iterations));
  if (!(o.ration_precision > 0 && o.ration_precision <= 0.1))
    throw std::invalid_argument("ration_precision must be in (0, 0.1], found " + num(o.ration_precision));
  if (std::isnan(o.lp_max_seconds)) throw std::invalid_argument("lp_max_seconds must be a number, found nan");
}

PlanResult solve(const Economy& e, Method m, const Options& o) {
  switch (m) {
    case Method::Balance: return solve_balance(e, o);
    case Method::Ration: return solve_ration(e, o);
    case Method::Lp: return solve_lp(e, o);
    case Method::Harmony: return solve_harmony(e, o);
  }
  throw std::invalid_argument("unknown method");
}

}  // namespace gangdu::plan
