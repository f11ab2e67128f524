#include "planning/economy/economy.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace gangdu::plan {

double Economy::max_column_sum() const {
  double best = 0;
  for (int32_t j = 0; j < size(); ++j) {
    double s = 0;
    for (int64_t k = cols.ptr[j]; k < cols.ptr[j + 1]; ++k) s += cols.val[k];
    best = std::max(best, s);
  }
  return best;
}

int32_t Economy::index_of(const std::string& name) const {
  for (int32_t i = 0; i < size(); ++i)
    if (names[i] == name) return i;
  return -1;
}

void init_products(Economy& e, int32_t n) {
  if (e.names.empty()) {
    e.names.resize(n);
    for (int32_t i = 0; i < n; ++i) e.names[i] = fmt::format("p{}", i);  // ("p" + to_string: GCC 12 -Wrestrict false positive)
  }
  e.units.resize(n, "unit");
  e.capacity.resize(n, kUnlimited);
  e.stock.resize(n, 0.0);
  e.labour.resize(n, 0.0);
  e.target.resize(n, 0.0);
  e.priority.resize(n, 1);
}

static Sparse compress(int32_t n, const std::vector<Triplet>& t, bool by_row) {
  Sparse s;
  s.ptr.assign(static_cast<size_t>(n) + 1, 0);
  for (const auto& x : t) ++s.ptr[(by_row ? x.row : x.col) + 1];
  for (int32_t i = 0; i < n; ++i) s.ptr[i + 1] += s.ptr[i];
  s.idx.resize(t.size());
  s.val.resize(t.size());
  std::vector<int64_t> next(s.ptr.begin(), s.ptr.end() - 1);
  for (const auto& x : t) {
    const int64_t k = next[by_row ? x.row : x.col]++;
    s.idx[k] = by_row ? x.col : x.row;
    s.val[k] = x.value;
  }
  return s;
}

void set_coefficients(Economy& e, std::vector<Triplet> t) {
  const int32_t n = e.size();
  for (const auto& x : t)
    if (x.row < 0 || x.row >= n || x.col < 0 || x.col >= n)
      throw std::invalid_argument("coefficient index out of range");
  // Sort by (col,row) and merge duplicates, so both compressed forms are ordered.
  std::sort(t.begin(), t.end(), [](const Triplet& a, const Triplet& b) {
    return a.col != b.col ? a.col < b.col : a.row < b.row;
  });
  size_t w = 0;
  for (size_t r = 0; r < t.size(); ++r) {
    if (w > 0 && t[w - 1].row == t[r].row && t[w - 1].col == t[r].col) {
      t[w - 1].value += t[r].value;
    } else {
      t[w++] = t[r];
    }
  }
  t.resize(w);
  e.cols = compress(n, t, false);
  e.rows = compress(n, t, true);
  e.diag.assign(n, 0.0);
  for (const auto& x : t)
    if (x.row == x.col) e.diag[x.row] = x.value;
}

void check_economy(const Economy& e) {
  const size_t n = e.names.size();
  if (e.units.size() != n || e.capacity.size() != n || e.stock.size() != n || e.labour.size() != n ||
      e.target.size() != n || e.priority.size() != n || e.diag.size() != n || e.rows.ptr.size() != n + 1 ||
      e.cols.ptr.size() != n + 1)
    throw std::invalid_argument("economy vectors have inconsistent sizes");
  for (size_t i = 0; i < n; ++i) {
    if (!(e.capacity[i] >= 0)) throw std::invalid_argument("negative capacity for " + e.names[i]);
    if (!(e.stock[i] >= 0) || !std::isfinite(e.stock[i])) throw std::invalid_argument("bad stock for " + e.names[i]);
    if (!(e.labour[i] >= 0) || !std::isfinite(e.labour[i])) throw std::invalid_argument("bad labour for " + e.names[i]);
    if (!(e.target[i] >= 0) || !std::isfinite(e.target[i])) throw std::invalid_argument("bad target for " + e.names[i]);
    if (e.priority[i] < 1) throw std::invalid_argument("priority below 1 for " + e.names[i]);
  }
  for (double v : e.cols.val)
    if (!(v >= 0) || !std::isfinite(v)) throw std::invalid_argument("negative or non-finite input coefficient");
  if (!(e.labour_available >= 0)) throw std::invalid_argument("negative labour available");
}

double spectral_radius_estimate(const Economy& e, int iterations) {
  // Power iteration on A (nonnegative): the growth ratio of ||A^k 1||_1.
  const int32_t n = e.size();
  if (n == 0) return 0.0;
  std::vector<double> x(n, 1.0 / n), y(n);
  // Geometric mean of the growth over the second half of the iterations
  // (robust to the oscillation of periodic, e.g. cyclic, matrices).
  double log_sum = 0;
  int counted = 0;
  for (int it = 0; it < iterations; ++it) {
    std::fill(y.begin(), y.end(), 0.0);
    for (int32_t j = 0; j < n; ++j)
      for (int64_t k = e.cols.ptr[j]; k < e.cols.ptr[j + 1]; ++k) y[e.cols.idx[k]] += e.cols.val[k] * x[j];
    double s = 0;
    for (double v : y) s += v;
    if (s <= 0) return 0.0;  // nilpotent: A^k = 0
    if (it >= iterations / 2) {
      log_sum += std::log(s);  // ||x||_1 == 1
      ++counted;
    }
    for (int32_t i = 0; i < n; ++i) x[i] = y[i] / s;
  }
  return counted ? std::exp(log_sum / counted) : 0.0;
}

}  // namespace gangdu::plan
