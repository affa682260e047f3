// The PostgreSQL store: the SQLite store's semantics over libpq, for a team sharing one
// database. The schema comes from the same description (schema.cc), its version kept in the
// table parley_schema. Writing transactions take one advisory lock, so writers take turns as
// SQLite's BEGIN IMMEDIATE makes them: article numbers follow the order of commits, and the
// story index's term counts are never updated by two writers at once.
#include <libpq-fe.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "parley/store.h"
#include "parley/text_util.h"
#include "schema.h"

namespace parley {
namespace {

// Transaction-wide advisory locks in parley's own key space (0x7061726c, "parl"), so they meet
// no other program's locks on the same database.
constexpr const char* kWriterLock = "SELECT pg_advisory_xact_lock(1885434476, 1)";
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(1885434476, 2)";

// libpq's messages end with a newline and may add hints on more lines; a message of parley's
// is one line.
std::string FirstLine(const char* message) {
  std::string line = message ? message : "";
  line = line.substr(0, line.find('\n'));
  return line.empty() ? "unknown error" : line;
}

// A double as text that reads back as the same double.
std::string ExactText(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

// One column of many rows as an array literal, {"a","b"} or {1,2}: a parameter of
// INSERT ... SELECT FROM unnest(), which writes all the rows in one statement.
class ArrayLiteral {
 public:
  void Add(const std::string& text) {
    Separate();
    literal_ += '"';
    for (char c : text) {
      if (c == '"' || c == '\\') literal_ += '\\';
      literal_ += c;
    }
    literal_ += '"';
  }
  void Add(int64_t value) {
    Separate();
    literal_ += std::to_string(value);
  }
  void Add(double value) {
    Separate();
    literal_ += ExactText(value);
  }
  std::string Literal() const { return "{" + literal_ + "}"; }

 private:
  void Separate() {
    if (!literal_.empty()) literal_ += ',';
  }
  std::string literal_;
};

// Statement parameters, sent as text except for bytes.
class Params {
 public:
  Params& Add(const std::string& text) { return Push(text, 0); }
  Params& Add(const char* text) { return Push(text, 0); }
  Params& Add(int64_t value) { return Push(std::to_string(value), 0); }
  Params& Add(double value) { return Push(ExactText(value), 0); }
  Params& AddBool(bool value) { return Push(value ? "true" : "false", 0); }
  // A LIMIT: a negative one means every row (LIMIT NULL).
  Params& AddLimit(int limit) { return limit < 0 ? AddNull() : Add(static_cast<int64_t>(limit)); }
  Params& AddBytes(const std::string& bytes) { return Push(bytes, 1); }
  Params& AddNull() {
    Push("", 0);
    nulls_.back() = true;
    return *this;
  }

  int size() const { return static_cast<int>(values_.size()); }
  // Pointers into this object: valid while it lives unchanged.
  std::vector<const char*> Values() const {
    std::vector<const char*> pointers;
    for (size_t i = 0; i < values_.size(); ++i) {
      pointers.push_back(nulls_[i] ? nullptr : values_[i].data());
    }
    return pointers;
  }
  std::vector<int> Lengths() const {
    std::vector<int> lengths;
    for (const std::string& value : values_) lengths.push_back(static_cast<int>(value.size()));
    return lengths;
  }
  const std::vector<int>& Formats() const { return formats_; }

 private:
  Params& Push(std::string value, int format) {
    values_.push_back(std::move(value));
    formats_.push_back(format);
    nulls_.push_back(false);
    return *this;
  }

  std::vector<std::string> values_;
  std::vector<int> formats_;
  std::vector<bool> nulls_;
};

// A query's result, in text format.
class Rows {
 public:
  explicit Rows(PGresult* result) : result_(result, &PQclear) {}

  int size() const { return PQntuples(result_.get()); }
  bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column); }
  std::string Text(int row, int column) const {
    return std::string(PQgetvalue(result_.get(), row, column),
                       static_cast<size_t>(PQgetlength(result_.get(), row, column)));
  }
  int64_t Int(int row, int column) const {
    return std::strtoll(PQgetvalue(result_.get(), row, column), nullptr, 10);
  }
  double Real(int row, int column) const {
    return std::strtod(PQgetvalue(result_.get(), row, column), nullptr);
  }
  bool Bool(int row, int column) const { return Int(row, column) != 0; }
  // A bytea column, sent in its text (hex) form.
  std::string Bytes(int row, int column) const {
    size_t length = 0;
    unsigned char* bytes = PQunescapeBytea(
        reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row, column)), &length);
    if (!bytes) return "";
    std::string copy(reinterpret_cast<const char*>(bytes), length);
    PQfreemem(bytes);
    return copy;
  }
  // PGRES_FATAL_ERROR for a null result (out of memory, connection lost).
  ExecStatusType status() const { return PQresultStatus(result_.get()); }
  // The primary message of the server's error, or nullptr.
  const char* ServerMessage() const {
    return result_ ? PQresultErrorField(result_.get(), PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  }
  // Rows changed by an INSERT, UPDATE or DELETE.
  int64_t Changed() const { return std::strtoll(PQcmdTuples(result_.get()), nullptr, 10); }

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> result_;
};

// One connection; the URL it names in messages has no password.
class Connection {
 public:
  Connection(PGconn* conn, std::string label) : conn_(conn), label_(std::move(label)) {
    // Notices (e.g. "relation already exists, skipping") are not parley's to print.
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
  }
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  const std::string& label() const { return label_; }

  // Runs one statement. Each SQL text is parsed once per connection: a batch runs the same few
  // statements thousands of times. A read outside a transaction that finds its connection lost
  // (a server restart, a network failure) is asked once more on a new one, as reading twice
  // changes nothing; a lone write is not, as it may have committed before the connection went
  // (transactions are retried whole: InTransaction()).
  Result<Rows> Run(const std::string& what, const char* sql, const Params& params = Params()) {
    auto rows = RunOnce(what, sql, params);
    if (rows.ok() || in_transaction_ || !Lost() || !std::string_view(sql).starts_with("SELECT")) {
      return rows;
    }
    return RunOnce(what, sql, params);
  }

  Result<Rows> RunOnce(const std::string& what, const char* sql, const Params& params) {
    PARLEY_RETURN_IF_ERROR(ReconnectIfLost());
    auto name = Prepared(what, sql, params.size());
    if (!name.ok()) return name.status();
    const std::vector<const char*> values = params.Values();
    const std::vector<int> lengths = params.Lengths();
    Rows rows(PQexecPrepared(conn_, name->c_str(), params.size(), values.data(), lengths.data(),
                             params.Formats().data(), 0));
    return Checked(what, std::move(rows));
  }

  // Runs statements without parameters, separated by ';'.
  Status Exec(const std::string& what, const std::string& sql) {
    PARLEY_RETURN_IF_ERROR(ReconnectIfLost());
    auto rows = Checked(what, Rows(PQexec(conn_, sql.c_str())));
    return rows.ok() ? Status::Ok() : rows.status();
  }

  // A transaction: statements between Begin() and Commit() or Rollback() all happen or none.
  Status Begin() {
    PARLEY_RETURN_IF_ERROR(Exec("begin", "BEGIN"));
    in_transaction_ = true;
    return Status::Ok();
  }
  Status Commit() {
    Status status = Exec("commit", "COMMIT");
    in_transaction_ = false;
    return status;
  }
  void Rollback() {
    if (!Lost()) (void)Exec("roll back", "ROLLBACK");  // a lost session rolled back already
    in_transaction_ = false;
  }

