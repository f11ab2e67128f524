#include "core/clock.hpp"

#include <charconv>
#include <cstdio>

namespace gangdu {

std::string Month::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year(), month());
  return buf;
}

std::optional<Month> parse_month(std::string_view text) {
  auto parse_int = [](std::string_view s, int& out) {
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
  };
  int y = 0, m = 1;
  if (text.size() == 4) {
    if (!parse_int(text, y)) return std::nullopt;
  } else if (text.size() == 7 && text[4] == '-') {
    if (!parse_int(text.substr(0, 4), y) || !parse_int(text.substr(5, 2), m)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (y < 1800 || y > 2200 || m < 1 || m > 12) return std::nullopt;
  return Month::of(y, m);
}

}  // namespace gangdu
