#include "planning/economy/io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"

namespace gangdu::plan {
namespace {

// A streaming CSV reader (RFC 4180 quoting) for large files: no per-row table
// is kept, only the current row's fields. Every error carries file and line.
class CsvStream {
 public:
  CsvStream(std::string path, bool required) : file_(std::move(path)) {
    std::ifstream in(file_, std::ios::binary);
    if (!in) {
      if (required) throw InputError(file_, 0, 0, "", "cannot open file (missing or unreadable)");
      missing_ = true;
      return;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    text_ = ss.str();
    if (!next_raw(header_)) throw InputError(file_, 1, 1, "", "empty CSV file (no header)");
  }
  bool missing() const { return missing_; }
  const std::string& file() const { return file_; }
  int line() const { return row_line_; }

  // Index of a column; -1 if optional and absent, InputError if required and absent.
  int column(const std::string& name, bool required = true) const {
    for (size_t i = 0; i < header_.size(); ++i)
      if (header_[i] == name) return static_cast<int>(i);
    if (required) throw InputError(file_, 1, 1, name, "missing required column");
    return -1;
  }
  const std::vector<std::string>& header() const { return header_; }

  bool next(std::vector<std::string>& row) {
    if (!next_raw(row)) return false;
    if (row.size() != header_.size())
      throw InputError(file_, row_line_, 1, "",
                       "expected " + std::to_string(header_.size()) + " fields, found " + std::to_string(row.size()));
    return true;
  }

  [[noreturn]] void fail(int col, const std::string& message) const {
    throw InputError(file_, row_line_, col + 1, col >= 0 && col < static_cast<int>(header_.size()) ? header_[col] : "",
                     message);
  }

  static constexpr double kMaxQuantity = 1e15;
  double number(const std::vector<std::string>& row, int col) const {
    const std::string& s = row[col];
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
      fail(col, "expected a number, found '" + s + "'");
    return v;
  }
  // Number >= 0; `unlimited_ok` accepts "", "inf", "unlimited" as infinity.
  double nonnegative(const std::vector<std::string>& row, int col, bool unlimited_ok = false) const {
    const std::string& s = row[col];
    if (unlimited_ok && (s.empty() || s == "inf" || s == "unlimited")) return kUnlimited;
    const double v = number(row, col);
    if (v < 0) fail(col, "must not be negative, found '" + s + "'");
    // assumption: quantities, coefficients and labour above 1e15 are a slip (a 1e308
    // coefficient made CLP stop on numerical errors); no capacity is written "unlimited".
    if (v > kMaxQuantity) fail(col, "value '" + s + "' is above 1e15 (write 'unlimited' for no capacity)");
    return v;
  }

 private:
  bool next_raw(std::vector<std::string>& row) {
    for (;;) {
      if (pos_ >= text_.size()) return false;
      row.clear();
      row_line_ = line_;
      std::string field;
      bool in_quotes = false, started = false;
      while (pos_ < text_.size()) {
        const char c = text_[pos_++];
        if (in_quotes) {
          if (c == '"') {
            if (pos_ < text_.size() && text_[pos_] == '"') {
              field += '"';
              ++pos_;
            } else {
              in_quotes = false;
            }
          } else {
            if (c == '\n') ++line_;
            field += c;
          }
        } else if (c == '"' && field.empty() && !started) {
          in_quotes = started = true;
        } else if (c == ',') {
          row.push_back(std::move(field));
          field.clear();
          started = false;
        } else if (c == '\n') {
          ++line_;
          break;
        } else if (c != '\r') {
          field += c;
          started = true;
        }
      }
      if (in_quotes) throw InputError(file_, row_line_, 1, "", "unterminated quoted field");
      row.push_back(std::move(field));
      if (row.size() == 1 && row[0].empty()) continue;  // blank line
      return true;
    }
  }

  std::string file_, text_;
  std::vector<std::string> header_;
  size_t pos_ = 0;
  int line_ = 1, row_line_ = 1;
  bool missing_ = false;
};

std::string num(double v) {
  if (!std::isfinite(v)) return v > 0 ? "inf" : "nan";
  return fmt::format("{}", v);
}

// A product name or unit goes into plan_summary.json and charts: it must be valid UTF-8
// (fuzz_plan finding: a byte 0xd4 in a name made the JSON writer throw).
bool valid_utf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xe ? 2 : (c >> 3) == 0x1e ? 3 : -1;
    if (n < 0 || (n == 1 && c < 0xc2) || (n == 3 && c > 0xf4) || i + static_cast<size_t>(n) >= s.size())
      return false;
    for (int k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) >> 6) != 0x2) return false;
    if (n == 2) {  // no overlong forms, no surrogates
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f)) return false;
    } else if (n == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 > 0x8f)) return false;
    }
    i += static_cast<size_t>(n) + 1;
  }
  return true;
}
}  // namespace

