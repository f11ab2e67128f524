#include "engine/checkpoint.hpp"

#include <fstream>
#include <sstream>

#include "core/binio.hpp"
#include "core/error.hpp"
#include "gangdu/version.hpp"
#include "outputs/writer.hpp"

namespace gangdu {
namespace {

constexpr char kMagic[8] = {'G', 'A', 'N', 'G', 'D', 'U', 'C', 'P'};

// --- engine section: the World's own fields ----------------------------------
void save_engine(BinWriter& o, const World& w) {
  o.put_vec(w.household_head);
  o.put_vec(w.household_leaving);
  o.put<uint8_t>(w.plan.active ? 1 : 0);
  o.put(w.plan.target);
  o.put(w.plan.last_output);
  o.put(w.plan.year_output);
  o.put<uint64_t>(w.repatriations.size());
  for (const Repatriation& r : w.repatriations) {
    o.put<uint8_t>(static_cast<uint8_t>(r.who));
    o.put(r.monthly_probability);
    o.put<int32_t>(r.months_left);
  }
  o.put<uint64_t>(w.next_population_event);
  o.put(w.usable);
  o.put(w.installed);
  o.put(w.works_demand);
  o.put(w.city_demand);
  o.put<uint64_t>(w.peak_agents);
  o.put(w.persons_per_woman);
  o.put_str(w.migration_stream.state());
  o.put_str(w.household_stream.state());
  o.put_str(w.event_stream.state());
}

void load_engine(BinReader& in, World& w) {
  in.get_vec(w.household_head);
  in.get_vec(w.household_leaving);
  w.plan.active = in.get<uint8_t>() != 0;
  w.plan.target = in.get<decltype(w.plan.target)>();
  w.plan.last_output = in.get<decltype(w.plan.last_output)>();
  w.plan.year_output = in.get<decltype(w.plan.year_output)>();
  const auto nr = in.get<uint64_t>();
  w.repatriations.clear();
  for (uint64_t i = 0; i < nr; ++i) {
    Repatriation r{};
    r.who = static_cast<Ethnicity>(in.get<uint8_t>());
    r.monthly_probability = in.get<double>();
    r.months_left = in.get<int32_t>();
    w.repatriations.push_back(r);
  }
  w.next_population_event = static_cast<size_t>(in.get<uint64_t>());
  w.usable = in.get<decltype(w.usable)>();
  w.installed = in.get<decltype(w.installed)>();
  w.works_demand = in.get<double>();
  w.city_demand = in.get<double>();
  w.peak_agents = static_cast<size_t>(in.get<uint64_t>());
  w.persons_per_woman = in.get<double>();
  w.migration_stream.set_state(in.get_str());
  w.household_stream.set_state(in.get_str());
  w.event_stream.set_state(in.get_str());
  if (w.household_leaving.size() != w.household_head.size()) throw std::runtime_error("household tables of different lengths");
}

struct Section {
  const char* tag;
  void (*save)(BinWriter&, const World&);
  void (*load)(BinReader&, World&);
};

// One section per layer; append new layers' sections here (and bump
// kCheckpointFormat when a section's layout changes).
const Section kSections[] = {
    {"engine", save_engine, load_engine},
    {"people", [](BinWriter& o, const World& w) { w.people.save(o); }, [](BinReader& i, World& w) { w.people.load(i); }},
    {"steelworks", [](BinWriter& o, const World& w) { w.facilities.save(o); },
     [](BinReader& i, World& w) { w.facilities.load(i); }},
    {"outputs", [](BinWriter& o, const World& w) { w.rec.save(o); }, [](BinReader& i, World& w) { w.rec.load(i); }},
};

}  // namespace

std::string checkpoint_bytes(const World& w, const ScenarioInput& in) {
  BinWriter o;
  o.put(kMagic);
  o.put<uint32_t>(kCheckpointFormat);
  o.put_str(kVersion);
  o.put_str(kGitCommit);
  o.put_str(in.text);
  o.put_str(in.label);
  o.put<uint64_t>(in.overrides.size());
  for (const Override& ov : in.overrides) {
    o.put_str(ov.key);
    o.put_str(ov.value);
  }
  o.put_str(w.sc.canonical_text);
  o.put<uint64_t>(w.opt.seed);
  o.put<double>(w.opt.scale);
  o.put<int32_t>(w.clock.now().index);
  o.put<uint64_t>(std::size(kSections));
  for (const Section& s : kSections) {
    BinWriter part;
    s.save(part, w);
    o.put_str(s.tag);
    o.put_str(part.bytes());
  }
  return o.bytes();
}

void save_checkpoint(const std::string& path, const World& w, const ScenarioInput& in) {
  write_file_atomic(path, checkpoint_bytes(w, in));
}

Restored restore_checkpoint_bytes(const std::string& bytes, const std::string& label, const std::vector<Override>& extra) {
  auto corrupt = [&](const std::string& why) { return InputError(label, 0, 0, "", "not a valid gangdu checkpoint: " + why); };
  BinReader in(bytes);
  Restored r;
  try {
    char magic[8];
    std::memcpy(magic, bytes.data(), bytes.size() >= 8 ? 8 : 0);
    if (bytes.size() < 8 || std::memcmp(magic, kMagic, 8) != 0) throw corrupt("bad magic number");
    in.get<std::array<char, 8>>();
    const auto format = in.get<uint32_t>();
    const std::string version = in.get_str(), commit = in.get_str();
    if (format != kCheckpointFormat || version != kVersion || commit != kGitCommit)
      throw InputError(label, 0, 0, "version",
                       "checkpoint written by gangdu " + version + (commit.empty() ? "" : " (" + commit + ")") +
                           ", format " + std::to_string(format) + "; this is gangdu " + kVersion +
                           (kGitCommit[0] ? std::string(" (") + kGitCommit + ")" : "") + ", format " +
                           std::to_string(kCheckpointFormat) + ": rerun the history with this program");
    r.input.text = in.get_str();
    r.input.label = in.get_str();
    const auto nov = in.get<uint64_t>();
    for (uint64_t i = 0; i < nov; ++i) {
      Override o;
      o.key = in.get_str();
      o.value = in.get_str();
      r.input.overrides.push_back(o);
    }
    const std::string canonical = in.get_str();
    RunOptions opt;
    opt.seed = in.get<uint64_t>();
    opt.scale = in.get<double>();
    const Month now{in.get<int32_t>()};
    r.input.overrides.insert(r.input.overrides.end(), extra.begin(), extra.end());
    r.scenario = std::make_shared<const Scenario>(load_scenario_text(r.input.text, r.input.label, r.input.overrides));
    if (extra.empty() && r.scenario->canonical_text != canonical) throw corrupt("its scenario does not rebuild identically");
    const Scenario& sc = *r.scenario;
    if (now < sc.start || now > sc.end.next()) throw corrupt("its month " + now.str() + " is outside the scenario");
    r.world = std::make_unique<World>(sc, opt);
    World& w = *r.world;
    // Regimes and dated parameters are a function of the scenario and the
    // month: replay them (so overrides of the resumed scenario take effect).
    w.regimes.apply(w.clock.now(), w.params);
    while (w.clock.now() < now) {
      w.regimes.apply(w.clock.now(), w.params);
      w.clock.advance();
    }
    const auto ns = in.get<uint64_t>();
    if (ns != std::size(kSections)) throw corrupt("it has " + std::to_string(ns) + " sections");
    for (const Section& s : kSections) {
      const std::string tag = in.get_str();
      if (tag != s.tag) throw corrupt("section '" + tag + "' where '" + s.tag + "' was expected");
      const std::string payload = in.get_str();
      BinReader part(payload);
      s.load(part, w);
      if (!part.done()) throw corrupt("section '" + tag + "' has trailing bytes");
    }
    if (!in.done()) throw corrupt("trailing bytes");
    r.resumed_at = now;
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw corrupt(e.what());
  }
  return r;
}

Restored load_checkpoint(const std::string& path, const std::vector<Override>& extra) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(path, 0, 0, "", "cannot open checkpoint (missing or unreadable)");
  std::ostringstream ss;
  ss << f.rdbuf();
  return restore_checkpoint_bytes(ss.str(), path, extra);
}

}  // namespace gangdu
