// gangdu plan: the planning engine over an economy given as data (issue 9).
//   gangdu plan ECONOMY_DIR --method balance|ration|lp|harmony [--out DIR]
//   gangdu plan generate --products N --out DIR [--seed S] [--tightness T] [--labour-slack S]
//   gangdu plan convert TABLE.csv --out DIR [--labour-available L]
#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/validators.hpp"
#include "core/error.hpp"
#include "outputs/writer.hpp"
#include "planning/economy/io.hpp"
#include "planning/economy/methods.hpp"

namespace gangdu::cli {
namespace {

struct PlanArgs {
  std::string economy, method = "balance", out;
  plan::Options opt;
};

void print_plan(const plan::Economy& e, const plan::PlanResult& r) {
  std::cout << fmt::format("gangdu plan: method {} on {} products, {} input coefficients\n", plan::method_name(r.method),
                           e.size(), e.nnz());
  std::cout << fmt::format("  status {}; {}; min fulfilment {:.6g}; residual {:.3g}; {} iterations; {:.3f} s\n", r.status,
                           r.feasible ? "feasible" : "NOT feasible within capacities/labour", r.theta, r.residual,
                           r.iterations, r.seconds);
  std::cout << fmt::format("  labour used {:.6g} of {}{}\n", r.labour_used,
                           std::isfinite(e.labour_available) ? fmt::format("{:.6g}", e.labour_available) : "unlimited",
                           r.labour_binding ? " (binding)" : "");
  std::cout << fmt::format("  binding capacities: {}; over capacity: {}\n", r.binding.size(), r.over_capacity.size());
  for (size_t c = 0; c < r.class_fraction.size(); ++c)
    std::cout << fmt::format("  priority class {}: {:.6g} of targets\n", c + 1, r.class_fraction[c]);
  if (e.size() <= 40) {
    std::cout << fmt::format("  {:<16} {:>12} {:>12} {:>12} {:>10} {:>12} {:>8} {:>12}\n", "product", "target", "gross",
                             "delivered", "fulfil", "capacity", "binding", "price");
    for (int32_t i = 0; i < e.size(); ++i) {
      const bool b = std::find(r.binding.begin(), r.binding.end(), i) != r.binding.end();
      std::cout << fmt::format("  {:<16} {:>12.6g} {:>12.6g} {:>12.6g} {:>10.4f} {:>12} {:>8} {:>12}\n", e.names[i],
                               e.target[i], r.gross[i], r.delivered[i], r.fulfilment[i],
                               std::isfinite(e.capacity[i]) ? fmt::format("{:.6g}", e.capacity[i]) : "-",
                               b ? "yes" : "", r.price.empty() ? "-" : fmt::format("{:.6g}", r.price[i]));
    }
  }
}

}  // namespace

void register_plan(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "plan",
      "Plan a whole economy given as data (products.csv, inputs.csv, targets.csv[, resources.csv]; see docs/plan.md): "
      "balance, priority rationing, Kantorovich LP (CLP) or harmony planner");
  cmd->require_subcommand(0, 1);
  auto a = std::make_shared<PlanArgs>();
  cmd->add_option("economy", a->economy, "Economy directory");
  cmd->add_option("--method,-m", a->method, "balance | ration | lp | harmony")->capture_default_str();
  cmd->add_option("--out,-o", a->out, "Write plan.csv and summary.json into this directory (atomically)");
  // Bounds as plan::check_options (methods.hpp), checked here on the text so the message names the flag.
  cmd->add_option("--max-fulfilment", a->opt.max_fulfilment, "lp/harmony: upper bound on fulfilment of targets")
      ->check(finite_in(1e-12, 1e6))
      ->capture_default_str();
  cmd->add_option("--tolerance", a->opt.tolerance, "Relative tolerance of the Leontief iterations")
      ->check(finite_in(1e-15, 1e-2))
      ->capture_default_str();
  cmd->add_option("--lp-max-seconds", a->opt.lp_max_seconds, "lp: time limit for CLP (<0: none)")
      ->check(finite_in(-1e9, 1e9))
      ->capture_default_str();
  cmd->add_option("--harmony-iterations", a->opt.harmony_iterations, "Dual-ascent steps of the harmony planner")
      ->check(CLI::Range(1, 10000000))
      ->capture_default_str();
  cmd->callback([cmd, a]() {
    if (!cmd->get_subcommands().empty()) return;
    if (a->economy.empty()) throw CLI::RequiredError("economy directory (or a subcommand: generate, convert)");
    const plan::Method m = [&] {
      try {
        return plan::parse_method(a->method);
      } catch (const std::invalid_argument& ex) {
        throw InputError("--method", 0, 0, "", ex.what());
      }
    }();
    const plan::Economy e = plan::read_economy(a->economy);
    plan::PlanResult r;
    try {
      r = plan::solve(e, m, a->opt);
    } catch (const std::runtime_error& ex) {
      throw InputError(a->economy, 0, 0, "", ex.what());
    } catch (const std::invalid_argument& ex) {
      throw InputError(a->economy, 0, 0, "", ex.what());
    }
    print_plan(e, r);
    if (!a->out.empty()) {
      write_output_dir(a->out, [&](const std::string& dir) {
        write_file_atomic(dir + "/plan.csv", plan::plan_csv(e, r));
        write_file_atomic(dir + "/summary.json", plan::plan_summary_json(e, r));
      });
      std::cout << "  written to " << a->out << "/plan.csv and summary.json\n";
    }
  });

