#include "web/server.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/error.hpp"
#include "engine/model.hpp"
#include "experiments/validate.hpp"
#include "outputs/report.hpp"
#include "outputs/writer.hpp"

namespace fs = std::filesystem;

namespace gangdu::web {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

struct Job {
  int id = 0;
  RunRequest req;
  Scenario sc;  // outlives the World that refers to it
  RunOptions opt;
  std::string dir;
  int months_total = 1;
  std::atomic<bool> cancel{false};
  std::atomic<int> months_done{0};
  std::atomic<bool> thread_done{false};  // set last: joining is then immediate
  Clock::time_point t_start;

  mutable std::mutex m;
  std::string status = "queued";  // queued, running, done, failed, timeout, cancelled
  std::string error;
  std::string month_now;
  int first_year = 0, last_year = 0;
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;  // [variable][year - first_year], NaN until the year is complete
  json fit = json::array();
  double overall_mape = NAN;
  double wall_seconds = 0;
  std::thread th;

};

json num_or_null(double v) { return std::isnan(v) ? json(nullptr) : json(v); }

void send_json(httplib::Response& res, int status, const json& j) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& msg) { send_json(res, status, {{"error", msg}}); }

bool is_loopback_host(const std::string& h) { return h == "127.0.0.1" || h == "localhost" || h == "::1"; }

// The Host header a loopback server answers: 127.0.0.1, localhost or [::1],
// with the server's port (or none). Anything else -- 127.0.0.1.rebind.example
// used to pass a prefix test -- is a DNS-rebinding attempt.
bool is_own_host(const std::string& host, int port) {
  for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) {
    const std::string n(name);
    if (host == n || host == n + ":" + std::to_string(port)) return true;
  }
  return false;
}

// The Origin of a page served by this server (a browser sends one with every
// cross-site POST; a form post from another site carries that site's).
bool is_own_origin(const std::string& origin, int port) {
  return origin.rfind("http://", 0) == 0 && is_own_host(origin.substr(7), port);
}

// Cuts connections that take longer than a deadline to deliver one request or
// take one response. cpp-httplib's timeouts are per read, so a client sending
// one byte a second held a request thread for hours (slowloris); the
// watchdog finds the server's connected sockets in /proc/self/fd and shuts
// down any on which no request was completed within the deadline.
class ConnectionWatchdog {
 public:
  ~ConnectionWatchdog() { stop(); }
  void start(int port, double deadline_seconds) {
    port_ = port;
    deadline_ = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(deadline_seconds));
    th_ = std::thread([this] { loop(); });
  }
  void stop() {
    {
      std::lock_guard<std::mutex> lk(m_);
      stop_ = true;
    }
    cv_.notify_all();
    if (th_.joinable()) th_.join();
  }
  // A request was read, or a response written, on the connection from addr:port.
  void touch(const std::string& addr, int port) {
    std::lock_guard<std::mutex> lk(m_);
    auto& c = seen_[addr + "|" + std::to_string(port)];
    c.since = Clock::now();
  }
  size_t cut() const { return cut_; }

 private:
  struct Conn {
    ino_t ino = 0;
    Clock::time_point since;
  };
  static std::string numeric(const sockaddr_storage& a, socklen_t len, int& port) {
    char host[NI_MAXHOST] = "", serv[NI_MAXSERV] = "";
    getnameinfo(reinterpret_cast<const sockaddr*>(&a), len, host, sizeof host, serv, sizeof serv,
                NI_NUMERICHOST | NI_NUMERICSERV);
    port = std::atoi(serv);
    return host;
  }
  void scan() {
    std::map<std::string, std::pair<int, ino_t>> now_open;  // peer -> fd, inode
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/proc/self/fd", ec)) {
      const int fd = std::atoi(e.path().filename().c_str());
      struct stat st {};
      if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) continue;
      sockaddr_storage local{}, peer{};
      socklen_t ll = sizeof local, pl = sizeof peer;
      if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &ll) != 0) continue;
      if (local.ss_family != AF_INET && local.ss_family != AF_INET6) continue;
      int lport = 0, pport = 0;
      (void)numeric(local, ll, lport);
      if (lport != port_ || getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &pl) != 0) continue;
      const std::string addr = numeric(peer, pl, pport);
      now_open[addr + "|" + std::to_string(pport)] = {fd, st.st_ino};
    }
    const auto now = Clock::now();
    std::lock_guard<std::mutex> lk(m_);
    for (auto it = seen_.begin(); it != seen_.end();)  // closed connections (and touches of them) are forgotten
      it = now_open.count(it->first) ? std::next(it) : seen_.erase(it);
    for (const auto& [key, fi] : now_open) {
      auto [it, fresh] = seen_.try_emplace(key);
      if (fresh || it->second.ino != fi.second) {
        if (fresh || it->second.ino != 0) it->second.since = now;
        it->second.ino = fi.second;
      }
      if (now - it->second.since > deadline_) {
        struct stat st {};
        if (fstat(fi.first, &st) == 0 && st.st_ino == fi.second) ::shutdown(fi.first, SHUT_RDWR);
        ++cut_;
        it->second.since = now;  // once
      }
    }
  }
  void loop() {
    std::unique_lock<std::mutex> lk(m_);
    while (!stop_) {
      lk.unlock();
      scan();
      lk.lock();
      cv_.wait_for(lk, std::chrono::milliseconds(250), [&] { return stop_; });
    }
  }

  int port_ = 0;
  Clock::duration deadline_{};
  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread th_;
  std::map<std::string, Conn> seen_;
  std::atomic<size_t> cut_{0};
};

}  // namespace

