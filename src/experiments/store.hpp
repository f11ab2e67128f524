#pragma once
// The SQLite results store of a batch (ensemble, sweep): tables
//   meta(key TEXT PRIMARY KEY, value TEXT)
//   runs(run_id INTEGER PRIMARY KEY, point, replicate, seed, scale, scenario_hash, mape_le_1957, wall_seconds, peak_agents)
//   parameters(run_id, key, value)          -- the overrides of each run
//   series(run_id, variable, year, value)   -- every annual series of every run
// written in one transaction into a temporary file that is renamed into place.
#include <map>
#include <string>

#include "experiments/batch.hpp"

namespace gangdu {

void write_results_store(const std::string& path, const BatchResult& b, const std::map<std::string, std::string>& meta);

// The per-run series of a store as one tidy CSV: run,seed,<one column per override key>,variable,year,value
// (rows by run, then variable and year, as stored; RFC 4180 quoting). InputError if `path` is not a results store.
std::string store_long_csv(const std::string& path);

// Reads back one run's series value (for tests and tools); NaN if absent.
double read_store_value(const std::string& path, int run_id, const std::string& variable, int year);

}  // namespace gangdu
