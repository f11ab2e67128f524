#pragma once
#include <cstdint>
#include <string>

#include <pcg_random.hpp>

namespace gangdu::rng {

// Every random draw in Gangdu comes from one of two kinds of seeded stream:
//
//  * Stream: a pcg32 generator for sequential, aggregate draws (e.g. how many
//    migrants arrive this month). Its seed is derived from (master seed,
//    stream id, sub-key) so adding a stream never shifts another one.
//  * counter-based draws, uniform(key, month, agent, slot): a pure function of
//    its arguments (SplitMix64 finaliser over a mixed key). Per-agent draws use
//    these, so results do not depend on iteration order, thread count, or
//    process count.

// Stable ids of the streams; append new ones at the end.
enum class StreamId : uint64_t {
  kMigration = 1,
  kHouseholds = 2,
  kDeaths = 3,
  kBirths = 4,
  kEvents = 5,
  kSteel = 6,
  kPlanning = 7,
  kLabour = 8,
  kInitial = 9,
  kCity = 10,
  kUnits = 11,
  kEconomy = 12,  // synthetic economies for `gangdu plan generate`
  kPeople = 13,   // issue 5: promotions, skills, household formation, occupations
  kHousing = 14,  // issue 5: self-built housing
  kCalibration = 15,  // issue 7: CMA-ES search of `gangdu calibrate`
  kSensitivity = 16,  // issue 7: Morris trajectories of `gangdu sensitivity`
};

constexpr uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr uint64_t mix(uint64_t a, uint64_t b) { return splitmix64(a ^ splitmix64(b + 0x632be59bd9b4e019ULL)); }

// Key for a family of counter-based draws.
constexpr uint64_t key(uint64_t master_seed, StreamId id) {
  return mix(splitmix64(master_seed), static_cast<uint64_t>(id));
}

// Uniform double in [0,1) from (key, month, agent, slot).
constexpr double uniform(uint64_t k, int64_t month, uint64_t agent, uint64_t slot = 0) {
  const uint64_t h = mix(mix(mix(k, static_cast<uint64_t>(month)), agent), slot);
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

// The same draws with the (key, month) part mixed once per month, for hot loops:
// uniform_m(month_key(k, m), agent, slot) == uniform(k, m, agent, slot).
constexpr uint64_t month_key(uint64_t k, int64_t month) { return mix(k, static_cast<uint64_t>(month)); }
constexpr double uniform_m(uint64_t month_key, uint64_t agent, uint64_t slot = 0) {
  return static_cast<double>(mix(mix(month_key, agent), slot) >> 11) * 0x1.0p-53;
}
static_assert(uniform_m(month_key(5, 7), 9, 2) == uniform(5, 7, 9, 2));

class Stream {
 public:
  Stream(uint64_t master_seed, StreamId id, uint64_t sub = 0)
      : gen_(mix(key(master_seed, id), sub), mix(static_cast<uint64_t>(id), sub) | 1u) {}

  double uniform() { return static_cast<double>((static_cast<uint64_t>(gen_()) << 21) ^ gen_()) * 0x1.0p-53; }
  // Uniform integer in [0, n).
  uint32_t below(uint32_t n) { return gen_(n); }
  // Poisson draw (inversion for small means, normal approximation above 50).
  int64_t poisson(double mean);
  // Binomial draw by inversion / normal approximation; n trials, probability p.
  int64_t binomial(int64_t n, double p);
  // Standard normal draw (Box-Muller).
  double normal();
  // Rounds x stochastically (floor(x) + Bernoulli(frac(x))), keeping totals unbiased.
  int64_t round(double x);
  // The generator state as text and back (checkpoints; pcg32 stream operators).
  std::string state() const;
  void set_state(const std::string& s);

 private:
  pcg32 gen_;
};

}  // namespace gangdu::rng
