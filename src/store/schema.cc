#include "schema.h"

#include <variant>
#include <vector>

#include "parley/status.h"
#include "parley/store.h"

namespace parley::store_schema {
namespace {

enum class Type {
  kText,
  kInteger,  // 64 bits: term hashes use all of them
  kReal,
  kBytes,
  kKey,        // a row number that is the table's primary key
  kRowNumber,  // insertion order: SQLite's implicit rowid, an explicit column elsewhere
};

enum class Default { kNone, kEmpty, kZero, kNow };

struct Column {
  const char* name;
  Type type;
  bool not_null = true;
  Default fallback = Default::kNone;
  const char* constraint = "";  // e.g. a REFERENCES clause, the same in every dialect
};

struct CreateTable {
  const char* name;
  std::vector<Column> columns;
  const char* primary_key = "";  // column list
  bool clustered = false;        // SQLite: WITHOUT ROWID, the rows kept in key order
};
struct AddColumn {
  const char* table;
  Column column;
};
struct CreateIndex {
  const char* name;
  const char* table;
  const char* columns;
  const char* where = "";  // a partial index: only the rows this condition holds for
};
// A count of committed writes, so that a connection notices another one wrote since it last
// looked: SQLite counts them itself (PRAGMA data_version); elsewhere a one-row table holds the
// count and every writing transaction raises it.
struct CreateWriteCounter {
  const char* table;
};
// Data a migration moves into a new table, in the dialect's own SQL.
struct Fill {
  std::string sqlite;
  std::string postgres;
};
using Step = std::variant<CreateTable, AddColumn, CreateIndex, CreateWriteCounter, Fill>;
using Migration = std::vector<Step>;

constexpr Column Text(const char* name) { return {name, Type::kText}; }
constexpr Column Integer(const char* name) { return {name, Type::kInteger}; }
constexpr Column Real(const char* name) { return {name, Type::kReal}; }
// A primary key column: NOT NULL is left to the key, as the first schema wrote it for SQLite.
constexpr Column Key(const char* name, Type type) { return {name, type, false}; }
constexpr const char* kCascadeFromArticle = "REFERENCES articles(id) ON DELETE CASCADE";

// The near_bands rows of the originals stored before the band index existed: band b of a
// signature is the b-th of kNearCopyBands equal slices of its bytes (substr() and substring()
// count from 1).
Fill NearBandsOfStoredOriginals() {
  const std::string bands = std::to_string(kNearCopyBands);
  const std::string originals = " WHERE dup_of = '' AND length(near_signature) > 0";
  return Fill{
      "INSERT INTO near_bands (band, slice, article) WITH RECURSIVE bands(band) AS (SELECT 0 "
      "UNION ALL SELECT band + 1 FROM bands WHERE band < " + std::to_string(kNearCopyBands - 1) +
          ") SELECT band, substr(near_signature, band * (length(near_signature) / " + bands +
          ") + 1, length(near_signature) / " + bands + "), articles.rowid FROM articles, bands" +
          originals,
      "INSERT INTO near_bands (band, slice, article) SELECT band, substring(near_signature FROM "
      "band * (length(near_signature) / " + bands + ") + 1 FOR length(near_signature) / " +
          bands + "), articles.rowid FROM articles, generate_series(0, " +
          std::to_string(kNearCopyBands - 1) + ") AS band" + originals};
}

// Each entry moves the schema one version up. Never edit a shipped entry: append a new one.
const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> migrations = {
      // 1: articles, their statements, forecasts.
      {
          CreateTable{"articles",
                      {Key("id", Type::kText),
                       Text("path"),
                       Text("url"),
                       Text("title"),
                       Text("author"),
                       Text("date"),
                       Text("outlet"),
                       Text("lang"),
                       Text("text"),
                       Text("dup_of"),
                       {"added_at", Type::kText, true, Default::kNow},
                       {"rowid", Type::kRowNumber}},
                      "id"},
          CreateTable{"statements",
                      {{"id", Type::kKey},
                       {"doc_id", Type::kText, true, Default::kNone, kCascadeFromArticle},
                       Text("scenario"),
                       Text("actor"),
                       Text("issue"),
                       Real("position"),
                       Text("kind"),
                       Text("speaker"),
                       Text("evidence"),
                       Integer("span_begin"),
                       Integer("span_end"),
                       Real("confidence"),
                       Text("condition"),
                       Integer("negated"),
                       Text("date"),
                       Text("outlet")}},
          CreateIndex{"statements_by_cell", "statements", "scenario, actor, issue"},
          CreateTable{"forecasts",
                      {Text("scenario"), Text("issue"), Text("model"), Real("forecast"),
                       Real("p10"), Real("p90"), Text("detail_json")},
                      "scenario, issue, model"},
      },
      // 2: what story clustering and the evidence view need without re-reading the article.
      {
          AddColumn{"articles", {"locator", Type::kText, true, Default::kEmpty}},
          AddColumn{"articles", {"actors", Type::kText, true, Default::kEmpty}},
          AddColumn{"statements", {"reported", Type::kInteger, true, Default::kZero}},
      },
      // 3: what extracted each document's statements, per scenario. Documents stored before
      // have no row, so the next analysis extracts them again.
      {
          CreateTable{"extractions",
                      {{"doc_id", Type::kText, true, Default::kNone, kCascadeFromArticle},
                       Text("scenario"),
                       Text("stamp")},
                      "doc_id, scenario"},
      },
      // 4: statements a group's members hold together ("the E3").
      {
          AddColumn{"statements", {"joint", Type::kInteger, true, Default::kZero}},
      },
      // 5: the persisted story index and near-copy signatures, so a batch is clustered and
      // checked against what is stored without re-reading stored texts. Articles stored before
      // have story NULL: the next analysis indexes them once, in insertion order.
      {
          AddColumn{"articles", {"near_signature", Type::kBytes, true, Default::kEmpty}},
          AddColumn{"articles", {"story", Type::kInteger, false}},
          AddColumn{"articles", {"story_day", Type::kInteger, false}},
          AddColumn{"articles", {"story_vector", Type::kBytes, false}},
          CreateIndex{"articles_by_story", "articles", "story"},
          CreateTable{"story_postings",
                      {Integer("term"), Integer("day"), Integer("article")},
                      "term, day, article",
                      true},
          CreateTable{"story_terms", {Key("term", Type::kInteger), Integer("df")}, "term"},
          CreateIndex{"statements_by_date", "statements", "scenario, date, id"},
          CreateIndex{"statements_for_cells", "statements",
                      "scenario, actor, issue, date, id, doc_id, position, kind, confidence, "
                      "span_begin, span_end, outlet"},
      },
      // 6: what positions derived from each cell, kept until the cell's statements or their
      // stories change, so a batch recomputes only the cells it touched (the write counter
      // tells a connection its traces may have missed another's batch); the near-copy
      // signatures in an index of their own, so reading them does not read every text.
      {
          CreateTable{"cells",
                      {Text("scenario"), Text("actor"), Text("issue"), Text("state")},
                      "scenario, actor, issue",
                      true},
          CreateIndex{"statements_by_doc", "statements", "doc_id"},
          CreateIndex{"articles_near_copies", "articles", "date, id, near_signature"},
          CreateIndex{"articles_stories", "articles", "id, locator, story"},
          CreateWriteCounter{"store_writes"},
      },
      // 7: documents queued for workers, each with its claim: who holds it and until when (in
      // seconds since 1970, by the store's clock); done once its batch is stored.
      {
          CreateTable{"queue",
                      {{"id", Type::kKey},
                       Text("path"),
                       Text("url"),
                       Integer("line"),
                       Integer("byte_offset"),
                       Integer("html"),
                       Text("content"),
                       Text("charset"),
                       Text("given_id"),
                       Text("title"),
                       Text("date"),
                       Text("outlet"),
                       {"claimed_by", Type::kText, false},
                       {"lease_until", Type::kInteger, false},
                       {"done", Type::kInteger, true, Default::kZero}}},
          CreateIndex{"queue_open", "queue", "done, id"},
      },
      // 8: the near-copy signatures of originals (dup_of empty) by LSH band, so a batch finds
      // the stored articles its own share a band with without reading every signature; the
      // articles stored before signatures were kept, found without reading the others.
      {
          CreateTable{"near_bands",
                      {Integer("band"), {"slice", Type::kBytes}, Integer("article")},
                      "band, slice, article",
                      true},
          NearBandsOfStoredOriginals(),
          CreateIndex{"articles_unsigned", "articles", "date", "length(near_signature) = 0"},
      },
      // 9: analysts' notes and overrides of cells, each with its author and the store's time,
      // only ever added to, so a team sees who said what when.
      {
          CreateTable{"annotations",
                      {{"id", Type::kKey},
                       Text("scenario"),
                       Text("actor"),
                       Text("issue"),
                       Text("kind"),
                       {"position", Type::kReal, false},
                       {"salience", Type::kReal, false},
                       Text("note"),
                       Text("author"),
                       {"created_at", Type::kText, true, Default::kNow}}},
          CreateIndex{"annotations_by_scenario", "annotations", "scenario, id"},
      },
  };
  return migrations;
}

std::string TypeSql(Dialect dialect, Type type) {
  const bool sqlite = dialect == Dialect::kSqlite;
  switch (type) {
    case Type::kText:
      // Byte order, as SQLite compares: dates, ids and issues sort the same in both stores.
      return sqlite ? "TEXT" : "TEXT COLLATE \"C\"";
    case Type::kInteger:
      return sqlite ? "INTEGER" : "BIGINT";
    case Type::kReal:
      return sqlite ? "REAL" : "DOUBLE PRECISION";
    case Type::kBytes:
      return sqlite ? "BLOB" : "BYTEA";
    case Type::kKey:
      return sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY";
    case Type::kRowNumber:
      return "BIGSERIAL UNIQUE";
  }
  PARLEY_CHECK(false);
  return "";
}

std::string DefaultSql(Dialect dialect, const Column& column) {
  const bool sqlite = dialect == Dialect::kSqlite;
  switch (column.fallback) {
    case Default::kNone:
      return "";
    case Default::kEmpty:
      if (column.type == Type::kBytes) return sqlite ? " DEFAULT x''" : " DEFAULT ''::bytea";
      return " DEFAULT ''";
    case Default::kZero:
      return " DEFAULT 0";
    case Default::kNow:
      return sqlite ? " DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
                    : " DEFAULT (to_char(now() AT TIME ZONE 'UTC', "
                      "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))";
  }
  PARLEY_CHECK(false);
  return "";
}

std::string ColumnSql(Dialect dialect, const Column& column) {
  std::string sql = std::string(column.name) + " " + TypeSql(dialect, column.type);
  const bool keyed = column.type == Type::kKey || column.type == Type::kRowNumber;
  if (column.not_null && !keyed) sql += " NOT NULL";
  sql += DefaultSql(dialect, column);
  if (*column.constraint) sql += std::string(" ") + column.constraint;
  return sql;
}

// SQLite numbers every row itself; the row-number column exists only in the other dialects.
bool Written(Dialect dialect, const Column& column) {
  return !(dialect == Dialect::kSqlite && column.type == Type::kRowNumber);
}

std::string StepSql(Dialect dialect, const Step& step) {
  if (const auto* table = std::get_if<CreateTable>(&step)) {
    std::string sql = std::string("CREATE TABLE ") + table->name + " (";
    const char* separator = "";
    for (const Column& column : table->columns) {
      if (!Written(dialect, column)) continue;
      sql += separator + ColumnSql(dialect, column);
      separator = ", ";
    }
    if (*table->primary_key) sql += std::string(", PRIMARY KEY (") + table->primary_key + ")";
    sql += ")";
    if (table->clustered && dialect == Dialect::kSqlite) sql += " WITHOUT ROWID";
    return sql;
  }
  if (const auto* added = std::get_if<AddColumn>(&step)) {
    return std::string("ALTER TABLE ") + added->table + " ADD COLUMN " +
           ColumnSql(dialect, added->column);
  }
  if (const auto* index = std::get_if<CreateIndex>(&step)) {
    std::string sql = std::string("CREATE INDEX ") + index->name + " ON " + index->table +
                      " (" + index->columns + ")";
    if (*index->where) sql += std::string(" WHERE ") + index->where;
    return sql;
  }
  if (const auto* fill = std::get_if<Fill>(&step)) {
    return dialect == Dialect::kSqlite ? fill->sqlite : fill->postgres;
  }
  if (dialect == Dialect::kSqlite) return "";
  const std::string table = std::get<CreateWriteCounter>(step).table;
  return "CREATE TABLE " + table + " (count BIGINT NOT NULL);\nINSERT INTO " + table +
         " VALUES (0)";
}

}  // namespace

int SchemaVersion() { return static_cast<int>(Migrations().size()); }

std::string MigrationSql(Dialect dialect, int index) {
  std::string sql;
  for (const Step& step : Migrations().at(static_cast<size_t>(index))) {
    const std::string step_sql = StepSql(dialect, step);
    if (!step_sql.empty()) sql += step_sql + ";\n";
  }
  return sql;
}

}  // namespace parley::store_schema
