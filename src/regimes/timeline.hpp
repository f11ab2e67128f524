#pragma once
// Regimes and dated parameter changes: which rules and values hold in a month.
#include <string>
#include <string_view>
#include <vector>

#include "scenario/params.hpp"
#include "scenario/scenario.hpp"

namespace gangdu {

// The values of every registered parameter in the current month, by name (for
// the loader, regimes, events and tools) and as the typed `Params` the monthly
// code reads; every change rebinds the typed copy.
class ParamTable {
 public:
  explicit ParamTable(const Scenario& sc);
  double get(std::string_view name) const;  // throws std::out_of_range for an unregistered name
  double get(ParamId id) const { return cur_[static_cast<size_t>(id)]; }
  const Params& typed() const { return typed_; }
  void set(std::string_view name, double v);
  void reset_to_base();
  // Holds a parameter at a value for the whole run, whatever regimes and
  // events say (used to switch rules off in experiments).
  void force(std::string_view name, double v);

 private:
  void apply_forced();  // and rebinds typed_
  std::vector<double> base_, cur_;
  Params typed_;
  std::vector<std::pair<size_t, double>> forced_;
};

class RegimeTimeline {
 public:
  explicit RegimeTimeline(const Scenario& sc) : sc_(sc) {}
  // Applies regime switches and set_param events dated `m`; returns true if the regime changed.
  bool apply(Month m, ParamTable& params);
  int current() const { return current_; }
  const RegimeSpec& regime() const { return sc_.regimes[static_cast<size_t>(current_ < 0 ? 0 : current_)]; }

 private:
  const Scenario& sc_;
  int current_ = -1;
  size_t next_event_ = 0;
};

}  // namespace gangdu
