#pragma once
// Morris elementary-effects screening (Morris 1991; mu* of Campolongo et al.
// 2007): r one-at-a-time trajectories through a p-level grid of the free
// parameters' box. For each parameter and output: mu (mean effect), mu* (mean
// absolute effect: importance) and sigma (spread: non-linearity or
// interaction). Effects are per unit of each parameter's range (output change
// when the parameter moves across its whole range), so they compare across
// parameters.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "experiments/calibrate.hpp"

namespace gangdu {

struct MorrisOptions {
  size_t trajectories = 10;
  int levels = 4;
  uint64_t seed = 1;
};

// Points (natural units) of r trajectories of k+1 points each, trajectory-major.
struct MorrisDesign {
  std::vector<std::vector<double>> points;
  std::vector<std::vector<size_t>> moved;  // per trajectory: parameter moved at each step
  std::vector<std::vector<double>> step;   // per trajectory: signed step (range units) at each step
};
MorrisDesign morris_design(const std::vector<FreeParam>& ps, const MorrisOptions& opt);

struct MorrisIndex {
  std::string output, parameter;
  double mu = 0, mu_star = 0, sigma = 0;
  size_t r = 0;
};
struct ElementaryEffect {
  size_t trajectory;
  std::string parameter, output;
  double effect;
};

// outputs[point][j]: the value of output j at each design point.
std::vector<MorrisIndex> morris_indices(const std::vector<FreeParam>& ps, const MorrisDesign& d,
                                        const std::vector<std::string>& output_names,
                                        const std::vector<std::vector<double>>& outputs,
                                        std::vector<ElementaryEffect>* effects = nullptr);

// An output of a run: "mape" (MAPE to the record up to 1957, %) or "variable@year".
struct OutputSpec {
  std::string name;
  std::string variable;  // empty for mape
  int year = 0;
};
OutputSpec parse_output(const std::string& text);

// Runs the design points (under each seed, averaged) and returns the outputs.
std::vector<std::vector<double>> model_outputs(const CalibrationSetup& s, const std::vector<std::vector<double>>& points,
                                               const std::vector<OutputSpec>& outputs);

}  // namespace gangdu
