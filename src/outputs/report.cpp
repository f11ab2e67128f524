#include "outputs/report.hpp"
#include "core/file.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/seed_places.hpp"
#include "outputs/writer.hpp"
#include "scenario/scenario.hpp"

namespace fs = std::filesystem;

namespace gangdu {

namespace {

constexpr std::string_view kChartJsPath = "web/node_modules/chart.js/dist/chart.umd.min.js";

std::string read_text(const fs::path& p) { return read_input_file(p.string(), "file"); }

const char* event_kind_name(EventKind k) {
  switch (k) {
    case EventKind::kFacilityDamage: return "facility_damage";
    case EventKind::kFacilityRepair: return "facility_repair";
    case EventKind::kFacilityIdle: return "facility_idle";
    case EventKind::kFacilityRestart: return "facility_restart";
    case EventKind::kRepatriate: return "repatriate";
    case EventKind::kSendBack: return "send_back";
    case EventKind::kSetParam: return "set_param";
    case EventKind::kTransferOut: return "transfer_out";
    case EventKind::kRemoval: return "removal";
  }
  return "event";
}

// Year as a fractional number for charts: "1945-08" -> 1945 + 7/12.
double year_frac(const std::string& ym) {
  auto m = parse_month(ym);
  if (!m) return NAN;
  return m->year() + (m->month() - 1) / 12.0;
}

// Loads the scenario a manifest names, to show it and its dated events.
void load_scenario_for(ReportInputs& in) {
  const std::string file = in.manifest.value("scenario_file", std::string());
  const std::string embedded_prefix = "<embedded>/";
  std::string text;
  if (file.rfind(embedded_prefix, 0) == 0) {
    text = std::string(embedded::find(file.substr(embedded_prefix.size())));
  } else if (!file.empty() && fs::exists(file)) {
    try {
      text = read_text(file);
    } catch (const InputError&) {
      text.clear();
    }
  }
  if (text.empty()) {
    in.scenario_note = file.empty() ? "The manifest names no scenario file." : "The scenario file " + file + " is not available here.";
    return;
  }
  in.scenario_label = file;
  in.scenario_text = text;
  try {
    const Scenario sc = load_scenario_text(text, file);
    const std::string h = scenario_hash(sc);
    const std::string run_hash = in.manifest.value("scenario_hash", std::string());
    if (!run_hash.empty() && h != run_hash)
      in.scenario_note = "The run's scenario hash (" + run_hash + ") differs from this file's (" + h +
                         "): the run used overrides (--set or dashboard levers) or the file changed since. "
                         "The manifest below records what ran.";
    for (const EventSpec& e : sc.events) {
      in.events.push_back({{"date", e.date.str()},
                           {"x", year_frac(e.date.str())},
                           {"kind", event_kind_name(e.kind)},
                           {"target", e.target},
                           {"note", e.note},
                           {"label", e.label},
                           {"source", e.source}});
    }
  } catch (const std::exception& e) {
    in.scenario_note = std::string("The scenario file does not load any more: ") + e.what();
  }
}

void load_summary(ReportInputs& in, const fs::path& dir) {
  // Ensemble summaries (issue 7): mean and a 5-95% band per variable-year. Accept
  // summary.csv, then the 1958-on band of `validate --forecast` (forecast.csv), or any
  // *summary*.csv / *band*.csv with the columns we need.
  std::vector<fs::path> candidates;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string n = e.path().filename().string();
    if (e.is_regular_file() && e.path().extension() == ".csv" &&
        (n.find("summary") != std::string::npos || n.find("band") != std::string::npos || n == "forecast.csv"))
      candidates.push_back(e.path());
  }
  auto rank = [](const fs::path& p) { return p.filename() == "summary.csv" ? 0 : p.filename() == "forecast.csv" ? 1 : 2; };
  std::sort(candidates.begin(), candidates.end(), [&](const fs::path& a, const fs::path& b) {
    return rank(a) != rank(b) ? rank(a) < rank(b) : a < b;
  });
  for (const fs::path& p : candidates) {
    CsvTable t;
    try {
      t = read_csv_file(p.string());
    } catch (const InputError& e) {
      in.notes.push_back(p.filename().string() + " ignored: " + e.what());
      continue;
    }
    const size_t cv = find_column(t, {"variable"}), cy = find_column(t, {"year"});
    const size_t cm = find_column(t, {"mean", "avg", "average", "median", "p50"});
    const size_t cl = find_column(t, {"p05", "p5", "q05", "q5", "lo", "low", "lower", "p05_value"});
    const size_t ch = find_column(t, {"p95", "q95", "hi", "high", "upper", "p95_value"});
    if (cv == std::string::npos || cy == std::string::npos || cl == std::string::npos || ch == std::string::npos) {
      in.notes.push_back(p.filename().string() + " ignored: expected columns variable, year, mean, p05, p95");
      continue;
    }
    in.summary = std::move(t);
    in.summary_name = p.filename().string();
    in.summary_mean = cm == std::string::npos ? "" : in.summary->header[cm];
    in.summary_lo = in.summary->header[cl];
    in.summary_hi = in.summary->header[ch];
    return;
  }
}

void load_bottlenecks(ReportInputs& in, const fs::path& dir) {
  const fs::path p = dir / "bottlenecks.csv";
  if (!fs::exists(p)) return;
  try {
    CsvTable t = read_csv_file(p.string());
    const size_t cy = find_column(t, {"year"}), cu = find_column(t, {"unit", "stage", "facility"});
    size_t cs = find_column(t, {"binding_share", "share", "value"});
    if (cs == std::string::npos)
      for (size_t i = 0; i < t.header.size(); ++i)
        if (i != cy && i != cu) {
          cs = i;
          break;
        }
    if (cy == std::string::npos || cu == std::string::npos || cs == std::string::npos) {
      in.notes.push_back("bottlenecks.csv ignored: expected columns year, unit, binding share");
      return;
    }
    in.bottleneck_value = t.header[cs];
    in.bottlenecks = std::move(t);
  } catch (const InputError& e) {
    in.notes.push_back(std::string("bottlenecks.csv ignored: ") + e.what());
  }
}

void load_extra_tables(ReportInputs& in, const fs::path& dir) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string n = e.path().filename().string();
    if (e.is_regular_file() && e.path().extension() == ".csv" && n.rfind("ablation", 0) == 0) found.push_back(e.path());
  }
  std::sort(found.begin(), found.end());
  for (const fs::path& p : found) {
    OptionalTable ot;
    ot.name = p.filename().string();
    try {
      ot.table = read_csv_file(p.string());
    } catch (const InputError& e) {
      ot.note = e.what();
    }
    in.tables.push_back(std::move(ot));
  }
}

