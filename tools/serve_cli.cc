#include "serve_cli.h"

#include <pthread.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "parley/forecast.h"
#include "parley/serve.h"
#include "pipeline_cli.h"

namespace parley::cli {
namespace {

namespace fc = parley::forecast;
using Json = nlohmann::json;

// The models the snapshot shows, so what-if answers line up with the report.
std::vector<fc::Model> ModelsOf(const report::Snapshot& snapshot) {
  std::set<std::string> seen;
  std::vector<fc::Model> models;
  for (const fc::ForecastSummary& forecast : snapshot.forecasts) {
    auto model = fc::ParseModel(forecast.model);
    if (model.ok() && seen.insert(forecast.model).second) models.push_back(*model);
  }
  if (models.empty()) models = fc::AllModels();
  return models;
}

}  // namespace

Result<serve::AnnotationAdded> AnnotateAndRefresh(pipeline::StoreSession& session,
                                                  const AnnotationRecord& annotation) {
  auto stored = session.Annotate(annotation);
  if (!stored.ok()) return stored.status();
  serve::AnnotationAdded added{std::move(*stored), std::nullopt};
  if (added.annotation.kind == AnnotationKind::kNote) return added;
  auto refreshed = session.Refresh();
  if (!refreshed.ok()) return refreshed.status();
  added.snapshot = std::move(*refreshed);
  return added;
}

int RunDashboard(const DashboardSettings& options, const GlobalOptions& global) {
  // With the store, posted articles are analysed into it; a snapshot file is read-only and
  // POST /api/articles answers 501.
  std::unique_ptr<pipeline::StoreSession> session;
  serve::IngestFunction ingest;
  Result<report::Snapshot> snapshot = InvalidInput("no snapshot");
  if (options.snapshot.empty() && !options.scenario.empty()) {
    auto opened = OpenStoreSession(options.scenario, global);
    if (!opened.ok()) return ReportFatal(opened.status());
    session = std::move(*opened);
    snapshot = session->Snapshot();
    ingest = [&session](const serve::ArticleUpload& upload) {
      return session->Ingest(upload.name, upload.content_type.find("html") != std::string::npos,
                             upload.body);
    };
  } else {
    snapshot = LoadSnapshotFor(options.snapshot, options.scenario, global);
  }
  if (!snapshot.ok()) return ReportFatal(snapshot.status());
  auto calibration = fc::LoadCalibration(fc::DefaultCalibrationPath());
  if (!calibration.ok()) return ReportFatal(calibration.status());
  auto forecast = serve::EngineForecast(ModelsOf(*snapshot), options.samples, *calibration);
  serve::ServeOptions serve_options;
  serve_options.host = options.host;
  serve_options.port = options.port;
  serve_options.max_body_bytes = options.max_body_bytes;
  serve_options.allowed_hosts = options.allowed_hosts;
  if (session) {
    serve_options.positions_as_of = [&session](const std::string& as_of) {
      return session->PositionsAsOf(as_of);
    };
    serve_options.annotations = [&session] { return session->Annotations(); };
    serve_options.reload = [&session] { return session->SnapshotIfChanged(); };
    serve_options.annotate = [&session](const AnnotationRecord& annotation) {
      return AnnotateAndRefresh(*session, annotation);
    };
  }
  serve::DashboardServer server(std::move(*snapshot), forecast, ingest, serve_options);
  Status bound = server.Bind();
  if (!bound.ok()) return ReportFatal(bound);

  // Ctrl-C and SIGTERM are taken by sigwait() on this thread, then stop the server cleanly.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  Status ran;
  std::thread listener([&] {
    ran = server.Run();
    // Wake the sigwait() below when listening fails on its own.
    if (!ran.ok()) kill(getpid(), SIGTERM);
  });
  if (!global.quiet) {
    std::fprintf(stderr, "parley: serving the dashboard at http://%s:%d/ (Ctrl-C stops)\n",
                 options.host.c_str(), server.port());
  }
  if (global.jsonl) {
    std::printf(
        "%s\n",
        Json({{"url", "http://" + options.host + ":" + std::to_string(server.port()) + "/"}})
            .dump()
            .c_str());
    std::fflush(stdout);
  }
  int received = 0;
  sigwait(&stop_signals, &received);
  server.Stop();
  listener.join();
  if (!ran.ok()) return ReportFatal(ran);
  return kExitOk;
}

void AddDashboardOptions(CLI::App& app, DashboardSettings& settings) {
  app.add_option("--host", settings.host, "Address to listen on; loopback by default")
      ->default_val("127.0.0.1");
  app.add_option("--port", settings.port, "TCP port; 0 picks a free one")
      ->default_val(8080)
      ->check(CLI::Range(0, 65535));
  app.add_option("--allow-host", settings.allowed_hosts,
                 "Another name the dashboard is reached by (e.g. behind a proxy); requests with "
                 "any other Host are refused");
  app.add_option("--max-body-bytes", settings.max_body_bytes,
                 "Largest request body accepted; larger ones get 413")
      ->default_val(2u << 20);
  app.add_option("--samples", settings.samples,
                 "Monte Carlo draws per what-if forecast, for p10/p90")
      ->default_val(100)
      ->check(CLI::NonNegativeNumber);
}

}  // namespace parley::cli
