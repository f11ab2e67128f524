#pragma once
// Rule R23 "overdriving" (issue 19): how hard a unit runs its plant.
//
// Citation: L5023 (blast furnaces run in higher heat and under more pressure, open-hearth
// hearths enlarged, the moderate Soviet operating methods abandoned); L5366 (equipment
// overused, maintenance neglected); L3307-3315 (the high-intensity method of the FFYP).
// Switch: rule_overdrive (and rule_maintenance_skip for the maintenance half).
// Reads: the year's targets and each stage's potential at the method intensity
// (steel_utilization, a policy input: the operating method in force), the weight of the
// local Party line (control_local_weight). Writes: UnitsState::drive (per stage) and
// the works-wide drive of support processes; series angang.drive_*.
//
// The same rule runs in every planned year: under the FFYP targets sit near potential and
// the drive stays near 1; under the Leap the political targets (L5007, L5015, L5218) open
// a gap that units under pressure close by driving, up to an engineering ceiling.
#include <algorithm>

namespace gangdu {

struct OverdriveParams {
  double response = 0;        // overdrive_response: drive per unit of pressure x gap
  double max = 1;             // overdrive_max: engineering ceiling on the drive
  double pressure_floor = 0;  // overdrive_pressure_floor: push felt without the local Party line
};

// Political pressure a unit feels (0..1): the SOE line's own push plus the local Party's weight.
// The same pressure drives overdriving and inflated reports (enterprises/report_inflation.hpp).
inline double political_pressure(double pressure_floor, double local_weight) {
  return std::clamp(pressure_floor + local_weight, 0.0, 1.0);
}

// Drive (>= 1) of a unit whose target (t/month) exceeds its potential at the method
// intensity (t/month), under political pressure `local_weight` (0..1).
inline double drive_factor(const OverdriveParams& p, double target, double potential, double local_weight) {
  if (!(potential > 0) || !(target > potential)) return 1.0;
  const double gap = target / potential - 1.0;
  const double pressure = political_pressure(p.pressure_floor, local_weight);
  return std::clamp(1.0 + p.response * pressure * gap, 1.0, std::max(1.0, p.max));
}

// Share of maintenance a unit skips when it drives its plant (L5366): response x (drive - 1).
inline double maintenance_skipped(double skip_response, double drive) {
  return std::clamp(skip_response * (drive - 1.0), 0.0, 1.0);
}

}  // namespace gangdu
