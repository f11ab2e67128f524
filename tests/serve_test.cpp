// `gangdu serve` in-process on a free loopback port: bad requests are refused, runs are capped
// in number and time, only assets and run files are served.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "web/server.hpp"

namespace fs = std::filesystem;
using namespace gangdu::web;
using nlohmann::json;

namespace {

class Serve : public ::testing::Test {
 protected:
  void start(ServeOptions o = {}) {
    dir_ = fs::temp_directory_path() / ("gangdu-serve-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    o.port = 0;
    o.host = "127.0.0.1";
    o.runs_dir = dir_.string();
    o.scenarios_dir = "";
    server_ = std::make_unique<DashboardServer>(o);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->listen(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(30, 0);
    for (int i = 0; i < 100 && !client_->Get("/api/scenarios"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    fs::remove_all(dir_);
  }
  httplib::Result post(const std::string& body) { return client_->Post("/api/runs", body, "application/json"); }
  int status_of(const std::string& path) {
    auto r = client_->Get(path);
    return r ? r->status : -1;
  }
  json wait_done(int id) {
    server_->wait_idle();
    auto r = client_->Get("/api/runs/" + std::to_string(id));
    return r ? json::parse(r->body) : json();
  }

  fs::path dir_;
  std::unique_ptr<DashboardServer> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
  int port_ = 0;
};

}  // namespace

TEST_F(Serve, ServesDashboardAndAssetsFromTheBinary) {
  start();
  auto r = client_->Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("Gangdu dashboard"), std::string::npos);
  auto js = client_->Get("/assets/chart.umd.min.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_GT(js->body.size(), 100000u);
  EXPECT_EQ(js->body.find("sourceMappingURL"), std::string::npos);
  auto lv = client_->Get("/api/levers?scenario=anshan");
  ASSERT_TRUE(lv);
  EXPECT_EQ(lv->status, 200);
  EXPECT_GE(json::parse(lv->body)["levers"].size(), 5u);
  EXPECT_EQ(status_of("/api/levers?scenario=nope"), 400);
}

TEST_F(Serve, RefusesPathTraversal) {
  start();
  for (const char* p : {"/assets/../CMakeLists.txt", "/assets/..%2f..%2fCMakeLists.txt", "/../../etc/passwd",
                        "/%2e%2e/%2e%2e/etc/passwd", "/api/runs/1/files/../../../etc/passwd",
                        "/api/runs/1/files/..%2f..%2f..%2fetc%2fpasswd", "/api/runs/..%2f1", "/assets/report.js.map",
                        "/etc/passwd", "/api/runs/1/files/series.csv%00.txt"}) {
    auto r = client_->Get(p);
    ASSERT_TRUE(r) << p;
    EXPECT_TRUE(r->status == 400 || r->status == 404) << p << " -> " << r->status;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << p;
    EXPECT_EQ(r->body.find("cmake_minimum_required"), std::string::npos) << p;
  }
  EXPECT_EQ(status_of("/api/runs/abc"), 400);
  EXPECT_EQ(status_of("/api/runs/1/files/passwd"), 400);
}

TEST_F(Serve, RefusesOversizedBody) {
  ServeOptions o;
  o.limits.max_body = 4096;
  start(o);
  const std::string big = R"({"scenario":"anshan","set":[")" + std::string(8000, 'a') + R"("]})";
  auto r = post(big);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(r->body.find("too large"), std::string::npos) << r->body;
}

TEST_F(Serve, RefusesNonNumericLeverAndWrongContentType) {
  start();
  auto r = post(R"({"scenario":"anshan","levers":{"leap_party_pressure":"abc"}})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(json::parse(r->body)["error"].get<std::string>().find("expected a number"), std::string::npos);
  auto t = client_->Post("/api/runs", R"({"scenario":"anshan"})", "text/plain");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->status, 415);  // a cross-site form post cannot start runs
  httplib::Headers h = {{"Host", "attacker.example"}};
  auto rb = client_->Get("/api/scenarios", h);
  ASSERT_TRUE(rb);
  EXPECT_EQ(rb->status, 400);
}

TEST_F(Serve, RunsAndServesTheRunFiles) {
  start();
  auto r = post(R"({"scenario":"anshan","scale":0.02,"levers":{"leap_party_pressure":0.7,"removal_1945":false}})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  const int id = json::parse(r->body)["id"];
  const json j = wait_done(id);
  ASSERT_EQ(j["status"], "done") << j.dump();
  EXPECT_DOUBLE_EQ(j["progress"].get<double>(), 1.0);
  EXPECT_GT(j["series"]["angang.steel_t"][40].get<double>(), 0);
  EXPECT_FALSE(j["fit"].empty());
  auto csv = client_->Get("/api/runs/" + std::to_string(id) + "/files/series.csv");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.rfind("variable,year,value\n", 0), 0u);
  auto man = client_->Get("/api/runs/" + std::to_string(id) + "/files/manifest.json");
  ASSERT_TRUE(man);
  const json m = json::parse(man->body);
  EXPECT_EQ(m["dashboard"]["removal_1945"], false);
  EXPECT_DOUBLE_EQ(m["dashboard"]["levers"]["leap_party_pressure"].get<double>(), 0.7);
  EXPECT_EQ(status_of("/api/runs/" + std::to_string(id) + "/files/report.html"), 200);
  EXPECT_EQ(status_of("/api/runs/999/files/series.csv"), 404);
}

TEST_F(Serve, CapsConcurrentRuns) {
  ServeOptions o;
  o.max_concurrent_runs = 1;
  start(o);
  auto a = post(R"({"scenario":"anshan","scale":0.1})");
  auto b = post(R"({"scenario":"anshan","scale":0.1})");
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_EQ(a->status, 202);
  EXPECT_EQ(b->status, 429);
  EXPECT_NE(b->body.find("busy"), std::string::npos);
  server_->wait_idle();
  auto c = post(R"({"scenario":"anshan","scale":0.01})");  // a slot is free again
  ASSERT_TRUE(c);
  EXPECT_EQ(c->status, 202);
}

TEST_F(Serve, StopsRunsThatTakeTooLong) {
  ServeOptions o;
  o.max_run_seconds = 0.05;  // far below a 1:2 run
  start(o);
  auto r = post(R"({"scenario":"anshan","scale":0.5})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202);
  const json j = wait_done(json::parse(r->body)["id"]);
  EXPECT_EQ(j["status"], "timeout");
  EXPECT_LT(j["progress"].get<double>(), 1.0);
  EXPECT_EQ(status_of("/api/runs/" + std::to_string(j["id"].get<int>()) + "/files/series.csv"), 409);
}

TEST_F(Serve, ScenarioValuesTheModelRejectsAre400) {
  start();
  auto r = post(R"({"scenario":"anshan","set":["parameters.steel_utilization=7"]})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("steel_utilization"), std::string::npos) << r->body;
}

// Issue 26: the Host check was a prefix test ("127." passed 127.0.0.1.rebind.example).
TEST_F(Serve, HostMustBeALoopbackNameWithThePort) {
  start();
  const std::string p = std::to_string(port_);
  for (const std::string& h :
       std::vector<std::string>{"127.0.0.1.rebind.example", "127.0.0.1:" + std::to_string(port_ + 1), "127.1",
                                "localhost.example:" + p, ""}) {
    auto r = client_->Get("/api/scenarios", httplib::Headers{{"Host", h}});
    ASSERT_TRUE(r) << h;
    EXPECT_EQ(r->status, 400) << "Host: " << h;
  }
  for (const std::string& h : std::vector<std::string>{"127.0.0.1:" + p, "localhost:" + p, "[::1]:" + p, "localhost"}) {
    auto r = client_->Get("/api/scenarios", httplib::Headers{{"Host", h}});
    ASSERT_TRUE(r) << h;
    EXPECT_EQ(r->status, 200) << "Host: " << h;
  }
}

// Issue 26: a cross-site form post (form content type, foreign Origin) cancelled a run.
TEST_F(Serve, StateChangesNeedJsonFromOwnOrigin) {
  start();
  auto form = client_->Post("/api/runs/1/cancel", "x=1", "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415);
  auto plain = client_->Post("/api/runs/1/cancel", "", "text/plain");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 415);
  auto foreign = client_->Post("/api/runs", httplib::Headers{{"Origin", "http://evil.example"}},
                               R"({"scenario":"anshan"})", "application/json");
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 403);
  auto null_origin =
      client_->Post("/api/runs/1/cancel", httplib::Headers{{"Origin", "null"}}, "{}", "application/json");
  ASSERT_TRUE(null_origin);
  EXPECT_EQ(null_origin->status, 403);
  auto own =
      client_->Post("/api/runs/1/cancel", httplib::Headers{{"Origin", "http://127.0.0.1:" + std::to_string(port_)}},
                    "{}", "application/json");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 404);  // reached the handler: no run 1
}

// Issue 26: a lever of 1e400 (a JSON number out of a double's range) gave 500.
TEST_F(Serve, OutOfRangeJsonNumberIs400) {
  start();
  auto r = post(R"({"scenario":"anshan","levers":{"leap_steel_utilization":1e400}})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  auto s = post(R"({"scenario":"anshan","seed":-5})");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->status, 400) << s->body;
}

// Issue 26: a second server on a busy port started silently (SO_REUSEPORT).
TEST_F(Serve, BusyPortIsRefused) {
  start();
  ServeOptions o;
  o.port = port_;
  o.runs_dir = (dir_ / "second").string();
  o.scenarios_dir = "";
  DashboardServer second(o);
  try {
    second.bind();
    ADD_FAILURE() << "a second server bound the busy port " << port_;
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("in use"), std::string::npos) << e.what();
  }
}

namespace {
int connect_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}
}  // namespace

// Issue 26 (slowloris): eight clients sending one byte a second made the
// dashboard unresponsive (the timeout was per read). Now the pool outnumbers
// them and each is cut once the request deadline passes.
TEST_F(Serve, SlowClientsNeitherBlockNorLinger) {
  ServeOptions o;
  o.threads = 2;  // a pool of 8
  o.request_deadline_seconds = 2;
  start(o);
  std::vector<int> slow;
  for (int i = 0; i < 8; ++i) {
    const int fd = connect_loopback(port_);
    ASSERT_GE(fd, 0);
    slow.push_back(fd);
  }
  const std::string req = "GET /api/scenarios HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  std::atomic<bool> done{false};
  std::vector<int> cut_after(slow.size(), -1);
  std::thread dribble([&] {
    for (int sec = 0; sec < 8 && !done; ++sec) {
      for (size_t i = 0; i < slow.size(); ++i)
        if (cut_after[i] < 0 && ::send(slow[i], &req[sec % req.size()], 1, MSG_NOSIGNAL) < 0) cut_after[i] = sec;
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const auto t0 = std::chrono::steady_clock::now();
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(5, 0);
  auto r = c.Get("/api/scenarios");
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(r) << "no answer while 8 slow clients are connected";
  EXPECT_EQ(r->status, 200);
  EXPECT_LT(waited, 2.0);
  dribble.join();
  done = true;
  // every slow connection was closed by the server (read gives 0 or an error) well before 8 s of dribbling
  for (size_t i = 0; i < slow.size(); ++i) {
    char buf[256];
    timeval tv{1, 0};
    setsockopt(slow[i], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ssize_t n;
    while ((n = ::recv(slow[i], buf, sizeof buf, 0)) > 0) {
    }
    EXPECT_LE(n, 0) << "slow connection " << i << " still open";
    EXPECT_GE(cut_after[i], 0) << "slow connection " << i << " was never cut";
    ::close(slow[i]);
  }
}
