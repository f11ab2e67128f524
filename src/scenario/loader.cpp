// Scenario loader: TOML -> checked Scenario. Every error names the file, the
// line and column, and the dotted key.
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
#include "people/population.hpp"
#include "scenario/merged.hpp"
#include "scenario/scenario.hpp"

namespace gangdu {
namespace {

// The shortest text that reads back as v (1e+300, 0.05, 9007199254740992).
std::string shortest_number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

Location where_of(const toml::node& n) {
  const auto& s = n.source();
  return {static_cast<int>(s.begin.line), static_cast<int>(s.begin.column)};
}

// Reads one TOML table against a schema: typed getters mark keys as used;
// finish() rejects the keys nobody asked for.
class Reader {
 public:
  Reader(const toml::table& t, std::string path, const std::string& file, Location fallback = {})
      : t_(t), path_(std::move(path)), file_(file), fallback_(fallback) {}

  std::string key(const std::string& k) const { return path_.empty() ? k : path_ + "." + k; }

  [[noreturn]] void fail(const toml::node* n, const std::string& k, const std::string& msg) const {
    const toml::node& at = n ? *n : static_cast<const toml::node&>(t_);
    Location l = where_of(at);
    if (l.line == 0) l = fallback_;
    // A node inherited through `extends` is reported in the file it came from.
    const auto& path = at.source().path;
    throw InputError(path && !path->empty() ? *path : file_, l.line, l.column, key(k), msg);
  }

  const toml::node* get(const std::string& k) {
    used_.insert(k);
    return t_.get(k);
  }
  const toml::node& need(const std::string& k) {
    const toml::node* n = get(k);
    if (!n) fail(nullptr, k, "missing required key");
    return *n;
  }
  bool has(const std::string& k) const { return t_.contains(k); }

  bool boolean_or(const std::string& k, bool dflt) {
    if (!has(k)) return (get(k), dflt);
    const toml::node& n = need(k);
    if (!n.is_boolean()) fail(&n, k, std::string("expected true or false, found ") + type_name(n));
    return n.as_boolean()->get();
  }

  std::string str(const std::string& k) {
    const toml::node& n = need(k);
    if (!n.is_string()) fail(&n, k, std::string("expected a string, found ") + type_name(n));
    const std::string& v = n.as_string()->get();
    // Control characters have no use in names, sources or notes, and toml++'s
    // printer can misrender strings holding them, which would corrupt the
    // canonical text behind the scenario hash (fuzz_overrides finding).
    for (unsigned char c : v)
      if ((c < 0x20 && c != '\t') || c == 0x7F) fail(&n, k, "control character in a string");
    return v;
  }
  std::string str_or(const std::string& k, const std::string& dflt) { return has(k) ? str(k) : (get(k), dflt); }

  std::vector<std::string> str_list(const std::string& k) {
    const toml::node& n = need(k);
    const toml::array* a = n.as_array();
    if (!a) fail(&n, k, std::string("expected an array of strings, found ") + type_name(n));
    std::vector<std::string> out;
    for (const toml::node& e : *a) {
      if (!e.is_string()) fail(&e, k, std::string("expected a string, found ") + type_name(e));
      out.push_back(e.as_string()->get());
    }
    if (out.empty()) fail(&n, k, "empty list");
    return out;
  }

  double num(const std::string& k, double lo, double hi) {
    const toml::node& n = need(k);
    return num_of(n, k, lo, hi);
  }
  // A number, exactly: an integer is read as an integer (toml++ would give no
  // double for one above 2^53, which used to become 0 and pass every range
  // check); a float must be finite. Both are range-checked before use.
  double num_of(const toml::node& n, const std::string& k, double lo, double hi) const {
    if (!n.is_number()) fail(&n, k, std::string("expected a number, found ") + type_name(n));
    if (const auto* i = n.as_integer()) {
      const int64_t v = i->get();
      if (v > kMaxExactInt || v < -kMaxExactInt || !(static_cast<double>(v) >= lo && static_cast<double>(v) <= hi))
        fail(&n, k, "value " + std::to_string(v) + " is out of range [" + fmt_num(lo) + ", " + fmt_num(hi) + "]");
      return static_cast<double>(v);
    }
    const double v = n.as_floating_point()->get();
    if (!(v >= lo && v <= hi))
      fail(&n, k, "value " + fmt_num(v) + " is out of range [" + fmt_num(lo) + ", " + fmt_num(hi) + "]");
    return v;
  }
  // A count (persons, months, a year): a whole number in [lo, hi]; 3000.5 is refused, 3000.0 accepted.
  double count(const std::string& k, double lo, double hi) {
    const toml::node& n = need(k);
    const double v = num_of(n, k, lo, hi);
    if (v != std::floor(v)) fail(&n, k, "value " + fmt_num(v) + " is not a whole number (a count is meant)");
    return v;
  }
  // The seed: an integer in [0, 2^63 - 1], exact (a TOML integer is 64-bit signed).
  uint64_t seed(const std::string& k) {
    const toml::node& n = need(k);
    if (const auto* i = n.as_integer()) {
      if (i->get() < 0) fail(&n, k, "a seed must be 0 or more, found " + std::to_string(i->get()));
      return static_cast<uint64_t>(i->get());
    }
    if (n.is_floating_point())
      fail(&n, k,
           "expected an integer seed (0 to 9223372036854775807), found the number " +
               fmt_num(n.as_floating_point()->get()));
    fail(&n, k, std::string("expected a number (an integer seed), found ") + type_name(n));
  }

  Month month(const std::string& k) {
    const toml::node& n = need(k);
    if (!n.is_string()) fail(&n, k, std::string("expected a date string \"YYYY-MM\", found ") + type_name(n));
    auto m = parse_month(n.as_string()->get());
    if (!m) fail(&n, k, "malformed date '" + n.as_string()->get() + "' (expected \"YYYY-MM\")");
    return *m;
  }

  // A parameter is { value = <number>, source = "<seed line or assumption: ...>" }.
  Param param(const std::string& k, double lo, double hi) {
    const toml::node& n = need(k);
    return param_of(n, k, lo, hi);
  }
  Param param_of(const toml::node& n, const std::string& k, double lo, double hi) const {
    const toml::table* pt = n.as_table();
    if (!pt) fail(&n, k, "expected { value = <number>, source = \"...\" }");
    Reader r(*pt, key(k), file_, where_of(n));
    Param p;
    p.value = r.num("value", lo, hi);
    p.source = r.str("source");
    if (p.source.empty()) r.fail(pt->get("source"), "source", "a source is required (seed line or \"assumption: ...\")");
    r.finish();
    return p;
  }

