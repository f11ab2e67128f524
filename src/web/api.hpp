#pragma once
// Request validation for `gangdu serve` (kept apart from the HTTP server so
// that it can be unit-tested): levers, run requests, run ids and file names.
// Everything a browser sends is checked here; a failure is a BadRequest whose
// message goes back to the browser with status 400.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/scenario.hpp"

namespace gangdu::web {

class BadRequest : public std::runtime_error {
 public:
  explicit BadRequest(const std::string& m, int status = 400) : std::runtime_error(m), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

// A lever of the dashboard: a scenario key (regime.<id>.<param>) moved by a
// slider, or a switch the server applies to the loaded scenario.
struct LeverDef {
  const char* id;
  const char* label;
  const char* regime;  // "" for switches
  const char* param;   // parameter name (param_defs), or the switch name
  double slider_min, slider_max, step;  // slider range (assumption: a range worth exploring)
  const char* note;
};
const std::vector<LeverDef>& lever_defs();

struct LeverInfo {
  const LeverDef* def = nullptr;
  std::string key;    // override key, e.g. "regime.leap.control_local_weight"; "" for switches
  bool is_switch = false;
  std::string rule;   // a rule switch (parameter rule_*): held for the whole run via RunOptions::forced
  double value = 0;   // the scenario's value (switch: 1 = on)
  double min = 0, max = 1;  // accepted range (the parameter's bounds)
  std::string unit, source;
};
// The levers that apply to this scenario (a lever whose regime the scenario lacks is left out),
// then one switch per registered rule parameter (rule_*) the scenario sets.
std::vector<LeverInfo> levers_for(const Scenario& sc);
nlohmann::json levers_json(const std::vector<LeverInfo>& levers);

// What the dashboard draws under the charts: the regimes (id, name, start "YYYY-MM", source) and
// the dated events that carry a chart label (date, label, source), in date order.
nlohmann::json timeline_json(const Scenario& sc);
// The codebook of the scenario's series (variable -> unit, kind, description, rule), as
// variables.csv of a run: the dashboard titles its charts from it.
nlohmann::json codebook_json(const Scenario& sc);

struct Limits {
  size_t max_body = 16 * 1024;  // bytes of a request body
  double min_scale = 0.001, max_scale = 1.0;
  size_t max_overrides = 16;
};

struct RunRequest {
  std::string scenario;
  std::optional<uint64_t> seed;
  std::optional<double> scale;     // absent: the server's default
  std::vector<Override> overrides;  // from levers and "set"
  bool removal_1945 = true;         // the Soviet removal of 1945 (switch)
  std::vector<std::pair<std::string, double>> forced;  // rule switches held for the whole run
  nlohmann::json levers = nlohmann::json::object();  // as accepted, for the manifest
};

// Parses and checks a POST /api/runs body:
//   {"scenario": "anshan", "seed": 1916, "scale": 0.1,
//    "levers": {"leap_party_pressure": 0.6, "removal_1945": false},
//    "set": ["regime.ffyp.plan_growth=0.2"]}
// `levers_of(name)` gives the levers of a known scenario, or nullptr if unknown.
RunRequest parse_run_request(std::string_view body, const Limits& lim,
                             const std::function<const std::vector<LeverInfo>*(const std::string&)>& levers_of);

// A JSON number, or a string holding exactly one finite number; else BadRequest naming `what`.
double strict_number(const nlohmann::json& v, const std::string& what);

// Drops (or keeps) the Soviet removal: removal and facility_damage events dated 1945-08..1945-12.
// Marks the scenario's canonical text so its hash differs. Returns events dropped.
int apply_removal_switch(Scenario& sc, bool removal_on);

bool valid_run_id(std::string_view id);           // 1-9 digits
bool valid_override_key(std::string_view key);    // [A-Za-z0-9_.], 1-128 chars, no ".."
// The run-folder files a browser may download; nullopt for anything else.
std::optional<std::string> run_file_content_type(std::string_view name);
// The assets a browser may fetch (all compiled in); nullopt for anything else.
std::optional<std::string> asset_content_type(std::string_view name);

}  // namespace gangdu::web
