#include "city/city_jobs.hpp"

namespace gangdu {
double city_labour_demand(const World& w) {
  const double target = (w.works_demand + w.construction_demand) * w.P.people_service_jobs_per_works_job;
  const double tau = w.P.people_service_jobs_adjust_months;
  // First-order adjustment from last month's demand (services lag industry).
  if (tau <= 1.0 || w.city_demand <= 0.0) return target;
  return w.city_demand + (target - w.city_demand) / tau;
}
}  // namespace gangdu
