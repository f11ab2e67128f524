#pragma once
#include <CLI/CLI.hpp>

namespace gangdu::cli {
// Each subcommand registers itself on the app; main() dispatches.
void register_run(CLI::App& app);
void register_validate(CLI::App& app);
void register_report(CLI::App& app);  // issue 8
void register_serve(CLI::App& app);   // issue 8
void register_experiment(CLI::App& app);
void register_plan(CLI::App& app);  // gangdu plan (issue 9)
void register_baseline(CLI::App& app);  // issue 5: agent model vs SD baseline
// issue 7: experiments at scale
void register_ensemble(CLI::App& app);
void register_sweep(CLI::App& app);
void register_calibrate(CLI::App& app);
void register_sensitivity(CLI::App& app);
void register_design(CLI::App& app);
void register_compare(CLI::App& app);  // issue 25
void register_export(CLI::App& app);   // issue 24
void register_list(CLI::App& app);  // issue 17: gangdu list rules|params|variables
}  // namespace gangdu::cli
