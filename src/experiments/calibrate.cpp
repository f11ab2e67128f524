#include "experiments/calibrate.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "scenario/merged.hpp"

namespace gangdu {
namespace {

// Resolves a dotted override key in a TOML tree (arrays of tables by `id`),
// returning the table holding the last segment and that segment.
std::pair<toml::table*, std::string> resolve(toml::table& root, const std::string& key, const std::string& where) {
  std::vector<std::string> segs;
  std::stringstream ss(key);
  for (std::string s; std::getline(ss, s, '.');) segs.push_back(s);
  if (segs.empty()) throw InputError(where, 0, 0, key, "empty key");
  toml::node* cur = &root;
  for (size_t i = 0; i + 1 < segs.size(); ++i) {
    toml::node* next = nullptr;
    if (auto* t = cur->as_table()) {
      next = t->get(segs[i]);
    } else if (auto* a = cur->as_array()) {
      for (auto& e : *a)
        if (auto* et = e.as_table())
          if (auto id = et->get("id"); id && id->is_string() && id->as_string()->get() == segs[i]) next = &e;
    }
    if (!next) throw InputError(where, 0, 0, key, "no such key '" + segs[i] + "' (arrays are addressed by id)");
    cur = next;
  }
  auto* t = cur->as_table();
  if (!t) throw InputError(where, 0, 0, key, "not inside a table");
  return {t, segs.back()};
}

toml::table parse_source(const ScenarioSource& src) {
  try {
    return toml::parse(src.text, src.label);
  } catch (const toml::parse_error& e) {
    throw InputError(src.label, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column), "",
                     std::string("TOML syntax error: ") + std::string(e.description()));
  }
}

}  // namespace

double scenario_value_at(const ScenarioSource& src, const std::string& key) {
  // Keys are resolved in the scenario with its `extends` chain merged, as --set resolves them.
  toml::table root = merged_scenario_table(src.text, src.label);
  auto [t, last] = resolve(root, key, src.label);
  toml::node* n = t->get(last);
  if (n && n->is_table() && n->as_table()->contains("value")) n = n->as_table()->get("value");
  if (!n) {
    // A regime may leave a parameter at its default: fall back to [parameters].
    if (find_param_def(last)) {
      if (auto* p = root["parameters"][last]["value"].node(); p && p->is_number()) return p->value<double>().value_or(0.0);
    }
    throw InputError(src.label, 0, 0, key, "no such key in the scenario");
  }
  if (!n->is_number()) throw InputError(src.label, 0, 0, key, "not a number");
  return n->value<double>().value_or(0.0);
}

FreeParam parse_free_param(const std::string& text, const ScenarioSource& src, bool need_start) {
  const std::string where = "--param " + text;
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) throw InputError(where, 0, 0, text, "expected key=lo:hi or key=lo:hi:start");
  FreeParam p;
  p.key = text.substr(0, eq);
  std::vector<std::string> parts;
  std::stringstream ss(text.substr(eq + 1));
  for (std::string s; std::getline(ss, s, ':');) parts.push_back(s);
  if (parts.size() != 2 && parts.size() != 3) throw InputError(where, 0, 0, p.key, "expected lo:hi or lo:hi:start");
  std::vector<double> v;
  for (const auto& s : parts) {
    size_t used = 0;
    double d = 0;
    try {
      d = std::stod(s, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != s.size() || !std::isfinite(d)) throw InputError(where, 0, 0, p.key, "'" + s + "' is not a number");
    v.push_back(d);
  }
  p.lo = v[0];
  p.hi = v[1];
  if (!(p.lo < p.hi)) throw InputError(where, 0, 0, p.key, "lower bound must be below the upper bound");
  if (!need_start) {
    scenario_value_at(src, p.key);  // the key must exist
    p.start = v.size() == 3 ? v[2] : 0.5 * (p.lo + p.hi);
  } else {
    p.start = v.size() == 3 ? v[2] : scenario_value_at(src, p.key);
  }
  if (p.start < p.lo || p.start > p.hi)
    throw InputError(where, 0, 0, p.key, fmt::format("start {} is outside [{}, {}]", p.start, p.lo, p.hi));
  return p;
}

std::string override_value(double v) { return fmt::format("{:.6g}", v); }

std::vector<Override> overrides_for(const std::vector<FreeParam>& ps, const std::vector<double>& x) {
  std::vector<Override> ov;
  for (size_t i = 0; i < ps.size(); ++i) ov.push_back({ps[i].key, override_value(x[i])});
  return ov;
}

