#pragma once
// State of the city's dwelling stock (living space, m2) by owner; see city/housing.hpp for the rules.
#include <array>
#include <cstdint>
#include <vector>

#include "people/population.hpp"

namespace gangdu {

struct HousingState {
  // All amounts at agent scale (multiply by World::weight for persons' scale).
  std::array<double, kOwnerCount> stock{};  // living space by owner, m2
  std::array<double, kOwnerCount> used{};   // held by households this month, m2
  double works_floor_built_total = 0;       // floor area Angang built since the start of the run, m2
  std::vector<uint32_t> waiting, ordered;   // scratch lists of household ids (reserved in advance)
  // Checkpointed (engine/checkpoint.cpp): list every new field here.
  template <class A>
  void fields(A& a) {
    a(stock, used, works_floor_built_total, waiting, ordered);
  }
};

}  // namespace gangdu
