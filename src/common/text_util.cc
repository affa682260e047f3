// Small text and number helpers (include/parley/text_util.h).
#include "parley/text_util.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace parley {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = Lower(c);
  return out;
}

std::string_view TrimLeft(std::string_view text, std::string_view spaces) {
  while (!text.empty() && IsSpace(text.front(), spaces)) text.remove_prefix(1);
  return text;
}

std::string_view TrimRight(std::string_view text, std::string_view spaces) {
  while (!text.empty() && IsSpace(text.back(), spaces)) text.remove_suffix(1);
  return text;
}

std::string_view Trim(std::string_view text, std::string_view spaces) {
  return TrimRight(TrimLeft(text, spaces), spaces);
}

std::vector<std::string> SplitWords(std::string_view text, std::string_view spaces) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of(spaces, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::string FormatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

std::string FormatNumber(double value, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) return std::nullopt;
  return text.str();
}

size_t CountWords(std::string_view text, std::string_view spaces) {
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = IsSpace(c, spaces);
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::optional<int64_t> DayNumber(std::string_view date) {
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (date[i] < '0' || date[i] > '9') return std::nullopt;
  }
  auto number = [&](size_t at, size_t length) {
    int64_t value = 0;
    for (size_t i = at; i < at + length; ++i) value = value * 10 + (date[i] - '0');
    return value;
  };
  int64_t year = number(0, 4);
  const int64_t month = number(5, 2);
  const int64_t day = number(8, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

}  // namespace parley
