// Small helpers shared by the forecast input parsers: line splitting and strict numbers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley::forecast {

// Splits `text` into lines on '\n', dropping a trailing '\r' from each.
std::vector<std::string_view> SplitLines(std::string_view text);

// Splits one line on `separator`; no quoting (KTAB and DEU files use none).
std::vector<std::string_view> SplitFields(std::string_view line, char separator);

// Splits one CSV line on commas; a field in double quotes may hold commas ("" is a quote).
// Fields come back trimmed and unquoted.
std::vector<std::string> SplitCsvFields(std::string_view line);

std::string_view Trim(std::string_view text);

// The whole (trimmed) field as a finite number, or nullopt ("12abc", "nan", "" all fail).
std::optional<double> ParseNumber(std::string_view field);

// "source:line: message".
std::string AtLine(std::string_view source, int line, std::string_view message);

// A number formatted for messages: at most 6 significant digits.
std::string FormatNumber(double value);

}  // namespace parley::forecast