// A citation with the places of the seed lines it cites ("L1505 (L1505: ch. 2, §'…', p. 97)").
std::string with_place(const std::string& citation) {
  const std::string where = seed_places_of(citation);
  return where.empty() ? citation : citation + " (" + where + ")";
}

std::string num_text(double v) {
  if (std::isnan(v)) return "";
  if (std::fabs(v) >= 1000) return fmt::format("{:.0f}", v);
  return fmt::format("{:.4g}", v);
}

std::string table_html(const CsvTable& t, const std::string& id, size_t max_rows = 2000) {
  std::string h = "<div class=\"table-wrap\"><table id=\"" + id + "\"><thead><tr>";
  for (const auto& c : t.header) h += "<th>" + html_escape(c) + "</th>";
  h += "</tr></thead><tbody>\n";
  for (size_t r = 0; r < t.rows.size() && r < max_rows; ++r) {
    h += "<tr>";
    for (const auto& f : t.rows[r]) h += "<td>" + html_escape(f) + "</td>";
    h += "</tr>\n";
  }
  h += "</tbody></table></div>";
  if (t.rows.size() > max_rows) h += fmt::format("<p class=\"note\">{} more rows not shown.</p>", t.rows.size() - max_rows);
  return h;
}

std::string fit_table_html(const FitTable& fit) {
  std::string h =
      "<div class=\"table-wrap\"><table id=\"fit-table\"><thead><tr><th>variable</th><th>year</th><th>compare</th>"
      "<th>qualifier</th><th>observed</th><th>simulated</th><th>error %</th><th>class</th><th>unit</th><th>source</th></tr></thead><tbody>\n";
  for (const FitRow& r : fit.rows) {
    const auto& p = r.point;
    const bool bad = !std::isnan(r.error) && std::fabs(r.error) > 0.15;
    h += fmt::format(
        "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"cls-{}\">{}</td><td>{}</td><td>{}</td></tr>\n",
        bad ? " class=\"off\"" : "", html_escape(p.variable),
        p.compare == "ratio" ? fmt::format("{}/{}", p.year, p.base_year) : std::to_string(p.year), html_escape(p.compare),
        html_escape(p.qualifier), num_text(p.value), num_text(r.simulated),
        std::isnan(r.error) ? "n/a" : fmt::format("{:+.1f}", 100.0 * r.error), html_escape(p.cls), html_escape(p.cls),
        html_escape(p.unit), html_escape(with_place(p.citation)));
  }
  h += "</tbody></table></div>";
  return h;
}

}  // namespace

