// Cue phrase matching over words. Phrases are indexed by their first word (exact, prefix or
// actor), so each word of a text costs a few hash look-ups plus the phrases starting there.
#include <algorithm>

#include "internal.h"

namespace parley::positions_internal {
namespace {

bool WordMatches(const CueWord& cue, const std::string& word) {
  if (!cue.prefix) return word == cue.text;
  return word.size() >= cue.text.size() && word.compare(0, cue.text.size(), cue.text) == 0;
}

}  // namespace

CueMatcher::CueMatcher(const Scenario& scenario) : scenario_(&scenario) {
  for (size_t i = 0; i < scenario.issues.size(); ++i) {
    const Issue& issue = scenario.issues[i];
    for (const std::string& keyword : issue.keywords) {
      keyword_issue_.emplace(keyword, static_cast<int>(i));
    }
    for (size_t a = 0; a < issue.anchors.size(); ++a) {
      for (const CuePattern& pattern : issue.anchors[a].cues) {
        const Entry entry{static_cast<int>(i), static_cast<int>(a), &pattern};
        const CueTerm& first = pattern.terms.front();
        if (!first.actor.empty()) {
          by_actor_.push_back(entry);
          continue;
        }
        for (const auto& alternative : first.alternatives) {
          const CueWord& word = alternative.front();
          if (word.prefix) {
            by_prefix_[word.text].push_back(entry);
            max_prefix_ = std::max(max_prefix_, word.text.size());
          } else {
            by_word_[word.text].push_back(entry);
          }
        }
      }
    }
  }
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
    int next = 0;
    if (TermAt(index, analysis, cue, at + skip, end, next) &&
        MatchFrom(index, analysis, pattern, term + 1, next, end, last)) {
      return true;
    }
  }
  return false;
}

std::vector<CueMatch> CueMatcher::Find(const WordIndex& index, const Analysis& analysis, int begin,
                                       int end) const {
  std::vector<CueMatch> matches;
  auto try_entries = [&](const std::vector<Entry>& entries, int at) {
    for (const Entry& entry : entries) {
      int last = 0;
      if (MatchFrom(index, analysis, *entry.pattern, 0, at, end, last)) {
        matches.push_back({entry.issue, entry.anchor, at, last});
      }
    }
  };
  for (int at = begin; at < end; ++at) {
    const std::string_view word = index.words[at].lower;
    if (auto it = by_word_.find(word); it != by_word_.end()) try_entries(it->second, at);
    for (size_t length = 1; length <= std::min(word.size(), max_prefix_); ++length) {
      if (auto it = by_prefix_.find(word.substr(0, length)); it != by_prefix_.end()) {
        try_entries(it->second, at);
      }
    }
    if (index.words[at].mention >= 0 && !by_actor_.empty()) try_entries(by_actor_, at);
  }
  // Keep, per issue, the longest of overlapping matches (ties: the earlier one).
  std::stable_sort(matches.begin(), matches.end(),
                   [](const CueMatch& a, const CueMatch& b) { return a.length() > b.length(); });
  std::vector<CueMatch> kept;
  for (const CueMatch& match : matches) {
    const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const CueMatch& other) {
      return other.issue == match.issue && match.first <= other.last && other.first <= match.last;
    });
    if (!overlaps) kept.push_back(match);
  }
  std::sort(kept.begin(), kept.end(), [](const CueMatch& a, const CueMatch& b) {
    return a.first != b.first ? a.first < b.first : a.issue < b.issue;
  });
  return kept;
}

}  // namespace parley::positions_internal
