#include "regimes/campaigns.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "regimes/control.hpp"
#include "regimes/labels.hpp"

#include "people/expertise.hpp"

namespace gangdu {
namespace {

bool in_progress(const CampaignSpec& c, Month m) { return !(m < c.start) && !(c.end < m); }
bool switched_on(const World& w, const CampaignSpec& c) {
  return c.switch_param.empty() || w.params.get(c.switch_param) != 0.0;
}
bool constitution_in_force(const World& w) {
  return w.P.rule_angang_constitution && !(w.clock.now() < month_of_year_fraction(w.P.politics_constitution_date));
}
bool emulation_in_force(const World& w) {
  for (const CampaignSpec& c : w.sc.campaigns)
    if (c.id == "production_competition" && in_progress(c, w.clock.now()) && switched_on(w, c)) return true;
  return false;
}

constexpr uint8_t kWorksE = static_cast<uint8_t>(Employer::kWorks);
constexpr uint8_t kConstrE = static_cast<uint8_t>(Employer::kConstruction);
constexpr uint8_t kTechO = static_cast<uint8_t>(Occupation::kTechnician);
constexpr uint8_t kStaffO = static_cast<uint8_t>(Occupation::kStaff);
constexpr uint8_t kProdO = static_cast<uint8_t>(Occupation::kProduction);

bool in_scope(uint8_t scope, uint8_t emp) {
  switch (scope) {
    case 0:
      return true;
    case 1:
      return emp == kWorksE || emp == kConstrE;
    case 2:
      return emp == kWorksE;
    default:
      return emp == kConstrE;
  }
}

// How far this year's drafts fall below the control figures (0 without a plan): the behaviour the
// Leap's campaigns read as "rightist conservative thought" (L5168).
double draft_caution(const World& w) {
  const UnitsState& u = w.ent.units;
  double sum = 0;
  int n = 0;
  for (size_t s = 1; s < kStageCount; ++s)
    if (u.control[s] > 0) {
      sum += std::max(0.0, 1.0 - u.draft[s] / u.control[s]);
      ++n;
    }
  return n ? sum / n : 0.0;
}

struct Census {
  int64_t adults = 0, angang = 0, staff = 0, production = 0, construction_production = 0;
};
Census take(const Population& pop) {
  Census c;
  const auto alive = pop.alive_flags();
  const auto lf = pop.labour_force();
  const auto emp = pop.employers();
  const auto occ = pop.occupations();
  for (size_t i = 0; i < pop.size(); ++i) {
    if (!alive[i] || !lf[i]) continue;
    ++c.adults;
    if (emp[i] != kWorksE && emp[i] != kConstrE) continue;
    ++c.angang;
    c.staff += occ[i] == kStaffO;
    c.production += occ[i] == kProdO;
    c.construction_production += occ[i] == kProdO && emp[i] == kConstrE;
  }
  return c;
}

void record_year(World& w) {
  PoliticsState& p = w.pol;
  const PoliticsSeries& s = w.pol_series;
  const int y = w.year();
  for (size_t c = 0; c < p.targeted_year.size(); ++c) {
    w.rec.add(s.targeted[c], y, p.targeted_year[c] * w.weight);
    w.rec.set(s.targeted_total[c], y, p.targeted_total[c] * w.weight);
    p.targeted_year[c] = 0;
  }
  w.rec.add(s.killed, y, p.killed_year * w.weight);
  w.rec.add(s.experts_removed, y, p.experts_removed_year * w.weight);
  w.rec.add(s.proposals, y, p.proposals_year * w.weight);
  w.rec.add(s.accepted, y, p.accepted_year * w.weight);
  w.rec.add(s.construction_proposals, y, p.construction_proposals_year * w.weight);
  p.killed_year = p.experts_removed_year = p.proposals_year = p.accepted_year = p.construction_proposals_year = 0;
  w.rec.set(s.fear, y, p.fear);
  w.rec.set(s.local_weight, y, local_line_weight(w));
  w.rec.set(s.control_line, y, static_cast<double>(control_line(w)));
  const Population& pop = w.people;
  int64_t by_label[kClassLabelCount] = {};
  int64_t tech = 0, tech_nat = 0;
  for (size_t i = 0; i < pop.size(); ++i) {
    if (!pop.alive_flags()[i]) continue;
    ++by_label[pop.labels()[i]];
    const uint8_t e = pop.employers()[i];
    if ((e == kWorksE || e == kConstrE) && pop.occupations()[i] == kTechO) {
      ++tech;
      tech_nat += pop.labels()[i] == static_cast<uint8_t>(ClassLabel::kNationalist);
    }
  }
  for (int l = 0; l < kClassLabelCount; ++l) w.rec.set(s.labelled[l], y, static_cast<double>(by_label[l]) * w.weight);
  if (tech > 0) w.rec.set(s.nationalist_tech_share, y, static_cast<double>(tech_nat) / static_cast<double>(tech));
}

}  // namespace

double reports_at_least(double lambda, int k) {
  if (!(lambda > 0)) return 0.0;
  double term = std::exp(-lambda), below = 0;
  for (int j = 0; j < k; ++j) {
    below += term;
    term *= lambda / (j + 1);
  }
  return std::clamp(1.0 - below, 0.0, 1.0);
}

double work_conditions_factor(const World& w) {
  double f = expertise_output_factor(w);  // the expert stock (people/expertise.hpp)
  const Month m = w.clock.now();
  for (const CampaignSpec& c : w.sc.campaigns)
    if (in_progress(c, m) && switched_on(w, c)) f *= (1.0 - c.work_time_lost) * (1.0 + c.effort_effect);
  f *= std::max(0.0, 1.0 - w.pol.time_lost);  // struggle sessions of this month's targets
  if (constitution_in_force(w)) {
    // Workers in management lose meeting time (L4628; the share taking part: assumption); cadres in
    // labour add staff time to production (the seed's claim, size an assumption); accepted
    // proposals raise output by politics_proposal_gain each per thousand workers (assumption).
    f *= 1.0 - w.P.politics_participant_share * w.P.politics_meeting_time_share;
    f *= 1.0 + w.P.politics_cadre_labour_share * w.pol.staff_share;
  }
  f *= 1.0 + w.P.politics_proposal_gain * w.pol.accepted_per_thousand;
  const double shortfall = std::max(0.0, 1.0 - w.P.food_supply_index);
  f *= std::max(0.0, 1.0 - w.P.famine_effort_response * shortfall);
  return f;
}

CampaignTally campaign_month(World& w) {
  CampaignTally t;
  PoliticsState& ps = w.pol;
  const Month m = w.clock.now();
  Population& pop = w.people;
  if (!ps.labels_fixed && !(m < month_of_year_fraction(w.P.politics_label_date))) {
    fix_labels_at_liberation(w);
    ps.labels_fixed = 1;
  }
  ps.targeted_year.resize(w.sc.campaigns.size(), 0.0);
  ps.targeted_total.resize(w.sc.campaigns.size(), 0.0);
  ps.caution = draft_caution(w);
  if (w.P.rule_fear) ps.fear *= 1.0 - w.P.politics_fear_decay;
  const Census cen = take(pop);
  int64_t targets_all = 0, struck_angang = 0;
  const double shield = expert_shield(w);
  const int threshold = std::max(1, static_cast<int>(w.P.politics_report_threshold));
  for (size_t ci = 0; ci < w.sc.campaigns.size(); ++ci) {
    const CampaignSpec& c = w.sc.campaigns[ci];
    if (!in_progress(c, m) || !switched_on(w, c) || !(c.reports > 0)) continue;
    const int months = c.end.index - c.start.index + 1;
    // Monthly chance for each kind of suspect (label match; occupation, which also says who is an
    // expert): the campaign's reports fall on a person in proportion to his weight; with informers
    // a target needs `threshold` reports (L4303), without them one denunciation by the committee
    // suffices. A person is struck at most once by a campaign, so the chance over its months is
    // the campaign's: 1 - (1 - p_month)^months = P(reports >= threshold).
    double p_month[2][kOccupationCount];
    for (int lm = 0; lm < 2; ++lm)
      for (int o = 0; o < kOccupationCount; ++o) {
        const bool pm = c.position_mask == 0 || ((c.position_mask >> o) & 1u);
        const double pos_w =
            c.weighted_positions ? c.position_weight[o] : (pm ? 1.0 : w.P.politics_other_position_weight);
        double wt = (lm ? 1.0 : w.P.politics_good_label_weight) * pos_w;
        if (o == kTechO || o == kStaffO)
          wt *= shield * (c.cautious ? 1.0 + w.P.politics_caution_weight * ps.caution : 1.0);
        const double p_total = reports_at_least(c.reports * wt, c.informers ? threshold : 1);
        p_month[lm][o] = 1.0 - std::pow(1.0 - std::min(p_total, 1.0 - 1e-12), 1.0 / months);
      }
    const uint64_t key = rng::month_key(w.key_events, w.now());
    const uint32_t bit = 1u << ci;  // the loader allows at most 32 campaigns
    auto struck = pop.campaigns_struck();
    for (uint32_t i = 0; i < pop.size(); ++i) {
      if (!pop.alive_flags()[i] || !pop.labour_force()[i]) continue;
      if (struck[i] & bit) continue;  // counted and punished once per campaign
      const uint8_t emp = pop.employers()[i];
      if (!in_scope(c.scope, emp)) continue;
      if (pop.ethnicities()[i] == static_cast<uint8_t>(Ethnicity::kJapanese)) continue;  // L4313
      const uint8_t lab = pop.labels()[i];
      if (c.label_as >= 0 && lab == c.label_as) continue;  // already carries the label it gives
      const uint8_t occ = pop.occupations()[i];
      const bool lm = c.label_mask == 0 || ((c.label_mask >> lab) & 1u);
      const bool expert = occ == kTechO || occ == kStaffO;
      const double p = p_month[lm][occ];
      const double u = rng::uniform_m(key, pop.ids()[i], 40 + ci);
      if (!(u < p)) continue;
      struck[i] |= bit;
      ++t.labelled;
      ++targets_all;
      ps.targeted_year[ci] += 1;
      ps.targeted_total[ci] += 1;
      if (c.label_as >= 0 && rng::uniform_m(key, pop.ids()[i], 60 + ci) < c.label_share)
        pop.labels()[i] = static_cast<uint8_t>(c.label_as);
      const bool angang = emp == kWorksE || emp == kConstrE;
      const double v = u / p;  // where in [0,1) the draw fell: the punishment
      if (v < c.killed_share) {
        ps.killed_year += 1;
        if (expert && angang) ps.experts_removed_year += 1;
        pop.remove(i);
        continue;
      }
      if (v < c.killed_share + c.dismissed_share) {
        if (emp != 0) {
          pop.employers()[i] = 0;
          pop.occupations()[i] = 0;
          if (angang) {
            ++t.dismissed;
            if (expert) ps.experts_removed_year += 1;
          }
        }
        continue;
      }
      if (v < c.killed_share + c.dismissed_share + c.demoted_share && expert && angang) {
        pop.occupations()[i] = kProdO;
        ps.experts_removed_year += 1;
      }
      if (angang) ++struck_angang;
    }
  }
  // Targets who keep their Angang job lose struggle-session and confession time (L4303-4313).
  ps.time_lost = cen.angang > 0 ? std::min(1.0, static_cast<double>(struck_angang) * w.P.politics_struggle_months /
                                                    static_cast<double>(cen.angang))
                                : 0.0;
  // Fear among those who remain (R15 (c)): rises with the month's targets per thousand adults.
  if (w.P.rule_fear && cen.adults > 0) {
    const double per_thousand = 1000.0 * static_cast<double>(targets_all) / static_cast<double>(cen.adults);
    ps.fear += (1.0 - ps.fear) * std::min(1.0, w.P.politics_fear_response * per_thousand);
  }
  ps.staff_share = cen.angang > 0 ? static_cast<double>(cen.staff) / static_cast<double>(cen.angang) : 0.0;
  // Rationalisation and innovation proposals from production workers (R16, L4407, L5254): made
  // during labour emulation at politics_proposal_rate a worker-year, more under the Constitution;
  // accepted with politics_proposal_accept, and the rest too as fear grows (L4823).
  const double drive =
      constitution_in_force(w) ? w.P.politics_constitution_proposal_factor : (emulation_in_force(w) ? 1.0 : 0.0);
  const double made = static_cast<double>(cen.production) * w.P.politics_proposal_rate / 12.0 * drive;
  const double accept = w.P.politics_proposal_accept + (1.0 - w.P.politics_proposal_accept) * ps.fear;
  ps.proposals_year += made;
  ps.accepted_year += made * accept;
  ps.construction_proposals_year +=
      static_cast<double>(cen.construction_production) * w.P.politics_proposal_rate / 12.0 * drive;
  ps.accepted_per_thousand = cen.production > 0 ? 1000.0 * made * accept / static_cast<double>(cen.production) : 0.0;
  if (m.is_december() || m == w.clock.end()) record_year(w);
  return t;
}

void declare_politics_series(World& w) {
  PoliticsSeries& s = w.pol_series;
  s.targeted.clear();
  s.targeted_total.clear();
  for (const CampaignSpec& c : w.sc.campaigns) {
    s.targeted.push_back(w.rec.declare({"campaign." + c.id + ".targeted", SeriesKind::kFlow, "persons",
                                        "persons the campaign '" + c.name + "' targeted in the year", "R15"}));
    s.targeted_total.push_back(w.rec.declare({"campaign." + c.id + ".targeted_total", SeriesKind::kStock, "persons",
                                              "persons the campaign '" + c.name + "' targeted since it began", "R15"}));
  }
  s.killed = w.rec.declare({"campaign.killed", SeriesKind::kFlow, "persons",
                            "campaign targets executed, killed or driven to suicide in the year", "R15"});
  s.experts_removed =
      w.rec.declare({"campaign.experts_removed", SeriesKind::kFlow, "persons",
                     "Angang technicians and staff killed, dismissed or demoted by campaigns in the year", "R15"});
  s.fear = w.rec.declare(
      {"politics.fear", SeriesKind::kStock, "share", "fear among those campaigns left (0-1), December", "R15"});
  s.local_weight = w.rec.declare({"politics.local_line_weight", SeriesKind::kStock, "share",
                                  "weight of the local Party line in force in December", "R19"});
  s.control_line =
      w.rec.declare({"politics.control_line", SeriesKind::kStock, "code",
                     "line of control in December: 0 SOE line, 1 one-chief rule, 2 Party committee", "R19"});
  s.proposals = w.rec.declare({"politics.proposals_submitted", SeriesKind::kFlow, "proposals",
                               "rationalisation and innovation proposals by Angang workers in the year", "R16"});
  s.accepted = w.rec.declare(
      {"politics.proposals_accepted", SeriesKind::kFlow, "proposals", "proposals accepted in the year", "R16"});
  s.construction_proposals = w.rec.declare({"politics.construction_proposals_submitted", SeriesKind::kFlow, "proposals",
                                            "proposals by Angang-Construction workers in the year", "R16"});
  s.nationalist_tech_share =
      w.rec.declare({"politics.technicians_nationalist_share", SeriesKind::kStock, "share",
                     "share of Angang technicians labelled former Nationalist personnel, December", "R17"});
  for (int l = 0; l < kClassLabelCount; ++l)
    s.labelled[l] = w.rec.declare(
        {"politics.labelled_" + std::string(kClassLabelNames[l]), SeriesKind::kStock, "persons",
         "living persons with the class label '" + std::string(kClassLabelNames[l]) + "', December", "R17"});
}

double political_target(const World& w, int year, Stage stage) {
  const int month = w.clock.now().month();
  double v = 0.0;
  for (const TargetSpec& t : w.sc.targets)  // the last one listed for the year in force by now wins
    if (t.year == year && t.stage == stage && t.month <= month) v = t.value_t;
  return v;
}

bool political_target_revised(const World& w) {
  const Month now = w.clock.now();
  for (const TargetSpec& t : w.sc.targets)
    if (t.year == now.year() && t.month == now.month() && t.month > 1) return true;
  return false;
}

double famine_death_multiplier(const World& w) {
  return 1.0 + w.P.famine_death_response * std::max(0.0, 1.0 - w.P.food_supply_index);
}

}  // namespace gangdu
