#include "experiments/batch.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/csv.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
#include "core/rng.hpp"
#include "engine/model.hpp"
#include "gangdu/version.hpp"
#include "outputs/writer.hpp"

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

namespace {
// The journal: one small binary file per finished run (little-endian host layout; a
// journal is only read back by the build that wrote it, which the identity checks).
constexpr char kJournalMagic[8] = {'G', 'A', 'N', 'G', 'D', 'U', 'J', '1'};

template <class T>
void put(std::string& b, const T& v) {
  b.append(reinterpret_cast<const char*>(&v), sizeof(T));
}
template <class T>
bool get(const std::string& b, size_t& at, T& v) {
  if (b.size() - at < sizeof(T)) return false;
  std::memcpy(&v, b.data() + at, sizeof(T));
  at += sizeof(T);
  return true;
}
void hash_in(uint64_t& h, const std::string& s) {
  h = rng::mix(h, fnv1a64(s.data(), s.size()));
  h = rng::mix(h, s.size());
}
void hash_in(uint64_t& h, double x) {
  uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  h = rng::mix(h, u);
}

// What identifies the program that wrote a journal: version, commit and the executable
// file itself (size and modification time), so a rebuilt binary never reuses old runs.
uint64_t build_identity() {
  static const uint64_t id = [] {
    uint64_t h = 0x6a6f75726e616cULL;  // "journal"
    hash_in(h, std::string(kVersion));
    hash_in(h, std::string(kGitCommit));
    struct stat st {};
    if (::stat("/proc/self/exe", &st) == 0) {
      h = rng::mix(h, static_cast<uint64_t>(st.st_size));
      h = rng::mix(h, static_cast<uint64_t>(st.st_mtim.tv_sec));
      h = rng::mix(h, static_cast<uint64_t>(st.st_mtim.tv_nsec));
    }
    return h;
  }();
  return id;
}

std::string encode_record(uint64_t identity, const RunRecord& r) {
  std::string b(kJournalMagic, sizeof kJournalMagic);
  put(b, identity);
  put<uint64_t>(b, r.index);
  put(b, r.wall_seconds);
  put(b, r.mape);
  put<uint64_t>(b, r.peak_agents);
  put<uint64_t>(b, r.values.size());
  b.append(reinterpret_cast<const char*>(r.values.data()), r.values.size() * sizeof(double));
  put<uint64_t>(b, fnv1a64(b.data(), b.size()));
  return b;
}

// The record in `path` if it is whole, intact and has this identity, index and size.
bool decode_record(const std::string& path, uint64_t identity, size_t index, size_t nvalues, RunRecord& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  const std::string b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  const size_t body = b.size() >= sizeof(uint64_t) ? b.size() - sizeof(uint64_t) : 0;
  if (body < sizeof kJournalMagic || std::memcmp(b.data(), kJournalMagic, sizeof kJournalMagic) != 0) return false;
  size_t at = sizeof kJournalMagic;
  uint64_t id = 0, idx = 0, peak = 0, n = 0, sum = 0;
  RunRecord r;
  if (!get(b, at, id) || !get(b, at, idx) || !get(b, at, r.wall_seconds) || !get(b, at, r.mape) || !get(b, at, peak) ||
      !get(b, at, n))
    return false;
  if (id != identity || idx != index || n != nvalues || body - at != n * sizeof(double)) return false;
  r.values.resize(n);
  if (n) std::memcpy(r.values.data(), b.data() + at, n * sizeof(double));
  at += n * sizeof(double);
  if (!get(b, at, sum) || sum != fnv1a64(b.data(), body)) return false;
  r.index = index;
  r.peak_agents = peak;
  r.done = true;
  out = std::move(r);
  return true;
}
}  // namespace

std::string journal_file(const std::string& dir, size_t index) { return fmt::format("{}/run-{}.bin", dir, index); }

uint64_t journal_identity(const RunSpec& spec, double scale, const std::vector<std::string>& variables, int first_year,
                          int last_year, const std::vector<HistoryPoint>& history) {
  uint64_t h = build_identity();
  hash_in(h, spec.scenario ? spec.scenario->canonical_text : std::string());
  h = rng::mix(h, spec.seed);
  hash_in(h, scale);
  for (const auto& [name, v] : spec.forced) {
    hash_in(h, name);
    hash_in(h, v);
  }
  for (const std::string& v : variables) hash_in(h, v);
  h = rng::mix(h, static_cast<uint64_t>(static_cast<int64_t>(first_year)));
  h = rng::mix(h, static_cast<uint64_t>(static_cast<int64_t>(last_year)));
  for (const HistoryPoint& p : history) {  // the MAPE of each run is against this record
    hash_in(h, p.variable + "|" + p.compare + "|" + p.id);
    h = rng::mix(h, static_cast<uint64_t>(static_cast<int64_t>(p.year) * 10000 + p.base_year));
    hash_in(h, p.value);
  }
  return h;
}

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

  std::mutex mu;
  size_t finished = 0;
  std::exception_ptr failure;
  // Resume: runs whose journal record is there are read back, the rest run.
  std::vector<uint64_t> identity(specs.size(), 0);
  if (!opt.journal.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(opt.journal, ec);
    if (ec) throw InputError(opt.journal, 0, 0, "", "cannot create the resume journal: " + ec.message());
    std::vector<size_t> todo;
    for (size_t i : mine) {
      identity[i] = journal_identity(specs[i], opt.scale, b.variables, b.first_year, b.last_year, history);
      if (!opt.journal_fresh &&
          decode_record(journal_file(opt.journal, i), identity[i], i, b.variables.size() * b.years(), b.runs[i]))
        ++finished;
      else
        todo.push_back(i);
    }
    b.resumed = finished;
    mine.swap(todo);
  }
  const size_t total = mine.size() + finished;
  std::atomic<size_t> next{0};
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
          throw InputError(s.scenario->file, 0, 0, "scenario.start", "all runs of a batch must cover the same years");
        RunRecord& out = b.runs[i];
        out.index = i;
        out.wall_seconds = r.wall_seconds;
        out.peak_agents = r.world->peak_agents;
        out.values.resize(b.variables.size() * b.years());
        for (size_t v = 0; v < b.variables.size(); ++v)
          for (int y = b.first_year; y <= b.last_year; ++y)
            out.values[v * b.years() + static_cast<size_t>(y - b.first_year)] = rec.get(b.variables[v], y);
        out.mape =
            compare_with_history(history, [&](const std::string& v, int y) { return rec.get(v, y); }).overall_mape;
        out.done = true;
        if (!opt.journal.empty()) write_file_atomic(journal_file(opt.journal, i), encode_record(identity[i], out));
        std::lock_guard<std::mutex> lock(mu);
        ++finished;
        if (opt.progress) opt.progress(finished, total);
        if (progress_line) progress_line(finished, total);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        if (!failure) failure = std::current_exception();
        return;
      }
    }
  };
  const unsigned nt =
      std::max(1u, std::min<unsigned>(opt.threads, static_cast<unsigned>(std::max<size_t>(1, mine.size()))));
  if (nt == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < nt; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);
  if (finished < total)
    throw BatchInterrupted(
        opt.journal.empty()
            ? fmt::format("interrupted after {} of {} runs; nothing was written", finished, total)
            : fmt::format("interrupted after {} of {} runs; no results were written; the finished runs are kept in {} "
                          "and the same command resumes from them",
                          finished, total, opt.journal));
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