  const toml::table& table() const { return t_; }
  const std::string& file() const { return file_; }

  void finish() const {
    for (auto&& [k, v] : t_) {
      if (!used_.count(std::string(k.str())))
        throw InputError(file_, static_cast<int>(k.source().begin.line), static_cast<int>(k.source().begin.column),
                         key(std::string(k.str())), "unknown key");
    }
  }
  void mark_used(const std::string& k) { used_.insert(k); }

  static const char* type_name(const toml::node& n) {
    switch (n.type()) {
      case toml::node_type::string: return "a string";
      case toml::node_type::integer: return "an integer";
      case toml::node_type::floating_point: return "a number";
      case toml::node_type::boolean: return "a boolean";
      case toml::node_type::table: return "a table";
      case toml::node_type::array: return "an array";
      default: return "a date/time";
    }
  }
  static std::string fmt_num(double v) { return shortest_number(v); }
  static constexpr int64_t kMaxExactInt = int64_t{1} << 53;  // every integer up to 2^53 is exact in a double

 private:
  const toml::table& t_;
  std::string path_;
  const std::string& file_;
  Location fallback_;
  std::set<std::string> used_;
};

// Who a campaign selects and what it does to them (issue 22; regimes/campaigns.cpp).
void read_campaign_selection(Reader& r, CampaignSpec& c) {
  c.switch_param = r.str_or("switch", "");
  if (!c.switch_param.empty() && !find_param_def(c.switch_param))
    r.fail(r.table().get("switch"), "switch", "unregistered parameter '" + c.switch_param + "'");
  const std::string scope = r.str_or("scope", "angang");
  static const char* kScopes[] = {"city", "angang", "works", "construction"};
  int sc = -1;
  for (int i = 0; i < 4; ++i)
    if (scope == kScopes[i]) sc = i;
  if (sc < 0) r.fail(r.table().get("scope"), "scope", "unknown scope '" + scope + "' (one of: city, angang, works, construction)");
  c.scope = static_cast<uint8_t>(sc);
  if (r.has("labels"))
    for (const std::string& l : r.str_list("labels")) {
      const int b = parse_class_label(l);
      if (b < 0) r.fail(r.table().get("labels"), "labels", "unknown class label '" + l + "'");
      c.label_mask |= 1u << b;
    }
  else
    (void)r.get("labels");
  if (r.has("positions"))
    for (const std::string& p : r.str_list("positions")) {
      static const char* kOcc[] = {"", "production", "technician", "staff"};
      int b = -1;
      for (int i = 1; i < 4; ++i)
        if (p == kOcc[i]) b = i;
      if (b < 0) r.fail(r.table().get("positions"), "positions", "unknown position '" + p + "' (production, technician, staff)");
      c.position_mask |= 1u << b;
    }
  else
    (void)r.get("positions");
  // position_weights = { technician = 1, staff = 0.5, production = 0.02, none = 0.02 }: the weight
  // of each occupation (Occupation order; one left out weighs 0), instead of `positions`.
  if (const toml::node* n = r.get("position_weights")) {
    if (r.has("positions")) r.fail(n, "position_weights", "give either positions or position_weights, not both");
    const toml::table* t = n->as_table();
    if (!t)
      r.fail(
          n, "position_weights",
          std::string("expected a table { technician = <weight>, staff = ..., production = ..., none = ... }, found ") +
              Reader::type_name(*n));
    Reader pr(*t, r.key("position_weights"), r.file(), where_of(*n));
    static const char* kOcc[] = {"none", "production", "technician", "staff"};
    double sum = 0;
    for (int i = 0; i < 4; ++i) {
      c.position_weight[i] = pr.has(kOcc[i]) ? pr.num(kOcc[i], 0, 1) : (pr.get(kOcc[i]), 0.0);
      sum += c.position_weight[i];
    }
    pr.finish();  // a position other than none, production, technician, staff is an unknown key
    if (!(sum > 0)) r.fail(n, "position_weights", "every position weighs 0: the campaign could select nobody");
    c.weighted_positions = true;
  }
  c.cautious = r.boolean_or("cautious", false);
  c.informers = r.boolean_or("informers", false);
  c.reports = r.has("reports") ? r.num("reports", 0, 1000) : (r.get("reports"), 0.0);
  const std::string as = r.str_or("label_as", "");
  if (!as.empty()) {
    c.label_as = parse_class_label(as);
    if (c.label_as < 0) r.fail(r.table().get("label_as"), "label_as", "unknown class label '" + as + "'");
  }
  auto share = [&](const char* k) { return r.has(k) ? r.num(k, 0, 1) : (r.get(k), 0.0); };
  c.label_share = r.has("label_share") ? r.num("label_share", 0, 1) : (r.get("label_share"), 1.0);
  c.killed_share = share("killed_share");
  c.dismissed_share = share("dismissed_share");
  c.demoted_share = share("demoted_share");
  if (c.killed_share + c.dismissed_share + c.demoted_share > 1 + 1e-9)
    r.fail(r.table().get("demoted_share"), "demoted_share", "killed, dismissed and demoted shares add up to more than 1");
}

// Iterates an array of tables (e.g. [[facility]]), calling f(Reader&, index).
template <class F>
void each_table(Reader& parent, const std::string& k, F&& f) {
  const toml::node* n = parent.get(k);
  if (!n) return;
  const toml::array* arr = n->as_array();
  if (!arr) parent.fail(n, k, "expected an array of tables ([[" + k + "]])");
  for (size_t i = 0; i < arr->size(); ++i) {
    const toml::node& e = (*arr)[i];
    const toml::table* t = e.as_table();
    if (!t) parent.fail(&e, k, "expected a table");
    Reader r(*t, parent.key(k) + "[" + std::to_string(i) + "]", parent.file(), where_of(e));
    f(r, i);
    r.finish();
  }
}

EventKind parse_event_kind(Reader& r, const std::string& k) {
  const std::string s = r.str(k);
  static const std::pair<const char*, EventKind> kinds[] = {
      {"facility_damage", EventKind::kFacilityDamage}, {"facility_repair", EventKind::kFacilityRepair},
      {"facility_idle", EventKind::kFacilityIdle},     {"facility_restart", EventKind::kFacilityRestart},
      {"repatriate", EventKind::kRepatriate},          {"send_back", EventKind::kSendBack},
      {"set_param", EventKind::kSetParam},             {"transfer_out", EventKind::kTransferOut},
      {"removal", EventKind::kRemoval},
  };
  for (auto& [name, kind] : kinds)
    if (s == name) return kind;
  std::string all;
  for (auto& [name, kind] : kinds) all += std::string(all.empty() ? "" : ", ") + name;
  r.fail(r.table().get(k), k, "unknown event kind '" + s + "' (one of: " + all + ")");
}

// --- non-ASCII text before toml++ ---------------------------------------------
// toml++ 3.3.0 (Debian 12) reaches __builtin_unreachable, i.e. undefined
// behaviour, in is_non_ascii_horizontal_whitespace() for code points such as
// U+00A1-U+0499, U+2C2E-U+3027 and U+FBF6-U+FEFE when it meets them in a key,
// a table header or right after a bare key (found by fuzz/fuzz_scenario; see
// docs/reliability.md). TOML allows non-ASCII text only in strings and
// comments, so the parser is given ASCII only: non-ASCII code points in strings
// become \uXXXX escapes (the same value; literal strings holding any become
// basic strings), in comments spaces; anywhere else they are an InputError.
// Line numbers are kept; columns after an escape on the same line shift.

// Decodes the UTF-8 sequence at text[i]; returns its length (0 if invalid).
size_t utf8_decode(const std::string& text, size_t i, uint32_t& cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = b(i);
  const size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool is_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// --- nesting depth before toml++ ----------------------------------------------
// toml++ parses dotted keys and table headers recursively without a limit, so
// `a.a.a. ... = 1` with 100000 parts overflows the stack (arrays and inline
// tables it caps at 256). The text is scanned first: the depth a value would
// sit at -- the current table header's parts, plus the enclosing arrays and
// inline tables, plus the parts of the keys leading to them -- may not exceed
// kMaxNesting. Real scenarios stay below 10.
constexpr int kMaxNesting = 64;

class NestingCheck {
 public:
  // Called for each character outside strings and comments (and for '\n').
  // Returns false when the nesting limit is exceeded.
  bool step(char c) {
    switch (c) {
      case '.':
        ++dots_;
        break;
      case '=':
        pending_ = dots_ + 1;
        dots_ = 0;
        if (stack_.empty()) value_ = true;
        break;
      case ',':
        dots_ = pending_ = 0;
        break;
      case '[':
      case '{':
        if (stack_.empty() && !value_) header_open_ = true;
        stack_.push_back(header_open_ ? 1 : pending_ + dots_ + 1);
        sum_ += stack_.back();
        dots_ = pending_ = 0;
        break;
      case ']':
      case '}':
        if (!stack_.empty()) {
          sum_ -= stack_.back();
          stack_.pop_back();
        }
        if (header_open_ && stack_.empty()) {
          header_ = dots_ + 1;
          header_open_ = false;
        }
        if (!header_open_) dots_ = 0;
        pending_ = 0;
        break;
      case '\n':
        if (stack_.empty()) {
          value_ = header_open_ = false;
          dots_ = pending_ = 0;
        }
        break;
      default:
        break;
    }
    return header_ + sum_ + pending_ + dots_ <= kMaxNesting;
  }

 private:
  std::vector<int> stack_;  // what each open array / inline table adds to the depth
  int sum_ = 0, header_ = 0, dots_ = 0, pending_ = 0;
  bool value_ = false, header_open_ = false;
};

std::string ascii_for_toml(const std::string& text, const std::string& file) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  int line = 1;
  size_t line_start = 0;
  auto fail = [&](size_t i, const std::string& msg) {
    throw InputError(file, line, static_cast<int>(i - line_start) + 1, "", msg);
  };
  // Appends the non-ASCII code point at text[i] as an escape; returns its length.
  auto escape_at = [&](size_t i) {
    uint32_t cp = 0;
    const size_t n = utf8_decode(text, i, cp);
    if (n == 0) fail(i, "invalid UTF-8");
    char buf[16];
    std::snprintf(buf, sizeof buf, cp > 0xFFFF ? "\\U%08X" : "\\u%04X", static_cast<unsigned>(cp));
    out += buf;
    return n;
  };
  // A literal string starting at text[i] with a delimiter of d quotes: copied
  // as is if ASCII, else rewritten as a basic string with escapes. Returns the
  // index after it.
  auto literal = [&](size_t i, size_t d) {
    size_t end;
    bool closed;
    if (d == 1) {
      end = text.find_first_of("'\n", i + 1);
      if (end == std::string::npos) end = text.size();
      closed = end < text.size() && text[end] == '\'';
    } else {
      end = text.find(std::string(3, '\''), i + 3);
      closed = end != std::string::npos;
      if (!closed) end = text.size();
    }
    const size_t stop = end + (closed ? d : 0);
    if (is_ascii(text.substr(i, end - i))) {
      out.append(text, i, stop - i);
      for (size_t k = i; k < stop; ++k)
        if (text[k] == '\n') {
          ++line;
          line_start = k + 1;
        }
      return stop;
    }
    const std::string q(d, '"');
    out += q;
    for (size_t k = i + d; k < end;) {
      const char c = text[k];
      if (static_cast<unsigned char>(c) >= 0x80) {
        k += escape_at(k);
        continue;
      }
      if (c == '\\' || c == '"') out += '\\';
      out += c;
      if (c == '\n') {
        ++line;
        line_start = k + 1;
      }
      ++k;
    }
    if (closed) out += q;
    return stop;
  };
  enum class St { kNormal, kComment, kBasic, kMlBasic } st = St::kNormal;
  NestingCheck nesting;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    const bool ascii = static_cast<unsigned char>(c) < 0x80;
    if (c == '\n') {
      if (st != St::kMlBasic) nesting.step(c);
      out += c;
      ++i;
      ++line;
      line_start = i;
      if (st == St::kComment || st == St::kBasic) st = St::kNormal;
      continue;
    }
    switch (st) {
      case St::kNormal:
        if (!ascii) fail(i, "non-ASCII character outside a string or comment");
        if (!nesting.step(c))
          fail(i, "nested too deeply (more than " + std::to_string(kMaxNesting) +
                      " levels of dotted keys, table headers, arrays and inline tables)");
        if (c == '#') {
          st = St::kComment;
        } else if (c == '"') {
          const bool ml = text.compare(i, 3, "\"\"\"") == 0;
          st = ml ? St::kMlBasic : St::kBasic;
          out.append(ml ? 3 : 1, '"');
          i += ml ? 3 : 1;
          continue;
        } else if (c == '\'') {
          i = literal(i, text.compare(i, 3, std::string(3, '\'')) == 0 ? 3 : 1);
          continue;
        }
        out += c;
        ++i;
        break;
      case St::kComment:
        if (ascii) {
          out += c;
          ++i;
        } else {
          uint32_t cp = 0;
          const size_t n = utf8_decode(text, i, cp);
          if (n == 0) fail(i, "invalid UTF-8");
          out += ' ';
          i += n;
        }
        break;
      case St::kBasic:
      case St::kMlBasic:
        if (!ascii) {
          i += escape_at(i);
        } else if (c == '\\') {
          out += c;
          ++i;
          if (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80) fail(i, "invalid escape sequence");
          if (i < text.size() && text[i] != '\n') out += text[i++];
        } else if (st == St::kBasic && c == '"') {
          out += c;
          ++i;
          st = St::kNormal;
        } else if (st == St::kMlBasic && text.compare(i, 3, "\"\"\"") == 0) {
          while (i < text.size() && text[i] == '"') out += text[i++];  // closing quotes (and up to two content quotes)
          st = St::kNormal;
        } else {
          out += c;
          ++i;
        }
        break;
    }
  }
  return out;
}

// --- overrides (--set key=value) -------------------------------------------

toml::node* resolve_segment(toml::node* cur, const std::string& seg) {
  if (auto* t = cur->as_table()) return t->get(seg);
  if (auto* a = cur->as_array()) {
    for (auto& e : *a)
      if (auto* et = e.as_table())
        if (auto id = et->get("id"); id && id->is_string() && id->as_string()->get() == seg) return &e;
  }
  return nullptr;
}

void apply_override(toml::table& root, const Override& o, const std::string& file) {
  const std::string where = "--set " + o.key + "=" + o.value;
  std::vector<std::string> segs;
  std::stringstream ss(o.key);
  for (std::string s; std::getline(ss, s, '.');) segs.push_back(s);
  if (segs.empty() || o.key.empty()) throw InputError(where, 0, 0, o.key, "empty key");
  toml::node* cur = &root;
  for (size_t i = 0; i + 1 < segs.size(); ++i) {
    toml::node* next = resolve_segment(cur, segs[i]);
    if (!next)
      throw InputError(where, 0, 0, o.key, "no such key '" + segs[i] + "' in " + file + " (arrays are addressed by id)");
    cur = next;
  }
  toml::table* parent = cur->as_table();
  if (!parent) throw InputError(where, 0, 0, o.key, "cannot set a key inside a non-table");
  // Parse the value as TOML; fall back to a plain string, except where a
  // number is meant (a parameter or a numeric key): there a value that is not
  // one is refused here, with the text the user typed.
  const std::string& last = segs.back();
  toml::node* existing = parent->get(last);
  const bool numeric =
      (existing && (existing->is_number() || (existing->is_table() && existing->as_table()->contains("value")))) ||
      (!existing && find_param_def(last));
  toml::table parsed;
  auto not_toml = [&](const std::string& why) {
    if (!numeric) {
      parsed.insert("v", o.value);
      return;
    }
    errno = 0;
    char* end = nullptr;
    const double d = std::strtod(o.value.c_str(), &end);
    const bool number_text = !o.value.empty() && end && *end == '\0';
    throw InputError(where, 0, 0, o.key,
                     number_text && (errno == ERANGE || std::isinf(d))
                         ? "value '" + o.value + "' is outside the range of a double"
                         : "value '" + o.value + "' is not a number (" + why + ")");
  };
  try {
    parsed = toml::parse(ascii_for_toml("v = " + o.value, where));
  } catch (const toml::parse_error& e) {
    not_toml(std::string(e.description()));
  } catch (const InputError& e) {
    // too deep a value is refused outright (it is no plain string either)
    if (e.message().rfind("nested too deeply", 0) == 0)
      throw InputError(where, e.line(), e.column(), o.key, e.message());
    not_toml(e.what());
  }
  // A plain-string value goes into the tree unparsed: it must be valid UTF-8
  // (toml++ misprints invalid sequences into the canonical text; fuzz_overrides finding).
  for (size_t i = 0; i < o.value.size();) {
    uint32_t cp = 0;
    const size_t n = static_cast<unsigned char>(o.value[i]) < 0x80 ? 1 : utf8_decode(o.value, i, cp);
    if (n == 0) throw InputError(where, 0, 0, o.key, "invalid UTF-8 in the value");
    i += n;
  }
  toml::node* newval = parsed.get("v");
  if (existing && existing->is_table() && existing->as_table()->contains("value")) {
    auto* pt = existing->as_table();
    pt->insert_or_assign("value", *newval);
    const std::string src = pt->get("source") && pt->get("source")->is_string() ? pt->get("source")->as_string()->get() : "";
    pt->insert_or_assign("source", "override (" + where + "); scenario source: " + src);
    return;
  }
  if (!existing && find_param_def(last)) {
    toml::table p;
    p.insert("value", *newval);
    p.insert("source", "override (" + where + ")");
    parent->insert_or_assign(last, std::move(p));
    return;
  }
  if (!existing) throw InputError(where, 0, 0, o.key, "no such key in " + file);
  parent->insert_or_assign(last, *newval);
}

// --- the process chain ([[process]]) ---------------------------------------

void parse_processes(Reader& top, Scenario& sc) {
  std::set<std::string> pids;
  std::vector<std::pair<std::string, Location>> input_refs;  // product, where (checked once all are read)
  std::vector<const toml::node*> input_nodes;
  each_table(top, "process", [&](Reader& r, size_t) {
    ProcessSpec p;
    p.where = where_of(r.table());
    p.id = r.str("id");
    if (!pids.insert(p.id).second) r.fail(r.table().get("id"), "id", "duplicate process id '" + p.id + "'");
    p.name = r.str("name");
    p.product = r.str("product");
    p.unit = r.str_or("unit", "t");
    if (r.has("stage")) {
      const std::string st = r.str("stage");
      auto s = parse_stage(st);
      if (!s) r.fail(r.table().get("stage"), "stage", "unknown stage '" + st + "' (one of: ore, pig_iron, steel, rolled)");
      p.stage = *s;
      p.reports = true;
    }
    p.supply_param = r.str_or("supply_param", "");
    if (!p.supply_param.empty() && !find_param_def(p.supply_param))
      r.fail(r.table().get("supply_param"), "supply_param", "unknown parameter '" + p.supply_param + "'");
    p.outside_demand_param = r.str_or("outside_demand_param", "");
    if (!p.outside_demand_param.empty() && !find_param_def(p.outside_demand_param))
      r.fail(r.table().get("outside_demand_param"), "outside_demand_param",
             "unknown parameter '" + p.outside_demand_param + "'");
    if (!p.outside_demand_param.empty() && !p.supply_param.empty())
      r.fail(r.table().get("outside_demand_param"), "outside_demand_param",
             "an outside supply cannot also be sold outside (remove supply_param or outside_demand_param)");
    if (p.supply_param.empty()) {
      p.machine_t_per_kt = r.param("machine_t_per_kt", 0, 1e4);
      p.essential_items = r.param("essential_items", 1, 100);
    } else {
      p.essential_items.value = 1;
    }
    if (r.has("inputs")) {
      const toml::node* n = r.get("inputs");
      const toml::array* a = n->as_array();
      if (!a) r.fail(n, "inputs", "expected an array of { product, per_t, source } tables");
      for (size_t i = 0; i < a->size(); ++i) {
        const toml::node& e = (*a)[i];
        const toml::table* t = e.as_table();
        if (!t) r.fail(&e, "inputs", "expected a { product, per_t, source } table");
        Reader ir(*t, r.key("inputs") + "[" + std::to_string(i) + "]", r.file(), where_of(e));
        InputSpec in;
        in.product = ir.str("product");
        in.per_t.value = ir.num("per_t", 1e-9, 1e4);
        in.per_t.source = ir.str("source");
        if (in.per_t.source.empty()) ir.fail(t->get("source"), "source", "a source is required (seed line or \"assumption: ...\")");
        in.share_param = ir.str_or("share_param", "");
        if (!in.share_param.empty() && !find_param_def(in.share_param))
          ir.fail(t->get("share_param"), "share_param", "unknown parameter '" + in.share_param + "'");
        ir.finish();
        input_refs.push_back({in.product, where_of(e)});
        input_nodes.push_back(&e);
        p.inputs.push_back(std::move(in));
      }
    } else {
      r.mark_used("inputs");
    }
    sc.processes.push_back(std::move(p));
  });
  // Every input must be made by some process; the chain must have no cycle.
  for (size_t i = 0; i < input_refs.size(); ++i) {
    // Named references, not a structured binding: clang 14 cannot capture one in a lambda.
    const std::string& prod = input_refs[i].first;
    const Location& loc = input_refs[i].second;
    if (std::none_of(sc.processes.begin(), sc.processes.end(), [&](auto& p) { return p.product == prod; }))
      throw InputError(top.file(), loc.line, loc.column, "process.inputs.product",
                       "no process makes product '" + prod + "'");
  }
  const size_t n = sc.processes.size();
  // Processes making one product sell it under one outside demand.
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < i; ++j)
      if (sc.processes[j].product == sc.processes[i].product &&
          sc.processes[j].outside_demand_param != sc.processes[i].outside_demand_param)
        throw InputError(top.file(), sc.processes[i].where.line, sc.processes[i].where.column,
                         "process." + sc.processes[i].id + ".outside_demand_param",
                         "processes '" + sc.processes[j].id + "' and '" + sc.processes[i].id + "' make '" +
                             sc.processes[i].product + "' but name different outside demands");
  // Cycle check: depth-first over product -> producers -> their inputs.
  std::vector<int> state(n, 0);  // 0 new, 1 on stack, 2 done
  std::function<void(size_t)> visit = [&](size_t i) {
    state[i] = 1;
    for (const InputSpec& in : sc.processes[i].inputs)
      for (size_t j = 0; j < n; ++j) {
        if (sc.processes[j].product != in.product) continue;
        if (state[j] == 1)
          throw InputError(top.file(), sc.processes[i].where.line, sc.processes[i].where.column,
                           "process." + sc.processes[i].id,
                           "the chain has a cycle: '" + sc.processes[i].id + "' draws on '" + in.product +
                               "', which depends on it");
        if (state[j] == 0) visit(j);
      }
    state[i] = 2;
  };
  for (size_t i = 0; i < n; ++i)
    if (state[i] == 0) visit(i);
}