  // A connection lost (server gone, connection killed) can be made again; an error in a
  // statement cannot be fixed by trying again.
  bool Lost() const { return PQstatus(conn_) == CONNECTION_BAD; }

 private:
  // Connects again after a server restart or a network failure, but never inside a
  // transaction: the statements after it would run outside the transaction the server dropped.
  // A server still away is named with libpq's reason now: the next statement would only say
  // that the old connection closed.
  Status ReconnectIfLost() {
    if (in_transaction_ || !Lost()) return Status::Ok();
    PQreset(conn_);
    prepared_.clear();  // they lived in the lost session
    if (!Lost()) return Status::Ok();
    return DatabaseError(label_ + ": cannot connect: " + FirstLine(PQerrorMessage(conn_)));
  }

  // The name of the prepared statement of `sql`, prepared on first use.
  Result<std::string> Prepared(const std::string& what, const char* sql, int parameters) {
    auto [it, added] = prepared_.emplace(sql, "");
    if (!added) return it->second;
    const std::string name = "parley_" + std::to_string(prepared_.size());
    auto prepared = Checked(what, Rows(PQprepare(conn_, name.c_str(), sql, parameters, nullptr)));
    if (!prepared.ok()) {
      prepared_.erase(it);
      return prepared.status();
    }
    it->second = name;
    return name;
  }

  Result<Rows> Checked(const std::string& what, Rows rows) {
    if (rows.status() == PGRES_COMMAND_OK || rows.status() == PGRES_TUPLES_OK) return rows;
    // The server's own message without its "ERROR:  " prefix; the connection's when there is
    // no result (connection lost).
    const char* reason = rows.ServerMessage();
    return DatabaseError(label_ + ": " + what + ": " +
                         FirstLine(reason ? reason : PQerrorMessage(conn_)));
  }

  PGconn* conn_;
  std::string label_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
  bool in_transaction_ = false;
};

// A bigint[] parameter: term hashes are stored as the signed 64-bit numbers of their bits.
std::string ArrayOf(const std::vector<uint64_t>& numbers) {
  std::string array = "{";
  for (size_t i = 0; i < numbers.size(); ++i) {
    if (i) array += ',';
    array += std::to_string(static_cast<int64_t>(numbers[i]));
  }
  return array + "}";
}

// A story entry's term vector as stored: (term, weight) pairs as raw bytes, as in SQLite.
std::string VectorBytes(const std::vector<std::pair<uint64_t, double>>& vector) {
  std::string bytes(vector.size() * (sizeof(uint64_t) + sizeof(double)), '\0');
  size_t at = 0;
  for (const auto& [term, weight] : vector) {
    std::memcpy(bytes.data() + at, &term, sizeof term);
    std::memcpy(bytes.data() + at + sizeof term, &weight, sizeof weight);
    at += sizeof term + sizeof weight;
  }
  return bytes;
}

std::vector<std::pair<uint64_t, double>> VectorFromBytes(const std::string& bytes) {
  const size_t width = sizeof(uint64_t) + sizeof(double);
  std::vector<std::pair<uint64_t, double>> vector(bytes.size() / width);
  for (size_t i = 0; i < vector.size(); ++i) {
    std::memcpy(&vector[i].first, bytes.data() + i * width, sizeof(uint64_t));
    std::memcpy(&vector[i].second, bytes.data() + i * width + sizeof(uint64_t), sizeof(double));
  }
  return vector;
}

// The story index in the store's tables, used inside a writing transaction (so no other writer
// changes the term counts it caches until the commit).
class PostgresStoryIndex : public StoryIndexBackend {
 public:
  explicit PostgresStoryIndex(Connection& db) : db_(db) {}

  Result<std::vector<int64_t>> Postings(uint64_t term, int64_t from, int64_t to) override {
    auto rows = db_.Run("read story postings",
                        "SELECT article FROM story_postings WHERE term = $1 AND day BETWEEN $2 "
                        "AND $3 ORDER BY article",
                        Params().Add(static_cast<int64_t>(term)).Add(from).Add(to));
    if (!rows.ok()) return rows.status();
    std::vector<int64_t> articles;
    for (int row = 0; row < rows->size(); ++row) articles.push_back(rows->Int(row, 0));
    return articles;
  }

  Result<std::vector<std::vector<int64_t>>> PostingsOfTerms(const std::vector<uint64_t>& terms,
                                                            int64_t from, int64_t to) override {
    auto rows = db_.Run("read story postings",
                        "SELECT term, article FROM story_postings WHERE term = ANY($1::bigint[]) "
                        "AND day BETWEEN $2 AND $3 ORDER BY article",
                        Params().Add(ArrayOf(terms)).Add(from).Add(to));
    if (!rows.ok()) return rows.status();
    std::unordered_map<uint64_t, size_t> index_of;
    for (size_t i = 0; i < terms.size(); ++i) index_of.emplace(terms[i], i);
    std::vector<std::vector<int64_t>> lists(terms.size());
    for (int row = 0; row < rows->size(); ++row) {
      const size_t first = index_of.at(static_cast<uint64_t>(rows->Int(row, 0)));
      // A term asked for twice gets its list twice, as Postings() would give it.
      for (size_t i = first; i < terms.size(); ++i) {
        if (terms[i] == terms[first]) lists[i].push_back(rows->Int(row, 1));
      }
    }
    return lists;
  }

  Result<std::vector<StoryEntry>> Entries(const std::vector<int64_t>& articles) override {
    auto rows = db_.Run("read story entries",
                        "SELECT rowid, story, story_day, actors, story_vector FROM articles "
                        "WHERE rowid = ANY($1::bigint[]) AND story IS NOT NULL",
                        Params().Add(ArrayOf(std::vector<uint64_t>(articles.begin(),
                                                                   articles.end()))));
    if (!rows.ok()) return rows.status();
    std::unordered_map<int64_t, StoryEntry> by_article;
    for (int row = 0; row < rows->size(); ++row) {
      StoryEntry entry = EntryAt(*rows, row, 1);
      entry.article = rows->Int(row, 0);
      by_article.emplace(entry.article, std::move(entry));
    }
    std::vector<StoryEntry> entries;
    for (int64_t article : articles) {
      auto found = by_article.find(article);
      if (found == by_article.end()) return NotIndexed(article);
      entries.push_back(found->second);
    }
    return entries;
  }

  Result<StoryEntry> Entry(int64_t article) override {
    auto rows = db_.Run("read story entry",
                        "SELECT story, story_day, actors, story_vector FROM articles "
                        "WHERE rowid = $1 AND story IS NOT NULL",
                        Params().Add(article));
    if (!rows.ok()) return rows.status();
    if (rows->size() == 0) return NotIndexed(article);
    StoryEntry entry = EntryAt(*rows, 0, 0);
    entry.article = article;
    return entry;
  }

  Result<std::optional<int64_t>> StoryOfDocument(const std::string& id) override {
    auto rows =
        db_.Run("read story of " + id,
                "SELECT story FROM articles WHERE id = $1 AND story IS NOT NULL", Params().Add(id));
    if (!rows.ok()) return rows.status();
    if (rows->size() == 0) return std::optional<int64_t>();
    return std::optional<int64_t>(rows->Int(0, 0));
  }

