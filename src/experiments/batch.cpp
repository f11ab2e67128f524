#include "experiments/batch.hpp"
#include "core/file.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "engine/model.hpp"

namespace gangdu {

ScenarioSource ScenarioSource::from_path(const std::string& path) {
  ScenarioSource s;
  if (path.empty()) {
    s.text = std::string(embedded::find("scenarios/anshan.toml"));
    s.label = "<embedded>/scenarios/anshan.toml";
    return s;
  }
  s.text = read_input_file(path, "scenario file");
  s.label = path;
  return s;
}

Scenario ScenarioSource::load(const std::vector<Override>& overrides) const {
  return load_scenario_text(text, label, overrides);
}

std::vector<Override> parse_overrides(const std::vector<std::string>& sets) {
  std::vector<Override> ov;
  for (const std::string& s : sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) throw InputError("--set " + s, 0, 0, s, "expected key=value");
    ov.push_back({s.substr(0, eq), s.substr(eq + 1)});
  }
  return ov;
}

std::vector<std::pair<std::string, double>> parse_switches(const std::vector<std::string>& switches) {
  std::vector<std::pair<std::string, double>> out;
  for (const std::string& s : switches) {
    const auto eq = s.find('=');
    const ParamDef* d = eq == std::string::npos ? nullptr : find_param_def(s.substr(0, eq));
    if (!d)
      throw InputError("--switch " + s, 0, 0, s.substr(0, eq), "expected NAME=VALUE with a registered parameter name");
    double v = 0;
    try {
      v = std::stod(s.substr(eq + 1));
    } catch (const std::exception&) {
      throw InputError("--switch " + s, 0, 0, d->name, "value is not a number");
    }
    if (!(v >= d->min && v <= d->max)) throw InputError("--switch " + s, 0, 0, d->name, "value out of range");
    out.emplace_back(d->name, v);
  }
  return out;
}

uint64_t replicate_seed(uint64_t master, uint64_t replicate) { return rng::mix(master, replicate) >> 11; }

std::vector<HistoryPoint> history_up_to(const std::vector<HistoryPoint>& points, int last_year) {
  std::vector<HistoryPoint> out;
  for (const HistoryPoint& p : points) {
    if (p.year > last_year) continue;
    if (p.compare == "ratio" && p.base_year > last_year) continue;
    out.push_back(p);
  }
  return out;
}

int BatchResult::variable_index(const std::string& name) const {
  auto it = std::find(variables.begin(), variables.end(), name);
  return it == variables.end() ? -1 : static_cast<int>(it - variables.begin());
}

namespace {
std::atomic<bool> g_stop{false};
std::atomic<int> g_active{0};
std::mutex g_progress_mu;
std::function<void(size_t, size_t)>& global_progress() {
  static std::function<void(size_t, size_t)> f;
  return f;
}
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "the stop flag is set from a signal handler");
struct ActiveBatch {
  ActiveBatch() { g_active.fetch_add(1); }
  ~ActiveBatch() {
    if (g_active.fetch_sub(1) == 1) g_stop.store(false);  // the last batch out clears a stop request
  }
};
}  // namespace

void set_batch_progress(std::function<void(size_t, size_t)> progress) {
  std::lock_guard<std::mutex> lock(g_progress_mu);
  global_progress() = std::move(progress);
}
void request_batch_stop() { g_stop.store(true); }
int active_batches() { return g_active.load(); }

