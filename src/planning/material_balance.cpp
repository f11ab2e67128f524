#include "planning/material_balance.hpp"

#include <Eigen/SparseLU>
#include <stdexcept>

namespace gangdu {

BalanceResult balance_materials(const Eigen::SparseMatrix<double>& A, const Eigen::VectorXd& final_demand,
                                const Eigen::VectorXd& capacity, const std::vector<int>& priority) {
  const Eigen::Index n = A.rows();
  if (A.cols() != n || final_demand.size() != n || capacity.size() != n)
    throw std::invalid_argument("balance_materials: sizes disagree");
  Eigen::SparseMatrix<double> I(n, n);
  I.setIdentity();
  Eigen::SparseMatrix<double> M = I - A;
  M.makeCompressed();
  Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
  lu.compute(M);
  if (lu.info() != Eigen::Success) throw std::invalid_argument("balance_materials: I - A is singular");

  BalanceResult r;
  r.delivered = final_demand.cwiseMax(0.0);
  r.gross = lu.solve(r.delivered);
  auto violated = [&](const Eigen::VectorXd& x) {
    for (Eigen::Index i = 0; i < n; ++i)
      if (capacity[i] >= 0 && x[i] > capacity[i] * (1 + 1e-12) + 1e-9) return true;
    return false;
  };
  // Cut final demands from the lowest priority up until every capacity holds.
  for (auto it = priority.rbegin(); it != priority.rend() && violated(r.gross); ++it) {
    const int k = *it;
    Eigen::VectorXd ek = Eigen::VectorXd::Zero(n);
    ek[k] = 1.0;
    const Eigen::VectorXd col = lu.solve(ek);  // d gross / d f_k
    double cut = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (capacity[i] < 0 || col[i] <= 1e-15) continue;
      const double excess = r.gross[i] - capacity[i];
      if (excess > 0) cut = std::max(cut, excess / col[i]);
    }
    cut = std::min(cut, r.delivered[k]);
    r.delivered[k] -= cut;
    r.gross -= cut * col;
  }
  r.binding.assign(static_cast<size_t>(n), false);
  for (Eigen::Index i = 0; i < n; ++i)
    r.binding[static_cast<size_t>(i)] = capacity[i] >= 0 && r.gross[i] >= capacity[i] * (1 - 1e-9) - 1e-9;
  r.residual = (M * r.gross - r.delivered).cwiseAbs().maxCoeff();
  return r;
}

}  // namespace gangdu
