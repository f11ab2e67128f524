#include "experiments/record_classes.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/csv.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"

namespace gangdu {

std::vector<PointClass> load_record_classes_text(const std::string& text, const std::string& file) {
  const CsvTable t = parse_csv(text, file);
  const size_t ci = t.column("id"), cc = t.column("class"), cs = t.column("set_by"), cn = t.column("note");
  static const std::set<std::string> classes = {"input", "fitted", "independent"};
  std::vector<PointClass> out;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    PointClass c{t.rows[r][ci], t.rows[r][cc], t.rows[r][cs], t.rows[r][cn], t.lines[r]};
    if (c.id.empty()) throw InputError(file, c.line, static_cast<int>(ci) + 1, "id", "empty id");
    if (!classes.count(c.cls))
      throw InputError(file, c.line, static_cast<int>(cc) + 1, "class",
                       "expected 'input', 'fitted' or 'independent', found '" + c.cls + "'");
    out.push_back(std::move(c));
  }
  return out;
}

const std::vector<PointClass>& load_default_record_classes() {
  static const std::vector<PointClass> c = load_record_classes_text(
      std::string(embedded::find("data/history/record_classes.csv")), "<embedded>/data/history/record_classes.csv");
  return c;
}

void apply_record_classes(std::vector<HistoryPoint>& points, const std::vector<PointClass>& classes) {
  std::map<std::string, std::string> by_id;
  for (const PointClass& c : classes) by_id.emplace(c.id, c.cls);
  for (HistoryPoint& p : points) {
    auto it = by_id.find(p.id);
    p.cls = it == by_id.end() ? "unclassified" : it->second;
  }
}

namespace {

std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

bool mentions_calibration(const std::string& s) {
  std::string l(s);
  std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return l.find("calibrat") != std::string::npos;
}

// Expands one marker entry to record ids; empty when it names no point.
std::vector<std::string> expand_id(const std::string& entry, const std::vector<HistoryPoint>& points) {
  std::vector<std::string> out;
  const auto dots = entry.find("..");
  if (dots == std::string::npos) {
    for (const HistoryPoint& p : points)
      if (p.id == entry) out.push_back(p.id);
    return out;
  }
  const auto at = entry.find('@');
  if (at == std::string::npos || at > dots) return out;
  const std::string tail = entry.substr(0, at + 1);
  int y1 = 0, y2 = 0;
  try {
    y1 = std::stoi(entry.substr(at + 1, dots - at - 1));
    y2 = std::stoi(entry.substr(dots + 2));
  } catch (const std::exception&) {
    return out;
  }
  for (const HistoryPoint& p : points)
    if (p.compare == "level" && p.id.rfind(tail, 0) == 0 && p.id.size() == tail.size() + 4 && p.year >= y1 &&
        p.year <= y2)
      out.push_back(p.id);
  return out;
}

struct Walker {
  const std::vector<HistoryPoint>& points;
  std::vector<std::string>* problems;
  std::vector<CalibrationMarker> out;

  void note(const std::string& s) {
    if (problems) problems->push_back(s);
  }

