#include "experiments/design.hpp"

#include <numeric>
#include <stdexcept>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"

namespace gangdu {

std::vector<std::vector<double>> grid_design(const std::vector<FreeParam>& ps, int levels) {
  if (levels < 2) throw std::invalid_argument("grid: need at least 2 levels");
  std::vector<std::vector<double>> out;
  std::vector<int> idx(ps.size(), 0);
  for (;;) {
    std::vector<double> x(ps.size());
    for (size_t i = 0; i < ps.size(); ++i)
      x[i] = std::stod(override_value(ps[i].lo + (ps[i].hi - ps[i].lo) * idx[i] / (levels - 1)));
    out.push_back(std::move(x));
    size_t i = ps.size();
    while (i > 0) {
      --i;
      if (++idx[i] < levels) break;
      idx[i] = 0;
      if (i == 0) return out;
    }
    if (ps.empty()) return out;
  }
}

std::vector<std::vector<double>> lhs_design(const std::vector<FreeParam>& ps, size_t n, uint64_t seed) {
  if (n == 0) throw std::invalid_argument("lhs: need at least one point");
  // assumption: the sensitivity stream with sub-key 1 keeps designs independent of Morris trajectories.
  rng::Stream s(seed, rng::StreamId::kSensitivity, 1);
  std::vector<std::vector<double>> out(n, std::vector<double>(ps.size()));
  for (size_t j = 0; j < ps.size(); ++j) {
    std::vector<size_t> perm(n);
    std::iota(perm.begin(), perm.end(), 0);
    for (size_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[s.below(static_cast<uint32_t>(i))]);
    for (size_t i = 0; i < n; ++i) {
      const double u = (static_cast<double>(perm[i]) + s.uniform()) / static_cast<double>(n);
      out[i][j] = std::stod(override_value(ps[j].lo + u * (ps[j].hi - ps[j].lo)));
    }
  }
  return out;
}

std::string design_csv(const std::vector<FreeParam>& ps, const std::vector<std::vector<double>>& points) {
  std::vector<std::string> header;
  for (const FreeParam& p : ps) header.push_back(p.key);
  CsvWriter w(header);
  std::vector<CsvCell> row;
  for (const auto& x : points) {
    row.clear();
    for (double v : x) row.emplace_back(override_value(v));  // the text a --set would be given
    w.row(row);
  }
  return w.take();
}

std::vector<DesignRow> read_design(const CsvTable& t) {
  if (t.rows.empty()) throw InputError(t.file, 0, 0, "", "the design has no rows");
  std::vector<DesignRow> out;
  for (size_t row = 0; row < t.rows.size(); ++row) {
    DesignRow d;
    d.line = t.lines[row];
    for (size_t c = 0; c < t.header.size(); ++c) {
      if (t.header[c] == "seed") {
        d.seed = t.seed(row, c);
        continue;
      }
      if (t.rows[row][c].empty())
        throw InputError(t.file, t.lines[row], static_cast<int>(c) + 1, t.header[c], "empty value in the design");
      d.overrides.push_back({t.header[c], t.rows[row][c]});
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace gangdu
