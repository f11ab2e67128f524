#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "core/embedded.hpp"

namespace gangdu::testing {

inline std::string default_scenario_text() { return std::string(embedded::find("scenarios/anshan.toml")); }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string temp_dir(const std::string& name) {
  auto d = std::filesystem::temp_directory_path() / ("gangdu_test_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d.string();
}

// Replaces the first occurrence of `from` in `text` (test helper for broken scenarios).
inline std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto p = text.find(from);
  if (p != std::string::npos) text.replace(p, from.size(), to);
  return text;
}

}  // namespace gangdu::testing
