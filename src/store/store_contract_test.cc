// The contract of include/parley/store.h, run against every backend: each case opens fresh
// stores through OpenStore() on an SQLite file and on a database of a throwaway PostgreSQL
// server (tests/support/postgres_server.h).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>
#include <tuple>
#include <type_traits>

#include "parley/store.h"
#include "postgres_server.h"
#include "schema.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

// A store location per test: a file that is removed afterwards.
class SqliteBackend {
 public:
  // The location of a new empty store, or "" with `skip` or `failure` set.
  std::string NewLocation(std::string* /*skip*/, std::string* /*failure*/) {
    path_ = (fs::temp_directory_path() /
             ("parley-contract-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    Remove();
    return path_;
  }
  ~SqliteBackend() { Remove(); }

  // What `sql` (one count) gives on the store at `location`, read past the Store interface; -1
  // when it fails.
  static int64_t Count(const std::string& location, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_stmt* query = nullptr;
    int64_t count = -1;
    if (sqlite3_open_v2(location.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql.c_str(), -1, &query, nullptr) == SQLITE_OK &&
        sqlite3_step(query) == SQLITE_ROW) {
      count = sqlite3_column_int64(query, 0);
    }
    sqlite3_finalize(query);
    sqlite3_close(db);
    return count;
  }

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }
  std::string path_;
};

// A store location per test: a new database on the process's server.
class PostgresBackend {
 public:
  std::string NewLocation(std::string* skip, std::string* failure) {
    bool missing = false;
    std::string why;
    testing::PostgresServer* server = testing::PostgresServer::Shared(&why, &missing);
    if (!server) {
      (missing ? *skip : *failure) = why;
      return "";
    }
    return server->NewDatabase(failure);
  }

  static int64_t Count(const std::string& location, const std::string& sql) {
    PGconn* conn = PQconnectdb(location.c_str());
    PGresult* result = PQexec(conn, sql.c_str());
    const int64_t count = PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1
                              ? std::strtoll(PQgetvalue(result, 0, 0), nullptr, 10)
                              : -1;
    PQclear(result);
    PQfinish(conn);
    return count;
  }
};

ArticleRecord Article(const std::string& id, const std::string& date) {
  ArticleRecord a;
  a.id = id;
  a.path = "testdata/" + id + ".txt";
  a.url = "https://example.org/" + id;
  a.title = "Envoys meet in Berlin";
  a.date = date;
  a.outlet = "Example Wire";
  a.lang = "en";
  a.text = "Envoys met in Berlin on Sunday.";
  a.locator = a.path + ":1";
  a.actors = "UKR RUS";
  // Bytes, not text (zeros among them), a slice of them per band.
  for (int band = 0; band < kNearCopyBands; ++band) a.near_signature += std::string("\0\xff", 2);
  return a;
}

StatementRecord Statement(const std::string& doc_id, const std::string& actor,
                          const std::string& date, double position = 20) {
  StatementRecord s;
  s.doc_id = doc_id;
  s.scenario = "ukraine-2025";
  s.actor = actor;
  s.issue = "territory";
  s.position = position;
  s.kind = "reject";
  s.speaker = "Zelensky";
  s.evidence = "Kyiv \"rejected\" {the} demand, \\ NULL.";  // what an array literal escapes
  s.span_begin = 10;
  s.span_end = 35;
  s.confidence = 0.1 + 0.2;  // a double that needs all its digits
  s.condition = "if guarantees fail";
  s.negated = true;
  s.date = date;
  s.outlet = "Example Wire";
  s.reported = true;
  s.joint = true;
  return s;
}

Batch BatchOf(std::vector<ArticleRecord> articles, std::vector<StatementRecord> statements,
              StoryIndexer index_story = nullptr) {
  Batch batch;
  batch.index_story = std::move(index_story);
  batch.articles = std::move(articles);
  batch.statements = std::move(statements);
  batch.scenario = "ukraine-2025";
  batch.stamp = "ukraine-2025 aaaa v1";
  return batch;
}

std::vector<std::string> Ids(const std::vector<ArticleRecord>& articles) {
  std::vector<std::string> ids;
  for (const ArticleRecord& a : articles) ids.push_back(a.id);
  return ids;
}

template <typename Backend>
class StoreContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string skip, failure;
    location_ = backend_.NewLocation(&skip, &failure);
    if (!skip.empty()) GTEST_SKIP() << skip;
    ASSERT_FALSE(location_.empty()) << failure;
  }

  // Another connection to the test's store.
  std::unique_ptr<Store> Open() {
    auto store = OpenStore(location_);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // What `sql` (one count, in SQL both dialects take) gives on the test's store.
  int64_t Count(const std::string& sql) { return Backend::Count(location_, sql); }

  Backend backend_;
  std::string location_;
};

using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;
class BackendNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    return std::is_same_v<T, SqliteBackend> ? "Sqlite" : "Postgres";
  }
};
TYPED_TEST_SUITE(StoreContractTest, Backends, BackendNames);

TYPED_TEST(StoreContractTest, AnEmptyStoreIsMigratedToTheLatestVersionOnce) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  EXPECT_EQ(*store->SchemaVersion(), store_schema::SchemaVersion());
  ASSERT_TRUE(store->WriteBatch(BatchOf({Article("a1", "2025-12-14")}, {})).ok());
  store.reset();

  auto reopened = this->Open();
  ASSERT_TRUE(reopened);
  EXPECT_EQ(*reopened->SchemaVersion(), store_schema::SchemaVersion());
  EXPECT_EQ(Ids(*reopened->Articles()), std::vector<std::string>{"a1"});
}

