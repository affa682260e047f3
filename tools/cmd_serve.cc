// `parley serve`: the live dashboard and JSON API over the store or a snapshot.
#include <memory>

#include "serve_cli.h"

namespace parley::cli {
namespace {

const Registration kServeCommand({
    90,
    "serve",
    "Serve the live dashboard and JSON API (what-if forecasts, new articles) over the store",
    [](CLI::App& app, GlobalOptions& global) -> std::function<int()> {
      auto settings = std::make_shared<DashboardSettings>();
      app.add_option("--snapshot", settings->snapshot,
                     "Serve this snapshot JSON (docs/report-data.md), read-only");
      app.add_option("--scenario", settings->scenario,
                     "Serve the analysis of this scenario in the store --db; posted articles "
                     "are added to it");
      AddDashboardOptions(app, *settings);
      return [settings, &global] { return RunDashboard(*settings, global); };
    },
});

}  // namespace
}  // namespace parley::cli
