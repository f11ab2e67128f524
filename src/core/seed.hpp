#pragma once
// Reading a seed from text (a flag, a design CSV): exactly, as an integer in
// [0, 2^63 - 1] (the range a TOML scenario's `seed` can hold), never clamped
// or wrapped. Returns nullopt and sets *why on anything else.
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gangdu {

inline constexpr uint64_t kMaxSeed = 9223372036854775807ull;

inline std::optional<uint64_t> parse_seed(std::string_view s, std::string* why) {
  uint64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (!s.empty() && s[0] == '-') {
    *why = "a seed is 0 or more, not '" + std::string(s) + "'";
  } else if (ec == std::errc::result_out_of_range || (ec == std::errc() && p == s.data() + s.size() && v > kMaxSeed)) {
    *why = "seed '" + std::string(s) + "' is above the largest seed " + std::to_string(kMaxSeed);
  } else if (s.empty() || ec != std::errc() || p != s.data() + s.size()) {
    *why = "a seed is a whole number from 0 to " + std::to_string(kMaxSeed) + ", not '" + std::string(s) + "'";
  } else {
    return v;
  }
  return std::nullopt;
}

}  // namespace gangdu