TYPED_TEST(StoreContractTest, ArticlesAndStatementsComeBackAsWritten) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  const ArticleRecord article = Article("a1", "2025-12-14");
  const StatementRecord statement = Statement("a1", "UKR", "2025-12-14");
  ASSERT_TRUE(store->WriteBatch(BatchOf({article}, {statement})).ok());

  auto articles = store->Articles();
  ASSERT_TRUE(articles.ok()) << articles.status().message();
  ASSERT_EQ(articles->size(), 1u);
  const ArticleRecord& a = (*articles)[0];
  EXPECT_EQ(
      std::tie(a.id, a.path, a.url, a.title, a.date, a.outlet, a.lang, a.text, a.locator, a.actors),
      std::tie(article.id, article.path, article.url, article.title, article.date, article.outlet,
               article.lang, article.text, article.locator, article.actors));
  auto candidates = store->NearCopyCandidates(article.near_signature);
  ASSERT_TRUE(candidates.ok()) << candidates.status().message();
  ASSERT_EQ(candidates->size(), 1u);
  EXPECT_EQ((*candidates)[0].near_signature, article.near_signature);
  EXPECT_EQ((*candidates)[0].text, "");  // signed: the text is not needed
  EXPECT_TRUE(store->UnsignedArticles()->empty());

  auto statements = store->Statements("ukraine-2025");
  ASSERT_TRUE(statements.ok()) << statements.status().message();
  ASSERT_EQ(statements->size(), 1u);
  const StatementRecord& s = (*statements)[0];
  EXPECT_EQ(
      std::tie(s.doc_id, s.actor, s.issue, s.position, s.kind, s.speaker, s.evidence, s.span_begin,
               s.span_end, s.confidence, s.condition, s.negated, s.date, s.reported, s.joint),
      std::tie(statement.doc_id, statement.actor, statement.issue, statement.position,
               statement.kind, statement.speaker, statement.evidence, statement.span_begin,
               statement.span_end, statement.confidence, statement.condition, statement.negated,
               statement.date, statement.reported, statement.joint));
  EXPECT_TRUE(*store->HasArticle("a1"));
  EXPECT_FALSE(*store->HasArticle("a2"));
}

TYPED_TEST(StoreContractTest, ReingestingABatchStoresNothingTwice) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  const Batch batch =
      BatchOf({Article("a1", "2025-12-14"), Article("a2", "2025-12-15")},
              {Statement("a1", "UKR", "2025-12-14"), Statement("a2", "RUS", "2025-12-15")});
  auto first = store->WriteBatch(batch);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->articles_added, 2);
  EXPECT_EQ(first->statements_added, 2);

  auto again = store->WriteBatch(batch);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->articles_added, 0);
  EXPECT_EQ(again->statements_added, 0);
  EXPECT_EQ(again->already_stored, (std::vector<std::string>{"a1", "a2"}));
  EXPECT_EQ(store->Articles()->size(), 2u);
  EXPECT_EQ(store->Statements("ukraine-2025")->size(), 2u);
}

TYPED_TEST(StoreContractTest, AFailingBatchLeavesNothing) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  Batch batch = BatchOf({Article("a1", "2025-12-14"), Article("a2", "2025-12-15")},
                        {Statement("a1", "UKR", "2025-12-14")});
  batch.index_story = [](StoryIndexBackend&, int64_t, const ArticleRecord&, size_t index) {
    return index == 1 ? InvalidInput("the second article fails") : Status::Ok();
  };
  auto written = store->WriteBatch(batch);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.status().message(), "the second article fails");

  EXPECT_TRUE(store->Articles()->empty());
  EXPECT_TRUE(store->Statements("ukraine-2025")->empty());
  EXPECT_TRUE(store->ExtractionStamps("ukraine-2025")->empty());
  // The store takes the next batch as if the failed one never happened.
  batch.index_story = nullptr;
  auto retried = store->WriteBatch(batch);
  ASSERT_TRUE(retried.ok()) << retried.status().message();
  EXPECT_EQ(retried->articles_added, 2);
}

TYPED_TEST(StoreContractTest, AReextractionReplacesOneScenariosStatementsAndStamp) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  StatementRecord other_scenario = Statement("a1", "IRN", "2025-12-14");
  other_scenario.scenario = "iran-2025";
  ASSERT_TRUE(store
                  ->WriteBatch(BatchOf({Article("a1", "2025-12-14")},
                                       {Statement("a1", "UKR", "2025-12-14"), other_scenario}))
                  .ok());

  Batch again = BatchOf({}, {Statement("a1", "RUS", "2025-12-14", 80)});
  again.reextracted = {Article("a1", "2025-12-14")};
  again.reextracted[0].actors = "RUS";
  again.stamp = "ukraine-2025 bbbb v2";
  auto written = store->WriteBatch(again);
  ASSERT_TRUE(written.ok()) << written.status().message();
  EXPECT_EQ(written->reextracted, 1);
  EXPECT_EQ(written->statements_added, 1);

  auto statements = store->Statements("ukraine-2025");
  ASSERT_EQ(statements->size(), 1u);
  EXPECT_EQ((*statements)[0].actor, "RUS");
  EXPECT_EQ((*statements)[0].position, 80);
  EXPECT_EQ(store->Statements("iran-2025")->size(), 1u);
  EXPECT_EQ(store->ExtractionStamps("ukraine-2025")->at("a1"), "ukraine-2025 bbbb v2");
  EXPECT_EQ((*store->ArticleSummaries())[0].actors, "RUS");
  EXPECT_EQ(*store->StaleArticleCount("ukraine-2025", "ukraine-2025 bbbb v2", false), 0);
  EXPECT_EQ(*store->StaleArticleCount("ukraine-2025", "ukraine-2025 cccc v3", false), 1);
}

TYPED_TEST(StoreContractTest, ForecastsOfAScenarioAreReplacedTogether) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store
                  ->ReplaceForecasts("ukraine-2025", {{"", "territory", "mean", 40, 30, 50, "{}"},
                                                      {"", "army", "mean", 60, 55, 65, "{}"}})
                  .ok());
  ASSERT_TRUE(
      store->ReplaceForecasts("iran-2025", {{"", "enrichment", "mean", 10, 5, 20, "{}"}}).ok());
  ASSERT_TRUE(store
                  ->ReplaceForecasts("ukraine-2025",
                                     {{"", "territory", "median", 45, 35, 55, "{\"n\": 3}"}})
                  .ok());

  auto forecasts = store->Forecasts("ukraine-2025");
  ASSERT_TRUE(forecasts.ok()) << forecasts.status().message();
  ASSERT_EQ(forecasts->size(), 1u);
  const ForecastRecord& f = (*forecasts)[0];
  EXPECT_EQ(std::tie(f.scenario, f.issue, f.model, f.forecast, f.p10, f.p90, f.detail_json),
            std::make_tuple(std::string("ukraine-2025"), std::string("territory"),
                            std::string("median"), 45.0, 35.0, 55.0, std::string("{\"n\": 3}")));
  EXPECT_EQ(store->Forecasts("iran-2025")->size(), 1u);
}

