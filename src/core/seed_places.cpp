#include "core/seed_places.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>
#include <vector>

#include "core/csv.hpp"
#include "core/embedded.hpp"

namespace gangdu {
namespace {

struct Span {
  int first = 0, last = 0;
  SeedPlace place;
};

const std::vector<Span>& spans() {
  static const std::vector<Span> table = [] {
    std::vector<Span> v;
    const std::string_view text = embedded::find("data/seed/seed_places.csv");
    if (text.empty()) return v;
    const CsvTable t = parse_csv(std::string(text), "<embedded>/data/seed/seed_places.csv");
    const size_t c_first = t.column("first_line"), c_last = t.column("last_line"), c_ch = t.column("chapter"),
                 c_sec = t.column("section"), c_lo = t.column("page_lo"), c_hi = t.column("page_hi");
    for (size_t r = 0; r < t.rows.size(); ++r) {
      Span s{.first = t.integer(r, c_first), .last = t.integer(r, c_last), .place = {}};
      s.place.chapter = t.rows[r][c_ch];
      s.place.section = t.rows[r][c_sec];
      s.place.page_lo = t.integer(r, c_lo);
      s.place.page_hi = t.rows[r][c_hi].empty() ? 0 : t.integer(r, c_hi);
      v.push_back(std::move(s));
    }
    return v;
  }();
  return table;
}

// A heading's short title: up to its first dash or colon when it is long.
std::string short_title(const std::string& s) {
  if (s.size() <= 40) return s;
  for (const char* sep : {"\xE2\x80\x94", ":"}) {  // em dash, colon
    const size_t p = s.find(sep);
    if (p != std::string::npos && p >= 8) return s.substr(0, p);
  }
  return s;
}

}  // namespace

std::optional<SeedPlace> seed_place(int line) {
  const auto& v = spans();
  const auto it = std::upper_bound(v.begin(), v.end(), line, [](int l, const Span& s) { return l < s.first; });
  if (it == v.begin()) return std::nullopt;
  const Span& s = *std::prev(it);
  if (line > s.last) return std::nullopt;
  return s.place;
}

std::string seed_place_text(int first, int last) {
  const auto a = seed_place(first);
  if (!a) return "";
  const auto b = last > first ? seed_place(last) : a;
  int lo = a->page_lo, hi = a->page_hi;
  if (b && b->chapter == a->chapter) hi = b->page_hi == 0 ? 0 : std::max(hi, b->page_hi);
  std::string out = a->chapter;
  if (!a->section.empty()) out += fmt::format(", \u00a7'{}'", short_title(a->section));
  if (hi == 0)
    out += fmt::format(", p. {} or later", lo);
  else if (hi == lo)
    out += fmt::format(", p. {}", lo);
  else
    out += fmt::format(", pp. {}-{}", lo, hi);
  return out;
}

std::string seed_places_of(std::string_view text) {
  std::string out;
  std::set<std::pair<int, int>> seen;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    // "L" + digits, not inside a word ("URL1" or "BL12" are not citations).
    if (text[i] != 'L' || !std::isdigit(static_cast<unsigned char>(text[i + 1]))) continue;
    if (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) continue;
    size_t j = i + 1;
    int first = 0;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) first = first * 10 + (text[j++] - '0');
    int last = first;
    size_t k = j;  // after "-" or an en dash, the range's last line
    if (j < text.size() && text[j] == '-') k = j + 1;
    if (text.substr(j, 3) == "\xE2\x80\x93") k = j + 3;
    if (k > j) {
      int m = 0;
      size_t d = k;
      while (d < text.size() && std::isdigit(static_cast<unsigned char>(text[d]))) m = m * 10 + (text[d++] - '0');
      if (d > k && m >= first) {
        last = m;
        j = d;
      }
    }
    i = j - 1;
    if (!seen.insert({first, last}).second) continue;
    const std::string where = seed_place_text(first, last);
    if (where.empty()) continue;
    if (!out.empty()) out += "; ";
    out += (last > first ? fmt::format("L{}-{}", first, last) : fmt::format("L{}", first)) + ": " + where;
  }
  return out;
}

}  // namespace gangdu
