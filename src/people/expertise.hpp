#pragma once
// People as factors of production (issue 20): experts as persons by origin, and
// skill as a stock carried by persons.
//
// Expert stock. Every Angang technician, and every Japanese employee of Angang
// (the retained Japanese were its engineers and technicians: 1,517 Japanese
// technicians in Anshan in Dec 1946, L1695; 62 of 70 engineers Japanese in
// 1949, L2435), is an expert whose know-how was formed in one era
// (Population::expertise_origins(), set the first month the person works as
// one): Japanese-era, Nationalist-era, at home under the CCP, or in Soviet
// plants (L3040, L2604). The stock is the sum of their technician-equivalent
// weights plus the Soviet advisers working at Angang (an aggregate set by dated
// events, L2172, L2795, L2811, L4925). Coverage = stock / (need per kt x
// installed pig-iron capacity). Because the stock is counted from persons,
// every removal of a person (repatriation, transfer out, dismissal in a
// campaign, death, retirement) changes it with no further code.
//
// What coverage drives (each below 1 only; more experts than the works need add
// nothing):
//   * output: factor min(1, c)^expert_output_elasticity (the technician class of
//     the labour input; read through regimes/campaigns.cpp work_conditions_factor);
//   * pace of restoration, repair and start-up: floor + (1 - floor) min(1, c)^
//     expert_pace_elasticity. Scripted facility repairs advance at this pace
//     (steelworks/registry.cpp), the repair shops' capacity and maintenance
//     restoration scale with it (steelworks/wear.cpp), the construction pipeline's
//     months divide by it (steelworks/construction.cpp);
//   * start-up of new listed units (design, installation, start-up of imported
//     plant, L2811): a separate start-up coverage c_s = specialists / start-up
//     need, where the specialists are the Soviet advisers, the Japanese, the
//     Nationalist-era engineers and the USSR-trained (their technician-equivalent
//     weights; home-trained technicians do not count: they ran plant they knew,
//     L4719) and the need is expert_startup_need_per_myuan x the investment of the
//     units due to start next month. A unit due next month starts
//     with probability floor + (1 - floor) min(1, c_s)^expert_pace_elasticity, else
//     slips a month;
//   * training of successors: works employees learn at `pace` months of
//     experience per month worked.
//
// Skill stock. Each person carries months of works experience learnt
// (Population::experience(); recruits start at 0). A production worker's skill
// is s = s0 + (1 - s0)(1 - exp(-x / T)); the works' skill index S is its mean
// over Angang production workers. Rejects (R8) and the wear hazard are
// multiplied by (1 + r (1 - S)) / (1 + r (1 - S_ref)): quality_q0 and wear_h0
// stay the values of a works at the reference skill S_ref.
//
// Switches: rule_expert_stock (the whole channel), rule_japanese_retained,
// rule_soviet_experts, rule_ussr_training, rule_skill_stock.
#include <array>
#include <cstdint>

namespace gangdu {

struct World;

// Where a person's expertise was formed (Population::expertise_origins()).
// kJapanese: a Japanese engineer or technician; kJapaneseEra: a Chinese technician formed
// under the Japanese companies; kNationalistEra: under the Soviet occupation and the
// Nationalists (1945-48); kHome: at home under the CCP; kUssr: in Soviet plants.
enum class ExpertiseOrigin : uint8_t {
  kNone = 0,
  kJapanese = 1,
  kJapaneseEra = 2,
  kNationalistEra = 3,
  kHome = 4,
  kUssr = 5
};
inline constexpr int kExpertiseOriginCount = 6;

// Month-to-month state of the expert stock and skill index (World::expertise).
struct ExpertiseState {
  double stock = 0;                                     // technician-equivalents (persons)
  double need = 0;                                      // technician-equivalents the installed plant needs
  double coverage = 1;                                  // stock / need (1 when nothing is installed)
  double pace = 1;                                      // restoration, repair and start-up pace (share of full pace)
  double output = 1;                                    // output factor from coverage
  double skill = 1;                                     // skill index of Angang production workers (0..1)
  double soviet = 0;                                    // Soviet advisers counted (persons)
  std::array<double, kExpertiseOriginCount> experts{};  // persons by origin (index 0 unused)
  int64_t slipped = 0;                                  // start-ups postponed by a month, this year
  double specialists = 0;                               // start-up specialists (technician-equivalents)
  double startup_need = 0;                              // specialists the units due next month need
  double startup_pace = 1;                              // probability a unit due next month starts on time
  template <class A>
  void fields(A& a) {  // checkpointed (engine/checkpoint.cpp)
    a(stock, need, coverage, pace, output, skill, soviet, experts, slipped, specialists, startup_need, startup_pace);
  }
};

// Series handles (declared by declare_expertise_series; rebuilt on resume).
struct alignas(8) ExpertiseSeries {
  int stock, coverage, pace, output, skill, soviet, slipped, startup_coverage;
  int by_origin[kExpertiseOriginCount];
};

void declare_expertise_series(World& w);
// One pass over persons: experience learnt, origins of new experts, the stock by
// origin, coverage, pace, output factor and skill index; then start-up slips.
void expertise_month(World& w);

// Read by other layers (1 where the channel is switched off).
double expertise_output_factor(const World& w);  // regimes/campaigns.cpp
double expert_pace(const World& w);              // registry repairs, wear, construction
double reject_skill_multiplier(const World& w);  // production.cpp R8
double wear_skill_multiplier(const World& w);    // wear.cpp

// Pure parts (tested in tests/test_expertise.cpp).
double coverage_output(double coverage, double elasticity);
double coverage_pace(double coverage, double elasticity, double floor);
double skill_of(double experience_months, double recruit_level, double learning_months);
double skill_multiplier(double skill, double response, double reference);

}  // namespace gangdu
