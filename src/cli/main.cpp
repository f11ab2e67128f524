// gangdu: command-line entry point.
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "core/error.hpp"
#include "experiments/batch.hpp"
#include "gangdu/version.hpp"

namespace {
// Ctrl-C: with no batch running, the default (the process ends; a run's output is staged, so
// nothing half-written appears). During a batch the first Ctrl-C asks it to stop: runs in
// flight end at their next month, nothing is written, the exit status is 130; a second one kills.
extern "C" void on_sigint(int) {
  std::signal(SIGINT, SIG_DFL);
  if (gangdu::active_batches() == 0) {
    std::raise(SIGINT);
    return;
  }
  gangdu::request_batch_stop();
  static const char msg[] = "\ngangdu: interrupted: stopping the runs in flight (Ctrl-C again to kill)\n";
  const ssize_t w = ::write(STDERR_FILENO, msg, sizeof msg - 1);
  (void)w;
}
// Repeatable options (--set, --switch, --param, ...) take one value per occurrence, so that a
// scenario file after them is the positional argument, not another value
// (`validate --param KEY=LO:HI scenarios/no_leap.toml`).
void one_value_per_occurrence(CLI::App& app) {
  for (CLI::Option* o : app.get_options())
    if (!o->get_positional() && o->get_items_expected_max() > 1) o->allow_extra_args(false);
  for (CLI::App* sub : app.get_subcommands({})) one_value_per_occurrence(*sub);
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Gangdu: an agent-based simulation of a planned industrial economy (default: Anshan, 1916-1964)"};
  app.set_version_flag("--version", std::string("gangdu ") + gangdu::kVersion +
                                        (gangdu::kGitCommit[0] ? std::string(" (") + gangdu::kGitCommit + ")" : ""));
  app.require_subcommand(1);
  app.fallthrough();  // --quiet also after the subcommand
  app.add_flag("--quiet,-q", gangdu::cli::quiet_flag(),
               "No progress lines on stderr (they are shown only on a terminal)");
  // One progress line per finished run of every command that makes many runs.
  std::string label = "gangdu";
  for (int i = 1; i < argc; ++i)
    if (argv[i][0] != '-') {
      label += std::string(" ") + argv[i];
      if (std::strcmp(argv[i], "experiment") != 0) break;
    }
  auto progress = std::make_shared<gangdu::cli::Progress>(label);
  gangdu::set_batch_progress([progress](size_t done, size_t total) { progress->update(done, total); });
  std::signal(SIGINT, on_sigint);
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
  gangdu::cli::register_compare(app);
  gangdu::cli::register_export(app);
  gangdu::cli::register_list(app);
  one_value_per_occurrence(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const gangdu::BatchInterrupted& e) {
    std::cerr << "gangdu: " << e.what() << "\n";
    return 130;
  } catch (const gangdu::InputError& e) {
    std::cerr << "gangdu: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "gangdu: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
