// libFuzzer harness: `gangdu plan` on an economy given as data and on its
// options. Input: products.csv, inputs.csv, targets.csv, resources.csv and an
// options block, separated by lines "=====" (missing parts are empty files;
// resources.csv is optional). Options are "key=value" lines: method
// (balance|ration|lp|harmony), tolerance, max_fulfilment, harmony_iterations,
// lp_max_seconds. Refusals: InputError (the reader), std::invalid_argument
// (check_options), std::runtime_error from solve (not productive, CLP
// errors), each of which the CLI turns into exit 2.
// Properties of a result: vectors of the economy's size, finite nonnegative
// gross output, a finite residual, theta and fulfilment; plan.csv and
// summary.json are written without an exception.
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "fuzz_common.hpp"
#include "planning/economy/io.hpp"
#include "planning/economy/methods.hpp"

using namespace gangdu;
namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 16 * 1024) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts;
  for (size_t pos = 0;;) {
    const size_t sep = text.find("\n=====\n", pos);
    parts.push_back(text.substr(pos, sep == std::string::npos ? std::string::npos : sep + 1 - pos));
    if (sep == std::string::npos || parts.size() == 5) break;
    pos = sep + 7;
  }
  parts.resize(5);
  static const fs::path dir = fs::temp_directory_path() / ("gangdu-fuzz-plan-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const char* names[] = {"products.csv", "inputs.csv", "targets.csv", "resources.csv"};
  for (int i = 0; i < 4; ++i) {
    if (i == 3 && parts[3].empty()) {
      fs::remove(dir / names[i]);
      continue;
    }
    std::ofstream(dir / names[i], std::ios::binary | std::ios::trunc) << parts[i];
  }
  plan::Options o;
  plan::Method m = plan::Method::Balance;
  for (size_t pos = 0; pos < parts[4].size();) {
    size_t nl = parts[4].find('\n', pos);
    if (nl == std::string::npos) nl = parts[4].size();
    const std::string line = parts[4].substr(pos, nl - pos);
    pos = nl + 1;
    const size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string k = line.substr(0, eq), v = line.substr(eq + 1);
    const double x = std::strtod(v.c_str(), nullptr);
    if (k == "method") {
      try {
        m = plan::parse_method(v);
      } catch (const std::invalid_argument&) {
        return 0;
      }
    } else if (k == "tolerance") {
      o.tolerance = x;
    } else if (k == "max_fulfilment") {
      o.max_fulfilment = x;
    } else if (k == "harmony_iterations") {
      // bounded for speed (each step is a Leontief solve); the bound itself is checked with 0 and negatives
      o.harmony_iterations = std::isfinite(x) && x < 200 && x > -1e9 ? static_cast<int>(x) : 200;
    } else if (k == "lp_max_seconds") {
      o.lp_max_seconds = x;
    }
  }
  o.lp_max_seconds = std::isnan(o.lp_max_seconds) ? o.lp_max_seconds : std::min(o.lp_max_seconds, 1.0);
  if (!(o.lp_max_seconds > 0) && !std::isnan(o.lp_max_seconds)) o.lp_max_seconds = 1.0;
  o.max_sweeps = 2000;
  plan::Economy e;
  if (!fuzz::accepts([&] { e = plan::read_economy(dir.string()); })) return 0;
  if (e.size() > 200) return 0;  // keep each input fast
  plan::PlanResult r;
  try {
    r = plan::solve(e, m, o);
  } catch (const std::invalid_argument&) {
    return 0;  // an option out of bounds (check_options)
  } catch (const InputError&) {
    return 0;
  } catch (const std::runtime_error&) {
    return 0;  // not productive, or CLP stopped on numerical errors: exit 2 in the CLI
  }
  const size_t n = static_cast<size_t>(e.size());
  if (r.gross.size() != n || r.delivered.size() != n || r.fulfilment.size() != n) fuzz::fail("result of another size");
  for (size_t i = 0; i < n; ++i) {
    if (!(std::isfinite(r.gross[i]) && r.gross[i] >= 0)) fuzz::fail("negative or non-finite gross output");
    if (!std::isfinite(r.fulfilment[i])) fuzz::fail("non-finite fulfilment");
  }
  if (!std::isfinite(r.residual) || !std::isfinite(r.theta)) fuzz::fail("non-finite residual or theta");
  (void)plan::plan_csv(e, r);
  (void)plan::plan_summary_json(e, r);
  return 0;
}