Economy read_economy(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw InputError(dir, 0, 0, "", "economy directory not found");
  Economy e;
  std::unordered_map<std::string, int32_t> index;
  std::vector<std::string> row;
  {
    CsvStream in(dir + "/products.csv", true);
    const int cp = in.column("product"), cu = in.column("unit", false), cc = in.column("capacity", false),
              cs = in.column("stock", false), cl = in.column("labour", false);
    while (in.next(row)) {
      if (row[cp].empty()) in.fail(cp, "empty product name");
      if (!valid_utf8(row[cp])) in.fail(cp, "product name is not valid UTF-8");
      if (cu >= 0 && !valid_utf8(row[cu])) in.fail(cu, "unit is not valid UTF-8");
      if (!index.emplace(row[cp], static_cast<int32_t>(e.names.size())).second)
        in.fail(cp, "duplicate product '" + row[cp] + "'");
      e.names.push_back(row[cp]);
      e.units.push_back(cu >= 0 ? row[cu] : "unit");
      e.capacity.push_back(cc >= 0 ? in.nonnegative(row, cc, true) : kUnlimited);
      e.stock.push_back(cs >= 0 && !row[cs].empty() ? in.nonnegative(row, cs) : 0.0);
      e.labour.push_back(cl >= 0 && !row[cl].empty() ? in.nonnegative(row, cl) : 0.0);
    }
    if (e.names.empty()) throw InputError(in.file(), 1, 1, "", "no products");
  }
  const int32_t n = e.size();
  auto lookup = [&](CsvStream& in, const std::vector<std::string>& r, int col) {
    auto it = index.find(r[col]);
    if (it == index.end()) in.fail(col, "unknown product '" + r[col] + "' (not in products.csv)");
    return it->second;
  };
  {
    CsvStream in(dir + "/inputs.csv", true);
    const int cp = in.column("product"), ci = in.column("input"), ca = in.column("amount");
    std::vector<Triplet> t;
    while (in.next(row)) {
      const int32_t j = lookup(in, row, cp), i = lookup(in, row, ci);
      const double a = in.nonnegative(row, ca);
      if (i == j && a >= 1.0) in.fail(ca, "a product cannot use one unit or more of itself per unit");
      if (a > 0) t.push_back({i, j, a});
    }
    set_coefficients(e, std::move(t));
  }
  e.target.assign(n, 0.0);
  e.priority.assign(n, 1);
  {
    CsvStream in(dir + "/targets.csv", true);
    const int cp = in.column("product"), ct = in.column("target"), cr = in.column("priority", false);
    std::vector<char> seen(n, 0);
    while (in.next(row)) {
      const int32_t i = lookup(in, row, cp);
      if (seen[i]) in.fail(cp, "duplicate target for '" + row[cp] + "'");
      seen[i] = 1;
      e.target[i] = in.nonnegative(row, ct);
      if (cr >= 0 && !row[cr].empty()) {
        const double p = in.number(row, cr);
        if (p < 1 || p != std::floor(p) || p > 1e6) in.fail(cr, "priority must be an integer >= 1, found '" + row[cr] + "'");
        e.priority[i] = static_cast<int>(p);
      }
    }
  }
  {
    CsvStream in(dir + "/resources.csv", false);
    if (!in.missing()) {
      const int cr = in.column("resource"), ca = in.column("available");
      while (in.next(row)) {
        if (row[cr] != "labour") in.fail(cr, "unknown resource '" + row[cr] + "' (known: labour)");
        e.labour_available = in.nonnegative(row, ca, true);
      }
    }
  }
  try {
    check_economy(e);
  } catch (const std::invalid_argument& ex) {
    throw InputError(dir, 0, 0, "", ex.what());
  }
  return e;
}

