// The one reader of parley's tab-separated data files (data/dict/*.tsv, data/lang/*/*.tsv).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/status.h"

namespace parley {

using TsvRow = std::vector<std::string>;

// Splits `text` at every `separator`; "a||b" gives "a", "", "b".
std::vector<std::string> SplitFields(std::string_view text, char separator);

// Reads a TSV file: '#' lines and blank lines are skipped, a trailing '\r' is dropped; each row
// must have between `min_columns` and `max_columns` fields (empty trailing fields beyond
// `min_columns` do not count) and is padded to `max_columns`. `on_row` gets the row and
// "path:line" for messages. A missing file is NotFound "<path>: cannot open <what>".
Status ReadTsv(const std::string& path, size_t min_columns, size_t max_columns,
               const std::function<Status(const TsvRow&, const std::string&)>& on_row,
               std::string_view what = "file");

}  // namespace parley
