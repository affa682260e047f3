// Small text and number helpers shared by every stage: ASCII case and white space, trimming,
// number formatting and day numbers of ISO dates. One home, so the stages do not grow copies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

// ASCII lower case of one byte; other bytes (UTF-8 included) are left as they are.
constexpr char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// ASCII lower case of a text (the C locale's tolower, byte by byte).
std::string Lower(std::string_view text);

// The C locale's white space: space, \t, \n, \v, \f, \r.
inline constexpr std::string_view kAsciiSpaces = " \t\n\v\f\r";

// HTML white space (space, \t, \n, \r, \f) unless `spaces` names another set.
constexpr bool IsSpace(char c, std::string_view spaces = " \t\n\r\f") {
  return spaces.find(c) != std::string_view::npos;
}

// `text` without leading / trailing bytes of `spaces`.
std::string_view TrimLeft(std::string_view text, std::string_view spaces = kAsciiSpaces);
std::string_view TrimRight(std::string_view text, std::string_view spaces = kAsciiSpaces);
std::string_view Trim(std::string_view text, std::string_view spaces = kAsciiSpaces);

// The words of `text` between runs of `spaces`, empty ones left out: "UKR  RUS" -> {UKR, RUS}.
std::vector<std::string> SplitWords(std::string_view text, std::string_view spaces = kAsciiSpaces);

// "%.6g": what `std::ostream << double` prints: 0.5, 12, 1e+07.
std::string FormatNumber(double value);
// "%.*f": fixed `decimals` digits after the point.
std::string FormatNumber(double value, int decimals);

// Days since 1970-01-01 of a date that starts "YYYY-MM-DD" (H. Hinnant's days_from_civil);
// nullopt when the first ten bytes are not such a date with month 1-12 and day 1-31.
std::optional<int64_t> DayNumber(std::string_view date);

}  // namespace parley
