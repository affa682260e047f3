// Serve stage: the live dashboard and its JSON API over an analysis snapshot (cpp-httplib).
//
//   GET  /                            the dashboard: the report page with what-if sliders
//   GET  /api/scenario                scenario id, title, actors, issues with their anchors
//   GET  /api/positions?as_of=DATE    the positions document as it stood at the end of DATE
//   GET  /api/statements?actor=&issue=  statements, optionally of one actor and/or issue
//   GET  /api/forecast?model=         forecasts, optionally of one model
//   GET  /api/stories                 story clusters with their outlets
//   POST /api/whatif                  {"overrides": [...]} -> {"forecasts": [...]}
//   POST /api/articles                {"name", "text"} or {"name", "html"} -> {"ok": true, ...}
//   GET  /api/generation              {"generation": N}: how many times the snapshot was replaced
//                                     (an open page with another N shows an older one)
//   GET  /api/annotations?actor=&issue=  the team's notes and overrides, oldest first
//   POST /api/annotations             {"actor", "issue", "author", "kind"?, "position"?,
//                                     "salience"?, "note"?} -> {"annotation": {...}, ...}
// Errors are JSON {"error": "..."} with status 400 (bad request), 403 (another site: see
// below), 404, 413 (body too large), 500 (a callback failed) or 501 (no callback configured).
//
// Cross-site safety: every request's Host must name this server (the bound address; localhost
// when bound to loopback; any address literal when bound to every interface; or a name in
// ServeOptions::allowed_hosts). POST requests also need an Origin, or else a Referer, on the
// served origin http://<Host>, and Content-Type application/json. Requests from other sites get
// 403 before their body is read.
//
// Limits: a request body over max_body_bytes gets 413; a client that stalls while sending its
// request or reading the answer is dropped after 5 s; `threads` workers serve connections.
//
// Thread safety: requests run on a pool of threads. The snapshot is swapped atomically after an
// ingest, an override, or a page load that finds the store changed; a request sees either the old or the new snapshot, never a mix. The callbacks are
// called concurrently and must be thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "parley/forecast.h"
#include "parley/positions_document.h"
#include "parley/report.h"
#include "parley/status.h"
#include "parley/store.h"

namespace parley::serve {

// Forecasts from a positions document that already carries the what-if overrides: returns an
// array of {"issue", "model", "forecast", "p10", "p90", "rounds", ...}, as in the snapshot's
// "forecasts" (docs/report-data.md), ready for the HTTP answer. EngineForecast() is the one
// `parley serve` uses.
using ForecastFunction = std::function<Result<nlohmann::json>(const PositionsDocument& positions)>;

// The positions as of the end of a date (YYYY-MM-DD), rebuilt by the positions stage from the
// statements (pipeline::SnapshotPositionsAsOf() over the store).
using PositionsAsOfFunction = std::function<Result<PositionsDocument>(const std::string& as_of)>;

struct ArticleUpload {
  std::string name;          // ?name= of the request, e.g. a file name or URL; may be empty
  std::string content_type;  // "text/html" or "text/plain"
  std::string body;
};

// Adds one article to the analysis and returns the updated snapshot, which the server then
// serves. Errors: kInvalidInput (reported as 400), anything else as 500.
using IngestFunction = std::function<Result<report::Snapshot>(const ArticleUpload& article)>;

// The team's annotations kept in the store (Store::Annotations()).
using AnnotationsFunction = std::function<Result<std::vector<AnnotationRecord>>()>;

struct AnnotationAdded {
  AnnotationRecord annotation;               // as stored: with its number and time
  std::optional<report::Snapshot> snapshot;  // set when it changed positions: serve it from now
};
// Keeps one analyst's annotation (already checked by ParseAnnotationRequest()).
using AnnotateFunction = std::function<Result<AnnotationAdded>(const AnnotationRecord& annotation)>;

// The snapshot as the store holds it now when another connection changed the store since the
// server's snapshot was made (a colleague's override, a worker's batches), else nullopt.
using ReloadFunction = std::function<Result<std::optional<report::Snapshot>>()>;

struct ServeOptions {
  std::string host = "127.0.0.1";    // loopback only unless the analyst asks otherwise
  int port = 8080;                   // 0 picks a free port; see DashboardServer::port()
  size_t max_body_bytes = 2u << 20;  // larger request bodies get 413
  // Enough workers that clients stalling on purpose (each holds one until the read timeout)
  // do not starve the team's own requests.
  int threads = 64;
  std::vector<std::string> allowed_hosts;  // more names the dashboard may be reached by
  // GET /api/positions?as_of=: the positions stage's answer. Without it (a snapshot file, which
  // holds no statements to rebuild from) PositionsAsOf() rolls the snapshot's shifts back.
  PositionsAsOfFunction positions_as_of;
  // GET and POST /api/annotations; without them (a snapshot file) both answer 501.
  AnnotationsFunction annotations;
  AnnotateFunction annotate;
  // Asked on every page load (GET /) and GET /api/generation, so that an open page learns of
  // the team's changes and reloading it shows them.
  ReloadFunction reload;
};

class DashboardServer {
 public:
  // `forecast` or `ingest` may be empty: their endpoints then answer 501.
  DashboardServer(report::Snapshot snapshot, ForecastFunction forecast, IngestFunction ingest,
                  ServeOptions options = {});
  ~DashboardServer();
  DashboardServer(const DashboardServer&) = delete;
  DashboardServer& operator=(const DashboardServer&) = delete;