// What positions --as-of reads: statements by date, the dates, one cell, statements by number.
// An analyst's annotation comes back with the store's number and time, to every connection
// (the team's other dashboards), by scenario in the order of writing.
TYPED_TEST(StoreContractTest, AnnotationsComeBackWithTheirAuthorAndTheStoresTime) {
  auto store = this->Open();
  auto colleague = this->Open();
  ASSERT_TRUE(store && colleague);
  AnnotationRecord override_cell;
  override_cell.scenario = "ukraine-2025";
  override_cell.actor = "RUS";
  override_cell.issue = "territory";
  override_cell.kind = AnnotationKind::kOverride;
  override_cell.position = 0.1 + 0.2;  // all its digits survive
  override_cell.note = "Briefing: Moscow's line is \"all of Donbas\", NULL";
  override_cell.author = "Ann Analyst";
  auto added = store->AddAnnotation(override_cell);
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_GT(added->id, 0);
  ASSERT_EQ(added->created_at.size(), 20u) << added->created_at;  // 2026-12-06T10:00:00Z
  EXPECT_EQ(added->created_at[10], 'T');
  EXPECT_EQ(added->created_at.back(), 'Z');
  AnnotationRecord note = override_cell;
  note.kind = AnnotationKind::kNote;
  note.position.reset();
  note.note = "Watch the Istanbul track.";
  note.author = "Bo";
  ASSERT_TRUE(colleague->AddAnnotation(note).ok());
  note.scenario = "iran-2025";
  ASSERT_TRUE(colleague->AddAnnotation(note).ok());

  auto annotations = store->Annotations("ukraine-2025");
  ASSERT_TRUE(annotations.ok()) << annotations.status().message();
  ASSERT_EQ(annotations->size(), 2u);
  const AnnotationRecord& first = (*annotations)[0];
  EXPECT_EQ(std::tie(first.id, first.actor, first.issue, first.kind, first.position,
                     first.salience, first.note, first.author, first.created_at),
            std::tie(added->id, override_cell.actor, override_cell.issue, override_cell.kind,
                     override_cell.position, override_cell.salience, override_cell.note,
                     override_cell.author, added->created_at));
  const AnnotationRecord& second = (*annotations)[1];
  EXPECT_GT(second.id, first.id);
  EXPECT_EQ(second.kind, AnnotationKind::kNote);
  EXPECT_FALSE(second.position);
  EXPECT_EQ(second.author, "Bo");
  EXPECT_EQ(store->Annotations("iran-2025")->size(), 1u);
  EXPECT_TRUE(store->Annotations("gaza-2025")->empty());
}

// What a dashboard checks before reloading its snapshot: another connection's write changes the
// count, reading does not.
TYPED_TEST(StoreContractTest, AnotherConnectionsWriteChangesTheWriteCount) {
  auto reader = this->Open();
  auto writer = this->Open();
  ASSERT_TRUE(reader && writer);
  auto before = reader->WriteCount();
  ASSERT_TRUE(before.ok()) << before.status().message();
  ASSERT_TRUE(writer->Articles().ok());
  EXPECT_EQ(*reader->WriteCount(), *before);
  ASSERT_TRUE(writer->WriteBatch(BatchOf({Article("a1", "2025-12-14")}, {})).ok());
  EXPECT_NE(*reader->WriteCount(), *before);
}

TYPED_TEST(StoreContractTest, StatementsAreReadInDateOrderCellByCellAndByNumber) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(
      store
          ->WriteBatch(BatchOf(
              {Article("late", "2025-12-20"), Article("early", "2025-12-01")},
              {Statement("late", "UKR", "2025-12-20"), Statement("late", "RUS", "2025-12-20"),
               Statement("early", "UKR", "2025-12-01")}))
          .ok());

  auto statements = store->Statements("ukraine-2025");
  ASSERT_TRUE(statements.ok());
  ASSERT_EQ(statements->size(), 3u);
  EXPECT_EQ((*statements)[0].doc_id, "early");
  EXPECT_EQ((*statements)[1].actor, "UKR");
  EXPECT_EQ((*statements)[2].actor, "RUS");
  EXPECT_EQ(*store->StatementDates("ukraine-2025"),
            (std::vector<std::string>{"2025-12-01", "2025-12-20"}));
  EXPECT_EQ(Ids(*store->Articles()), (std::vector<std::string>{"early", "late"}));

  auto cell = store->CellStatements("ukraine-2025", "UKR", "territory");
  ASSERT_TRUE(cell.ok());
  ASSERT_EQ(cell->size(), 2u);
  EXPECT_EQ((*cell)[0].doc_id, "early");
  auto keys = store->CellStatementKeys("ukraine-2025", "UKR", "territory");
  ASSERT_TRUE(keys.ok()) << keys.status().message();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[1].id, (*cell)[1].id);
  EXPECT_EQ((*keys)[1].confidence, (*cell)[1].confidence);
  EXPECT_EQ((*keys)[1].speaker, "");  // not weighed: not read

  auto by_number = store->StatementsById({(*statements)[2].id, 999999, (*statements)[0].id});
  ASSERT_TRUE(by_number.ok()) << by_number.status().message();
  ASSERT_EQ(by_number->size(), 2u);
  EXPECT_EQ((*by_number)[0].actor, "RUS");
  EXPECT_EQ((*by_number)[1].doc_id, "early");
}

TYPED_TEST(StoreContractTest, StaleArticlesArePagedInInsertionOrder) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store
                  ->WriteBatch(BatchOf({Article("b", "2025-12-20"), Article("a", "2025-12-01"),
                                        Article("c", "2025-12-10")},
                                       {}))
                  .ok());
  auto first = store->StaleArticles("ukraine-2025", "ukraine-2025 bbbb v2", false, 0, 2);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(Ids(*first), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ((*first)[0].text, "Envoys met in Berlin on Sunday.");
  auto rest =
      store->StaleArticles("ukraine-2025", "ukraine-2025 bbbb v2", false, first->back().number);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(Ids(*rest), std::vector<std::string>{"c"});
  EXPECT_TRUE(store->StaleArticles("ukraine-2025", "ukraine-2025 aaaa v1", false)->empty());
  EXPECT_EQ(store->StaleArticles("ukraine-2025", "ukraine-2025 aaaa v1", true)->size(), 3u);
}

