// The store's schema, described once and written out in the SQL of each backend. Both stores
// apply the same numbered migrations in order, so a store of either kind at version N has the
// same tables, columns and indexes.
#pragma once

#include <string>

namespace parley::store_schema {

enum class Dialect { kSqlite, kPostgres };

// The number of migrations: the version a fully migrated store is at.
int SchemaVersion();

// The SQL of migration `index` (0-based; it moves a store from version index to index + 1):
// statements separated by ";\n".
std::string MigrationSql(Dialect dialect, int index);

}  // namespace parley::store_schema
