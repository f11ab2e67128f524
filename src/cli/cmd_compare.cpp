// gangdu compare: A - B per variable and period, from two run folders or from two
// configurations run with paired seeds (issue 25).
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "cli/commands.hpp"
#include "cli/run_common.hpp"
#include "cli/validators.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/batch.hpp"
#include "experiments/compare.hpp"
#include "outputs/writer.hpp"

namespace gangdu::cli {
namespace {

struct CompareArgs {
  std::vector<std::string> folders;
  std::string scenario, a, b, out = "out/compare";
  bool have_a = false, have_b = false;
  size_t runs = 10;
  long long seed = -1;
  double scale = kScaleManyRuns;
  unsigned threads = 0;
  std::vector<std::string> periods, variables;
};

// series.csv of a run folder as (variable, year) -> value.
std::map<std::pair<std::string, int>, double> read_series(const std::string& dir) {
  const std::string path = dir + "/series.csv";
  if (!std::filesystem::exists(path))
    throw InputError(path, 0, 0, "", "no series.csv here: `gangdu compare A B` compares two run folders");
  const CsvTable t = read_csv_file(path);
  const size_t cv = t.column("variable"), cy = t.column("year"), cval = t.column("value");
  std::map<std::pair<std::string, int>, double> out;
  for (size_t r = 0; r < t.rows.size(); ++r) out[{t.rows[r][cv], t.integer(r, cy)}] = t.number(r, cval);
  return out;
}

std::vector<std::string> variables_of(const std::map<std::pair<std::string, int>, double>& s) {
  std::vector<std::string> v;
  for (const auto& [k, x] : s)
    if (v.empty() || v.back() != k.first) v.push_back(k.first);
  return v;
}

void print_rows(const std::vector<CompareRow>& rows, const std::vector<std::string>& shown) {
  std::cout << fmt::format("{:<28} {:>10} {:>5} {:>14} {:>14} {:>14} {:>29}\n", "variable", "period", "stat", "A", "B",
                           "A - B", "95% interval");
  for (const CompareRow& r : rows) {
    if (r.statistic != "mean" || std::find(shown.begin(), shown.end(), r.variable) == shown.end()) continue;
    const std::string ci = std::isnan(r.ci_low) ? "" : fmt::format("[{:>12.5g}, {:>12.5g}]", r.ci_low, r.ci_high);
    std::cout << fmt::format("{:<28} {:>10} {:>5} {:>14.5g} {:>14.5g} {:>14.5g} {:>29}\n", r.variable, r.period,
                             r.statistic, r.a, r.b, r.difference, ci);
  }
}

}  // namespace

void register_compare(CLI::App& app) {
  auto a = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "A - B per variable and period, as DIR/compare.csv: `compare A B` for two run folders, or `compare --a "
      "\"--switch "
      "rule_ratchet=0\" --b \"\" --runs N` for two configurations run with paired seeds (95% interval of the paired "
      "differences)");
  cmd->add_option("folders", a->folders, "Two run folders (each with a series.csv)")->expected(0, 2);
  cmd->add_option("--a", a->a, "Configuration A: --set KEY=VALUE, --switch NAME=VALUE, a scenario file (\"\" = as is)")
      ->each([a](const std::string&) { a->have_a = true; });
  cmd->add_option("--b", a->b, "Configuration B, as --a")->each([a](const std::string&) { a->have_b = true; });
  cmd->add_option("--scenario", a->scenario, "Scenario of both configurations (default: the embedded Anshan scenario)");
  cmd->add_option("--runs", a->runs, "Paired runs per configuration")
      ->check(CLI::Range(size_t{1}, kMaxRuns))
      ->capture_default_str();
  cmd->add_option("--seed", a->seed, "Master seed; pair r runs with seed mix(master, r) (default: the scenario's)")
      ->check(seed_value());
  add_scale_option(cmd, a->scale);
  cmd->add_option("--threads", a->threads, "Worker threads (default: all cores)");
  cmd->add_option("--period", a->periods, "Period FIRST-LAST (repeatable; default 1949-1957 and 1958-1964)");
  cmd->add_option("--variable", a->variables, "Variables printed (repeatable; compare.csv has every variable)");
  cmd->add_option("--out", a->out, "Output directory")->capture_default_str();
  cmd->callback([a]() {
    std::vector<Period> periods;
    for (const auto& p : a->periods) periods.push_back(parse_period(p));
    if (periods.empty()) periods = default_compare_periods();
    std::vector<std::string> shown = a->variables;
    if (shown.empty())
      shown = {"angang.pig_iron_t", "angang.steel_t", "angang.rolled_steel_t", "angang.employees", "anshan.population"};
    std::vector<CompareRow> rows;
    nlohmann::json m = manifest_stamp("compare");
    const bool paired = a->have_a || a->have_b;
    if (paired == !a->folders.empty() || (!paired && a->folders.size() != 2))
      throw InputError("gangdu compare", 0, 0, a->folders.empty() ? "--a" : "folders",
                       "give either two run folders or --a and --b (two configurations)");
    if (!paired) {
      const auto sa = read_series(a->folders[0]), sb = read_series(a->folders[1]);
      std::vector<std::string> vars;
      const auto vb = variables_of(sb);
      for (const auto& v : variables_of(sa))
        if (std::binary_search(vb.begin(), vb.end(), v)) vars.push_back(v);
      auto get = [](const std::map<std::pair<std::string, int>, double>& s) {
        return [&s](size_t, const std::string& v, int y) {
          auto it = s.find({v, y});
          return it == s.end() ? static_cast<double>(NAN) : it->second;
        };
      };
      rows = compare_series(vars, periods, 1, get(sa), get(sb));
      m["a"] = a->folders[0];
      m["b"] = a->folders[1];
      std::cout << fmt::format("gangdu compare: A = {}, B = {} (one run each: no interval)\n", a->folders[0],
                               a->folders[1]);
    } else {
      const CompareArm arm_a = parse_compare_arm(a->a), arm_b = parse_compare_arm(a->b);
      std::vector<std::shared_ptr<const Scenario>> scen;
      for (const CompareArm* arm : {&arm_a, &arm_b}) {
        const ScenarioSource src = ScenarioSource::from_path(arm->scenario.empty() ? a->scenario : arm->scenario);
        scen.push_back(std::make_shared<const Scenario>(src.load(arm->overrides)));
      }
      const uint64_t master = a->seed >= 0 ? static_cast<uint64_t>(a->seed) : scen[1]->default_seed;
      std::vector<RunSpec> specs;
      for (size_t arm = 0; arm < 2; ++arm)
        for (size_t r = 0; r < a->runs; ++r)
          specs.push_back({r, replicate_seed(master, r), arm, (arm == 0 ? arm_a : arm_b).overrides, scen[arm],
                           (arm == 0 ? arm_a : arm_b).forced});
      BatchOptions opt;
      opt.scale = a->scale;
      opt.threads = a->threads > 0 ? a->threads : std::max(1u, std::thread::hardware_concurrency());
      const BatchResult b = run_batch(std::move(specs), opt);
      const size_t n = a->runs;
      auto get = [&b, n](size_t arm) {
        return [&b, n, arm](size_t r, const std::string& v, int y) {
          const int vi = b.variable_index(v);
          if (vi < 0 || y < b.first_year || y > b.last_year) return static_cast<double>(NAN);
          return b.value(arm * n + r, static_cast<size_t>(vi), y);
        };
      };
      rows = compare_series(b.variables, periods, n, get(0), get(1));
      m["a"] = a->a;
      m["b"] = a->b;
      m["runs"] = n;
      m["scale"] = a->scale;
      m["master_seed"] = master;
      std::cout << fmt::format("gangdu compare: A = \"{}\", B = \"{}\": {} paired runs (seeds shared) at scale {}\n",
                               a->a, a->b, n, a->scale);
    }
    write_output_dir(a->out, [&](const std::string& dir) {
      write_file_atomic(dir + "/compare.csv", compare_csv(rows));
      write_file_atomic(dir + "/manifest.json", m.dump(2) + "\n");
    });
    print_rows(rows, shown);
    std::cout << fmt::format("every variable, means and sums of the annual values: {}/compare.csv\n", a->out);
  });
}

}  // namespace gangdu::cli
