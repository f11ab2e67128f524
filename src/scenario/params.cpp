// The parameter registry (the table itself is scenario/params.hpp): the loader's
// ParamDef list, the typed binding and the name lookup.
#include "scenario/params.hpp"

#include <string_view>
#include <unordered_map>

#include "scenario/scenario.hpp"

namespace gangdu {

const std::vector<ParamDef>& param_defs() {
#define GANGDU_PARAM_DEF(name, lo, hi, unit, meaning) {#name, lo, hi, unit, meaning},
#define GANGDU_SWITCH_DEF(name, meaning) {#name, 0.0, 1.0, "switch", meaning},
  static const std::vector<ParamDef> defs = {GANGDU_PARAMETERS(GANGDU_PARAM_DEF, GANGDU_SWITCH_DEF)};
#undef GANGDU_PARAM_DEF
#undef GANGDU_SWITCH_DEF
  return defs;
}

void bind_params(Params& p, const std::vector<double>& v) {
#define GANGDU_PARAM_BIND(name, lo, hi, unit, meaning) p.name = v[static_cast<size_t>(ParamId::name)];
#define GANGDU_SWITCH_BIND(name, meaning) p.name = v[static_cast<size_t>(ParamId::name)] > 0.5;
  GANGDU_PARAMETERS(GANGDU_PARAM_BIND, GANGDU_SWITCH_BIND)
#undef GANGDU_PARAM_BIND
#undef GANGDU_SWITCH_BIND
}

// Name -> definition, built once from the registry (whose names are static strings): a lookup
// hashes the name and allocates nothing. Used at load, bind and by the tools; the monthly code
// reads the typed Params instead.
const ParamDef* find_param_def(std::string_view name) {
  static const std::unordered_map<std::string_view, const ParamDef*> by_name = [] {
    std::unordered_map<std::string_view, const ParamDef*> m;
    for (const ParamDef& d : param_defs()) m.emplace(d.name, &d);
    return m;
  }();
  const auto it = by_name.find(name);
  return it == by_name.end() ? nullptr : it->second;
}

const char* stage_name(Stage s) {
  switch (s) {
    case Stage::kOre: return "ore";
    case Stage::kPigIron: return "pig_iron";
    case Stage::kSteel: return "steel";
    case Stage::kRolled: return "rolled";
  }
  return "?";
}

std::optional<Stage> parse_stage(const std::string& s) {
  for (int i = 0; i < kStageCount; ++i)
    if (s == stage_name(static_cast<Stage>(i))) return static_cast<Stage>(i);
  return std::nullopt;
}

}  // namespace gangdu