// A scenario without [[process]] tables gets the four-stage chain of the
// foundation: ore -> pig iron -> steel -> rolled, with the coefficients taken
// from the (base) parameters steel_per_pig_iron and rolled_per_steel.
void synthesize_legacy_chain(Scenario& sc) {
  auto proc = [&](Stage s) {
    ProcessSpec p;
    p.id = stage_name(s);
    p.name = p.id;
    p.product = p.id;
    p.unit = "t";
    p.reports = true;
    p.stage = s;
    p.essential_items.value = 1;
    return p;
  };
  const Param& spp = sc.parameters.at("steel_per_pig_iron");
  const Param& rps = sc.parameters.at("rolled_per_steel");
  ProcessSpec ore = proc(Stage::kOre), pig = proc(Stage::kPigIron), steel = proc(Stage::kSteel),
              rolled = proc(Stage::kRolled);
  auto input = [](const char* product, double a, const std::string& source, const char* share) {
    InputSpec in;
    in.product = product;
    in.per_t.value = a;
    in.per_t.source = source;
    in.share_param = share;
    return in;
  };
  pig.inputs.push_back(input("ore", 1.0, "ore capacity is stated in tonnes of pig iron it supports", ""));
  steel.inputs.push_back(input("pig_iron", spp.value > 0 ? 1.0 / spp.value : 1e4,
                               "1 / steel_per_pig_iron: " + spp.source, "pig_iron_to_steel_share"));
  rolled.inputs.push_back(input("steel", rps.value > 0 ? 1.0 / rps.value : 1e4, "1 / rolled_per_steel: " + rps.source, ""));
  sc.processes = {ore, pig, steel, rolled};
}

