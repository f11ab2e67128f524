#pragma once
// `gangdu report`: one self-contained HTML file (no network needed to open
// it) beside a run's outputs. For every series variable a chart of the
// simulated path (ensemble band where a summary CSV is present) with the
// historical points of data/history/record.csv marked and their citations on
// hover; regime periods shaded and dated events marked; the fit table; the
// bottleneck chart and ablation tables when present; the scenario and the
// manifest. The charting library (Chart.js from npm) and the page's own
// scripts are compiled into the binary (cmake/Web.cmake) and inlined.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/csv.hpp"
#include "experiments/validate.hpp"

namespace gangdu {

// An optional table found beside the outputs, or why it was not used.
struct OptionalTable {
  std::string name;  // file name within the run folder
  std::optional<CsvTable> table;
  std::string note;  // non-empty: shown in the report (e.g. "ignored: no p05 column")
};

struct ReportInputs {
  std::string dir;
  nlohmann::json manifest = nlohmann::json::object();
  CsvTable series;  // variable,year,value (required)
  FitTable fit;     // from fit.csv's source: recomputed from the series and the record
  std::vector<HistoryPoint> history;
  std::optional<CsvTable> summary;      // ensemble band: variable, year, mean, p05, p95 (names tolerant)
  std::string summary_name;             // file it came from
  std::string summary_mean, summary_lo, summary_hi;  // the columns used
  std::optional<CsvTable> bottlenecks;  // year, unit, binding share
  std::string bottleneck_value;         // the share column used
  std::vector<OptionalTable> tables;    // ablation*.csv and other extra tables, shown as they are
  std::vector<std::string> notes;       // what was skipped and why
  std::string scenario_label;           // the scenario file shown
  std::string scenario_text;            // its text (empty if unavailable)
  std::string scenario_note;            // e.g. hash mismatch: the run used overrides
  nlohmann::json events = nlohmann::json::array();  // dated events of the scenario
  nlohmann::json codebook = nlohmann::json::object();  // DIR/variables.csv: variable -> unit, kind, description
};

// Reads DIR/series.csv (required), DIR/manifest.json, the embedded record and
// any optional files. Throws InputError on a malformed required file.
ReportInputs load_report_inputs(const std::string& dir);

// The whole HTML page. Throws std::runtime_error if the binary was built
// without the charting library (-DGANGDU_WEB=OFF).
std::string render_report_html(const ReportInputs& in);

// True when the charting library is compiled in.
bool web_assets_available();
// An embedded web asset by file name (e.g. "chart.umd.min.js", "dashboard.js");
// empty if unknown. Source-map comments are stripped (nothing is fetched).
std::string web_asset(std::string_view name);

std::string html_escape(std::string_view s);
// JSON text safe inside <script type="application/json"> ("</" escaped).
std::string json_for_script(const nlohmann::json& j);

// Optional-column lookup: index of the first header among `names`, or npos.
size_t find_column(const CsvTable& t, std::initializer_list<const char*> names);

}  // namespace gangdu