  // Term 0 counts the indexed articles themselves, as in the SQLite store. Counts are cached
  // for the transaction and written by Flush().
  Result<std::vector<int64_t>> CountTerms(const std::vector<uint64_t>& terms,
                                          int64_t* indexed) override {
    std::vector<uint64_t> needed = terms;
    needed.push_back(0);
    PARLEY_RETURN_IF_ERROR(Load(needed));
    *indexed = counts_[0];
    std::vector<int64_t> counts;
    counts.reserve(terms.size());
    for (uint64_t term : terms) counts.push_back(counts_[term]);
    for (uint64_t term : terms) {
      ++counts_[term];
      dirty_.insert(term);
    }
    return counts;
  }

  Result<std::vector<int64_t>> Frequencies(const std::vector<uint64_t>& terms) override {
    PARLEY_RETURN_IF_ERROR(Load(terms));
    std::vector<int64_t> counts;
    counts.reserve(terms.size());
    for (uint64_t term : terms) counts.push_back(counts_[term]);
    return counts;
  }

  Status Add(const StoryEntry& entry, const std::vector<uint64_t>& terms) override {
    PARLEY_RETURN_IF_ERROR(Load({0}));
    ++counts_[0];
    dirty_.insert(0);
    Params params;
    params.Add(entry.story);
    if (entry.day) {
      params.Add(*entry.day);
    } else {
      params.AddNull();
    }
    params.AddBytes(VectorBytes(entry.vector)).Add(entry.article);
    auto set = db_.Run("write story entry",
                       "UPDATE articles SET story = $1, story_day = $2, story_vector = $3 "
                       "WHERE rowid = $4",
                       params);
    if (!set.ok()) return set.status();
    if (!entry.day || terms.empty()) return Status::Ok();
    auto posted = db_.Run("write story postings",
                          "INSERT INTO story_postings (term, day, article) "
                          "SELECT unnest($1::bigint[]), $2, $3 ON CONFLICT DO NOTHING",
                          Params().Add(ArrayOf(terms)).Add(*entry.day).Add(entry.article));
    return posted.ok() ? Status::Ok() : posted.status();
  }

  Status Merge(const std::vector<int64_t>& from, int64_t into) override {
    for (int64_t story : from) {
      // The cells with statements of the moving articles see their stories change.
      auto forgotten = db_.Run("forget cell states",
                               "DELETE FROM cells WHERE (scenario, actor, issue) IN (SELECT "
                               "s.scenario, s.actor, s.issue FROM articles a JOIN statements s "
                               "ON s.doc_id = a.id WHERE a.story = $1)",
                               Params().Add(story));
      if (!forgotten.ok()) return forgotten.status();
      auto merged = db_.Run("merge stories", "UPDATE articles SET story = $1 WHERE story = $2",
                            Params().Add(into).Add(story));
      if (!merged.ok()) return merged.status();
    }
    return Status::Ok();
  }

  // Writes the cached counts; call before the transaction commits.
  Status Flush() {
    if (dirty_.empty()) return Status::Ok();
    std::vector<uint64_t> terms(dirty_.begin(), dirty_.end());
    std::vector<uint64_t> counts;
    for (uint64_t term : terms) counts.push_back(static_cast<uint64_t>(counts_[term]));
    auto written = db_.Run("write story terms",
                           "INSERT INTO story_terms (term, df) "
                           "SELECT * FROM unnest($1::bigint[], $2::bigint[]) "
                           "ON CONFLICT (term) DO UPDATE SET df = excluded.df",
                           Params().Add(ArrayOf(terms)).Add(ArrayOf(counts)));
    if (!written.ok()) return written.status();
    dirty_.clear();
    return Status::Ok();
  }

 private:
  // The columns story, story_day, actors, story_vector from column `first` on.
  static StoryEntry EntryAt(const Rows& rows, int row, int first) {
    StoryEntry entry;
    entry.story = rows.Int(row, first);
    if (!rows.IsNull(row, first + 1)) entry.day = rows.Int(row, first + 1);
    entry.actors = SplitWords(rows.Text(row, first + 2));
    entry.vector = VectorFromBytes(rows.Bytes(row, first + 3));
    return entry;
  }

  Status NotIndexed(int64_t article) const {
    return NotFound(db_.label() + ": article " + std::to_string(article) +
                    " is not in the story index");
  }

  // Reads the counts of the terms not cached yet, in one query; a term never counted has 0.
  Status Load(const std::vector<uint64_t>& terms) {
    std::vector<uint64_t> missing;
    for (uint64_t term : terms) {
      if (counts_.emplace(term, 0).second) missing.push_back(term);
    }
    if (missing.empty()) return Status::Ok();
    auto rows = db_.Run("read story terms",
                        "SELECT term, df FROM story_terms WHERE term = ANY($1::bigint[])",
                        Params().Add(ArrayOf(missing)));
    if (!rows.ok()) {
      for (uint64_t term : missing) counts_.erase(term);
      return rows.status();
    }
    for (int row = 0; row < rows->size(); ++row) {
      counts_[static_cast<uint64_t>(rows->Int(row, 0))] = rows->Int(row, 1);
    }
    return Status::Ok();
  }

  Connection& db_;
  std::unordered_map<uint64_t, int64_t> counts_;
  std::set<uint64_t> dirty_;
};

constexpr const char* kArticleColumns =
    "id, path, url, title, author, date, outlet, lang, text, dup_of, locator, actors";

// The columns of kArticleColumns from column `first` on.
ArticleRecord ArticleAt(const Rows& rows, int row, int first) {
  ArticleRecord a;
  std::string* fields[] = {&a.id,     &a.path, &a.url,  &a.title,  &a.author,  &a.date,
                           &a.outlet, &a.lang, &a.text, &a.dup_of, &a.locator, &a.actors};
  for (std::string* field : fields) *field = rows.Text(row, first++);
  return a;
}

constexpr const char* kSummaryColumns =
    "SELECT id, path, url, title, author, date, outlet, lang, dup_of, locator, actors, story, "
    "rowid FROM articles ";

// The rows of kSummaryColumns; an article outside the story index has story 0.
std::vector<ArticleRecord> SummariesOf(const Rows& rows) {
  std::vector<ArticleRecord> articles;
  for (int row = 0; row < rows.size(); ++row) {
    ArticleRecord a;
    std::string* fields[] = {&a.id,     &a.path, &a.url,    &a.title,   &a.author, &a.date,
                             &a.outlet, &a.lang, &a.dup_of, &a.locator, &a.actors};
    int column = 0;
    for (std::string* field : fields) *field = rows.Text(row, column++);
    a.story = rows.IsNull(row, column) ? 0 : rows.Int(row, column);
    a.number = rows.Int(row, column + 1);
    articles.push_back(std::move(a));
  }
  return articles;
}

constexpr const char* kStatementColumns =
    "SELECT doc_id, scenario, actor, issue, position, kind, speaker, evidence, span_begin, "
    "span_end, confidence, condition, negated, date, outlet, reported, joint, id "
    "FROM statements ";

