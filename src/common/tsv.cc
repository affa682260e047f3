// The one TSV reader (include/parley/tsv.h).
#include "parley/tsv.h"

#include <fstream>

namespace parley {

std::vector<std::string> SplitFields(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t at = text.find(separator, start);
    parts.emplace_back(text.substr(start, at == std::string_view::npos ? text.npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return parts;
}

Status ReadTsv(const std::string& path, size_t min_columns, size_t max_columns,
               const std::function<Status(const TsvRow&, const std::string&)>& on_row,
               std::string_view what) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot open " + std::string(what));
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    TsvRow row = SplitFields(line, '\t');
    while (row.size() > min_columns && row.back().empty()) row.pop_back();
    std::string where = path + ":" + std::to_string(number);
    if (row.size() < min_columns || row.size() > max_columns) {
      return InvalidInput(where + ": expected " + std::to_string(min_columns) +
                          (max_columns > min_columns ? "-" + std::to_string(max_columns) : "") +
                          " tab-separated columns, got " + std::to_string(row.size()));
    }
    row.resize(max_columns);
    PARLEY_RETURN_IF_ERROR(on_row(row, where));
  }
  return Status::Ok();
}

}  // namespace parley