size_t find_column(const CsvTable& t, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    auto it = std::find(t.header.begin(), t.header.end(), n);
    if (it != t.header.end()) return static_cast<size_t>(it - t.header.begin());
  }
  return std::string::npos;
}

std::string html_escape(std::string_view s) {
  std::string o;
  o.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string json_for_script(const nlohmann::json& j) {
  // dump() escapes nothing HTML-significant; "</" would close the script element
  // and "<!--" would open a comment, so break both. The result is still valid JSON.
  const std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string o;
  o.reserve(s.size() + 64);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<' && i + 1 < s.size() && (s[i + 1] == '/' || s[i + 1] == '!')) {
      o += "\\u003c";
      continue;
    }
    o += s[i];
  }
  return o;
}

bool web_assets_available() { return !embedded::find(kChartJsPath).empty(); }

namespace {
std::string load_web_asset(std::string_view name) {
  std::string_view v;
  if (name == "chart.umd.min.js")
    v = embedded::find(kChartJsPath);
  else if (name == "gangdu.css" || name == "gangdu-charts.js" || name == "report.js" || name == "dashboard.html" ||
           name == "dashboard.js")
    v = embedded::find(std::string("web/") + std::string(name));
  std::string s(v);
  // Drop source-map comments: the map is not shipped and nothing may be fetched.
  for (size_t p; (p = s.find("//# sourceMappingURL=")) != std::string::npos;) {
    const size_t e = s.find('\n', p);
    s.erase(p, e == std::string::npos ? std::string::npos : e - p);
  }
  return s;
}
}  // namespace

std::string web_asset(std::string_view name) {
  // Built once (thread-safe static init): the server hands these out on every request.
  static const std::map<std::string, std::string, std::less<>> cache = [] {
    std::map<std::string, std::string, std::less<>> m;
    for (const char* n : {"chart.umd.min.js", "gangdu.css", "gangdu-charts.js", "report.js", "dashboard.html", "dashboard.js"})
      m[n] = load_web_asset(n);
    return m;
  }();
  auto it = cache.find(name);
  return it == cache.end() ? std::string() : it->second;
}

