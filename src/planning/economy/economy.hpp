#pragma once
// An economy as data for the planning engine (`gangdu plan`, issue 9).
//
// One technology per product (a product-by-product input-output system):
//   A(i,j)   = units of product i used up per unit of gross output of product j
//   labour_j = labour per unit of gross output of product j
// A plan is a gross-output vector x >= 0. It is balanced when every product's
// supply covers its uses:  x_i + stock_i >= sum_j A(i,j) x_j + final_i.
// Capacities bound x (x_j <= capacity_j) and total labour is bounded by
// labour_available. Final-demand targets carry a priority class (1 = first).
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

namespace gangdu::plan {

inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

// Compressed sparse storage (rows or columns). ptr has outer+1 entries.
struct Sparse {
  std::vector<int64_t> ptr;
  std::vector<int32_t> idx;
  std::vector<double> val;
  int64_t nnz() const { return static_cast<int64_t>(val.size()); }
};

struct Triplet {
  int32_t row;  // input product i
  int32_t col;  // using product j
  double value;
};

struct Economy {
  std::vector<std::string> names;  // product identifiers (unique)
  std::vector<std::string> units;
  std::vector<double> capacity;    // max gross output per product (kUnlimited if none)
  std::vector<double> stock;       // opening stock available for any use
  std::vector<double> labour;      // labour per unit of gross output
  std::vector<double> target;      // final-demand target
  std::vector<int> priority;       // priority class of the target (1 = highest)
  double labour_available = kUnlimited;
  Sparse rows;                     // A by rows: row i lists the users j of product i
  Sparse cols;                     // A by columns: column j lists the inputs i of product j
  std::vector<double> diag;        // A(i,i)

  int32_t size() const { return static_cast<int32_t>(names.size()); }
  int64_t nnz() const { return rows.nnz(); }
  // Largest column sum of A (< 1 for every column is the Hawkins-Simon
  // sufficient condition used here: the economy is productive).
  double max_column_sum() const;
  int32_t index_of(const std::string& name) const;  // -1 if absent
};

// Fills rows, cols and diag from triplets (duplicates are summed). n = products.
void set_coefficients(Economy& e, std::vector<Triplet> triplets);

// Resizes the per-product vectors to n with defaults (unlimited capacity,
// zero stock, zero labour, zero target, priority 1) and names p0..p(n-1) if empty.
void init_products(Economy& e, int32_t n);

// Checks the invariants a solver needs; throws std::invalid_argument naming the
// first violation (negative coefficient, negative target...). Productivity
// (spectral radius of A < 1, Hawkins-Simon) is checked by the solvers, which
// fail with "not productive" when the Leontief iteration does not converge;
// coefficients in physical units may have column sums above 1.
void check_economy(const Economy& e);

// Estimate of the spectral radius of A by power iteration (< 1: productive).
double spectral_radius_estimate(const Economy& e, int iterations = 60);
void check_economy(const Economy& e);

}  // namespace gangdu::plan
