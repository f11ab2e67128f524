#include "enterprises/workforce.hpp"

#include <algorithm>
#include <cmath>

namespace gangdu {

void update_trained_pool(const WorkforceParams& p, WorkforceState& s, double employees, double transferred) {
  if (s.employees < 0) {  // first count: the inherited workforce is trained
    s.employees = employees;
    s.trained = employees;
    return;
  }
  // Transfers took trained staff (they are already gone from `employees`).
  double prev = std::max(0.0, s.employees - transferred);
  double trained = std::clamp(s.trained - transferred, 0.0, prev);
  // Last month's untrained learn.
  trained += p.learning_rate * (prev - trained);
  if (employees >= prev) {
    trained += p.recruit_trained_share * (employees - prev);  // newcomers, some trained
  } else if (prev > 0) {
    trained *= employees / prev;  // leavers (retirement, lay-offs, deaths) from both pools alike
  }
  s.employees = employees;
  s.trained = std::clamp(trained, 0.0, employees);
}

double labour_ratio(const WorkforceParams& p, const WorkforceState& s, double usable_pig_kt, double drive) {
  const double need =
      p.employees_per_kt * usable_pig_kt * p.need_share * std::pow(std::max(1.0, drive), p.drive_elasticity);
  if (!(need > 0)) return 1.0;
  const double untrained = std::max(0.0, s.employees - s.trained);
  // Mobilized employees are drawn from both pools in proportion.
  const double present = s.employees > 0 ? std::max(0.0, 1.0 - s.mobilised / s.employees) : 0.0;
  const double effective = present * (s.trained + p.untrained_productivity * untrained);
  return effective / need;
}

}  // namespace gangdu