std::vector<StatementRecord> StatementsOf(const Rows& rows) {
  std::vector<StatementRecord> statements;
  for (int row = 0; row < rows.size(); ++row) {
    StatementRecord s;
    s.doc_id = rows.Text(row, 0);
    s.scenario = rows.Text(row, 1);
    s.actor = rows.Text(row, 2);
    s.issue = rows.Text(row, 3);
    s.position = rows.Real(row, 4);
    s.kind = rows.Text(row, 5);
    s.speaker = rows.Text(row, 6);
    s.evidence = rows.Text(row, 7);
    s.span_begin = rows.Int(row, 8);
    s.span_end = rows.Int(row, 9);
    s.confidence = rows.Real(row, 10);
    s.condition = rows.Text(row, 11);
    s.negated = rows.Bool(row, 12);
    s.date = rows.Text(row, 13);
    s.outlet = rows.Text(row, 14);
    s.reported = rows.Bool(row, 15);
    s.joint = rows.Bool(row, 16);
    s.id = rows.Int(row, 17);
    statements.push_back(std::move(s));
  }
  return statements;
}

constexpr const char* kAnnotationColumns =
    "id, scenario, actor, issue, kind, position, salience, note, author, created_at";

void AddOptional(Params& params, const std::optional<double>& value) {
  if (value) {
    params.Add(*value);
  } else {
    params.AddNull();
  }
}

std::optional<double> OptionalReal(const Rows& rows, int row, int column) {
  if (rows.IsNull(row, column)) return std::nullopt;
  return rows.Real(row, column);
}

// Row `row` of kAnnotationColumns.
AnnotationRecord AnnotationAt(const Rows& rows, int row) {
  AnnotationRecord a;
  a.id = rows.Int(row, 0);
  a.scenario = rows.Text(row, 1);
  a.actor = rows.Text(row, 2);
  a.issue = rows.Text(row, 3);
  a.kind = ParseAnnotationKind(rows.Text(row, 4)).value_or(AnnotationKind::kNote);
  a.position = OptionalReal(rows, row, 5);
  a.salience = OptionalReal(rows, row, 6);
  a.note = rows.Text(row, 7);
  a.author = rows.Text(row, 8);
  a.created_at = rows.Text(row, 9);
  return a;
}

class PostgresStore : public Store {
 public:
  explicit PostgresStore(std::unique_ptr<Connection> db) : db_(std::move(db)) {}

  Status Migrate() {
    return InTransaction(kMigrationLock, [&]() -> Status {
      PARLEY_RETURN_IF_ERROR(
          db_->Exec("create the schema table",
                    "CREATE TABLE IF NOT EXISTS parley_schema (version INTEGER NOT NULL)"));
      auto version = SchemaVersion();
      if (!version.ok()) return version.status();
      const int latest = store_schema::SchemaVersion();
      if (*version > latest) {
        return DatabaseError(db_->label() + ": schema version " + std::to_string(*version) +
                             " is newer than this parley understands (" + std::to_string(latest) +
                             "); upgrade parley");
      }
      for (int next = *version; next < latest; ++next) {
        PARLEY_RETURN_IF_ERROR(
            db_->Exec("migrate to schema version " + std::to_string(next + 1),
                      store_schema::MigrationSql(store_schema::Dialect::kPostgres, next)));
      }
      if (*version == latest) return Status::Ok();
      return db_->Exec("record the schema version",
                       "DELETE FROM parley_schema; INSERT INTO parley_schema VALUES (" +
                           std::to_string(latest) + ")");
    });
  }

  Result<BatchSummary> WriteBatch(const Batch& batch) override {
    BatchSummary summary;
    PARLEY_RETURN_IF_ERROR(InTransaction(kWriterLock, [&] {
      summary = BatchSummary();
      return WriteBatchInTransaction(batch, &summary);
    }));
    return summary;
  }

  Result<bool> HasArticle(const std::string& id) override {
    auto rows = db_->Run("read articles", "SELECT 1 FROM articles WHERE id = $1", Params().Add(id));
    if (!rows.ok()) return rows.status();
    return rows->size() > 0;
  }

  Result<std::vector<ArticleRecord>> Articles() override {
    auto rows = db_->Run(
        "read articles",
        (std::string("SELECT ") + kArticleColumns + " FROM articles ORDER BY date, rowid").c_str());
    if (!rows.ok()) return rows.status();
    std::vector<ArticleRecord> articles;
    for (int row = 0; row < rows->size(); ++row) articles.push_back(ArticleAt(*rows, row, 0));
    return articles;
  }

  Result<std::vector<ArticleRecord>> ArticleSummaries() override {
    auto rows = db_->Run("read articles",
                         (std::string(kSummaryColumns) + "ORDER BY date, rowid").c_str());
    if (!rows.ok()) return rows.status();
    return SummariesOf(*rows);
  }

  Result<std::vector<ArticleRecord>> ArticleSummariesById(
      const std::vector<std::string>& ids) override {
    ArrayLiteral list;
    for (const std::string& id : ids) list.Add(id);
    auto rows = db_->Run("read articles",
                         (std::string(kSummaryColumns) + "WHERE id = ANY($1::text[])").c_str(),
                         Params().Add(list.Literal()));
    if (!rows.ok()) return rows.status();
    // One query, then the order of `ids`.
    std::map<std::string, ArticleRecord> by_id;
    for (ArticleRecord& a : SummariesOf(*rows)) by_id.emplace(a.id, std::move(a));
    std::vector<ArticleRecord> articles;
    for (const std::string& id : ids) {
      auto found = by_id.find(id);
      if (found != by_id.end()) articles.push_back(found->second);
    }
    return articles;
  }

  Result<std::vector<ArticleRecord>> StoryArticles(int64_t story) override {
    auto rows = db_->Run("read articles of story " + std::to_string(story),
                         (std::string(kSummaryColumns) + "WHERE story = $1 ORDER BY date, rowid")
                             .c_str(),
                         Params().Add(story));
    if (!rows.ok()) return rows.status();
    return SummariesOf(*rows);
  }

  Result<std::vector<ArticleRecord>> StaleArticles(const std::string& scenario,
                                                   const std::string& stamp, bool everything,
                                                   int64_t after, int limit) override {
    auto rows =
        db_->Run("read articles",
                 "SELECT a.id, a.path, a.url, a.title, a.author, a.date, a.outlet, "
                 "a.lang, a.text, a.dup_of, a.locator, a.actors, a.rowid "
                 "FROM articles a LEFT JOIN extractions e "
                 "ON e.doc_id = a.id AND e.scenario = $1 "
                 "WHERE a.rowid > $2 AND ($3 OR e.stamp IS NULL OR e.stamp != $4) "
                 "ORDER BY a.rowid LIMIT $5",
                 Params().Add(scenario).Add(after).AddBool(everything).Add(stamp).AddLimit(limit));
    if (!rows.ok()) return rows.status();
    std::vector<ArticleRecord> articles;
    for (int row = 0; row < rows->size(); ++row) {
      articles.push_back(ArticleAt(*rows, row, 0));
      articles.back().number = rows->Int(row, 12);
    }
    return articles;
  }

  Result<int64_t> StaleArticleCount(const std::string& scenario, const std::string& stamp,
                                    bool everything) override {
    auto rows = db_->Run("count articles",
                         "SELECT count(*) FROM articles a LEFT JOIN extractions e "
                         "ON e.doc_id = a.id AND e.scenario = $1 "
                         "WHERE $2 OR e.stamp IS NULL OR e.stamp != $3",
                         Params().Add(scenario).AddBool(everything).Add(stamp));
    if (!rows.ok()) return rows.status();
    return rows->Int(0, 0);
  }

