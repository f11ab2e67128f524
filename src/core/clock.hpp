#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gangdu {

// A calendar month, stored as months since January of year 0 so that
// comparisons and differences are integer operations.
struct Month {
  int32_t index = 0;

  static constexpr Month of(int year, int month) { return Month{year * 12 + (month - 1)}; }
  constexpr int year() const { return index / 12; }
  constexpr int month() const { return index % 12 + 1; }  // 1..12
  constexpr bool is_january() const { return month() == 1; }
  constexpr bool is_december() const { return month() == 12; }
  constexpr Month next() const { return Month{index + 1}; }
  constexpr auto operator<=>(const Month&) const = default;
  std::string str() const;  // "YYYY-MM"
};

// Parses "YYYY-MM" or "YYYY" (January). Returns nullopt on malformed text.
std::optional<Month> parse_month(std::string_view text);

// The simulation clock: a monthly tick from start to end inclusive.
class Clock {
 public:
  Clock(Month start, Month end) : start_(start), end_(end), now_(start) {}
  Month now() const { return now_; }
  Month start() const { return start_; }
  Month end() const { return end_; }
  bool done() const { return now_ > end_; }
  void advance() { now_ = now_.next(); }
  int months_total() const { return end_.index - start_.index + 1; }
  int first_year() const { return start_.year(); }
  int last_year() const { return end_.year(); }

 private:
  Month start_, end_, now_;
};

}  // namespace gangdu
