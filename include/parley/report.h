// Report stage: the analysis snapshot (one JSON document, docs/report-data.md) and the
// self-contained HTML report built from it.
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

#include "parley/positions_document.h"
#include "parley/status.h"

namespace parley::report {

// The snapshot format this library reads and writes.
inline constexpr std::string_view kSnapshotFormat = "parley-snapshot/1";

// A snapshot that passed ValidateSnapshot(): every field the front end reads is present and of
// the right type, positions are within 0-100, and every cell names a known actor and issue.
struct Snapshot {
  nlohmann::json document;
  // document["positions"] as the typed value, when the snapshot was built in process
  // (pipeline); nullopt for a snapshot read from a file, whose positions the reader converts
  // at that edge (forecast::ParsePositionsDocument).
  std::optional<PositionsDocument> positions = std::nullopt;
};

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
