// gangdu report: the HTML is self-contained, shows the record with citations, tolerates optional files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "outputs/report.hpp"

namespace fs = std::filesystem;
using namespace gangdu;

namespace {

fs::path temp_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("gangdu-report-test-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

std::string read(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// A small synthetic run folder: two variables, a manifest with two regimes.
fs::path synthetic_run(const std::string& name) {
  const fs::path d = temp_dir(name);
  std::string s = "variable,year,value\n";
  for (int y = 1920; y <= 1960; ++y) {
    s += "angang.pig_iron_t," + std::to_string(y) + "," + std::to_string((y - 1919) * 50000) + "\n";
    s += "anshan.population," + std::to_string(y) + "," + std::to_string((y - 1919) * 10000) + "\n";
  }
  write(d / "series.csv", s);
  write(d / "manifest.json",
        R"({"scenario":"anshan","scenario_file":"<embedded>/scenarios/anshan.toml","scenario_hash":"0000000000000000",)"
        R"("seed":1,"scale":0.1,"start":"1920-01","end":"1960-12","regimes":[{"id":"a","name":"First </script> regime",)"
        R"("start":"1920-01","source":"L1"},{"id":"b","name":"Second","start":"1945-08","source":"L2"}]})");
  return d;
}

}  // namespace

TEST(Report, EscapesForHtmlAndScript) {
  EXPECT_EQ(html_escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  const std::string s = json_for_script(nlohmann::json{{"k", "</script><!-- x"}});
  EXPECT_EQ(s.find("</"), std::string::npos);
  EXPECT_EQ(s.find("<!"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(s)["k"], "</script><!-- x");  // still the same JSON
}

TEST(Report, EmbedsChartLibraryAndDataWithCitations) {
  ASSERT_TRUE(web_assets_available()) << "configure found no web/node_modules: run scripts/install-web.sh";
  const fs::path d = synthetic_run("basic");
  const ReportInputs in = load_report_inputs(d.string());
  EXPECT_FALSE(in.fit.rows.empty());
  EXPECT_FALSE(in.scenario_text.empty());              // the embedded scenario is shown
  EXPECT_NE(in.scenario_note.find("differs"), std::string::npos);  // the hash above is not the file's
  EXPECT_FALSE(in.events.empty());
  const std::string h = render_report_html(in);
  EXPECT_EQ(h.rfind("<!doctype html>", 0), 0u);
  EXPECT_NE(h.find("Chart.js"), std::string::npos);  // the library inlined...
  EXPECT_EQ(h.find("<script src="), std::string::npos);  // ...and nothing loaded from elsewhere
  EXPECT_EQ(h.find("sourceMappingURL"), std::string::npos);
  EXPECT_EQ(h.find("http://"), std::string::npos);
  EXPECT_NE(h.find("L692"), std::string::npos);  // a citation of the record
  EXPECT_NE(h.find("id=\"fit-table\""), std::string::npos);
  EXPECT_NE(h.find("id=\"class-table\""), std::string::npos);  // MAPE by point class (issue 18)
  EXPECT_NE(h.find("<td class=\"cls-input\">input</td>"), std::string::npos);
  EXPECT_NE(h.find("First &lt;/script&gt; regime"), std::string::npos);  // escaped in the table
  EXPECT_EQ(h.find("First </script>"), std::string::npos);               // and in the data
  EXPECT_EQ(h.find("\"band\""), std::string::npos);                      // no summary, no band
  fs::remove_all(d);
}

TEST(Report, UsesAnEnsembleSummaryAndBottlenecksWhenPresent) {
  const fs::path d = synthetic_run("band");
  write(d / "summary.csv", "variable,year,mean,p05,p95\nangang.pig_iron_t,1930,550000,500000,600000\n");
  write(d / "bottlenecks.csv", "year,unit,binding_share\n1930,bf,0.75\n1930,coke,0.25\n");
  write(d / "ablation.csv", "rule,mape\nR5 off,<b>41.2</b>\n");
  const ReportInputs in = load_report_inputs(d.string());
  ASSERT_TRUE(in.summary);
  EXPECT_EQ(in.summary_lo, "p05");
  ASSERT_TRUE(in.bottlenecks);
  ASSERT_EQ(in.tables.size(), 1u);
  const std::string h = render_report_html(in);
  EXPECT_NE(h.find("\"band\":{\"angang.pig_iron_t\""), std::string::npos);
  EXPECT_NE(h.find("id=\"bottleneck-chart\""), std::string::npos);
  EXPECT_NE(h.find("&lt;b&gt;41.2&lt;/b&gt;"), std::string::npos);
  fs::remove_all(d);
}

TEST(Report, ShowsTheForecastBandOfValidateForecast) {
  const fs::path d = synthetic_run("forecastband");
  write(d / "forecast.csv",
        "variable,year,mean,p05,p95,trend_1949_1957,plan_target,runs\nangang.pig_iron_t,1931,550000,500000,600000,nan,nan,"
        "20\n");
  write(d / "forecast_runs.csv", "run,seed,mape_le_1957,kept\n0,1,8.3,1\n");
  const ReportInputs in = load_report_inputs(d.string());
  ASSERT_TRUE(in.summary);
  EXPECT_EQ(in.summary_name, "forecast.csv");
  EXPECT_TRUE(in.notes.empty()) << in.notes.front();  // forecast_runs.csv is not mistaken for a band
  EXPECT_NE(render_report_html(in).find("\"band\":{\"angang.pig_iron_t\""), std::string::npos);
  // An ensemble summary, when present too, takes precedence.
  write(d / "summary.csv", "variable,year,mean,p05,p95\nangang.pig_iron_t,1930,550000,500000,600000\n");
  EXPECT_EQ(load_report_inputs(d.string()).summary_name, "summary.csv");
  fs::remove_all(d);
}

TEST(Report, IgnoresAnUnusableSummaryWithANote) {
  const fs::path d = synthetic_run("badband");
  write(d / "summary.csv", "variable,year,mean\nangang.pig_iron_t,1930,1\n");
  const ReportInputs in = load_report_inputs(d.string());
  EXPECT_FALSE(in.summary);
  ASSERT_FALSE(in.notes.empty());
  EXPECT_NE(in.notes[0].find("p05"), std::string::npos);
  fs::remove_all(d);
}

TEST(Report, MalformedSeriesIsAnInputError) {
  const fs::path d = temp_dir("bad");
  EXPECT_THROW(load_report_inputs(d.string()), InputError);  // no series.csv
  write(d / "series.csv", "variable,year,value\nangang.steel_t,19x5,3\n");
  try {
    load_report_inputs(d.string());
    FAIL() << "accepted a bad year";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2);
  }
  write(d / "series.csv", "variable,year,value\nangang.steel_t,1935,3\n");
  write(d / "manifest.json", "{not json");
  EXPECT_THROW(load_report_inputs(d.string()), InputError);
  fs::remove_all(d);
}

TEST(Report, CommandWritesReportAndRefusesBadInput) {
  const fs::path d = temp_dir("cli");
  const std::string exe = GANGDU_BINARY;
  const std::string cmd = exe + " report --out " + (d / "run").string() + " --scale 0.02 > /dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::string h = read(d / "run" / "report.html");
  EXPECT_GT(h.size(), 200000u);
  EXPECT_NE(h.find("angang.steel_t"), std::string::npos);
  // A malformed series: exit 2, no report written.
  fs::create_directories(d / "bad");
  write(d / "bad" / "series.csv", "variable,year\nx,1\n");
  const std::string bad = exe + " report --out " + (d / "bad").string() + " > /dev/null 2>&1";
  const int rc = std::system(bad.c_str());
  EXPECT_EQ(WEXITSTATUS(rc), 2);
  EXPECT_FALSE(fs::exists(d / "bad" / "report.html"));
  fs::remove_all(d);
}