void write_economy_files(const Economy& e, const std::string& dir) {
  const int32_t n = e.size();
  auto write = [&](const std::string& name, const fmt::memory_buffer& buf) {
    std::ofstream f(dir + "/" + name, std::ios::binary | std::ios::trunc);
    f.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (!f) throw std::runtime_error("cannot write " + dir + "/" + name);
  };
  fmt::memory_buffer b;
  fmt::format_to(std::back_inserter(b), "product,unit,capacity,stock,labour\n");
  for (int32_t i = 0; i < n; ++i)
    fmt::format_to(std::back_inserter(b), "{},{},{},{},{}\n", csv_field(e.names[i]), csv_field(e.units[i]),
                   std::isfinite(e.capacity[i]) ? num(e.capacity[i]) : std::string(), num(e.stock[i]),
                   num(e.labour[i]));
  write("products.csv", b);
  b.clear();
  fmt::format_to(std::back_inserter(b), "product,input,amount\n");
  for (int32_t j = 0; j < n; ++j)
    for (int64_t k = e.cols.ptr[j]; k < e.cols.ptr[j + 1]; ++k)
      fmt::format_to(std::back_inserter(b), "{},{},{}\n", csv_field(e.names[j]), csv_field(e.names[e.cols.idx[k]]),
                     e.cols.val[k]);
  write("inputs.csv", b);
  b.clear();
  fmt::format_to(std::back_inserter(b), "product,target,priority\n");
  for (int32_t i = 0; i < n; ++i)
    if (e.target[i] > 0) fmt::format_to(std::back_inserter(b), "{},{},{}\n", csv_field(e.names[i]), e.target[i], e.priority[i]);
  write("targets.csv", b);
  b.clear();
  fmt::format_to(std::back_inserter(b), "resource,available\nlabour,{}\n", num(e.labour_available));
  write("resources.csv", b);
}

