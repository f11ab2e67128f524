#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include <map>

#include "core/embedded.hpp"
#include "scenario/scenario.hpp"

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

// A [parameters] table giving every registered parameter a value (its lower
// bound, or `values[name]`), so small test scenarios stay valid as the
// registry grows.
inline std::string parameters_table(const std::map<std::string, double>& values) {
  std::string t = "[parameters]\n";
  for (const auto& d : gangdu::param_defs()) {
    auto it = values.find(d.name);
    const double v = it != values.end() ? it->second : d.min;
    t += std::string(d.name) + " = { value = " + std::to_string(v) + ", source = \"test\" }\n";
  }
  return t;
}

// The exit status and the output (stdout and stderr together) of the gangdu binary run with
// `args` (in directory `cwd` if given). Needs GANGDU_BINARY (tests/CMakeLists.txt).
struct CliResult {
  int status;
  std::string out;
};
#ifdef GANGDU_BINARY
inline CliResult run_cli(const std::string& args, const std::string& cwd = "") {
  const std::string log = temp_dir("cli_run_log") + "/log.txt";
  std::string cmd = std::string(GANGDU_BINARY) + " " + args + " >" + log + " 2>&1";
  if (!cwd.empty()) cmd = "cd '" + cwd + "' && " + cmd;
  const int rc = std::system(cmd.c_str());
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, read_file(log)};
}
#endif

}  // namespace gangdu::testing
