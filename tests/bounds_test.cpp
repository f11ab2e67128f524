// Every parameter at the ends of its registered range (set in [parameters]
// and in every regime, so no regime restates the default) runs the whole
// history without an exception, and every recorded value is finite and the
// counts non-negative. Under the sanitizer build (.ci/run) this also checks the
// engine for undefined behaviour (float->int overflow, division by zero in
// integer code, out-of-bounds indexing) at the extremes the schema admits.
#include <gtest/gtest.h>

#include <cmath>

#include <fmt/format.h>

#include "engine/model.hpp"
#include "scenario/scenario.hpp"

using namespace gangdu;

namespace {

std::string fmt_value(double v) { return fmt::format("{}", v); }  // shortest round-trip text, valid TOML

struct Bound {
  std::string param;
  double value;
};

std::vector<Bound> all_bounds() {
  std::vector<Bound> out;
  for (const ParamDef& d : param_defs()) {
    out.push_back({d.name, d.min});
    out.push_back({d.name, d.max});
  }
  return out;
}

// Readable test names in ctest output instead of the struct's bytes.
void PrintTo(const Bound& b, std::ostream* os) { *os << b.param << "=" << b.value; }

class ParameterBounds : public ::testing::TestWithParam<Bound> {};

}  // namespace

TEST_P(ParameterBounds, WholeHistoryRunsWithFiniteOutputs) {
  const Bound& b = GetParam();
  const Scenario base = load_default_scenario();
  std::vector<Override> ov{{"parameters." + b.param, fmt_value(b.value)}};
  for (const RegimeSpec& g : base.regimes) ov.push_back({"regime." + g.id + "." + b.param, fmt_value(b.value)});
  const Scenario sc = load_default_scenario(ov);
  ASSERT_DOUBLE_EQ(sc.parameters.at(b.param).value, b.value);
  RunResult r;
  ASSERT_NO_THROW(r = run_model(sc, {.seed = 3, .scale = 0.005}));
  const Recorder& rec = r.world->rec;
  for (const std::string& name : rec.names()) {
    const bool count = name.find("population") != std::string::npos || name.find("employees") != std::string::npos;
    for (int y = rec.first_year(); y <= rec.last_year(); ++y) {
      const double v = rec.get(name, y);
      if (std::isnan(v)) continue;  // not recorded that year
      ASSERT_TRUE(std::isfinite(v)) << name << " " << y;
      if (count) {
        ASSERT_GE(v, 0.0) << name << " " << y;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllParameters, ParameterBounds, ::testing::ValuesIn(all_bounds()),
                         [](const ::testing::TestParamInfo<Bound>& i) {
                           return i.param.param + (i.index % 2 ? "_max" : "_min");
                         });
