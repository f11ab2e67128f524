// Planning engine (issue 9): economy files, IO-table conversion, generator, CLI.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

#include "core/error.hpp"
#include "planning/economy/io.hpp"
#include "planning/economy/methods.hpp"

namespace fs = std::filesystem;
using namespace gangdu;
using namespace gangdu::plan;

namespace {

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) {
    path = fs::temp_directory_path() / ("gangdu_plan_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& file, const std::string& text) const {
    std::ofstream(path / file) << text;
  }
  std::string str() const { return path.string(); }
};

// A valid three-product economy; individual tests break one file.
void write_valid(const TempDir& d) {
  d.write("products.csv", "product,unit,capacity,stock,labour\nore,t,,0,0.1\ncoal,t,1000,0,0.2\nsteel,t,inf,5,1\n");
  d.write("inputs.csv", "product,input,amount\nsteel,ore,1.5\nsteel,coal,0.8\nore,coal,0.05\n");
  d.write("targets.csv", "product,target,priority\nsteel,100,1\ncoal,50,2\n");
  d.write("resources.csv", "resource,available\nlabour,500\n");
}

void expect_input_error(const std::string& dir, const std::string& file, int line, const std::string& key) {
  try {
    read_economy(dir);
    FAIL() << "expected InputError for " << file;
  } catch (const InputError& e) {
    EXPECT_NE(e.file().find(file), std::string::npos) << e.what();
    EXPECT_EQ(e.line(), line) << e.what();
    if (!key.empty()) {
      EXPECT_EQ(e.key(), key) << e.what();
    }
  }
}

