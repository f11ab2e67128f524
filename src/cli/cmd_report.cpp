#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/run_common.hpp"
#include "outputs/report.hpp"
#include "outputs/writer.hpp"

namespace gangdu::cli {

void register_report(CLI::App& app) {
  auto a = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Write DIR/report.html: one self-contained page (no network needed) with a chart per variable beside the "
      "historical record (citations on hover), regimes shaded, the fit table, ensemble bands, bottlenecks and "
      "ablation tables when present, the scenario and the manifest. Runs the scenario first unless DIR holds the run "
      "asked for (options left out are taken from DIR/manifest.json)");
  add_run_options(cmd, *a, true);
  cmd->callback([a, cmd]() {
    if (!web_assets_available())
      throw std::runtime_error(
          "this gangdu was built without the charting library (-DGANGDU_WEB=OFF); run scripts/install-web.sh "
          "and rebuild to write reports");
    // DIR's run if its manifest matches the run asked for, otherwise it is run again (never a stale one).
    const ExistingRun existing = check_existing_run(*a, *cmd);
    const RunArgs& run = existing.args;
    if (!existing.reuse) {
      if (!existing.why.empty())
        std::cout << "gangdu: " << run.out << " holds another run (" << existing.why << "): re-running\n";
      const Scenario sc = load_for(run);
      run_and_write(run, sc, true);
      std::cout << "gangdu: ran '" << sc.name << "' into " << run.out << "\n";
    }
    const ReportInputs in = load_report_inputs(run.out);
    const std::string html = render_report_html(in);
    const std::string path = run.out + "/report.html";
    write_file_atomic(path, html);
    std::cout << "gangdu: wrote " << path << " (" << html.size() / 1024 << " KiB, " << in.fit.rows.size()
              << " historical points";
    if (in.summary) std::cout << ", ensemble band from " << in.summary_name;
    if (in.bottlenecks) std::cout << ", bottlenecks";
    std::cout << ")\n";
    for (const std::string& n : in.notes) std::cout << "note: " << n << "\n";
  });
}

}  // namespace gangdu::cli
