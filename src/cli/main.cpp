// gangdu: command-line entry point.
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "gangdu/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Gangdu: an agent-based simulation of a planned industrial economy (default: Anshan, 1916-1964)"};
  app.set_version_flag("--version", std::string("gangdu ") + gangdu::kVersion +
                                        (gangdu::kGitCommit[0] ? std::string(" (") + gangdu::kGitCommit + ")" : ""));
  app.require_subcommand(1);
  gangdu::cli::register_run(app);
  gangdu::cli::register_validate(app);
  gangdu::cli::register_report(app);
  gangdu::cli::register_serve(app);
  gangdu::cli::register_experiment(app);
  gangdu::cli::register_plan(app);
  gangdu::cli::register_baseline(app);
  gangdu::cli::register_ensemble(app);
  gangdu::cli::register_sweep(app);
  gangdu::cli::register_calibrate(app);
  gangdu::cli::register_sensitivity(app);
  gangdu::cli::register_design(app);
  gangdu::cli::register_list(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const gangdu::InputError& e) {
    std::cerr << "gangdu: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "gangdu: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
