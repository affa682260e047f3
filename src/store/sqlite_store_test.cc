#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "parley/store.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

ArticleRecord Article(const std::string& id, const std::string& date) {
  ArticleRecord a;
  a.id = id;
  a.path = "testdata/" + id + ".txt";
  a.title = "Envoys meet in Berlin";
  a.date = date;
  a.outlet = "Example Wire";
  a.lang = "en";
  a.text = "Envoys met in Berlin on Sunday.";
  return a;
}

StatementRecord Statement(const std::string& doc_id, const std::string& actor) {
  StatementRecord s;
  s.doc_id = doc_id;
  s.scenario = "ukraine-2025";
  s.actor = actor;
  s.issue = "territory";
  s.position = 20;
  s.kind = "reject";
  s.evidence = "Kyiv rejected the demand.";
  s.span_begin = 10;
  s.span_end = 35;
  s.confidence = 0.8;
  s.date = "2025-12-14";
  return s;
}

// A batch of article `id` of `date` with one statement of each of `actors`; with a `stamp`, the
// batch records the article as extracted for ukraine-2025 with it.
Batch OneArticle(const std::string& id, const std::string& date,
                 const std::vector<std::string>& actors, const std::string& stamp = "") {
  Batch batch;
  batch.articles = {Article(id, date)};
  for (const std::string& actor : actors) batch.statements.push_back(Statement(id, actor));
  if (!stamp.empty()) {
    batch.scenario = "ukraine-2025";
    batch.stamp = stamp;
  }
  return batch;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() /
             ("parley-store-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    Remove();
  }
  void TearDown() override { Remove(); }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }
  std::string path_;
};

TEST_F(StoreTest, NewStoreIsAtTheCurrentSchemaVersion) {
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto version = (*store)->SchemaVersion();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 9);
}

TEST_F(StoreTest, AVersionOneStoreIsMigratedInPlaceKeepingItsArticles) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  const char* version_one =
      "CREATE TABLE articles (id TEXT PRIMARY KEY, path TEXT NOT NULL, url TEXT NOT NULL,"
      " title TEXT NOT NULL, author TEXT NOT NULL, date TEXT NOT NULL, outlet TEXT NOT NULL,"
      " lang TEXT NOT NULL, text TEXT NOT NULL, dup_of TEXT NOT NULL, added_at TEXT);"
      "CREATE TABLE statements (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES"
      " articles(id), scenario TEXT NOT NULL, actor TEXT NOT NULL, issue TEXT NOT NULL,"
      " position REAL NOT NULL, kind TEXT NOT NULL, speaker TEXT NOT NULL, evidence TEXT NOT NULL,"
      " span_begin INTEGER NOT NULL, span_end INTEGER NOT NULL, confidence REAL NOT NULL,"
      " condition TEXT NOT NULL, negated INTEGER NOT NULL, date TEXT NOT NULL,"
      " outlet TEXT NOT NULL);"
      "CREATE TABLE forecasts (scenario TEXT, issue TEXT, model TEXT, forecast REAL, p10 REAL,"
      " p90 REAL, detail_json TEXT, PRIMARY KEY (scenario, issue, model));"
      "INSERT INTO articles VALUES ('old', 'a.txt', '', 'Old news', '', '2025-11-20', 'Wire',"
      " 'en', 'Envoys met.', '', NULL);"
      "PRAGMA user_version = 1;";
  ASSERT_EQ(sqlite3_exec(db, version_one, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(*(*store)->SchemaVersion(), 9);
  auto articles = (*store)->Articles();
  ASSERT_TRUE(articles.ok());
  ASSERT_EQ(articles->size(), 1u);
  EXPECT_EQ((*articles)[0].title, "Old news");
  EXPECT_EQ((*articles)[0].locator, "");
  // Nothing says what extracted its statements: the next analysis extracts it again.
  auto stamps = (*store)->ExtractionStamps("ukraine-2025");
  ASSERT_TRUE(stamps.ok());
  EXPECT_TRUE(stamps->empty());
}

// Problem 1 of issue 14: a stored document could never be extracted again.
TEST_F(StoreTest, Problem1ReextractionReplacesOneScenariosStatementsAndStamp) {
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok());
  Batch first = OneArticle("a1", "2025-12-14", {"UKR"}, "ukraine-2025 aaaa v1");
  ASSERT_TRUE((*store)->WriteBatch(first).ok());
  Batch other_scenario;
  other_scenario.reextracted = {Article("a1", "2025-12-14")};
  other_scenario.scenario = "harbour";
  other_scenario.stamp = "harbour cccc v1";
  StatementRecord harbour = Statement("a1", "N");
  harbour.scenario = "harbour";
  other_scenario.statements = {harbour};
  ASSERT_TRUE((*store)->WriteBatch(other_scenario).ok());

  Batch again;
  ArticleRecord record = Article("a1", "2025-12-14");
  record.actors = "RUS UKR";
  again.reextracted = {record};
  again.statements = {Statement("a1", "RUS"), Statement("a1", "UKR")};
  again.scenario = "ukraine-2025";
  again.stamp = "ukraine-2025 bbbb v1";
  auto written = (*store)->WriteBatch(again);
  ASSERT_TRUE(written.ok()) << written.status().message();
  EXPECT_EQ(written->reextracted, 1);
  EXPECT_EQ(written->articles_added, 0);
  EXPECT_EQ(written->statements_added, 2);
  auto statements = (*store)->Statements("ukraine-2025");
  ASSERT_TRUE(statements.ok());
  ASSERT_EQ(statements->size(), 2u);
  EXPECT_EQ((*statements)[0].actor, "RUS");
  EXPECT_EQ((*(*store)->Statements("harbour")).size(), 1u);  // another scenario's stay
  EXPECT_EQ((*store)->ExtractionStamps("ukraine-2025")->at("a1"), "ukraine-2025 bbbb v1");
  EXPECT_EQ((*store)->ExtractionStamps("harbour")->at("a1"), "harbour cccc v1");
  EXPECT_EQ((*(*store)->Articles())[0].actors, "RUS UKR");
}

