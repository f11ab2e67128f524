#pragma once
// Writing a run's outputs: the contract is
//   DIR/series.csv     variable,year,value (long format, one row per variable per year)
//   DIR/manifest.json  version, git commit, scenario hash, seed, scale, wall seconds, peak persons
// Files are written into a staging directory and moved into place only when
// all are complete, so an interrupted or failed run never leaves a
// half-written output directory.
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/model.hpp"

namespace gangdu {

std::string scenario_hash(const Scenario& sc);  // 16 hex digits (FNV-1a 64 of the canonical scenario)

nlohmann::json make_manifest(const Scenario& sc, const RunOptions& opt, const RunResult& r);
std::string series_csv(const Recorder& rec);

// Stages files in DIR.partial-<pid>/ via `fill(staging_dir)`, then moves each
// into DIR (created if needed). On exception the staging directory is removed.
void write_output_dir(const std::string& dir, const std::function<void(const std::string&)>& fill);

// Writes text to path atomically (temporary file + rename).
void write_file_atomic(const std::string& path, const std::string& text);

}  // namespace gangdu
