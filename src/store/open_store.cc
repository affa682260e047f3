#include <string_view>

#include "parley/store.h"

namespace parley {

Result<std::unique_ptr<Store>> OpenStore(const std::string& db) {
  const std::string_view name = db;
  if (name.starts_with("postgresql://") || name.starts_with("postgres://")) {
    return OpenPostgresStore(db);
  }
  return OpenSqliteStore(db);
}

}  // namespace parley