TEST_F(StoreTest, ReingestingAStoredArticleIsANoOpReportedAsAlreadyStored) {
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok());
  Batch batch;
  batch.articles = {Article("a1", "2025-12-14"), Article("a2", "2025-12-15")};
  batch.statements = {Statement("a1", "UKR")};
  auto first = (*store)->WriteBatch(batch);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->articles_added, 2);
  EXPECT_EQ(first->statements_added, 1);
  EXPECT_TRUE(first->already_stored.empty());

  auto second = (*store)->WriteBatch(batch);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->articles_added, 0);
  EXPECT_EQ(second->statements_added, 0);
  EXPECT_EQ(second->already_stored, (std::vector<std::string>{"a1", "a2"}));
  auto statements = (*store)->Statements("ukraine-2025");
  ASSERT_TRUE(statements.ok());
  EXPECT_EQ(statements->size(), 1u);
}

// Issue 17: cell states are a cache the store forgets where the cell's statements change.
std::vector<std::string> KeptCells(Store& store) {
  auto states = store.CellStates("ukraine-2025");
  EXPECT_TRUE(states.ok());
  std::vector<std::string> cells;
  for (const CellStateRecord& s : *states) cells.push_back(s.actor + "/" + s.issue + "=" + s.state);
  std::sort(cells.begin(), cells.end());
  return cells;
}

TEST_F(StoreTest, AWriteForgetsTheStatesOfTheCellsItsStatementsFallInAndOnlyThose) {
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok());
  Batch first = OneArticle("a1", "2025-12-14", {"UKR", "RUS"}, "v1");
  ASSERT_TRUE((*store)->WriteBatch(first).ok());
  ASSERT_TRUE((*store)
                  ->PutCellStates("ukraine-2025", {{"UKR", "territory", "u"},
                                                   {"RUS", "territory", "r"},
                                                   {"USA", "territory", "a"}})
                  .ok());
  ASSERT_TRUE((*store)->PutCellStates("ukraine-2025", {{"USA", "territory", "a2"}}).ok());
  EXPECT_EQ(KeptCells(**store), (std::vector<std::string>{"RUS/territory=r", "UKR/territory=u",
                                                          "USA/territory=a2"}));

  Batch second = OneArticle("a2", "2025-12-15", {"UKR"}, "v1");
  ASSERT_TRUE((*store)->WriteBatch(second).ok());
  EXPECT_EQ(KeptCells(**store),
            (std::vector<std::string>{"RUS/territory=r", "USA/territory=a2"}));

  // A re-extraction forgets the cells of the statements it drops, too.
  Batch again;
  again.reextracted = {Article("a1", "2025-12-14")};
  again.scenario = "ukraine-2025";
  again.stamp = "v2";
  ASSERT_TRUE((*store)->WriteBatch(again).ok());
  EXPECT_EQ(KeptCells(**store), (std::vector<std::string>{"USA/territory=a2"}));

  ASSERT_TRUE((*store)->ClearStoryIndex().ok());
  EXPECT_TRUE(KeptCells(**store).empty());
}

