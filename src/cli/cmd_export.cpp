// gangdu export DIR --long: an ensemble's per-run series as one tidy CSV (issue 24).
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "experiments/store.hpp"
#include "outputs/writer.hpp"

namespace gangdu::cli {

void register_export(CLI::App& app) {
  struct Args {
    std::string dir, out;
    bool long_format = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Export the per-run series of DIR/results.sqlite (ensemble, sweep, validate --forecast --keep-runs)");
  cmd->add_option("dir", a->dir, "Folder holding results.sqlite")->required();
  cmd->add_flag("--long", a->long_format,
                "One tidy CSV: run,seed,<one column per --set key of the runs>,variable,year,value (for pandas and R)");
  cmd->add_option("--out", a->out, "Output file (default: DIR/series_long.csv)");
  cmd->callback([a]() {
    if (!a->long_format) throw InputError("gangdu export", 0, 0, "--long", "the only export format so far is --long");
    const std::string csv = store_long_csv(a->dir + "/results.sqlite");
    const std::string out = a->out.empty() ? a->dir + "/series_long.csv" : a->out;
    write_file_atomic(out, csv);
    size_t rows = 0;
    for (char c : csv) rows += c == '\n';
    std::cout << "gangdu: wrote " << out << " (" << (rows > 0 ? rows - 1 : 0) << " rows)\n";
  });
}

}  // namespace gangdu::cli
