// Text layer: UTF-8 decoding with code-point offsets, sentences (ICU) and tokens.
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>

#include "internal.h"
#include "parley/text_util.h"

namespace parley::extract_internal {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || u_isUWhiteSpace(c); }
bool IsWordChar(char32_t c) { return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK; }
bool IsApostrophe(char32_t c) { return c == '\'' || c == U'\u2019'; }
bool IsDash(char32_t c) { return c == '-' || c == U'\u2013' || c == U'\u2014'; }
bool IsUpper(char32_t c) { return u_isupper(c) || u_istitle(c); }

// One ICU sentence iterator per thread: creating one costs far more than a sentence.
icu::BreakIterator* SentenceIterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> made(
        icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    if (U_FAILURE(status)) made.reset();
    return made;
  }();
  return iterator.get();
}

bool IsSentenceFinal(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == ':' || c == U'\u201D' || c == '"' ||
         c == U'\u00BB' || c == ')' || c == U'\u2026';
}

// The last word of [begin, end), lower case, with its final period: "gen." in "... Gen.".
std::string LastWordWithPeriod(const std::u32string& chars, int64_t begin, int64_t end) {
  int64_t last = end;
  while (last > begin && IsSpace(chars[last - 1])) --last;
  if (last <= begin || chars[last - 1] != '.') return {};
  int64_t first = last - 1;
  while (first > begin && (IsWordChar(chars[first - 1]) || chars[first - 1] == '.')) --first;
  return NormalizeToken(std::u32string_view(chars).substr(first, last - first));
}

bool EndsWithAbbreviation(const std::u32string& chars, int64_t begin, int64_t end,
                          const std::unordered_map<std::string, int>& abbreviations) {
  std::string word = LastWordWithPeriod(chars, begin, end);
  if (word.empty()) return false;
  if (abbreviations.count(word)) return true;
  // A single capital initial ("J." in "Donald J. Trump") never ends a sentence.
  int64_t last = end;
  while (last > begin && IsSpace(chars[last - 1])) --last;
  return last - begin >= 2 && IsUpper(chars[last - 2]) &&
         (last - begin == 2 || !IsWordChar(chars[last - 3]));
}

void SplitLine(const std::u32string& chars, int64_t begin, int64_t end,
               const std::unordered_map<std::string, int>& abbreviations,
               std::vector<Sentence>& out) {
  // Wrapped lines inside a block are joined for ICU, which breaks at every line feed.
  std::u32string joined = chars.substr(begin, end - begin);
  for (char32_t& c : joined) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  icu::UnicodeString line = icu::UnicodeString::fromUTF32(
      reinterpret_cast<const UChar32*>(joined.data()), static_cast<int32_t>(joined.size()));
  // UTF-16 index -> code point index, for characters outside the BMP.
  std::vector<int64_t> point_of_unit;
  point_of_unit.reserve(line.length() + 1);
  for (int64_t i = begin; i < end; ++i) {
    point_of_unit.push_back(i);
    if (chars[i] >= 0x10000) point_of_unit.push_back(i);
  }
  point_of_unit.push_back(end);

  std::vector<int64_t> breaks;
  icu::BreakIterator* iterator = SentenceIterator();
  if (iterator == nullptr) {
    breaks.push_back(end);
  } else {
    iterator->setText(line);
    for (int32_t b = iterator->next(); b != icu::BreakIterator::DONE; b = iterator->next()) {
      breaks.push_back(point_of_unit[b]);
    }
  }
  int64_t start = begin;
  for (int64_t b : breaks) {
    bool last = b >= end;
    if (!last && EndsWithAbbreviation(chars, start, b, abbreviations)) continue;
    int64_t s = start, e = b;
    while (s < e && IsSpace(chars[s])) ++s;
    while (e > s && IsSpace(chars[e - 1])) --e;
    if (e > s) out.push_back({{s, e}, false});
    start = b;
  }
}

}  // namespace

CodePoints DecodeUtf8(std::string_view text) {
  CodePoints points;
  points.chars.reserve(text.size());
  points.byte_of.reserve(text.size() + 1);
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  while (i < text.size()) {
    points.byte_of.push_back(static_cast<uint32_t>(i));
    unsigned char lead = bytes[i];
    int length = lead < 0x80           ? 1
                 : (lead >> 5) == 0x6  ? 2
                 : (lead >> 4) == 0xE  ? 3
                 : (lead >> 3) == 0x1E ? 4
                                       : 0;
    char32_t c = kReplacement;
    if (length == 1) {
      c = lead;
    } else if (length > 1 && i + length <= text.size()) {
      c = lead & (0x7F >> length);
      bool valid = true;
      for (int k = 1; k < length; ++k) {
        if ((bytes[i + k] & 0xC0) != 0x80) valid = false;
        c = (c << 6) | (bytes[i + k] & 0x3F);
      }
      if (!valid || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        c = kReplacement;
        length = 1;
      }
    } else {
      length = 1;
    }
    points.chars.push_back(c);
    i += length;
  }
  points.byte_of.push_back(static_cast<uint32_t>(text.size()));
  return points;
}