Scenario parse(const toml::table& root, const std::string& file) {
  Scenario sc;
  sc.file = file;
  Reader top(root, "", file, {1, 1});

  {
    const toml::node& n = top.need("scenario");
    if (!n.is_table()) top.fail(&n, "scenario", "expected a table");
    Reader r(*n.as_table(), "scenario", file, where_of(n));
    sc.name = r.str("name");
    sc.title = r.str_or("title", sc.name);
    sc.start = r.month("start");
    sc.end = r.month("end");
    if (sc.end < sc.start) r.fail(r.table().get("end"), "end", "end " + sc.end.str() + " is before start " + sc.start.str());
    sc.default_seed = r.seed("seed");
    r.finish();
  }

  {
    const toml::node& n = top.need("parameters");
    if (!n.is_table()) top.fail(&n, "parameters", "expected a table");
    Reader r(*n.as_table(), "parameters", file, where_of(n));
    for (const ParamDef& d : param_defs()) sc.parameters[d.name] = r.param(d.name, d.min, d.max);
    r.finish();
  }

  {
    const toml::node& n = top.need("population");
    if (!n.is_table()) top.fail(&n, "population", "expected a table");
    Reader r(*n.as_table(), "population", file, where_of(n));
    sc.population.chinese = r.count("chinese", 0, 1e8);
    sc.population.japanese = r.count("japanese", 0, 1e8);
    sc.population.korean = r.count("korean", 0, 1e8);
    sc.population.source = r.str("source");
    r.finish();
  }

  std::set<std::string> ids;
  each_table(top, "regime", [&](Reader& r, size_t) {
    RegimeSpec g;
    g.where = where_of(r.table());
    g.id = r.str("id");
    g.name = r.str("name");
    g.start = r.month("start");
    g.source = r.str("source");
    g.continues = r.boolean_or("continues", false);
    if (!ids.insert("regime:" + g.id).second) r.fail(r.table().get("id"), "id", "duplicate regime id '" + g.id + "'");
    if (!sc.regimes.empty() && g.start <= sc.regimes.back().start)
      r.fail(r.table().get("start"), "start",
             "date out of order: regime starts " + g.start.str() + ", not after the previous regime (" +
                 sc.regimes.back().start.str() + ")");
    for (auto&& [k, v] : r.table()) {
      const std::string key(k.str());
      if (key == "id" || key == "name" || key == "start" || key == "source" || key == "continues") continue;
      const ParamDef* d = find_param_def(key);
      if (!d) continue;  // reported as unknown by finish()
      r.mark_used(key);
      g.params[key] = r.param_of(v, key, d->min, d->max);
    }
    sc.regimes.push_back(std::move(g));
  });
  if (sc.regimes.empty()) top.fail(nullptr, "regime", "at least one [[regime]] is required");
  for (size_t i = 0; i < sc.regimes.size(); ++i)
    if (sc.regimes[i].start > sc.end)
      sc.warnings.push_back(InputError(file, sc.regimes[i].where.line, sc.regimes[i].where.column,
                                       "regime[" + std::to_string(i) + "].start",
                                       "regime '" + sc.regimes[i].id + "' starts " + sc.regimes[i].start.str() +
                                           ", after the run's end " + sc.end.str() + ": it never applies")
                                .what());
  if (sc.regimes.front().start > sc.start) {
    // The first regime covers the scenario from its start.
  }

  parse_processes(top, sc);
  const bool legacy_chain = sc.processes.empty();

  each_table(top, "facility", [&](Reader& r, size_t) {
    FacilitySpec f;
    f.where = where_of(r.table());
    f.id = r.str("id");
    if (!ids.insert("facility:" + f.id).second) r.fail(r.table().get("id"), "id", "duplicate facility id '" + f.id + "'");
    f.name = r.str("name");
    if (legacy_chain) {
      const std::string st = r.str("stage");
      auto s = parse_stage(st);
      if (!s) r.fail(r.table().get("stage"), "stage", "unknown stage '" + st + "' (one of: ore, pig_iron, steel, rolled)");
      f.stage = *s;
      f.process = st;
    } else {
      if (r.has("stage"))
        r.fail(r.table().get("stage"), "stage", "give `process` (the scenario defines [[process]] tables), not `stage`");
      f.process = r.str("process");
      auto it = std::find_if(sc.processes.begin(), sc.processes.end(), [&](auto& p) { return p.id == f.process; });
      if (it == sc.processes.end()) r.fail(r.table().get("process"), "process", "no process with id '" + f.process + "'");
      if (!it->supply_param.empty())
        r.fail(r.table().get("process"), "process", "process '" + f.process + "' is an outside supply and has no facilities");
      f.stage = it->stage;
    }
    f.capacity_t = r.param("capacity_t", 0, 1e9);
    f.built = r.month("built");
    f.built_source = r.str("built_source");
    if (r.has("investment_myuan")) f.investment_myuan = r.param("investment_myuan", 0, 1e5);
    if (r.has("construction_months")) f.construction_months = static_cast<int>(r.count("construction_months", 1, 240));
    if (r.has("import_share")) f.import_share = r.param("import_share", 0, 1);
    sc.facilities.push_back(std::move(f));
  });

  each_table(top, "event", [&](Reader& r, size_t) {
    EventSpec e;
    e.where = where_of(r.table());
    e.date = r.month("date");
    if (!sc.events.empty() && e.date < sc.events.back().date)
      r.fail(r.table().get("date"), "date",
             "date out of order: " + e.date.str() + " comes before the previous event (" + sc.events.back().date.str() +
                 "); list events chronologically");
    e.kind = parse_event_kind(r, "kind");
    e.source = r.str("source");
    e.note = r.str_or("note", "");
    e.label = r.str_or("label", "");
    if (e.label.size() > 40) r.fail(r.table().get("label"), "label", "a chart label of at most 40 characters");
    (void)r.str_or("id", "");  // optional name, so a scenario that `extends` this one can address the event
    switch (e.kind) {
      case EventKind::kFacilityDamage:
      case EventKind::kFacilityRepair:
      case EventKind::kFacilityIdle:
      case EventKind::kFacilityRestart: {
        e.target = r.str("facility");
        auto it = std::find_if(sc.facilities.begin(), sc.facilities.end(), [&](auto& f) { return f.id == e.target; });
        if (it == sc.facilities.end())
          r.fail(r.table().get("facility"), "facility", "no facility with id '" + e.target + "'");
        if (e.date < it->built)
          r.fail(r.table().get("date"), "date",
                 "date out of order: event on '" + e.target + "' at " + e.date.str() + " before it was built (" +
                     it->built.str() + ")");
        if (e.kind == EventKind::kFacilityDamage || e.kind == EventKind::kFacilityRepair) {
          e.share = r.num("share", 0, 1);
          const std::string c = r.str_or("component", "all");
          if (c == "all") e.component = Component::kAll;
          else if (c == "foundation") e.component = Component::kFoundation;
          else if (c == "machines") e.component = Component::kMachines;
          else r.fail(r.table().get("component"), "component", "unknown component '" + c + "' (all, foundation, machines)");
        }
        if (e.kind == EventKind::kFacilityRepair) {
          e.months = static_cast<int>(r.count("months", 1, 240));
          if (r.has("investment_myuan")) e.value = r.num("investment_myuan", 0, 1e5);
        }
        break;
      }
      case EventKind::kRemoval: {
        e.targets = r.str_list("facilities");
        e.value = r.num("tons", 0, 1e7);
        for (const std::string& id : e.targets) {
          auto it = std::find_if(sc.facilities.begin(), sc.facilities.end(), [&](auto& f) { return f.id == id; });
          if (it == sc.facilities.end()) r.fail(r.table().get("facilities"), "facilities", "no facility with id '" + id + "'");
          if (e.date < it->built)
            r.fail(r.table().get("date"), "date",
                   "date out of order: removal from '" + id + "' at " + e.date.str() + " before it was built (" +
                       it->built.str() + ")");
          auto pr = std::find_if(sc.processes.begin(), sc.processes.end(), [&](auto& p) { return p.id == it->process; });
          if (pr == sc.processes.end() || pr->machine_t_per_kt.value <= 0)
            r.fail(r.table().get("facilities"), "facilities",
                   "facility '" + id + "' has no machine stock (its process needs machine_t_per_kt > 0)");
        }
        break;
      }
      case EventKind::kRepatriate: {
        e.target = r.str("ethnicity");
        if (e.target != "japanese" && e.target != "korean" && e.target != "chinese")
          r.fail(r.table().get("ethnicity"), "ethnicity", "unknown ethnicity '" + e.target + "' (chinese, japanese, korean)");
        e.share = r.num("share", 0, 1);
        e.months = r.has("months") ? static_cast<int>(r.count("months", 1, 120)) : 1;
        break;
      }
      case EventKind::kTransferOut:
        e.value = r.count("persons", 0, 1e8);
        break;
      case EventKind::kSendBack:
        e.value = r.count("persons", 0, 1e8);
        break;
      case EventKind::kSetParam: {
        e.target = r.str("param");
        const ParamDef* d = find_param_def(e.target);
        if (!d) r.fail(r.table().get("param"), "param", "unknown parameter '" + e.target + "'");
        e.value = r.num("value", d->min, d->max);
        break;
      }
    }
    sc.events.push_back(std::move(e));
  });

  each_table(top, "target", [&](Reader& r, size_t) {
    TargetSpec t;
    t.where = where_of(r.table());
    (void)r.str_or("id", "");  // optional name, so a scenario that `extends` this one can address it
    t.year = static_cast<int>(r.count("year", 1800, 2200));  // years outside the run are ignored
    const std::string st = r.str("stage");
    auto s = parse_stage(st);
    if (!s) r.fail(r.table().get("stage"), "stage", "unknown stage '" + st + "' (one of: ore, pig_iron, steel, rolled)");
    t.stage = *s;
    if (r.has("month")) t.month = static_cast<int>(r.count("month", 1, 12));  // default: from January
    t.value_t = r.num("value_t", 0, 1e10);
    t.by = r.str_or("by", "");
    t.source = r.str("source");
    if (!sc.targets.empty()) {
      const TargetSpec& prev = sc.targets.back();
      const char* key = t.year < prev.year ? "year" : "month";  // the key that breaks the order
      if (t.year < prev.year || (t.year == prev.year && t.month < prev.month))
        r.fail(r.table().get(key), key, "date out of order: list targets by year and month");
    }
    sc.targets.push_back(std::move(t));
  });

  each_table(top, "campaign", [&](Reader& r, size_t) {
    CampaignSpec c;
    c.where = where_of(r.table());
    c.id = r.str("id");
    if (!ids.insert("campaign:" + c.id).second) r.fail(r.table().get("id"), "id", "duplicate campaign id '" + c.id + "'");
    // Each person keeps one bit per campaign that targeted him (Population::campaigns_struck).
    if (sc.campaigns.size() >= 32) r.fail(r.table().get("id"), "id", "more than 32 campaigns");
    c.name = r.str("name");
    c.start = r.month("start");
    c.end = r.month("end");
    if (c.end < c.start) r.fail(r.table().get("end"), "end", "date out of order: campaign ends before it starts");
    if (!sc.campaigns.empty() && c.start < sc.campaigns.back().start)
      r.fail(r.table().get("start"), "start", "date out of order: list campaigns by start");
    c.work_time_lost = r.num("work_time_lost", 0, 1);
    c.effort_effect = r.num("effort_effect", -1, 1);
    read_campaign_selection(r, c);
    c.source = r.str("source");
    sc.campaigns.push_back(std::move(c));
  });

  top.finish();
  if (legacy_chain) synthesize_legacy_chain(sc);
  return sc;
}

}  // namespace

