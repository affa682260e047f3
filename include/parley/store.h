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
// - Cell states (CellStates()) are a cache of positions: a write that changes a cell's
//   statements or their stories forgets the cell's state in the same transaction.
// - Queued documents (Enqueue()) are claimed by one worker at a time for a lease
//   (ClaimQueued()); a WriteBatch() that lists them in done_queue marks them done in its own
//   transaction, so a batch is stored and finished together or not at all, and drops their
//   content (the row stays, counted as done), so a queue fed all day does not keep every text.
// - A Store object is used from one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/status.h"

namespace parley {

// The store indexes an original's near_signature by this many equal slices of its bytes, the
// LSH bands of NearDuplicateIndex (NearDuplicateOptions::bands), so that NearCopyCandidates()
// finds exactly the articles a NearDuplicateIndex would compare.
inline constexpr int kNearCopyBands = 20;
// The near_signature of an article too short to sign (NearDuplicateIndex::Sign() gives none):
// signed, so never read again to be signed, yet no article's near-copy. A signature shorter
// than kNearCopyBands bytes has no bands.
inline constexpr std::string_view kTooShortToSign{"\0", 1};

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
  // NearDuplicateIndex::Sign() of title and text as raw bytes (4 per value), kept so that a
  // later batch checks near-copies without re-reading stored texts; empty = not signed,
  // kTooShortToSign = too short to sign.
  std::string near_signature;
  int64_t story = 0;  // read only: the story index's story (rowid of its first article), 0 = none
  int64_t number = 0;  // read only (StaleArticles): the article's number, its insertion order
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
  int64_t id = 0;         // read only: the stored statement's number
  // Read only (CellStatementKeys): its article's locator and story (0 = not indexed yet).
  std::string locator;
  int64_t story = 0;
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

// What positions derived from one actor x issue cell's statements, kept between runs; the
// store keeps the text and forgets it when the cell's statements or their stories change.
struct CellStateRecord {
  std::string actor;
  std::string issue;
  std::string state;  // opaque to the store (positions' trace of the cell)
};

// ---- The persisted story index ----
// What same-story clustering keeps of one article (positions' StoryIndex decides; the store only
// keeps). Articles are numbered by their order of insertion (the SQLite rowid).
struct StoryEntry {
  int64_t article = 0;
  int64_t story = 0;            // the article that opened its story (the smallest number in it)
  std::optional<int64_t> day;   // days since 1970 of the article's date; none = undated
  std::vector<std::string> actors;
  std::vector<std::pair<uint64_t, double>> vector;  // term hash -> occurrences, sorted by hash
};

// The storage the story index works on: the SQLite store keeps it in its tables, in the batch's
// transaction; positions' in-memory one serves ClusterStories() over files.
class StoryIndexBackend {
 public:
  virtual ~StoryIndexBackend() = default;
  // The articles posted under `term` whose day lies in [from, to], in insertion order.
  virtual Result<std::vector<int64_t>> Postings(uint64_t term, int64_t from, int64_t to) = 0;
  // The entry of an indexed article, with its current story. Errors: kNotFound.
  virtual Result<StoryEntry> Entry(int64_t article) = 0;
  // Postings() of each of `terms`, in their order. A backend across a network answers them in
  // one round trip; this default asks Postings() term by term.
  virtual Result<std::vector<std::vector<int64_t>>> PostingsOfTerms(
      const std::vector<uint64_t>& terms, int64_t from, int64_t to) {
    std::vector<std::vector<int64_t>> lists;
    for (uint64_t term : terms) {
      auto posted = Postings(term, from, to);
      if (!posted.ok()) return posted.status();
      lists.push_back(std::move(*posted));
    }
    return lists;
  }
  // Entry() of each of `articles`, in their order; the same default. Errors: kNotFound.
  virtual Result<std::vector<StoryEntry>> Entries(const std::vector<int64_t>& articles) {
    std::vector<StoryEntry> entries;
    for (int64_t article : articles) {
      auto entry = Entry(article);
      if (!entry.ok()) return entry.status();
      entries.push_back(std::move(*entry));
    }
    return entries;
  }
  // The story of the indexed article with document id `id`; nullopt when there is none.
  virtual Result<std::optional<int64_t>> StoryOfDocument(const std::string& id) = 0;
  // For each term: the number of indexed articles holding it; then those counts go up by one
  // (the article being added). Also returns the number of indexed articles before it.
  virtual Result<std::vector<int64_t>> CountTerms(const std::vector<uint64_t>& terms,
                                                  int64_t* indexed) = 0;
  // For each term: the number of indexed articles holding it.
  virtual Result<std::vector<int64_t>> Frequencies(const std::vector<uint64_t>& terms) = 0;
  // Records an entry (entry.story set) and posts it under `terms` at entry.day.
  virtual Status Add(const StoryEntry& entry, const std::vector<uint64_t>& terms) = 0;
  // Every article of the stories `from` moves to story `into`.
  virtual Status Merge(const std::vector<int64_t>& from, int64_t into) = 0;
};

// Indexes one article: called with its number and record (text included when read back).
using StoryIndexer = std::function<Status(StoryIndexBackend&, int64_t article,
                                          const ArticleRecord& record, size_t index)>;

struct Batch {
  std::vector<ArticleRecord> articles;      // new documents
  std::vector<ArticleRecord> reextracted;   // stored documents extracted again from their text
  std::vector<StatementRecord> statements;  // of both
  std::string scenario;  // the scenario the statements belong to; empty = no stamps recorded
  std::string stamp;     // what extracted them, recorded for every document of the batch
  // Called inside the batch's transaction for every article added, in order, with its number
  // and its index in `articles`: the story index update. An error rolls the batch back.
  StoryIndexer index_story;
  // Queued documents (ClaimQueued()) this batch finishes: marked done, their content dropped,
  // in its transaction.
  std::vector<int64_t> done_queue;
};

// ---- The queue of documents for workers (`parley enqueue`, `parley worker`) ----
// One document as the input layer read it (read.h's Document, which this stage cannot name),
// content included, so a worker on any machine analyses it without the file.
struct QueuedDocument {
  int64_t id = 0;  // read only: its place in the queue
  std::string path;
  std::string url;
  int64_t line = 0;
  int64_t offset = -1;
  bool html = false;  // HTML markup, else text
  std::string content;
  std::string charset;
  std::string given_id;
  std::string title;
  std::string date;
  std::string outlet;
};

// ---- Analysts' annotations, shared by everyone who reads the store ----
// One analyst's word on one actor x issue cell: a note, or an override of the position the
// evidence gives (kOverride), or the withdrawal of the cell's override (kWithdraw). Annotations
// are only ever added, so the store keeps who said what when.
enum class AnnotationKind { kNote, kOverride, kWithdraw };

struct AnnotationRecord {
  int64_t id = 0;  // read only: the order of writing
  std::string scenario;
  std::string actor;
  std::string issue;
  AnnotationKind kind = AnnotationKind::kNote;
  std::optional<double> position;  // 0-100; set for kOverride
  std::optional<double> salience;  // 0-100; an override may set it too
  std::string note;
  std::string author;
  std::string created_at;  // read only: ISO 8601 UTC by the store's clock, "2026-12-06T10:00:00Z"
};

struct QueueCounts {
  int64_t waiting = 0;  // not done, and not claimed or claimed under a lease that has ended
  int64_t claimed = 0;  // not done, claimed under a lease that lasts
  int64_t done = 0;
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
  // Every article without its text, with its story, oldest date first (as Articles()).
  virtual Result<std::vector<ArticleRecord>> ArticleSummaries() = 0;
  // Articles without their text (as ArticleSummaries(), with `number`) by id, in the order of
  // `ids`; unknown ids are left out.
  virtual Result<std::vector<ArticleRecord>> ArticleSummariesById(
      const std::vector<std::string>& ids) = 0;
  // The articles of one story of the story index (ArticleRecord::story), without their text,
  // with `number`, oldest date first, then in insertion order.
  virtual Result<std::vector<ArticleRecord>> StoryArticles(int64_t story) = 0;
  // Articles with text whose statements of `scenario` carry another stamp than `stamp` (or
  // none), or every article with `everything`: at most `limit` (-1 = all) of those numbered
  // above `after`, in insertion order, so a caller can page through them.
  virtual Result<std::vector<ArticleRecord>> StaleArticles(const std::string& scenario,
                                                           const std::string& stamp,
                                                           bool everything, int64_t after = 0,
                                                           int limit = -1) = 0;
  // How many articles StaleArticles() would list from the start.
  virtual Result<int64_t> StaleArticleCount(const std::string& scenario, const std::string& stamp,
                                            bool everything) = 0;
  // The articles stored before signatures were kept (no near_signature), with id and text
  // (title, a line break, then the text) so the caller can sign them, oldest date first.
  virtual Result<std::vector<ArticleRecord>> UnsignedArticles() = 0;
  // Keeps the near_signature of each of `articles` (by id) that has none yet, and indexes the
  // originals (dup_of empty) among them by band, in one transaction: what UnsignedArticles()
  // lists is signed once. Unknown ids are left out.
  virtual Status SignArticles(const std::vector<ArticleRecord>& articles) = 0;
  // The stored originals (dup_of empty) whose signature shares a band with `signature` (raw
  // bytes as in ArticleRecord::near_signature; see kNearCopyBands), with id, near_signature,
  // date and number, oldest date first, then in insertion order. Its cost follows the
  // candidates, not the store.
  virtual Result<std::vector<ArticleRecord>> NearCopyCandidates(const std::string& signature) = 0;
  // Indexes up to `limit` articles the story index does not hold yet, oldest insertion first,
  // in one transaction; returns how many. `index` gets each record with its text.
  virtual Result<int> IndexStories(int limit, const StoryIndexer& index) = 0;
  // Forgets the story index (postings, term counts, stories), in one transaction.
  virtual Status ClearStoryIndex() = 0;
  // Document id -> the stamp of what extracted its statements of `scenario`; documents never
  // extracted for it are absent.
  virtual Result<std::map<std::string, std::string>> ExtractionStamps(
      const std::string& scenario) = 0;
  // Statements of one scenario, oldest article date first.
  virtual Result<std::vector<StatementRecord>> Statements(const std::string& scenario) = 0;
  // Statements of one actor x issue cell of `scenario`, oldest article date first (in the order
  // of Statements()).
  virtual Result<std::vector<StatementRecord>> CellStatements(const std::string& scenario,
                                                              const std::string& actor,
                                                              const std::string& issue) = 0;
  // The same as CellStatements() with only what the matrix weighs filled in (id, doc_id, actor,
  // issue, position, kind, confidence, span, date, outlet) and its article's locator and story,
  // read from covering indexes.
  virtual Result<std::vector<StatementRecord>> CellStatementKeys(const std::string& scenario,
                                                                 const std::string& actor,
                                                                 const std::string& issue) = 0;
  // Whole statements by number, in the order of `ids`; unknown numbers are left out.
  virtual Result<std::vector<StatementRecord>> StatementsById(const std::vector<int64_t>& ids) = 0;
  // The distinct dates of the statements of `scenario`, in order.
  virtual Result<std::vector<std::string>> StatementDates(const std::string& scenario) = 0;
  // The kept cell states of `scenario`. A cell's state is forgotten by every write that adds or
  // removes statements of the cell or changes the story of an article with statements in it
  // (WriteBatch(), IndexStories(), ClearStoryIndex()).
  virtual Result<std::vector<CellStateRecord>> CellStates(const std::string& scenario) = 0;
  // Keeps `states` (replacing those of the same cells), in one transaction; keeps nothing when
  // another connection has written since this Store last read CellStates() (or was opened), as
  // states traced meanwhile may already be stale.
  virtual Status PutCellStates(const std::string& scenario,
                               const std::vector<CellStateRecord>& states) = 0;
  // Replaces every forecast of `scenario` at once, in one transaction.
  virtual Status ReplaceForecasts(const std::string& scenario,
                                  const std::vector<ForecastRecord>& forecasts) = 0;
  virtual Result<std::vector<ForecastRecord>> Forecasts(const std::string& scenario) = 0;
  // Adds `annotation` (its id and created_at are the store's) and returns it as stored.
  // Errors: kDatabase.
  virtual Result<AnnotationRecord> AddAnnotation(const AnnotationRecord& annotation) = 0;
  // The annotations of `scenario` in the order they were written. Errors: kDatabase.
  virtual Result<std::vector<AnnotationRecord>> Annotations(const std::string& scenario) = 0;
  // Appends `documents` to the queue, in one transaction. Errors: kDatabase.
  virtual Status Enqueue(const std::vector<QueuedDocument>& documents) = 0;
  // Claims up to `limit` queued documents, oldest first, for `worker` until `lease_seconds`
  // from now by the store's clock: documents not done that nobody claimed, or whose lease
  // ended (their worker died or stalled). While a lease lasts no other claim gets the
  // document. Errors: kDatabase.
  virtual Result<std::vector<QueuedDocument>> ClaimQueued(const std::string& worker, int limit,
                                                          int64_t lease_seconds) = 0;
  virtual Result<QueueCounts> CountQueued() = 0;
  // The schema version the store is at (see src/store/schema.cc).
  virtual Result<int> SchemaVersion() = 0;
  // A number that changes when another connection commits a write (SQLite's data_version; a
  // counter the writes raise in PostgreSQL, where this connection's own writes raise it too):
  // what a reader checks to know whether what it loaded may be stale. Errors: kDatabase.
  virtual Result<int64_t> WriteCount() = 0;
};

// Opens or creates an SQLite store at `path` (":memory:" for a private one), in WAL mode with
// foreign keys on, migrating its schema to the current version. Errors: kDatabase, naming the
// file, e.g. "parley.db: file is not a database".
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

// ---- PostgreSQL, for a team sharing one store ----
// Connects to the PostgreSQL database at `url` ("postgresql://user@host:port/db", libpq's URI
// form), migrating its schema to the current version. Writers take turns: a batch waits for the
// one another connection is writing. Errors: kDatabase, one line naming the URL without its
// password, e.g. "postgresql://ann@db/parley: cannot connect: ... Connection refused".
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url);

// "note", "override", "withdraw"; and back (nullopt for any other name).
std::string_view AnnotationKindName(AnnotationKind kind);
std::optional<AnnotationKind> ParseAnnotationKind(std::string_view name);

// The store `db` names: a postgresql:// or postgres:// URL opens PostgreSQL, anything else is an
// SQLite file.
Result<std::unique_ptr<Store>> OpenStore(const std::string& db);

// `db` as messages and output show it: a URL without its password (in the user part or the
// query); an SQLite path as it is.
std::string StoreDisplayName(const std::string& db);

}  // namespace parley
