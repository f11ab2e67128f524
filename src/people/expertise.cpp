#include "people/expertise.hpp"

#include <algorithm>
#include <cmath>

#include "engine/world.hpp"
#include "outputs/writer.hpp"

namespace gangdu {

namespace {
constexpr auto kTech = static_cast<uint8_t>(Occupation::kTechnician);
constexpr auto kProd = static_cast<uint8_t>(Occupation::kProduction);
constexpr auto kJapanese = static_cast<uint8_t>(Ethnicity::kJapanese);
constexpr float kMaxExperience = 1200.0f;  // months (100 years): a cap far above any career

// The era in which expertise forming now is formed (the regime's expert_formation_era).
ExpertiseOrigin era_origin(const World& w) {
  const double e = w.P.expert_formation_era;
  return e < 1.5 ? ExpertiseOrigin::kJapaneseEra : e < 2.5 ? ExpertiseOrigin::kNationalistEra : ExpertiseOrigin::kHome;
}

double origin_weight(const Params& P, int origin) {
  switch (static_cast<ExpertiseOrigin>(origin)) {
    case ExpertiseOrigin::kJapanese:
      return P.expert_weight_japanese;
    case ExpertiseOrigin::kNationalistEra:
      return P.expert_weight_nationalist_era;
    case ExpertiseOrigin::kJapaneseEra:  // assumption: a Chinese technician of the Japanese era counts as one
    case ExpertiseOrigin::kHome:
      return 1.0;  // the unit: a technician trained at home
    case ExpertiseOrigin::kUssr:
      return P.expert_weight_ussr;
    default:
      return 0.0;
  }
}
}  // namespace

double coverage_output(double coverage, double elasticity) {
  return std::pow(std::clamp(coverage, 0.0, 1.0), elasticity);
}

double coverage_pace(double coverage, double elasticity, double floor) {
  const double f = std::clamp(floor, 0.0, 1.0);
  return f + (1.0 - f) * std::pow(std::clamp(coverage, 0.0, 1.0), elasticity);
}

double skill_of(double experience_months, double recruit_level, double learning_months) {
  const double s0 = std::clamp(recruit_level, 0.0, 1.0);
  return s0 + (1.0 - s0) * (1.0 - std::exp(-std::max(0.0, experience_months) / std::max(1e-9, learning_months)));
}

double skill_multiplier(double skill, double response, double reference) {
  return (1.0 + response * (1.0 - std::clamp(skill, 0.0, 1.0))) /
         (1.0 + response * (1.0 - std::clamp(reference, 0.0, 1.0)));
}

void declare_expertise_series(World& w) {
  auto& r = w.rec;
  auto& v = w.xv;
  const auto S = SeriesKind::kStock;
  const auto F = SeriesKind::kFlow;
  v.stock = r.declare({"angang.expert_stock", S, "persons",
                       "experts at Angang in technician-equivalents (weights by origin) at year end", "R21"});
  v.coverage = r.declare({"angang.expert_coverage", F, "share",
                          "expert stock / experts the installed plant needs, mean over the year", "R21"});
  v.pace = r.declare({"angang.expert_pace", F, "share",
                      "pace of restoration, repair, start-up and training from expert coverage, mean over the year",
                      "R21"});
  v.output = r.declare({"angang.expert_output_factor", F, "share",
                        "output factor from expert coverage (technician class), mean over the year", "R21"});
  v.skill = r.declare({"angang.skill_index", F, "share",
                       "mean skill of Angang production workers from their works experience, mean over the year",
                       "R21"});
  v.soviet = r.declare({"angang.soviet_experts", S, "persons", "Soviet advisers at Angang at year end", "R21"});
  v.startup_coverage = r.declare({"angang.startup_coverage", F, "share",
                                  "start-up specialists / what the units due to start next month need, mean over the "
                                  "year (10 in months with no start-up; capped at 10)",
                                  "R21"});
  v.slipped = r.declare({"angang.startups_slipped", F, "count",
                         "months by which unit start-ups slipped for want of experts, in the year", "R21"});
  static const char* const kNames[kExpertiseOriginCount] = {"",
                                                            "angang.experts_japanese",
                                                            "angang.experts_japanese_era",
                                                            "angang.experts_nationalist_era",
                                                            "angang.experts_home_trained",
                                                            "angang.experts_ussr_trained"};
  static const char* const kMeanings[kExpertiseOriginCount] = {
      "",
      "Japanese employees of Angang (engineers and technicians), at year end",
      "Chinese technicians of Angang formed under the Japanese companies, at year end",
      "Angang technicians formed under the Soviet occupation and the Nationalists, at year end",
      "Angang technicians trained at home under the CCP, at year end",
      "Angang technicians trained in Soviet plants, at year end"};
  v.by_origin[0] = -1;
  for (int o = 1; o < kExpertiseOriginCount; ++o)
    v.by_origin[o] = r.declare({kNames[o], S, "persons", kMeanings[o], "R21"});
}

void expertise_month(World& w) {
  ExpertiseState& x = w.expertise;
  const Params& P = w.P;
  Population& pop = w.people;
  const int32_t now = w.now();
  const bool on = P.rule_expert_stock;
  const ExpertiseOrigin era = era_origin(w);
  // Japanese kept after 1945 (era past the Japanese one) count only if retained.
  const bool japanese_experts = era == ExpertiseOrigin::kJapaneseEra || P.rule_japanese_retained;
  const double ussr_share = P.rule_ussr_training ? P.expert_ussr_trained_share : 0.0;
  const float learn = static_cast<float>(on ? x.pace : 1.0);  // months learnt per month worked
  const double s0 = P.skill_recruit_level, tl = P.skill_learning_months;
  const uint64_t kl = rng::month_key(w.key_labour, now);
  const auto alive = pop.alive_flags();
  const auto ids = pop.ids();
  const auto eth = pop.ethnicities();
  const auto occ = pop.occupations();
  auto emp = pop.employers();
  auto formed = pop.expertise_origins();
  auto exp = pop.experience();
  double counted[kExpertiseOriginCount] = {};
  double skill_sum = 0;
  int64_t producers = 0;
  for (size_t i = 0; i < pop.size(); ++i) {
    if (!alive[i] || !works_for_angang(static_cast<Employer>(emp[i]))) continue;
    exp[i] = std::min(kMaxExperience, exp[i] + learn);
    const bool japanese = eth[i] == kJapanese;
    if (japanese && !japanese_experts) {
      emp[i] = static_cast<uint8_t>(Employer::kNone);  // not retained: let go (counterfactual)
      continue;
    }
    if (occ[i] == kProd && !japanese) {
      skill_sum += skill_of(exp[i], s0, tl);
      ++producers;
    }
    if (occ[i] != kTech && !japanese) continue;
    if (formed[i] == 0) {
      ExpertiseOrigin o = japanese ? ExpertiseOrigin::kJapanese : era;
      if (o == ExpertiseOrigin::kHome && ussr_share > 0 && rng::uniform_m(kl, ids[i], 20) < ussr_share)
        o = ExpertiseOrigin::kUssr;
      formed[i] = static_cast<uint8_t>(o);
    }
    counted[formed[i]] += 1.0;
  }
  x.stock = 0;
  for (int o = 1; o < kExpertiseOriginCount; ++o) {
    x.experts[o] = counted[o] * w.weight;
    x.stock += x.experts[o] * origin_weight(P, o);
  }
  x.soviet = P.rule_soviet_experts ? P.expert_soviet_advisers : 0.0;
  x.stock += x.soviet * P.expert_weight_soviet;
  x.need = P.expert_need_per_kt * w.installed[static_cast<size_t>(Stage::kPigIron)] / 1000.0;
  x.coverage = x.need > 0 ? x.stock / x.need : 1.0;
  x.output = coverage_output(x.coverage, P.expert_output_elasticity);
  x.pace = coverage_pace(x.coverage, P.expert_pace_elasticity, P.expert_pace_floor);
  x.skill = producers > 0 ? skill_sum / static_cast<double>(producers) : 1.0;

  // Start-ups (L2811: Soviet experts designed, installed and launched the new mills; L2833-2867:
  // delays). Specialists: Soviet advisers, Japanese, Nationalist-era engineers, USSR-trained.
  x.specialists = x.soviet * P.expert_weight_soviet;
  for (const auto o : {ExpertiseOrigin::kJapanese, ExpertiseOrigin::kNationalistEra, ExpertiseOrigin::kUssr})
    x.specialists += x.experts[static_cast<size_t>(o)] * origin_weight(P, static_cast<int>(o));
  const int y = w.year();
  FacilityRegistry& f = w.facilities;
  x.startup_need = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    if (f.expansion_unit(i)) continue;
    // The crews launch the units due next month (a look further ahead would let plans dated
    // later, e.g. the Leap's, act on the months before them).
    if (f.commissioned(i).index == now + 1) x.startup_need += P.expert_startup_need_per_myuan * f.unit_investment_myuan(i);
  }
  const double cs = x.startup_need > 0 ? x.specialists / x.startup_need : 10.0;
  x.startup_pace = on ? coverage_pace(cs, P.expert_pace_elasticity, P.expert_pace_floor) : 1.0;
  if (on) {
    const Month next{now + 1};
    for (size_t i = 0; i < f.size(); ++i) {
      if (f.expansion_unit(i) || !(f.commissioned(i) == next)) continue;
      // Keyed by the unit's id, not its index: a scenario that removes a unit shifts no other's draw.
      const std::string& id = f.id(i);
      if (rng::uniform(w.key_events, now, fnv1a64(id.data(), id.size()), 40) >= x.startup_pace) {
        f.delay_commissioning(i, Month{now + 2});
        w.rec.add(w.xv.slipped, y, 1.0);
      }
    }
  }
  auto& v = w.xv;
  w.rec.set(v.stock, y, x.stock);
  w.rec.add(v.coverage, y, std::min(x.coverage, 10.0) / 12.0);  // capped: an empty works would show a huge number
  w.rec.add(v.pace, y, expert_pace(w) / 12.0);
  w.rec.add(v.output, y, expertise_output_factor(w) / 12.0);
  w.rec.add(v.skill, y, x.skill / 12.0);
  w.rec.set(v.soviet, y, x.soviet);
  w.rec.add(v.startup_coverage, y, std::min(cs, 10.0) / 12.0);
  for (int o = 1; o < kExpertiseOriginCount; ++o) w.rec.set(v.by_origin[o], y, x.experts[o]);
}

double expertise_output_factor(const World& w) { return w.P.rule_expert_stock ? w.expertise.output : 1.0; }
double expert_pace(const World& w) { return w.P.rule_expert_stock ? w.expertise.pace : 1.0; }
double reject_skill_multiplier(const World& w) {
  return w.P.rule_skill_stock ? skill_multiplier(w.expertise.skill, w.P.skill_reject_response, w.P.skill_reference)
                              : 1.0;
}
double wear_skill_multiplier(const World& w) {
  return w.P.rule_skill_stock ? skill_multiplier(w.expertise.skill, w.P.skill_wear_response, w.P.skill_reference) : 1.0;
}

}  // namespace gangdu