  Result<std::vector<ArticleRecord>> UnsignedArticles() override {
    auto rows = db_->Run("read articles",
                         "SELECT id, title || chr(10) || text FROM articles "
                         "WHERE length(near_signature) = 0 ORDER BY date, rowid");
    if (!rows.ok()) return rows.status();
    std::vector<ArticleRecord> articles;
    for (int row = 0; row < rows->size(); ++row) {
      ArticleRecord& a = articles.emplace_back();
      a.id = rows->Text(row, 0);
      a.text = rows->Text(row, 1);
    }
    return articles;
  }

  // One round trip: the server cuts `signature` into its bands and looks each up in the key.
  Result<std::vector<ArticleRecord>> NearCopyCandidates(const std::string& signature) override {
    std::vector<ArticleRecord> candidates;
    if (signature.size() < kNearCopyBands) return candidates;  // no bands
    static const std::string sql =
        "SELECT a.id, a.near_signature, a.date, a.rowid FROM articles a WHERE a.rowid IN ("
        "SELECT b.article FROM " + kBandsOfSignature + " JOIN near_bands b "
        "ON b.band = bands.band AND b.slice = bands.slice) ORDER BY a.date, a.rowid";
    auto rows = db_->Run("read near-copy candidates", sql.c_str(), BandParams(signature));
    if (!rows.ok()) return rows.status();
    for (int row = 0; row < rows->size(); ++row) {
      ArticleRecord& a = candidates.emplace_back();
      a.id = rows->Text(row, 0);
      a.near_signature = rows->Bytes(row, 1);
      a.date = rows->Text(row, 2);
      a.number = rows->Int(row, 3);
    }
    return candidates;
  }

  // ---- Signing the articles stored unsigned ----
  Status SignArticles(const std::vector<ArticleRecord>& articles) override {
    return InTransaction(kWriterLock, [&]() -> Status {
      for (const ArticleRecord& a : articles) {
        auto signed_row = db_->Run("sign article " + a.id,
                                   "UPDATE articles SET near_signature = $1 WHERE id = $2 AND "
                                   "length(near_signature) = 0 RETURNING rowid, dup_of",
                                   Params().AddBytes(a.near_signature).Add(a.id));
        if (!signed_row.ok()) return signed_row.status();
        if (signed_row->size() == 0) continue;  // unknown, or signed since it was read
        ArticleRecord stored = a;
        stored.dup_of = signed_row->Text(0, 1);
        PARLEY_RETURN_IF_ERROR(AddNearBands(stored, signed_row->Int(0, 0)));
      }
      return Status::Ok();
    });
  }

  Result<int> IndexStories(int limit, const StoryIndexer& index) override {
    int indexed = 0;
    PARLEY_RETURN_IF_ERROR(InTransaction(kWriterLock, [&]() -> Status {
      auto rows = db_->Run("read articles",
                           (std::string("SELECT rowid, ") + kArticleColumns +
                            " FROM articles WHERE story IS NULL ORDER BY rowid LIMIT $1")
                               .c_str(),
                           Params().AddLimit(limit));
      if (!rows.ok()) return rows.status();
      PostgresStoryIndex backend(*db_);
      for (int row = 0; row < rows->size(); ++row) {
        PARLEY_RETURN_IF_ERROR(
            index(backend, rows->Int(row, 0), ArticleAt(*rows, row, 1), static_cast<size_t>(row)));
      }
      PARLEY_RETURN_IF_ERROR(backend.Flush());
      indexed = rows->size();
      if (indexed == 0) return Status::Ok();
      // Stored articles join stories: every cell may see its corroboration change.
      PARLEY_RETURN_IF_ERROR(db_->Exec("forget cell states", "DELETE FROM cells"));
      return CountWrite();
    }));
    return indexed;
  }

  Status ClearStoryIndex() override {
    return InTransaction(kWriterLock, [&] {
      PARLEY_RETURN_IF_ERROR(db_->Exec(
          "clear the story index",
          "DELETE FROM story_postings; DELETE FROM story_terms; DELETE FROM cells; "
          "UPDATE articles SET story = NULL, story_day = NULL, story_vector = NULL"));
      return CountWrite();
    });
  }

  Result<std::map<std::string, std::string>> ExtractionStamps(
      const std::string& scenario) override {
    auto rows =
        db_->Run("read extractions", "SELECT doc_id, stamp FROM extractions WHERE scenario = $1",
                 Params().Add(scenario));
    if (!rows.ok()) return rows.status();
    std::map<std::string, std::string> stamps;
    for (int row = 0; row < rows->size(); ++row) stamps[rows->Text(row, 0)] = rows->Text(row, 1);
    return stamps;
  }

  Result<std::vector<StatementRecord>> Statements(const std::string& scenario) override {
    auto rows =
        db_->Run("read statements",
                 (std::string(kStatementColumns) + "WHERE scenario = $1 ORDER BY date, id").c_str(),
                 Params().Add(scenario));
    if (!rows.ok()) return rows.status();
    return StatementsOf(*rows);
  }

  Result<std::vector<StatementRecord>> CellStatements(const std::string& scenario,
                                                      const std::string& actor,
                                                      const std::string& issue) override {
    auto rows = db_->Run("read statements",
                         (std::string(kStatementColumns) +
                          "WHERE scenario = $1 AND actor = $2 AND issue = $3 ORDER BY date, id")
                             .c_str(),
                         Params().Add(scenario).Add(actor).Add(issue));
    if (!rows.ok()) return rows.status();
    return StatementsOf(*rows);
  }

  Result<std::vector<StatementRecord>> CellStatementKeys(const std::string& scenario,
                                                         const std::string& actor,
                                                         const std::string& issue) override {
    auto rows = db_->Run("read statements",
                         "SELECT s.id, s.doc_id, s.position, s.kind, s.confidence, s.span_begin, "
                         "s.span_end, s.date, s.outlet, a.locator, a.story FROM statements s "
                         "JOIN articles a ON a.id = s.doc_id "
                         "WHERE s.scenario = $1 AND s.actor = $2 AND s.issue = $3 "
                         "ORDER BY s.date, s.id",
                         Params().Add(scenario).Add(actor).Add(issue));
    if (!rows.ok()) return rows.status();
    std::vector<StatementRecord> statements;
    for (int row = 0; row < rows->size(); ++row) {
      StatementRecord s;
      s.id = rows->Int(row, 0);
      s.doc_id = rows->Text(row, 1);
      s.scenario = scenario;
      s.actor = actor;
      s.issue = issue;
      s.position = rows->Real(row, 2);
      s.kind = rows->Text(row, 3);
      s.confidence = rows->Real(row, 4);
      s.span_begin = rows->Int(row, 5);
      s.span_end = rows->Int(row, 6);
      s.date = rows->Text(row, 7);
      s.outlet = rows->Text(row, 8);
      s.locator = rows->Text(row, 9);
      s.story = rows->IsNull(row, 10) ? 0 : rows->Int(row, 10);
      statements.push_back(std::move(s));
    }
    return statements;
  }

  Result<std::vector<StatementRecord>> StatementsById(const std::vector<int64_t>& ids) override {
    // One query, then the order of `ids`.
    const std::string list = ArrayOf(std::vector<uint64_t>(ids.begin(), ids.end()));
    auto rows = db_->Run("read statements",
                         (std::string(kStatementColumns) + "WHERE id = ANY($1::bigint[])").c_str(),
                         Params().Add(list));
    if (!rows.ok()) return rows.status();
    std::map<int64_t, StatementRecord> by_id;
    for (StatementRecord& s : StatementsOf(*rows)) by_id.emplace(s.id, std::move(s));
    std::vector<StatementRecord> statements;
    for (int64_t id : ids) {
      auto found = by_id.find(id);
      if (found != by_id.end()) statements.push_back(found->second);
    }
    return statements;
  }

