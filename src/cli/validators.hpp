#pragma once
// Checks on command-line values that run on the text the user typed, before
// CLI11 converts it, so a bad value is refused with the flag's name (CLI11
// prints "--flag: <message>") and exit status 2, never clamped or defaulted.
#include <CLI/CLI.hpp>
#include <charconv>
#include <cmath>
#include <sstream>
#include <string>

#include "core/seed.hpp"
#include "experiments/batch.hpp"

namespace gangdu::cli {

// --seed: an integer in [0, 2^63 - 1], exactly (-5 used to run the scenario's
// seed, 99999999999999999999 became 2^63 - 1).
inline CLI::Validator seed_value() {
  return CLI::Validator(
      [](std::string& s) {
        std::string why;
        return parse_seed(s, &why) ? std::string() : why;
      },
      "SEED");
}

inline std::string num_text(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// A finite number in [lo, hi] (CLI::Range lets "nan" through to a confusing message).
inline CLI::Validator finite_in(double lo, double hi) {
  return CLI::Validator(
      [lo, hi](std::string& s) -> std::string {
        double v = 0;
        const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
          return "'" + s + "' is not a finite number";
        if (!(v >= lo && v <= hi)) return "value " + s + " not in range [" + num_text(lo) + ", " + num_text(hi) + "]";
        return std::string();
      },
      "NUMBER in [" + num_text(lo) + ", " + num_text(hi) + "]");
}

// The most runs one command may ask for: kMaxRuns (experiments/batch.hpp).

}  // namespace gangdu::cli
