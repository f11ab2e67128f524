#pragma once
// The TOML tree of a scenario with its `extends` chain merged in, as the loader
// sees it before overrides: for tools that address scenario keys (--param,
// calibration starts) and must resolve them in the merged scenario, as --set does.
#include <toml++/toml.h>

#include <string>

namespace gangdu {

toml::table merged_scenario_table(const std::string& text, const std::string& file_label);

}  // namespace gangdu