namespace {

// A scenario file is a few tens of kB (anshan.toml ~20 kB); a 50 MB one took
// 7 s and 850 MB to load. assumption: 4 MiB is far above any hand-written scenario.
constexpr size_t kMaxScenarioBytes = size_t{4} << 20;

std::string size_error(size_t n) {
  return "scenario text is " + std::to_string(n) + " bytes; the limit is " + std::to_string(kMaxScenarioBytes) +
         " bytes (4 MiB)";
}

toml::table parse_toml(const std::string& text, const std::string& file_label) {
  if (text.size() > kMaxScenarioBytes) throw InputError(file_label, 0, 0, "", size_error(text.size()));
  try {
    return toml::parse(ascii_for_toml(text, file_label), file_label);
  } catch (const toml::parse_error& e) {
    throw InputError(file_label, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column), "",
                     std::string("TOML syntax error: ") + std::string(e.description()));
  }
}

std::string read_text(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxScenarioBytes) throw InputError(path, 0, 0, "", size_error(size));
  return read_input_file(path, "scenario file");
}

const std::string* element_id(const toml::node& n) {
  const toml::table* t = n.as_table();
  const toml::node* id = t ? t->get("id") : nullptr;
  return id && id->is_string() ? &id->as_string()->get() : nullptr;
}