// An indexer that opens one story per article and merges the second article's into the first.
Status IndexIntoOneStory(StoryIndexBackend& backend, int64_t article, const ArticleRecord&,
                         size_t index) {
  int64_t indexed = 0;
  auto counts = backend.CountTerms({0x8000000000000001ull, 0x8000000000000002ull}, &indexed);
  if (!counts.ok()) return counts.status();
  StoryEntry entry;
  entry.article = article;
  entry.story = article;
  entry.day = 20000;
  entry.actors = {"UKR"};
  entry.vector = {{0x8000000000000001ull, 1.5}, {0x8000000000000002ull, 0.25}};
  PARLEY_RETURN_IF_ERROR(backend.Add(entry, {0x8000000000000001ull}));
  if (index == 0) return Status::Ok();
  auto postings = backend.Postings(0x8000000000000001ull, 19999, 20001);
  if (!postings.ok()) return postings.status();
  return backend.Merge({article}, postings->front());
}

TYPED_TEST(StoreContractTest, TheStoryIndexKeepsEntriesCountsAndMerges) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(
      store->WriteBatch(BatchOf({Article("a1", "2025-12-14"), Article("a2", "2025-12-15")}, {}))
          .ok());
  auto indexed = store->IndexStories(-1, IndexIntoOneStory);
  ASSERT_TRUE(indexed.ok()) << indexed.status().message();
  EXPECT_EQ(*indexed, 2);
  EXPECT_EQ(*store->IndexStories(-1, IndexIntoOneStory), 0);  // nothing left to index

  auto summaries = store->ArticleSummaries();
  ASSERT_EQ(summaries->size(), 2u);
  EXPECT_NE((*summaries)[0].story, 0);
  EXPECT_EQ((*summaries)[1].story, (*summaries)[0].story);

  // A later batch reads what the first ones left.
  Batch batch = BatchOf({Article("a3", "2025-12-16")}, {});
  std::vector<int64_t> seen_counts;
  StoryEntry seen_entry;
  std::optional<int64_t> seen_story;
  std::vector<std::vector<int64_t>> seen_lists;
  std::vector<int64_t> seen_entries;
  Status unknown_entry;
  batch.index_story = [&](StoryIndexBackend& backend, int64_t, const ArticleRecord&, size_t) {
    int64_t indexed_before = 0;
    auto counts =
        backend.CountTerms({0x8000000000000001ull, 0x8000000000000003ull}, &indexed_before);
    if (!counts.ok()) return counts.status();
    seen_counts = *counts;
    seen_counts.push_back(indexed_before);
    auto entry = backend.Entry((*summaries)[0].story);
    if (!entry.ok()) return entry.status();
    seen_entry = *entry;
    auto story = backend.StoryOfDocument("a2");
    if (!story.ok()) return story.status();
    seen_story = *story;
    auto lists = backend.PostingsOfTerms(
        {0x8000000000000001ull, 0x8000000000000003ull, 0x8000000000000001ull}, 19999, 20001);
    if (!lists.ok()) return lists.status();
    seen_lists = *lists;
    auto entries = backend.Entries({(*summaries)[1].number, (*summaries)[0].number});
    if (!entries.ok()) return entries.status();
    for (const StoryEntry& e : *entries) seen_entries.push_back(e.article);
    unknown_entry = backend.Entries({(*summaries)[0].number, 999}).status();
    return Status::Ok();
  };
  ASSERT_TRUE(store->WriteBatch(batch).ok());
  EXPECT_EQ(seen_counts, (std::vector<int64_t>{2, 0, 2}));
  EXPECT_EQ(seen_entry.day, 20000);
  EXPECT_EQ(seen_entry.actors, (std::vector<std::string>{"UKR", "RUS"}));  // the article's
  EXPECT_EQ(seen_entry.vector, (std::vector<std::pair<uint64_t, double>>{
                                   {0x8000000000000001ull, 1.5}, {0x8000000000000002ull, 0.25}}));
  EXPECT_EQ(seen_story, (*summaries)[0].story);
  const std::vector<int64_t> both = {(*summaries)[0].number, (*summaries)[1].number};
  EXPECT_EQ(seen_lists, (std::vector<std::vector<int64_t>>{both, {}, both}));
  EXPECT_EQ(seen_entries, (std::vector<int64_t>{both[1], both[0]}));
  EXPECT_EQ(unknown_entry.code(), StatusCode::kNotFound);

  ASSERT_TRUE(store->ClearStoryIndex().ok());
  EXPECT_EQ((*store->ArticleSummaries())[0].story, 0);
  EXPECT_EQ(*store->IndexStories(1, IndexIntoOneStory), 1);
}

// The kept cell states of ukraine-2025 as "actor/issue=state", sorted.
std::vector<std::string> KeptCells(Store& store) {
  auto states = store.CellStates("ukraine-2025");
  EXPECT_TRUE(states.ok()) << states.status().message();
  std::vector<std::string> cells;
  if (!states.ok()) return cells;
  for (const CellStateRecord& s : *states) cells.push_back(s.actor + "/" + s.issue + "=" + s.state);
  std::sort(cells.begin(), cells.end());
  return cells;
}

TYPED_TEST(StoreContractTest, CellStatesComeBackAsKeptReplacedCellByCell) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  EXPECT_TRUE(KeptCells(*store).empty());
  ASSERT_TRUE(store
                  ->PutCellStates("ukraine-2025", {{"UKR", "territory", "{\"n\": 1}"},
                                                   {"RUS", "territory", "r"}})
                  .ok());
  ASSERT_TRUE(store->PutCellStates("iran-2025", {{"IRN", "enrichment", "i"}}).ok());
  ASSERT_TRUE(store->PutCellStates("ukraine-2025", {{"RUS", "territory", "r2"}}).ok());
  EXPECT_EQ(KeptCells(*store),
            (std::vector<std::string>{"RUS/territory=r2", "UKR/territory={\"n\": 1}"}));
  auto other = store->CellStates("iran-2025");
  ASSERT_TRUE(other.ok());
  ASSERT_EQ(other->size(), 1u);
  EXPECT_EQ((*other)[0].state, "i");
}

