#include <fmt/format.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/validators.hpp"
#include "outputs/report.hpp"
#include "web/server.hpp"

namespace gangdu::cli {

void register_serve(CLI::App& app) {
  auto o = std::make_shared<web::ServeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Local web dashboard: pick a scenario, move levers, run with progress, compare two runs, download CSVs "
      "(bound to 127.0.0.1 by default)");
  cmd->add_option("--port", o->port, "TCP port (0: any free port)")->check(CLI::Range(0, 65535))->capture_default_str();
  cmd->add_option("--host", o->host, "Address to bind (keep 127.0.0.1 unless you mean to expose it)")->capture_default_str();
  cmd->add_option("--runs", o->runs_dir, "Folder for the runs' outputs (one sub-folder per run)")->capture_default_str();
  cmd->add_option("--scenarios", o->scenarios_dir, "Folder of extra *.toml scenarios to offer")->capture_default_str();
  cmd->add_option("--scale", o->default_scale, "Default agents per person of a run")
      ->check(finite_in(1e-3, 1.0))
      ->capture_default_str();
  cmd->add_option("--max-runs", o->max_concurrent_runs, "Runs at once (more are refused with 429)")
      ->check(CLI::Range(1, 16))
      ->capture_default_str();
  cmd->add_option("--max-seconds", o->max_run_seconds, "A run still going after this many seconds is stopped")
      ->check(finite_in(1.0, 3600.0))
      ->capture_default_str();
  cmd->add_option("--max-body", o->limits.max_body, "Largest request body accepted, bytes (413 beyond)")
      ->check(CLI::Range(256, 1 << 20))
      ->capture_default_str();
  cmd->callback([o]() {
    if (!web_assets_available())
      throw std::runtime_error(
          "this gangdu was built without the charting library (-DGANGDU_WEB=OFF); run scripts/install-web.sh and rebuild");
    // SIGINT/SIGTERM end the server cleanly (runs cancelled, threads joined).
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    web::DashboardServer server(*o);
    const int port = server.bind();
    std::thread([set, &server]() mutable {
      int sig = 0;
      sigwait(&set, &sig);
      server.stop();
    }).detach();
    const bool loopback = o->host == "127.0.0.1" || o->host == "localhost" || o->host == "::1";
    if (!loopback) std::cerr << "gangdu serve: warning: listening on " << o->host << ", not only this machine\n";
    std::cout << fmt::format("gangdu serve: dashboard at http://{}:{}/ (runs in {}; Ctrl-C to stop)\n",
                             o->host.find(':') != std::string::npos ? "[" + o->host + "]" : o->host, port, o->runs_dir)
              << std::flush;
    server.listen();
    server.stop();
    std::cout << "gangdu serve: stopped\n";
  });
}

}  // namespace gangdu::cli