ReportInputs load_report_inputs(const std::string& dir) {
  ReportInputs in;
  in.dir = dir;
  const fs::path d(dir);
  in.series = read_csv_file((d / "series.csv").string());
  const size_t cv = in.series.column("variable"), cy = in.series.column("year"), cval = in.series.column("value");
  std::map<std::pair<std::string, int>, double> values;
  for (size_t r = 0; r < in.series.rows.size(); ++r)
    values[{in.series.rows[r][cv], in.series.integer(r, cy)}] = in.series.number(r, cval);

  // The codebook (chart titles and units); a run folder from before it existed has none.
  const fs::path vp = d / "variables.csv";
  if (fs::exists(vp)) {
    const CsvTable cb = read_csv_file(vp.string());
    const size_t cn = cb.column("variable"), cu = cb.column("unit"), ck = cb.column("kind"), cd = cb.column("description");
    for (const auto& row : cb.rows) in.codebook[row[cn]] = {{"unit", row[cu]}, {"kind", row[ck]}, {"description", row[cd]}};
  }

  const fs::path mp = d / "manifest.json";
  if (fs::exists(mp)) {
    const std::string text = read_text(mp);
    try {
      in.manifest = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      throw InputError(mp.string(), 0, 0, "", std::string("not valid JSON: ") + e.what());
    }
    if (!in.manifest.is_object()) throw InputError(mp.string(), 0, 0, "", "expected a JSON object");
  } else {
    in.notes.push_back("manifest.json is missing: regimes and provenance are not shown.");
  }

  in.history = load_default_history();
  in.fit = compare_with_history(in.history, [&](const std::string& v, int y) {
    auto it = values.find({v, y});
    return it == values.end() ? NAN : it->second;
  });
  load_scenario_for(in);
  load_summary(in, d);
  load_bottlenecks(in, d);
  load_extra_tables(in, d);
  return in;
}

