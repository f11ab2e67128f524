#include "outputs/writer.hpp"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "gangdu/version.hpp"

namespace fs = std::filesystem;

namespace gangdu {

std::string scenario_hash(const Scenario& sc) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : sc.canonical_text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

nlohmann::json make_manifest(const Scenario& sc, const RunOptions& opt, const RunResult& r) {
  nlohmann::json m;
  m["program"] = "gangdu";
  m["version"] = kVersion;
  m["git_commit"] = kGitCommit;
  m["scenario"] = sc.name;
  m["scenario_file"] = sc.file;
  m["scenario_hash"] = scenario_hash(sc);
  m["seed"] = opt.seed;
  m["scale"] = opt.scale;
  m["start"] = sc.start.str();
  m["end"] = sc.end.str();
  m["wall_seconds"] = r.wall_seconds;
  m["peak_agents"] = r.world->peak_agents;
  m["peak_persons"] = static_cast<double>(r.world->peak_agents) / opt.scale;
  m["variables"] = r.world->rec.names();
  nlohmann::json regimes = nlohmann::json::array();
  for (const auto& g : sc.regimes) regimes.push_back({{"id", g.id}, {"name", g.name}, {"start", g.start.str()}, {"source", g.source}});
  m["regimes"] = regimes;
  return m;
}

std::string series_csv(const Recorder& rec) {
  std::string out = "variable,year,value\n";
  for (const std::string& name : rec.names()) {
    for (int y = rec.first_year(); y <= rec.last_year(); ++y) {
      const double v = rec.get(name, y);
      if (std::isnan(v)) continue;
      out += fmt::format("{},{},{}\n", name, y, v);  // shortest round-trip representation
    }
  }
  return out;
}

void write_file_atomic(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error("cannot write " + tmp);
    f << text;
    f.flush();
    if (!f) throw std::runtime_error("write failed: " + tmp);
  }
  fs::rename(tmp, path);
}

void write_output_dir(const std::string& dir, const std::function<void(const std::string&)>& fill) {
  fs::path target(dir);
  if (target.filename().empty()) target = target.parent_path();
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  const fs::path staging = parent / (target.filename().string() + ".partial-" + std::to_string(::getpid()));
  fs::remove_all(staging, ec);
  fs::create_directories(staging);
  try {
    fill(staging.string());
    if (!fs::exists(target)) {
      fs::rename(staging, target);
      return;
    }
    if (!fs::is_directory(target)) throw std::runtime_error("output path exists and is not a directory: " + dir);
    for (const auto& entry : fs::directory_iterator(staging)) fs::rename(entry.path(), target / entry.path().filename());
    fs::remove_all(staging);
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
}

}  // namespace gangdu
