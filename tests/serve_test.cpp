// `gangdu serve` in-process on a free loopback port: bad requests are refused, runs are capped
// in number and time, only assets and run files are served.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

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
