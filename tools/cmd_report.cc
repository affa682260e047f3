// `parley report`: one self-contained HTML file from an analysis snapshot.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli.h"
#include "parley/report.h"
#include "pipeline_cli.h"

namespace parley::cli {
namespace {

struct ReportCommandOptions {
  std::string snapshot;
  std::string scenario;
  std::string output = "parley-report.html";
};

void PrintSummary(const report::Snapshot& snapshot, const std::string& output,
                  const GlobalOptions& global) {
  const std::string& scenario = snapshot.scenario.id;
  const size_t cells = snapshot.positions.cells.size();
  const size_t statements = snapshot.statements.size();
  const size_t forecasts = snapshot.forecasts.size();
  const size_t shifts = snapshot.shifts.size();
  const size_t stories = snapshot.stories.size();
  if (global.jsonl) {
    nlohmann::ordered_json line = {{"report", output},
                                   {"scenario", scenario},
                                   {"cells", cells},
                                   {"statements", statements},
                                   {"forecasts", forecasts},
                                   {"shifts", shifts},
                                   {"stories", stories}};
    std::printf("%s\n", line.dump().c_str());
    return;
  }
  std::fputs(
      FormatTable({{"report", "scenario", "cells", "statements", "forecasts", "shifts", "stories"},
                   {output, scenario, std::to_string(cells),
                    std::to_string(statements), std::to_string(forecasts),
                    std::to_string(shifts), std::to_string(stories)}})
          .c_str(),
      stdout);
}

int RunReport(const ReportCommandOptions& options, const GlobalOptions& global) {
  auto snapshot = LoadSnapshotFor(options.snapshot, options.scenario, global);
  if (!snapshot.ok()) return ReportFatal(snapshot.status());
  Status written = report::WriteReport(*snapshot, options.output);
  if (!written.ok()) return ReportFatal(written);
  PrintSummary(*snapshot, options.output, global);
  return kExitOk;
}

void AddOptions(CLI::App& app, ReportCommandOptions& options) {
  app.add_option("--snapshot", options.snapshot,
                 "Analysis snapshot JSON (docs/report-data.md) instead of the store");
  app.add_option("--scenario", options.scenario,
                 "Scenario whose analysis in the store --db is reported");
  app.add_option("-o,--output", options.output, "The HTML file to write")
      ->default_val("parley-report.html");
}

const Registration kReportCommand(MakeCommand<ReportCommandOptions>(
    80, "report",
    "Write the HTML report (heat map, evidence, forecasts, timeline, stories) from the store or "
    "a snapshot",
    AddOptions, RunReport));

}  // namespace
}  // namespace parley::cli
