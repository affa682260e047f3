// The schema description writes, for SQLite, the schema parley wrote before it existed: stores
// made then and stores made now have the same columns, keys and indexes.
#include "schema.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>
#include <string>

namespace parley::store_schema {
namespace {

// Versions 1 to 6 as src/store/sqlite_store.cc wrote them in SQL by hand.
constexpr const char* kShippedSqlite = R"sql(
  CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL, url TEXT NOT NULL, title TEXT NOT NULL, author TEXT NOT NULL,
    date TEXT NOT NULL, outlet TEXT NOT NULL, lang TEXT NOT NULL, text TEXT NOT NULL,
    dup_of TEXT NOT NULL,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));
  CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    scenario TEXT NOT NULL, actor TEXT NOT NULL, issue TEXT NOT NULL, position REAL NOT NULL,
    kind TEXT NOT NULL, speaker TEXT NOT NULL, evidence TEXT NOT NULL,
    span_begin INTEGER NOT NULL, span_end INTEGER NOT NULL, confidence REAL NOT NULL,
    condition TEXT NOT NULL, negated INTEGER NOT NULL, date TEXT NOT NULL, outlet TEXT NOT NULL);
  CREATE INDEX statements_by_cell ON statements (scenario, actor, issue);
  CREATE TABLE forecasts (
    scenario TEXT NOT NULL, issue TEXT NOT NULL, model TEXT NOT NULL,
    forecast REAL NOT NULL, p10 REAL NOT NULL, p90 REAL NOT NULL, detail_json TEXT NOT NULL,
    PRIMARY KEY (scenario, issue, model));
  ALTER TABLE articles ADD COLUMN locator TEXT NOT NULL DEFAULT '';
  ALTER TABLE articles ADD COLUMN actors TEXT NOT NULL DEFAULT '';
  ALTER TABLE statements ADD COLUMN reported INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE extractions (
    doc_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    scenario TEXT NOT NULL, stamp TEXT NOT NULL,
    PRIMARY KEY (doc_id, scenario));
  ALTER TABLE statements ADD COLUMN joint INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE articles ADD COLUMN near_signature BLOB NOT NULL DEFAULT x'';
  ALTER TABLE articles ADD COLUMN story INTEGER;
  ALTER TABLE articles ADD COLUMN story_day INTEGER;
  ALTER TABLE articles ADD COLUMN story_vector BLOB;
  CREATE INDEX articles_by_story ON articles (story);
  CREATE TABLE story_postings (
    term INTEGER NOT NULL, day INTEGER NOT NULL, article INTEGER NOT NULL,
    PRIMARY KEY (term, day, article)) WITHOUT ROWID;
  CREATE TABLE story_terms (term INTEGER PRIMARY KEY, df INTEGER NOT NULL);
  CREATE INDEX statements_by_date ON statements (scenario, date, id);
  CREATE INDEX statements_for_cells ON statements (scenario, actor, issue, date, id, doc_id,
    position, kind, confidence, span_begin, span_end, outlet);
  CREATE TABLE cells (
    scenario TEXT NOT NULL, actor TEXT NOT NULL, issue TEXT NOT NULL, state TEXT NOT NULL,
    PRIMARY KEY (scenario, actor, issue)) WITHOUT ROWID;
  CREATE INDEX statements_by_doc ON statements (doc_id);
  CREATE INDEX articles_near_copies ON articles (date, id, near_signature);
  CREATE INDEX articles_stories ON articles (id, locator, story);
)sql";

// Every table's columns (name, type, not null, default, key), foreign keys and indexes, and
// every index's columns, one line each.
std::string Describe(const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  std::string description;
  auto collect = [&](const std::string& query) {
    sqlite3_exec(
        db, query.c_str(),
        [](void* out, int columns, char** values, char**) {
          auto* text = static_cast<std::string*>(out);
          for (int i = 0; i < columns; ++i) *text += std::string(values[i] ? values[i] : "-") + "|";
          *text += "\n";
          return 0;
        },
        &description, nullptr);
  };
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    description = std::string("error: ") + sqlite3_errmsg(db);
  }
  collect(
      "SELECT m.type, m.name, p.* FROM sqlite_master m, pragma_table_xinfo(m.name) p "
      "WHERE m.type = 'table' ORDER BY m.name, p.cid");
  collect(
      "SELECT m.name, p.* FROM sqlite_master m, pragma_foreign_key_list(m.name) p "
      "WHERE m.type = 'table' ORDER BY m.name, p.id");
  collect(
      "SELECT m.name, l.name, l.\"unique\", l.origin, i.* FROM sqlite_master m, "
      "pragma_index_list(m.name) l, pragma_index_xinfo(l.name) i "
      "WHERE m.type = 'table' ORDER BY m.name, l.name, i.seqno");
  sqlite3_close(db);
  return description;
}

TEST(SchemaTest, TheSqliteSchemaIsTheOneParleyShippedBeforeTheDescription) {
  ASSERT_GE(SchemaVersion(), 6);
  std::string described;
  for (int version = 0; version < 6; ++version)
    described += MigrationSql(Dialect::kSqlite, version);
  const std::string shipped = Describe(kShippedSqlite);
  EXPECT_NE(shipped.find("articles_stories"), std::string::npos) << shipped;
  EXPECT_EQ(Describe(described), shipped);
}

TEST(SchemaTest, PostgresNumbersArticlesInAColumnAndSortsTextByBytes) {
  const std::string first = MigrationSql(Dialect::kPostgres, 0);
  EXPECT_NE(first.find("rowid BIGSERIAL UNIQUE"), std::string::npos) << first;
  EXPECT_NE(first.find("id BIGSERIAL PRIMARY KEY"), std::string::npos) << first;
  EXPECT_NE(first.find("title TEXT COLLATE \"C\" NOT NULL"), std::string::npos) << first;
  EXPECT_EQ(MigrationSql(Dialect::kSqlite, 0).find("rowid"), std::string::npos);
}

// SQLite counts committed writes itself (PRAGMA data_version); PostgreSQL keeps a count.
TEST(SchemaTest, PostgresCountsWritesInATableOfOneRow) {
  const std::string sixth = MigrationSql(Dialect::kPostgres, 5);
  EXPECT_NE(sixth.find("CREATE TABLE store_writes (count BIGINT NOT NULL);\n"
                       "INSERT INTO store_writes VALUES (0);\n"),
            std::string::npos)
      << sixth;
  EXPECT_EQ(MigrationSql(Dialect::kSqlite, 5).find("store_writes"), std::string::npos);
}

// The SQL a version adds, pinned whole per dialect from version 7 on (7: the workers' queue;
// 8: the near-copy band index, filled from the stored originals' signatures, and the partial
// index of unsigned articles; 9: analysts' annotations with the store's time).
std::string PinnedSql(const std::string& name) {
  std::ifstream in(std::string(PARLEY_SOURCE_DIR) + "/testdata/schema/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(SchemaTest, EveryVersionFromSevenOnAddsThePinnedSqlOfEachDialect) {
  ASSERT_EQ(SchemaVersion(), 9);
  for (int version = 7; version <= SchemaVersion(); ++version) {
    const std::string suffix = "-v" + std::to_string(version) + ".sql";
    EXPECT_EQ(MigrationSql(Dialect::kSqlite, version - 1), PinnedSql("sqlite" + suffix));
    EXPECT_EQ(MigrationSql(Dialect::kPostgres, version - 1), PinnedSql("postgres" + suffix));
  }
}

}  // namespace
}  // namespace parley::store_schema
