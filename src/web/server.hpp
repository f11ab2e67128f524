#pragma once
// `gangdu serve`: a local web dashboard (cpp-httplib). Pick a scenario, move
// levers, run (in a worker thread, with progress and partial series), compare
// runs, download a run's CSVs and report.
//
// Safety: bound to 127.0.0.1 unless told otherwise; request bodies capped
// (413); a fixed pool of request threads; at most `max_concurrent_runs` runs
// at once (429 beyond); every run stopped after `max_run_seconds`; only the
// compiled-in assets and the files of the server's own run folders are served
// (by name from a fixed list; anything else 404); bad parameters -> 400 with
// a message (see web/api.hpp).
#include <memory>
#include <string>

#include "web/api.hpp"

namespace gangdu::web {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                     // 0: any free port (tests)
  std::string runs_dir = "out/serve";  // each run writes runs_dir/<id>/
  std::string scenarios_dir = "scenarios";  // extra *.toml scenarios offered besides the embedded default
  double default_scale = 0.1;          // assumption: 1:10 keeps a run under a second on one core
  int max_concurrent_runs = 2;         // assumption: the 2-core machine
  int max_runs_kept = 40;              // older finished runs (and their folders) are dropped
  double max_run_seconds = 120;        // a run still going after this is stopped
  int threads = 8;                     // request-handling threads (the pool has four times as many)
  // A connection that takes longer than this to send one request (or take one
  // response) is cut. assumption: a loopback request takes milliseconds; 10 s
  // leaves room for a loaded machine.
  double request_deadline_seconds = 10;
  Limits limits;
};

class DashboardServer {
 public:
  explicit DashboardServer(ServeOptions opt);
  ~DashboardServer();
  DashboardServer(const DashboardServer&) = delete;
  DashboardServer& operator=(const DashboardServer&) = delete;

  // Binds the socket; returns the port (useful with port 0). Throws on failure.
  int bind();
  // Serves until stop() (blocks).
  void listen();
  // Stops serving, cancels runs and joins their threads. Safe from any thread.
  void stop();
  // Blocks until every run has finished (tests).
  void wait_idle();
  // Names of the scenarios offered.
  std::vector<std::string> scenario_names() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gangdu::web
