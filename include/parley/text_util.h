// Small text and number helpers shared by every stage: ASCII case and white space, trimming,
// number formatting, day numbers of ISO dates and UTF-8 encoding. One home, so the stages do not
// grow copies.
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

// The whole content of a file, or nullopt when it cannot be opened or read.
std::optional<std::string> ReadWholeFile(const std::string& path);

// The words of a text: runs of bytes outside `spaces`.
size_t CountWords(std::string_view text, std::string_view spaces);

// The words of `text` between runs of `spaces`, empty ones left out: "UKR  RUS" -> {UKR, RUS}.
std::vector<std::string> SplitWords(std::string_view text, std::string_view spaces = kAsciiSpaces);

// "%.6g": what `std::ostream << double` prints: 0.5, 12, 1e+07.
std::string FormatNumber(double value);
// "%.*f": fixed `decimals` digits after the point.
std::string FormatNumber(double value, int decimals);

// Days since 1970-01-01 of a date that starts "YYYY-MM-DD" (H. Hinnant's days_from_civil);
// nullopt when the first ten bytes are not such a date with month 1-12 and day 1-31.
std::optional<int64_t> DayNumber(std::string_view date);

// Appends the UTF-8 bytes of one code point (1 to 4 bytes); the caller has checked that it is a
// scalar value. Inline: the extract stage calls it once a character when it folds case.
inline void AppendUtf8(uint32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

}  // namespace parley
