#pragma once
// Writing a run's outputs: the contract is
//   DIR/series.csv     variable,year,value (long format, one row per variable per year)
//   DIR/manifest.json  version, git commit, scenario hash, seed, scale, wall seconds, peak persons
//   DIR/variables.csv  the codebook: variable,unit,kind,description,rule (one row per series)
// Files are written into a staging directory and moved into place only when
// all are complete, so an interrupted or failed run never leaves a
// half-written output directory.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/model.hpp"

namespace gangdu {

std::string scenario_hash(const Scenario& sc);  // 16 hex digits (FNV-1a 64 of the canonical scenario)
uint64_t fnv1a64(const char* p, size_t n);
std::string text_hash(const std::string& text);  // 16 hex digits (FNV-1a 64)

// The stamp every manifest.json starts with: program, version, git_commit, command.
nlohmann::json manifest_stamp(const std::string& command);
// A run's manifest: the stamp (command "run") and the run's scenario, seed, scale and measures.
nlohmann::json make_manifest(const Scenario& sc, const RunOptions& opt, const RunResult& r);
std::string series_csv(const Recorder& rec);
// The codebook of the recorder's series, sorted by name (as series.csv).
std::string variables_csv(const Recorder& rec);

// Stages files in DIR.partial-<pid>/ via `fill(staging_dir)`, fsyncs them,
// then commits: renames the staging directory to DIR, or, if DIR exists,
// swaps the two atomically (renameat2 RENAME_EXCHANGE) after carrying over
// files of DIR that the run does not produce. A reader (or a run killed at
// any instant) sees DIR absent, complete-old or complete-new, never a mix.
// On exception the staging directory is removed. Stale staging directories
// of killed runs are cleaned first (remove_stale_staging).
void write_output_dir(const std::string& dir, const std::function<void(const std::string&)>& fill);

// Writes text to path atomically: temporary file, fsync, rename, fsync of the
// directory (a crash leaves the old file or the new one, never a truncated one).
void write_file_atomic(const std::string& path, const std::string& text);

// Removes DIR.partial-<pid> staging directories left by killed runs (pid no
// longer alive), and restores DIR from DIR.old-<pid> if a run was killed
// between moving the old output aside and moving the new one in.
void remove_stale_staging(const std::string& dir);

}  // namespace gangdu
