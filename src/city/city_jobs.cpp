#include "city/city_jobs.hpp"

namespace gangdu {
double city_labour_demand(const World& w) {
  return (w.works_demand + w.construction_demand) * w.p("people_service_jobs_per_works_job");
}
}  // namespace gangdu
