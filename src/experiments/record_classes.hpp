#pragma once
// Which record points test the model (issue 18). Every point of
// data/history/record.csv has a class in data/history/record_classes.csv:
//   input        a scenario value sets it directly (a scripted quota, a facility
//                capacity, an identity of scenario values); `set_by` says which;
//   fitted       a parameter was calibrated on it: the parameter's `source` in
//                the scenario carries a marker "[calibrated: <record id>, ...]";
//   independent  neither: the only points that test the model.
// A marker lists record ids (history_id), "var@Y1..Y2" for the level points of
// a variable in a span of years, or "outside the record" for a value fitted to a
// figure the record does not hold.
#include <string>
#include <vector>

#include "experiments/validate.hpp"

namespace gangdu {

struct PointClass {
  std::string id, cls, set_by, note;
  int line = 0;
};

std::vector<PointClass> load_record_classes_text(const std::string& text, const std::string& file);
const std::vector<PointClass>& load_default_record_classes();  // the sidecar compiled into the binary
// Sets each point's class by id ("unclassified" when the sidecar has no row for it).
void apply_record_classes(std::vector<HistoryPoint>& points, const std::vector<PointClass>& classes);

// A scenario value whose source carries a calibration marker.
struct CalibrationMarker {
  std::string where;   // TOML path, arrays by id ("regime.ffyp.steel_utilization") or by date for events
  std::string key;     // override key (as for --set); empty when not addressable (events without id)
  std::string param;   // last segment: the parameter name (for events: the parameter set)
  std::string regime;  // regime id when inside a [[regime]]
  std::string date;    // regime start or event date ("1953-01"); empty otherwise
  bool event = false;
  bool outside = false;          // "[calibrated: outside the record]"
  std::vector<std::string> ids;  // record ids named (ranges expanded)
  double value = 0;              // the scenario value
  std::string source;
};

// Every source in the scenario text that carries a marker or says "calibrated".
// Problems (a calibrated source without a marker, an id that names no point) go to
// `problems` when given.
std::vector<CalibrationMarker> calibration_markers(const std::string& scenario_text, const std::string& label,
                                                   const std::vector<HistoryPoint>& points,
                                                   std::vector<std::string>* problems = nullptr);

// All the checks of issue 18 on a scenario, a record and its classes: every marker
// resolves; no marker names an independent point; every fitted point is named by a
// marker; every point has exactly one class (never input and independent at once);
// input points say what sets them. Returns the problems (empty: all pass).
std::vector<std::string> check_record_classes(const std::string& scenario_text, const std::string& label,
                                              std::vector<HistoryPoint> points, const std::vector<PointClass>& classes);

}  // namespace gangdu
