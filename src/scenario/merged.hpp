#pragma once
// The TOML tree of a scenario with its `extends` chain merged in, as the loader
// sees it before overrides: for tools that address scenario keys (--param,
// calibration starts) and must resolve them in the merged scenario, as --set does.
#include <toml++/toml.h>

#include <string>

namespace gangdu {

toml::table merged_scenario_table(const std::string& text, const std::string& file_label);

// A table as TOML text, key-ordered, floats in shortest round-trip form, so it reloads to the same
// values (the scenario hash's text). Used instead of toml++'s formatter, whose array layout
// computes static_cast<size_t>(log10(x)): undefined for floats below 0.1 (issue 26).
std::string canonical_toml(const toml::table& root);

}  // namespace gangdu
