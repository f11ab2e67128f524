#pragma once
// Material balance (R5, model-spec §3): gross requirements from final demands
// through input coefficients, x = (I - A)^-1 f, compared with capacities, and
// shortfalls rationed by priority (lowest-priority final demand cut first),
// as a 1950s planner balancing by hand would do.
#include <vector>

#include <Eigen/SparseCore>

namespace gangdu {

struct BalanceResult {
  Eigen::VectorXd gross;      // gross output of each product
  Eigen::VectorXd delivered;  // final deliveries after rationing
  std::vector<bool> binding;  // capacity binds (gross == capacity within tolerance)
  double residual = 0;        // max |(I - A) gross - delivered|
};

// A(i, j): units of product i used per unit of product j. `priority`: product
// indices from highest to lowest priority; final demands of products not listed
// are never cut. Capacities < 0 mean unlimited. Throws std::invalid_argument if
// I - A is singular or sizes disagree.
BalanceResult balance_materials(const Eigen::SparseMatrix<double>& A, const Eigen::VectorXd& final_demand,
                                const Eigen::VectorXd& capacity, const std::vector<int>& priority);

}  // namespace gangdu
