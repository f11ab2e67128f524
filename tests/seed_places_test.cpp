// Citations a reader can resolve (issue 25 item 4): seed lines map to the
// dissertation's chapter, section and printed page (data/seed/seed_places.csv),
// shown by `gangdu list params|rules`.
#include "core/seed_places.hpp"

#include <gtest/gtest.h>

#include <string>

#include "scenario/scenario.hpp"
#include "test_util.hpp"
#include "web/api.hpp"

using gangdu::seed_place;
using gangdu::seed_place_text;
using gangdu::seed_places_of;

TEST(SeedPlaces, KnownLinesMapToChapterSectionAndPage) {
  // Chapter openings: the table of contents' first pages.
  ASSERT_TRUE(seed_place(131));
  EXPECT_EQ(seed_place(131)->chapter, "Introduction");
  EXPECT_EQ(seed_place(131)->page_lo, 1);
  EXPECT_EQ(seed_place_text(477, 477), "ch. 1, p. 29");
  EXPECT_EQ(seed_place_text(1274, 1274), "ch. 2, p. 84");
  // Caption anchors: the lists of tables and figures give their pages.
  EXPECT_EQ(seed_place_text(5044, 5044), "ch. 7, \u00a7'Sino-Soviet Split and Great Leap Forward', p. 348");
  EXPECT_EQ(seed_place_text(4082, 4082), "ch. 5, \u00a7'Housing Crisis', p. 278");
  // A line between anchors: the Soviet removal's tonnage table (p. 97) and the text after it.
  EXPECT_EQ(seed_place_text(1490, 1490), "ch. 2, \u00a7'Soviet De-industrialization', p. 97");
  const auto removal = seed_place(1505);
  ASSERT_TRUE(removal);
  EXPECT_EQ(removal->section, "Soviet De-industrialization");
  EXPECT_GE(removal->page_lo, 97);
  EXPECT_LE(removal->page_hi, 98);
  // Pages never go back within the text.
  int last = 0;
  for (int l = 131; l < 5716; ++l) {
    const auto p = seed_place(l);
    ASSERT_TRUE(p) << l;
    EXPECT_GE(p->page_lo, last) << l;
    EXPECT_LE(p->page_lo, p->page_hi) << l;
    last = p->page_lo;
  }
  // The front matter and lines past the end have no place.
  EXPECT_FALSE(seed_place(100));
  EXPECT_FALSE(seed_place(99999));
}

TEST(SeedPlaces, CitationsInTextAreResolved) {
  EXPECT_EQ(seed_places_of("assumption: no seed line"), "");
  EXPECT_EQ(seed_places_of("URL1505 BL12"), "");  // not citations
  const std::string s = seed_places_of("L1490-1499: the removals happened (L1490-1499; L5044 fn 3)");
  EXPECT_EQ(s,
            "L1490-1499: ch. 2, \u00a7'Soviet De-industrialization', pp. 97-98; "
            "L5044: ch. 7, \u00a7'Sino-Soviet Split and Great Leap Forward', p. 348");
  // A long heading is cut at its dash.
  EXPECT_NE(seed_places_of("L260").find("\u00a7'Industrial Manchuria'"), std::string::npos) << seed_places_of("L260");
}

TEST(SeedPlaces, ListParamsAndRulesShowThePlaces) {
  const auto p = gangdu::testing::run_cli("list params");
  ASSERT_EQ(p.status, 0) << p.out;
  EXPECT_EQ(p.out.rfind("parameter,min,max,unit,meaning,default,source,source_place\n", 0), 0u);
  // removal_scale cites L1490-1499.
  EXPECT_NE(p.out.find("L1490-1499: ch. 2, \u00a7'Soviet De-industrialization', pp. 97-98"), std::string::npos)
      << p.out;
  const auto r = gangdu::testing::run_cli("list rules");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("in the dissertation: L"), std::string::npos);
}

TEST(SeedPlaces, ReportAndDashboardLeversCarryThePlacesAndTheBibliography) {
  const std::string dir = gangdu::testing::temp_dir("seed_places_report") + "/out";
  const auto r = gangdu::testing::run_cli("report --scale 0.01 --seed 3 --out " + dir);
  ASSERT_EQ(r.status, 0) << r.out;
  const std::string html = gangdu::testing::read_file(dir + "/report.html");
  EXPECT_NE(html.find("<section id=\"sources\">"), std::string::npos);
  EXPECT_NE(html.find("Koji Hirata, &quot;Steel Metropolis"), std::string::npos);
  EXPECT_NE(html.find("Stanford University, August 2018"), std::string::npos);
  // The record's points carry "where" for the tooltip; the fit table shows the place.
  EXPECT_NE(html.find("\"where\":\"L692: ch. 1, \u00a7'Producing Iron', pp. 44-45\""), std::string::npos);
  EXPECT_NE(html.find("(L692: ch. 1, \u00a7&#39;Producing Iron&#39;, pp. 44-45)"), std::string::npos);
  // The dashboard's levers: removal_scale's source resolved.
  const nlohmann::json levers = gangdu::web::levers_json(gangdu::web::levers_for(gangdu::load_default_scenario()));
  bool found = false;
  for (const auto& l : levers)
    if (l.value("id", std::string()) == "removal_1945") {
      found = true;
      EXPECT_NE(l.value("where", std::string()).find("L1490-1505: ch. 2, \u00a7'Soviet De-industrialization', pp. 97-"),
                std::string::npos)
          << l.dump();
    }
  EXPECT_TRUE(found);
}