BatchResult run_batch(std::vector<RunSpec> specs, const BatchOptions& opt) {
  if (specs.size() > kMaxRuns)
    throw InputError("", 0, 0, "",
                     fmt::format("{} runs asked for; the limit is {} runs per batch", specs.size(), kMaxRuns));
  const ActiveBatch active;
  std::function<void(size_t, size_t)> progress_line;
  {
    std::lock_guard<std::mutex> lock(g_progress_mu);
    progress_line = global_progress();
  }
  BatchResult b;
  b.scale = opt.scale;
  b.runs.resize(specs.size());
  if (!specs.empty()) {
    // The layout of the results (variables and years) is that of the first
    // spec's World; every run declares the same series.
    const Scenario& sc0 = *specs.front().scenario;
    World probe(sc0, RunOptions{1, opt.scale, {}});
    b.variables = probe.rec.names();
    b.first_year = probe.rec.first_year();
    b.last_year = probe.rec.last_year();
  }
  const auto history = history_up_to(opt.history ? *opt.history : load_default_history(), kLastCalibrationYear);
  std::vector<size_t> mine;
  for (size_t i = 0; i < specs.size(); ++i)
    if (static_cast<int>(i % static_cast<size_t>(std::max(1, opt.nranks))) == opt.rank) mine.push_back(i);

  std::atomic<size_t> next{0};
  std::mutex mu;
  size_t finished = 0;
  std::exception_ptr failure;
  auto worker = [&]() {
    for (;;) {
      const size_t k = next.fetch_add(1);
      if (k >= mine.size()) return;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (failure) return;
      }
      if (g_stop.load()) return;
      const size_t i = mine[k];
      try {
        const RunSpec& s = specs[i];
        RunResult r = run_model(*s.scenario, RunOptions{s.seed, opt.scale, s.forced},
                                [](const World&) { return !g_stop.load(std::memory_order_relaxed); });
        if (!r.world->clock.done()) return;  // stopped (Ctrl-C): the batch is interrupted below
        if (opt.on_run) opt.on_run(i, *r.world);
        const Recorder& rec = r.world->rec;
        if (rec.first_year() != b.first_year || rec.last_year() != b.last_year)
          throw InputError(s.scenario->file, 0, 0, "scenario.start",
                           "all runs of a batch must cover the same years");
        RunRecord& out = b.runs[i];
        out.index = i;
        out.wall_seconds = r.wall_seconds;
        out.peak_agents = r.world->peak_agents;
        out.values.resize(b.variables.size() * b.years());
        for (size_t v = 0; v < b.variables.size(); ++v)
          for (int y = b.first_year; y <= b.last_year; ++y)
            out.values[v * b.years() + static_cast<size_t>(y - b.first_year)] = rec.get(b.variables[v], y);
        out.mape = compare_with_history(history, [&](const std::string& v, int y) { return rec.get(v, y); }).overall_mape;
        out.done = true;
        std::lock_guard<std::mutex> lock(mu);
        ++finished;
        if (opt.progress) opt.progress(finished, mine.size());
        if (progress_line) progress_line(finished, mine.size());
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        if (!failure) failure = std::current_exception();
        return;
      }
    }
  };
  const unsigned nt = std::max(1u, std::min<unsigned>(opt.threads, static_cast<unsigned>(std::max<size_t>(1, mine.size()))));
  if (nt == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < nt; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);
  if (finished < mine.size())
    throw BatchInterrupted(fmt::format("interrupted after {} of {} runs; nothing was written", finished, mine.size()));
  b.specs = std::move(specs);
  return b;
}

double percentile(std::vector<double> values, double q) {
  if (values.empty()) return NAN;
  std::sort(values.begin(), values.end());
  const double h = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(values.size() - 1, lo + 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

std::vector<SummaryRow> summarise(const BatchResult& b, const std::vector<size_t>& use) {
  std::vector<size_t> idx = use;
  if (idx.empty())
    for (size_t i = 0; i < b.runs.size(); ++i) idx.push_back(i);
  std::vector<size_t> sel;
  for (size_t i : idx)
    if (b.runs[i].done) sel.push_back(i);
  std::vector<SummaryRow> out;
  std::vector<double> xs;
  xs.reserve(sel.size());
  for (size_t v = 0; v < b.variables.size(); ++v) {
    for (int y = b.first_year; y <= b.last_year; ++y) {
      xs.clear();
      double sum = 0;
      for (size_t i : sel) {
        const double x = b.value(i, v, y);
        if (std::isnan(x)) continue;
        xs.push_back(x);
        sum += x;
      }
      if (xs.empty()) continue;
      out.push_back({b.variables[v], y, sum / static_cast<double>(xs.size()), percentile(xs, 0.05),
                     percentile(xs, 0.95), xs.size()});
    }
  }
  return out;
}

std::string summary_csv(const std::vector<SummaryRow>& rows) {
  CsvWriter w{"variable", "year", "mean", "p05", "p95", "n"};
  for (const SummaryRow& r : rows) w.row({r.variable, r.year, r.mean, r.p05, r.p95, r.n});
  return w.take();
}

std::string summary_by_point_csv(const BatchResult& b) {
  std::map<size_t, std::vector<size_t>> by_point;
  for (size_t i = 0; i < b.specs.size(); ++i) by_point[b.specs[i].point].push_back(i);
  CsvWriter w{"point", "variable", "year", "mean", "p05", "p95", "n"};
  for (const auto& [pt, runs] : by_point)
    for (const SummaryRow& r : summarise(b, runs)) w.row({pt, r.variable, r.year, r.mean, r.p05, r.p95, r.n});
  return w.take();
}

std::string runs_csv(const BatchResult& b) {
  std::vector<std::string> keys;
  for (const RunSpec& s : b.specs)
    for (const Override& o : s.overrides)
      if (std::find(keys.begin(), keys.end(), o.key) == keys.end()) keys.push_back(o.key);
  std::vector<std::string> header = {"run", "point", "replicate", "seed"};
  header.insert(header.end(), keys.begin(), keys.end());
  for (const char* c : {"mape_le_1957", "wall_seconds", "peak_agents"}) header.emplace_back(c);
  CsvWriter w(header);
  for (size_t i = 0; i < b.specs.size(); ++i) {
    const RunSpec& s = b.specs[i];
    std::vector<CsvCell> row = {i, s.point, s.replicate, s.seed};
    for (const auto& k : keys) {
      std::string v;
      for (const Override& o : s.overrides)
        if (o.key == k) v = o.value;
      row.emplace_back(v);
    }
    const RunRecord& r = b.runs[i];
    row.emplace_back(r.mape);
    row.emplace_back(r.wall_seconds);
    row.emplace_back(r.peak_agents);
    w.row(row);
  }
  return w.take();
}

}  // namespace gangdu