// A state traced while another process wrote a batch may miss that batch: it is not kept.
TEST_F(StoreTest, CellStatesTracedWhileAnotherConnectionWroteAreNotKept) {
  auto reader = OpenSqliteStore(path_);
  auto writer = OpenSqliteStore(path_);
  ASSERT_TRUE(reader.ok() && writer.ok());
  ASSERT_TRUE((*reader)->CellStates("ukraine-2025").ok());
  ASSERT_TRUE((*writer)->WriteBatch(OneArticle("a1", "2025-12-14", {"UKR"})).ok());
  ASSERT_TRUE((*reader)->PutCellStates("ukraine-2025", {{"UKR", "territory", "stale"}}).ok());
  EXPECT_TRUE(KeptCells(**reader).empty());
  // Read again, then kept.
  ASSERT_TRUE((*reader)->PutCellStates("ukraine-2025", {{"UKR", "territory", "fresh"}}).ok());
  EXPECT_EQ(KeptCells(**reader), (std::vector<std::string>{"UKR/territory=fresh"}));
}

TEST_F(StoreTest, ArticlesAreReadByIdAndByStoryWithoutTheirText) {
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok());
  Batch batch;
  batch.articles = {Article("a1", "2025-12-15"), Article("a2", "2025-12-14"),
                    Article("a3", "2025-12-16")};
  batch.index_story = [](StoryIndexBackend& backend, int64_t article, const ArticleRecord& record,
                         size_t) -> Status {
    StoryEntry entry;
    entry.article = article;
    entry.story = record.id == "a3" ? article : 1;  // a1 opens the story a2 joins
    return backend.Add(entry, {});
  };
  ASSERT_TRUE((*store)->WriteBatch(batch).ok());
  auto by_id = (*store)->ArticleSummariesById({"a3", "unknown", "a1"});
  ASSERT_TRUE(by_id.ok());
  ASSERT_EQ(by_id->size(), 2u);
  EXPECT_EQ((*by_id)[0].id, "a3");
  EXPECT_EQ((*by_id)[0].number, 3);
  EXPECT_EQ((*by_id)[0].story, 3);
  EXPECT_EQ((*by_id)[0].text, "");
  EXPECT_EQ((*by_id)[1].id, "a1");
  auto story = (*store)->StoryArticles(1);
  ASSERT_TRUE(story.ok());
  ASSERT_EQ(story->size(), 2u);
  EXPECT_EQ((*story)[0].id, "a2");  // oldest date first
  EXPECT_EQ((*story)[1].id, "a1");
  EXPECT_EQ((*store)->StaleArticleCount("ukraine-2025", "v1", true).value(), 3);
}

TEST_F(StoreTest, DataSurvivesReopening) {
  {
    auto store = OpenSqliteStore(path_);
    ASSERT_TRUE(store.ok());
    Batch batch = OneArticle("a1", "2025-12-14", {"USA"});
    batch.statements[0].joint = true;
    ASSERT_TRUE((*store)->WriteBatch(batch).ok());
    ASSERT_TRUE((*store)
                    ->ReplaceForecasts("ukraine-2025",
                                       {{"ukraine-2025", "territory", "median", 62, 55, 70, "{}"}})
                    .ok());
  }
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok());
  auto has = (*store)->HasArticle("a1");
  ASSERT_TRUE(has.ok());
  EXPECT_TRUE(*has);
  auto statements = (*store)->Statements("ukraine-2025");
  ASSERT_TRUE(statements.ok());
  ASSERT_EQ(statements->size(), 1u);
  EXPECT_EQ((*statements)[0].actor, "USA");
  EXPECT_EQ((*statements)[0].evidence, "Kyiv rejected the demand.");
  EXPECT_TRUE((*statements)[0].joint);
  auto forecasts = (*store)->Forecasts("ukraine-2025");
  ASSERT_TRUE(forecasts.ok());
  ASSERT_EQ(forecasts->size(), 1u);
  EXPECT_DOUBLE_EQ((*forecasts)[0].forecast, 62);
}

TEST_F(StoreTest, StatementsOfUnknownArticlesAreDropped) {
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok());
  Batch batch;
  batch.articles = {Article("a1", "2025-12-14")};
  // A statement whose article is neither stored nor in the batch has nothing to belong to.
  batch.statements = {Statement("a1", "UKR"), Statement("missing", "RUS")};
  auto summary = (*store)->WriteBatch(batch);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->statements_added, 1);
}

TEST_F(StoreTest, AFileThatIsNotADatabaseIsAClearError) {
  std::ofstream(path_) << "this is a text file, not SQLite, and it is long enough to matter....";
  auto store = OpenSqliteStore(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kDatabase);
  EXPECT_EQ(store.status().message(), path_ + ": file is not a database");
}

}  // namespace
}  // namespace parley