  Result<std::vector<std::string>> StatementDates(const std::string& scenario) override {
    auto rows = db_->Run("read statements",
                         "SELECT DISTINCT date FROM statements WHERE scenario = $1 ORDER BY date",
                         Params().Add(scenario));
    if (!rows.ok()) return rows.status();
    std::vector<std::string> dates;
    for (int row = 0; row < rows->size(); ++row) dates.push_back(rows->Text(row, 0));
    return dates;
  }

  Result<std::vector<CellStateRecord>> CellStates(const std::string& scenario) override {
    // The count first: a write that lands between the two reads makes PutCellStates() keep
    // nothing rather than keep states that missed it.
    auto count = WriteCount();
    if (!count.ok()) return count.status();
    cells_read_at_ = *count;
    auto rows = db_->Run("read cell states",
                         "SELECT actor, issue, state FROM cells WHERE scenario = $1",
                         Params().Add(scenario));
    if (!rows.ok()) return rows.status();
    std::vector<CellStateRecord> states;
    for (int row = 0; row < rows->size(); ++row) {
      states.push_back({rows->Text(row, 0), rows->Text(row, 1), rows->Text(row, 2)});
    }
    return states;
  }

  Status PutCellStates(const std::string& scenario,
                       const std::vector<CellStateRecord>& states) override {
    return InTransaction(kWriterLock, [&]() -> Status {
      // States traced while another connection wrote may be stale already: they are not kept.
      auto count = WriteCount();
      if (!count.ok()) return count.status();
      if (*count != cells_read_at_ || states.empty()) return Status::Ok();
      ArrayLiteral actors, issues, texts;
      for (const CellStateRecord& cell : states) {
        actors.Add(cell.actor);
        issues.Add(cell.issue);
        texts.Add(cell.state);
      }
      auto put = db_->Run("write cell states",
                          "INSERT INTO cells (scenario, actor, issue, state) "
                          "SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[]) "
                          "ON CONFLICT (scenario, actor, issue) DO UPDATE SET state = "
                          "excluded.state",
                          Params()
                              .Add(scenario)
                              .Add(actors.Literal())
                              .Add(issues.Literal())
                              .Add(texts.Literal()));
      if (!put.ok()) return put.status();
      return CountWrite();
    });
  }

  Status ReplaceForecasts(const std::string& scenario,
                          const std::vector<ForecastRecord>& forecasts) override {
    return InTransaction(kWriterLock, [&]() -> Status {
      PARLEY_RETURN_IF_ERROR(CountWrite());
      auto removed = db_->Run("delete forecasts", "DELETE FROM forecasts WHERE scenario = $1",
                              Params().Add(scenario));
      if (!removed.ok()) return removed.status();
      for (const ForecastRecord& f : forecasts) {
        auto inserted = db_->Run(
            "insert forecast " + f.issue + "/" + f.model,
            "INSERT INTO forecasts (scenario, issue, model, forecast, p10, p90, detail_json) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            Params()
                .Add(scenario)
                .Add(f.issue)
                .Add(f.model)
                .Add(f.forecast)
                .Add(f.p10)
                .Add(f.p90)
                .Add(f.detail_json));
        if (!inserted.ok()) return inserted.status();
      }
      return Status::Ok();
    });
  }

  Result<std::vector<ForecastRecord>> Forecasts(const std::string& scenario) override {
    auto rows = db_->Run("read forecasts",
                         "SELECT scenario, issue, model, forecast, p10, p90, detail_json "
                         "FROM forecasts WHERE scenario = $1 ORDER BY issue, model",
                         Params().Add(scenario));
    if (!rows.ok()) return rows.status();
    std::vector<ForecastRecord> forecasts;
    for (int row = 0; row < rows->size(); ++row) {
      forecasts.push_back({rows->Text(row, 0), rows->Text(row, 1), rows->Text(row, 2),
                           rows->Real(row, 3), rows->Real(row, 4), rows->Real(row, 5),
                           rows->Text(row, 6)});
    }
    return forecasts;
  }

  // An annotation is a row of its own: it waits for no batch and no batch waits for it.
  Result<AnnotationRecord> AddAnnotation(const AnnotationRecord& annotation) override {
    Params params;
    params.Add(annotation.scenario).Add(annotation.actor).Add(annotation.issue);
    params.Add(std::string(AnnotationKindName(annotation.kind)));
    AddOptional(params, annotation.position);
    AddOptional(params, annotation.salience);
    params.Add(annotation.note).Add(annotation.author);
    static const std::string insert =
        "INSERT INTO annotations (scenario, actor, issue, kind, position, salience, note, author) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + std::string(kAnnotationColumns);
    auto rows = db_->Run("add an annotation", insert.c_str(), params);
    if (!rows.ok()) return rows.status();
    return AnnotationAt(*rows, 0);
  }

  Result<std::vector<AnnotationRecord>> Annotations(const std::string& scenario) override {
    static const std::string select = "SELECT " + std::string(kAnnotationColumns) +
                                      " FROM annotations WHERE scenario = $1 ORDER BY id";
    auto rows = db_->Run("read annotations", select.c_str(), Params().Add(scenario));
    if (!rows.ok()) return rows.status();
    std::vector<AnnotationRecord> annotations;
    for (int row = 0; row < rows->size(); ++row) annotations.push_back(AnnotationAt(*rows, row));
    return annotations;
  }

  // Where CellStates() starts: no other connection's write is missed yet.
  Status ReadWriteCountAtOpening() {
    auto count = WriteCount();
    if (!count.ok()) return count.status();
    cells_read_at_ = *count;
    return Status::Ok();
  }

  Status Enqueue(const std::vector<QueuedDocument>& documents) override {
    if (documents.empty()) return Status::Ok();
    ArrayLiteral path, url, line, offset, html, content, charset, given_id, title, date, outlet;
    for (const QueuedDocument& d : documents) {
      path.Add(d.path);
      url.Add(d.url);
      line.Add(d.line);
      offset.Add(d.offset);
      html.Add(static_cast<int64_t>(d.html));
      content.Add(d.content);
      charset.Add(d.charset);
      given_id.Add(d.given_id);
      title.Add(d.title);
      date.Add(d.date);
      outlet.Add(d.outlet);
    }
    Params params;
    for (const ArrayLiteral* column : {&path, &url, &line, &offset, &html, &content, &charset,
                                       &given_id, &title, &date, &outlet}) {
      params.Add(column->Literal());
    }
    // One statement: it is its own transaction.
    auto queued = db_->Run(
        "queue documents",
        "INSERT INTO queue (path, url, line, byte_offset, html, content, charset, given_id, "
        "title, date, outlet) SELECT path, url, line, byte_offset, html, content, charset, "
        "given_id, title, date, outlet FROM unnest($1::text[], $2::text[], $3::bigint[], "
        "$4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], "
        "$10::text[], $11::text[]) WITH ORDINALITY AS row (path, url, line, byte_offset, html, "
        "content, charset, given_id, title, date, outlet, number) ORDER BY number",
        params);
    return queued.ok() ? Status::Ok() : queued.status();
  }

