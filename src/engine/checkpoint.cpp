#include "engine/checkpoint.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/archive.hpp"
#include "core/error.hpp"
#include "gangdu/version.hpp"
#include "outputs/writer.hpp"

namespace gangdu {

// A forgotten field is caught three ways: these sizes (a new member changes
// them: list it in the struct's fields() and update the number here), the
// layout hash in the header (old checkpoints are refused after a change), and
// tests/checkpoint_test.cpp (resume at several months must be bit-identical).
// The sizes hold for the LP64 libstdc++ build this project targets.
#if defined(__x86_64__) && defined(__GLIBCXX__)
static_assert(sizeof(Population) == 528, "Population changed: list the new column in Population::fields()");
static_assert(sizeof(PeopleState) == 56, "PeopleState changed: list the new field in PeopleState::fields()");
static_assert(sizeof(WaitingFamily) == 16, "WaitingFamily changed: list the new field in WaitingFamily::fields()");
static_assert(sizeof(PlanState) == 104, "PlanState changed: list the new field in PlanState::fields()");
static_assert(sizeof(SdState) == 120, "SdState changed: list the new field in SdState::fields()");
static_assert(sizeof(HousingState) == 136, "HousingState changed: list the new field in HousingState::fields()");
static_assert(sizeof(UnitsState) == 624, "UnitsState changed: list the new field in UnitsState::fields()");
static_assert(sizeof(FinanceState) == 72, "FinanceState changed: list the new field in FinanceState::fields()");
static_assert(sizeof(WorkforceState) == 40, "WorkforceState changed: list the new field in WorkforceState::fields()");
static_assert(sizeof(FacilityRegistry) == 576, "FacilityRegistry changed: list the new field in its fields()");
static_assert(sizeof(ExpertiseState) == 136, "ExpertiseState changed: list the new field in ExpertiseState::fields()");
static_assert(sizeof(SteelState) == 816, "SteelState changed: list the new field in SteelState::fields()");
static_assert(sizeof(PoliticsState) == 136, "PoliticsState changed: list the new field in PoliticsState::fields()");
static_assert(sizeof(UnitStore) == 568, "UnitStore changed: list the new field in UnitStore::fields()");
// World less its series handles (rebuilt by declaration, not checkpointed; alignas(8) makes a
// new handle change World by exactly its struct's change), so adding an output series needs no
// edit here while any other new member still trips this.
static_assert(sizeof(World) - sizeof(SeriesHandles) - sizeof(PeopleSeries) - sizeof(ExpertiseSeries) -
                      sizeof(PoliticsSeries) ==
                  6376,
              "World changed: list the new member in World::fields() (engine/world.hpp)");
#endif

namespace {

constexpr char kMagic[8] = {'G', 'A', 'N', 'G', 'D', 'U', 'C', 'K'};

uint64_t fnv1a(const char* p, size_t n) { return fnv1a64(p, n); }

uint64_t scenario_hash_u64(const Scenario& sc) { return fnv1a64(sc.canonical_text.data(), sc.canonical_text.size()); }

// A crafted checkpoint (checksum recomputed) can hold any bytes: every index
// and count the monthly rules use is checked against the state it restores,
// so that a bad one is refused here rather than read out of bounds later
// (mutations crashed --resume in housing_month; issue 26).
void check_consistent(const World& w) {
  auto fail = [](const std::string& why) { throw std::runtime_error(why); };
  const Population& p = w.people;
  const size_t n = p.size(), h = p.household_sizes().size();
  const size_t cols[] = {p.ids().size(),           p.birth_months().size(),    p.sexes().size(),
                         p.ethnicities().size(),   p.employers().size(),       p.origins().size(),
                         p.household_ids().size(), p.labour_force().size(),    p.alive_flags().size(),
                         p.occupations().size(),   p.hukous().size(),          p.labels().size(),
                         p.skills().size(),        p.wages().size(),           p.expertise_origins().size(),
                         p.experience().size(),    p.campaigns_struck().size()};
  for (size_t c : cols)
    if (c != n) fail("person columns of different lengths");
  if (p.household_dwellings().size() != h || p.household_owners().size() != h || p.household_m2().size() != h ||
      p.households() > h)
    fail("household columns of different lengths");
  for (uint32_t hh : p.household_ids())
    if (hh >= h) fail("a person in a household that does not exist");
  if (p.living() > n) fail("more living persons than persons");
  // Codes used as indexes (enums of people/population.hpp).
  auto codes_below = [&](auto col, unsigned limit, const char* what) {
    for (const auto v : col)
      if (static_cast<unsigned>(v) >= limit) fail(std::string("a person or household with an unknown ") + what);
  };
  codes_below(p.sexes(), 2, "sex");
  codes_below(p.ethnicities(), kEthnicityCount, "ethnicity");
  codes_below(p.employers(), kEmployerCount, "employer");
  codes_below(p.origins(), 4, "origin");
  codes_below(p.occupations(), kOccupationCount, "occupation");
  codes_below(p.hukous(), 2, "hukou");
  codes_below(p.labels(), kClassLabelCount, "class label");
  codes_below(p.alive_flags(), 2, "alive flag");
  codes_below(p.labour_force(), 2, "labour-force flag");
  codes_below(p.household_dwellings(), kDwellingCount, "dwelling");
  codes_below(p.household_owners(), kOwnerCount, "owner");
  size_t alive = 0;
  for (const auto a : p.alive_flags()) alive += a;
  if (alive != p.living()) fail("the living count does not match the persons marked alive");
  for (const float m2 : p.household_m2())
    if (!(m2 >= 0 && std::isfinite(m2))) fail("a household with negative or non-finite living space");
  for (const float wage : p.wages())
    if (!std::isfinite(wage)) fail("a non-finite wage");
  // Household-indexed lists of the World.
  if (w.household_leaving.size() > h) fail("household scratch longer than the household table");
  if (w.households_marked < 0 || static_cast<uint64_t>(w.households_marked) > w.household_leaving.size())
    fail("more households marked as leaving than listed");
  if (w.household_head.size() > h) fail("more household heads than households");
  if (w.household_employer.size() > h || w.household_band.size() > h)
    fail("household scratch longer than the household table");
  for (const uint8_t e : w.household_employer)
    if (e >= kEmployerCount) fail("a household with an unknown employer");
  for (const uint32_t hh : w.live_households)
    if (hh >= h) fail("a live household that does not exist");
  for (const uint32_t hh : w.housing.waiting)
    if (hh >= h) fail("a household waiting for a dwelling that does not exist");
  for (const uint32_t hh : w.housing.ordered)
    if (hh >= h) fail("a household in the housing order that does not exist");
  for (const WaitingFamily& f : w.waiting_families)
    if (f.household >= h || f.head_sex >= 2 || f.ethnicity >= kEthnicityCount || f.hukou >= 2 || f.label >= 5 ||
        f.origin >= 4)
      fail("a waiting family with an unknown household or code");
  for (size_t o = 0; o < kOwnerCount; ++o)
    if (!(w.housing.stock[o] >= 0 && std::isfinite(w.housing.stock[o]) && std::isfinite(w.housing.used[o])))
      fail("negative or non-finite housing stock");
  // Scenario-indexed state.
  if (w.next_population_event > w.sc.events.size()) fail("an event index beyond the scenario's events");
  for (const Repatriation& r : w.repatriations)
    if (static_cast<unsigned>(r.who) >= kEthnicityCount ||
        !(r.monthly_probability >= 0 && r.monthly_probability <= 1) || r.months_left < 0)
      fail("a repatriation with an unknown group, probability or duration");
  if (!w.sd.births.empty() && w.sd.birth_pos >= w.sd.births.size()) fail("a ring-buffer position beyond its buffer");
}

}  // namespace

uint64_t checkpoint_layout_hash(const World& w) {
  archive::Schema s;
  const_cast<World&>(w).fields(s);  // Schema only reads types and sizes
  return fnv1a(s.text().data(), s.text().size());
}

std::string checkpoint_bytes(const World& w, const ScenarioInput& in) {
  archive::Saver o;
  o.put(kMagic);
  o.put<uint32_t>(kCheckpointFormat);
  o.put<uint64_t>(checkpoint_layout_hash(w));
  o.put<uint64_t>(scenario_hash_u64(w.sc));
  o.put<uint64_t>(w.opt.seed);
  o.put<double>(w.opt.scale);
  o.put<int32_t>(w.clock.now().index);
  o.put_str(kVersion);
  o.put_str(in.text);
  o.put_str(in.label);
  o.put<uint64_t>(in.overrides.size());
  for (const Override& ov : in.overrides) {
    o.put_str(ov.key);
    o.put_str(ov.value);
  }
  o.put<uint64_t>(w.opt.forced.size());
  for (const auto& [name, value] : w.opt.forced) {
    o.put_str(name);
    o.put<double>(value);
  }
  archive::Saver state;
  const_cast<World&>(w).fields(state);  // Saver only reads
  o.put_str(state.bytes());
  o.put<uint64_t>(fnv1a(o.bytes().data(), o.bytes().size()));
  return o.bytes();
}

void save_checkpoint(const std::string& path, const World& w, const ScenarioInput& in) {
  write_file_atomic(path, checkpoint_bytes(w, in));
}

Restored restore_checkpoint_bytes(const std::string& bytes, const std::string& label,
                                  const std::vector<Override>& extra,
                                  const std::vector<std::pair<std::string, double>>& extra_forced,
                                  const Scenario* expect) {
  auto bad = [&](const std::string& key, const std::string& why) { return InputError(label, 0, 0, key, why); };
  if (bytes.size() < sizeof(kMagic) || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0)
    throw bad("magic", "not a gangdu checkpoint (wrong magic number)");
  archive::Loader in(bytes);
  Restored r;
  try {
    in.get<std::array<char, 8>>();
    const auto format = in.get<uint32_t>();
    if (format != kCheckpointFormat)
      throw bad("format", fmt::format("checkpoint format {}, this program "
                                      "reads format {}: rerun the history",
                                      format, kCheckpointFormat));
    if (bytes.size() < 8 + sizeof(uint64_t)) throw std::runtime_error("truncated data");
    uint64_t stored_sum = 0;
    std::memcpy(&stored_sum, bytes.data() + bytes.size() - 8, 8);
    const uint64_t layout = in.get<uint64_t>();
    const uint64_t sc_hash = in.get<uint64_t>();
    RunOptions opt;
    opt.seed = in.get<uint64_t>();
    opt.scale = in.get<double>();
    const Month now{in.get<int32_t>()};
    const std::string version = in.get_str();
    if (stored_sum != fnv1a(bytes.data(), bytes.size() - 8))
      throw bad("checksum", "checkpoint is truncated or corrupt (checksum mismatch)");
    r.input.text = in.get_str();
    r.input.label = in.get_str();
    const auto nov = in.get<uint64_t>();
    if (nov > in.left()) throw std::runtime_error("truncated data");
    for (uint64_t i = 0; i < nov; ++i) {
      Override o;
      o.key = in.get_str();
      o.value = in.get_str();
      r.input.overrides.push_back(o);
    }
    const auto nf = in.get<uint64_t>();
    if (nf > in.left()) throw std::runtime_error("truncated data");
    for (uint64_t i = 0; i < nf; ++i) {
      std::string name = in.get_str();
      const double v = in.get<double>();
      opt.forced.emplace_back(std::move(name), v);
    }
    const std::string state = in.get_str();
    in.get<uint64_t>();  // the checksum, verified above
    if (!in.done()) throw std::runtime_error("trailing bytes");
    if (!(opt.scale >= 1e-4 && opt.scale <= 1.0)) throw bad("scale", "scale out of range");

    // The scenario as it was run: must rebuild to the same canonical text.
    const Scenario saved = load_scenario_text(r.input.text, r.input.label, r.input.overrides);
    if (scenario_hash_u64(saved) != sc_hash)
      throw bad("scenario",
                "the saved scenario does not rebuild identically "
                "in this program: rerun the history");
    if (expect) {
      // The scenario named on the command line is compared without the saved overrides.
      const Scenario plain = load_scenario_text(r.input.text, r.input.label);
      if (scenario_hash(plain) != scenario_hash(*expect))
        throw bad("scenario", fmt::format("scenario mismatch: the checkpoint was written for '{}' (hash {}), not for "
                                          "'{}' (hash {})",
                                          plain.file, scenario_hash(plain), expect->file, scenario_hash(*expect)));
    }
    r.input.overrides.insert(r.input.overrides.end(), extra.begin(), extra.end());
    r.scenario =
        extra.empty()
            ? std::make_shared<const Scenario>(saved)
            : std::make_shared<const Scenario>(load_scenario_text(r.input.text, r.input.label, r.input.overrides));
    const Scenario& sc = *r.scenario;
    if (now < sc.start || now > sc.end.next())
      throw bad("month", "month " + now.str() + " is outside the scenario " + sc.start.str() + ".." + sc.end.str());
    opt.forced.insert(opt.forced.end(), extra_forced.begin(), extra_forced.end());
    r.world = std::make_unique<World>(sc, opt);
    World& w = *r.world;
    if (checkpoint_layout_hash(w) != layout)
      throw bad("layout", "checkpoint written by gangdu " + version +
                              " with another state layout than this program's (" + kVersion + "): rerun the history");
    // Parameters and the regime are a function of the scenario and the month:
    // replay them as run_model and step_month do, so --set takes effect.
    w.regimes.apply(w.clock.now(), w.params);
    while (w.clock.now() < now) {
      w.regimes.apply(w.clock.now(), w.params);
      w.clock.advance();
    }
    archive::Loader st(state);
    w.fields(st);
    if (!st.done()) throw std::runtime_error("trailing bytes in the state");
    check_consistent(w);
    r.resumed_at = now;
  } catch (const InputError& e) {
    if (e.file() == label) throw;
    // Errors of the saved scenario or of --set/--switch: name the checkpoint too.
    throw bad(e.key(), std::string("while restoring: ") + e.what());
  } catch (const std::exception& e) {
    throw bad("", std::string("not a valid gangdu checkpoint: ") + e.what());
  }
  return r;
}

Restored load_checkpoint(const std::string& path, const std::vector<Override>& extra,
                         const std::vector<std::pair<std::string, double>>& extra_forced, const Scenario* expect) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(path, 0, 0, "", "cannot open checkpoint (missing or unreadable)");
  std::ostringstream ss;
  ss << f.rdbuf();
  return restore_checkpoint_bytes(ss.str(), path, extra, extra_forced, expect);
}

}  // namespace gangdu
