// Date parsing by hand-written scanners: regex engines are too slow for the per-page budget and
// the formats are few.
#include "dates.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "parley/language.h"
#include "parley/text_util.h"

namespace parley {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Reads up to `max` digits at text[pos]; returns the count read, the value in *value.
int ReadNumber(std::string_view text, size_t pos, int max, int* value) {
  int count = 0;
  *value = 0;
  while (pos + count < text.size() && count < max && IsDigit(text[pos + count])) {
    *value = *value * 10 + (text[pos + count] - '0');
    ++count;
  }
  return count;
}

bool ValidDate(int year, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return year >= 1990 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 &&
         day <= kDays[month - 1];
}

std::string FormatDate(int year, int month, int day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

// "jan" .. "dec" and full names; returns 1..12 or 0. `*length` gets the word length. Runs on
// every word of every short text node, so it compares in place instead of copying the word.
int MonthAt(std::string_view text, size_t pos, size_t* length) {
  // data/lang/en/months.tsv: the reader runs before the article's language is known.
  static const std::vector<std::string>& kMonths =
      DefaultLanguages().English().Words("months").Items();
  size_t end = pos;
  while (end < text.size() && IsAlpha(text[end])) ++end;
  size_t size = end - pos;
  if (size < 3 || size > 9) return 0;
  auto matches = [&](std::string_view name, size_t count) {
    for (size_t k = 0; k < count; ++k) {
      if (Lower(text[pos + k]) != name[k]) return false;
    }
    return true;
  };
  const int months = static_cast<int>(std::min<size_t>(kMonths.size(), 12));
  for (int m = 0; m < months; ++m) {
    std::string_view name = kMonths[m];
    bool full = size == name.size() && matches(name, size);
    bool short_form = size == 3 && name.size() >= 3 && matches(name, 3);
    bool sept = m == 8 && size == 4 && name.size() >= 4 && matches(name, 4);
    if (full || short_form || sept) {
      *length = size;
      if (end < text.size() && text[end] == '.') ++*length;
      return m + 1;
    }
  }
  return 0;
}

struct ZoneName {
  std::string_view name;
  std::string_view offset;
};
constexpr ZoneName kZones[] = {
    {"UTC", "Z"},      {"GMT", "Z"},      {"IST", "+05:30"},  {"CET", "+01:00"}, {"CEST", "+02:00"},
    {"BST", "+01:00"}, {"EET", "+02:00"}, {"EEST", "+03:00"}, {"MSK", "+03:00"}, {"EST", "-05:00"},
    {"EDT", "-04:00"}, {"CST", "-06:00"}, {"CDT", "-05:00"},  {"PST", "-08:00"}, {"PDT", "-07:00"},
    {"ET", "-05:00"},  {"JST", "+09:00"}, {"AEDT", "+11:00"}, {"AEST", "+10:00"}};

// Reads an optional clock time after a date: " / 01:13 IST", ", 1:13 pm", " 01:13 am".
std::string ReadClock(std::string_view text, size_t pos) {
  size_t k = pos;
  int skipped = 0;
  while (k < text.size() && skipped < 4 &&
         (text[k] == ' ' || text[k] == ',' || text[k] == '/' || text[k] == '|' || text[k] == '-' ||
          text[k] == '@')) {
    ++k;
    ++skipped;
  }
  if (k + 1 < text.size() && Lower(text[k]) == 'a' && Lower(text[k + 1]) == 't' &&
      k + 2 < text.size() && text[k + 2] == ' ') {
    k += 3;  // "at 10:30"
  }
  int hour = 0, minute = 0;
  int hour_digits = ReadNumber(text, k, 2, &hour);
  if (hour_digits == 0 || k + hour_digits >= text.size() || text[k + hour_digits] != ':') {
    return "";
  }
  k += hour_digits + 1;
  if (ReadNumber(text, k, 2, &minute) != 2) return "";
  k += 2;
  if (k < text.size() && text[k] == ':') k += 3;  // seconds, dropped
  while (k < text.size() && text[k] == ' ') ++k;
  if (k + 1 < text.size() && (Lower(text[k]) == 'a' || Lower(text[k]) == 'p') &&
      (Lower(text[k + 1]) == 'm' || text[k + 1] == '.')) {
    bool pm = Lower(text[k]) == 'p';
    if (hour == 12) hour = 0;
    if (pm) hour += 12;
    k += 2;
    while (k < text.size() && (text[k] == '.' || Lower(text[k]) == 'm')) ++k;
    while (k < text.size() && text[k] == ' ') ++k;
  }
  if (hour > 23 || minute > 59) return "";
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "T%02d:%02d", hour, minute);
  std::string clock = buffer;
  size_t zone_end = k;
  while (zone_end < text.size() && text[zone_end] >= 'A' && text[zone_end] <= 'Z') ++zone_end;
  std::string_view zone = text.substr(k, zone_end - k);
  for (const ZoneName& known : kZones) {
    if (zone == known.name) return clock + std::string(known.offset);
  }
  return clock;
}

// ISO 8601 at text[pos]: "2025-12-16", optionally "T01:13[:00][.123][Z|+05:30]".
std::string ParseIso(std::string_view text, size_t pos) {
  int year, month, day;
  if (ReadNumber(text, pos, 4, &year) != 4) return "";
  size_t k = pos + 4;
  if (k >= text.size() || (text[k] != '-' && text[k] != '/')) return "";
  char separator = text[k];
  int month_digits = ReadNumber(text, k + 1, 2, &month);
  if (month_digits == 0) return "";
  k += 1 + month_digits;
  if (k >= text.size() || text[k] != separator) return "";
  int day_digits = ReadNumber(text, k + 1, 2, &day);
  if (day_digits == 0) return "";
  k += 1 + day_digits;
  if (k < text.size() && IsDigit(text[k])) return "";
  if (!ValidDate(year, month, day)) return "";
  std::string date = FormatDate(year, month, day);
  if (k + 5 < text.size() && (text[k] == 'T' || text[k] == ' ') && IsDigit(text[k + 1])) {
    int hour, minute;
    if (ReadNumber(text, k + 1, 2, &hour) == 2 && text[k + 3] == ':' &&
        ReadNumber(text, k + 4, 2, &minute) == 2 && hour < 24 && minute < 60) {
      date += std::string(text.substr(k, 6));
      date[10] = 'T';
      k += 6;
      if (k + 2 < text.size() && text[k] == ':' && IsDigit(text[k + 1])) {
        date += std::string(text.substr(k, 3));
        k += 3;
      }
      while (k < text.size() && (text[k] == '.' || IsDigit(text[k]))) ++k;  // fractions
      if (k < text.size() && text[k] == 'Z') {
        date += 'Z';
      } else if (k < text.size() && (text[k] == '+' || text[k] == '-')) {
        int zone_hour, zone_minute = 0;
        if (ReadNumber(text, k + 1, 2, &zone_hour) == 2) {
          size_t m = k + 3;
          if (m < text.size() && text[m] == ':') ++m;
          ReadNumber(text, m, 2, &zone_minute);
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", text[k], zone_hour, zone_minute);
          date += buffer;
        }
      }
    }
  }
  return date;
}

// Written dates at text[pos]: "December 16, 2025", "Dec. 16 2025", "16 December 2025",
// "16th Dec, 2025". Sets *end past the year.
std::string ParseWritten(std::string_view text, size_t pos, size_t* end) {
  size_t month_length = 0;
  int day = 0, year = 0;
  int month = MonthAt(text, pos, &month_length);
  if (month > 0) {  // month first
    size_t k = pos + month_length;
    while (k < text.size() && text[k] == ' ') ++k;
    int digits = ReadNumber(text, k, 2, &day);
    if (digits == 0) return "";
    k += digits;
    if (k + 1 < text.size() && IsAlpha(text[k]) && IsAlpha(text[k + 1])) k += 2;  // "16th"
    while (k < text.size() && (text[k] == ',' || text[k] == ' ')) ++k;
    if (ReadNumber(text, k, 4, &year) != 4) return "";
    *end = k + 4;
  } else {  // day first
    int digits = ReadNumber(text, pos, 2, &day);
    if (digits == 0) return "";
    size_t k = pos + digits;
    if (k + 1 < text.size() && IsAlpha(text[k]) && IsAlpha(text[k + 1]) &&
        MonthAt(text, k, &month_length) == 0) {
      k += 2;  // "15th"
    }
    if (k < text.size() && text[k] == '.') ++k;
    while (k < text.size() && text[k] == ' ') ++k;
    if (k + 3 < text.size() && text.compare(k, 3, "of ") == 0) k += 3;
    month = MonthAt(text, k, &month_length);
    if (month == 0) return "";
    k += month_length;
    while (k < text.size() && (text[k] == ',' || text[k] == ' ')) ++k;
    if (ReadNumber(text, k, 4, &year) != 4) return "";
    *end = k + 4;
  }
  if (*end < text.size() && IsDigit(text[*end])) return "";
  if (!ValidDate(year, month, day)) return "";
  return FormatDate(year, month, day) + ReadClock(text, *end);
}

// Two numbers of one or two digits and a four-digit year at text[pos], split by `separator`
// ("12.12.2025", "3/4/2025"). Returns the index just after the year, or 0 when there is no
// such date.
size_t ReadNumericDate(std::string_view text, size_t pos, char separator, int* first, int* second,
                       int* year) {
  const int first_digits = ReadNumber(text, pos, 2, first);
  size_t k = pos + first_digits;
  if (first_digits == 0 || k >= text.size() || text[k] != separator) return 0;
  const int second_digits = ReadNumber(text, k + 1, 2, second);
  k += 1 + second_digits;
  if (second_digits == 0 || k >= text.size() || text[k] != separator) return 0;
  if (ReadNumber(text, k + 1, 4, year) != 4) return 0;
  return k + 5;
}

// European numeric dates at text[pos]: "12.12.2025" (day first, dots only: slashes are
// ambiguous between US and European order).
std::string ParseDotted(std::string_view text, size_t pos) {
  int day, month, year;
  const size_t k = ReadNumericDate(text, pos, '.', &day, &month, &year);
  if (k == 0 || (k < text.size() && IsDigit(text[k]))) return "";
  return ValidDate(year, month, day) ? FormatDate(year, month, day) : "";
}

// Slashed numeric dates at text[pos]: "09/25/2025", "3/4/2025", "15/12/2025". A part above 12
// can only be the day; when both could be, the US order (month first) is taken, as the sites
// that print slashed dates without a month name are mostly American.
std::string ParseSlashed(std::string_view text, size_t pos) {
  int first, second, year;
  const size_t k = ReadNumericDate(text, pos, '/', &first, &second, &year);
  if (k == 0 || (k < text.size() && (IsDigit(text[k]) || text[k] == '/'))) return "";
  bool day_first = first > 12 && second <= 12;
  int month = day_first ? second : first;
  int day = day_first ? first : second;
  if (!ValidDate(year, month, day)) return "";
  return FormatDate(year, month, day) + ReadClock(text, k);
}

// Year-first written dates at text[pos]: "2023 Jan 7", as citation metadata writes them.
std::string ParseYearFirst(std::string_view text, size_t pos) {
  int year, day;
  if (ReadNumber(text, pos, 4, &year) != 4) return "";
  size_t k = pos + 4;
  if (k >= text.size() || text[k] != ' ') return "";
  size_t month_length = 0;
  int month = MonthAt(text, k + 1, &month_length);
  if (month == 0) return "";
  k += 1 + month_length;
  if (k >= text.size() || text[k] != ' ') return "";
  int day_digits = ReadNumber(text, k + 1, 2, &day);
  if (day_digits == 0) return "";
  k += 1 + day_digits;
  if (k < text.size() && IsDigit(text[k])) return "";
  return ValidDate(year, month, day) ? FormatDate(year, month, day) : "";
}

bool WordStart(std::string_view text, size_t pos) {
  return pos == 0 || !(IsAlpha(text[pos - 1]) || IsDigit(text[pos - 1]));
}

}  // namespace