CmaResult cma_es(const std::vector<FreeParam>& ps, const BatchDistance& distance, const CmaOptions& opt) {
  using Vec = Eigen::VectorXd;
  using Mat = Eigen::MatrixXd;
  const int n = static_cast<int>(ps.size());
  if (n == 0) throw std::invalid_argument("cma_es: no free parameters");
  const double nd = n;
  // Strategy parameters: Hansen (2016), "The CMA Evolution Strategy: A Tutorial", table 1.
  const int lambda = opt.lambda > 0 ? static_cast<int>(opt.lambda) : 4 + static_cast<int>(std::floor(3.0 * std::log(nd)));
  const int mu = lambda / 2;
  Vec w(mu);
  for (int i = 0; i < mu; ++i) w(i) = std::log(mu + 0.5) - std::log(i + 1.0);
  w /= w.sum();
  const double mueff = 1.0 / w.squaredNorm();
  const double cc = (4.0 + mueff / nd) / (nd + 4.0 + 2.0 * mueff / nd);
  const double cs = (mueff + 2.0) / (nd + mueff + 5.0);
  const double c1 = 2.0 / ((nd + 1.3) * (nd + 1.3) + mueff);
  const double cmu = std::min(1.0 - c1, 2.0 * (mueff - 2.0 + 1.0 / mueff) / ((nd + 2.0) * (nd + 2.0) + mueff));
  const double damps = 1.0 + 2.0 * std::max(0.0, std::sqrt((mueff - 1.0) / (nd + 1.0)) - 1.0) + cs;
  const double chin = std::sqrt(nd) * (1.0 - 1.0 / (4.0 * nd) + 1.0 / (21.0 * nd * nd));

  // The search runs in range units: z = (x - lo) / (hi - lo), the box is [0,1]^n.
  auto to_x = [&](const Vec& z) {
    std::vector<double> x(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      const auto& p = ps[static_cast<size_t>(i)];
      x[static_cast<size_t>(i)] = p.lo + std::clamp(z(i), 0.0, 1.0) * (p.hi - p.lo);
    }
    return x;
  };
  Vec m(n);
  for (int i = 0; i < n; ++i) {
    const auto& p = ps[static_cast<size_t>(i)];
    m(i) = (p.start - p.lo) / (p.hi - p.lo);
  }
  double sigma = opt.sigma0;
  Mat C = Mat::Identity(n, n), B = Mat::Identity(n, n);
  Vec D = Vec::Ones(n), pc = Vec::Zero(n), ps_ = Vec::Zero(n);
  rng::Stream stream(opt.seed, rng::StreamId::kCalibration);

  CmaResult res;
  res.best_distance = std::numeric_limits<double>::infinity();
  size_t evals = 0;
  int gen = 0;
  for (;;) {
    if (evals + static_cast<size_t>(lambda) > opt.budget) {
      res.stop_reason = fmt::format("evaluation budget ({}) reached", opt.budget);
      break;
    }
    std::vector<Vec> y(static_cast<size_t>(lambda)), z(static_cast<size_t>(lambda));
    std::vector<std::vector<double>> xs;
    for (int k = 0; k < lambda; ++k) {
      Vec g(n);
      for (int i = 0; i < n; ++i) g(i) = stream.normal();
      y[static_cast<size_t>(k)] = B * D.asDiagonal() * g;
      z[static_cast<size_t>(k)] = m + sigma * y[static_cast<size_t>(k)];
      // Round to the written resolution so the distance belongs to the value reported.
      std::vector<double> x = to_x(z[static_cast<size_t>(k)]);
      for (double& v : x) v = std::stod(override_value(v));
      xs.push_back(std::move(x));
    }
    const std::vector<double> d = distance(xs);
    evals += static_cast<size_t>(lambda);
    std::vector<double> f(static_cast<size_t>(lambda));
    for (int k = 0; k < lambda; ++k) {
      const auto ku = static_cast<size_t>(k);
      const double raw = std::isfinite(d[ku]) ? d[ku] : 1e12;
      const Vec& zk = z[ku];
      const double out = (zk - zk.cwiseMax(0.0).cwiseMin(1.0)).squaredNorm();
      f[ku] = raw + 1e4 * out;  // assumption: MAPE is O(1-100) %; a step outside the box costs more than any fit gain
      res.evaluations.push_back({static_cast<size_t>(gen), xs[ku], raw});
      if (raw < res.best_distance) {
        res.best_distance = raw;
        res.best = xs[ku];
      }
    }
    std::vector<int> order(static_cast<size_t>(lambda));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return f[static_cast<size_t>(a)] < f[static_cast<size_t>(b)]; });
    const Vec m_old = m;
    Vec yw = Vec::Zero(n);
    for (int i = 0; i < mu; ++i) yw += w(i) * y[static_cast<size_t>(order[static_cast<size_t>(i)])];
    m = m_old + sigma * yw;
    const Mat Cinvsqrt = B * D.cwiseInverse().asDiagonal() * B.transpose();
    ps_ = (1.0 - cs) * ps_ + std::sqrt(cs * (2.0 - cs) * mueff) * (Cinvsqrt * yw);
    const double hsig_norm = ps_.norm() / std::sqrt(1.0 - std::pow(1.0 - cs, 2.0 * (gen + 1))) / chin;
    const double hsig = hsig_norm < 1.4 + 2.0 / (nd + 1.0) ? 1.0 : 0.0;
    pc = (1.0 - cc) * pc + hsig * std::sqrt(cc * (2.0 - cc) * mueff) * yw;
    Mat rank_mu = Mat::Zero(n, n);
    for (int i = 0; i < mu; ++i) {
      const Vec& yi = y[static_cast<size_t>(order[static_cast<size_t>(i)])];
      rank_mu += w(i) * yi * yi.transpose();
    }
    C = (1.0 - c1 - cmu) * C + c1 * (pc * pc.transpose() + (1.0 - hsig) * cc * (2.0 - cc) * C) + cmu * rank_mu;
    sigma *= std::exp((cs / damps) * (ps_.norm() / chin - 1.0));
    C = 0.5 * (C + C.transpose());
    Eigen::SelfAdjointEigenSolver<Mat> es(C);
    B = es.eigenvectors();
    D = es.eigenvalues().cwiseMax(1e-20).cwiseSqrt();
    ++gen;
    if (sigma * D.maxCoeff() < opt.tol) {
      res.stop_reason = fmt::format("step below tolerance {} after {} generations", opt.tol, gen);
      break;
    }
  }
  res.generations = static_cast<size_t>(gen);
  res.mean = to_x(m);
  for (int i = 0; i < n; ++i) {
    const auto& p = ps[static_cast<size_t>(i)];
    res.sd.push_back(sigma * std::sqrt(C(i, i)) * (p.hi - p.lo));
  }
  return res;
}

