// Issue 18: record classes, calibration markers, cross-validation plan, baselines, patterns.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "experiments/crossval.hpp"
#include "experiments/record_classes.hpp"
#include "experiments/validate.hpp"
#include "experiments_util.hpp"
#include "test_util.hpp"

using namespace gangdu;

namespace {

std::string src_file(const std::string& rel) { return testutil::slurp(std::string(GANGDU_SOURCE_DIR) + "/" + rel); }

std::string scenario_text() { return src_file("scenarios/anshan.toml"); }

std::vector<HistoryPoint> record() {
  return load_history_text(src_file("data/history/record.csv"), "data/history/record.csv");
}

std::vector<PointClass> classes() {
  return load_record_classes_text(src_file("data/history/record_classes.csv"), "data/history/record_classes.csv");
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

// Replaces the first `from` (which must be there) in `text`.
std::string must_replace(std::string text, const std::string& from, const std::string& to) {
  const auto p = text.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  if (p != std::string::npos) text.replace(p, from.size(), to);
  return text;
}

bool any_contains(const std::vector<std::string>& v, const std::string& what) {
  for (const auto& x : v)
    if (x.find(what) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(RecordClasses, EveryMarkerResolvesAndEveryFittedPointIsMarked) {
  const auto problems = check_record_classes(scenario_text(), "scenarios/anshan.toml", record(), classes());
  EXPECT_TRUE(problems.empty()) << joined(problems);
  // The embedded copies are the files on disk.
  EXPECT_EQ(load_default_record_classes().size(), classes().size());
}

TEST(RecordClasses, EveryPointHasExactlyOneOfTheThreeClasses) {
  auto pts = record();
  apply_record_classes(pts, classes());
  std::map<std::string, int> n;
  for (const auto& p : pts) ++n[p.cls];
  EXPECT_EQ(n["unclassified"], 0);
  EXPECT_EQ(n["input"] + n["fitted"] + n["independent"], static_cast<int>(pts.size()));
  EXPECT_GT(n["independent"], 0);
  // Known identities (issue 18) are inputs, never independent.
  for (const auto& p : pts) {
    if (p.id == "sent_back@1953" || p.id == "investment_yuan@1950-1957" || p.id == "fixed_assets_yuan@1957" ||
        (p.variable.rfind("angang.capacity_", 0) == 0 && p.variable.find("restartable") == std::string::npos)) {
      EXPECT_EQ(p.cls, "input") << p.id;
    }
  }
}

TEST(RecordClasses, TheWithheld1958SteelFigureIsNotInTheRecord) {
  for (const auto& p : record()) {
    EXPECT_NE(p.citation.rfind("L5007", 0), 0u) << p.id << " rests on L5007, a 1958 figure";
    EXPECT_NE(p.value, 2910000.0) << p.id;
    EXPECT_LE(p.year, 1957);
  }
}

TEST(RecordClasses, AMarkerNamingNoPointFails) {
  const std::string t =
      must_replace(scenario_text(), "[calibrated: unusable_output_t@1953]", "[calibrated: unusable_output_t@1952]");
  const auto problems = check_record_classes(t, "x.toml", record(), classes());
  EXPECT_TRUE(any_contains(problems, "'unusable_output_t@1952' names no record point")) << joined(problems);
  // ... and the 1953 point, now marked by nothing, is reported as fitted without a parameter.
  EXPECT_TRUE(any_contains(problems, "'unusable_output_t@1953' is classed fitted but no scenario value"))
      << joined(problems);
}

TEST(RecordClasses, ACalibratedSourceWithoutMarkerFails) {
  const std::string t = must_replace(scenario_text(), " [calibrated: unusable_output_t@1954]", "");
  const auto problems = check_record_classes(t, "x.toml", record(), classes());
  EXPECT_TRUE(any_contains(problems, "parameters.quality_k: the source says calibrated but carries no"))
      << joined(problems);
}

TEST(RecordClasses, AMarkerOnAnIndependentPointFails) {
  const std::string t = must_replace(scenario_text(), "[calibrated: unusable_output_t@1954]",
                                     "[calibrated: unusable_output_t@1954, order_fulfilment@1954]");
  const auto problems = check_record_classes(t, "x.toml", record(), classes());
  EXPECT_TRUE(any_contains(problems, "'order_fulfilment@1954', which is classed independent")) << joined(problems);
}

TEST(RecordClasses, APointClassedInputAndIndependentFails) {
  auto c = classes();
  PointClass dup;
  for (const auto& x : c)
    if (x.id == "sent_back@1953") dup = x;
  dup.cls = "independent";
  dup.set_by = "";
  dup.line = 999;
  c.push_back(dup);
  const auto problems = check_record_classes(scenario_text(), "x.toml", record(), c);
  EXPECT_TRUE(any_contains(problems, "'sent_back@1953' classed both input and independent")) << joined(problems);
}

TEST(RecordClasses, InputsSayWhatSetsThemAndOthersDoNot) {
  auto c = classes();
  for (auto& x : c)
    if (x.id == "sent_back@1953") x.set_by = "";
  for (auto& x : c)
    if (x.id == "order_fulfilment@1954") x.set_by = "parameters.demand_order_share";
  const auto problems = check_record_classes(scenario_text(), "x.toml", record(), c);
  EXPECT_TRUE(any_contains(problems, "input point 'sent_back@1953' does not say what sets it")) << joined(problems);
  EXPECT_TRUE(any_contains(problems, "'order_fulfilment@1954' is independent but names")) << joined(problems);
}

TEST(RecordClasses, BadClassFileIsRejectedWithItsLine) {
  try {
    load_record_classes_text("id,class,set_by,note\npig_iron_t@1925,sort of,,x\n", "c.csv");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("c.csv"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("2"), std::string::npos);
  }
  EXPECT_THROW(load_history_text("variable,year,base_year,compare,value,qualifier,unit,citation\n"
                                 "a.b,1950,,level,1,,t,L1\na.b,1950,,level,2,,t,L2\n",
                                 "h.csv"),
               InputError);  // two points with one id
}

TEST(Validate, FitTableSplitsTheMapeByClassAndAppendsTheClassColumn) {
  auto pts = load_history_text(
      "variable,year,base_year,compare,value,qualifier,unit,citation\n"
      "a.x,1950,,level,100,,t,L1\na.x,1951,,level,100,,t,L2\na.y,1950,,level,10,,t,L3\n",
      "h.csv");
  apply_record_classes(pts, load_record_classes_text("id,class,set_by,note\nx@1950,input,a scenario value,\n"
                                                     "x@1951,fitted,,\ny@1950,independent,,\n",
                                                     "c.csv"));
  const FitTable t = compare_with_history(
      pts, [](const std::string& v, int y) { return v == "a.x" ? (y == 1950 ? 110.0 : 80.0) : 10.5; });
  EXPECT_NEAR(t.mape_by_class.at("input"), 10.0, 1e-9);
  EXPECT_NEAR(t.mape_by_class.at("fitted"), 20.0, 1e-9);
  EXPECT_NEAR(t.mape_by_class.at("independent"), 5.0, 1e-9);
  EXPECT_NEAR(t.overall_mape, 35.0 / 3.0, 1e-9);
  const std::string csv = fit_csv(t);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "variable,year,base_year,compare,qualifier,observed,simulated,error,abs_pct_error,unit,citation,class,id");
  EXPECT_NE(csv.find(",L3,independent,y@1950\n"), std::string::npos);
  EXPECT_NE(fit_report(t).find("independent    1 points     5.0%"), std::string::npos);
}

TEST(Patterns, ChecksPassAndFailOnTheSeries) {
  const auto checks = load_patterns_text(
      "id,a_variable,a_year,relation,factor,b_variable,b_year,seed_lines,statement\n"
      "grew,v,1950,>,2,v,1940,L1,grew\nfell,v,1950,<,0.5,v,1940,L2,fell\nunder,v,1950,<,1,constant,1950,L3,under one\n",
      "p.csv");
  const auto r = check_patterns(checks, [](const std::string&, int y) { return y == 1950 ? 0.9 : 0.3; });
  EXPECT_TRUE(r[0].pass);   // 0.9 > 0.6
  EXPECT_FALSE(r[1].pass);  // 0.9 < 0.15 fails
  EXPECT_TRUE(r[2].pass);   // 0.9 < 1
  const auto missing = check_patterns(checks, [](const std::string&, int) { return NAN; });
  for (const auto& x : missing) {
    EXPECT_FALSE(x.pass);
  }
  EXPECT_THROW(load_patterns_text("id,a_variable,a_year,relation,factor,b_variable,b_year,seed_lines,statement\n"
                                  "x,v,1950,=,1,v,1940,L1,s\n",
                                  "p.csv"),
               InputError);
  EXPECT_THROW(load_patterns_text("id,a_variable,a_year,relation,factor,b_variable,b_year,seed_lines,statement\n"
                                  "x,v,1960,<,1,v,1940,L1,after the record\n",
                                  "p.csv"),
               InputError);
  for (const auto& c : load_default_patterns()) EXPECT_FALSE(c.seed_lines.empty()) << c.id;
}

TEST(CrossValidation, NothingFittedAfterTheCutEntersTheRefit) {
  const ScenarioSource src{scenario_text(), "scenarios/anshan.toml"};
  auto hist = record();
  apply_record_classes(hist, classes());
  for (int cut : {1935, 1945, 1952, 1955}) {
    const CrossPlan p = plan_cross(src, hist, load_default_param_ranges(), cut);
    std::map<std::string, int> year;
    for (const auto& h : hist) year[h.id] = h.year;
    for (const CrossItem& it : p.items) {
      size_t before = 0;
      for (const auto& id : it.marker.ids) before += year[id] <= cut;
      if (it.rule == "refit") {
        EXPECT_EQ(before, it.marker.ids.size()) << it.marker.where;
      } else if (it.rule == "mid") {
        EXPECT_EQ(before, 0u) << it.marker.where;
      } else if (it.rule == "carry") {
        EXPECT_GT(it.marker.date, std::to_string(cut) + "-12") << it.marker.where;
      }
    }
    for (const auto& h : p.in_sample) {
      EXPECT_LE(h.year, cut);
      EXPECT_NE(h.cls, "input");
    }
    for (const auto& h : p.out_of_sample) {
      EXPECT_TRUE(h.year > cut || h.base_year > cut);
      EXPECT_NE(h.cls, "input");
    }
    std::vector<double> start;
    for (const FreeParam& f : p.free) start.push_back(f.start);
    EXPECT_NO_THROW(p.source.load(p.overrides_for(start, true))) << cut;
  }
  const CrossPlan p = plan_cross(src, hist, load_default_param_ranges(), 1952);
  bool carried = false, dropped = false;
  for (const CrossItem& it : p.items) {
    if (it.marker.key == "regime.ffyp.steel_utilization") {
      EXPECT_EQ(it.rule, "carry");
      EXPECT_EQ(it.tie, "regime.ccp_restoration.steel_utilization");
      carried = true;
    }
    if (it.marker.event && it.marker.param == "plan_profit_shading") {
      EXPECT_EQ(it.rule, "drop");
      dropped = true;
    }
  }
  EXPECT_TRUE(carried && dropped);
  EXPECT_EQ(p.source.text.find("under 4% of profit kept from 1954"), std::string::npos);
  EXPECT_THROW(plan_cross(src, hist, load_default_param_ranges(), 1957), InputError);
}

TEST(CrossValidation, EveryMarkedValueHasADeclaredRangeThatHoldsIt) {
  const ScenarioSource src{scenario_text(), "scenarios/anshan.toml"};
  auto hist = record();
  std::vector<ParamRange> ranges = load_default_param_ranges();
  ranges.erase(
      std::remove_if(ranges.begin(), ranges.end(), [](const ParamRange& r) { return r.key == "parameters.quality_k"; }),
      ranges.end());
  EXPECT_THROW(plan_cross(src, hist, ranges, 1952), InputError);
  ranges = load_default_param_ranges();
  for (auto& r : ranges)
    if (r.key == "parameters.quality_k") r.hi = 3;  // the scenario's 4.0 outside
  EXPECT_THROW(plan_cross(src, hist, ranges, 1952), InputError);
}

TEST(CrossValidation, RunsAndComputesTheBaselinesFromTheRecordUpToTheCut) {
  const ScenarioSource src{scenario_text(), "scenarios/anshan.toml"};
  const auto hist = load_default_history();
  CrossOptions o;
  o.cut = 1952;
  o.budget = 14;  // one generation
  o.seeds = 2;
  o.scale = 0.01;
  o.threads = 2;
  const CrossResult r = run_cross(src, hist, o);
  ASSERT_EQ(r.cross.size(), 2u);
  ASSERT_EQ(r.full.size(), 2u);
  // Persistence: the last record level up to the cut (population 1943: 306,250).
  EXPECT_DOUBLE_EQ(r.baseline_values.at("persistence").at("population@1957"), 306250.0);
  EXPECT_DOUBLE_EQ(r.baseline_values.at("persistence").at("pig_iron_t@1957/1952"), 1.0);
  // Trend: least squares through 1931, 1942, 1943.
  const double xs[] = {1931, 1942, 1943}, ys[] = {16384, 262715, 306250};
  const double mx = (xs[0] + xs[1] + xs[2]) / 3, my = (ys[0] + ys[1] + ys[2]) / 3;
  double sxx = 0, sxy = 0;
  for (int i = 0; i < 3; ++i) sxx += (xs[i] - mx) * (xs[i] - mx), sxy += (xs[i] - mx) * (ys[i] - my);
  EXPECT_NEAR(r.baseline_values.at("trend").at("population@1957"), my + sxy / sxx * (1957 - mx), 1e-6);
  EXPECT_DOUBLE_EQ(r.baseline_values.at("plan targets").at("living_space_m2_per_person@1957"), 6.0);
  // The model is scored on the same points as each baseline.
  for (const BaselineRow& b : r.baselines) {
    EXPECT_EQ(b.model_cross.size(), 2u);
    EXPECT_FALSE(b.ids.empty()) << b.method;
  }
  const std::string rep = cross_report(r);
  EXPECT_NE(rep.find("out-of-sample (1953-1957)"), std::string::npos);
  EXPECT_NE(rep.find("persistence"), std::string::npos);
  const std::string csv = cross_csv(r);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "id,class,observed,qualifier,cross_mean,cross_min,cross_max,full_mean,persistence,trend,plan_target");
}

TEST(CrossValidation, CliWritesTheTableAndRejectsABadCut) {
  namespace fs = std::filesystem;
  const std::string dir = testutil::fresh_dir("cross");
  const std::string log = dir + ".log";
  EXPECT_EQ(testutil::run_cli(
                "validate --scale 0.01 --cross 1952 --cross-budget 14 --cross-seeds 1 --threads 2 --out " + dir, log),
            0)
      << testutil::slurp(log);
  const std::string out = testutil::slurp(log);
  EXPECT_NE(out.find("MAPE by class"), std::string::npos);
  EXPECT_NE(out.find("patterns passed:"), std::string::npos);
  EXPECT_NE(out.find("Cross-validation at 1952"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir + "/cross.csv"));
  EXPECT_NE(testutil::slurp(dir + "/fit.csv").find(",citation,class,id\n"), std::string::npos);
  // A cut outside 1917-1956 and --cross with --set are refused before anything is written.
  const std::string bad = testutil::fresh_dir("cross-bad");
  EXPECT_NE(testutil::run_cli("validate --scale 0.01 --cross 1960 --out " + bad), 0);
  EXPECT_EQ(
      testutil::run_cli("validate --scale 0.01 --cross 1952 --set regime.ffyp.steel_utilization=1.5 --out " + bad), 2);
  EXPECT_FALSE(fs::exists(bad));
  fs::remove_all(dir);
  fs::remove(log);
}
