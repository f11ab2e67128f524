#include "experiments/claims.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

#include "core/csv.hpp"
#include "core/rng.hpp"
#include "engine/model.hpp"
#include "experiments/ablate.hpp"
#include "experiments/record_classes.hpp"
#include "experiments/replicates.hpp"

namespace gangdu {
namespace {
std::string arm_text(const std::vector<std::pair<std::string, double>>& arm) {
  if (arm.empty()) return "as in the scenario";
  std::string s;
  for (const auto& [k, v] : arm) {
    if (!s.empty()) s += ' ';
    s += fmt::format("{}={:g}", k, v);
  }
  return s;
}
}  // namespace

std::vector<ClaimSpec> default_claims() {
  const std::vector<std::pair<std::string, double>> as_written;
  return {
      {"ratchet_restricts_output",
       "the ratchet makes units hold output back near the target",
       "5",
       "L3442-3448",
       as_written,
       {{"rule_ratchet", 0}},
       "angang.restricted_output_t",
       1953,
       1957,
       +1},
      {"ratchet_hides_reserves",
       "under the ratchet units hide over-fulfilment for later months",
       "5",
       "L3178",
       as_written,
       {{"rule_ratchet", 0}},
       "angang.hidden_reserve_t",
       1953,
       1957,
       +1},
      {"bargaining_slack_plans",
       "bargaining over drafts gives lower (slacker) targets",
       "5",
       "L3178, L3442",
       as_written,
       {{"rule_bargaining", 0}},
       "plan.target_steel_t",
       1953,
       1957,
       -1},
      {"soft_budget_stock",
       "the soft budget lets unsold finished stock pile up",
       "7",
       "L3008, L3287, L3347",
       as_written,
       {{"rule_soft_budget", 0}},
       "angang.finished_stock_t",
       1953,
       1957,
       +1},
      {"soft_budget_hoarding",
       "the soft budget makes units hoard inputs",
       "7",
       "L3287, L3008",
       as_written,
       {{"rule_soft_budget", 0}},
       "angang.input_hoard_yuan",
       1953,
       1957,
       +1},
      {"soft_budget_investment_hunger",
       "the soft budget makes units ask for more investment",
       "7, 8",
       "L3250, L3305",
       as_written,
       {{"rule_soft_budget", 0}},
       "angang.investment_yuan",
       1953,
       1957,
       +1},
      {"two_level_accounting_stock",
       "two-level accounting and bank loans lower the units' stocks",
       "7",
       "L3287-3293",
       as_written,
       {{"rule_two_level_accounting", 0}},
       "angang.input_hoard_yuan",
       1953,
       1957,
       -1},
      {"bank_review_overspend",
       "bank review under two-level accounting curbs unapproved spending",
       "8",
       "L3293-3295, L3305",
       as_written,
       {{"rule_two_level_accounting", 0}},
       "angang.overspend_yuan",
       1953,
       1957,
       -1},
      {"sectionalism_lost_output",
       "small disputes between units cost output",
       "6",
       "L3190-3200",
       as_written,
       {{"rule_sectionalism", 0}},
       "angang.steel_t",
       1953,
       1957,
       -1},
      {"collective_bonus_cooperation",
       "a bonus on the units supplied would buy cooperation and output",
       "6",
       "L3198, L5296",
       {{"unit_collective_share", 0.5}},
       as_written,
       "angang.steel_t",
       1953,
       1957,
       +1},
      // People and politics (issues 20 and 22).
      {"inherited_experts_sped_restoration",
       "the Japanese experts kept after 1945 sped the restoration",
       "4",
       "L2300, L2312, L2464",
       as_written,
       {{"rule_japanese_retained", 0}},
       "angang.pig_iron_t",
       1949,
       1952,
       +1},
      {"soviet_experts_launched_units",
       "Soviet advisers were needed to start up the new units on time",
       "22",
       "L2811, L2833-2867",
       as_written,
       {{"rule_soviet_experts", 0}},
       "angang.startup_coverage",
       1953,
       1957,
       +1},
      {"campaigns_cost_output",
       "campaign days and struggle sessions cost work time",
       "19",
       "L4281, L4303-4313",
       as_written,
       {{"rule_campaign_three_anti", 0}, {"rule_campaign_suppression", 0}},
       "angang.steel_t",
       1951,
       1953,
       -1},
      {"one_chief_shields_experts",
       "under one-chief rule managers kept their experts out of the campaigns",
       "12",
       "L3072, L3164",
       as_written,
       {{"rule_one_chief", 0}},
       "campaign.experts_removed",
       1953,
       1956,
       -1},
      {"party_committee_raises_plans",
       "a Party committee pushes approved plans up",
       "12",
       "L3110, L3162-3164",
       as_written,
       {{"rule_party_committee", 0}},
       "plan.target_steel_t",
       1955,
       1955,
       +1},
      {"fear_bends_drafts",
       "fear of being labelled makes managers draft closer to the control figures",
       "12",
       "L4823, L5168",
       as_written,
       {{"rule_fear", 0}},
       "plan.target_steel_t",
       1953,
       1957,
       +1},
  };
}

std::string fitted_dependence(const ClaimSpec& c, const std::string& scenario_text, const std::string& label,
                              const std::vector<HistoryPoint>& points) {
  const std::vector<CalibrationMarker> markers = calibration_markers(scenario_text, label, points);
  std::string out;
  for (const CalibrationMarker& m : markers)
    for (const std::string& id : m.ids)
      for (const HistoryPoint& p : points)
        if (p.id == id && p.variable == c.series && p.year >= c.first_year && p.year <= c.last_year) {
          const std::string item = fmt::format("{} ({})", m.where, id);
          if (out.find(item) == std::string::npos) out += (out.empty() ? "" : "; ") + item;
        }
  return out.empty() ? "no" : "yes: " + out;
}

std::vector<ClaimResult> run_claims(const Scenario& sc, const std::vector<ClaimSpec>& claims, const ClaimOptions& opt) {
  const size_t runs = static_cast<size_t>(opt.runs);
  // Each distinct arm is run once (claims share arms, e.g. the scenario as written).
  using Arm = std::vector<std::pair<std::string, double>>;
  std::vector<Arm> arms;
  auto arm_index = [&](const Arm& a) {
    for (size_t i = 0; i < arms.size(); ++i)
      if (arms[i] == a) return i;
    arms.push_back(a);
    return arms.size() - 1;
  };
  std::vector<std::array<size_t, 2>> claim_arms;
  for (const ClaimSpec& c : claims) claim_arms.push_back({arm_index(c.arm_a), arm_index(c.arm_b)});
  std::vector<RunOptions> jobs;
  for (const Arm& arm : arms)
    for (size_t r = 0; r < runs; ++r) {
      RunOptions o;
      o.seed = rng::mix(opt.seed, r);  // the same seeds in every arm: paired differences
      o.scale = opt.scale;
      o.forced = opt.forced;
      for (const auto& f : arm) o.forced.push_back(f);
      jobs.push_back(o);
    }
  const std::vector<Recorder> recs = run_replicates(sc, jobs, opt.threads);
  std::vector<ClaimResult> out;
  for (size_t k = 0; k < claims.size(); ++k) {
    ClaimResult res;
    res.spec = claims[k];
    res.runs = opt.runs;
    const ClaimSpec& c = claims[k];
    auto mean_of = [&](size_t arm, size_t r) {
      const Recorder& rec = recs[claim_arms[k][arm] * runs + r];
      double s = 0;
      for (int y = c.first_year; y <= c.last_year; ++y) s += rec.get(c.series, y);
      return s / (c.last_year - c.first_year + 1);
    };
    if (!recs[claim_arms[k][0] * runs].has(c.series)) {
      res.verdict = "not produced";
      out.push_back(res);
      continue;
    }
    const PairedEffect e = paired_effect(runs, [&](size_t r) { return std::pair{mean_of(0, r), mean_of(1, r)}; });
    res.mean_a = e.mean_a;
    res.mean_b = e.mean_b;
    res.effect = e.effect;
    res.ci_low = e.ci_low;
    res.ci_high = e.ci_high;
    const double scale = std::max(std::fabs(res.mean_a), std::fabs(res.mean_b));
    const bool zero = std::fabs(res.effect) <= 1e-9 * (1.0 + scale);  // no effect at all
    if (!zero && res.ci_low > 0)
      res.verdict = c.expected_sign > 0 ? "supported" : "contradicted";
    else if (!zero && res.ci_high < 0)
      res.verdict = c.expected_sign < 0 ? "supported" : "contradicted";
    else
      res.verdict = "no clear effect";
    out.push_back(res);
  }
  return out;
}

std::string claims_csv(const std::vector<ClaimResult>& rows) {
  constexpr int kDigits = 6;
  CsvWriter w{"claim",
              "spec_claim",
              "seed_lines",
              "statement",
              "arm_with",
              "arm_without",
              "series",
              "years",
              "unit",
              "mean_with",
              "mean_without",
              "effect",
              "ci95_low",
              "ci95_high",
              "relative_effect_percent",
              "verdict",
              "depends_on_fitted_point",
              "runs"};
  for (const ClaimResult& r : rows) {
    const ClaimSpec& c = r.spec;
    w.row({c.id, c.spec_claim, c.seed_lines, c.claim, arm_text(c.arm_a), arm_text(c.arm_b), c.series,
           fmt::format("{}-{}", c.first_year, c.last_year), series_unit(c.series), CsvCell::number(r.mean_a, kDigits),
           CsvCell::number(r.mean_b, kDigits), CsvCell::number(r.effect, kDigits), CsvCell::number(r.ci_low, kDigits),
           CsvCell::number(r.ci_high, kDigits),
           CsvCell::number(r.mean_b != 0 ? 100.0 * r.effect / std::fabs(r.mean_b) : NAN, 3), r.verdict, r.fitted,
           r.runs});
  }
  return w.take();
}

std::string claims_markdown(const std::vector<ClaimResult>& rows, const ClaimOptions& opt) {
  std::string s = fmt::format(
      "| claim | §6 | seed | with | without | series (mean of years) | effect (with - without) | 95% interval | "
      "relative | verdict | depends on a fitted point |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const ClaimResult& r : rows) {
    const ClaimSpec& c = r.spec;
    s += fmt::format("| {} | {} | {} | {} | {} | `{}` ({}-{}) | {:.4g} | [{:.4g}, {:.4g}] | {} | {} | {} |\n", c.id,
                     c.spec_claim, c.seed_lines, arm_text(c.arm_a), arm_text(c.arm_b), c.series, c.first_year,
                     c.last_year, r.effect, r.ci_low, r.ci_high,
                     r.mean_b != 0 ? fmt::format("{:+.1f}%", 100.0 * r.effect / std::fabs(r.mean_b)) : "n/a", r.verdict,
                     r.fitted);
  }
  s += fmt::format("\n{} paired runs per arm at scale {}, master seed {}.\n", opt.runs, opt.scale, opt.seed);
  return s;
}

}  // namespace gangdu
