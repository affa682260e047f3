// Report stage: the analysis snapshot (docs/report-data.md) as a typed value, its JSON edge
// (SnapshotJson() writes it, ParseSnapshot()/LoadSnapshot() read it) and the self-contained HTML
// report built from it.
//
// The HTML file carries the bundled front end (web/dist, Chart.js included) and the snapshot
// itself, so it opens offline and makes no network request. Every string of the snapshot
// reaches the page as JSON data rendered through textContent: article text cannot run script.
//
// Snapshots are plain values: load once, then share read-only between threads.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/forecast.h"
#include "parley/positions_document.h"
#include "parley/status.h"

namespace parley::report {

// The snapshot format this library reads and writes.
inline constexpr std::string_view kSnapshotFormat = "parley-snapshot/1";

// The negotiation as the report shows it: the scenario reduced to names, capabilities and
// scales.
struct ScenarioSummary {
  struct Actor {
    std::string id;
    std::string name;
    double capability = 0;  // 0-100
  };
  struct Anchor {
    double at = 0;  // 0-100
    std::string label;
  };
  struct Issue {
    std::string id;
    std::string name;
    std::string question;
    std::optional<double> status_quo;  // 0-100
    std::vector<Anchor> anchors;
  };
  std::string id;
  std::string title;
  std::string description;
  std::vector<Actor> actors;  // rows of the heat map, in order
  std::vector<Issue> issues;  // its columns
};

// One statement the report lists (GET /api/statements).
struct SnapshotStatement {
  std::string id;
  std::string doc;  // an article id of Snapshot::articles
  std::string title;
  std::string outlet;
  std::string date;
  std::string url;
  std::string actor;
  std::string issue;
  std::string speaker;
  std::string kind;       // StanceKindName()
  double position = 0;    // 0-100
  double confidence = 0;  // 0-1
  std::string text;
  int64_t span_begin = 0;  // code points of `text` in the article
  int64_t span_end = 0;
};

// An issue with cells but without the evidence a forecast needs.
struct WithheldIssue {
  std::string issue;
  std::string missing;  // forecast::EvidenceCheck::missing
};

// Who moved, and the statement that shows it (`docs` and `summary` are unset without one).
struct SnapshotShift {
  std::string actor;
  std::string issue;
  std::string date;
  double from = 0;
  double to = 0;
  std::vector<std::string> docs;
  std::optional<std::string> summary;
};

struct SnapshotStory {
  std::string id;
  std::string title;
  std::string first;  // dates
  std::string last;
  std::vector<std::string> outlets;
  std::vector<std::string> docs;
  std::optional<int64_t> size;  // every article of the story, listed or not
};

struct SnapshotArticle {
  std::string doc;
  std::string title;
  std::string outlet;
  std::string date;
  std::string url;
};

// Everything the report shows (docs/report-data.md, field by field).
struct Snapshot {
  std::string generated;  // ISO 8601 UTC
  ScenarioSummary scenario;
  PositionsDocument positions;  // evidence by article id, with url and title
  std::vector<SnapshotStatement> statements;
  std::vector<forecast::ForecastSummary> forecasts;
  std::vector<WithheldIssue> no_forecast;
  std::vector<SnapshotShift> shifts;
  std::vector<SnapshotStory> stories;
  std::vector<SnapshotArticle> articles;
  std::optional<int64_t> statements_total;  // stored statements and articles, listed or not
  std::optional<int64_t> articles_total;
};

// The JSON edge: the parley-snapshot/1 document (a file, the page's data, HTTP), and the parts
// the dashboard's API serves alone.
nlohmann::json SnapshotJson(const Snapshot& snapshot);
nlohmann::json ScenarioJson(const ScenarioSummary& scenario);
nlohmann::json StatementsJson(const std::vector<SnapshotStatement>& statements);
nlohmann::json StoriesJson(const std::vector<SnapshotStory>& stories);

// Parses and validates snapshot text. `source` names the input in messages. Errors:
// kInvalidInput, e.g. "snap.json:3:14: JSON syntax error: ..., expected a JSON object" or
// "snap.json: positions.cells[4].position is 140, expected a number in 0-100".
Result<Snapshot> ParseSnapshot(std::string_view text, std::string_view source);

// Reads and parses a snapshot file of at most `max_bytes`. Errors: kNotFound, kIo, and those of
// ParseSnapshot().
Result<Snapshot> LoadSnapshot(const std::string& path, uint64_t max_bytes = 64ull << 20);

// Checks an already parsed document, as ParseSnapshot() does. Errors: kInvalidInput.
Status ValidateSnapshot(const nlohmann::json& document, std::string_view source);

struct HtmlOptions {
  // false: the offline report. true: the live dashboard served by `parley serve`, which adds
  // the what-if sliders and may call the server's /api/ endpoints (same origin only).
  bool live = false;
  // Live mode only: the server accepts new articles (POST /api/articles), so the page offers a
  // form to add one.
  bool ingest = false;
  // Live mode only: the server keeps analysts' notes and overrides in its store
  // (GET/POST /api/annotations), so the page shows them and offers a form to add one.
  bool annotations = false;
  // Live mode only: the server's snapshot generation (GET /api/generation); the page polls it
  // when the server reads a store and offers to reload once it moves on.
  int64_t generation = 0;
};

// The complete HTML page. Its Content-Security-Policy allows only the page's own inline script
// (by nonce) and, in live mode, requests to its own origin.
std::string RenderHtml(const Snapshot& snapshot, const HtmlOptions& options = {});

// Writes the offline report to `path`. Errors: kIo naming the path.
Status WriteReport(const Snapshot& snapshot, const std::string& path);

// JSON text that is safe inside an HTML <script> element: '<', '>', '&' and U+2028/U+2029 are
// written as \u escapes, so no string can close the element or open a comment.
std::string JsonForScriptElement(const nlohmann::json& value);

}  // namespace parley::report