std::string render_report_html(const ReportInputs& in) {
  if (!web_assets_available())
    throw std::runtime_error(
        "this gangdu was built without the charting library (-DGANGDU_WEB=OFF or web/node_modules missing); "
        "run scripts/install-web.sh and rebuild to write reports");
  using nlohmann::json;
  // Series: variable -> values by year (null where absent).
  const size_t cv = in.series.column("variable"), cy = in.series.column("year"), cval = in.series.column("value");
  int y0 = 1 << 30, y1 = -(1 << 30);
  for (size_t r = 0; r < in.series.rows.size(); ++r) {
    const int y = in.series.integer(r, cy);
    y0 = std::min(y0, y);
    y1 = std::max(y1, y);
  }
  if (in.series.rows.empty()) y0 = y1 = 0;
  const int ny = y1 - y0 + 1;
  std::map<std::string, std::vector<double>> series;
  for (size_t r = 0; r < in.series.rows.size(); ++r) {
    auto& v = series[in.series.rows[r][cv]];
    if (v.empty()) v.assign(static_cast<size_t>(ny), NAN);
    v[static_cast<size_t>(in.series.integer(r, cy) - y0)] = in.series.number(r, cval);
  }
  auto to_json = [](const std::vector<double>& v) {
    json a = json::array();
    for (double x : v) a.push_back(std::isnan(x) ? json(nullptr) : json(x));
    return a;
  };
  json data;
  data["first_year"] = y0;
  data["last_year"] = y1;
  json js = json::object();
  for (const auto& [k, v] : series) js[k] = to_json(v);
  data["series"] = js;

  // Display order: variables with historical points first (record order), then the rest.
  std::vector<std::string> order;
  std::set<std::string> seen;
  for (const auto& p : in.history)
    if (series.count(p.variable) && seen.insert(p.variable).second) order.push_back(p.variable);
  for (const auto& [k, v] : series)
    if (seen.insert(k).second) order.push_back(k);
  data["order"] = order;

  // Historical points, with ratio points drawn at their implied level.
  json hist = json::array();
  for (const FitRow& r : in.fit.rows) {
    const HistoryPoint& p = r.point;
    double level = p.value;
    if (p.compare == "ratio") {
      auto it = series.find(p.variable);
      const double base = (it != series.end() && p.base_year >= y0 && p.base_year <= y1)
                              ? it->second[static_cast<size_t>(p.base_year - y0)]
                              : NAN;
      level = std::isnan(base) ? NAN : p.value * base;
    }
    hist.push_back({{"variable", p.variable},
                    {"year", p.year},
                    {"base_year", p.base_year},
                    {"compare", p.compare},
                    {"observed", p.value},
                    {"y", std::isnan(level) ? json(nullptr) : json(level)},
                    {"qualifier", p.qualifier},
                    {"unit", p.unit},
                    {"citation", p.citation},
                    {"where", seed_places_of(p.citation)},
                    {"simulated", std::isnan(r.simulated) ? json(nullptr) : json(r.simulated)},
                    {"error", std::isnan(r.error) ? json(nullptr) : json(r.error)}});
  }
  data["history"] = hist;
  json mape = json::object();
  for (const auto& [k, v] : in.fit.mape_by_variable) mape[k] = v;
  data["mape"] = mape;

  // Regimes: shaded from their start to the next one's (or the run's end).
  json regimes = json::array();
  if (in.manifest.contains("regimes") && in.manifest["regimes"].is_array()) {
    const auto& rg = in.manifest["regimes"];
    const double end = in.manifest.contains("end") && in.manifest["end"].is_string()
                           ? year_frac(in.manifest["end"].get<std::string>()) + 1.0 / 12
                           : y1 + 1.0;
    for (size_t i = 0; i < rg.size(); ++i) {
      const std::string start = rg[i].value("start", std::string());
      const double x0 = year_frac(start);
      const double x1 = i + 1 < rg.size() ? year_frac(rg[i + 1].value("start", std::string())) : end;
      if (std::isnan(x0)) continue;
      regimes.push_back({{"id", rg[i].value("id", std::string())},
                         {"name", rg[i].value("name", std::string())},
                         {"source", rg[i].value("source", std::string())},
                         {"start", start},
                         {"x0", x0},
                         {"x1", std::isnan(x1) ? end : x1}});
    }
  }
  data["regimes"] = regimes;
  data["events"] = in.events;
  data["codebook"] = in.codebook;

  if (in.summary) {
    const CsvTable& t = *in.summary;
    const size_t sv = find_column(t, {"variable"}), sy = find_column(t, {"year"});
    const size_t sm = in.summary_mean.empty() ? std::string::npos : find_column(t, {in.summary_mean.c_str()});
    const size_t sl = find_column(t, {in.summary_lo.c_str()}), sh = find_column(t, {in.summary_hi.c_str()});
    std::map<std::string, std::array<std::vector<double>, 3>> band;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const int y = t.integer(r, sy);
      if (y < y0 || y > y1) continue;
      auto& b = band[t.rows[r][sv]];
      if (b[0].empty())
        for (auto& v : b) v.assign(static_cast<size_t>(ny), NAN);
      const size_t i = static_cast<size_t>(y - y0);
      if (sm != std::string::npos) b[0][i] = t.number(r, sm);
      b[1][i] = t.number(r, sl);
      b[2][i] = t.number(r, sh);
    }
    json jb = json::object();
    for (const auto& [k, b] : band) jb[k] = {{"mean", to_json(b[0])}, {"lo", to_json(b[1])}, {"hi", to_json(b[2])}};
    data["band"] = jb;
    data["band_label"] = fmt::format("ensemble {}..{} ({})", in.summary_lo, in.summary_hi, in.summary_name);
  }
  if (in.bottlenecks) {
    const CsvTable& t = *in.bottlenecks;
    const size_t by = find_column(t, {"year"}), bu = find_column(t, {"unit", "stage", "facility"}),
                 bs = find_column(t, {in.bottleneck_value.c_str()});
    json units = json::object();
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const int y = t.integer(r, by);
      units[t.rows[r][bu]].push_back({{"x", y}, {"y", t.number(r, bs)}});
    }
    data["bottlenecks"] = {{"value", in.bottleneck_value}, {"units", units}};
  }
  data["manifest"] = in.manifest;

  // ---- the page
  const std::string title = in.manifest.value("scenario", std::string("run"));
  std::string h;
  h.reserve(400000);
  h += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<meta name=\"generator\" content=\"gangdu report\">\n";
  h += "<title>Gangdu report: " + html_escape(title) + "</title>\n<style>\n" + web_asset("gangdu.css") + "\n</style>\n";
  h += "</head>\n<body class=\"report\">\n<header>\n<h1>Gangdu report: " + html_escape(title) + "</h1>\n";
  const auto mget = [&](const char* k) {
    if (!in.manifest.contains(k)) return std::string("?");
    const auto& v = in.manifest[k];
    return v.is_string() ? v.get<std::string>() : v.dump();
  };
  h += fmt::format(
      "<p class=\"meta\">Scenario <b>{}</b> ({}..{}), seed {}, scale {}, scenario hash <code>{}</code>, gangdu {} "
      "<code>{}</code>. Run folder: <code>{}</code>.</p>\n",
      html_escape(mget("scenario")), html_escape(mget("start")), html_escape(mget("end")), html_escape(mget("seed")),
      html_escape(mget("scale")), html_escape(mget("scenario_hash")), html_escape(mget("version")),
      html_escape(mget("git_commit")), html_escape(in.dir));
  h += "<nav><a href=\"#charts\">Charts</a> <a href=\"#fit\">Fit table</a>";
  if (in.bottlenecks) h += " <a href=\"#bottlenecks\">Bottlenecks</a>";
  if (!in.tables.empty()) h += " <a href=\"#ablation\">Ablation</a>";
  h += " <a href=\"#regimes\">Regimes</a> <a href=\"#scenario\">Scenario</a> <a href=\"#manifest\">Manifest</a></nav>\n";
  h += "</header>\n<main>\n";
  for (const std::string& n : in.notes) h += "<p class=\"note\">" + html_escape(n) + "</p>\n";

  h += "<section id=\"charts\">\n<h2>Simulated paths beside the historical record</h2>\n";
  h += "<p class=\"legend\">Line: this run. Points: the record (data/history/record.csv), hover for the value, qualifier "
       "and citation; &#9650; a lower bound (\"more than\"), &#9660; an upper bound (\"less than\", \"up to\"), &#9670; a "
       "ratio to a base year drawn at its implied level. Shaded: regime periods, labelled by id (see the Regimes table); dashed ticks: dated scenario "
       "events; the grey line marks 1958, from where the run is a forecast.";
  if (in.summary) h += " Band: " + html_escape(data["band_label"].get<std::string>()) + ".";
  h += " Figures after 1957 are not calibration targets.</p>\n";
  h += "<div id=\"chart-grid\" class=\"grid\"></div>\n</section>\n";

  h += fmt::format("<section id=\"fit\">\n<h2>Fit to the record (up to 1957)</h2>\n<p>Overall MAPE over {} points: <b>{}</b>%. ",
                   in.fit.rows.size(), std::isnan(in.fit.overall_mape) ? "n/a" : fmt::format("{:.1f}", in.fit.overall_mape));
  h += "Bounds (more than / less than) count as 0 error when satisfied. Rows off by more than 15% are marked.</p>\n";
  h += "<p>Each point has a class (data/history/record_classes.csv): <i>input</i>, a scenario value sets it; "
       "<i>fitted</i>, a parameter was calibrated on it; <i>independent</i>, neither. Only the independent points "
       "test the model; <code>gangdu validate --cross 1952</code> gives an out-of-sample check.</p>\n";
  h += "<div class=\"table-wrap\"><table id=\"class-table\"><thead><tr><th>class</th><th>points</th><th>MAPE %</th>"
       "</tr></thead><tbody>";
  for (const char* c : {"independent", "fitted", "input", "unclassified"}) {
    auto it = in.fit.mape_by_class.find(c);
    if (it != in.fit.mape_by_class.end())
      h += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.1f}</td></tr>", c,
                       in.fit.points_by_class.at(c), it->second);
  }
  h += "</tbody></table></div>\n";
  h += fit_table_html(in.fit) + "\n";
  h += "<h3>MAPE by variable</h3>\n<div class=\"table-wrap\"><table id=\"mape-table\"><thead><tr><th>variable</th><th>MAPE %</th></tr></thead><tbody>";
  for (const auto& [k, v] : in.fit.mape_by_variable)
    h += fmt::format("<tr><td>{}</td><td class=\"num\">{:.1f}</td></tr>", html_escape(k), v);
  h += "</tbody></table></div>\n</section>\n";

  if (in.bottlenecks) {
    h += "<section id=\"bottlenecks\">\n<h2>Bottlenecks</h2>\n<p>Which unit binds, by year (bottlenecks.csv, column <code>" +
         html_escape(in.bottleneck_value) + "</code>).</p>\n<div class=\"card wide\"><canvas id=\"bottleneck-chart\"></canvas></div>\n</section>\n";
  }
  if (!in.tables.empty()) {
    h += "<section id=\"ablation\">\n<h2>Ablation</h2>\n";
    for (const auto& t : in.tables) {
      h += "<h3>" + html_escape(t.name) + "</h3>\n";
      if (t.table)
        h += table_html(*t.table, "table-" + t.name) + "\n";
      else
        h += "<p class=\"note\">" + html_escape(t.note) + "</p>\n";
    }
    h += "</section>\n";
  }

  h += "<section id=\"regimes\">\n<h2>Regimes</h2>\n<div class=\"table-wrap\"><table id=\"regime-table\"><thead><tr><th></th><th>from</th><th>id</th><th>name</th><th>source</th></tr></thead><tbody>";
  for (size_t i = 0; i < regimes.size(); ++i)
    h += fmt::format("<tr><td><span class=\"swatch r{}\"></span></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", i % 2,
                     html_escape(regimes[i]["start"].get<std::string>()), html_escape(regimes[i]["id"].get<std::string>()),
                     html_escape(regimes[i]["name"].get<std::string>()), html_escape(with_place(regimes[i]["source"].get<std::string>())));
  h += "</tbody></table></div>\n</section>\n";

  h += "<section id=\"scenario\">\n<h2>Scenario</h2>\n";
  if (!in.scenario_note.empty()) h += "<p class=\"note\">" + html_escape(in.scenario_note) + "</p>\n";
  if (!in.events.empty()) {
    h += "<h3>Dated events</h3>\n<div class=\"table-wrap\"><table id=\"event-table\"><thead><tr><th>date</th><th>kind</th><th>target</th><th>source</th></tr></thead><tbody>";
    for (const auto& e : in.events)
      h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", html_escape(e["date"].get<std::string>()),
                       html_escape(e["kind"].get<std::string>()), html_escape(e["target"].get<std::string>()),
                       html_escape(with_place(e["source"].get<std::string>())));
    h += "</tbody></table></div>\n";
  }
  if (!in.scenario_text.empty())
    h += "<details><summary>Scenario file <code>" + html_escape(in.scenario_label) + "</code></summary><pre class=\"scenario\">" +
         html_escape(in.scenario_text) + "</pre></details>\n";
  h += "</section>\n";
  h += "<section id=\"manifest\">\n<h2>Manifest</h2>\n<pre class=\"manifest\">" + html_escape(in.manifest.dump(2)) + "</pre>\n</section>\n";
  h += "<section id=\"sources\">\n<h2>Sources</h2>\n<p class=\"bibliography\">" + html_escape(kSeedBibliography) +
       ".</p>\n<p class=\"note\">Citations \"L1234\" are line numbers of the project's plain-text copy of the "
       "dissertation; each is followed by its chapter, section and printed page where these can be derived "
       "(data/seed/seed_places.csv; a page range where the text does not fix the page).</p>\n</section>\n";
  h += "</main>\n<footer>Written by <code>gangdu report</code>. Charts drawn with Chart.js (MIT licence), embedded; the file "
       "needs no network.</footer>\n";
  h += "<script id=\"gangdu-data\" type=\"application/json\">" + json_for_script(data) + "</script>\n";
  h += "<script>\n" + web_asset("chart.umd.min.js") + "\n</script>\n";
  h += "<script>\n" + web_asset("gangdu-charts.js") + "\n</script>\n";
  h += "<script>\n" + web_asset("report.js") + "\n</script>\n";
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace gangdu
