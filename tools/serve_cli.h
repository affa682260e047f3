// The live dashboard behind `parley serve` and `parley demo --serve`: what-if requests are
// forecast in process by the forecast stage's engine; with a store, posted articles are
// analysed into it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cli.h"
#include "parley/pipeline.h"
#include "parley/serve.h"

namespace parley::cli {

struct DashboardSettings {
  std::string snapshot;  // serve this snapshot file, read-only; or
  std::string scenario;  // serve this scenario's analysis in the store --db
  std::string host = "127.0.0.1";
  int port = 8080;
  size_t max_body_bytes = 2u << 20;
  int samples = 100;  // Monte Carlo draws per what-if forecast
  std::vector<std::string> allowed_hosts;
};

// Adds --host, --port, --allow-host, --max-body-bytes and --samples.
void AddDashboardOptions(CLI::App& app, DashboardSettings& settings);

// Keeps an annotation checked by serve::ParseAnnotationRequest() in the session's store; an
// override or a withdrawal changes positions, so positions and forecasts are refreshed (and
// stored) and the new snapshot comes back. What POST /api/annotations and `parley note` run.
Result<serve::AnnotationAdded> AnnotateAndRefresh(pipeline::StoreSession& session,
                                                  const AnnotationRecord& annotation);

// Serves until SIGINT or SIGTERM; returns the exit code.
int RunDashboard(const DashboardSettings& settings, const GlobalOptions& global);

}  // namespace parley::cli
