#include "steelworks/production.hpp"

#include <algorithm>

namespace gangdu {

void produce_month(World& w) {
  const Month m = w.clock.now();
  w.usable = w.facilities.usable_by_stage(m);
  w.installed = w.facilities.installed_by_stage(m);
  const double u = w.p("steel_utilization");
  const StageArray& e = w.ent.units.output_factor;  // the units' decisions (enterprises/unit_behaviour)
  const double ore = w.usable[0] * u * e[0] / 12.0;  // ore capacity in tonnes of pig iron it supports
  const double furnaces = w.usable[1] * u * e[1] / 12.0;
  const double pig = std::min(ore, furnaces);
  const double steel =
      std::min(w.usable[2] * u * e[2] / 12.0, pig * w.p("pig_iron_to_steel_share") * w.p("steel_per_pig_iron"));
  const double rolled = std::min(w.usable[3] * u * e[3] / 12.0, steel * w.p("rolled_per_steel"));
  const int y = w.year();
  w.rec.add(w.v.pig_iron, y, pig);
  w.rec.add(w.v.steel, y, steel);
  w.rec.add(w.v.rolled, y, rolled);
  w.ent.units.month_output = {pig, pig, steel, rolled};
  w.plan.year_output[1] += pig;
  w.plan.year_output[2] += steel;
  w.plan.year_output[3] += rolled;
}

}  // namespace gangdu