// Issue 17: cell states are a cache the store forgets where the cell's statements change.
TYPED_TEST(StoreContractTest, AWriteForgetsTheStatesOfTheCellsItsStatementsFallInAndOnlyThose) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store
                  ->WriteBatch(BatchOf({Article("a1", "2025-12-14")},
                                       {Statement("a1", "UKR", "2025-12-14"),
                                        Statement("a1", "RUS", "2025-12-14")}))
                  .ok());
  ASSERT_TRUE(store
                  ->PutCellStates("ukraine-2025", {{"UKR", "territory", "u"},
                                                   {"RUS", "territory", "r"},
                                                   {"USA", "territory", "a"}})
                  .ok());

  ASSERT_TRUE(store
                  ->WriteBatch(BatchOf({Article("a2", "2025-12-15")},
                                       {Statement("a2", "UKR", "2025-12-15")}))
                  .ok());
  EXPECT_EQ(KeptCells(*store), (std::vector<std::string>{"RUS/territory=r", "USA/territory=a"}));

  // A batch of stored documents adds no statement: it forgets nothing.
  ASSERT_TRUE(store
                  ->WriteBatch(BatchOf({Article("a2", "2025-12-15")},
                                       {Statement("a2", "USA", "2025-12-15")}))
                  .ok());
  EXPECT_EQ(KeptCells(*store), (std::vector<std::string>{"RUS/territory=r", "USA/territory=a"}));

  // A re-extraction forgets the cells of the statements it drops, too.
  Batch again = BatchOf({}, {});
  again.reextracted = {Article("a1", "2025-12-14")};
  again.stamp = "ukraine-2025 bbbb v2";
  ASSERT_TRUE(store->WriteBatch(again).ok());
  EXPECT_EQ(KeptCells(*store), (std::vector<std::string>{"USA/territory=a"}));

  ASSERT_TRUE(store->ClearStoryIndex().ok());
  EXPECT_TRUE(KeptCells(*store).empty());
}

// Stories change the weight of a cell's statements: indexing stored articles forgets every
// cell, a merge the cells of the statements whose story moves.
TYPED_TEST(StoreContractTest, StoryChangesForgetTheStatesOfTheCellsTheyReach) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store
                  ->WriteBatch(BatchOf({Article("a1", "2025-12-14")},
                                       {Statement("a1", "UKR", "2025-12-14")}))
                  .ok());
  ASSERT_TRUE(store->PutCellStates("ukraine-2025", {{"UKR", "territory", "u"}}).ok());
  EXPECT_EQ(*store->IndexStories(-1, IndexIntoOneStory), 1);
  EXPECT_TRUE(KeptCells(*store).empty());
  EXPECT_EQ(*store->IndexStories(-1, IndexIntoOneStory), 0);

  ASSERT_TRUE(store
                  ->PutCellStates("ukraine-2025",
                                  {{"UKR", "territory", "u"}, {"RUS", "territory", "r"}})
                  .ok());
  // a2's story merges into a1's: its own statements (RUS) are new anyway; a1's cell (UKR) keeps
  // its state, as a1's story stays.
  Batch batch = BatchOf({Article("a2", "2025-12-15")}, {Statement("a2", "RUS", "2025-12-15")},
                        [](StoryIndexBackend& backend, int64_t article, const ArticleRecord& a,
                           size_t) { return IndexIntoOneStory(backend, article, a, 1); });
  ASSERT_TRUE(store->WriteBatch(batch).ok());
  EXPECT_EQ(KeptCells(*store), (std::vector<std::string>{"UKR/territory=u"}));
  auto summaries = store->ArticleSummaries();
  ASSERT_EQ(summaries->size(), 2u);
  EXPECT_EQ((*summaries)[1].story, (*summaries)[0].story);
}

// A state traced while another process wrote a batch may miss that batch: it is not kept.
// The connection's own batches do not make its traces stale.
TYPED_TEST(StoreContractTest, CellStatesTracedWhileAnotherConnectionWroteAreNotKept) {
  auto reader = this->Open();
  auto writer = this->Open();
  ASSERT_TRUE(reader && writer);
  ASSERT_TRUE(reader->CellStates("ukraine-2025").ok());
  ASSERT_TRUE(writer
                  ->WriteBatch(BatchOf({Article("a1", "2025-12-14")},
                                       {Statement("a1", "UKR", "2025-12-14")}))
                  .ok());
  ASSERT_TRUE(reader->PutCellStates("ukraine-2025", {{"UKR", "territory", "stale"}}).ok());
  EXPECT_TRUE(KeptCells(*reader).empty());
  // Read again (KeptCells), then kept, also after a batch of its own.
  ASSERT_TRUE(reader
                  ->WriteBatch(BatchOf({Article("a2", "2025-12-15")},
                                       {Statement("a2", "RUS", "2025-12-15")}))
                  .ok());
  ASSERT_TRUE(reader->PutCellStates("ukraine-2025", {{"UKR", "territory", "fresh"}}).ok());
  EXPECT_EQ(KeptCells(*reader), (std::vector<std::string>{"UKR/territory=fresh"}));
  // The writer's own view is stale now: the reader wrote since the writer opened.
  ASSERT_TRUE(writer->PutCellStates("ukraine-2025", {{"UKR", "territory", "writer"}}).ok());
  EXPECT_EQ(KeptCells(*writer), (std::vector<std::string>{"UKR/territory=fresh"}));
}

