#pragma once
// Run designs for `gangdu sweep`: full factorial grids and Latin hypercubes
// over parameter boxes, written as CSV with one column per override key.
#include <cstdint>
#include <string>
#include <vector>

#include "experiments/calibrate.hpp"

namespace gangdu {

// Every combination of `levels` equally spaced values per parameter (ends included).
std::vector<std::vector<double>> grid_design(const std::vector<FreeParam>& ps, int levels);
// n points; each parameter's range cut into n strata, one point per stratum,
// strata paired at random (McKay et al. 1979); the point is uniform within its stratum.
std::vector<std::vector<double>> lhs_design(const std::vector<FreeParam>& ps, size_t n, uint64_t seed);
std::string design_csv(const std::vector<FreeParam>& ps, const std::vector<std::vector<double>>& points);

}  // namespace gangdu
