#include "experiments/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "core/rng.hpp"

namespace gangdu {

MorrisDesign morris_design(const std::vector<FreeParam>& ps, const MorrisOptions& opt) {
  if (ps.empty()) throw std::invalid_argument("morris: no parameters");
  if (opt.levels < 2) throw std::invalid_argument("morris: need at least 2 levels");
  const size_t k = ps.size();
  const double p = opt.levels;
  // assumption: the standard step p / (2 (p - 1)) levels (Morris 1991; Saltelli et al. 2004).
  const double delta = p / (2.0 * (p - 1.0));
  rng::Stream s(opt.seed, rng::StreamId::kSensitivity);
  MorrisDesign d;
  for (size_t t = 0; t < opt.trajectories; ++t) {
    std::vector<double> z(k);
    for (size_t i = 0; i < k; ++i) z[i] = static_cast<double>(s.below(static_cast<uint32_t>(opt.levels))) / (p - 1.0);
    std::vector<size_t> order(k);
    std::iota(order.begin(), order.end(), 0);
    for (size_t i = k; i > 1; --i) std::swap(order[i - 1], order[s.below(static_cast<uint32_t>(i))]);  // Fisher-Yates
    auto to_x = [&](const std::vector<double>& zz) {
      std::vector<double> x(k);
      for (size_t i = 0; i < k; ++i) x[i] = std::stod(override_value(ps[i].lo + zz[i] * (ps[i].hi - ps[i].lo)));
      return x;
    };
    d.points.push_back(to_x(z));
    std::vector<size_t> moved;
    std::vector<double> steps;
    for (size_t j = 0; j < k; ++j) {
      const size_t i = order[j];
      // Move up by delta when that stays in the box, otherwise down.
      const double st = z[i] + delta <= 1.0 + 1e-12 ? delta : -delta;
      z[i] = std::clamp(z[i] + st, 0.0, 1.0);
      d.points.push_back(to_x(z));
      moved.push_back(i);
      steps.push_back(st);
    }
    d.moved.push_back(moved);
    d.step.push_back(steps);
  }
  return d;
}

std::vector<MorrisIndex> morris_indices(const std::vector<FreeParam>& ps, const MorrisDesign& d,
                                        const std::vector<std::string>& output_names,
                                        const std::vector<std::vector<double>>& outputs,
                                        std::vector<ElementaryEffect>* effects) {
  const size_t k = ps.size(), r = d.moved.size(), m = output_names.size();
  // ee[output][param] -> effects over trajectories
  std::vector<std::vector<std::vector<double>>> ee(m, std::vector<std::vector<double>>(k));
  for (size_t t = 0; t < r; ++t) {
    const size_t base = t * (k + 1);
    for (size_t j = 0; j < k; ++j) {
      const size_t i = d.moved[t][j];
      // The realised step (after rounding values to 6 digits), in range units.
      const double dz = (d.points[base + j + 1][i] - d.points[base + j][i]) / (ps[i].hi - ps[i].lo);
      for (size_t o = 0; o < m; ++o) {
        const double e = (outputs[base + j + 1][o] - outputs[base + j][o]) / dz;
        ee[o][i].push_back(e);
        if (effects) effects->push_back({t, ps[i].key, output_names[o], e});
      }
    }
  }
  std::vector<MorrisIndex> out;
  for (size_t o = 0; o < m; ++o)
    for (size_t i = 0; i < k; ++i) {
      const auto& v = ee[o][i];
      MorrisIndex x{output_names[o], ps[i].key, 0, 0, 0, v.size()};
      for (double e : v) {
        x.mu += e / static_cast<double>(v.size());
        x.mu_star += std::fabs(e) / static_cast<double>(v.size());
      }
      double ss = 0;
      for (double e : v) ss += (e - x.mu) * (e - x.mu);
      x.sigma = v.size() > 1 ? std::sqrt(ss / static_cast<double>(v.size() - 1)) : 0.0;
      out.push_back(x);
    }
  return out;
}

OutputSpec parse_output(const std::string& text) {
  OutputSpec o;
  o.name = text;
  if (text == "mape") return o;
  const auto at = text.find('@');
  if (at == std::string::npos || at == 0)
    throw InputError("--output " + text, 0, 0, text, "expected 'mape' or 'variable@year', e.g. angang.pig_iron_t@1957");
  o.variable = text.substr(0, at);
  try {
    size_t used = 0;
    o.year = std::stoi(text.substr(at + 1), &used);
    if (used != text.size() - at - 1) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    throw InputError("--output " + text, 0, 0, text, "year '" + text.substr(at + 1) + "' is not an integer");
  }
  return o;
}

std::vector<std::vector<double>> model_outputs(const CalibrationSetup& s, const std::vector<std::vector<double>>& points,
                                               const std::vector<OutputSpec>& outputs) {
  const BatchResult b = run_points(s, s.base, points, &s.history);
  std::vector<int> var(outputs.size(), -1);
  for (size_t j = 0; j < outputs.size(); ++j) {
    if (outputs[j].variable.empty()) continue;
    var[j] = b.variable_index(outputs[j].variable);
    if (var[j] < 0) throw InputError("--output " + outputs[j].name, 0, 0, outputs[j].variable, "no such output variable");
    if (outputs[j].year < b.first_year || outputs[j].year > b.last_year)
      throw InputError("--output " + outputs[j].name, 0, 0, outputs[j].name, "year outside the scenario");
  }
  // Per run values, assembled across MPI ranks, then averaged over seeds.
  const size_t m = outputs.size(), S = s.seeds.size();
  std::vector<double> flat(b.runs.size() * m, 0.0);
  for (size_t i = 0; i < b.runs.size(); ++i) {
    if (!b.runs[i].done) continue;
    for (size_t j = 0; j < m; ++j)
      flat[i * m + j] = var[j] < 0 ? b.runs[i].mape : b.value(i, static_cast<size_t>(var[j]), outputs[j].year);
  }
  if (s.nranks > 1 && s.allgather) {
    // allgather_by_index partitions by entry index; regroup by run so each run's block travels with its owner.
    std::vector<double> out(flat.size(), 0.0);
    for (size_t j = 0; j < m; ++j) {
      std::vector<double> col(b.runs.size(), 0.0);
      for (size_t i = 0; i < b.runs.size(); ++i) col[i] = flat[i * m + j];
      s.allgather(col);
      for (size_t i = 0; i < b.runs.size(); ++i) out[i * m + j] = col[i];
    }
    flat.swap(out);
  }
  std::vector<std::vector<double>> res(points.size(), std::vector<double>(m, 0.0));
  for (size_t i = 0; i < b.runs.size(); ++i)
    for (size_t j = 0; j < m; ++j) res[i / S][j] += flat[i * m + j] / static_cast<double>(S);
  return res;
}

}  // namespace gangdu
