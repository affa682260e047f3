// Source lines for JSON input errors. nlohmann::json keeps no source positions, so the readers
// of JSON files (positions documents, snapshots, stance gold files) ask here where a syntax
// error sits, and on which line a value that parsed but is wrong begins, to write
// "file:line: reason" messages.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace parley {

// Where a JSON text first breaks.
struct JsonSyntaxError {
  size_t offset = 0;  // byte offset of the character the parser stopped at
  int line = 1;       // 1-based line of `offset`
  int column = 1;     // 1-based byte column of `offset`
  std::string token;  // the text nlohmann read last, e.g. "\"b\": tru" (may span tokens)
};

// The first syntax error of `text`, or nullopt when it is well-formed JSON. Never throws.
std::optional<JsonSyntaxError> FindJsonSyntaxError(std::string_view text);

// The line on which each value of a well-formed JSON text starts, by JSON pointer (RFC 6901:
// "" is the document, "/cells/3" the fourth element of "cells", "/a~1b" the key "a/b"), as
// nlohmann::json::json_pointer::to_string() writes it. Immutable after construction.
class JsonLines {
 public:
  // Indexes the values at most `max_depth` pointer tokens deep ("/cells/3" is depth 2), so a
  // caller that reports on elements only pays for those. `text` must parse as JSON; for other
  // text the lines are unspecified but the constructor still returns.
  JsonLines(std::string_view text, int max_depth);

  // The 1-based line of the value at `pointer`; when that value is not indexed (a missing key,
  // or deeper than max_depth), the line of its nearest indexed ancestor; 0 when none is.
  int LineOf(std::string_view pointer) const;

 private:
  std::unordered_map<std::string, int> lines_;
};

}  // namespace parley
