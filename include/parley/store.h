// Store stage: where analyses persist between runs. SQLite is the embedded default; the
// interface is small so that a PostgreSQL backend can follow.
//
// Contract:
// - Every WriteBatch() is one transaction: after a crash, a batch is either all there or absent.
// - A document whose id is already stored is skipped (reported in BatchSummary::already_stored),
//   together with the statements that belong to it in the same batch.
// - Each document remembers, per scenario, the stamp of what extracted its statements
//   (StancePipeline::ExtractionStamp()); a re-extraction replaces that scenario's statements of
//   the document and its stamp, and nothing else.
// - A Store object is used from one thread at a time.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parley/status.h"

namespace parley {

struct ArticleRecord {
  std::string id;  // DocumentId of the article text
  std::string path;
  std::string url;
  std::string title;
  std::string author;
  std::string date;  // ISO 8601, may be empty
  std::string outlet;
  std::string lang;
  std::string text;
  std::string dup_of;   // id of an earlier near-copy, or empty
  std::string locator;  // where the article came from: "path", "path:line" or "path@offset"
  std::string actors;   // scenario actor ids mentioned, space-separated (for story clustering)
};

// One actor's stance on one issue, with its evidence; see docs/positions-json.md.
struct StatementRecord {
  std::string doc_id;
  std::string scenario;
  std::string actor;
  std::string issue;
  double position = 0;
  std::string kind;
  std::string speaker;
  std::string evidence;
  int64_t span_begin = 0;
  int64_t span_end = 0;
  double confidence = 0;
  std::string condition;
  bool negated = false;
  std::string date;
  std::string outlet;
  bool reported = false;  // a third party's claim about the actor, not the actor's own words
  bool joint = false;     // held with the other members of a group (Statement::joint)
};

// One model's forecast for one issue, with the full result as JSON for the report.
struct ForecastRecord {
  std::string scenario;
  std::string issue;
  std::string model;
  double forecast = 0;
  double p10 = 0;
  double p90 = 0;
  std::string detail_json;
};

struct Batch {
  std::vector<ArticleRecord> articles;      // new documents
  std::vector<ArticleRecord> reextracted;   // stored documents extracted again from their text
  std::vector<StatementRecord> statements;  // of both
  std::string scenario;  // the scenario the statements belong to; empty = no stamps recorded
  std::string stamp;     // what extracted them, recorded for every document of the batch
};

struct BatchSummary {
  int articles_added = 0;
  int statements_added = 0;
  int reextracted = 0;  // stored documents whose statements of the scenario were replaced
  std::vector<std::string> already_stored;  // ids of articles skipped as already stored
};

class Store {
 public:
  virtual ~Store() = default;

  // Writes the batch in one transaction. Errors: kDatabase.
  virtual Result<BatchSummary> WriteBatch(const Batch& batch) = 0;
  virtual Result<bool> HasArticle(const std::string& id) = 0;
  virtual Result<std::vector<ArticleRecord>> Articles() = 0;
  // Document id -> the stamp of what extracted its statements of `scenario`; documents never
  // extracted for it are absent.
  virtual Result<std::map<std::string, std::string>> ExtractionStamps(
      const std::string& scenario) = 0;
  // Statements of one scenario, oldest article date first.
  virtual Result<std::vector<StatementRecord>> Statements(const std::string& scenario) = 0;
  // Replaces every forecast of `scenario` at once, in one transaction.
  virtual Status ReplaceForecasts(const std::string& scenario,
                                  const std::vector<ForecastRecord>& forecasts) = 0;
  virtual Result<std::vector<ForecastRecord>> Forecasts(const std::string& scenario) = 0;
  // The schema version the store is at (see src/store/sqlite_schema.cc).
  virtual Result<int> SchemaVersion() = 0;
};

// Opens or creates an SQLite store at `path` (":memory:" for a private one), in WAL mode with
// foreign keys on, migrating its schema to the current version. Errors: kDatabase, naming the
// file, e.g. "parley.db: file is not a database".
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace parley