std::string NormalizeToken(std::u32string_view chars) {
  std::string out;
  out.reserve(chars.size());
  for (char32_t c : chars) {
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    } else if (c == U'\u2019' || c == U'\u2018' || c == U'\u02BC') {
      out += '\'';
    } else if (c == U'\u201C' || c == U'\u201D' || c == U'\u00AB' || c == U'\u00BB' ||
               c == U'\u201E') {
      out += '"';
    } else if (c == U'\u2013' || c == U'\u2014') {
      out += "--";
    } else {
      AppendUtf8(u_tolower(c), out);
    }
  }
  return out;
}

void Tokenize(const std::u32string& chars, int64_t begin, int64_t end, int sentence,
              const std::unordered_map<std::string, int>& abbreviations, std::vector<Token>& tokens,
              std::vector<TokenFlags>& flags) {
  auto emit = [&](int64_t s, int64_t e) {
    std::u32string_view view = std::u32string_view(chars).substr(s, e - s);
    TokenFlags f;
    f.word = IsWordChar(view[0]);
    f.capitalized = IsUpper(view[0]);
    int letters = 0, uppers = 0;
    for (char32_t c : view) {
      if (u_isalpha(c)) {
        ++letters;
        if (IsUpper(c)) ++uppers;
      }
    }
    f.all_caps = letters >= 2 && uppers == letters;
    tokens.push_back({{s, e}, sentence, NormalizeToken(view)});
    flags.push_back(f);
  };
  int64_t i = begin;
  while (i < end) {
    char32_t c = chars[i];
    if (IsSpace(c) || c == '\n') {
      ++i;
      continue;
    }
    if (!IsWordChar(c)) {
      int64_t j = i + 1;
      // Runs of one dash ("--") or dots ("...") are one token.
      if (IsDash(c) || c == '.') {
        while (j < end && chars[j] == c) ++j;
      }
      // Possessive "'s" and contractions "'re" stand alone after a word.
      if (IsApostrophe(c) && j < end && IsWordChar(chars[j]) && i > begin &&
          IsWordChar(chars[i - 1])) {
        while (j < end && u_isalpha(chars[j])) ++j;
      }
      emit(i, j);
      i = j;
      continue;
    }
    int64_t j = i;
    while (j < end) {
      if (IsWordChar(chars[j])) {
        ++j;
      } else if ((chars[j] == '.' || chars[j] == ',') && j + 1 < end && IsWordChar(chars[j + 1]) &&
                 (u_isdigit(chars[j + 1]) == u_isdigit(chars[j - 1]))) {
        // "U.S", "3.5", "1,000": a period or comma between two word characters of a kind.
        if (chars[j] == ',' && !u_isdigit(chars[j - 1])) break;
        ++j;
      } else if (IsApostrophe(chars[j]) && j + 2 < end + 1 && j + 1 < end &&
                 (chars[j + 1] == 't' || chars[j + 1] == 'T') && j > i &&
                 (chars[j - 1] == 'n' || chars[j - 1] == 'N')) {
        ++j;  // "don't", "isn't" stay whole
      } else if (IsApostrophe(chars[j]) && j > i && j + 1 < end && IsUpper(chars[j + 1])) {
        ++j;  // "O'Hanlon", "D'Souza": a name, not a clitic
      } else {
        break;
      }
    }
    // A final period belongs to an abbreviation ("Gen.", "U.S.") or an initial ("J.").
    if (j < end && chars[j] == '.') {
      std::u32string_view view = std::u32string_view(chars).substr(i, j + 1 - i);
      std::string norm = NormalizeToken(view);
      bool initial = j - i == 1 && IsUpper(chars[i]);
      bool dotted = norm.find('.') < norm.size() - 1;
      if (abbreviations.count(norm) || initial || dotted) ++j;
    }
    emit(i, j);
    i = j;
  }
}

// Hard-wrapped text: a line that runs on into the next one (no final punctuation, and the
// next line goes on in lower case or this one is long like a wrapped line) is not a break.
bool RunsOn(const std::u32string& chars, int64_t line_start, int64_t line_end) {
  int64_t n = static_cast<int64_t>(chars.size());
  int64_t last = line_end;
  while (last > line_start && IsSpace(chars[last - 1])) --last;
  if (last == line_start || IsSentenceFinal(chars[last - 1])) return false;
  int64_t next = line_end + 1;
  while (next < n && (chars[next] == ' ' || chars[next] == '\t')) ++next;
  if (next >= n || chars[next] == '\n' || chars[next] == '\r') return false;
  constexpr int64_t kWrappedLineLength = 60;
  return u_islower(chars[next]) || u_isdigit(chars[next]) ||
         last - line_start >= kWrappedLineLength;
}

std::vector<Sentence> SplitSentences(const std::u32string& chars,
                                     const std::unordered_map<std::string, int>& abbreviations) {
  std::vector<Sentence> out;
  int64_t n = static_cast<int64_t>(chars.size());
  int64_t line_start = 0, previous_break = 0;
  for (int64_t i = 0; i <= n; ++i) {
    if (i < n && chars[i] != '\n' && chars[i] != U'\u2028' && chars[i] != U'\u2029') continue;
    bool run_on = i < n && RunsOn(chars, previous_break, i);
    previous_break = i + 1;
    if (run_on) continue;
    size_t before = out.size();
    SplitLine(chars, line_start, i, abbreviations, out);
    // A line that is one sentence without final punctuation stands alone: a headline.
    if (out.size() == before + 1) {
      Sentence& only = out.back();
      only.headline = !IsSentenceFinal(chars[only.span.end - 1]);
    }
    line_start = i + 1;
  }
  return out;
}

}  // namespace parley::extract_internal
