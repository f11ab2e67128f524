#include "enterprises/works_labour.hpp"

#include <algorithm>

namespace gangdu {

double works_labour_demand(const World& w) {
  const double per_kt = w.P.labour_employees_per_kt;
  const double usable_kt = w.usable[1] / 1000.0;
  const double out_of_use_kt = std::max(0.0, w.installed[1] / 1000.0 - usable_kt);
  return per_kt * (usable_kt + w.P.labour_idle_retention * out_of_use_kt);
}

double construction_labour_demand(const World& w) { return w.P.labour_construction_workers; }

}  // namespace gangdu
