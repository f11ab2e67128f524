#pragma once
// The causal claims of model-spec §6 that the model can test (issue 21), as
// experiments: each claim is a contrast of two arms of paired runs (the same seeds;
// each arm holds some parameters for the whole run), measured on one series over a
// span of years. The table is data: a later layer adds its claims by appending
// ClaimSpec entries to default_claims() (or passing its own list).
#include <string>
#include <utility>
#include <vector>

#include "experiments/validate.hpp"
#include "scenario/scenario.hpp"

namespace gangdu {

struct ClaimSpec {
  std::string id;          // short name, e.g. "ratchet_restricts_output"
  std::string claim;       // what the text says, in a few words of our own
  std::string spec_claim;  // number of the claim in model-spec §6
  std::string seed_lines;  // where the text says it
  // Arm a is the claim's mechanism, arm b its absence; empty = the scenario as written.
  std::vector<std::pair<std::string, double>> arm_a, arm_b;
  std::string series;
  int first_year = 1953, last_year = 1957;
  int expected_sign = 1;  // +1: the claim says a - b > 0; -1: a - b < 0
};

struct ClaimOptions {
  int runs = 10;
  double scale = 0.1;
  uint64_t seed = 1;
  int threads = 0;
  std::vector<std::pair<std::string, double>> forced;  // held in both arms (--switch)
};

struct ClaimResult {
  ClaimSpec spec;
  double mean_a = 0, mean_b = 0, effect = 0, ci_low = 0, ci_high = 0;
  int runs = 0;
  std::string verdict;  // "supported", "contradicted", "no clear effect", "not produced"
  std::string fitted;   // "no", or which calibrated parameters name a record point of the series in the years
};

// The claims issue 21 makes testable (ratchet, hiding, bargaining, soft budget,
// two-level accounting, sectionalism).
std::vector<ClaimSpec> default_claims();

// Record points of the series in [first, last] that a calibrated parameter of the
// scenario names (its [calibrated: ...] markers), as "param (point id)" joined by "; ".
std::string fitted_dependence(const ClaimSpec& c, const std::string& scenario_text, const std::string& label,
                              const std::vector<HistoryPoint>& points);

// Runs `runs` model runs per distinct arm of the claims (in parallel; results do not depend on threads).
std::vector<ClaimResult> run_claims(const Scenario& sc, const std::vector<ClaimSpec>& claims, const ClaimOptions& opt);

std::string claims_csv(const std::vector<ClaimResult>& rows);
std::string claims_markdown(const std::vector<ClaimResult>& rows, const ClaimOptions& opt);

}  // namespace gangdu