BatchResult run_points(const CalibrationSetup& s, const std::vector<Override>& base,
                       const std::vector<std::vector<double>>& points, const std::vector<HistoryPoint>* history) {
  std::vector<RunSpec> specs;
  for (size_t c = 0; c < points.size(); ++c) {
    std::vector<Override> ov = base;
    const auto free = overrides_for(s.params, points[c]);
    ov.insert(ov.end(), free.begin(), free.end());
    auto sc = std::make_shared<const Scenario>(s.source.load(ov));
    for (size_t k = 0; k < s.seeds.size(); ++k) specs.push_back({k, s.seeds[k], c, free, sc, s.forced});
  }
  BatchOptions opt;
  opt.scale = s.scale;
  opt.threads = s.threads;
  opt.rank = s.rank;
  opt.nranks = s.nranks;
  opt.history = history;
  return run_batch(std::move(specs), opt);
}

BatchDistance model_distance(const CalibrationSetup& s) {
  const auto history = std::make_shared<std::vector<HistoryPoint>>(history_up_to(s.history, kLastCalibrationYear));
  if (history->empty()) throw InputError("<history>", 0, 0, "", "no history points in or before 1957 to calibrate to");
  std::vector<Override> base = s.base;
  // Stop every run at the end of 1957: nothing later can influence the fit.
  if (s.source.load(base).end > Month::of(kLastCalibrationYear, 12)) base.push_back({"scenario.end", "\"1957-12\""});
  return [s, history, base](const std::vector<std::vector<double>>& xs) {
    const BatchResult b = run_points(s, base, xs, history.get());
    std::vector<double> mape(b.runs.size(), 0.0);
    for (size_t i = 0; i < b.runs.size(); ++i) mape[i] = b.runs[i].done ? b.runs[i].mape : 0.0;
    if (s.nranks > 1 && s.allgather) s.allgather(mape);
    std::vector<double> d(xs.size(), 0.0);
    for (size_t i = 0; i < mape.size(); ++i) d[i / s.seeds.size()] += mape[i] / static_cast<double>(s.seeds.size());
    return d;
  };
}

std::string calibrated_scenario_text(const ScenarioSource& src, const std::vector<FreeParam>& ps,
                                     const std::vector<double>& x, const std::string& note) {
  toml::table root = parse_source(src);
  for (size_t i = 0; i < ps.size(); ++i) {
    auto [t, last] = resolve(root, ps[i].key, src.label);
    const double v = std::stod(override_value(x[i]));
    toml::node* n = t->get(last);
    std::string old_source;
    if (n && n->is_table() && n->as_table()->contains("value")) {
      if (auto* s = n->as_table()->get("source"); s && s->is_string()) old_source = s->as_string()->get();
    } else if (n) {
      t->insert_or_assign(last, v);  // a plain number (e.g. a facility capacity)
      continue;
    } else if (!find_param_def(last)) {
      throw InputError(src.label, 0, 0, ps[i].key, "no such key in the scenario");
    }
    toml::table p;
    p.insert("value", v);
    p.insert("source", "calibrated: gangdu calibrate, " + note + (old_source.empty() ? "" : "; before: " + old_source));
    t->insert_or_assign(last, std::move(p));
  }
  std::ostringstream out;
  out << "# Calibrated by `gangdu calibrate` (CMA-ES on the MAPE to the record up to 1957; nothing later used).\n"
      << "# Comments of the original scenario (" << src.label << ") are not carried over; sources are.\n\n"
      << canonical_toml(root) << "\n";
  return out.str();
}

}  // namespace gangdu