Economy convert_io_table(const std::string& path, std::string* warnings) {
  const CsvTable t = read_csv_file(path);
  if (t.header.empty() || t.header[0] != "product")
    throw InputError(path, 1, 1, "product", "first column must be 'product'");
  const size_t cf = t.column("final_demand"), cx = t.column("gross_output");
  std::vector<size_t> product_cols;
  Economy e;
  std::unordered_map<std::string, int32_t> col_of;
  for (size_t c = 1; c < t.header.size(); ++c) {
    if (c == cf || c == cx) continue;
    if (!valid_utf8(t.header[c]))
      throw InputError(path, 1, static_cast<int>(c) + 1, "product", "product column name is not valid UTF-8");
    if (!col_of.emplace(t.header[c], static_cast<int32_t>(e.names.size())).second)
      throw InputError(path, 1, static_cast<int>(c) + 1, t.header[c], "duplicate product column");
    e.names.push_back(t.header[c]);
    product_cols.push_back(c);
  }
  const int32_t n = e.size();
  if (n == 0) throw InputError(path, 1, 1, "", "no product columns");
  init_products(e, n);
  std::vector<int> row_of(n, -1);
  int labour_row = -1;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const std::string& name = t.rows[r][0];
    if (name == "labour") {
      if (labour_row >= 0) throw InputError(path, t.lines[r], 1, "product", "duplicate labour row");
      labour_row = static_cast<int>(r);
      continue;
    }
    auto it = col_of.find(name);
    if (it == col_of.end())
      throw InputError(path, t.lines[r], 1, "product", "row '" + name + "' has no matching product column");
    if (row_of[it->second] >= 0) throw InputError(path, t.lines[r], 1, "product", "duplicate row for '" + name + "'");
    row_of[it->second] = static_cast<int>(r);
  }
  for (int32_t i = 0; i < n; ++i)
    if (row_of[i] < 0) throw InputError(path, 1, static_cast<int>(product_cols[i]) + 1, e.names[i], "product column has no row");
  std::vector<double> gross(n);
  for (int32_t i = 0; i < n; ++i) {
    gross[i] = t.number(row_of[i], cx);
    if (gross[i] < 0) throw InputError(path, t.lines[row_of[i]], static_cast<int>(cx) + 1, "gross_output", "negative gross output");
  }
  std::vector<Triplet> trip;
  std::string warn;
  for (int32_t i = 0; i < n; ++i) {
    const size_t r = row_of[i];
    double used = 0;
    for (int32_t j = 0; j < n; ++j) {
      const double z = t.number(r, product_cols[j]);
      if (z < 0) throw InputError(path, t.lines[r], static_cast<int>(product_cols[j]) + 1, e.names[j], "negative flow");
      used += z;
      if (z == 0) continue;
      if (gross[j] <= 0)
        throw InputError(path, t.lines[row_of[j]], static_cast<int>(cx) + 1, "gross_output",
                         "product '" + e.names[j] + "' uses inputs but has zero gross output");
      trip.push_back({i, j, z / gross[j]});
    }
    double f = t.number(r, cf);
    used += f;
    if (f < 0) {
      warn += fmt::format("{}:{}: final demand of '{}' is negative ({}); target set to 0\n", path, t.lines[r], e.names[i], f);
      f = 0;
    }
    e.target[i] = f;
    if (std::abs(used - gross[i]) > 0.01 * std::max(1.0, std::abs(gross[i])))
      warn += fmt::format("{}:{}: uses of '{}' add to {} but gross output is {}\n", path, t.lines[r], e.names[i], used,
                          gross[i]);
  }
  if (labour_row >= 0)
    for (int32_t j = 0; j < n; ++j) {
      const double l = t.number(labour_row, product_cols[j]);
      if (l < 0) throw InputError(path, t.lines[labour_row], static_cast<int>(product_cols[j]) + 1, e.names[j], "negative labour");
      e.labour[j] = gross[j] > 0 ? l / gross[j] : 0.0;
    }
  set_coefficients(e, std::move(trip));
  check_economy(e);
  if (warnings) *warnings = warn;
  return e;
}

Economy generate_economy(const GenerateOptions& o) {
  if (o.products < 1) throw std::invalid_argument("generate: products must be >= 1");
  if (o.priorities < 1) throw std::invalid_argument("generate: priorities must be >= 1");
  const int32_t n = o.products;
  const uint64_t key = rng::key(o.seed, rng::StreamId::kEconomy);
  auto u = [&](uint64_t j, uint64_t slot) { return rng::uniform(key, 0, j, slot); };
  Economy e;
  init_products(e, n);
  const double lnn = std::max(1.0, std::log(static_cast<double>(n)));
  const int32_t core = std::max<int32_t>(1, static_cast<int32_t>(std::ceil(std::sqrt(static_cast<double>(n)))));
  std::vector<Triplet> t;
  t.reserve(static_cast<size_t>(n * lnn * 1.05) + 16);
  std::vector<Triplet> col;
  // Slots: 0..2 per-product scalars; 8 + 3*t.. per input draw.
  for (int32_t j = 0; j < n; ++j) {
    const int k = std::min<int>(n, 1 + static_cast<int>(2.0 * (lnn - 1.0) * u(j, 0)));  // mean ~ ln n
    col.clear();
    double wsum = 0;
    for (int r = 0; r < k; ++r) {
      const double a = u(j, 8 + 3 * r), b = u(j, 9 + 3 * r), c = u(j, 10 + 3 * r);
      // assumption: half the inputs come from a skewed core of basic products (energy, metals)
      const int32_t i = a < 0.5 ? static_cast<int32_t>(core * b * b) : static_cast<int32_t>(n * b);
      const double w = 0.1 + c;
      wsum += w;
      col.push_back({std::min(i, n - 1), j, w});
    }
    const double colsum = 0.2 + 0.5 * u(j, 1);  // assumption: material intensity 0.2-0.7 per unit
    for (auto& x : col) x.value *= colsum / wsum;
    std::sort(col.begin(), col.end(), [](const Triplet& p, const Triplet& q) { return p.row < q.row; });
    t.insert(t.end(), col.begin(), col.end());
    e.labour[j] = 0.05 + 0.45 * u(j, 2);  // assumption: labour per unit 0.05-0.5
    if (u(j, 3) < 0.6) {                  // assumption: 60% of products reach final use
      e.target[j] = std::pow(10.0, 3.0 * u(j, 4));
      e.priority[j] = 1 + static_cast<int>(o.priorities * u(j, 5));
    }
  }
  set_coefficients(e, std::move(t));
  if (o.tightness > 0 || o.labour_slack >= 0) {
    std::vector<double> x;
    leontief_solve(e, e.target, x, 1e-10, 10000);
    if (o.tightness > 0)
      for (int32_t i = 0; i < n; ++i) e.capacity[i] = x[i] * (1.0 + o.tightness * (2.0 * u(i, 6) - 1.0));
    if (o.labour_slack >= 0) {
      double lab = 0;
      for (int32_t i = 0; i < n; ++i) lab += e.labour[i] * x[i];
      e.labour_available = (1.0 + o.labour_slack) * lab;
    }
  }
  check_economy(e);
  return e;
}