// Merges `child` into `base`: tables key by key; arrays of tables element by
// element where elements carry an `id` (an element with `remove = true`
// deletes the base element with that id; others are merged or appended);
// anything else is replaced. Arrays of dated tables are kept in date order.
void merge_into(toml::table& base, const toml::table& child) {
  for (auto&& [k, v] : child) {
    toml::node* b = base.get(k);
    if (b && b->is_table() && v.is_table()) {
      merge_into(*b->as_table(), *v.as_table());
    } else if (b && b->is_array() && v.is_array() && v.as_array()->is_array_of_tables()) {
      toml::array& ba = *b->as_array();
      for (const auto& e : *v.as_array()) {
        const std::string* id = element_id(e);
        const toml::table& et = *e.as_table();
        const bool remove = et.get("remove") && et.get("remove")->value_or(false);
        auto it = ba.end();
        if (id)
          for (auto bi = ba.begin(); bi != ba.end(); ++bi)
            if (const std::string* bid = element_id(*bi); bid && *bid == *id) it = bi;
        if (remove) {
          if (it == ba.end())
            throw InputError(e.source().path ? *e.source().path : "", static_cast<int>(e.source().begin.line),
                             static_cast<int>(e.source().begin.column), std::string(k.str()),
                             "remove = true names no element of the base scenario");
          ba.erase(it);
        } else if (it != ba.end()) {
          merge_into(*it->as_table(), et);
        } else {
          ba.push_back(et);
        }
      }
      // keep dated elements (events) chronological
      auto date_of = [](const toml::table& t) {
        const toml::node* dn = t.get("date");
        return dn && dn->is_string() ? dn->as_string()->get() : std::string();
      };
      std::vector<toml::table> items;
      for (const auto& e : ba) items.push_back(*e.as_table());
      std::stable_sort(items.begin(), items.end(),
                       [&](const toml::table& x, const toml::table& y) { return date_of(x) < date_of(y); });
      ba.clear();
      for (auto& t : items) ba.push_back(std::move(t));
    } else {
      base.insert_or_assign(k, v);
    }
  }
}

