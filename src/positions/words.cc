// Words of an analysed text, sentence by sentence, with the mention covering each one.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

#include "internal.h"

namespace parley::positions_internal {
namespace {

// Folds the punctuation that matters for clause structure to one ASCII character each.
char FoldPunct(UChar32 c) {
  switch (c) {
    case ',':
    case ';':
    case ':':
    case '(':
    case ')':
      return static_cast<char>(c);
    case '"':
    case 0x201C:
    case 0x201D:
    case 0x00AB:
    case 0x00BB:
    case 0x201E:
      return '"';
    case '-':
    case 0x2013:
    case 0x2014:
    case 0x2012:
      return '-';
    default:
      return 0;
  }
}

bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x2018; }

void AppendLower(std::string& out, UChar32 c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    return;
  }
  c = u_tolower(c);
  char buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, 4, c, error);
  if (!error) out.append(buffer, length);
}

}  // namespace

WordIndex IndexWords(const Analysis& analysis) {
  WordIndex index;
  const std::string& text = analysis.text;
  const auto& byte_of = analysis.byte_of_code_point;
  const int64_t code_points = byte_of.empty() ? 0 : static_cast<int64_t>(byte_of.size()) - 1;
  for (size_t s = 0; s < analysis.sentences.size(); ++s) {
    index.sentence_first.push_back(static_cast<int>(index.words.size()));
    const Span span = analysis.sentences[s].span;
    std::string punct;
    bool after_apostrophe = false;
    Word current;
    bool in_word = false;
    for (int64_t cp = std::max<int64_t>(span.begin, 0); cp <= std::min(span.end, code_points);
         ++cp) {
      UChar32 c = 0;
      if (cp < std::min(span.end, code_points)) {
        int32_t offset = static_cast<int32_t>(byte_of[cp]);
        U8_NEXT(text.data(), offset, static_cast<int32_t>(text.size()), c);
      }
      const bool word_char =
          cp < span.end && c > 0 &&
          (c < 0x80 ? (std::isalnum(static_cast<unsigned char>(c)) != 0) : u_isalnum(c) != 0);
      if (word_char) {
        if (!in_word) {
          current = Word();
          current.begin = cp;
          current.sentence = static_cast<int>(s);
          current.punct_before = punct;
          punct.clear();
          in_word = true;
        }
        AppendLower(current.lower, c);
        continue;
      }
      if (in_word) {
        current.end = cp;
        // "don't" -> "don" "not": the negation must stay visible as a word.
        if (after_apostrophe && current.lower == "t") current.lower = "not";
        index.words.push_back(std::move(current));
        in_word = false;
      }
      after_apostrophe = IsApostrophe(c) && !index.words.empty() && index.words.back().end == cp;
      if (char folded = FoldPunct(c); folded != 0) punct.push_back(folded);
    }
  }
  index.sentence_first.push_back(static_cast<int>(index.words.size()));
  // Mentions are in text order, as are words: one merge pass.
  size_t m = 0;
  for (Word& word : index.words) {
    while (m < analysis.mentions.size() && analysis.mentions[m].span.end <= word.begin) ++m;
    if (m < analysis.mentions.size() && analysis.mentions[m].span.begin <= word.begin &&
        word.end <= analysis.mentions[m].span.end) {
      word.mention = static_cast<int>(m);
    }
  }
  return index;
}

}  // namespace parley::positions_internal