std::string plan_csv(const Economy& e, const PlanResult& r) {
  fmt::memory_buffer b;
  fmt::format_to(std::back_inserter(b),
                 "product,unit,target,priority,gross_output,delivered,fulfilment,capacity,capacity_binding,price,"
                 "capacity_price\n");
  for (int32_t i = 0; i < e.size(); ++i) {
    const bool binding = std::binary_search(r.binding.begin(), r.binding.end(), i);
    fmt::format_to(std::back_inserter(b), "{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(e.names[i]),
                   csv_field(e.units[i]), e.target[i], e.priority[i], r.gross[i], r.delivered[i], r.fulfilment[i],
                   std::isfinite(e.capacity[i]) ? num(e.capacity[i]) : std::string(), binding ? 1 : 0,
                   r.price.empty() ? std::string() : num(r.price[i]),
                   r.capacity_price.empty() ? std::string() : num(r.capacity_price[i]));
  }
  return std::string(b.data(), b.size());
}

std::string plan_summary_json(const Economy& e, const PlanResult& r) {
  nlohmann::json j;
  j["method"] = method_name(r.method);
  j["status"] = r.status;
  j["products"] = e.size();
  j["nonzeros"] = e.nnz();
  j["feasible"] = r.feasible;
  j["theta"] = r.theta;
  double tsum = 0, fsum = 0;
  for (int32_t i = 0; i < e.size(); ++i) {
    tsum += e.target[i];
    fsum += std::min(r.delivered[i], e.target[i]);
  }
  j["fulfilment_min"] = r.theta;
  j["fulfilment_of_total_target"] = tsum > 0 ? fsum / tsum : 1.0;
  j["labour_used"] = r.labour_used;
  j["labour_available"] = std::isfinite(e.labour_available) ? nlohmann::json(e.labour_available) : nlohmann::json("unlimited");
  j["labour_binding"] = r.labour_binding;
  j["labour_price"] = r.labour_price;
  auto names = [&](const std::vector<int32_t>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (size_t k = 0; k < v.size() && k < 100; ++k) a.push_back(e.names[v[k]]);
    return a;
  };
  j["binding_capacities"] = r.binding.size();
  j["binding_capacities_first_100"] = names(r.binding);
  j["over_capacity"] = r.over_capacity.size();
  j["over_capacity_first_100"] = names(r.over_capacity);
  if (!r.class_fraction.empty()) j["class_fraction"] = r.class_fraction;
  j["residual"] = r.residual;
  j["iterations"] = r.iterations;
  j["seconds"] = r.seconds;
  return j.dump(2) + "\n";
}

}  // namespace gangdu::plan
