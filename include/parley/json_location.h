// Source lines for JSON input errors. nlohmann::json keeps no source positions, so the readers
// of JSON files (positions documents, snapshots, stance gold files) ask here where a syntax
// error sits, and on which line a value that parsed but is wrong begins, to write
// "file:line: reason" messages.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace parley {

// A SAX handler that accepts every event and stops at the first syntax error: a base for
// handlers that look at a few events only.
class JsonSaxAcceptingAll : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }
};

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

// A JSON value as an error message shows it: its compact text, cut to 40 bytes with "...".
std::string JsonExcerpt(const nlohmann::json& value);

// Reads of optional fields that another type must not break (a document a validator checked
// only in part): the value of `key` in `object` when it has that type, else the fallback.
std::string JsonStringOr(const nlohmann::json& object, std::string_view key,
                         std::string fallback = "");
double JsonNumberOr(const nlohmann::json& object, std::string_view key, double fallback = 0);

}  // namespace parley