  void visit_source(const toml::table& t, const std::string& where, const std::string& key, const std::string& param,
                    const std::string& regime, const std::string& date, bool event) {
    const auto* s = t.get("source");
    if (!s || !s->is_string()) return;
    const std::string src = s->as_string()->get();
    const auto open = src.find("[calibrated:");
    if (open == std::string::npos) {
      if (mentions_calibration(src))
        note(where + ": the source says calibrated but carries no [calibrated: <record id>] marker");
      return;
    }
    const auto close = src.find(']', open);
    if (close == std::string::npos) {
      note(where + ": unclosed [calibrated: ...] marker");
      return;
    }
    if (src.find("[calibrated:", open + 1) != std::string::npos)
      note(where + ": more than one [calibrated: ...] marker");
    CalibrationMarker m;
    m.where = where;
    m.key = key;
    m.param = param;
    m.regime = regime;
    m.date = date;
    m.event = event;
    m.source = src;
    if (const auto* v = t.get("value"); v && v->is_number()) m.value = v->value<double>().value_or(0.0);
    const std::string body = src.substr(open + 12, close - open - 12);
    size_t start = 0;
    for (;;) {
      const auto comma = body.find(',', start);
      const std::string entry =
          trim(body.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (entry == "outside the record") {
        m.outside = true;
      } else {
        const auto ids = expand_id(entry, points);
        if (ids.empty()) note(where + ": marker '" + entry + "' names no record point");
        m.ids.insert(m.ids.end(), ids.begin(), ids.end());
      }
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (m.outside && !m.ids.empty()) note(where + ": a marker is either record ids or 'outside the record', not both");
    out.push_back(std::move(m));
  }

  void walk(const toml::table& t, const std::string& path, bool addressable, const std::string& regime,
            const std::string& date) {
    for (auto&& [k, v] : t) {
      const std::string name(k.str());
      const std::string p = path.empty() ? name : path + "." + name;
      if (const auto* sub = v.as_table()) {
        visit_source(*sub, p, addressable ? p : "", name, regime, date, false);
        walk(*sub, p, addressable, regime, date);
      } else if (const auto* arr = v.as_array()) {
        for (size_t i = 0; i < arr->size(); ++i) {
          const auto* et = arr->get(i)->as_table();
          if (!et) continue;
          const auto* id = et->get("id");
          const bool has_id = id && id->is_string();
          std::string seg = has_id ? id->as_string()->get() : "";
          std::string d = date, r = regime;
          if (name == "regime") {
            r = seg;
            if (const auto* st = et->get("start"); st && st->is_string()) d = st->as_string()->get();
          }
          if (name == "event") {
            const auto* ed = et->get("date");
            d = ed && ed->is_string() ? ed->as_string()->get() : "";
            const auto* pp = et->get("param");
            const std::string param = pp && pp->is_string() ? pp->as_string()->get() : "";
            const std::string where = has_id ? p + "." + seg : fmt::format("{}[{} {}]", p, d, param);
            visit_source(*et, where, has_id && !param.empty() ? p + "." + seg + ".value" : "", param, "", d, true);
            continue;
          }
          if (!has_id) seg = fmt::format("[{}]", i);
          const std::string ep = p + "." + seg;
          visit_source(*et, ep, "", name, r, d, false);
          walk(*et, ep, addressable && has_id, r, d);
        }
      }
    }
  }
};

}  // namespace

std::vector<CalibrationMarker> calibration_markers(const std::string& scenario_text, const std::string& label,
                                                   const std::vector<HistoryPoint>& points,
                                                   std::vector<std::string>* problems) {
  toml::table root;
  try {
    root = toml::parse(scenario_text, label);
  } catch (const toml::parse_error& e) {
    throw InputError(label, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column), "",
                     std::string("TOML syntax error: ") + std::string(e.description()));
  }
  Walker w{points, problems, {}};
  w.walk(root, "", true, "", "");
  return w.out;
}

std::vector<std::string> check_record_classes(const std::string& scenario_text, const std::string& label,
                                              std::vector<HistoryPoint> points,
                                              const std::vector<PointClass>& classes) {
  std::vector<std::string> problems;
  std::map<std::string, const PointClass*> by_id;
  std::set<std::string> ids;
  for (const HistoryPoint& p : points) ids.insert(p.id);
  for (const PointClass& c : classes) {
    if (!ids.count(c.id)) problems.push_back(fmt::format("classes line {}: '{}' is not a record point", c.line, c.id));
    auto [it, fresh] = by_id.emplace(c.id, &c);
    if (!fresh) {
      problems.push_back(it->second->cls == c.cls ? fmt::format("classes line {}: '{}' classed twice", c.line, c.id)
                                                  : fmt::format("classes line {}: '{}' classed both {} and {}", c.line,
                                                                c.id, it->second->cls, c.cls));
    }
    if (c.cls == "input" && trim(c.set_by).empty())
      problems.push_back(fmt::format("classes line {}: input point '{}' does not say what sets it", c.line, c.id));
    if (c.cls != "input" && !trim(c.set_by).empty())
      problems.push_back(
          fmt::format("classes line {}: '{}' is {} but names a scenario value that sets it", c.line, c.id, c.cls));
  }
  apply_record_classes(points, classes);
  for (const HistoryPoint& p : points)
    if (p.cls == "unclassified") problems.push_back("record point '" + p.id + "' has no class");
  const auto markers = calibration_markers(scenario_text, label, points, &problems);
  std::map<std::string, std::string> cls;
  for (const HistoryPoint& p : points) cls[p.id] = p.cls;
  std::set<std::string> named;
  for (const CalibrationMarker& m : markers)
    for (const std::string& id : m.ids) {
      named.insert(id);
      if (cls[id] == "independent")
        problems.push_back(m.where + ": calibrated on '" + id + "', which is classed independent");
    }
  for (const HistoryPoint& p : points)
    if (p.cls == "fitted" && !named.count(p.id))
      problems.push_back("record point '" + p.id +
                         "' is classed fitted but no scenario value is marked calibrated on it");
  return problems;
}

}  // namespace gangdu
