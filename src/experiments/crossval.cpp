#include "experiments/crossval.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <set>
#include <sstream>

#include "core/csv.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "engine/world.hpp"
#include "scenario/merged.hpp"

namespace gangdu {
namespace {

std::string embedded_text(const char* path) { return std::string(embedded::find(path)); }
std::string embedded_label(const char* path) { return std::string("<embedded>/") + path; }

std::string month_end(int year) { return fmt::format("{}-12", year); }

double mean_of(const std::vector<double>& v) {
  double s = 0;
  size_t n = 0;
  for (double x : v)
    if (!std::isnan(x)) {
      s += x;
      ++n;
    }
  return n ? s / static_cast<double>(n) : NAN;
}

std::string interval(const std::vector<double>& v) {
  std::vector<double> ok;
  for (double x : v)
    if (!std::isnan(x)) ok.push_back(x);
  if (ok.empty()) return "n/a";
  const auto [lo, hi] = std::minmax_element(ok.begin(), ok.end());
  return fmt::format("{:.1f} [{:.1f}, {:.1f}]", mean_of(ok), *lo, *hi);
}

// The value of the point's compared quantity under a series sim(variable, year).
double compared_value(const HistoryPoint& p, const SimFn& sim) {
  if (p.compare == "ratio") {
    const double b = sim(p.variable, p.base_year);
    return b > 0 && !std::isnan(b) ? sim(p.variable, p.year) / b : NAN;
  }
  if (p.compare == "sum") {
    double s = 0;
    for (int y = p.base_year; y <= p.year; ++y) s += sim(p.variable, y);
    return s;
  }
  if (p.compare == "change") return sim(p.variable, p.year) - sim(p.variable, p.base_year);
  return sim(p.variable, p.year);
}

}  // namespace

// --- patterns ---------------------------------------------------------------

std::vector<PatternCheck> load_patterns_text(const std::string& text, const std::string& file) {
  const CsvTable t = parse_csv(text, file);
  const size_t ci = t.column("id"), cav = t.column("a_variable"), cay = t.column("a_year"), cr = t.column("relation"),
               cf = t.column("factor"), cbv = t.column("b_variable"), cby = t.column("b_year"),
               cs = t.column("seed_lines"), cst = t.column("statement");
  std::vector<PatternCheck> out;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    PatternCheck c;
    c.line = t.lines[r];
    c.id = t.rows[r][ci];
    c.a_variable = t.rows[r][cav];
    c.a_year = t.integer(r, cay);
    c.relation = t.rows[r][cr];
    if (c.relation != "<" && c.relation != ">")
      throw InputError(file, c.line, static_cast<int>(cr) + 1, "relation", "expected '<' or '>'");
    c.factor = t.number(r, cf);
    c.b_variable = t.rows[r][cbv];
    c.b_year = t.integer(r, cby);
    c.seed_lines = t.rows[r][cs];
    c.statement = t.rows[r][cst];
    if (c.id.empty() || c.a_variable.empty() || c.b_variable.empty())
      throw InputError(file, c.line, 1, "id", "id and both variables are required");
    if (c.seed_lines.empty())
      throw InputError(file, c.line, static_cast<int>(cs) + 1, "seed_lines", "a pattern needs its seed lines");
    if (std::max(c.a_year, c.b_year) > kLastCalibrationYear)
      throw InputError(file, c.line, static_cast<int>(cay) + 1, "a_year", "patterns are checked up to 1957 only");
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<PatternCheck> load_default_patterns() {
  return load_patterns_text(embedded_text("data/validation/patterns.csv"),
                            embedded_label("data/validation/patterns.csv"));
}

std::vector<PatternResult> check_patterns(const std::vector<PatternCheck>& checks, const SimFn& sim) {
  std::vector<PatternResult> out;
  for (const PatternCheck& c : checks) {
    // b_variable "constant": compare a with the factor itself.
    PatternResult r{c, sim(c.a_variable, c.a_year), c.b_variable == "constant" ? 1.0 : sim(c.b_variable, c.b_year),
                    false};
    if (!std::isnan(r.a) && !std::isnan(r.b)) r.pass = c.relation == "<" ? r.a < c.factor * r.b : r.a > c.factor * r.b;
    out.push_back(r);
  }
  return out;
}

std::string patterns_report(const std::vector<PatternResult>& results) {
  std::string out = "\nPatterns the text states (pattern-oriented check, Grimm et al. 2005):\n";
  size_t pass = 0;
  for (const PatternResult& r : results) {
    pass += r.pass;
    out +=
        fmt::format("  {:<4} {:<32} {} {} {:.3g} x {} {}  ({:.4g} vs {:.4g}; {})\n", r.pass ? "pass" : "FAIL",
                    r.check.id, fmt::format("{} {}", r.check.a_variable, r.check.a_year), r.check.relation,
                    r.check.factor, r.check.b_variable, r.check.b_year, r.a, r.check.factor * r.b, r.check.seed_lines);
  }
  out += fmt::format("patterns passed: {} of {}\n", pass, results.size());
  return out;
}

// --- ranges and plan targets -------------------------------------------------

std::vector<ParamRange> load_param_ranges_text(const std::string& text, const std::string& file) {
  const CsvTable t = parse_csv(text, file);
  const size_t ck = t.column("key"), cl = t.column("lo"), ch = t.column("hi"), cs = t.column("source");
  std::vector<ParamRange> out;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    ParamRange p{t.rows[r][ck], t.rows[r][cs], t.number(r, cl), t.number(r, ch), t.lines[r]};
    if (!(p.lo < p.hi)) throw InputError(file, p.line, static_cast<int>(cl) + 1, "lo", "need lo < hi");
    if (p.source.empty())
      throw InputError(file, p.line, static_cast<int>(cs) + 1, "source", "every range needs a source");
    for (const ParamRange& q : out)
      if (q.key == p.key)
        throw InputError(file, p.line, static_cast<int>(ck) + 1, "key", "'" + p.key + "' given twice");
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<ParamRange> load_default_param_ranges() {
  return load_param_ranges_text(embedded_text("data/validation/cross_params.csv"),
                                embedded_label("data/validation/cross_params.csv"));
}

std::vector<PlanTarget> load_plan_targets_text(const std::string& text, const std::string& file,
                                               const std::vector<HistoryPoint>& points) {
  const CsvTable t = parse_csv(text, file);
  const size_t ci = t.column("id"), cv = t.column("value"), cs = t.column("source");
  std::vector<PlanTarget> out;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    PlanTarget p{t.rows[r][ci], t.rows[r][cs], t.number(r, cv)};
    if (std::none_of(points.begin(), points.end(), [&](const HistoryPoint& h) { return h.id == p.id; }))
      throw InputError(file, t.lines[r], static_cast<int>(ci) + 1, "id", "'" + p.id + "' is not a record point");
    if (p.source.empty())
      throw InputError(file, t.lines[r], static_cast<int>(cs) + 1, "source", "a target needs its source");
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<PlanTarget> load_default_plan_targets(const std::vector<HistoryPoint>& points) {
  return load_plan_targets_text(embedded_text("data/validation/plan_targets.csv"),
                                embedded_label("data/validation/plan_targets.csv"), points);
}

// --- the plan -----------------------------------------------------------------

std::vector<Override> CrossPlan::overrides_for(const std::vector<double>& x, bool to_1957) const {
  std::vector<Override> ov = fixed;
  const auto f = gangdu::overrides_for(free, x);
  ov.insert(ov.end(), f.begin(), f.end());
  for (const auto& [key, i] : ties) ov.push_back({key, override_value(x[i])});
  ov.push_back({"scenario.end", "\"" + month_end(to_1957 ? kLastCalibrationYear : cut) + "\""});
  return ov;
}

CrossPlan plan_cross(const ScenarioSource& src, const std::vector<HistoryPoint>& history,
                     const std::vector<ParamRange>& ranges, int cut) {
  if (cut < 1917 || cut >= kLastCalibrationYear)
    throw InputError("--cross", 0, 0, std::to_string(cut), "the cut year must lie before 1957");
  CrossPlan plan;
  plan.cut = cut;
  const std::string cut_month = month_end(cut);
  std::map<std::string, int> year_of;
  for (const HistoryPoint& p : history) year_of[p.id] = p.year;
  toml::table root = toml::parse(src.text, src.label);  // the scenario already loaded cleanly
  // The regime in force at the end of the cut year.
  std::string r0, r0_start;
  if (auto* regs = root["regime"].as_array())
    for (auto& e : *regs)
      if (auto* t = e.as_table()) {
        const std::string start = (*t)["start"].value_or(std::string());
        if (start <= cut_month) {
          r0 = (*t)["id"].value_or(std::string());
          r0_start = start;
        }
      }
  auto range_of = [&](const std::string& key) -> const ParamRange& {
    for (const ParamRange& r : ranges)
      if (r.key == key) return r;
    throw InputError("data/validation/cross_params.csv", 0, 0, key, "a value marked calibrated has no declared range");
  };
  const auto markers = calibration_markers(src.text, src.label, history);
  std::vector<CrossItem> carries;
  std::map<std::string, double> constant;  // key -> value set for it (mid)
  std::map<std::string, size_t> free_index;
  for (const CalibrationMarker& m : markers) {
    if (m.outside || m.ids.empty()) continue;
    CrossItem it{m, "", "", m.value, 0, 0};
    if (m.event || m.key.empty()) {
      it.rule = m.event && m.date > cut_month ? "drop" : "keep";
    } else if (!m.regime.empty() && m.date > cut_month) {
      it.rule = "carry";
      carries.push_back(it);
      continue;
    } else {
      const ParamRange& r = range_of(m.key);
      it.lo = r.lo;
      it.hi = r.hi;
      if (m.value < r.lo || m.value > r.hi)
        throw InputError(
            "data/validation/cross_params.csv", r.line, 0, m.key,
            fmt::format("the scenario value {} lies outside the declared range [{}, {}]", m.value, r.lo, r.hi));
      size_t before = 0;
      for (const std::string& id : m.ids) before += year_of[id] <= cut;
      if (before == 0) {
        it.rule = "mid";
        it.value = 0.5 * (r.lo + r.hi);
        constant[m.key] = it.value;
        plan.fixed.push_back({m.key, override_value(it.value)});
      } else {
        it.rule = before == m.ids.size() ? "refit" : "refit-mid";
        const double start = it.rule == "refit" ? m.value : 0.5 * (r.lo + r.hi);
        free_index[m.key] = plan.free.size();
        plan.free.push_back({m.key, r.lo, r.hi, start});
      }
    }
    plan.items.push_back(it);
  }
  // Carried values: what is in force at the cut for the same parameter.
  for (CrossItem& it : carries) {
    const std::string& param = it.marker.param;
    std::string key = "parameters." + param;
    if (!r0.empty()) {
      if (auto* regs = root["regime"].as_array())
        for (auto& e : *regs)
          if (auto* t = e.as_table(); t && (*t)["id"].value_or(std::string()) == r0 && t->contains(param))
            key = "regime." + r0 + "." + param;
    }
    // A set_param event between the regime's start and the cut overrides it.
    bool by_event = false;
    if (auto* evs = root["event"].as_array())
      for (auto& e : *evs)
        if (auto* t = e.as_table(); t && (*t)["kind"].value_or(std::string()) == "set_param" &&
                                    (*t)["param"].value_or(std::string()) == param) {
          const std::string d = (*t)["date"].value_or(std::string());
          if (d >= r0_start && d <= cut_month) {
            it.value = (*t)["value"].value_or(0.0);
            by_event = true;
          }
        }
    if (by_event) {
      it.tie = "";
    } else if (free_index.count(key)) {
      it.tie = key;
      plan.ties.push_back({it.marker.key, free_index[key]});
    } else {
      it.tie = key;
      it.value = constant.count(key) ? constant[key] : scenario_value_at(src, key);
    }
    if (it.tie.empty() || !free_index.count(it.tie)) plan.fixed.push_back({it.marker.key, override_value(it.value)});
    plan.items.push_back(it);
  }
  // The scenario without the events after the cut that were fitted on later points.
  if (auto* evs = root["event"].as_array()) {
    for (const CrossItem& it : plan.items) {
      if (it.rule != "drop") continue;
      for (auto e = evs->begin(); e != evs->end(); ++e)
        if (auto* t = e->as_table(); t && (*t)["date"].value_or(std::string()) == it.marker.date &&
                                     (*t)["param"].value_or(std::string()) == it.marker.param) {
          evs->erase(e);
          break;
        }
    }
  }
  std::ostringstream text;
  text << canonical_toml(root) << "\n";
  plan.source = ScenarioSource{text.str(), src.label + " (cross-validation at " + std::to_string(cut) + ")"};
  for (const HistoryPoint& p : history) {
    if (p.cls == "input" || p.year > kLastCalibrationYear) continue;
    const bool in = p.year <= cut && (p.compare == "level" || p.base_year <= cut);
    (in ? plan.in_sample : plan.out_of_sample).push_back(p);
  }
  if (plan.free.empty())
    throw InputError("--cross", 0, 0, std::to_string(cut), "no parameter can be refitted before this cut");
  if (plan.in_sample.empty() || plan.out_of_sample.empty())
    throw InputError("--cross", 0, 0, std::to_string(cut), "the cut leaves no points on one side");
  return plan;
}

double mape_over(const FitTable& t, const std::vector<std::string>& ids) {
  const std::set<std::string> want(ids.begin(), ids.end());
  double s = 0;
  int n = 0;
  for (const FitRow& r : t.rows)
    if (want.count(r.point.id) && !std::isnan(r.error)) {
      s += std::fabs(r.error);
      ++n;
    }
  return n ? 100.0 * s / n : NAN;
}

// --- the run ------------------------------------------------------------------

CrossResult run_cross(const ScenarioSource& src, const std::vector<HistoryPoint>& history, const CrossOptions& opt,
                      const std::function<void(size_t, size_t)>& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  CrossResult res;
  res.plan = plan_cross(src, history, load_default_param_ranges(), opt.cut);
  const CrossPlan& plan = res.plan;
  std::vector<uint64_t> calib_seeds;
  for (size_t k = 0; k < opt.calib_seeds; ++k)
    calib_seeds.push_back(opt.calib_seeds == 1 ? opt.seed : replicate_seed(opt.seed, k));
  size_t done = 0;
  const size_t total = opt.budget + 1 + 2 * opt.seeds;
  BatchDistance dist = [&](const std::vector<std::vector<double>>& xs) {
    std::vector<RunSpec> specs;
    for (size_t c = 0; c < xs.size(); ++c) {
      auto sc = std::make_shared<const Scenario>(plan.source.load(plan.overrides_for(xs[c], false)));
      for (size_t k = 0; k < calib_seeds.size(); ++k) specs.push_back({k, calib_seeds[k], c, {}, sc, {}});
    }
    BatchOptions bo;
    bo.scale = opt.scale;
    bo.threads = opt.threads;
    bo.history = &plan.in_sample;
    const BatchResult b = run_batch(std::move(specs), bo);
    res.runs += b.runs.size();
    std::vector<double> d(xs.size(), 0.0);
    for (size_t i = 0; i < b.runs.size(); ++i)
      d[i / calib_seeds.size()] += (b.runs[i].done ? b.runs[i].mape : NAN) / static_cast<double>(calib_seeds.size());
    done += xs.size();
    if (progress) progress(std::min(done, total), total);
    return d;
  };
  std::vector<double> start;
  for (const FreeParam& p : plan.free) start.push_back(p.start);
  res.start_distance = dist({start})[0];
  CmaOptions co;
  co.budget = opt.budget;
  co.seed = opt.seed;
  co.sigma0 = opt.sigma;
  res.cma = cma_es(plan.free, dist, co);
  if (!(res.cma.best_distance <= res.start_distance)) {  // the search found nothing better than where it began
    res.cma.best = start;
    res.cma.best_distance = res.start_distance;
    res.cma.stop_reason += "; the start stays best";
  }

  // Forecast to 1957 with the refitted values, beside the scenario as calibrated on everything.
  const auto upto = history_up_to(history, kLastCalibrationYear);
  const auto patterns = load_default_patterns();
  auto cross_sc = std::make_shared<const Scenario>(plan.source.load(plan.overrides_for(res.cma.best, true)));
  auto full_sc = std::make_shared<const Scenario>(src.load({{"scenario.end", "\"1957-12\""}}));
  std::vector<RunSpec> specs;
  for (size_t r = 0; r < opt.seeds; ++r) {
    const uint64_t s = replicate_seed(opt.seed, r);
    specs.push_back({r, s, 0, {}, cross_sc, {}});
    specs.push_back({r, s, 1, {}, full_sc, {}});
  }
  std::vector<FitTable> fits(specs.size());
  std::vector<std::vector<PatternResult>> pats(specs.size());
  BatchOptions bo;
  bo.scale = opt.scale;
  bo.threads = opt.threads;
  bo.history = &upto;
  bo.on_run = [&](size_t i, const World& w) {
    const SimFn sim = [&](const std::string& v, int y) { return w.rec.get(v, y); };
    fits[i] = compare_with_history(upto, sim);
    pats[i] = check_patterns(patterns, sim);
  };
  const BatchResult b = run_batch(std::move(specs), bo);
  res.runs += b.runs.size();
  for (size_t i = 0; i < fits.size(); ++i) {
    (i % 2 == 0 ? res.cross : res.full).push_back(fits[i]);
    (i % 2 == 0 ? res.cross_patterns : res.full_patterns).push_back(pats[i]);
  }
  if (progress) progress(total, total);

  // Baselines on the out-of-sample points, from the record up to the cut.
  std::map<std::string, std::vector<std::pair<int, double>>> levels;  // variable -> (year, value) up to the cut
  for (const HistoryPoint& p : history)
    if (p.compare == "level" && p.year <= plan.cut) levels[p.variable].push_back({p.year, p.value});
  for (auto& [v, pts] : levels) std::sort(pts.begin(), pts.end());
  const SimFn persistence = [&](const std::string& v, int) -> double {
    auto it = levels.find(v);
    return it == levels.end() ? NAN : it->second.back().second;
  };
  const SimFn trend = [&](const std::string& v, int y) -> double {
    auto it = levels.find(v);
    if (it == levels.end()) return NAN;
    const auto& pts = it->second;
    std::set<int> years;
    double sx = 0, sy = 0;
    for (const auto& [x, val] : pts) {
      years.insert(x);
      sx += x;
      sy += val;
    }
    if (years.size() < 2) return NAN;
    const double n = static_cast<double>(pts.size()), mx = sx / n, my = sy / n;
    double sxx = 0, sxy = 0;
    for (const auto& [x, val] : pts) {
      sxx += (x - mx) * (x - mx);
      sxy += (x - mx) * (val - my);
    }
    return my + sxy / sxx * (y - mx);
  };
  std::map<std::string, double> plan_values;
  for (const PlanTarget& t : load_default_plan_targets(history)) plan_values[t.id] = t.value;
  struct Method {
    const char* name;
    const char* source;
    std::function<double(const HistoryPoint&)> predict;
  };
  const std::vector<Method> methods = {
      {"persistence", "the last record value of the variable up to the cut",
       [&](const HistoryPoint& p) { return compared_value(p, persistence); }},
      {"trend", "least-squares line through the record's levels of the variable up to the cut (two or more years)",
       [&](const HistoryPoint& p) { return compared_value(p, trend); }},
      {"plan targets", "data/validation/plan_targets.csv at face value",
       [&](const HistoryPoint& p) -> double {
         auto it = plan_values.find(p.id);
         return it == plan_values.end() ? NAN : it->second;
       }},
  };
  for (const Method& m : methods) {
    BaselineRow row{m.name, m.source, {}, NAN, {}, {}};
    double s = 0;
    for (const HistoryPoint& p : plan.out_of_sample) {
      const double pred = m.predict(p);
      const double e = point_error(p, pred);
      if (std::isnan(e)) continue;
      res.baseline_values[m.name][p.id] = pred;
      row.ids.push_back(p.id);
      s += std::fabs(e);
    }
    if (!row.ids.empty()) row.mape = 100.0 * s / static_cast<double>(row.ids.size());
    for (const FitTable& f : res.cross) row.model_cross.push_back(mape_over(f, row.ids));
    for (const FitTable& f : res.full) row.model_full.push_back(mape_over(f, row.ids));
    res.baselines.push_back(std::move(row));
  }
  res.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return res;
}

// --- reports --------------------------------------------------------------------

namespace {
std::vector<std::string> ids_of(const std::vector<HistoryPoint>& pts, const std::string& cls = "") {
  std::vector<std::string> out;
  for (const HistoryPoint& p : pts)
    if (cls.empty() || p.cls == cls) out.push_back(p.id);
  return out;
}
std::vector<double> over(const std::vector<FitTable>& fits, const std::vector<std::string>& ids) {
  std::vector<double> v;
  for (const FitTable& f : fits) v.push_back(mape_over(f, ids));
  return v;
}
}  // namespace

std::string cross_report(const CrossResult& r) {
  const CrossPlan& p = r.plan;
  std::map<std::string, int> rules;
  for (const CrossItem& it : p.items) ++rules[it.rule];
  std::string out = fmt::format(
      "\nCross-validation at {}: {} parameters refitted (CMA-ES, {} evaluations, {}) on the {} non-input points up to "
      "{};\n  in-sample MAPE of the search: start {:.2f}% -> best {:.2f}%.\n",
      p.cut, p.free.size(), r.cma.evaluations.size() + 1, r.cma.stop_reason, p.in_sample.size(), p.cut,
      r.start_distance, r.cma.best_distance);
  out += "  Values marked calibrated:";
  for (const auto& [k, n] : rules) out += fmt::format(" {} {},", n, k);
  out.pop_back();
  out +=
      " (refit: from the scenario value; refit-mid: from mid-range, fitted partly on later points;\n"
      "  mid: mid-range, fitted only on later points; carry: a later regime takes the value in force at the cut;\n"
      "  drop: a later event fitted on later points is removed; keep: an earlier event kept as written).\n";
  out += fmt::format(
      "  Forecast to 1957, {} seeds (mean [min, max]); 'full' is the scenario as calibrated on every "
      "point up to 1957.\n\n",
      r.cross.size());
  const auto in_ids = ids_of(p.in_sample), out_ids = ids_of(p.out_of_sample);
  out += fmt::format("  {:<34} {:>6}  {:<24} {:<24}\n", "points", "n", "cross MAPE %", "full MAPE %");
  auto line = [&](const std::string& label, const std::vector<std::string>& ids) {
    out += fmt::format("  {:<34} {:>6}  {:<24} {:<24}\n", label, ids.size(), interval(over(r.cross, ids)),
                       interval(over(r.full, ids)));
  };
  line(fmt::format("in-sample (<= {})", p.cut), in_ids);
  line(fmt::format("out-of-sample ({}-1957)", p.cut + 1), out_ids);
  line("  of them independent", ids_of(p.out_of_sample, "independent"));
  line("  of them fitted (in the full run)", ids_of(p.out_of_sample, "fitted"));
  out += "\n  Out-of-sample by variable:\n";
  std::map<std::string, std::vector<std::string>> by_var;
  for (const HistoryPoint& h : p.out_of_sample) by_var[h.variable].push_back(h.id);
  for (const auto& [v, ids] : by_var) line(v, ids);
  out += "\n  Baselines on the out-of-sample points each can predict (the model on the same points):\n";
  out += fmt::format("  {:<14} {:>6}  {:>12}  {:<24} {:<24}\n", "baseline", "n", "baseline %", "cross MAPE %",
                     "full MAPE %");
  for (const BaselineRow& b : r.baselines)
    out += fmt::format("  {:<14} {:>6}  {:>12}  {:<24} {:<24}\n", b.method, b.ids.size(),
                       std::isnan(b.mape) ? "n/a" : fmt::format("{:.1f}", b.mape), interval(b.model_cross),
                       interval(b.model_full));
  size_t pc = 0, pf = 0, n = 0;
  for (const auto& v : r.cross_patterns)
    for (const auto& x : v) pc += x.pass, ++n;
  for (const auto& v : r.full_patterns)
    for (const auto& x : v) pf += x.pass;
  out +=
      fmt::format("\n  Patterns passed over {} seeds: cross {} of {}, full {} of {}.\n", r.cross.size(), pc, n, pf, n);
  out += fmt::format("  {} model runs in {:.0f} s.\n", r.runs, r.wall_seconds);
  return out;
}

std::string cross_csv(const CrossResult& r) {
  std::string out =
      "id,class,observed,qualifier,cross_mean,cross_min,cross_max,full_mean,persistence,trend,plan_target\n";
  auto get = [&](const std::string& m, const std::string& id) {
    auto it = r.baseline_values.find(m);
    if (it == r.baseline_values.end()) return std::string();
    auto jt = it->second.find(id);
    return jt == it->second.end() ? std::string() : fmt::format("{}", jt->second);
  };
  for (const HistoryPoint& p : r.plan.out_of_sample) {
    std::vector<double> c, f;
    for (const FitTable& t : r.cross)
      for (const FitRow& row : t.rows)
        if (row.point.id == p.id) c.push_back(row.simulated);
    for (const FitTable& t : r.full)
      for (const FitRow& row : t.rows)
        if (row.point.id == p.id) f.push_back(row.simulated);
    double lo = NAN, hi = NAN;
    if (!c.empty()) {
      lo = *std::min_element(c.begin(), c.end());
      hi = *std::max_element(c.begin(), c.end());
    }
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(p.id), p.cls, p.value, csv_field(p.qualifier),
                       mean_of(c), lo, hi, mean_of(f), get("persistence", p.id), get("trend", p.id),
                       get("plan targets", p.id));
  }
  return out;
}

}  // namespace gangdu
