#pragma once
// Annual series in memory: one row per variable per year. Stocks are set at
// year end; flows are summed over the months of the year.
#include <map>
#include <string>
#include <vector>

namespace gangdu {

enum class SeriesKind { kStock, kFlow };
const char* series_kind_name(SeriesKind k);  // "stock" or "flow"

// A series as declared once by the rule that writes it: the recorder,
// series.csv, the checkpoint (values in declaration order) and the codebook
// variables.csv all follow from this.
struct SeriesInfo {
  std::string name;                      // dotted, lower case (the output contract: extend, never rename)
  SeriesKind kind = SeriesKind::kStock;  // stock: set at year end; flow: summed over the months
  std::string unit;                      // "t", "persons", "yuan", "m2", "share", ...
  std::string description;               // one line
  std::string rule;                      // id of the rule or step that writes it (`gangdu list rules`)
};

class Recorder {
 public:
  Recorder(int first_year, int last_year) : first_(first_year), last_(last_year) {}
  // Registers a variable with its unit, kind and description; returns its
  // handle. Throws std::logic_error on an empty unit or description, or a
  // name declared twice with different information.
  int declare(SeriesInfo info);
  void add(int var, int year, double v);  // flows
  void set(int var, int year, double v);  // stocks
  double get(int var, int year) const;
  double get(const std::string& name, int year) const;  // NaN if absent
  bool has(const std::string& name) const { return index_.count(name) != 0; }
  int first_year() const { return first_; }
  int last_year() const { return last_; }
  // Variables sorted by name, for writing.
  std::vector<std::string> names() const;
  // Declarations sorted by name (the codebook).
  std::vector<SeriesInfo> infos() const;

  // Checkpointed values (engine/checkpoint.cpp); the variables are declared
  // again by the World's constructor, in the same order.
  template <class A>
  void fields(A& a) {
    a(values_);
  }

 private:
  int first_, last_;
  std::map<std::string, int> index_;
  std::vector<std::vector<double>> values_;
  std::vector<SeriesInfo> info_;  // by handle
};

}  // namespace gangdu
