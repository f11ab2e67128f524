#include "experiments/compare.hpp"

#include <fmt/format.h>

#include <cmath>
#include <sstream>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/ablate.hpp"

namespace gangdu {

std::string Period::label() const { return first == last ? std::to_string(first) : fmt::format("{}-{}", first, last); }

Period parse_period(const std::string& text) {
  const auto bad = [&]() {
    return InputError("--period " + text, 0, 0, "--period", "expected YEAR or FIRST-LAST, e.g. 1949-1957");
  };
  auto year = [&](const std::string& s) {
    if (s.empty() || s.size() > 4 || s.find_first_not_of("0123456789") != std::string::npos) throw bad();
    return std::stoi(s);
  };
  Period p;
  const auto dash = text.find('-');
  if (dash == std::string::npos) {
    p.first = p.last = year(text);
  } else {
    p.first = year(text.substr(0, dash));
    const std::string rest = text.substr(dash + 1);
    p.last = year(rest);
    if (rest.size() == 2) p.last = p.first / 100 * 100 + p.last;  // 1949-57
  }
  if (p.first < 1000 || p.last < p.first) throw bad();
  return p;
}

std::vector<Period> default_compare_periods() { return {{1949, 1957}, {1958, 1964}}; }

CompareArm parse_compare_arm(const std::string& text) {
  CompareArm arm;
  arm.text = text;
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  std::vector<std::string> sets, switches;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    auto value = [&](const std::string& flag) {
      if (w.size() > flag.size() && w[flag.size()] == '=') return w.substr(flag.size() + 1);
      if (i + 1 >= words.size()) throw InputError("'" + text + "'", 0, 0, flag, "expects a value");
      return words[++i];
    };
    if (w == "--set" || w.rfind("--set=", 0) == 0) {
      sets.push_back(value("--set"));
    } else if (w == "--switch" || w.rfind("--switch=", 0) == 0) {
      switches.push_back(value("--switch"));
    } else if (w[0] != '-' && arm.scenario.empty()) {
      arm.scenario = w;
    } else {
      throw InputError("'" + text + "'", 0, 0, w,
                       "an arm takes --set KEY=VALUE, --switch NAME=VALUE and a scenario file");
    }
  }
  arm.overrides = parse_overrides(sets);
  arm.forced = parse_switches(switches);
  return arm;
}

std::vector<CompareRow> compare_series(const std::vector<std::string>& variables, const std::vector<Period>& periods,
                                       size_t runs, const SeriesGet& a, const SeriesGet& b) {
  std::vector<CompareRow> rows;
  if (runs == 0) return rows;
  const double n = static_cast<double>(runs);
  for (const std::string& v : variables) {
    for (const Period& p : periods) {
      // Per run: mean and sum of the annual values of the period (years where both sides have a value).
      std::vector<double> am(runs), bm(runs), as(runs), bs(runs);
      bool ok = true;
      for (size_t r = 0; r < runs && ok; ++r) {
        int years = 0;
        double sa = 0, sb = 0;
        for (int y = p.first; y <= p.last; ++y) {
          const double xa = a(r, v, y), xb = b(r, v, y);
          if (std::isnan(xa) || std::isnan(xb)) continue;
          sa += xa;
          sb += xb;
          ++years;
        }
        ok = years > 0;
        if (!ok) break;
        am[r] = sa / years;
        bm[r] = sb / years;
        as[r] = sa;
        bs[r] = sb;
      }
      if (!ok) continue;
      for (const char* stat : {"mean", "sum"}) {
        const auto& xa = std::string(stat) == "mean" ? am : as;
        const auto& xb = std::string(stat) == "mean" ? bm : bs;
        CompareRow row{v, p.label(), stat};
        double sd = 0, sdd = 0;
        for (size_t r = 0; r < runs; ++r) {
          row.a += xa[r] / n;
          row.b += xb[r] / n;
          const double d = xa[r] - xb[r];
          sd += d;
          sdd += d * d;
        }
        row.difference = sd / n;
        const double var = runs > 1 ? std::max(0.0, (sdd - n * row.difference * row.difference) / (n - 1)) : NAN;
        const double half = runs > 1 ? t_critical_95(static_cast<int>(runs) - 1) * std::sqrt(var / n) : NAN;
        row.ci_low = row.difference - half;
        row.ci_high = row.difference + half;
        row.runs = static_cast<int>(runs);
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

std::string compare_csv(const std::vector<CompareRow>& rows) {
  constexpr int kDigits = 6;  // far finer than the intervals of a few paired runs
  CsvWriter w{"variable", "unit",      "period", "statistic", "a", "b", "difference_a_minus_b",
              "ci95_low", "ci95_high", "runs"};
  for (const CompareRow& r : rows)
    w.row({r.variable, series_unit(r.variable), r.period, r.statistic, CsvCell::number(r.a, kDigits),
           CsvCell::number(r.b, kDigits), CsvCell::number(r.difference, kDigits), CsvCell::number(r.ci_low, kDigits),
           CsvCell::number(r.ci_high, kDigits), r.runs});
  return w.take();
}

}  // namespace gangdu
