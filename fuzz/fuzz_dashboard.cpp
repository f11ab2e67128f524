// libFuzzer harness: the dashboard's POST /api/runs body (web/api.hpp
// parse_run_request) against the embedded scenario's levers, then the
// request's overrides applied as the server does. Properties on success: the
// seed, scale, overrides and lever values are within the limits and bounds.
// A BadRequest (400/413) or an InputError from the scenario is a refusal.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/seed.hpp"
#include "fuzz_common.hpp"
#include "scenario/scenario.hpp"
#include "web/api.hpp"

using namespace gangdu;
using namespace gangdu::web;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Scenario base = load_default_scenario();
  static const std::vector<LeverInfo> levers = levers_for(base);
  const Limits lim;
  if (size > 2 * lim.max_body) return -1;
  const std::string body(reinterpret_cast<const char*>(data), size);
  RunRequest rr;
  try {
    rr = parse_run_request(body, lim, [&](const std::string& name) -> const std::vector<LeverInfo>* {
      return name == base.name ? &levers : nullptr;
    });
  } catch (const BadRequest& e) {
    if (e.status() != 400 && e.status() != 413) fuzz::fail("a refusal that is neither 400 nor 413");
    return 0;
  } catch (const std::exception& e) {
    fuzz::fail(std::string("parse_run_request threw other than BadRequest (a 500): ") + e.what());
  }
  if (rr.seed && *rr.seed > kMaxSeed) fuzz::fail("seed above 2^63 - 1 accepted");
  if (rr.scale && !(*rr.scale >= lim.min_scale && *rr.scale <= lim.max_scale))
    fuzz::fail("scale out of limits accepted");
  if (rr.overrides.size() > lim.max_overrides + levers.size()) fuzz::fail("more overrides than allowed");
  fuzz::accepts([&] { (void)load_default_scenario(rr.overrides); });
  return 0;
}