TYPED_TEST(StoreContractTest, ArticlesAreReadByIdAndByStoryWithoutTheirText) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  StoryIndexer a1_opens_the_story_a2_joins = [](StoryIndexBackend& backend, int64_t article,
                                                const ArticleRecord& record,
                                                size_t) -> Status {
    StoryEntry entry;
    entry.article = article;
    entry.story = record.id == "a3" ? article : 1;
    return backend.Add(entry, {});
  };
  ASSERT_TRUE(store
                  ->WriteBatch(BatchOf({Article("a1", "2025-12-15"), Article("a2", "2025-12-14"),
                                        Article("a3", "2025-12-16"), Article("a4", "2025-12-14")},
                                       {Statement("a2", "UKR", "2025-12-14")},
                                       a1_opens_the_story_a2_joins))
                  .ok());
  auto by_id = store->ArticleSummariesById({"a3", "unknown", "a1"});
  ASSERT_TRUE(by_id.ok()) << by_id.status().message();
  ASSERT_EQ(by_id->size(), 2u);
  const ArticleRecord& a3 = (*by_id)[0];
  EXPECT_EQ(std::tie(a3.id, a3.number, a3.story, a3.text, a3.locator, a3.title),
            std::make_tuple(std::string("a3"), int64_t{3}, int64_t{3}, std::string(),
                            std::string("testdata/a3.txt:1"),
                            std::string("Envoys meet in Berlin")));
  EXPECT_EQ((*by_id)[1].id, "a1");
  EXPECT_EQ((*by_id)[1].number, 1);

  auto story = store->StoryArticles(1);
  ASSERT_TRUE(story.ok()) << story.status().message();
  // Oldest date first, then in insertion order.
  EXPECT_EQ(Ids(*story), (std::vector<std::string>{"a2", "a4", "a1"}));
  EXPECT_EQ((*story)[0].number, 2);
  EXPECT_EQ((*story)[0].text, "");
  EXPECT_TRUE(store->StoryArticles(99)->empty());

  auto keys = store->CellStatementKeys("ukraine-2025", "UKR", "territory");
  ASSERT_TRUE(keys.ok()) << keys.status().message();
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ((*keys)[0].locator, "testdata/a2.txt:1");
  EXPECT_EQ((*keys)[0].story, 1);
}

// A signature of kNearCopyBands bands of 4 bytes each, band b holding `values[b]`.
std::string Signature(const std::vector<char>& values) {
  std::string bytes;
  for (char value : values) bytes += std::string(4, value);
  return bytes;
}

// Near-copy candidates are the stored originals sharing any band with the signature, each
// once, oldest date first, then in insertion order; copies (dup_of set), unsigned articles and
// articles sharing no band are not. Unsigned articles come with their text, oldest date first.
TYPED_TEST(StoreContractTest, NearCopyCandidatesAreOriginalsSharingABandOldestFirst) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  const std::string query = Signature(std::vector<char>(kNearCopyBands, '\0'));
  std::vector<char> one_band(kNearCopyBands, 'x');
  one_band[7] = '\0';
  std::vector<ArticleRecord> articles = {
      Article("late", "2025-12-20"),     Article("early", "2025-12-01"),
      Article("copy", "2025-11-01"),     Article("other", "2025-11-02"),
      Article("unsigned", "2025-11-03"), Article("unsigned-older", "2025-10-01"),
      Article("early-too", "2025-12-01")};
  articles[0].near_signature = query;
  articles[1].near_signature = Signature(one_band);
  articles[2].near_signature = query;
  articles[2].dup_of = "late";
  articles[3].near_signature = Signature(std::vector<char>(kNearCopyBands, 'x'));
  articles[4].near_signature = "";
  articles[5].near_signature = "";
  articles[5].title = "Talks resume";
  articles[6].near_signature = query;
  ASSERT_TRUE(store->WriteBatch(BatchOf(articles, {})).ok());

  auto candidates = store->NearCopyCandidates(query);
  ASSERT_TRUE(candidates.ok()) << candidates.status().message();
  EXPECT_EQ(Ids(*candidates), (std::vector<std::string>{"early", "early-too", "late"}));
  std::vector<std::tuple<int64_t, std::string, std::string>> read;
  for (const ArticleRecord& a : *candidates) read.emplace_back(a.number, a.date, a.near_signature);
  EXPECT_EQ(read, (std::vector<std::tuple<int64_t, std::string, std::string>>{
                      {2, "2025-12-01", Signature(one_band)},
                      {7, "2025-12-01", query},
                      {1, "2025-12-20", query}}));
  EXPECT_TRUE(store->NearCopyCandidates(Signature(std::vector<char>(kNearCopyBands, 'y')))
                  ->empty());
  EXPECT_TRUE(store->NearCopyCandidates("")->empty());

  auto unsigned_articles = store->UnsignedArticles();
  ASSERT_TRUE(unsigned_articles.ok()) << unsigned_articles.status().message();
  EXPECT_EQ(Ids(*unsigned_articles), (std::vector<std::string>{"unsigned-older", "unsigned"}));
  EXPECT_EQ((*unsigned_articles)[0].text, "Talks resume\nEnvoys met in Berlin on Sunday.");
  EXPECT_EQ((*unsigned_articles)[1].text, "Envoys meet in Berlin\nEnvoys met in Berlin on Sunday.");
}

// Articles stored unsigned are signed once: their signatures are kept, the originals among them
// become near-copy candidates, and they are unsigned no more. kTooShortToSign is kept without
// bands; an article signed before keeps its signature; unknown ids are left out.
TYPED_TEST(StoreContractTest, SignedArticlesAreKeptAndTheirOriginalsIndexedOnce) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  std::vector<ArticleRecord> articles = {
      Article("original", "2025-12-01"), Article("copy", "2025-12-02"),
      Article("short", "2025-12-03"), Article("signed", "2025-12-04")};
  const std::string signed_before = articles[3].near_signature;
  for (int i = 0; i < 3; ++i) articles[i].near_signature = "";
  articles[1].dup_of = "original";
  ASSERT_TRUE(store->WriteBatch(BatchOf(articles, {})).ok());

  const std::string signature = Signature(std::vector<char>(kNearCopyBands, 's'));
  std::vector<ArticleRecord> signatures(5);
  for (size_t i = 0; i < signatures.size(); ++i) {
    signatures[i].id = i < articles.size() ? articles[i].id : "unknown";
    signatures[i].near_signature = signature;
  }
  signatures[2].near_signature = std::string(kTooShortToSign);
  ASSERT_TRUE(store->SignArticles(signatures).ok());
  ASSERT_TRUE(store->SignArticles(signatures).ok());  // signed already: nothing changes

  auto unsigned_articles = store->UnsignedArticles();
  ASSERT_TRUE(unsigned_articles.ok()) << unsigned_articles.status().message();
  EXPECT_TRUE(unsigned_articles->empty());
  auto candidates = store->NearCopyCandidates(signature);
  ASSERT_TRUE(candidates.ok()) << candidates.status().message();
  ASSERT_EQ(Ids(*candidates), std::vector<std::string>{"original"});
  EXPECT_EQ((*candidates)[0].near_signature, signature);
  EXPECT_EQ(Ids(*store->NearCopyCandidates(signed_before)), std::vector<std::string>{"signed"});
  EXPECT_TRUE(store->NearCopyCandidates(std::string(kTooShortToSign))->empty());
  EXPECT_EQ(store->Articles()->size(), 4u);
}

