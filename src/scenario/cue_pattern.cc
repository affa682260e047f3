// Cue phrase syntax (see include/parley/scenario.h).
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "parley/scenario.h"
#include "parley/text_util.h"

namespace parley {
namespace {

std::vector<std::string_view> SplitOn(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// Cue words are matched against words of letters and digits, so a cue word may hold only
// those (any non-ASCII byte counts as a letter: "münchen" is fine).
bool IsWordText(std::string_view word) {
  if (word.empty()) return false;
  for (unsigned char c : word) {
    if (c < 0x80 && !std::isalnum(c)) return false;
  }
  return true;
}

Result<CueTerm> ParseTerm(std::string_view raw) {
  CueTerm term;
  if (raw[0] == '@') {
    term.actor = std::string(raw.substr(1));
    if (term.actor.empty()) return InvalidInput("'@' must be followed by an actor id, e.g. @UKR");
    return term;
  }
  for (std::string_view alternative : SplitOn(raw, '|')) {
    if (!alternative.empty() && alternative[0] == '$') {
      const std::string_view name = alternative.substr(1);
      if (!IsCueClassName(name)) {
        return InvalidInput("bad word class '" + std::string(alternative) + "' in '" +
                            std::string(raw) + "', expected '$' and lower-case letters or '_'");
      }
      term.classes.emplace_back(name);
      continue;
    }
    std::vector<CueWord> sequence;
    for (std::string_view text : SplitOn(alternative, '_')) {
      CueWord word;
      if (!text.empty() && text.back() == '*') {
        word.prefix = true;
        text.remove_suffix(1);
      }
      if (!IsWordText(text)) {
        return InvalidInput("bad cue word '" + std::string(text) + "' in '" + std::string(raw) +
                            "', expected letters or digits, optionally ending in '*'");
      }
      word.text = Lower(text);
      sequence.push_back(std::move(word));
    }
    term.alternatives.push_back(std::move(sequence));
  }
  return term;
}

}  // namespace

bool IsCueClassName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(),
                                      [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

Result<CuePattern> ParseCuePattern(std::string_view text) {
  CuePattern pattern;
  pattern.text = std::string(text);
  bool gap_pending = false;
  for (std::string_view raw : SplitOn(text, ' ')) {
    if (raw.empty()) continue;
    if (raw == "...") {
      if (pattern.terms.empty()) {
        return InvalidInput("cue '" + pattern.text + "' starts with '...', expected a word first");
      }
      gap_pending = true;
      continue;
    }
    Result<CueTerm> term = ParseTerm(raw);
    if (!term.ok()) return term.status();
    term->gap_before = gap_pending;
    gap_pending = false;
    pattern.terms.push_back(std::move(*term));
  }
  if (pattern.terms.empty()) return InvalidInput("empty cue, expected one or more words");
  if (gap_pending) {
    return InvalidInput("cue '" + pattern.text + "' ends with '...', expected a word last");
  }
  return pattern;
}

}  // namespace parley
