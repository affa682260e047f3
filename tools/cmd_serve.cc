// `parley serve`: the live dashboard and JSON API over the store or a snapshot.
#include <memory>

#include "serve_cli.h"

namespace parley::cli {
namespace {

void AddOptions(CLI::App& app, DashboardSettings& settings) {
  app.add_option("--snapshot", settings.snapshot,
                 "Serve this snapshot JSON (docs/report-data.md), read-only");
  app.add_option("--scenario", settings.scenario,
                 "Serve the analysis of this scenario in the store --db; posted articles "
                 "are added to it");
  AddDashboardOptions(app, settings);
}

const Registration kServeCommand(MakeCommand<DashboardSettings>(
    90, "serve",
    "Serve the live dashboard and JSON API (what-if forecasts, new articles, team notes and "
    "overrides) over the store",
    AddOptions, RunDashboard));

}  // namespace
}  // namespace parley::cli