// Resolves `[scenario] extends = "base.toml"` (relative to the file; the
// embedded default answers for a base named anshan.toml that is not on disk).
// `chain` holds the files already on the way (for the cycle message).
toml::table resolve_extends(toml::table root, const std::string& file_label, std::vector<std::string> chain) {
  toml::table* sc = root.get_as<toml::table>("scenario");
  const toml::node* ext = sc ? sc->get("extends") : nullptr;
  if (!ext) return root;
  const int line = static_cast<int>(ext->source().begin.line), col = static_cast<int>(ext->source().begin.column);
  if (!ext->is_string()) throw InputError(file_label, line, col, "scenario.extends", "expected a file name");
  const std::string name = ext->as_string()->get();
  const std::filesystem::path dir = std::filesystem::path(file_label).parent_path();
  const std::string path = (dir / name).string();
  std::error_code ec;
  const std::string id = std::filesystem::weakly_canonical(path, ec).string();
  chain.push_back(file_label);
  if (std::any_of(chain.begin(), chain.end(), [&](const std::string& f) {
        std::error_code e2;
        return std::filesystem::weakly_canonical(f, e2).string() == id;
      })) {
    std::string loop;
    for (const std::string& f : chain) loop += f + " -> ";
    throw InputError(file_label, line, col, "scenario.extends", "extends cycle: " + loop + path);
  }
  if (chain.size() > 8)
    throw InputError(file_label, line, col, "scenario.extends", "extends chain longer than 8 files");
  toml::table base;
  if (std::filesystem::exists(path)) {
    base = resolve_extends(parse_toml(read_text(path), path), path, chain);
  } else if (std::filesystem::path(name).filename() == "anshan.toml") {
    base = parse_toml(std::string(embedded::find("scenarios/anshan.toml")), "<embedded>/scenarios/anshan.toml");
  } else {
    throw InputError(file_label, static_cast<int>(ext->source().begin.line), static_cast<int>(ext->source().begin.column),
                     "scenario.extends", "base scenario '" + path + "' not found");
  }
  sc->erase("extends");
  merge_into(base, root);
  return base;
}

}  // namespace

