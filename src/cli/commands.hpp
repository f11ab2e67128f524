#pragma once
#include <CLI/CLI.hpp>

namespace gangdu::cli {
// Each subcommand registers itself on the app; main() dispatches.
void register_run(CLI::App& app);
void register_validate(CLI::App& app);
// issue 7: experiments at scale
void register_ensemble(CLI::App& app);
void register_sweep(CLI::App& app);
void register_calibrate(CLI::App& app);
void register_sensitivity(CLI::App& app);
void register_design(CLI::App& app);
}  // namespace gangdu::cli
