// The SQLite store. Schema changes are migrations (schema.cc), applied in order and counted in
// PRAGMA user_version, so an old parley.db is upgraded in place when it is opened.
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_map>
#include <optional>
#include <set>
#include <tuple>

#include "parley/store.h"
#include "parley/text_util.h"
#include "schema.h"

namespace parley {
namespace {

// The migrations are described once for every backend, in schema.cc.
const int kSchemaVersion = store_schema::SchemaVersion();

// A prepared statement that finalizes itself.
class Query {
 public:
  Query(sqlite3* db, const char* sql) {
    status_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  Query(sqlite3* db, const std::string& sql) : Query(db, sql.c_str()) {}
  ~Query() { sqlite3_finalize(stmt_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  bool prepared() const { return status_ == SQLITE_OK; }
  Query& Bind(int index, const std::string& value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& Bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
  }
  Query& BindBlob(int index, const std::string& bytes) {
    sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& BindNull(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
  }
  Query& Bind(int index, int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text ? reinterpret_cast<const char*>(text) : "";
  }
  double Real(int column) const { return sqlite3_column_double(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string Blob(int column) const {
    const void* data = sqlite3_column_blob(stmt_, column);
    return data ? std::string(static_cast<const char*>(data),
                              static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::string();
  }
  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int status_;
};

// The story index in the store's tables. Used inside a transaction the caller opened; the
// prepared statements live as long as the object.
class SqliteStoryIndex : public StoryIndexBackend {
 public:
  // `df_cache` holds the term counts read or written so far; the store keeps it between
  // transactions while no other connection has written (see TermCountCache()).
  SqliteStoryIndex(sqlite3* db, const std::string& path,
                   std::unordered_map<uint64_t, int64_t>& df_cache)
      : db_(db),
        path_(path),
        df_cache_(df_cache),
        postings_(db, "SELECT article FROM story_postings WHERE term = ? AND day BETWEEN ? AND ? "
                      "ORDER BY article"),
        entry_(db, "SELECT story, story_day, actors, story_vector FROM articles WHERE rowid = ? "
                   "AND story IS NOT NULL"),
        story_of_(db, "SELECT story FROM articles WHERE id = ? AND story IS NOT NULL"),
        df_(db, "SELECT df FROM story_terms WHERE term = ?"),
        count_(db, "INSERT INTO story_terms (term, df) VALUES (?, ?) "
                   "ON CONFLICT (term) DO UPDATE SET df = excluded.df"),
        set_(db, "UPDATE articles SET story = ?, story_day = ?, story_vector = ? WHERE rowid = ?"),
        post_(db, "INSERT OR IGNORE INTO story_postings (term, day, article) VALUES (?, ?, ?)"),
        merge_(db, "UPDATE articles SET story = ? WHERE story = ?"),
        forget_cells_(db, "DELETE FROM cells WHERE (scenario, actor, issue) IN (SELECT "
                          "s.scenario, s.actor, s.issue FROM articles a JOIN statements s ON "
                          "s.doc_id = a.id WHERE a.story = ?)") {}

  bool prepared() const {
    return postings_.prepared() && entry_.prepared() && story_of_.prepared() && df_.prepared() &&
           count_.prepared() && set_.prepared() && post_.prepared() && merge_.prepared() &&
           forget_cells_.prepared();
  }

  Result<std::vector<int64_t>> Postings(uint64_t term, int64_t from, int64_t to) override {
    postings_.Reset();
    postings_.Bind(1, static_cast<int64_t>(term)).Bind(2, from).Bind(3, to);
    std::vector<int64_t> articles;
    int rc;
    while ((rc = postings_.Step()) == SQLITE_ROW) articles.push_back(postings_.Int(0));
    if (rc != SQLITE_DONE) return Error("read story postings");
    return articles;
  }

  Result<StoryEntry> Entry(int64_t article) override {
    entry_.Reset();
    entry_.Bind(1, article);
    int rc = entry_.Step();
    if (rc == SQLITE_DONE) return NotFound(path_ + ": article " + std::to_string(article) +
                                                " is not in the story index");
    if (rc != SQLITE_ROW) return Error("read story entry");
    StoryEntry entry;
    entry.article = article;
    entry.story = entry_.Int(0);
    if (!entry_.IsNull(1)) entry.day = entry_.Int(1);
    entry.actors = SplitWords(entry_.Text(2));
    const std::string bytes = entry_.Blob(3);
    const size_t width = sizeof(uint64_t) + sizeof(double);
    entry.vector.resize(bytes.size() / width);
    for (size_t i = 0; i < entry.vector.size(); ++i) {
      std::memcpy(&entry.vector[i].first, bytes.data() + i * width, sizeof(uint64_t));
      std::memcpy(&entry.vector[i].second, bytes.data() + i * width + sizeof(uint64_t),
                  sizeof(double));
    }
    return entry;
  }

  Result<std::optional<int64_t>> StoryOfDocument(const std::string& id) override {
    story_of_.Reset();
    story_of_.Bind(1, id);
    int rc = story_of_.Step();
    if (rc == SQLITE_DONE) return std::optional<int64_t>();
    if (rc != SQLITE_ROW) return Error("read story of " + id);
    return std::optional<int64_t>(story_of_.Int(0));
  }

  // Term 0 counts the indexed articles themselves (no term hashes to 0 by construction of
  // positions' term hash, which sets the top bit). Counts are cached for the transaction and
  // written by Flush(), so a term shared by the articles of a batch is read and written once.
  Result<std::vector<int64_t>> CountTerms(const std::vector<uint64_t>& terms,
                                          int64_t* indexed) override {
    auto count = Count(0);
    if (!count.ok()) return count.status();
    *indexed = **count;
    auto counts = Frequencies(terms);
    if (!counts.ok()) return counts.status();
    for (uint64_t term : terms) {
      ++df_cache_[term];
      dirty_.push_back(term);
    }
    return counts;
  }

  Result<std::vector<int64_t>> Frequencies(const std::vector<uint64_t>& terms) override {
    std::vector<int64_t> counts;
    counts.reserve(terms.size());
    for (uint64_t term : terms) {
      auto found = Count(term);
      if (!found.ok()) return found.status();
      counts.push_back(**found);
    }
    return counts;
  }

  // Writes the cached counts; call before the transaction commits.
  Status Flush() {
    std::sort(dirty_.begin(), dirty_.end());
    dirty_.erase(std::unique(dirty_.begin(), dirty_.end()), dirty_.end());
    for (uint64_t term : dirty_) {
      count_.Reset();
      count_.Bind(1, static_cast<int64_t>(term)).Bind(2, df_cache_[term]);
      if (count_.Step() != SQLITE_DONE) return Error("write story terms");
    }
    dirty_.clear();
    return Status::Ok();
  }

  Status Add(const StoryEntry& entry, const std::vector<uint64_t>& terms) override {
    auto indexed = Count(0);
    if (!indexed.ok()) return indexed.status();
    ++df_cache_[0];
    dirty_.push_back(0);
    std::string bytes(entry.vector.size() * (sizeof(uint64_t) + sizeof(double)), '\0');
    size_t at = 0;
    for (const auto& [term, weight] : entry.vector) {
      std::memcpy(bytes.data() + at, &term, sizeof term);
      std::memcpy(bytes.data() + at + sizeof term, &weight, sizeof weight);
      at += sizeof term + sizeof weight;
    }
    set_.Reset();
    set_.Bind(1, entry.story);
    if (entry.day) {
      set_.Bind(2, *entry.day);
    } else {
      set_.BindNull(2);
    }
    set_.BindBlob(3, bytes).Bind(4, entry.article);
    if (set_.Step() != SQLITE_DONE) return Error("write story entry");
    if (!entry.day) return Status::Ok();
    for (uint64_t term : terms) {
      post_.Reset();
      post_.Bind(1, static_cast<int64_t>(term)).Bind(2, *entry.day).Bind(3, entry.article);
      if (post_.Step() != SQLITE_DONE) return Error("write story posting");
    }
    return Status::Ok();
  }

  Status Merge(const std::vector<int64_t>& from, int64_t into) override {
    for (int64_t story : from) {
      // The cells with statements of the moving articles see their stories change.
      forget_cells_.Reset();
      forget_cells_.Bind(1, story);
      if (forget_cells_.Step() != SQLITE_DONE) return Error("forget cell states");
      merge_.Reset();
      merge_.Bind(1, into).Bind(2, story);
      if (merge_.Step() != SQLITE_DONE) return Error("merge stories");
    }
    return Status::Ok();
  }

 private:
  // The cached count of a term, read from the table on first use.
  Result<int64_t*> Count(uint64_t term) {
    auto [it, added] = df_cache_.emplace(term, 0);
    if (added) {
      df_.Reset();
      df_.Bind(1, static_cast<int64_t>(term));
      int rc = df_.Step();
      if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("read story terms");
      it->second = rc == SQLITE_ROW ? df_.Int(0) : 0;
    }
    return &it->second;
  }

  Status Error(const std::string& what) const {
    return DatabaseError(path_ + ": " + what + ": " + sqlite3_errmsg(db_));
  }

  sqlite3* db_;
  std::string path_;
  std::unordered_map<uint64_t, int64_t>& df_cache_;
  Query postings_, entry_, story_of_, df_, count_, set_, post_, merge_, forget_cells_;
  std::vector<uint64_t> dirty_;
};

constexpr const char* kAnnotationColumns =
    "id, scenario, actor, issue, kind, position, salience, note, author, created_at";

void BindOptional(Query& query, int index, const std::optional<double>& value) {
  if (value) {
    query.Bind(index, *value);
  } else {
    query.BindNull(index);
  }
}

std::optional<double> OptionalReal(const Query& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Real(column);
}

// A row of kAnnotationColumns.
AnnotationRecord AnnotationAt(Query& row) {
  AnnotationRecord a;
  a.id = row.Int(0);
  a.scenario = row.Text(1);
  a.actor = row.Text(2);
  a.issue = row.Text(3);
  a.kind = ParseAnnotationKind(row.Text(4)).value_or(AnnotationKind::kNote);
  a.position = OptionalReal(row, 5);
  a.salience = OptionalReal(row, 6);
  a.note = row.Text(7);
  a.author = row.Text(8);
  a.created_at = row.Text(9);
  return a;
}

class SqliteStore : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteStore() override { sqlite3_close(db_); }

  Status Open() {
    PARLEY_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys = ON"));
    PARLEY_RETURN_IF_ERROR(Exec("PRAGMA busy_timeout = 5000"));
    if (path_ != ":memory:") PARLEY_RETURN_IF_ERROR(Exec("PRAGMA journal_mode = WAL"));
    PARLEY_RETURN_IF_ERROR(Exec("PRAGMA synchronous = NORMAL"));
    // 32 MB of page cache instead of SQLite's 2 MB: re-tracing a cell looks up the article of
    // each of its statements, and on a large store those index pages kept falling out of the
    // cache (a fifth of a full re-trace went to copying them in again). Only what is read counts.
    PARLEY_RETURN_IF_ERROR(Exec("PRAGMA cache_size = -32768"));
    PARLEY_RETURN_IF_ERROR(Migrate());
    auto version = DataVersion();
    if (!version.ok()) return version.status();
    cells_read_at_ = *version;
    return Status::Ok();
  }

  Result<BatchSummary> WriteBatch(const Batch& batch) override {
    return InWriteTransaction([&]() -> Result<BatchSummary> {
      BatchSummary summary;
      PARLEY_RETURN_IF_ERROR(WriteBatchInTransaction(batch, &summary));
      return summary;
    });
  }

  Result<bool> HasArticle(const std::string& id) override {
    Query query(db_, "SELECT 1 FROM articles WHERE id = ?");
    if (!query.prepared()) return Error("prepare");
    query.Bind(1, id);
    int rc = query.Step();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("read articles");
    return rc == SQLITE_ROW;
  }

  Result<std::vector<ArticleRecord>> Articles() override {
    Query query(db_,
                "SELECT id, path, url, title, author, date, outlet, lang, text, dup_of, locator, "
                "actors FROM articles ORDER BY date, rowid");
    if (!query.prepared()) return Error("prepare");
    return ReadRows(query, "read articles", [](Query& row) { return ArticleAt(row, 0); });
  }

  Result<std::vector<ArticleRecord>> ArticleSummaries() override {
    Query query(db_, (std::string(kSummaryColumns) + "ORDER BY date, rowid").c_str());
    if (!query.prepared()) return Error("prepare");
    return ReadRows(query, "read articles", SummaryAt);
  }

  Result<std::vector<ArticleRecord>> ArticleSummariesById(
      const std::vector<std::string>& ids) override {
    Query query(db_, (std::string(kSummaryColumns) + "WHERE id = ?").c_str());
    if (!query.prepared()) return Error("prepare");
    std::vector<ArticleRecord> articles;
    for (const std::string& id : ids) {
      query.Reset();
      query.Bind(1, id);
      int rc = query.Step();
      if (rc == SQLITE_ROW) {
        articles.push_back(SummaryAt(query));
      } else if (rc != SQLITE_DONE) {
        return Error("read article " + id);
      }
    }
    return articles;
  }

  Result<std::vector<ArticleRecord>> StoryArticles(int64_t story) override {
    Query query(db_, (std::string(kSummaryColumns) + "WHERE story = ? ORDER BY date, rowid").c_str());
    if (!query.prepared()) return Error("prepare");
    query.Bind(1, story);
    return ReadRows(query, "read articles of story " + std::to_string(story), SummaryAt);
  }

  Result<std::vector<ArticleRecord>> StaleArticles(const std::string& scenario,
                                                   const std::string& stamp, bool everything,
                                                   int64_t after, int limit) override {
    if (!everything) {
      auto stale = CountStale(scenario, stamp);
      if (!stale.ok()) return stale.status();
      if (*stale == 0) return std::vector<ArticleRecord>();
    }
    Query query(db_,
                "SELECT a.id, a.path, a.url, a.title, a.author, a.date, a.outlet, a.lang, a.text, "
                "a.dup_of, a.locator, a.actors, a.rowid FROM articles a LEFT JOIN extractions e "
                "ON e.doc_id = a.id AND e.scenario = ? "
                "WHERE a.rowid > ? AND (? OR e.stamp IS NULL OR e.stamp != ?) "
                "ORDER BY a.rowid LIMIT ?");
    if (!query.prepared()) return Error("prepare");
    query.Bind(1, scenario).Bind(2, after).Bind(3, static_cast<int64_t>(everything));
    query.Bind(4, stamp).Bind(5, static_cast<int64_t>(limit));
    return ReadRows(query, "read articles", [](Query& row) {
      ArticleRecord article = ArticleAt(row, 0);
      article.number = row.Int(12);
      return article;
    });
  }

  Result<int64_t> StaleArticleCount(const std::string& scenario, const std::string& stamp,
                                    bool everything) override {
    if (!everything) return CountStale(scenario, stamp);
    Query query(db_, "SELECT count(*) FROM articles");
    if (!query.prepared()) return Error("prepare");
    if (query.Step() != SQLITE_ROW) return Error("count articles");
    return query.Int(0);
  }

  Result<std::vector<ArticleRecord>> UnsignedArticles() override {
    Query query(db_,
                "SELECT id, title || char(10) || text FROM articles INDEXED BY articles_unsigned "
                "WHERE length(near_signature) = 0 ORDER BY date, rowid");
    if (!query.prepared()) return Error("prepare");
    return ReadRows(query, "read articles", [](Query& row) {
      ArticleRecord article;
      article.id = row.Text(0);
      article.text = row.Text(1);
      return article;
    });
  }

  Result<std::vector<ArticleRecord>> NearCopyCandidates(const std::string& signature) override {
    std::vector<ArticleRecord> candidates;
    if (signature.size() < kNearCopyBands) return candidates;  // no bands
    Query band(db_, "SELECT article FROM near_bands WHERE band = ? AND slice = ?");
    Query article(db_, "SELECT id, near_signature, date FROM articles WHERE rowid = ?");
    if (!band.prepared() || !article.prepared()) return Error("prepare");
    std::set<int64_t> numbers;
    for (int b = 0; b < kNearCopyBands; ++b) {
      band.Reset();
      band.Bind(1, static_cast<int64_t>(b)).BindBlob(2, BandSlice(signature, b));
      int rc;
      while ((rc = band.Step()) == SQLITE_ROW) numbers.insert(band.Int(0));
      if (rc != SQLITE_DONE) return Error("read near-copy bands");
    }
    for (int64_t number : numbers) {
      article.Reset();
      article.Bind(1, number);
      if (article.Step() != SQLITE_ROW) return Error("read article " + std::to_string(number));
      ArticleRecord& a = candidates.emplace_back();
      a.id = article.Text(0);
      a.near_signature = article.Blob(1);
      a.date = article.Text(2);
      a.number = number;
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const ArticleRecord& x, const ArticleRecord& y) {
                return std::tie(x.date, x.number) < std::tie(y.date, y.number);
              });
    return candidates;
  }

  // ---- Signing the articles stored unsigned ----
  Status SignArticles(const std::vector<ArticleRecord>& articles) override {
    return InWriteTransaction([&]() -> Status {
      Query sign(db_,
                 "UPDATE articles SET near_signature = ? WHERE id = ? AND length(near_signature) "
                 "= 0 RETURNING rowid, dup_of");
      if (!sign.prepared()) return Error("prepare");
      for (const ArticleRecord& a : articles) {
        sign.Reset();
        sign.BindBlob(1, a.near_signature).Bind(2, a.id);
        const int rc = sign.Step();
        if (rc == SQLITE_DONE) continue;  // unknown, or signed since it was read
        if (rc != SQLITE_ROW) return Error("sign article " + a.id);
        ArticleRecord stored = a;
        stored.dup_of = sign.Text(1);
        const int64_t number = sign.Int(0);
        sign.Reset();  // its change is made at the first step; done with it before the bands
        PARLEY_RETURN_IF_ERROR(AddNearBands(stored, number));
      }
      return Status::Ok();
    });
  }

  Result<int> IndexStories(int limit, const StoryIndexer& index) override {
    return InWriteTransaction([&] { return IndexStoriesInTransaction(limit, index); });
  }

  Status ClearStoryIndex() override {
    return InWriteTransaction([&] {
      ForgetTermCounts();
      return Exec(
          "DELETE FROM story_postings; DELETE FROM story_terms; DELETE FROM cells; "
          "UPDATE articles SET story = NULL, story_day = NULL, story_vector = NULL");
    });
  }

  Result<std::map<std::string, std::string>> ExtractionStamps(
      const std::string& scenario) override {
    Query query(db_, "SELECT doc_id, stamp FROM extractions WHERE scenario = ?");
    if (!query.prepared()) return Error("prepare");
    query.Bind(1, scenario);
    std::map<std::string, std::string> stamps;
    int rc;
    while ((rc = query.Step()) == SQLITE_ROW) stamps[query.Text(0)] = query.Text(1);
    if (rc != SQLITE_DONE) return Error("read extractions");
    return stamps;
  }

  Result<std::vector<StatementRecord>> Statements(const std::string& scenario) override {
    Query query(db_, (std::string(kStatementColumns) +
                      "WHERE scenario = ? ORDER BY date, id").c_str());
    if (!query.prepared()) return Error("prepare");
    query.Bind(1, scenario);
    return ReadStatements(query);
  }

  Result<std::vector<StatementRecord>> CellStatements(const std::string& scenario,
                                                      const std::string& actor,
                                                      const std::string& issue) override {
    Query query(db_, (std::string(kStatementColumns) +
                      "WHERE scenario = ? AND actor = ? AND issue = ? ORDER BY date, id").c_str());
    if (!query.prepared()) return Error("prepare");
    query.Bind(1, scenario).Bind(2, actor).Bind(3, issue);
    return ReadStatements(query);
  }

  Result<std::vector<StatementRecord>> CellStatementKeys(const std::string& scenario,
                                                         const std::string& actor,
                                                         const std::string& issue) override {
    Query query(db_,
                "SELECT s.id, s.doc_id, s.position, s.kind, s.confidence, s.span_begin, "
                "s.span_end, s.date, s.outlet, a.locator, a.story "
                "FROM statements s INDEXED BY statements_for_cells "
                "JOIN articles a INDEXED BY articles_stories ON a.id = s.doc_id "
                "WHERE s.scenario = ? AND s.actor = ? AND s.issue = ? ORDER BY s.date, s.id");
    if (!query.prepared()) return Error("prepare");
    query.Bind(1, scenario).Bind(2, actor).Bind(3, issue);
    std::vector<StatementRecord> statements;
    int rc;
    while ((rc = query.Step()) == SQLITE_ROW) {
      StatementRecord s;
      s.id = query.Int(0);
      s.doc_id = query.Text(1);
      s.scenario = scenario;
      s.actor = actor;
      s.issue = issue;
      s.position = query.Real(2);
      s.kind = query.Text(3);
      s.confidence = query.Real(4);
      s.span_begin = query.Int(5);
      s.span_end = query.Int(6);
      s.date = query.Text(7);
      s.outlet = query.Text(8);
      s.locator = query.Text(9);
      s.story = query.Int(10);
      statements.push_back(std::move(s));
    }
    if (rc != SQLITE_DONE) return Error("read statements");
    return statements;
  }

  Result<std::vector<StatementRecord>> StatementsById(const std::vector<int64_t>& ids) override {
    Query query(db_, (std::string(kStatementColumns) + "WHERE id = ?").c_str());
    if (!query.prepared()) return Error("prepare");
    std::vector<StatementRecord> statements;
    for (int64_t id : ids) {
      query.Reset();
      query.Bind(1, id);
      auto one = ReadStatements(query);
      if (!one.ok()) return one.status();
      for (StatementRecord& s : *one) statements.push_back(std::move(s));
    }
    return statements;
  }

  Result<std::vector<std::string>> StatementDates(const std::string& scenario) override {
    Query query(db_, "SELECT DISTINCT date FROM statements WHERE scenario = ? ORDER BY date");
    if (!query.prepared()) return Error("prepare");
    query.Bind(1, scenario);
    return ReadRows(query, "read statements", [](Query& row) { return row.Text(0); });
  }

  Result<std::vector<CellStateRecord>> CellStates(const std::string& scenario) override {
    auto version = DataVersion();
    if (!version.ok()) return version.status();
    cells_read_at_ = *version;
    Query query(db_, "SELECT actor, issue, state FROM cells WHERE scenario = ?");
    if (!query.prepared()) return Error("prepare");
    query.Bind(1, scenario);
    return ReadRows(query, "read cell states", [](Query& row) {
      return CellStateRecord{row.Text(0), row.Text(1), row.Text(2)};
    });
  }

  Status PutCellStates(const std::string& scenario,
                       const std::vector<CellStateRecord>& states) override {
    return InWriteTransaction([&] { return PutCellStatesInTransaction(scenario, states); });
  }

  Status ReplaceForecasts(const std::string& scenario,
                          const std::vector<ForecastRecord>& forecasts) override {
    return InWriteTransaction([&] { return ReplaceForecastsInTransaction(scenario, forecasts); });
  }

  Result<std::vector<ForecastRecord>> Forecasts(const std::string& scenario) override {
    Query query(db_,
                "SELECT scenario, issue, model, forecast, p10, p90, detail_json FROM forecasts "
                "WHERE scenario = ? ORDER BY issue, model");
    if (!query.prepared()) return Error("prepare");
    query.Bind(1, scenario);
    return ReadRows(query, "read forecasts", [](Query& row) {
      return ForecastRecord{row.Text(0), row.Text(1), row.Text(2), row.Real(3),
                            row.Real(4), row.Real(5), row.Text(6)};
    });
  }

  Result<AnnotationRecord> AddAnnotation(const AnnotationRecord& annotation) override {
    Query insert(db_,
                 "INSERT INTO annotations (scenario, actor, issue, kind, position, salience, note, "
                 "author) VALUES (?,?,?,?,?,?,?,?) RETURNING " + std::string(kAnnotationColumns));
    if (!insert.prepared()) return Error("prepare");
    insert.Bind(1, annotation.scenario).Bind(2, annotation.actor).Bind(3, annotation.issue);
    insert.Bind(4, std::string(AnnotationKindName(annotation.kind)));
    BindOptional(insert, 5, annotation.position);
    BindOptional(insert, 6, annotation.salience);
    insert.Bind(7, annotation.note).Bind(8, annotation.author);
    if (insert.Step() != SQLITE_ROW) return Error("add an annotation");
    AnnotationRecord stored = AnnotationAt(insert);
    if (insert.Step() != SQLITE_DONE) return Error("add an annotation");
    return stored;
  }

  Result<std::vector<AnnotationRecord>> Annotations(const std::string& scenario) override {
    Query query(db_, "SELECT " + std::string(kAnnotationColumns) +
                         " FROM annotations WHERE scenario = ? ORDER BY id");
    if (!query.prepared()) return Error("prepare");
    query.Bind(1, scenario);
    return ReadRows(query, "read annotations", AnnotationAt);
  }

  Status Enqueue(const std::vector<QueuedDocument>& documents) override {
    return InWriteTransaction([&] { return EnqueueInTransaction(documents); });
  }

  // One writer at a time (BEGIN IMMEDIATE): two claims never see the same free documents.
  Result<std::vector<QueuedDocument>> ClaimQueued(const std::string& worker, int limit,
                                                  int64_t lease_seconds) override {
    return InWriteTransaction([&] { return ClaimInTransaction(worker, limit, lease_seconds); });
  }

  Result<QueueCounts> CountQueued() override {
    Query query(db_, "SELECT coalesce(sum(done = 0 AND (lease_until IS NULL OR lease_until <= " +
                         std::string(kNow) +
                         ")), 0), coalesce(sum(done = 0 AND lease_until > " + kNow +
                         "), 0), coalesce(sum(done), 0) FROM queue");
    if (!query.prepared()) return Error("prepare");
    if (query.Step() != SQLITE_ROW) return Error("count queued documents");
    return QueueCounts{query.Int(0), query.Int(1), query.Int(2)};
  }

  Result<int> SchemaVersion() override {
    Query query(db_, "PRAGMA user_version");
    if (!query.prepared() || query.Step() != SQLITE_ROW) return Error("read schema version");
    return static_cast<int>(query.Int(0));
  }

  Result<int64_t> WriteCount() override { return DataVersion(); }

 private:
  Status Error(const std::string& what) const {
    return DatabaseError(path_ + ": " + what + ": " + sqlite3_errmsg(db_));
  }

  Status Exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK)
      return Status::Ok();
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return DatabaseError(path_ + ": " + text);
  }

  // Every row of `query`, each made by `make(query)`; `what` names the read in an error.
  template <typename Make>
  auto ReadRows(Query& query, const std::string& what, Make make)
      -> Result<std::vector<decltype(make(query))>> {
    std::vector<decltype(make(query))> rows;
    int rc;
    while ((rc = query.Step()) == SQLITE_ROW) rows.push_back(make(query));
    if (rc != SQLITE_DONE) return Error(what);
    return rows;
  }

  // Runs `body` (returning a Status or a Result) in one write transaction; BEGIN IMMEDIATE takes
  // the write lock first, so two writers never interleave. A failure rolls back and forgets the
  // cached term counts, which may count what was rolled back.
  template <typename Body>
  auto InWriteTransaction(Body body) -> decltype(body()) {
    PARLEY_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    auto result = body();
    if (!result.ok()) {
      (void)Exec("ROLLBACK");
      ForgetTermCounts();
      return result;
    }
    PARLEY_RETURN_IF_ERROR(Exec("COMMIT"));
    return result;
  }

  Status Migrate() {
    auto version = SchemaVersion();
    if (!version.ok()) return version.status();
    if (*version >= kSchemaVersion) return CheckNotNewer(*version);
    return InWriteTransaction([&] { return MigrateInTransaction(); });
  }

  // Reads the version again under the write lock: another connection opening the same new
  // store may have migrated it since.
  Status MigrateInTransaction() {
    auto version = SchemaVersion();
    if (!version.ok()) return version.status();
    PARLEY_RETURN_IF_ERROR(CheckNotNewer(*version));
    if (*version == kSchemaVersion) return Status::Ok();
    for (int next = *version; next < kSchemaVersion; ++next) {
      PARLEY_RETURN_IF_ERROR(
          Exec(store_schema::MigrationSql(store_schema::Dialect::kSqlite, next)));
    }
    return Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
  }

  Status CheckNotNewer(int version) const {
    if (version <= kSchemaVersion) return Status::Ok();
    return DatabaseError(path_ + ": schema version " + std::to_string(version) +
                         " is newer than this parley understands (" +
                         std::to_string(kSchemaVersion) + "); upgrade parley");
  }

  // The articles whose statements of `scenario` carry another stamp or none, counted from
  // indexes: a document has at most one stamp per scenario, and its stamps go with it, so
  // these are the articles less the stamps that match. Reading the articles table itself would
  // read every text.
  Result<int64_t> CountStale(const std::string& scenario, const std::string& stamp) {
    Query query(db_,
                "SELECT (SELECT count(*) FROM articles) - (SELECT count(*) FROM extractions "
                "WHERE scenario = ? AND stamp = ?)");
    if (!query.prepared()) return Error("prepare");
    query.Bind(1, scenario).Bind(2, stamp);
    if (query.Step() != SQLITE_ROW) return Error("count stale articles");
    return query.Int(0);
  }

  static constexpr const char* kSummaryColumns =
      "SELECT id, path, url, title, author, date, outlet, lang, dup_of, locator, actors, story, "
      "rowid FROM articles ";

  // A row of kSummaryColumns.
  static ArticleRecord SummaryAt(const Query& query) {
    ArticleRecord a;
    std::string* fields[] = {&a.id,     &a.path, &a.url,    &a.title,   &a.author, &a.date,
                             &a.outlet, &a.lang, &a.dup_of, &a.locator, &a.actors};
    int column = 0;
    for (std::string* field : fields) *field = query.Text(column++);
    a.story = query.Int(column++);
    a.number = query.Int(column);
    return a;
  }

  // The columns id, path, url, title, author, date, outlet, lang, text, dup_of, locator, actors
  // from column `first` on.
  static ArticleRecord ArticleAt(const Query& query, int first) {
    ArticleRecord a;
    std::string* fields[] = {&a.id,   &a.path,   &a.url,  &a.title,  &a.author,  &a.date,
                             &a.outlet, &a.lang, &a.text, &a.dup_of, &a.locator, &a.actors};
    for (std::string* field : fields) *field = query.Text(first++);
    return a;
  }

  static constexpr const char* kStatementColumns =
      "SELECT doc_id, scenario, actor, issue, position, kind, speaker, evidence, span_begin, "
      "span_end, confidence, condition, negated, date, outlet, reported, joint, id "
      "FROM statements ";

  Result<std::vector<StatementRecord>> ReadStatements(Query& query) {
    std::vector<StatementRecord> statements;
    int rc;
    while ((rc = query.Step()) == SQLITE_ROW) {
      StatementRecord s;
      s.doc_id = query.Text(0);
      s.scenario = query.Text(1);
      s.actor = query.Text(2);
      s.issue = query.Text(3);
      s.position = query.Real(4);
      s.kind = query.Text(5);
      s.speaker = query.Text(6);
      s.evidence = query.Text(7);
      s.span_begin = query.Int(8);
      s.span_end = query.Int(9);
      s.confidence = query.Real(10);
      s.condition = query.Text(11);
      s.negated = query.Int(12) != 0;
      s.date = query.Text(13);
      s.outlet = query.Text(14);
      s.reported = query.Int(15) != 0;
      s.joint = query.Int(16) != 0;
      s.id = query.Int(17);
      statements.push_back(std::move(s));
    }
    if (rc != SQLITE_DONE) return Error("read statements");
    return statements;
  }

  // Changes when another connection commits (PRAGMA data_version).
  Result<int64_t> DataVersion() {
    Query query(db_, "PRAGMA data_version");
    if (!query.prepared() || query.Step() != SQLITE_ROW) return Error("read data version");
    return query.Int(0);
  }

  // The story index's term counts are cached between transactions (a batch reads most of its
  // terms from the cache, not the table). PRAGMA data_version changes when another connection
  // commits, and then the cache is dropped; so is it after a rollback.
  Status CheckTermCountCache() {
    Query query(db_, "PRAGMA data_version");
    if (!query.prepared() || query.Step() != SQLITE_ROW) return Error("read data version");
    if (query.Int(0) != data_version_) {
      df_cache_.clear();
      data_version_ = query.Int(0);
    }
    return Status::Ok();
  }
  void ForgetTermCounts() {
    df_cache_.clear();
    data_version_ = -1;
  }

  Result<int> IndexStoriesInTransaction(int limit, const StoryIndexer& index) {
    std::vector<std::pair<int64_t, ArticleRecord>> pending;
    {
      Query query(db_,
                  "SELECT rowid, id, path, url, title, author, date, outlet, lang, text, dup_of, "
                  "locator, actors FROM articles WHERE story IS NULL ORDER BY rowid LIMIT ?");
      if (!query.prepared()) return Error("prepare");
      query.Bind(1, static_cast<int64_t>(limit));
      int rc;
      while ((rc = query.Step()) == SQLITE_ROW) {
        pending.push_back({query.Int(0), ArticleAt(query, 1)});
      }
      if (rc != SQLITE_DONE) return Error("read articles");
    }
    // Stored articles join stories: every cell may see its corroboration change.
    if (!pending.empty()) PARLEY_RETURN_IF_ERROR(Exec("DELETE FROM cells"));
    PARLEY_RETURN_IF_ERROR(CheckTermCountCache());
    SqliteStoryIndex backend(db_, path_, df_cache_);
    if (!backend.prepared()) return Error("prepare");
    for (size_t i = 0; i < pending.size(); ++i) {
      PARLEY_RETURN_IF_ERROR(index(backend, pending[i].first, pending[i].second, i));
    }
    PARLEY_RETURN_IF_ERROR(backend.Flush());
    return static_cast<int>(pending.size());
  }

  Status WriteBatchInTransaction(const Batch& batch, BatchSummary* summary) {
    Query insert_article(db_,
                         "INSERT OR IGNORE INTO articles (id, path, url, title, author, date, "
                         "outlet, lang, text, dup_of, locator, actors, near_signature) VALUES "
                         "(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    Query insert_statement(
        db_,
        "INSERT INTO statements (doc_id, scenario, actor, issue, position, kind, speaker, "
        "evidence, span_begin, span_end, confidence, condition, negated, date, outlet, reported, "
        "joint) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!insert_article.prepared() || !insert_statement.prepared()) return Error("prepare");
    std::set<std::string> added;
    std::set<std::tuple<std::string, std::string, std::string>> touched;  // scenario, actor, issue
    PARLEY_RETURN_IF_ERROR(ForgetStatements(batch, summary, added));
    std::optional<SqliteStoryIndex> stories;
    if (batch.index_story) {
      PARLEY_RETURN_IF_ERROR(CheckTermCountCache());
      stories.emplace(db_, path_, df_cache_);
      if (!stories->prepared()) return Error("prepare");
    }
    for (size_t i = 0; i < batch.articles.size(); ++i) {
      const ArticleRecord& a = batch.articles[i];
      insert_article.Reset();
      insert_article.Bind(1, a.id).Bind(2, a.path).Bind(3, a.url).Bind(4, a.title);
      insert_article.Bind(5, a.author).Bind(6, a.date).Bind(7, a.outlet).Bind(8, a.lang);
      insert_article.Bind(9, a.text).Bind(10, a.dup_of).Bind(11, a.locator).Bind(12, a.actors);
      insert_article.BindBlob(13, a.near_signature);
      if (insert_article.Step() != SQLITE_DONE) return Error("insert article " + a.id);
      if (sqlite3_changes(db_) == 0) {
        summary->already_stored.push_back(a.id);
      } else {
        added.insert(a.id);
        ++summary->articles_added;
        const int64_t number = sqlite3_last_insert_rowid(db_);
        PARLEY_RETURN_IF_ERROR(AddNearBands(a, number));
        if (stories) PARLEY_RETURN_IF_ERROR(batch.index_story(*stories, number, a, i));
      }
    }
    for (const StatementRecord& s : batch.statements) {
      if (!added.count(s.doc_id)) continue;  // its article was stored before, with its statements
      insert_statement.Reset();
      insert_statement.Bind(1, s.doc_id).Bind(2, s.scenario).Bind(3, s.actor).Bind(4, s.issue);
      insert_statement.Bind(5, s.position).Bind(6, s.kind).Bind(7, s.speaker).Bind(8, s.evidence);
      insert_statement.Bind(9, s.span_begin).Bind(10, s.span_end).Bind(11, s.confidence);
      insert_statement.Bind(12, s.condition).Bind(13, static_cast<int64_t>(s.negated));
      insert_statement.Bind(14, s.date).Bind(15, s.outlet);
      insert_statement.Bind(16, static_cast<int64_t>(s.reported));
      insert_statement.Bind(17, static_cast<int64_t>(s.joint));
      if (insert_statement.Step() != SQLITE_DONE) return Error("insert statement of " + s.doc_id);
      ++summary->statements_added;
      touched.insert({s.scenario, s.actor, s.issue});
    }
    PARLEY_RETURN_IF_ERROR(ForgetCellStates(touched));
    if (stories) PARLEY_RETURN_IF_ERROR(stories->Flush());
    PARLEY_RETURN_IF_ERROR(RecordStamps(batch, added));
    return MarkQueuedDone(batch.done_queue);
  }

  // Only originals are candidates: a copy points at its original, which a later copy finds.
  Status AddNearBands(const ArticleRecord& a, int64_t number) {
    if (!a.dup_of.empty() || a.near_signature.size() < kNearCopyBands) return Status::Ok();
    Query insert(db_, "INSERT OR IGNORE INTO near_bands (band, slice, article) VALUES (?,?,?)");
    if (!insert.prepared()) return Error("prepare");
    for (int b = 0; b < kNearCopyBands; ++b) {
      insert.Reset();
      insert.Bind(1, static_cast<int64_t>(b)).BindBlob(2, BandSlice(a.near_signature, b));
      insert.Bind(3, number);
      if (insert.Step() != SQLITE_DONE) return Error("write near-copy bands of " + a.id);
    }
    return Status::Ok();
  }

  // Band `band` of a signature: the band-th of kNearCopyBands equal slices of its bytes.
  static std::string BandSlice(const std::string& signature, int band) {
    const size_t width = signature.size() / kNearCopyBands;
    return signature.substr(band * width, width);
  }

  Status ForgetCellStates(
      const std::set<std::tuple<std::string, std::string, std::string>>& cells) {
    Query forget(db_, "DELETE FROM cells WHERE scenario = ? AND actor = ? AND issue = ?");
    if (!forget.prepared()) return Error("prepare");
    for (const auto& [scenario, actor, issue] : cells) {
      forget.Reset();
      forget.Bind(1, scenario).Bind(2, actor).Bind(3, issue);
      if (forget.Step() != SQLITE_DONE) return Error("forget cell state");
    }
    return Status::Ok();
  }

  // Re-extracted documents: their statements of the batch's scenario go, their mentioned actors
  // are updated; they then take their new statements like added documents.
  Status ForgetStatements(const Batch& batch, BatchSummary* summary,
                          std::set<std::string>& replaced) {
    Query remove(db_, "DELETE FROM statements WHERE doc_id = ? AND scenario = ?");
    Query forget(db_, "DELETE FROM cells WHERE (scenario, actor, issue) IN (SELECT scenario, "
                      "actor, issue FROM statements WHERE doc_id = ? AND scenario = ?)");
    Query actors(db_, "UPDATE articles SET actors = ? WHERE id = ?");
    if (!remove.prepared() || !forget.prepared() || !actors.prepared()) return Error("prepare");
    for (const ArticleRecord& a : batch.reextracted) {
      forget.Reset();
      forget.Bind(1, a.id).Bind(2, batch.scenario);
      if (forget.Step() != SQLITE_DONE) return Error("forget cell states of " + a.id);
      remove.Reset();
      remove.Bind(1, a.id).Bind(2, batch.scenario);
      if (remove.Step() != SQLITE_DONE) return Error("delete statements of " + a.id);
      actors.Reset();
      actors.Bind(1, a.actors).Bind(2, a.id);
      if (actors.Step() != SQLITE_DONE) return Error("update article " + a.id);
      if (sqlite3_changes(db_) == 0) continue;  // not stored: nothing to replace
      replaced.insert(a.id);
      ++summary->reextracted;
    }
    return Status::Ok();
  }

  Status MarkQueuedDone(const std::vector<int64_t>& ids) {
    // A done document's content is in its article now: the row stays, for the counts.
    Query done(db_, "UPDATE queue SET done = 1, content = '' WHERE id = ?");
    if (!done.prepared()) return Error("prepare");
    for (int64_t id : ids) {
      done.Reset();
      done.Bind(1, id);
      if (done.Step() != SQLITE_DONE) return Error("mark queued document " + std::to_string(id));
    }
    return Status::Ok();
  }

  Status EnqueueInTransaction(const std::vector<QueuedDocument>& documents) {
    Query insert(db_,
                 "INSERT INTO queue (path, url, line, byte_offset, html, content, charset, "
                 "given_id, title, date, outlet) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    if (!insert.prepared()) return Error("prepare");
    for (const QueuedDocument& d : documents) {
      insert.Reset();
      insert.Bind(1, d.path).Bind(2, d.url).Bind(3, d.line).Bind(4, d.offset);
      insert.Bind(5, static_cast<int64_t>(d.html)).Bind(6, d.content).Bind(7, d.charset);
      insert.Bind(8, d.given_id).Bind(9, d.title).Bind(10, d.date).Bind(11, d.outlet);
      if (insert.Step() != SQLITE_DONE) return Error("queue a document of " + d.path);
    }
    return Status::Ok();
  }

  Result<std::vector<QueuedDocument>> ClaimInTransaction(const std::string& worker, int limit,
                                                         int64_t lease_seconds) {
    Query claim(db_,
                "UPDATE queue SET claimed_by = ?, lease_until = " + std::string(kNow) +
                    " + ? WHERE id IN (SELECT id FROM queue WHERE done = 0 AND (lease_until IS "
                    "NULL OR lease_until <= " + kNow + ") ORDER BY id LIMIT ?) RETURNING id, "
                    "path, url, line, byte_offset, html, content, charset, given_id, title, "
                    "date, outlet");
    if (!claim.prepared()) return Error("prepare");
    claim.Bind(1, worker).Bind(2, lease_seconds).Bind(3, static_cast<int64_t>(limit));
    auto claimed = ReadRows(claim, "claim queued documents", [](Query& row) {
      QueuedDocument d;
      d.id = row.Int(0);
      d.path = row.Text(1);
      d.url = row.Text(2);
      d.line = row.Int(3);
      d.offset = row.Int(4);
      d.html = row.Int(5) != 0;
      std::string* fields[] = {&d.content, &d.charset, &d.given_id, &d.title, &d.date, &d.outlet};
      int column = 6;
      for (std::string* field : fields) *field = row.Text(column++);
      return d;
    });
    if (!claimed.ok()) return claimed.status();
    // RETURNING gives the rows in no promised order.
    std::sort(claimed->begin(), claimed->end(),
              [](const QueuedDocument& a, const QueuedDocument& b) { return a.id < b.id; });
    return claimed;
  }

  // Seconds since 1970 by the store's clock.
  static constexpr const char* kNow = "CAST(strftime('%s', 'now') AS INTEGER)";

  Status RecordStamps(const Batch& batch, const std::set<std::string>& documents) {
    if (batch.scenario.empty()) return Status::Ok();
    Query stamp(db_, "INSERT OR REPLACE INTO extractions (doc_id, scenario, stamp) VALUES (?,?,?)");
    if (!stamp.prepared()) return Error("prepare");
    for (const std::string& id : documents) {
      stamp.Reset();
      stamp.Bind(1, id).Bind(2, batch.scenario).Bind(3, batch.stamp);
      if (stamp.Step() != SQLITE_DONE) return Error("record the extraction of " + id);
    }
    return Status::Ok();
  }

  Status PutCellStatesInTransaction(const std::string& scenario,
                                    const std::vector<CellStateRecord>& states) {
    // States traced while another connection wrote may be stale already: they are not kept.
    auto version = DataVersion();
    if (!version.ok()) return version.status();
    if (*version != cells_read_at_) return Status::Ok();
    Query put(db_, "INSERT OR REPLACE INTO cells (scenario, actor, issue, state) VALUES (?,?,?,?)");
    if (!put.prepared()) return Error("prepare");
    for (const CellStateRecord& cell : states) {
      put.Reset();
      put.Bind(1, scenario).Bind(2, cell.actor).Bind(3, cell.issue).Bind(4, cell.state);
      if (put.Step() != SQLITE_DONE) return Error("write cell state");
    }
    return Status::Ok();
  }

  Status ReplaceForecastsInTransaction(const std::string& scenario,
                                       const std::vector<ForecastRecord>& forecasts) {
    Query remove(db_, "DELETE FROM forecasts WHERE scenario = ?");
    Query insert(db_,
                 "INSERT INTO forecasts (scenario, issue, model, forecast, p10, p90, detail_json) "
                 "VALUES (?,?,?,?,?,?,?)");
    if (!remove.prepared() || !insert.prepared()) return Error("prepare");
    remove.Bind(1, scenario);
    if (remove.Step() != SQLITE_DONE) return Error("delete forecasts");
    for (const ForecastRecord& f : forecasts) {
      insert.Reset();
      insert.Bind(1, scenario).Bind(2, f.issue).Bind(3, f.model).Bind(4, f.forecast);
      insert.Bind(5, f.p10).Bind(6, f.p90).Bind(7, f.detail_json);
      if (insert.Step() != SQLITE_DONE) return Error("insert forecast " + f.issue + "/" + f.model);
    }
    return Status::Ok();
  }

  sqlite3* db_;
  std::string path_;
  std::unordered_map<uint64_t, int64_t> df_cache_;  // see CheckTermCountCache()
  int64_t data_version_ = -1;
  int64_t cells_read_at_ = -1;  // DataVersion() when CellStates() last read (or at opening)
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return DatabaseError(path + ": cannot open: " + message);
  }
  auto store = std::make_unique<SqliteStore>(db, path);
  PARLEY_RETURN_IF_ERROR(store->Open());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace parley
