#include "web/api.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <set>

#include "core/clock.hpp"
#include "core/seed.hpp"
#include "core/seed_places.hpp"
#include "engine/schedule.hpp"
#include "engine/world.hpp"

namespace gangdu::web {

using nlohmann::json;

const std::vector<LeverDef>& lever_defs() {
  // Slider ranges are assumptions: ranges worth exploring around the scenario's values;
  // the server accepts anything within the parameter's bounds (scenario/params.cpp).
  static const std::vector<LeverDef> defs = {
      {"leap_party_pressure", "Party pressure in the Great Leap (weight of the local Party line, 1958-60)", "leap",
       "control_local_weight", 0.0, 1.0, 0.05,
       "L5082, L5106: planning power to Party secretaries; the pressure behind political targets, overdriving and inflated reports (L5023)"},
      {"leap_plan_growth", "Leap target: growth of the annual control figure", "leap", "plan_growth", -0.2, 2.0, 0.05,
       "L5007: the Leap plan of 4.5 Mt of steel for 1959 (a policy input)"},
      {"ffyp_steel_utilization", "Overdriving in the First Five-Year Plan (1953-57)", "ffyp", "steel_utilization", 0.5, 2.0,
       0.05, "L3307-3315: the Soviet method of intensive operation"},
      {"ffyp_blind_inflow", "Blind inflow 1953-57 (workers/month without a job offer)", "ffyp", "migration_blind_inflow", 0,
       3000, 50, "L3943-3967: peasants arriving without plan"},
      {"leap_blind_inflow", "Blind inflow in the Leap (workers/month)", "leap", "migration_blind_inflow", 0, 3000, 50,
       "L4035: the Leap reversed the inflow controls"},
      {"ffyp_jobless_return", "Registration strictness 1953-57: share of jobless leaving per month", "ffyp",
       "migration_jobless_return", 0, 0.3, 0.01, "L3995: jobless migrants who stayed; stricter registration sends more back"},
      {"ffyp_construction_workers", "Construction force 1953-57 (workers on capital projects)", "ffyp",
       "labour_construction_workers", 0, 150000, 5000, "L3904, L4689"},
      {"removal_1945", "The Soviet removal of 1945 (on = as happened)", "", "removal_1945", 0, 1, 1,
       "L1490-1505, L2186: facility damage events of Aug-Dec 1945; off = the counterfactual without the removal"},
  };
  return defs;
}

std::vector<LeverInfo> levers_for(const Scenario& sc) {
  std::vector<LeverInfo> out;
  for (const LeverDef& d : lever_defs()) {
    LeverInfo li;
    li.def = &d;
    if (d.regime[0] == '\0') {
      li.is_switch = true;
      li.value = 1;
      li.min = 0;
      li.max = 1;
      li.unit = "switch";
      li.source = d.note;
      out.push_back(li);
      continue;
    }
    const RegimeSpec* rg = nullptr;
    for (const auto& r : sc.regimes)
      if (r.id == d.regime) rg = &r;
    const ParamDef* pd = find_param_def(d.param);
    if (!rg || !pd) continue;
    li.key = std::string("regime.") + d.regime + "." + d.param;
    auto it = rg->params.find(d.param);
    if (it != rg->params.end()) {
      li.value = it->second.value;
      li.source = it->second.source;
    } else {
      auto dp = sc.parameters.find(d.param);
      li.value = dp != sc.parameters.end() ? dp->second.value : pd->min;
      li.source = dp != sc.parameters.end() ? "scenario default: " + dp->second.source : "";
    }
    li.min = pd->min;
    li.max = pd->max;
    li.unit = pd->unit;
    out.push_back(li);
  }
  // Rule switches: every rule_* switch of the rule table (engine/schedule.cpp), on/off for the whole run.
  static std::vector<LeverDef> rule_defs = [] {
    std::vector<LeverDef> v;
    for (const std::string& name : rule_switches()) {
      const ParamDef* p = find_param_def(name);
      v.push_back(
          {p->name, p->meaning, "", p->name, 0, 1, 1, "rule switch: held for the whole run (as gangdu run --switch)"});
    }
    return v;
  }();
  for (const LeverDef& d : rule_defs) {
    auto dp = sc.parameters.find(d.param);
    if (dp == sc.parameters.end()) continue;
    LeverInfo li;
    li.def = &d;
    li.is_switch = true;
    li.rule = d.param;
    li.value = dp->second.value >= 0.5 ? 1 : 0;
    li.min = 0;
    li.max = 1;
    li.unit = "rule";
    li.source = dp->second.source;
    out.push_back(li);
  }
  return out;
}

json levers_json(const std::vector<LeverInfo>& levers) {
  json a = json::array();
  for (const LeverInfo& l : levers) {
    a.push_back({{"id", l.def->id},
                 {"label", l.def->label},
                 {"kind", l.is_switch ? "switch" : "number"},
                 {"group", l.rule.empty() ? "lever" : "rule"},
                 {"key", l.key},
                 {"value", l.value},
                 {"min", l.min},
                 {"max", l.max},
                 {"slider_min", std::max(l.min, std::min(l.def->slider_min, l.value))},
                 {"slider_max", std::min(l.max, std::max(l.def->slider_max, l.value))},
                 {"step", l.def->step},
                 {"unit", l.unit},
                 {"note", l.def->note},
                 {"source", l.source},
                 {"where", seed_places_of(std::string(l.def->note) + " " + l.source)}});
  }
  return a;
}

json timeline_json(const Scenario& sc) {
  json regimes = json::array(), events = json::array();
  for (const RegimeSpec& r : sc.regimes)
    regimes.push_back({{"id", r.id}, {"name", r.name}, {"start", r.start.str()}, {"source", r.source},
                       {"where", seed_places_of(r.source)}});
  for (const EventSpec& e : sc.events)
    if (!e.label.empty())
      events.push_back(
          {{"date", e.date.str()}, {"label", e.label}, {"source", e.source}, {"where", seed_places_of(e.source)}});
  return {{"regimes", regimes}, {"events", events}};
}

json codebook_json(const Scenario& sc) {
  const World w(sc, {.seed = 1, .scale = 0.0001});  // declarations only: no month is run
  json out = json::object();
  for (const SeriesInfo& i : w.rec.infos())
    out[i.name] = {{"unit", i.unit},
                   {"kind", i.kind == SeriesKind::kFlow ? "flow" : "stock"},
                   {"description", i.description},
                   {"rule", i.rule}};
  return out;
}

double strict_number(const json& v, const std::string& what) {
  double x = NAN;
  if (v.is_number()) {
    x = v.get<double>();
  } else if (v.is_string()) {
    const std::string s = v.get<std::string>();
    const char* b = s.data();
    const char* e = s.data() + s.size();
    auto [p, ec] = std::from_chars(b, e, x);
    if (s.empty() || ec != std::errc() || p != e) throw BadRequest(what + ": expected a number, got \"" + s.substr(0, 40) + "\"");
  } else {
    throw BadRequest(what + ": expected a number, got " + std::string(v.type_name()));
  }
  if (!std::isfinite(x)) throw BadRequest(what + ": expected a finite number");
  return x;
}

RunRequest parse_run_request(std::string_view body, const Limits& lim,
                             const std::function<const std::vector<LeverInfo>*(const std::string&)>& levers_of) {
  if (body.size() > lim.max_body)
    throw BadRequest(fmt::format("request body of {} bytes exceeds the limit of {} bytes", body.size(), lim.max_body), 413);
  json j;
  try {
    j = json::parse(body);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for a number such as 1e400
    throw BadRequest(std::string("body is not valid JSON: ") + e.what());
  }
  if (!j.is_object()) throw BadRequest("body must be a JSON object");
  static const std::set<std::string> known = {"scenario", "seed", "scale", "levers", "set"};
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!known.count(it.key())) throw BadRequest("unknown field '" + it.key().substr(0, 40) + "'");

