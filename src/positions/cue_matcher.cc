// Cue phrase matching over words. Phrases are indexed by their first word (exact, prefix or
// actor), so each word of a text costs a few hash look-ups plus the phrases starting there.
#include <algorithm>

#include "internal.h"

namespace parley::positions_internal {
namespace {

// Two matches of one issue with at most this many words between them are one phrase and its
// object: "abandon its bid | to | join NATO".
constexpr int kChainGap = 2;

// Punctuation before any word in (from, to]: a chain never crosses a comma or a clause.
bool PunctuationBetween(const WordIndex& index, int from, int to) {
  for (int w = from + 1; w <= to && w < static_cast<int>(index.words.size()); ++w) {
    if (!index.words[w].punct_before.empty()) return true;
  }
  return false;
}

bool ListSeparatorBefore(const WordIndex& index, int w) {
  const std::string& punct = index.words[w].punct_before;
  return punct.find(',') != std::string::npos || punct.find(';') != std::string::npos;
}

bool WordMatches(const CueWord& cue, const std::string& word) {
  if (!cue.prefix) return word == cue.text;
  return word.size() >= cue.text.size() && word.compare(0, cue.text.size(), cue.text) == 0;
}

}  // namespace

bool CueMatch::Names(const std::string& word) const {
  if (pattern == nullptr) return false;
  for (const CueTerm& term : pattern->terms) {
    for (const auto& alternative : term.alternatives) {
      for (const CueWord& cue : alternative) {
        if (WordMatches(cue, word)) return true;
      }
    }
  }
  return false;
}

CueMatcher::CueMatcher(const Scenario& scenario, const Lexicon& lexicon) {
  for (size_t i = 0; i < scenario.issues.size(); ++i) {
    const Issue& issue = scenario.issues[i];
    for (const std::string& keyword : issue.keywords) {
      keyword_issue_.emplace(keyword, static_cast<int>(i));
    }
    for (size_t a = 0; a < issue.anchors.size(); ++a) {
      const std::vector<CuePattern>& cues = issue.anchors[a].cues;
      for (size_t c = 0; c < cues.size(); ++c) {
        const CuePattern& pattern = Expanded(cues[c], lexicon);
        const Entry entry{static_cast<int>(i), static_cast<int>(a), &pattern, static_cast<int>(c)};
        const CueTerm& first = pattern.terms.front();
        if (!first.actor.empty()) {
          by_actor_.push_back(entry);
          continue;
        }
        for (const auto& alternative : first.alternatives) {
          const CueWord& word = alternative.front();
          if (word.prefix) {
            by_prefix_[word.text].push_back(entry);
            prefix_lengths_.push_back(word.text.size());
            MarkPrefixStart(word.text);
          } else {
            by_word_[word.text].push_back(entry);
          }
        }
      }
    }
  }
  std::sort(prefix_lengths_.begin(), prefix_lengths_.end());
  prefix_lengths_.erase(std::unique(prefix_lengths_.begin(), prefix_lengths_.end()),
                        prefix_lengths_.end());
}

const CuePattern& CueMatcher::Expanded(const CuePattern& pattern, const Lexicon& lexicon) {
  const bool has_classes = std::any_of(pattern.terms.begin(), pattern.terms.end(),
                                       [](const CueTerm& term) { return !term.classes.empty(); });
  if (!has_classes) return pattern;
  CuePattern& copy = expanded_.emplace_back(pattern);
  for (CueTerm& term : copy.terms) {
    for (const std::string& name : term.classes) {
      // Unknown classes are refused when the stance extractor is created.
      if (const auto* forms = lexicon.CueClass(name)) {
        term.alternatives.insert(term.alternatives.end(), forms->begin(), forms->end());
      }
    }
  }
  return copy;
}

void CueMatcher::MarkPrefixStart(const std::string& prefix) {
  if (prefix_starts_.empty()) prefix_starts_.assign(1 << 16, false);
  const auto first = static_cast<unsigned char>(prefix.empty() ? 0 : prefix[0]);
  if (prefix.size() < 2) {
    for (int second = 0; second < 256; ++second) prefix_starts_[first << 8 | second] = true;
    return;
  }
  prefix_starts_[first << 8 | static_cast<unsigned char>(prefix[1])] = true;
}

bool CueMatcher::MayStartPrefix(std::string_view word) const {
  if (prefix_starts_.empty() || word.empty()) return false;
  const auto first = static_cast<unsigned char>(word[0]);
  const auto second = static_cast<unsigned char>(word.size() > 1 ? word[1] : 0);
  return prefix_starts_[first << 8 | second];
}

int CueMatcher::KeywordIssue(const std::string& word) const {
  auto it = keyword_issue_.find(word);
  return it == keyword_issue_.end() ? -1 : it->second;
}

bool CueMatcher::TermAt(const WordIndex& index, const Analysis& analysis, const CueTerm& term,
                        int at, int end, int& next) const {
  if (!term.actor.empty()) {
    const int mention = index.words[at].mention;
    if (mention < 0 || analysis.mentions[mention].actor != term.actor) return false;
    next = at + 1;
    while (next < end && index.words[next].mention == mention) ++next;
    return true;
  }
  for (const auto& alternative : term.alternatives) {
    if (at + static_cast<int>(alternative.size()) > end) continue;
    bool all = true;
    for (size_t k = 0; k < alternative.size() && all; ++k) {
      all = WordMatches(alternative[k], index.words[at + k].lower);
    }
    if (all) {
      next = at + static_cast<int>(alternative.size());
      return true;
    }
  }
  return false;
}

// Backtracking over gaps: a gap tries the nearest continuation first, so the match is the
// shortest one for each start.
bool CueMatcher::MatchFrom(const WordIndex& index, const Analysis& analysis,
                           const CuePattern& pattern, size_t term, int at, int end,
                           int& last) const {
  if (term == pattern.terms.size()) {
    last = at - 1;
    return true;
  }
  const CueTerm& cue = pattern.terms[term];
  const int max_skip = cue.gap_before ? kCueMaxGap : 0;
  for (int skip = 0; skip <= max_skip && at + skip < end; ++skip) {
    // A gap never crosses a comma or semicolon: "give up Donbas, no NATO" lists two demands.
    // Each step checks the word it adds to the gap and the one it lands on.
    if (skip == 1 && ListSeparatorBefore(index, at)) break;
    if (skip > 0 && ListSeparatorBefore(index, at + skip)) break;
    int next = 0;
    if (TermAt(index, analysis, cue, at + skip, end, next) &&
        MatchFrom(index, analysis, pattern, term + 1, next, end, last)) {
      return true;
    }
  }
  return false;
}

std::vector<CueMatch> CueMatcher::FindAll(const WordIndex& index, const Analysis& analysis,
                                          int begin, int end) const {
  std::vector<CueMatch> matches;
  auto try_entries = [&](const std::vector<Entry>& entries, int at) {
    for (const Entry& entry : entries) {
      int last = 0;
      if (MatchFrom(index, analysis, *entry.pattern, 0, at, end, last)) {
        matches.push_back({entry.issue, entry.anchor, at, last, entry.pattern, entry.cue});
      }
    }
  };
  for (int at = begin; at < end; ++at) {
    const std::string_view word = index.words[at].lower;
    if (auto it = by_word_.find(word); it != by_word_.end()) try_entries(it->second, at);
    // Most words share no two first letters with any "word*" cue: one bit test skips them,
    // and only the prefix lengths the scenario uses are looked up.
    if (MayStartPrefix(word)) {
      for (size_t length : prefix_lengths_) {
        if (length > word.size()) break;
        if (auto it = by_prefix_.find(word.substr(0, length)); it != by_prefix_.end()) {
          try_entries(it->second, at);
        }
      }
    }
    if (index.words[at].mention >= 0 && !by_actor_.empty()) try_entries(by_actor_, at);
  }
  return matches;
}

std::vector<CueMatch> CueMatcher::Find(const WordIndex& index, const Analysis& analysis, int begin,
                                       int end) const {
  std::vector<CueMatch> matches = FindAll(index, analysis, begin, end);
  // Keep, per issue, the longest of overlapping or chained matches. Ties keep the order of
  // FindAll: the leftmost start; at one word, cues whose first word is exact, then "word*"
  // (shorter prefix first), then "@ACTOR"; then file order, so the lower anchor.
  std::stable_sort(matches.begin(), matches.end(),
                   [](const CueMatch& a, const CueMatch& b) { return a.length() > b.length(); });
  std::vector<CueMatch> kept;
  for (const CueMatch& match : matches) {
    const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const CueMatch& other) {
      return other.issue == match.issue && match.first <= other.last + kChainGap + 1 &&
             other.first <= match.last + kChainGap + 1 &&
             !PunctuationBetween(index, std::min(match.last, other.last),
                                 std::max(match.first, other.first));
    });
    if (!overlaps) kept.push_back(match);
  }
  std::sort(kept.begin(), kept.end(), [](const CueMatch& a, const CueMatch& b) {
    return a.first != b.first ? a.first < b.first : a.issue < b.issue;
  });
  return kept;
}

}  // namespace parley::positions_internal