QueuedDocument Queued(const std::string& path, int64_t line) {
  QueuedDocument d;
  d.path = path;
  d.url = "https://example.org/" + path;
  d.line = line;
  d.offset = line == 0 ? 4096 : -1;
  d.html = line == 0;
  d.content = "<p>Kyiv \"rejected\" {the} demand, \\ NULL.</p>";
  d.charset = "windows-1252";
  d.given_id = "given-" + path;
  d.title = "Envoys meet";
  d.date = "2025-12-14";
  d.outlet = "Example Wire";
  return d;
}

std::vector<int64_t> QueueIds(const std::vector<QueuedDocument>& documents) {
  std::vector<int64_t> ids;
  for (const QueuedDocument& d : documents) ids.push_back(d.id);
  return ids;
}

TYPED_TEST(StoreContractTest, QueuedDocumentsComeBackAsQueuedEachClaimedOnce) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->Enqueue({Queued("a.warc", 0), Queued("b.jsonl", 7)}).ok());
  ASSERT_TRUE(store->Enqueue({Queued("c.jsonl", 8)}).ok());
  auto first = store->ClaimQueued("w1", 2, 600);
  ASSERT_TRUE(first.ok()) << first.status().message();
  ASSERT_EQ(first->size(), 2u);
  const QueuedDocument& a = (*first)[0];
  const QueuedDocument expected = Queued("a.warc", 0);
  EXPECT_EQ(std::tie(a.path, a.url, a.line, a.offset, a.html, a.content, a.charset, a.given_id,
                     a.title, a.date, a.outlet),
            std::tie(expected.path, expected.url, expected.line, expected.offset, expected.html,
                     expected.content, expected.charset, expected.given_id, expected.title,
                     expected.date, expected.outlet));
  EXPECT_EQ((*first)[1].path, "b.jsonl");
  EXPECT_FALSE((*first)[1].html);
  EXPECT_LT(a.id, (*first)[1].id);

  auto second = store->ClaimQueued("w2", 5, 600);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ((*second)[0].path, "c.jsonl");
  EXPECT_TRUE(store->ClaimQueued("w3", 5, 600)->empty());
  auto counts = store->CountQueued();
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(std::tie(counts->waiting, counts->claimed, counts->done),
            std::make_tuple(int64_t{0}, int64_t{3}, int64_t{0}));
}

// A worker that died holding a claim: once its lease ends, another worker takes its documents.
TYPED_TEST(StoreContractTest, AnExpiredLeaseIsClaimedAgain) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->Enqueue({Queued("a.jsonl", 1), Queued("a.jsonl", 2)}).ok());
  auto dead = store->ClaimQueued("dead", 10, 0);  // a lease that ends at once
  ASSERT_TRUE(dead.ok());
  ASSERT_EQ(dead->size(), 2u);
  EXPECT_EQ(store->CountQueued()->waiting, 2);
  auto alive = store->ClaimQueued("alive", 10, 600);
  ASSERT_TRUE(alive.ok());
  EXPECT_EQ(QueueIds(*alive), QueueIds(*dead));
  EXPECT_TRUE(store->ClaimQueued("late", 10, 600)->empty());
}

// Stored and done together, or neither: a failed batch leaves its documents to claim again.
TYPED_TEST(StoreContractTest, ABatchFinishesItsQueuedDocumentsInItsOwnTransaction) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->Enqueue({Queued("a.jsonl", 1), Queued("a.jsonl", 2)}).ok());
  auto claimed = store->ClaimQueued("w1", 10, 0);
  ASSERT_TRUE(claimed.ok());
  Batch failing = BatchOf({Article("a1", "2025-12-14")}, {Statement("a1", "UKR", "2025-12-14")},
                          [](StoryIndexBackend&, int64_t, const ArticleRecord&, size_t) {
                            return DatabaseError("connection lost");
                          });
  failing.done_queue = QueueIds(*claimed);
  ASSERT_FALSE(store->WriteBatch(failing).ok());
  EXPECT_EQ(store->CountQueued()->done, 0);
  EXPECT_TRUE(store->Articles()->empty());

  auto again = store->ClaimQueued("w2", 10, 600);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(QueueIds(*again), QueueIds(*claimed));
  EXPECT_EQ((*again)[0].content, Queued("a.jsonl", 1).content);
  Batch batch = BatchOf({Article("a1", "2025-12-14")}, {Statement("a1", "UKR", "2025-12-14")});
  batch.done_queue = QueueIds(*again);
  ASSERT_TRUE(store->WriteBatch(batch).ok());
  auto counts = store->CountQueued();
  EXPECT_EQ(std::tie(counts->waiting, counts->claimed, counts->done),
            std::make_tuple(int64_t{0}, int64_t{0}, int64_t{2}));
  EXPECT_TRUE(store->ClaimQueued("w3", 10, 0)->empty());
  EXPECT_EQ(store->Statements("ukraine-2025")->size(), 1u);
}

