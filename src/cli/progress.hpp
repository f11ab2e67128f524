#pragma once
// Progress of commands that make many runs: one line on stderr per finished run
// ("gangdu ensemble: run 3/20 done, 0:12 elapsed, about 1:08 left"), written
// only when stderr is a terminal and --quiet is not given (never in logs,
// pipes or tests).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace gangdu::cli {

// Set by the global --quiet flag (cli/main.cpp).
inline bool& quiet_flag() {
  static bool q = false;
  return q;
}

class Progress {
 public:
  explicit Progress(std::string label) : label_(std::move(label)), tty_(::isatty(STDERR_FILENO) == 1) {}
  bool enabled() const { return tty_ && !quiet_flag(); }
  // Called after each finished run: `done` of `total` runs of the current batch.
  void update(size_t done, size_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (done <= last_done_) t0_ = last_;  // a new batch (e.g. the next calibration generation)
    last_done_ = done;
    last_ = now;
    if (!enabled() || total == 0) return;
    const double el = std::chrono::duration<double>(now - t0_).count();
    const double left = done > 0 ? el * static_cast<double>(total - done) / static_cast<double>(done) : 0.0;
    std::fprintf(stderr, "%s: run %zu/%zu done, %s elapsed%s\n", label_.c_str(), done, total, clock(el).c_str(),
                 done < total ? (", about " + clock(left) + " left").c_str() : "");
    std::fflush(stderr);
  }

 private:
  static std::string clock(double s) {
    const long t = static_cast<long>(s + 0.5);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
    return buf;
  }
  std::string label_;
  bool tty_;
  size_t last_done_ = 0;
  std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now(), last_ = t0_;
};

}  // namespace gangdu::cli
