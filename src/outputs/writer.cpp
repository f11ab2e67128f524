#include "outputs/writer.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/csv.hpp"
#include "gangdu/version.hpp"

namespace fs = std::filesystem;

namespace gangdu {

uint64_t fnv1a64(const char* p, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(p[i]);
    h *= 1099511628211ULL;
  }
  return h;
}

std::string text_hash(const std::string& text) { return fmt::format("{:016x}", fnv1a64(text.data(), text.size())); }

std::string scenario_hash(const Scenario& sc) { return text_hash(sc.canonical_text); }

nlohmann::json manifest_stamp(const std::string& command) {
  return {{"program", "gangdu"}, {"version", kVersion}, {"git_commit", kGitCommit}, {"command", command}};
}

nlohmann::json make_manifest(const Scenario& sc, const RunOptions& opt, const RunResult& r) {
  nlohmann::json m = manifest_stamp("run");
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
  for (const auto& g : sc.regimes) {
    nlohmann::json r = {{"id", g.id}, {"name", g.name}, {"start", g.start.str()}, {"source", g.source}};
    if (g.continues) r["continues"] = true;  // changes only what it lists
    regimes.push_back(std::move(r));
  }
  m["regimes"] = regimes;
  return m;
}

std::string series_csv(const Recorder& rec) {
  CsvWriter w{"variable", "year", "value"};
  for (const std::string& name : rec.names()) {
    for (int y = rec.first_year(); y <= rec.last_year(); ++y) {
      const double v = rec.get(name, y);
      if (std::isnan(v)) continue;
      w.row({name, y, v});  // shortest round-trip representation
    }
  }
  return w.take();
}

std::string variables_csv(const Recorder& rec) {
  std::string out = "variable,unit,kind,description,rule\n";
  for (const SeriesInfo& i : rec.infos())
    out += fmt::format("{},{},{},{},{}\n", csv_field(i.name), csv_field(i.unit), series_kind_name(i.kind),
                       csv_field(i.description), csv_field(i.rule));
  return out;
}

namespace {

// Fault injection for the crash-safety tests (tests/crash_safety_test.cpp):
// when the environment variable GANGDU_FAULT_POINT names this point, the
// process kills itself with SIGKILL here, as a power cut or `kill -9` would.
void fault_point(const char* name) {
  const char* want = std::getenv("GANGDU_FAULT_POINT");
  if (want && std::strcmp(want, name) == 0) ::raise(SIGKILL);
}

[[noreturn]] void throw_errno(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

// Flushes a directory's entries (renames, creations) to stable storage.
void fsync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw_errno("cannot open directory", dir.string());
  // EINVAL: the file system does not support syncing directories (nothing to do).
  if (::fsync(fd) != 0 && errno != EINVAL) {
    const int e = errno;
    ::close(fd);
    errno = e;
    throw_errno("cannot fsync directory", dir.string());
  }
  ::close(fd);
}

fs::path parent_of(const fs::path& p) { return p.has_parent_path() ? p.parent_path() : fs::path("."); }

bool pid_alive(long pid) { return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM); }

// "<prefix><digits>" -> the pid, else -1.
long pid_suffix(const std::string& name, const std::string& prefix) {
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return -1;
  long pid = 0;
  for (size_t i = prefix.size(); i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || pid > 100000000) return -1;
    pid = pid * 10 + (name[i] - '0');
  }
  return pid;
}

}  // namespace

void write_file_atomic(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw_errno("cannot write", tmp);
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      errno = e;
      throw_errno("write failed:", tmp);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    errno = e;
    throw_errno("cannot flush", tmp);
  }
  fault_point("file-written");
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    ::unlink(tmp.c_str());
    throw std::runtime_error("cannot rename " + tmp + " to " + path + ": " + ec.message());
  }
  fsync_dir(parent_of(fs::path(path)));
}

void remove_stale_staging(const std::string& dir) {
  fs::path target(dir);
  if (target.filename().empty()) target = target.parent_path();
  const fs::path parent = parent_of(target);
  const std::string name = target.filename().string();
  // Collect first, then act: the directory is not modified while it is being read.
  std::vector<std::pair<fs::path, bool>> stale;  // path, is a moved-aside old output
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    const long partial = pid_suffix(entry, name + ".partial-");
    const long old = pid_suffix(entry, name + ".old-");
    const long pid = partial >= 0 ? partial : old;
    if (pid < 0 || pid == ::getpid() || pid_alive(pid)) continue;
    stale.emplace_back(it->path(), old >= 0);
  }
  for (const auto& [path, is_old] : stale) {
    std::error_code e2;
    if (is_old && !fs::exists(target, e2)) {
      // Killed between moving the previous output aside and moving the new one
      // in: the previous output is complete; put it back.
      fs::rename(path, target, e2);
      if (!e2) continue;
    }
    fs::remove_all(path, e2);
  }
}

void write_output_dir(const std::string& dir, const std::function<void(const std::string&)>& fill) {
  fs::path target(dir);
  if (target.filename().empty()) target = target.parent_path();
  // An output directory given as a symlink is replaced where it points, and stays a symlink.
  if (std::error_code lec; fs::is_symlink(target, lec)) target = fs::canonical(target);
  const fs::path parent = parent_of(target);
  const std::string pid = std::to_string(::getpid());
  std::error_code ec;
  fs::create_directories(parent, ec);
  remove_stale_staging(target.string());
  if (fs::exists(target) && !fs::is_directory(target))
    throw std::runtime_error("output path exists and is not a directory: " + dir);
  const fs::path staging = parent / (target.filename().string() + ".partial-" + pid);
  fs::remove_all(staging, ec);
  fs::create_directories(staging);
  try {
    fill(staging.string());
    fsync_dir(staging);
    fault_point("staged");
    if (!fs::exists(target)) {
      fs::rename(staging, target);
      fsync_dir(parent);
      return;
    }
    // Files already in DIR that this run does not produce (e.g. notes, other
    // commands' outputs) are carried over as hard links (copies where links
    // are impossible), leftover temporary files are not.
    for (const auto& entry : fs::directory_iterator(target)) {
      const fs::path name = entry.path().filename();
      if (fs::exists(staging / name)) continue;
      if (pid_suffix(name.string().substr(name.string().rfind('.') + 1), "tmp-") >= 0) continue;
      std::error_code e2;
      fs::copy(entry.path(), staging / name,
               fs::copy_options::recursive | fs::copy_options::create_hard_links | fs::copy_options::copy_symlinks, e2);
      if (e2) fs::copy(entry.path(), staging / name, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    }
    fsync_dir(staging);
    // Swap the complete new directory with the old one in one step, so DIR is
    // at every instant either the complete old or the complete new output.
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
      fsync_dir(parent);
      fault_point("exchanged");
      fs::remove_all(staging, ec);  // now holds the old output; a leftover is cleaned by the next run
      return;
    }
    // Fallback where RENAME_EXCHANGE is unsupported: move the old output
    // aside, then the new one in (a crash in between leaves DIR absent and
    // DIR.old-<pid> complete; remove_stale_staging() puts it back).
    const fs::path old = parent / (target.filename().string() + ".old-" + pid);
    fs::remove_all(old, ec);
    fs::rename(target, old);
    fault_point("moved-aside");
    try {
      fs::rename(staging, target);
    } catch (...) {
      fs::rename(old, target, ec);  // put the previous output back
      throw;
    }
    fsync_dir(parent);
    fs::remove_all(old, ec);
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
}

}  // namespace gangdu
