// `parley export --ktab --scenario S [--db FILE] [-o FILE.csv]`: the stored positions as KTAB's
// scenario CSV, so KTAB users can run their own models on parley's evidence.
#include <cstdio>
#include <fstream>
#include <memory>

#include "parley/forecast.h"
#include "pipeline_cli.h"

namespace parley::cli {
namespace {

struct ExportOptions {
  bool ktab = false;
  std::string scenario;
  std::string snapshot;
  std::string output;  // empty = standard output
};

int Run(const ExportOptions& options, const GlobalOptions& global) {
  if (!options.ktab) return ReportFatal(InvalidInput("choose a format: --ktab"));
  auto snapshot = LoadSnapshotFor(options.snapshot, options.scenario, global);
  if (!snapshot.ok()) return ReportFatal(snapshot.status());
  std::string csv = forecast::KtabCsv(snapshot->positions);
  if (options.output.empty()) {
    std::fputs(csv.c_str(), stdout);
    return kExitOk;
  }
  std::ofstream file(options.output, std::ios::binary);
  file << csv;
  if (!file.good()) return ReportFatal(IoError(options.output + ": cannot write"));
  return kExitOk;
}

void AddOptions(CLI::App& app, ExportOptions& options) {
  app.add_flag("--ktab", options.ktab, "KTAB scenario CSV (actor, capability, pos/sal pairs)");
  app.add_option("--scenario", options.scenario,
                 "Scenario whose positions in the store --db are exported");
  app.add_option("--snapshot", options.snapshot, "Export from a snapshot JSON instead");
  app.add_option("-o,--output", options.output, "File to write; default standard output");
}

const Registration kExportCommand(MakeCommand<ExportOptions>(
    85, "export", "Export the stored positions for other tools (--ktab: KTAB's scenario CSV)",
    AddOptions, Run));

}  // namespace
}  // namespace parley::cli