  // Binds the listening socket; a port another process listens on is an error, never shared.
  // Errors: kIo "127.0.0.1:8080: cannot listen: the port is in use (...)".
  Status Bind();
  // The bound port (useful with port 0); 0 before Bind().
  int port() const;
  // Serves until Stop(); Bind() must have succeeded. Errors: kIo when listening fails.
  Status Run();
  // Makes Run() return; safe from any thread, also before Run() started.
  void Stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// ---- The queries behind the API, usable without a server ----

// Applies {"overrides": [{"actor", "issue", "position"?, "salience"?}, {"actor",
// "capability"}]} (the request body) to a copy of a positions document; an override of a cell the
// actor has no stance on adds that cell (basis "override"). Errors: kInvalidInput naming the bad
// entry, e.g. "overrides[2].position is 140, expected a number in 0-100".
Result<PositionsDocument> ApplyWhatIf(const PositionsDocument& positions,
                                      const nlohmann::json& request);

// Longest author name and note an annotation may carry, in bytes.
inline constexpr size_t kMaxAuthorBytes = 80;
inline constexpr size_t kMaxNoteBytes = 4000;

// Reads the body of POST /api/annotations into an annotation of `scenario`: "actor" and
// "issue" ids of the scenario; "author" (1-80 bytes, one line); "kind" "note", "override" or
// "withdraw" (default: "override" with a position, else "note"); an override's "position" and
// optional "salience" in 0-100; a "note" of at most 4000 bytes, required for a plain note.
// Errors: kInvalidInput naming the field, e.g. "position is 140, expected a number in 0-100".
Result<AnnotationRecord> ParseAnnotationRequest(const report::ScenarioSummary& scenario,
                                                const nlohmann::json& body);

// {"id", "actor", "issue", "kind", "position"?, "salience"?, "note", "author", "created_at"}.
nlohmann::json AnnotationJson(const AnnotationRecord& annotation);

// The positions document of a snapshot file as of the end of `as_of` (ISO date), for a server
// without ServeOptions::positions_as_of: later evidence is dropped and each cell takes the
// position it had before its first later shift; cells whose evidence all came later and that have
// no prior basis are dropped. An empty `as_of` returns the document as is.
PositionsDocument PositionsAsOf(const report::Snapshot& snapshot, std::string_view as_of);

// What-if forecasts by the forecast stage: forecast::ForecastPositions() with `models`, the
// calibration's headline, bands and evidence rule, and `samples` Monte Carlo draws, as
// forecast::ForecastsJson(): the code path of `parley analyze`, so an empty what-if shows the
// report's numbers (up to the number of draws).
ForecastFunction EngineForecast(std::vector<forecast::Model> models, int samples,
                                forecast::Calibration calibration);

}  // namespace parley::serve
