#pragma once
// Annual series in memory: one row per variable per year. Stocks are set at
// year end; flows are summed over the months of the year.
#include <map>
#include <string>
#include <vector>

namespace gangdu {


enum class SeriesKind { kStock, kFlow };

class Recorder {
 public:
  Recorder(int first_year, int last_year) : first_(first_year), last_(last_year) {}
  // Registers a variable (dotted, lower case); returns its handle.
  int declare(const std::string& name, SeriesKind kind);
  void add(int var, int year, double v);  // flows
  void set(int var, int year, double v);  // stocks
  double get(int var, int year) const;
  double get(const std::string& name, int year) const;  // NaN if absent
  bool has(const std::string& name) const { return index_.count(name) != 0; }
  int first_year() const { return first_; }
  int last_year() const { return last_; }
  // Variables sorted by name, for writing.
  std::vector<std::string> names() const;

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
};

}  // namespace gangdu