int run(const std::string& args, std::string* out = nullptr) {
  const std::string log = (fs::temp_directory_path() / ("gangdu_plan_cli_" + std::to_string(::getpid()) + ".log")).string();
  const int rc = std::system((std::string(GANGDU_BINARY) + " " + args + " > " + log + " 2>&1").c_str());
  if (out) {
    std::ifstream f(log);
    std::stringstream ss;
    ss << f.rdbuf();
    *out = ss.str();
  }
  fs::remove(log);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace

TEST(PlanIo, ReadsValidEconomy) {
  TempDir d("valid");
  write_valid(d);
  const Economy e = read_economy(d.str());
  ASSERT_EQ(e.size(), 3);
  EXPECT_EQ(e.names[2], "steel");
  EXPECT_EQ(e.nnz(), 3);
  EXPECT_DOUBLE_EQ(e.capacity[1], 1000);
  EXPECT_TRUE(std::isinf(e.capacity[0]) && std::isinf(e.capacity[2]));
  EXPECT_DOUBLE_EQ(e.stock[2], 5);
  EXPECT_DOUBLE_EQ(e.labour_available, 500);
  EXPECT_EQ(e.priority[1], 2);
  EXPECT_DOUBLE_EQ(e.target[0], 0);
  // steel: 95 to make; ore 142.5; coal 50 + 76 + 0.05 * 142.5
  const PlanResult r = solve_balance(e);
  EXPECT_NEAR(r.gross[2], 95, 1e-9);
  EXPECT_NEAR(r.gross[0], 142.5, 1e-9);
  EXPECT_NEAR(r.gross[1], 50 + 76 + 7.125, 1e-9);
}

TEST(PlanIo, MalformedFilesNameFileAndLine) {
  TempDir d("bad");
  write_valid(d);
  d.write("products.csv", "product,unit,capacity,stock,labour\nore,t,,0,0.1\nore,t,,0,0.2\n");
  expect_input_error(d.str(), "products.csv", 3, "product");
  d.write("products.csv", "product,unit,capacity,stock,labour\nore,t,-4,0,0.1\n");
  expect_input_error(d.str(), "products.csv", 2, "capacity");
  d.write("products.csv", "product,unit,capacity\nore,t\n");
  expect_input_error(d.str(), "products.csv", 2, "");
  d.write("products.csv", "name,unit\nore,t\n");
  expect_input_error(d.str(), "products.csv", 1, "product");
  write_valid(d);
  d.write("inputs.csv", "product,input,amount\nsteel,ore,1.5\nsteel,iron,0.8\n");
  expect_input_error(d.str(), "inputs.csv", 3, "input");
  d.write("inputs.csv", "product,input,amount\nsteel,ore,abc\n");
  expect_input_error(d.str(), "inputs.csv", 2, "amount");
  d.write("inputs.csv", "product,input,amount\n\nsteel,steel,1.2\n");
  expect_input_error(d.str(), "inputs.csv", 3, "amount");
  d.write("inputs.csv", "product,input,amount\nsteel,\"ore\n");
  expect_input_error(d.str(), "inputs.csv", 2, "");
  write_valid(d);
  d.write("targets.csv", "product,target,priority\nsteel,-1,1\n");
  expect_input_error(d.str(), "targets.csv", 2, "target");
  d.write("targets.csv", "product,target,priority\nsteel,1,0\n");
  expect_input_error(d.str(), "targets.csv", 2, "priority");
  d.write("targets.csv", "product,target,priority\nsteel,1,1\nsteel,2,1\n");
  expect_input_error(d.str(), "targets.csv", 3, "product");
  write_valid(d);
  d.write("resources.csv", "resource,available\ncapital,5\n");
  expect_input_error(d.str(), "resources.csv", 2, "resource");
  write_valid(d);
  fs::remove(d.path / "targets.csv");
  expect_input_error(d.str(), "targets.csv", 0, "");
}

TEST(PlanIo, WriteReadRoundTrip) {
  GenerateOptions g;
  g.products = 120;
  g.seed = 9;
  g.tightness = 0.1;
  g.labour_slack = 0.2;
  const Economy e = generate_economy(g);
  TempDir d("roundtrip");
  write_economy_files(e, d.str());
  const Economy r = read_economy(d.str());
  ASSERT_EQ(r.size(), e.size());
  ASSERT_EQ(r.nnz(), e.nnz());
  EXPECT_EQ(r.cols.idx, e.cols.idx);
  EXPECT_EQ(r.cols.val, e.cols.val);  // shortest round-trip formatting is exact
  EXPECT_EQ(r.capacity, e.capacity);
  EXPECT_EQ(r.target, e.target);
  EXPECT_EQ(r.priority, e.priority);
  EXPECT_DOUBLE_EQ(r.labour_available, e.labour_available);
}

TEST(PlanGenerate, DeterministicSparseProductive) {
  GenerateOptions g;
  g.products = 5000;
  g.seed = 42;
  const Economy a = generate_economy(g), b = generate_economy(g);
  EXPECT_EQ(a.cols.val, b.cols.val);
  EXPECT_EQ(a.target, b.target);
  g.seed = 43;
  EXPECT_NE(generate_economy(g).cols.val, a.cols.val);
  const double nlogn = 5000 * std::log(5000.0);
  EXPECT_GT(a.nnz(), 0.7 * nlogn);
  EXPECT_LT(a.nnz(), 1.1 * nlogn);
  EXPECT_LE(a.max_column_sum(), 0.7 + 1e-12);
  EXPECT_LT(spectral_radius_estimate(a), 0.7 + 1e-9);
  GenerateOptions bad;
  bad.products = 0;
  EXPECT_THROW(generate_economy(bad), std::invalid_argument);
}

TEST(PlanConvert, IoTableToCoefficients) {
  TempDir d("convert");
  // Flows z_ij (row i into column j): agriculture/industry, with labour row.
  d.write("table.csv",
          "product,agri,industry,final_demand,gross_output\n"
          "agri,20,30,50,100\n"
          "industry,10,40,150,200\n"
          "labour,60,80,0,0\n");
  std::string warnings;
  const Economy e = convert_io_table((d.path / "table.csv").string(), &warnings);
  EXPECT_TRUE(warnings.empty()) << warnings;
  ASSERT_EQ(e.size(), 2);
  EXPECT_DOUBLE_EQ(e.diag[0], 0.2);
  EXPECT_DOUBLE_EQ(e.diag[1], 0.2);
  EXPECT_DOUBLE_EQ(e.labour[0], 0.6);
  EXPECT_DOUBLE_EQ(e.labour[1], 0.4);
  // The balance reproduces the table's gross outputs from its final demand.
  const PlanResult r = solve_balance(e);
  EXPECT_NEAR(r.gross[0], 100, 1e-7);
  EXPECT_NEAR(r.gross[1], 200, 1e-7);

  d.write("bad.csv", "product,agri,industry,final_demand,gross_output\nagri,20,30,50,100\nmining,1,1,1,1\n");
  try {
    convert_io_table((d.path / "bad.csv").string());
    FAIL();
  } catch (const InputError& ex) {
    EXPECT_EQ(ex.line(), 3);
  }
  d.write("unbalanced.csv",
          "product,agri,industry,final_demand,gross_output\nagri,20,30,50,120\nindustry,10,40,150,200\n");
  convert_io_table((d.path / "unbalanced.csv").string(), &warnings);
  EXPECT_NE(warnings.find("unbalanced.csv:2"), std::string::npos) << warnings;
}

TEST(PlanCli, RunsExampleEconomyWithEveryMethod) {
  const std::string example = std::string(GANGDU_SOURCE_DIR) + "/examples/economy";
  TempDir d("cli");
  for (const char* m : {"balance", "ration", "lp", "harmony"}) {
    std::string out;
    const std::string dir = d.str() + "/" + m;
    ASSERT_EQ(run("plan " + example + " --method " + m + " --out " + dir, &out), 0) << out;
    EXPECT_NE(out.find(std::string("method ") + m), std::string::npos) << out;
    EXPECT_TRUE(fs::exists(dir + "/plan.csv"));
    EXPECT_TRUE(fs::exists(dir + "/summary.json"));
  }
  std::string out;
  EXPECT_EQ(run("plan " + example + " --method magic", &out), 2) << out;
  ASSERT_EQ(run("plan generate --products 50 --seed 3 --tightness 0.1 --out " + d.str() + "/gen", &out), 0) << out;
  EXPECT_TRUE(fs::exists(d.str() + "/gen/inputs.csv"));
  EXPECT_EQ(run("plan " + d.str() + "/gen --method lp", &out), 0) << out;
}

TEST(PlanCli, MalformedEconomyExitsTwoWithLocation) {
  TempDir d("clibad");
  write_valid(d);
  d.write("inputs.csv", "product,input,amount\nsteel,ore,1.5\nsteel,iron,0.8\n");
  std::string out;
  EXPECT_EQ(run("plan " + d.str() + " --out " + d.str() + "/out", &out), 2);
  EXPECT_NE(out.find("inputs.csv:3:2"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(d.str() + "/out"));
}

// fuzz_plan finding: a product name with a byte that is not UTF-8 (0xd4 '7') passed the reader
// and made the JSON summary writer throw. It is an input error now, located at file, line, key.
TEST(PlanIO, ANameThatIsNotUtf8IsALocatedError) {
  TempDir d("utf8");
  write_valid(d);
  d.write("products.csv", "product,unit,capacity,stock,labour\nore,t,,0,0.1\nco\xd4" "7al,t,1000,0,0.2\nsteel,t,inf,5,1\n");
  expect_input_error(d.str(), "products.csv", 3, "product");
  write_valid(d);
  d.write("products.csv", "product,unit,capacity,stock,labour\nore,t\xff,,0,0.1\ncoal,t,1000,0,0.2\nsteel,t,inf,5,1\n");
  expect_input_error(d.str(), "products.csv", 2, "unit");
  write_valid(d);
  d.write("products.csv", "product,unit,capacity,stock,labour\nore,\xe2\x82\xac,,0,0.1\ncoal,t,1000,0,0.2\nsteel,t,inf,5,1\n");
  EXPECT_NO_THROW(read_economy(d.str()));  // the euro sign is valid UTF-8
}
