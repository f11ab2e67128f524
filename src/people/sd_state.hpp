#pragma once
// Stocks of the aggregate system-dynamics baseline (see people/sd_baseline.hpp).
#include <array>
#include <vector>

namespace gangdu {

struct SdState {
  bool started = false;
  std::array<double, 3> population{};  // persons by ethnicity (Chinese, Japanese, Korean)
  double labour = 0;                   // labour force (persons)
  double employed = 0;                 // jobs filled (persons)
  double unregistered_jobless = 0;     // jobless without urban registration (persons)
  double housing_m2 = 0;               // living space (m2)
  double vacancy_signal = 0;
  std::vector<double> births;          // ring buffer of monthly births (for entry into the labour force)
  size_t birth_pos = 0;
  double migrants_in_month = 0, sent_back_month = 0;
  // Checkpointed (engine/checkpoint.cpp): list every new field here.
  template <class A>
  void fields(A& a) {
    a(started, population, labour, employed, unregistered_jobless, housing_m2, vacancy_signal, births, birth_pos,
      migrants_in_month, sent_back_month);
  }
  double total() const { return population[0] + population[1] + population[2]; }
};

}  // namespace gangdu
