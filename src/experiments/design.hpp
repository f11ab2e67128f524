#pragma once
// Run designs for `gangdu sweep`: full factorial grids and Latin hypercubes
// over parameter boxes, written as CSV with one column per override key.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "experiments/calibrate.hpp"
#include "scenario/scenario.hpp"

namespace gangdu {

// Every combination of `levels` equally spaced values per parameter (ends included).
std::vector<std::vector<double>> grid_design(const std::vector<FreeParam>& ps, int levels);
// n points; each parameter's range cut into n strata, one point per stratum,
// strata paired at random (McKay et al. 1979); the point is uniform within its stratum.
std::vector<std::vector<double>> lhs_design(const std::vector<FreeParam>& ps, size_t n, uint64_t seed);
std::string design_csv(const std::vector<FreeParam>& ps, const std::vector<std::vector<double>>& points);

// One row of a sweep design as read: the overrides (column = key as for --set)
// and the row's seed, if the design has a `seed` column.
struct DesignRow {
  std::vector<Override> overrides;
  std::optional<uint64_t> seed;
  int line = 0;  // in the design file
};
// Reads a design table (`gangdu sweep`): InputError naming file, line and
// column on an empty value or a seed that is not a whole number in
// [0, 2^63 - 1]; duplicated columns and a BOM are handled by parse_csv.
std::vector<DesignRow> read_design(const CsvTable& t);

}  // namespace gangdu