  // One statement: SKIP LOCKED passes over rows another claim is taking at the same moment,
  // so concurrent claims get disjoint documents without waiting for each other.
  Result<std::vector<QueuedDocument>> ClaimQueued(const std::string& worker, int limit,
                                                  int64_t lease_seconds) override {
    auto claimed = TryClaim(worker, limit, lease_seconds);
    // A claim lost with its connection is tried once more on a new one; the documents a lost
    // claim may have taken return to the queue when its lease ends.
    if (claimed.ok() || !db_->Lost()) return claimed;
    return TryClaim(worker, limit, lease_seconds);
  }

  Result<QueueCounts> CountQueued() override {
    auto rows = db_->Run(
        "count queued documents",
        "SELECT count(*) FILTER (WHERE done = 0 AND (lease_until IS NULL OR lease_until <= "
        "extract(epoch FROM now())::bigint)), count(*) FILTER (WHERE done = 0 AND lease_until > "
        "extract(epoch FROM now())::bigint), count(*) FILTER (WHERE done = 1) FROM queue");
    if (!rows.ok()) return rows.status();
    return QueueCounts{rows->Int(0, 0), rows->Int(0, 1), rows->Int(0, 2)};
  }

  Result<int> SchemaVersion() override {
    auto rows =
        db_->Run("read the schema version", "SELECT coalesce(max(version), 0) FROM parley_schema");
    if (!rows.ok()) return rows.status();
    return static_cast<int>(rows->Int(0, 0));
  }

  // The store's count of committed writes (schema.cc's write counter, "store_writes").
  Result<int64_t> WriteCount() override {
    auto rows = db_->Run("read the write count", "SELECT count FROM store_writes");
    if (!rows.ok()) return rows.status();
    return rows->Int(0, 0);
  }

 private:
  Result<std::vector<QueuedDocument>> TryClaim(const std::string& worker, int limit,
                                               int64_t lease_seconds) {
    auto rows = db_->Run(
        "claim queued documents",
        "UPDATE queue SET claimed_by = $1, lease_until = extract(epoch FROM now())::bigint + $2 "
        "WHERE id IN (SELECT id FROM queue WHERE done = 0 AND (lease_until IS NULL OR "
        "lease_until <= extract(epoch FROM now())::bigint) ORDER BY id LIMIT $3 "
        "FOR UPDATE SKIP LOCKED) RETURNING id, path, url, line, byte_offset, html, content, "
        "charset, given_id, title, date, outlet",
        Params().Add(worker).Add(lease_seconds).Add(static_cast<int64_t>(limit)));
    if (!rows.ok()) return rows.status();
    std::vector<QueuedDocument> claimed;
    for (int row = 0; row < rows->size(); ++row) {
      QueuedDocument& d = claimed.emplace_back();
      d.id = rows->Int(row, 0);
      d.path = rows->Text(row, 1);
      d.url = rows->Text(row, 2);
      d.line = rows->Int(row, 3);
      d.offset = rows->Int(row, 4);
      d.html = rows->Bool(row, 5);
      std::string* fields[] = {&d.content, &d.charset, &d.given_id, &d.title, &d.date, &d.outlet};
      int column = 6;
      for (std::string* field : fields) *field = rows->Text(row, column++);
    }
    // RETURNING gives the rows in no promised order.
    std::sort(claimed.begin(), claimed.end(),
              [](const QueuedDocument& a, const QueuedDocument& b) { return a.id < b.id; });
    return claimed;
  }

  // Runs `body` in one transaction holding `lock`. When the connection was lost on the way, the
  // whole transaction is tried once more on a new one: the server rolled the first attempt back,
  // so the retry never finds half of it.
  template <typename Body>
  Status InTransaction(const char* lock, Body body) {
    Status status = TryTransaction(lock, body);
    if (status.ok() || !db_->Lost()) return status;
    return TryTransaction(lock, body);
  }

  template <typename Body>
  Status TryTransaction(const char* lock, Body& body) {
    read_at_after_commit_.reset();
    PARLEY_RETURN_IF_ERROR(db_->Begin());
    Status status = db_->Exec("wait for the other writers", lock);
    if (status.ok()) status = body();
    if (!status.ok()) {
      db_->Rollback();
      return status;
    }
    PARLEY_RETURN_IF_ERROR(db_->Commit());
    if (read_at_after_commit_) cells_read_at_ = *read_at_after_commit_;
    return Status::Ok();
  }

  // Raises the write count, inside a writing transaction. A connection's own writes leave its
  // cell states fresh, as SQLite's data_version ignores them: when no other connection wrote
  // since CellStates(), the count this write makes becomes the one read (on commit).
  Status CountWrite() {
    auto rows = db_->Run("count the write",
                         "UPDATE store_writes SET count = count + 1 RETURNING count");
    if (!rows.ok()) return rows.status();
    const int64_t count = rows->Int(0, 0);
    if (count - 1 == cells_read_at_) read_at_after_commit_ = count;
    return Status::Ok();
  }

  Status WriteBatchInTransaction(const Batch& batch, BatchSummary* summary) {
    PARLEY_RETURN_IF_ERROR(CountWrite());
    std::set<std::string> added;
    PARLEY_RETURN_IF_ERROR(ForgetStatements(batch, summary, added));
    std::optional<PostgresStoryIndex> stories;
    if (batch.index_story) stories.emplace(*db_);
    for (size_t i = 0; i < batch.articles.size(); ++i) {
      const ArticleRecord& a = batch.articles[i];
      auto inserted = db_->Run(
          "insert article " + a.id,
          "INSERT INTO articles (id, path, url, title, author, date, outlet, lang, text, dup_of, "
          "locator, actors, near_signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
          "$11, $12, $13) ON CONFLICT (id) DO NOTHING RETURNING rowid",
          Params()
              .Add(a.id)
              .Add(a.path)
              .Add(a.url)
              .Add(a.title)
              .Add(a.author)
              .Add(a.date)
              .Add(a.outlet)
              .Add(a.lang)
              .Add(a.text)
              .Add(a.dup_of)
              .Add(a.locator)
              .Add(a.actors)
              .AddBytes(a.near_signature));
      if (!inserted.ok()) return inserted.status();
      if (inserted->size() == 0) {
        summary->already_stored.push_back(a.id);
        continue;
      }
      added.insert(a.id);
      ++summary->articles_added;
      const int64_t number = inserted->Int(0, 0);
      PARLEY_RETURN_IF_ERROR(AddNearBands(a, number));
      if (stories) PARLEY_RETURN_IF_ERROR(batch.index_story(*stories, number, a, i));
    }
    PARLEY_RETURN_IF_ERROR(InsertStatements(batch.statements, added, summary));
    if (stories) PARLEY_RETURN_IF_ERROR(stories->Flush());
    PARLEY_RETURN_IF_ERROR(RecordStamps(batch, added));
    return MarkQueuedDone(batch.done_queue);
  }

  // Only originals are candidates: a copy points at its original, which a later copy finds.
  Status AddNearBands(const ArticleRecord& a, int64_t number) {
    if (!a.dup_of.empty() || a.near_signature.size() < kNearCopyBands) return Status::Ok();
    static const std::string sql = "INSERT INTO near_bands (band, slice, article) SELECT band, "
                                   "slice, $3::bigint FROM " + kBandsOfSignature +
                                   " ON CONFLICT DO NOTHING";
    auto inserted = db_->Run("write near-copy bands of " + a.id, sql.c_str(),
                             BandParams(a.near_signature).Add(number));
    return inserted.ok() ? Status::Ok() : inserted.status();
  }