std::string FindDateInText(std::string_view text, size_t* at) {
  // Every format has digits; most text has none.
  if (std::none_of(text.begin(), text.end(), IsDigit)) return "";
  for (size_t pos = 0; pos < text.size(); ++pos) {
    char c = text[pos];
    if (!(IsAlpha(c) || IsDigit(c)) || !WordStart(text, pos)) continue;
    size_t end = 0;
    std::string date = ParseWritten(text, pos, &end);
    if (date.empty() && IsDigit(c)) date = ParseIso(text, pos);
    if (date.empty() && IsDigit(c)) date = ParseDotted(text, pos);
    if (date.empty() && IsDigit(c) && (pos == 0 || text[pos - 1] != '/')) {
      date = ParseSlashed(text, pos);
    }
    if (date.empty() && IsDigit(c)) date = ParseYearFirst(text, pos);
    if (!date.empty()) {
      if (at != nullptr) *at = pos;
      return date;
    }
  }
  return "";
}

std::string NormalizeDate(std::string_view value) {
  size_t start = 0;
  while (start < value.size() && (value[start] == ' ' || value[start] == '\n')) ++start;
  value.remove_prefix(start);
  if (value.empty()) return "";
  std::string iso = ParseIso(value, 0);
  if (!iso.empty()) return iso;
  // Compact "20251216" or "20251216T011300".
  int year, month, day;
  if (value.size() >= 8 && ReadNumber(value, 0, 4, &year) == 4 &&
      ReadNumber(value, 4, 2, &month) == 2 && ReadNumber(value, 6, 2, &day) == 2 &&
      (value.size() == 8 || !IsDigit(value[8])) && ValidDate(year, month, day)) {
    return FormatDate(year, month, day);
  }
  return FindDateInText(value.substr(0, 200));
}

std::string FindDateInUrl(std::string_view url) {
  for (size_t pos = 0; pos + 8 <= url.size(); ++pos) {
    if (url[pos] != '/' && url[pos] != '-' && url[pos] != '_') continue;
    size_t k = pos + 1;
    int year, month, day;
    if (ReadNumber(url, k, 4, &year) != 4 || year < 1990 || year > 2100) continue;
    k += 4;
    if (k < url.size() && (url[k] == '/' || url[k] == '-' || url[k] == '_')) {
      char separator = url[k];
      if (ReadNumber(url, k + 1, 2, &month) != 2) continue;
      k += 3;
      if (k >= url.size() || url[k] != separator) continue;
      if (ReadNumber(url, k + 1, 2, &day) != 2) continue;
      k += 3;
    } else {
      if (ReadNumber(url, k, 2, &month) != 2 || ReadNumber(url, k + 2, 2, &day) != 2) continue;
      k += 4;
    }
    if (k < url.size() && IsDigit(url[k])) continue;
    if (ValidDate(year, month, day)) return FormatDate(year, month, day);
  }
  return "";
}

}  // namespace parley
