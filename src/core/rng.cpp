#include "core/rng.hpp"

#include <cmath>
#include <stdexcept>

namespace gangdu::rng {

double Stream::normal() {
  double u1 = uniform();
  while (u1 <= 0.0) u1 = uniform();
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

int64_t Stream::poisson(double mean) {
  if (!(mean > 0.0)) return 0;
  if (mean > 50.0) {
    const double x = std::floor(mean + std::sqrt(mean) * normal() + 0.5);
    return x < 0 ? 0 : static_cast<int64_t>(x);
  }
  const double limit = std::exp(-mean);
  int64_t k = 0;
  double prod = uniform();
  while (prod > limit) {
    ++k;
    prod *= uniform();
  }
  return k;
}

int64_t Stream::binomial(int64_t n, double p) {
  if (n <= 0 || !(p > 0.0)) return 0;
  if (p >= 1.0) return n;
  const double mean = static_cast<double>(n) * p;
  if (n > 200 && mean > 20.0 && mean < static_cast<double>(n) - 20.0) {
    const double sd = std::sqrt(mean * (1.0 - p));
    double x = std::floor(mean + sd * normal() + 0.5);
    if (x < 0) x = 0;
    if (x > static_cast<double>(n)) x = static_cast<double>(n);
    return static_cast<int64_t>(x);
  }
  if (n > 200) return std::min<int64_t>(n, poisson(mean));
  int64_t k = 0;
  for (int64_t i = 0; i < n; ++i) k += uniform() < p ? 1 : 0;
  return k;
}

int64_t Stream::round(double x) {
  if (!(x > 0.0)) return 0;
  const double f = std::floor(x);
  return static_cast<int64_t>(f) + (uniform() < (x - f) ? 1 : 0);
}

}  // namespace gangdu::rng

#include <sstream>

namespace gangdu::rng {

std::string Stream::state() const {
  std::ostringstream o;
  o << gen_;
  return o.str();
}

void Stream::set_state(const std::string& s) {
  std::istringstream in(s);
  pcg32 g;
  in >> g;
  if (in.fail()) throw std::runtime_error("corrupt random stream state");
  gen_ = g;
}

}  // namespace gangdu::rng