// A done document's content is in its article: its queue row stays, counted as done, without
// it, so a queue fed all day does not keep every text. Documents still waiting keep theirs.
TYPED_TEST(StoreContractTest, ABatchDropsTheContentOfTheQueuedDocumentsItFinishes) {
  auto store = this->Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->Enqueue({Queued("a.jsonl", 1), Queued("a.jsonl", 2)}).ok());
  auto claimed = store->ClaimQueued("w1", 1, 600);
  ASSERT_TRUE(claimed.ok());
  ASSERT_EQ(claimed->size(), 1u);
  Batch batch = BatchOf({Article("a1", "2025-12-14")}, {});
  batch.done_queue = QueueIds(*claimed);
  ASSERT_TRUE(store->WriteBatch(batch).ok());

  EXPECT_EQ(this->Count("SELECT count(*) FROM queue WHERE done = 1 AND content = ''"), 1);
  EXPECT_EQ(this->Count("SELECT count(*) FROM queue WHERE done = 0 AND content = ''"), 0);
  auto counts = store->CountQueued();
  EXPECT_EQ(std::tie(counts->waiting, counts->claimed, counts->done),
            std::make_tuple(int64_t{1}, int64_t{0}, int64_t{1}));
  auto rest = store->ClaimQueued("w2", 10, 600);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].content, Queued("a.jsonl", 2).content);
}

// Workers claiming at once: every document goes to exactly one of them.
TYPED_TEST(StoreContractTest, ConcurrentClaimsShareTheQueueWithoutOverlap) {
  auto first = this->Open();
  auto second = this->Open();
  ASSERT_TRUE(first && second);
  constexpr int kDocuments = 40;
  std::vector<QueuedDocument> documents;
  for (int i = 0; i < kDocuments; ++i) documents.push_back(Queued("a.jsonl", i + 1));
  ASSERT_TRUE(first->Enqueue(documents).ok());
  auto drain = [](Store* store, std::vector<int64_t>* ids, Status* failure) {
    for (;;) {
      auto claimed = store->ClaimQueued("w", 3, 600);
      if (!claimed.ok()) {
        *failure = claimed.status();
        return;
      }
      if (claimed->empty()) return;
      for (const QueuedDocument& d : *claimed) ids->push_back(d.id);
    }
  };
  std::vector<int64_t> one_ids, two_ids;
  Status one_failure, two_failure;
  std::thread one(drain, first.get(), &one_ids, &one_failure);
  std::thread two(drain, second.get(), &two_ids, &two_failure);
  one.join();
  two.join();
  ASSERT_TRUE(one_failure.ok()) << one_failure.message();
  ASSERT_TRUE(two_failure.ok()) << two_failure.message();
  std::set<int64_t> all(one_ids.begin(), one_ids.end());
  all.insert(two_ids.begin(), two_ids.end());
  EXPECT_EQ(one_ids.size() + two_ids.size(), static_cast<size_t>(kDocuments));
  EXPECT_EQ(all.size(), static_cast<size_t>(kDocuments));
}

// Several programs started at once on a new store: one migrates it, the others find it done.
TYPED_TEST(StoreContractTest, ConnectionsOpeningANewStoreAtOnceAllFindItMigrated) {
  constexpr int kConnections = 4;
  std::vector<Status> opened(kConnections);
  std::vector<std::thread> threads;
  for (int i = 0; i < kConnections; ++i) {
    threads.emplace_back([&, i] {
      auto store = OpenStore(this->location_);
      opened[i] = store.ok() ? Status::Ok() : store.status();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Status& status : opened) EXPECT_TRUE(status.ok()) << status.message();
  auto store = this->Open();
  ASSERT_TRUE(store);
  EXPECT_EQ(*store->SchemaVersion(), store_schema::SchemaVersion());
}

constexpr uint64_t kEveryArticlesTerm = 0x8000000000000007ull;

// Counts one term for the article and gives it a story of its own.
Status CountOneTerm(StoryIndexBackend& backend, int64_t article, const ArticleRecord&, size_t) {
  int64_t indexed = 0;
  auto counts = backend.CountTerms({kEveryArticlesTerm}, &indexed);
  if (!counts.ok()) return counts.status();
  StoryEntry entry;
  entry.article = article;
  entry.story = article;
  entry.day = 20000;
  return backend.Add(entry, {kEveryArticlesTerm});
}

// Two connections writing at once: every article lands once, each writer's summary counts
// exactly the articles it added, and the story index's counts lose no article.
TYPED_TEST(StoreContractTest, TwoConcurrentWritersEndWithEveryArticleOnce) {
  auto first = this->Open();
  auto second = this->Open();
  ASSERT_TRUE(first && second);
  constexpr int kBatches = 20;
  auto write = [](Store* store, const std::string& prefix, int* added, Status* failure) {
    for (int i = 0; i < kBatches; ++i) {
      const std::string own = prefix + std::to_string(i);
      const std::string shared = "shared" + std::to_string(i);
      auto written = store->WriteBatch(
          BatchOf({Article(own, "2025-12-14"), Article(shared, "2025-12-14")},
                  {Statement(own, "UKR", "2025-12-14"), Statement(shared, "RUS", "2025-12-14")},
                  CountOneTerm));
      if (!written.ok()) {
        *failure = written.status();
        return;
      }
      *added += written->articles_added;
    }
  };
  int added_first = 0, added_second = 0;
  Status failure_first, failure_second;
  std::thread one(write, first.get(), "first", &added_first, &failure_first);
  std::thread two(write, second.get(), "second", &added_second, &failure_second);
  one.join();
  two.join();
  ASSERT_TRUE(failure_first.ok()) << failure_first.message();
  ASSERT_TRUE(failure_second.ok()) << failure_second.message();

  EXPECT_EQ(added_first + added_second, 3 * kBatches);
  EXPECT_EQ(first->Articles()->size(), static_cast<size_t>(3 * kBatches));
  EXPECT_EQ(second->Statements("ukraine-2025")->size(), static_cast<size_t>(3 * kBatches));

  int64_t indexed = -1;
  std::vector<int64_t> counts;
  auto read_counts = [&](StoryIndexBackend& backend, int64_t, const ArticleRecord&, size_t) {
    auto counted = backend.CountTerms({kEveryArticlesTerm}, &indexed);
    if (counted.ok()) counts = *counted;
    return counted.ok() ? Status::Ok() : counted.status();
  };
  ASSERT_TRUE(first->WriteBatch(BatchOf({Article("last", "2025-12-15")}, {}, read_counts)).ok());
  EXPECT_EQ(indexed, 3 * kBatches);
  EXPECT_EQ(counts, std::vector<int64_t>{3 * kBatches});
}

}  // namespace
}  // namespace parley