  // The bands of the signature $1 (bytes) whose slices are $2 bytes wide, as rows
  // bands(band, slice): the band-th of kNearCopyBands equal slices (substring() counts from 1).
  static inline const std::string kBandsOfSignature =
      "(SELECT band, substring($1::bytea FROM band * $2::int + 1 FOR $2::int) AS slice "
      "FROM generate_series(0, " + std::to_string(kNearCopyBands - 1) + ") AS band) AS bands";

  static Params BandParams(const std::string& signature) {
    Params params;
    params.AddBytes(signature).Add(static_cast<int64_t>(signature.size() / kNearCopyBands));
    return params;
  }

  // The statements of the documents `added`, in one statement, numbered in their order.
  Status InsertStatements(const std::vector<StatementRecord>& statements,
                          const std::set<std::string>& added, BatchSummary* summary) {
    ArrayLiteral doc_id, scenario, actor, issue, position, kind, speaker, evidence, span_begin,
        span_end, confidence, condition, negated, date, outlet, reported, joint;
    int rows = 0;
    for (const StatementRecord& s : statements) {
      if (!added.count(s.doc_id)) continue;  // its article was stored before, with its statements
      doc_id.Add(s.doc_id);
      scenario.Add(s.scenario);
      actor.Add(s.actor);
      issue.Add(s.issue);
      position.Add(s.position);
      kind.Add(s.kind);
      speaker.Add(s.speaker);
      evidence.Add(s.evidence);
      span_begin.Add(s.span_begin);
      span_end.Add(s.span_end);
      confidence.Add(s.confidence);
      condition.Add(s.condition);
      negated.Add(static_cast<int64_t>(s.negated));
      date.Add(s.date);
      outlet.Add(s.outlet);
      reported.Add(static_cast<int64_t>(s.reported));
      joint.Add(static_cast<int64_t>(s.joint));
      ++rows;
    }
    if (rows == 0) return Status::Ok();
    Params params;
    for (const ArrayLiteral* column :
         {&doc_id, &scenario, &actor, &issue, &position, &kind, &speaker, &evidence, &span_begin,
          &span_end, &confidence, &condition, &negated, &date, &outlet, &reported, &joint}) {
      params.Add(column->Literal());
    }
    auto inserted = db_->Run(
        "insert statements",
        "INSERT INTO statements (doc_id, scenario, actor, issue, position, kind, speaker, "
        "evidence, span_begin, span_end, confidence, condition, negated, date, outlet, reported, "
        "joint) SELECT doc_id, scenario, actor, issue, position, kind, speaker, evidence, "
        "span_begin, span_end, confidence, condition, negated, date, outlet, reported, joint "
        "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], "
        "$7::text[], $8::text[], $9::bigint[], $10::bigint[], $11::float8[], $12::text[], "
        "$13::bigint[], $14::text[], $15::text[], $16::bigint[], $17::bigint[]) WITH ORDINALITY "
        "AS row (doc_id, scenario, actor, issue, position, kind, speaker, evidence, span_begin, "
        "span_end, confidence, condition, negated, date, outlet, reported, joint, number) "
        "ORDER BY number",
        params);
    if (!inserted.ok()) return inserted.status();
    summary->statements_added += rows;
    // The cells the new statements fall in.
    auto forgotten = db_->Run("forget cell states",
                              "DELETE FROM cells WHERE (scenario, actor, issue) IN (SELECT * "
                              "FROM unnest($1::text[], $2::text[], $3::text[]))",
                              Params().Add(scenario.Literal()).Add(actor.Literal()).Add(
                                  issue.Literal()));
    return forgotten.ok() ? Status::Ok() : forgotten.status();
  }

  // Re-extracted documents: their statements of the batch's scenario go, their mentioned actors
  // are updated; they then take their new statements like added documents.
  Status ForgetStatements(const Batch& batch, BatchSummary* summary,
                          std::set<std::string>& replaced) {
    for (const ArticleRecord& a : batch.reextracted) {
      auto forgotten = db_->Run("forget cell states of " + a.id,
                                "DELETE FROM cells WHERE (scenario, actor, issue) IN (SELECT "
                                "scenario, actor, issue FROM statements WHERE doc_id = $1 AND "
                                "scenario = $2)",
                                Params().Add(a.id).Add(batch.scenario));
      if (!forgotten.ok()) return forgotten.status();
      auto removed = db_->Run("delete statements of " + a.id,
                              "DELETE FROM statements WHERE doc_id = $1 AND scenario = $2",
                              Params().Add(a.id).Add(batch.scenario));
      if (!removed.ok()) return removed.status();
      auto updated =
          db_->Run("update article " + a.id, "UPDATE articles SET actors = $1 WHERE id = $2",
                   Params().Add(a.actors).Add(a.id));
      if (!updated.ok()) return updated.status();
      if (updated->Changed() == 0) continue;  // not stored: nothing to replace
      replaced.insert(a.id);
      ++summary->reextracted;
    }
    return Status::Ok();
  }

  Status MarkQueuedDone(const std::vector<int64_t>& ids) {
    if (ids.empty()) return Status::Ok();
    // A done document's content is in its article now: the row stays, for the counts.
    auto done = db_->Run("mark queued documents done",
                         "UPDATE queue SET done = 1, content = '' WHERE id = ANY($1::bigint[])",
                         Params().Add(ArrayOf(std::vector<uint64_t>(ids.begin(), ids.end()))));
    return done.ok() ? Status::Ok() : done.status();
  }

  Status RecordStamps(const Batch& batch, const std::set<std::string>& documents) {
    if (batch.scenario.empty()) return Status::Ok();
    for (const std::string& id : documents) {
      auto stamped = db_->Run("record the extraction of " + id,
                              "INSERT INTO extractions (doc_id, scenario, stamp) VALUES ($1, $2, "
                              "$3) ON CONFLICT (doc_id, scenario) DO UPDATE SET stamp = "
                              "excluded.stamp",
                              Params().Add(id).Add(batch.scenario).Add(batch.stamp));
      if (!stamped.ok()) return stamped.status();
    }
    return Status::Ok();
  }

  std::unique_ptr<Connection> db_;
  int64_t cells_read_at_ = -1;  // WriteCount() when CellStates() last read (or at opening)
  std::optional<int64_t> read_at_after_commit_;  // see CountWrite()
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  const std::string label = StoreDisplayName(url);
  // The URL's own connect_timeout and options, given after ours, win over them.
  // Statements are prepared once per connection, often while the tables are still empty; a
  // plan cached then (e.g. a sequential scan of near_bands) would stay for the whole run and
  // make every batch slower than the last, so each execution is planned for the tables' sizes.
  const char* keywords[] = {"connect_timeout", "fallback_application_name", "options", "dbname",
                            nullptr};
  const char* values[] = {"10", "parley", "-c plan_cache_mode=force_custom_plan", url.c_str(),
                          nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (!conn) return DatabaseError(label + ": cannot connect: out of memory");
  auto db = std::make_unique<Connection>(conn, label);
  if (PQstatus(conn) != CONNECTION_OK) {
    return DatabaseError(label + ": cannot connect: " + FirstLine(PQerrorMessage(conn)));
  }
  auto store = std::make_unique<PostgresStore>(std::move(db));
  PARLEY_RETURN_IF_ERROR(store->Migrate());
  PARLEY_RETURN_IF_ERROR(store->ReadWriteCountAtOpening());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace parley