  RunRequest r;
  if (!j.contains("scenario") || !j["scenario"].is_string()) throw BadRequest("scenario: expected a scenario name (string)");
  r.scenario = j["scenario"].get<std::string>();
  const std::vector<LeverInfo>* levers = levers_of(r.scenario);
  if (!levers) throw BadRequest("scenario: unknown scenario '" + r.scenario.substr(0, 64) + "'");

  if (j.contains("seed") && !j["seed"].is_null()) {
    const json& js = j["seed"];
    if (js.is_number_unsigned()) {  // exactly, as the CLI's --seed (core/seed.hpp)
      if (js.get<uint64_t>() > kMaxSeed) throw BadRequest("seed: above the largest seed " + std::to_string(kMaxSeed));
      r.seed = js.get<uint64_t>();
    } else if (js.is_number_integer()) {
      throw BadRequest("seed: a seed is 0 or more");
    } else {
      const double s = strict_number(js, "seed");
      if (s < 0 || s > 9.0e15 || s != std::floor(s)) throw BadRequest("seed: expected a whole number from 0 to 9e15");
      r.seed = static_cast<uint64_t>(s);
    }
  }
  if (j.contains("scale") && !j["scale"].is_null()) {
    const double sc = strict_number(j["scale"], "scale");
    if (sc < lim.min_scale || sc > lim.max_scale)
      throw BadRequest(fmt::format("scale: {} is outside [{}, {}]", sc, lim.min_scale, lim.max_scale));
    r.scale = sc;
  }
  if (j.contains("levers")) {
    const json& lv = j["levers"];
    if (!lv.is_object()) throw BadRequest("levers: expected an object {id: value}");
    for (auto it = lv.begin(); it != lv.end(); ++it) {
      const LeverInfo* li = nullptr;
      for (const LeverInfo& l : *levers)
        if (it.key() == l.def->id) li = &l;
      if (!li) throw BadRequest("levers: unknown lever '" + it.key().substr(0, 64) + "' for scenario " + r.scenario);
      const std::string what = "lever " + it.key();
      if (li->is_switch) {
        bool on;
        if (it.value().is_boolean())
          on = it.value().get<bool>();
        else {
          const double x = strict_number(it.value(), what);
          if (x != 0 && x != 1) throw BadRequest(what + ": expected true/false or 0/1");
          on = x == 1;
        }
        if (!li->rule.empty())
          r.forced.emplace_back(li->rule, on ? 1.0 : 0.0);
        else if (std::string(li->def->param) == "removal_1945")
          r.removal_1945 = on;
        r.levers[it.key()] = on;
        continue;
      }
      const double x = strict_number(it.value(), what);
      if (x < li->min || x > li->max)
        throw BadRequest(fmt::format("{}: {} is outside the parameter's bounds [{}, {}]", what, x, li->min, li->max));
      r.overrides.push_back({li->key, fmt::format("{}", x)});
      r.levers[it.key()] = x;
    }
  }
  if (j.contains("set")) {
    const json& st = j["set"];
    if (!st.is_array()) throw BadRequest("set: expected an array of \"key=value\" strings");
    if (st.size() > lim.max_overrides) throw BadRequest(fmt::format("set: at most {} overrides", lim.max_overrides));
    for (const json& e : st) {
      if (!e.is_string()) throw BadRequest("set: expected \"key=value\" strings");
      const std::string s = e.get<std::string>();
      const auto eq = s.find('=');
      if (eq == std::string::npos) throw BadRequest("set: expected key=value, got \"" + s.substr(0, 64) + "\"");
      const std::string key = s.substr(0, eq), value = s.substr(eq + 1);
      if (!valid_override_key(key)) throw BadRequest("set: bad key \"" + key.substr(0, 64) + "\"");
      const double x = strict_number(json(value), "set " + key);
      r.overrides.push_back({key, fmt::format("{}", x)});
    }
    r.levers["set"] = st;
  }
  return r;
}