struct DashboardServer::Impl {
  ServeOptions opt;
  httplib::Server svr;
  ConnectionWatchdog watchdog;
  int bound_port = 0;

  struct ScenarioEntry {
    std::string name, title, label, text;
    std::vector<LeverInfo> levers;
    nlohmann::json timeline, codebook;  // regimes and labelled events; the series codebook
  };
  std::vector<ScenarioEntry> scenarios;
  std::vector<HistoryPoint> history;

  std::mutex m;
  std::condition_variable cv;
  std::map<int, std::shared_ptr<Job>> jobs;
  int next_id = 1;
  int active = 0;
  std::atomic<bool> stopping{false};

  explicit Impl(ServeOptions o) : opt(std::move(o)) {}

  const ScenarioEntry* find_scenario(const std::string& name) const {
    for (const auto& s : scenarios)
      if (s.name == name) return &s;
    return nullptr;
  }

  void load_scenarios() {
    const Scenario def = load_default_scenario();
    scenarios.push_back({def.name, def.title, def.file, "", levers_for(def), timeline_json(def), codebook_json(def)});
    std::error_code ec;
    if (opt.scenarios_dir.empty() || !fs::is_directory(opt.scenarios_dir, ec)) return;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(opt.scenarios_dir, ec))
      if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) {
      const std::string stem = p.stem().string();
      bool ok = !stem.empty() && stem.size() <= 64;
      for (char c : stem) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
      if (!ok || find_scenario(stem)) continue;  // the embedded default keeps its name
      try {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        const Scenario sc = load_scenario_text(ss.str(), p.string());
        scenarios.push_back({stem, sc.title, p.string(), ss.str(), levers_for(sc), timeline_json(sc), codebook_json(sc)});
      } catch (const std::exception& e) {
        std::cerr << "gangdu serve: skipping scenario " << p.string() << ": " << e.what() << "\n";
      }
    }
  }

  Scenario load(const ScenarioEntry& e, const std::vector<Override>& ov) const {
    return e.text.empty() ? load_default_scenario(ov) : load_scenario_text(e.text, e.label, ov);
  }

  static void snapshot(Job& j, const Recorder& rec, int complete_through) {
    std::vector<std::string> names = rec.names();
    std::lock_guard<std::mutex> lk(j.m);
    if (j.names.empty()) {
      j.names = names;
      j.values.assign(names.size(), std::vector<double>(static_cast<size_t>(j.last_year - j.first_year + 1), NAN));
    }
    for (size_t i = 0; i < j.names.size() && i < names.size(); ++i)
      for (int y = j.first_year; y <= std::min(complete_through, j.last_year); ++y)
        j.values[i][static_cast<size_t>(y - j.first_year)] = rec.get(j.names[i], y);
  }

  void run_job(const std::shared_ptr<Job>& jp) {
    Job& j = *jp;
    {
      std::lock_guard<std::mutex> lk(j.m);
      j.status = "running";
    }
    j.t_start = Clock::now();
    bool timed_out = false;
    try {
      RunResult r = run_model(j.sc, j.opt, [&](const World& w) {
        j.months_done.fetch_add(1, std::memory_order_relaxed);
        if (stopping.load() || j.cancel.load()) return false;
        if (std::chrono::duration<double>(Clock::now() - j.t_start).count() > opt.max_run_seconds) {
          timed_out = true;
          return false;
        }
        const Month now = w.clock.now();
        if (now.is_january() || w.clock.done()) {
          snapshot(j, w.rec, now.year() - 1);
          std::lock_guard<std::mutex> lk(j.m);
          j.month_now = now.str();
        }
        return true;
      });
      const World& w = *r.world;
      if (!w.clock.done()) {
        std::lock_guard<std::mutex> lk(j.m);
        j.status = timed_out ? "timeout" : "cancelled";
        j.error = timed_out ? fmt::format("stopped after {} s (the server's run time limit)", opt.max_run_seconds)
                            : "cancelled";
        j.wall_seconds = std::chrono::duration<double>(Clock::now() - j.t_start).count();
      } else {
        snapshot(j, w.rec, w.rec.last_year());
        const FitTable fit =
            compare_with_history(history, [&](const std::string& v, int y) { return w.rec.get(v, y); });
        json manifest = make_manifest(j.sc, j.opt, r);
        manifest["overall_mape_percent"] = fit.overall_mape;
        manifest["dashboard"] = {{"run_id", j.id}, {"scenario", j.req.scenario}, {"levers", j.req.levers},
                                 {"removal_1945", j.req.removal_1945}};
        write_output_dir(j.dir, [&](const std::string& d) {
          write_file_atomic(d + "/series.csv", series_csv(w.rec));
          write_file_atomic(d + "/fit.csv", fit_csv(fit));
          write_file_atomic(d + "/manifest.json", manifest.dump(2) + "\n");
        });
        if (web_assets_available()) write_file_atomic(j.dir + "/report.html", render_report_html(load_report_inputs(j.dir)));
        json rows = json::array();
        for (const FitRow& fr : fit.rows)
          rows.push_back({{"variable", fr.point.variable}, {"year", fr.point.year}, {"base_year", fr.point.base_year},
                          {"compare", fr.point.compare}, {"qualifier", fr.point.qualifier}, {"observed", fr.point.value},
                          {"simulated", num_or_null(fr.simulated)}, {"error", num_or_null(fr.error)},
                          {"unit", fr.point.unit}, {"citation", fr.point.citation}});
        std::lock_guard<std::mutex> lk(j.m);
        j.fit = std::move(rows);
        j.overall_mape = fit.overall_mape;
        j.wall_seconds = r.wall_seconds;
        j.status = "done";
      }
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lk(j.m);
      j.status = "failed";
      j.error = e.what();
    }
    {
      std::lock_guard<std::mutex> lk(m);
      --active;
    }
    cv.notify_all();
    j.thread_done = true;
  }

  json job_json(const Job& j, bool full) const {
    std::lock_guard<std::mutex> lk(j.m);
    json o = {{"id", j.id},
              {"status", j.status},
              {"scenario", j.req.scenario},
              {"seed", j.opt.seed},
              {"scale", j.opt.scale},
              {"levers", j.req.levers},
              {"removal_1945", j.req.removal_1945},
              {"progress", std::min(1.0, static_cast<double>(j.months_done.load()) / j.months_total)},
              {"month", j.month_now},
              {"overall_mape", num_or_null(j.overall_mape)},
              {"wall_seconds", j.wall_seconds}};
    if (!j.error.empty()) o["error"] = j.error;
    if (j.status == "done") {
      json files = json::array();
      for (const char* f : {"series.csv", "fit.csv", "manifest.json", "report.html"})
        if (fs::exists(j.dir + "/" + f)) files.push_back(fmt::format("/api/runs/{}/files/{}", j.id, f));
      o["files"] = files;
    }
    if (full) {
      o["first_year"] = j.first_year;
      o["last_year"] = j.last_year;
      json s = json::object();
      for (size_t i = 0; i < j.names.size(); ++i) {
        json a = json::array();
        for (double v : j.values[i]) a.push_back(num_or_null(v));
        s[j.names[i]] = std::move(a);
      }
      o["series"] = std::move(s);
      o["fit"] = j.fit;
    }
    return o;
  }

  std::shared_ptr<Job> find_job(const std::string& id) {
    if (!valid_run_id(id)) return nullptr;
    std::lock_guard<std::mutex> lk(m);
    auto it = jobs.find(std::stoi(id));
    return it == jobs.end() ? nullptr : it->second;
  }

  // Drops the oldest finished runs beyond the cap (their folders too: folders this server made).
  void prune_locked() {
    while (static_cast<int>(jobs.size()) > opt.max_runs_kept) {
      auto victim = jobs.end();
      for (auto it = jobs.begin(); it != jobs.end(); ++it)
        if (it->second->thread_done.load()) {
          victim = it;
          break;
        }
      if (victim == jobs.end()) return;
      if (victim->second->th.joinable()) victim->second->th.join();
      std::error_code ec;
      fs::remove_all(victim->second->dir, ec);
      jobs.erase(victim);
    }
  }

  void post_run(const httplib::Request& req, httplib::Response& res) {
    const std::string ct = req.get_header_value("Content-Type");
    if (ct.rfind("application/json", 0) != 0) {
      send_error(res, 415, "POST /api/runs needs Content-Type: application/json");
      return;
    }
    RunRequest rr;
    try {
      rr = parse_run_request(req.body, opt.limits, [&](const std::string& name) -> const std::vector<LeverInfo>* {
        const ScenarioEntry* e = find_scenario(name);
        return e ? &e->levers : nullptr;
      });
    } catch (const BadRequest& e) {
      send_error(res, e.status(), e.what());
      return;
    }
    auto job = std::make_shared<Job>();
    try {
      job->sc = load(*find_scenario(rr.scenario), rr.overrides);
    } catch (const InputError& e) {
      send_error(res, 400, std::string("scenario rejected the values: ") + e.what());
      return;
    }
    apply_removal_switch(job->sc, rr.removal_1945);
    job->req = rr;
    job->opt.seed = rr.seed ? *rr.seed : job->sc.default_seed;
    job->opt.scale = rr.scale ? *rr.scale : opt.default_scale;
    job->opt.forced = rr.forced;
    job->months_total = std::max(1, job->sc.end.index - job->sc.start.index + 1);
    job->first_year = job->sc.start.year();
    job->last_year = job->sc.end.year();
    {
      std::lock_guard<std::mutex> lk(m);
      if (stopping) {
        send_error(res, 503, "server is stopping");
        return;
      }
      if (active >= opt.max_concurrent_runs) {
        send_error(res, 429,
                   fmt::format("busy: {} runs in progress (the limit); try again when one finishes", active));
        return;
      }
      std::error_code ec;
      while (fs::exists(fs::path(opt.runs_dir) / std::to_string(next_id), ec)) ++next_id;
      job->id = next_id++;
      job->dir = (fs::path(opt.runs_dir) / std::to_string(job->id)).string();
      ++active;
      jobs[job->id] = job;
      job->th = std::thread([this, job] { run_job(job); });
      prune_locked();
    }
    send_json(res, 202, job_json(*job, false));
  }

  void routes() {
    svr.set_payload_max_length(opt.limits.max_body);
    svr.set_read_timeout(5, 0);
    svr.set_write_timeout(5, 0);
    svr.set_keep_alive_timeout(2);
    svr.set_keep_alive_max_count(100);
    // assumption: four request threads per configured one, so that a few slow
    // clients (each cut after the request deadline) cannot take them all.
    const int nthreads = std::max(2, opt.threads) * 4;
    svr.new_task_queue = [nthreads] { return new httplib::ThreadPool(static_cast<size_t>(nthreads)); };
    // SO_REUSEADDR only: cpp-httplib's default also sets SO_REUSEPORT, with
    // which a second `serve` on a busy port started silently and the kernel
    // split the connections between the two.
    svr.set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    svr.set_logger([this](const httplib::Request& req, const httplib::Response&) {
      watchdog.touch(req.remote_addr, req.remote_port);
    });

    const bool loopback = is_loopback_host(opt.host);
    svr.set_pre_routing_handler([this, loopback](const httplib::Request& req, httplib::Response& res) {
      watchdog.touch(req.remote_addr, req.remote_port);
      res.set_header("X-Content-Type-Options", "nosniff");
      // Refuse other Host names (DNS rebinding): only the loopback names, exactly, reach a loopback server.
      if (loopback && !is_own_host(req.get_header_value("Host"), bound_port)) {
        send_error(res, 400,
                   "bad Host header for a loopback server (expected 127.0.0.1, localhost or [::1] with port " +
                       std::to_string(bound_port) + ")");
        return httplib::Server::HandlerResponse::Handled;
      }
      // A request that changes state (starts or cancels a run) must be JSON and
      // come from this server's own pages: a cross-site form post carries a form
      // content type and the other site's Origin (CSRF).
      if (req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS") {
        const std::string ct = req.get_header_value("Content-Type");
        const std::string media = ct.substr(0, ct.find(';'));
        if (media != "application/json") {
          send_error(res, 415, req.method + " " + req.path + " needs Content-Type: application/json");
          return httplib::Server::HandlerResponse::Handled;
        }
        const std::string origin = req.get_header_value("Origin");
        if (req.has_header("Origin") &&
            !(loopback ? is_own_origin(origin, bound_port) : origin == "http://" + req.get_header_value("Host"))) {
          send_error(res, 403, "cross-origin request refused (Origin " + origin.substr(0, 80) + ")");
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    svr.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;
      if (res.status == 413)
        send_error(res, 413, fmt::format("request body too large (limit {} bytes)", opt.limits.max_body));
      else if (res.status == 404)
        send_error(res, 404, "not found (only the dashboard, its assets, /api/... and run files are served)");
      else
        send_error(res, res.status, fmt::format("HTTP {}", res.status));
    });
    svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      std::string msg = "internal error";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        msg += std::string(": ") + e.what();
      } catch (...) {
      }
      send_error(res, 500, msg);
    });

    svr.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "no-store");
      res.set_content(web_asset("dashboard.html"), "text/html; charset=utf-8");
    });
    svr.Get(R"(/assets/([A-Za-z0-9._-]{1,64}))", [](const httplib::Request& req, httplib::Response& res) {
      const std::string name = req.matches[1];
      const auto type = asset_content_type(name);
      const std::string body = type ? web_asset(name) : std::string();
      if (!type || body.empty()) return send_error(res, 404, "no such asset");
      res.set_content(body, type->c_str());
    });
    svr.Get("/api/scenarios", [this](const httplib::Request&, httplib::Response& res) {
      json a = json::array();
      for (const auto& s : scenarios)
        a.push_back({{"name", s.name}, {"title", s.title}, {"file", s.label}, {"timeline", s.timeline}});
      send_json(res, 200, {{"scenarios", a}, {"default_scale", opt.default_scale}, {"max_scale", opt.limits.max_scale},
                           {"max_concurrent_runs", opt.max_concurrent_runs}, {"max_run_seconds", opt.max_run_seconds}});
    });
    svr.Get("/api/levers", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string name = req.has_param("scenario") ? req.get_param_value("scenario") : scenarios.front().name;
      const ScenarioEntry* e = find_scenario(name);
      if (!e) return send_error(res, 400, "unknown scenario '" + name.substr(0, 64) + "'");
      send_json(res, 200, {{"scenario", e->name}, {"levers", levers_json(e->levers)}});
    });
    svr.Get("/api/codebook", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string name = req.has_param("scenario") ? req.get_param_value("scenario") : scenarios.front().name;
      const ScenarioEntry* e = find_scenario(name);
      if (!e) return send_error(res, 400, "unknown scenario '" + name.substr(0, 64) + "'");
      send_json(res, 200, {{"scenario", e->name}, {"variables", e->codebook}});
    });
    svr.Get("/api/history", [this](const httplib::Request&, httplib::Response& res) {
      json a = json::array();
      for (const HistoryPoint& p : history)
        a.push_back({{"variable", p.variable}, {"year", p.year}, {"base_year", p.base_year}, {"compare", p.compare},
                     {"observed", p.value}, {"qualifier", p.qualifier}, {"unit", p.unit}, {"citation", p.citation}});
      send_json(res, 200, {{"history", a}});
    });
    svr.Get("/api/runs", [this](const httplib::Request&, httplib::Response& res) {
      std::vector<std::shared_ptr<Job>> list;
      {
        std::lock_guard<std::mutex> lk(m);
        for (auto& [id, j] : jobs) list.push_back(j);
      }
      json a = json::array();
      for (auto& j : list) a.push_back(job_json(*j, false));
      send_json(res, 200, {{"runs", a}});
    });
    svr.Post("/api/runs", [this](const httplib::Request& req, httplib::Response& res) { post_run(req, res); });
    svr.Get(R"(/api/runs/([^/]{1,32}))", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string id = req.matches[1];
      if (!valid_run_id(id)) return send_error(res, 400, "bad run id (expected digits)");
      auto j = find_job(id);
      if (!j) return send_error(res, 404, "no run " + id);
      send_json(res, 200, job_json(*j, true));
    });
    svr.Post(R"(/api/runs/([^/]{1,32})/cancel)", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string id = req.matches[1];
      if (!valid_run_id(id)) return send_error(res, 400, "bad run id (expected digits)");
      auto j = find_job(id);
      if (!j) return send_error(res, 404, "no run " + id);
      j->cancel = true;
      send_json(res, 200, {{"id", j->id}, {"cancel", true}});
    });
    svr.Get(R"(/api/runs/([^/]{1,32})/files/([^/]{1,64}))", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string id = req.matches[1], name = req.matches[2];
      if (!valid_run_id(id)) return send_error(res, 400, "bad run id (expected digits)");
      const auto type = run_file_content_type(name);
      if (!type) return send_error(res, 400, "not a run file (series.csv, fit.csv, manifest.json, report.html)");
      auto j = find_job(id);
      if (!j) return send_error(res, 404, "no run " + id);
      {
        std::lock_guard<std::mutex> lk(j->m);
        if (j->status != "done") return send_error(res, 409, "run " + id + " is " + j->status);
      }
      std::ifstream in(fs::path(j->dir) / name, std::ios::binary);
      if (!in) return send_error(res, 404, "no file " + name + " in run " + id);
      std::ostringstream ss;
      ss << in.rdbuf();
      if (name != "report.html")
        res.set_header("Content-Disposition", fmt::format("attachment; filename=\"gangdu-run{}-{}\"", id, name));
      res.set_content(ss.str(), type->c_str());
    });
  }
};

