#pragma once
// A one-line progress bar with ETA on stderr, drawn only when stderr is a
// terminal (never in logs, pipes or tests).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace gangdu::cli {

class Progress {
 public:
  explicit Progress(std::string label) : label_(std::move(label)), tty_(::isatty(STDERR_FILENO) == 1) {}
  bool enabled() const { return tty_; }
  void update(size_t done, size_t total) {
    if (!tty_ || total == 0) return;
    const double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    const double eta = done > 0 ? el * static_cast<double>(total - done) / static_cast<double>(done) : 0.0;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(kWidth * done / total);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r%s [%s] %zu/%zu %3d%% elapsed %s ETA %s ", label_.c_str(), bar.c_str(), done, total,
                 static_cast<int>(100 * done / total), clock(el).c_str(), done > 0 ? clock(eta).c_str() : "--:--");
    if (done == total) std::fputc('\n', stderr);
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
  std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now();
};

}  // namespace gangdu::cli
