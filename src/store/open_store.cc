#include <algorithm>
#include <string_view>

#include "parley/store.h"

namespace parley {
namespace {

bool IsPostgresUrl(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(const std::string& db) {
  if (IsPostgresUrl(db)) return OpenPostgresStore(db);
  return OpenSqliteStore(db);
}

std::string StoreDisplayName(const std::string& db) {
  if (!IsPostgresUrl(db)) return db;
  std::string url = db;
  const size_t authority = url.find("://") + 3;
  const size_t authority_end = std::min(url.find_first_of("/?", authority), url.size());
  const size_t at = url.rfind('@', authority_end);
  if (at != std::string::npos && at >= authority) {
    const size_t colon = url.find(':', authority);
    if (colon < at) url.erase(colon, at - colon);
  }
  const size_t password = url.find("password=", authority);
  if (password != std::string::npos) {
    const size_t end = std::min(url.find('&', password), url.size());
    url.erase(password, end - password);
  }
  return url;
}

}  // namespace parley