int apply_removal_switch(Scenario& sc, bool removal_on) {
  if (removal_on) return 0;
  const Month a = Month::of(1945, 8), b = Month::of(1945, 12);
  int dropped = 0;
  std::vector<EventSpec> kept;
  for (const EventSpec& e : sc.events) {
    if ((e.kind == EventKind::kFacilityDamage || e.kind == EventKind::kRemoval) && e.date >= a && e.date <= b) {
      ++dropped;
      continue;
    }
    kept.push_back(e);
  }
  sc.events = std::move(kept);
  sc.canonical_text += fmt::format("\n# gangdu serve: 1945 removal off ({} removal and damage events of 1945-08..1945-12 dropped)\n", dropped);
  return dropped;
}

bool valid_run_id(std::string_view id) {
  if (id.empty() || id.size() > 9) return false;
  for (char c : id)
    if (c < '0' || c > '9') return false;
  return true;
}

bool valid_override_key(std::string_view key) {
  if (key.empty() || key.size() > 128 || key.front() == '.' || key.back() == '.') return false;
  if (key.find("..") != std::string_view::npos) return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) return false;
  return true;
}

std::optional<std::string> run_file_content_type(std::string_view name) {
  if (name == "series.csv" || name == "fit.csv") return "text/csv; charset=utf-8";
  if (name == "manifest.json") return "application/json";
  if (name == "report.html") return "text/html; charset=utf-8";
  return std::nullopt;
}

std::optional<std::string> asset_content_type(std::string_view name) {
  if (name == "chart.umd.min.js" || name == "gangdu-charts.js" || name == "dashboard.js")
    return "text/javascript; charset=utf-8";
  if (name == "gangdu.css") return "text/css; charset=utf-8";
  return std::nullopt;
}

}  // namespace gangdu::web