  auto g = std::make_shared<plan::GenerateOptions>();
  auto gout = std::make_shared<std::string>();
  CLI::App* gen = cmd->add_subcommand("generate", "Write a synthetic productive economy (nonzeros ~ n ln n)");
  gen->add_option("--products,-n", g->products, "Number of products")->required()->check(CLI::Range(1, 10000000));
  gen->add_option("--out,-o", *gout, "Economy directory to write")->required();
  gen->add_option("--seed", g->seed, "Seed")->check(seed_value())->capture_default_str();
  gen->add_option("--tightness", g->tightness, "0: no capacities; t>0: capacities in x*(1-t..1+t) of the balance")
      ->check(finite_in(0, 0.99))
      ->capture_default_str();
  gen->add_option("--labour-slack", g->labour_slack, "<0: unlimited labour; s: labour = (1+s) x labour of the balance")
      ->check(finite_in(-1e9, 1e6))
      ->capture_default_str();
  gen->add_option("--priorities", g->priorities, "Number of priority classes")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  gen->callback([g, gout]() {
    plan::Economy e;
    try {
      e = plan::generate_economy(*g);
    } catch (const std::invalid_argument& ex) {
      throw InputError("plan generate", 0, 0, "", ex.what());
    }
    write_output_dir(*gout, [&](const std::string& dir) { plan::write_economy_files(e, dir); });
    std::cout << fmt::format("gangdu plan generate: {} products, {} input coefficients written to {}\n", e.size(),
                             e.nnz(), *gout);
  });

  auto table = std::make_shared<std::string>();
  auto cout_dir = std::make_shared<std::string>();
  auto labour = std::make_shared<double>(plan::kUnlimited);
  CLI::App* conv = cmd->add_subcommand("convert", "Convert a product-by-product IO table (flows, final demand, gross "
                                                  "output) into an economy directory of coefficients");
  conv->add_option("table", *table, "IO table CSV")->required();
  conv->add_option("--out,-o", *cout_dir, "Economy directory to write")->required();
  conv->add_option("--labour-available", *labour, "Labour available (default: unlimited)")->check(finite_in(0, 1e15));
  conv->callback([table, cout_dir, labour]() {
    std::string warnings;
    plan::Economy e = plan::convert_io_table(*table, &warnings);
    e.labour_available = *labour;
    std::cerr << warnings;
    write_output_dir(*cout_dir, [&](const std::string& dir) { plan::write_economy_files(e, dir); });
    std::cout << fmt::format("gangdu plan convert: {} products, {} coefficients, spectral radius ~{:.4f}, written to {}\n",
                             e.size(), e.nnz(), plan::spectral_radius_estimate(e), *cout_dir);
  });
}

}  // namespace gangdu::cli
