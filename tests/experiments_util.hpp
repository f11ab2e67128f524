#pragma once
// Helpers shared by the issue-7 tests (CLI invocation, files, temp dirs).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace gangdu::testutil {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string fresh_dir(const std::string& name) {
  const std::string d = std::filesystem::temp_directory_path().string() + "/gangdu-test-" + std::to_string(::getpid()) + "-" + name;
  std::filesystem::remove_all(d);
  return d;
}

// Runs the gangdu binary with `args`; returns its exit status (stdout/stderr to `log`).
inline int run_cli(const std::string& args, const std::string& log = "/dev/null") {
  const std::string cmd = std::string(GANGDU_BINARY) + " " + args + " >" + log + " 2>&1";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace gangdu::testutil