namespace {

// --- the canonical text (for the scenario hash) -------------------------------
// Printed here rather than by toml++'s formatter: that one computes
// static_cast<size_t>(log10(x)) to lay out arrays, undefined behaviour for any
// float below 0.1 or non-finite (UBSan float-cast-overflow, found by
// fuzz_scenario). Tables are key-ordered (toml::table is a sorted map), so the
// text does not depend on key order in the file; floats are printed in their
// shortest round-trip form, so the text reloads to itself.

void put_key(std::string& out, std::string_view k);
void put_string(std::string& out, std::string_view v) {
  out += '"';
  for (const char ch : v) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}
void put_key(std::string& out, std::string_view k) {
  const bool bare = !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  if (bare)
    out += k;
  else
    put_string(out, k);
}

bool is_table_array(const toml::node& n) {
  const toml::array* a = n.as_array();
  return a && !a->empty() && a->is_array_of_tables();
}

void put_inline(std::string& out, const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      put_string(out, n.as_string()->get());
      break;
    case toml::node_type::integer:
      out += std::to_string(n.as_integer()->get());
      break;
    case toml::node_type::floating_point: {
      const double v = n.as_floating_point()->get();
      std::string t = shortest_number(v);
      if (std::isfinite(v) && t.find_first_of(".e") == std::string::npos) t += ".0";
      out += t;
      break;
    }
    case toml::node_type::boolean:
      out += n.as_boolean()->get() ? "true" : "false";
      break;
    case toml::node_type::array: {
      out += '[';
      bool first = true;
      for (const toml::node& e : *n.as_array()) {
        out += first ? "" : ", ";
        first = false;
        put_inline(out, e);
      }
      out += ']';
      break;
    }
    case toml::node_type::table: {
      out += '{';
      bool first = true;
      for (auto&& [k, v] : *n.as_table()) {
        out += first ? " " : ", ";
        first = false;
        put_key(out, k.str());
        out += " = ";
        put_inline(out, v);
      }
      out += first ? "}" : " }";
      break;
    }
    default: {  // dates and times: toml++ prints these without floating point
      std::ostringstream s;
      if (const auto* d = n.as_date())
        s << d->get();
      else if (const auto* tm = n.as_time())
        s << tm->get();
      else if (const auto* dt = n.as_date_time())
        s << dt->get();
      out += s.str();
    }
  }
}

void put_table(std::string& out, const toml::table& t, const std::string& path) {
  for (auto&& [k, v] : t)
    if (!v.is_table() && !is_table_array(v)) {
      put_key(out, k.str());
      out += " = ";
      put_inline(out, v);
      out += '\n';
    }
  for (auto&& [k, v] : t) {
    std::string sub = path;
    if (!sub.empty()) sub += '.';
    put_key(sub, k.str());
    if (v.is_table()) {
      out += "\n[" + sub + "]\n";
      put_table(out, *v.as_table(), sub);
    } else if (is_table_array(v)) {
      for (const toml::node& e : *v.as_array()) {
        out += "\n[[" + sub + "]]\n";
        put_table(out, *e.as_table(), sub);
      }
    }
  }
}

}  // namespace

std::string canonical_toml(const toml::table& root) {
  std::string out;
  put_table(out, root, "");
  return out;
}

toml::table merged_scenario_table(const std::string& text, const std::string& file_label) {
  return resolve_extends(parse_toml(text, file_label), file_label, {});
}

Scenario load_scenario_text(const std::string& text, const std::string& file_label,
                            const std::vector<Override>& overrides) {
  toml::table root = resolve_extends(parse_toml(text, file_label), file_label, {});
  for (const Override& o : overrides) apply_override(root, o, file_label);
  Scenario sc = parse(root, file_label);
  sc.canonical_text = canonical_toml(root);
  return sc;
}

Scenario load_scenario_file(const std::string& path, const std::vector<Override>& overrides) {
  return load_scenario_text(read_text(path), path, overrides);
}

Scenario load_default_scenario(const std::vector<Override>& overrides) {
  const std::string_view text = embedded::find("scenarios/anshan.toml");
  return load_scenario_text(std::string(text), "<embedded>/scenarios/anshan.toml", overrides);
}

}  // namespace gangdu