DashboardServer::DashboardServer(ServeOptions opt) : impl_(std::make_unique<Impl>(std::move(opt))) {
  impl_->history = load_default_history();
  impl_->load_scenarios();
  impl_->routes();
}

DashboardServer::~DashboardServer() { stop(); }

int DashboardServer::bind() {
  std::error_code ec;
  fs::create_directories(impl_->opt.runs_dir, ec);
  if (ec) throw std::runtime_error("cannot create the run folder " + impl_->opt.runs_dir + ": " + ec.message());
  int port = impl_->opt.port;
  if (port == 0) {
    port = impl_->svr.bind_to_any_port(impl_->opt.host);
    if (port <= 0) throw std::runtime_error("cannot bind " + impl_->opt.host);
  } else if (!impl_->svr.bind_to_port(impl_->opt.host, port)) {
    throw std::runtime_error(fmt::format("cannot bind {}:{}: the port is in use or not allowed (try another --port)",
                                         impl_->opt.host, port));
  }
  impl_->bound_port = port;
  return port;
}

void DashboardServer::listen() {
  impl_->watchdog.start(impl_->bound_port, impl_->opt.request_deadline_seconds);
  impl_->svr.listen_after_bind();
}

void DashboardServer::stop() {
  if (!impl_) return;
  impl_->stopping = true;
  impl_->svr.stop();
  impl_->watchdog.stop();
  std::vector<std::shared_ptr<Job>> list;
  {
    std::lock_guard<std::mutex> lk(impl_->m);
    for (auto& [id, j] : impl_->jobs) list.push_back(j);
  }
  for (auto& j : list) {
    j->cancel = true;
    if (j->th.joinable()) j->th.join();
  }
}

void DashboardServer::wait_idle() {
  std::unique_lock<std::mutex> lk(impl_->m);
  impl_->cv.wait(lk, [&] { return impl_->active == 0; });
}

std::vector<std::string> DashboardServer::scenario_names() const {
  std::vector<std::string> v;
  for (const auto& s : impl_->scenarios) v.push_back(s.name);
  return v;
}

}  // namespace gangdu::web
