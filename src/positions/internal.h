// Internal types shared by the positions stage's files. Not part of the public API.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "parley/extract.h"
#include "parley/positions.h"
#include "parley/scenario.h"
#include "parley/status.h"
#include "parley/text_util.h"

namespace parley::positions_internal {

// ---- words (words.cc) ----

// A word: a run of letters and digits. Apostrophes and hyphens separate words, so
// "Ukraine's" is "ukraine" + "s" and "NATO-like" is "nato" + "like"; "n't" becomes "not".
struct Word {
  int64_t begin = 0;  // code points into the analysed text
  int64_t end = 0;
  std::string lower;
  int sentence = 0;
  // Punctuation between the previous word and this one, folded: ',' ';' ':' '"' '-' '(' ')'.
  std::string punct_before;
  int mention = -1;  // index of the Analysis mention covering this word, or -1
};

struct WordIndex {
  std::vector<Word> words;
  std::vector<int> sentence_first;  // first word of each sentence; size sentences + 1
};

WordIndex IndexWords(const Analysis& analysis);

// ---- cue matching (cue_matcher.cc) ----

struct CueMatch {
  int issue = 0;   // index into Scenario::issues
  int anchor = 0;  // index into Issue::anchors
  int first = 0;   // word indexes [first, last]
  int last = 0;
  const CuePattern* pattern = nullptr;  // the phrase that matched; points into the scenario
  int cue = 0;                          // index into ScaleAnchor::cues
  int length() const { return last - first + 1; }
  // True when the phrase itself names `word` ("never ... join nato" names "never").
  bool Names(const std::string& word) const;
};

class Lexicon;

// All cue phrases of a scenario, indexed by their first word, with "$class" alternatives
// expanded from the lexicon. Immutable after construction.
class CueMatcher {
 public:
  CueMatcher(const Scenario& scenario, const Lexicon& lexicon);

  // Every match that starts inside [begin, end) and ends before `end`, leftmost first. Where
  // matches of one issue overlap or follow each other with at most two linking words between
  // ("give up its bid to join NATO": the second is the object of the first), only the longest
  // is kept.
  std::vector<CueMatch> Find(const WordIndex& index, const Analysis& analysis, int begin,
                             int end) const;
  // Every match in [begin, end), before the longest are chosen.
  std::vector<CueMatch> FindAll(const WordIndex& index, const Analysis& analysis, int begin,
                                int end) const;

  // The issue a keyword names, or -1.
  int KeywordIssue(const std::string& word) const;

 private:
  struct Entry {
    int issue;
    int anchor;
    const CuePattern* pattern;
    int cue;
  };
  bool MatchFrom(const WordIndex& index, const Analysis& analysis, const CuePattern& pattern,
                 size_t term, int at, int end, int& last) const;
  bool TermAt(const WordIndex& index, const Analysis& analysis, const CueTerm& term, int at,
              int end, int& next) const;
  const CuePattern& Expanded(const CuePattern& pattern, const Lexicon& lexicon);
  void MarkPrefixStart(const std::string& prefix);
  bool MayStartPrefix(std::string_view word) const;

  // Copies of the patterns with "$class" terms, their classes expanded; a deque keeps the
  // addresses that entries and matches point to.
  std::deque<CuePattern> expanded_;
  // Keys view the scenario's cue words, which outlive the matcher; views keep look-ups free
  // of allocation.
  std::unordered_map<std::string_view, std::vector<Entry>> by_word_;    // exact first words
  std::unordered_map<std::string_view, std::vector<Entry>> by_prefix_;  // "word*" first words
  std::vector<Entry> by_actor_;                                         // "@ACTOR" first terms
  std::vector<size_t> prefix_lengths_;  // lengths of the "word*" first words, ascending
  // Bit (first byte << 8 | second byte) is set when some "word*" first word starts so.
  std::vector<bool> prefix_starts_;
  std::unordered_map<std::string, int> keyword_issue_;
};

// ---- stance-verb lexicon (lexicon.cc) ----

// What a stance word does to the statement it governs.
enum class TriggerClass {
  kSpeech,   // said, told, stressed: the kind comes from modality
  kDemand,   // wants, insists, demands
  kOffer,    // offered, put on the table, willing
  kPropose,  // proposed, considering, expected to
  kAccept,
  kSupport,  // welcomed, backed
  kReject,   // rejected, refused, ruled out
  kOppose,   // opposed, sceptical
  kConcede,  // conceded
};

struct Trigger {
  TriggerClass cls = TriggerClass::kSpeech;
  int first = 0;  // word indexes [first, last]
  int last = 0;
  bool hedged = false;    // "signalled", "considering": a tentative stance
  bool reported = false;  // "is reported to", "expected to": a third party's claim
};

enum class WordRole {
  kNone,
  kNegation,    // not, never, no, cannot
  kRequired,    // must, should, need
  kPossible,    // may, might, could, possibly
  kReport,      // reportedly, according, analysts
  kBoundary,    // but, while, whereas, although, however: a new clause with its own subject
  kConcession,  // abandon, give up, cede: a willing holder concedes
  kQuestion,    // which, whether: an indirect question asserts nothing
  kJoint,       // sides, parties: a clause about both parties reports an outcome, not a stance
  kDocument,    // plan, proposal, draft: a text that holds the stance of whoever put it forward
  kDisapproval,  // unacceptable, theft: a judgement after a cue turns it around
  kThreat,       // response, retaliation: a threat made on a condition opposes the condition
  kAverting,     // prevent, avert: what is averted is opposed
  kCollective,   // countries, ministers: a plural noun that names a set of actors
};

// The stance lexicon of data/dict/stances.tsv (format at the top of that file). Immutable
// after Load(); every method may run on many threads at once.
class Lexicon {
 public:
  // Errors: kNotFound when the file cannot be opened; kInvalidInput "path:line: what is
  // wrong, what is expected" for a malformed line.
  static Result<Lexicon> Load(const std::string& path);
  static Result<Lexicon> Parse(std::string_view text, std::string_view source_name);

  // The stance word or phrase starting at word `at` and ending before `end` (the longest).
  std::optional<Trigger> TriggerAt(const WordIndex& index, int at, int end) const;
  WordRole RoleOf(const std::string& word) const;
  // A mention right after a preposition is an object, not the subject of a stance verb.
  bool IsPreposition(const std::string& word) const;
  // A word of a time or manner phrase between a subject and its verb: "on Thursday", "formally".
  bool IsTiming(const std::string& word) const;
  // The number a count word stands for ("three" -> 3), or 0.
  int CountOf(const std::string& word) const;
  bool IsMonth(const std::string& word) const { return months_.count(word) > 0; }
  // True when a condition phrase ("in exchange for") starts at `at`; `last` is its last word.
  bool ConditionAt(const WordIndex& index, int at, int end, int& last) const;
  // The date a retrospective phrase starting at `at` names, as YYYY-MM-DD: "in March 2022" is
  // 2022-03-15, "back in 2019" 2019-07-01 (the middle of the month or year).
  std::optional<std::string> RetrospectDateAt(const WordIndex& index, int at, int end) const;
  // The forms of word class `name` ("cue:cede" lines), for "$cede" in cue phrases; nullptr
  // when the lexicon has no such class.
  const std::vector<std::vector<CueWord>>* CueClass(const std::string& name) const;

 private:
  struct Phrase {
    std::vector<std::string> words;
  };
  struct TriggerPhrase {
    std::vector<std::string> words;
    TriggerClass cls;
    bool hedged;
    bool reported;
  };
  Status AddLine(const std::vector<std::string_view>& columns, const std::string& where);
  Status AddCueClass(std::string_view name, const std::vector<std::vector<std::string>>& phrases,
                     const std::string& where);

  std::unordered_map<std::string, std::vector<TriggerPhrase>> triggers_;  // by first word
  std::unordered_map<std::string, WordRole> roles_;
  std::unordered_set<std::string> prepositions_;
  std::unordered_set<std::string> timing_;
  std::unordered_map<std::string, int> counts_;  // class count:N
  std::unordered_map<std::string, int> months_;  // 1-12
  std::vector<Phrase> conditions_;
  std::vector<Phrase> retrospect_;
  std::unordered_map<std::string, std::vector<std::vector<CueWord>>> cue_classes_;
};

// ---- the matrix, one cell at a time (matrix.cc) ----

// Running sums of a cell's decaying weighted mean, at `day`.
struct CellSums {
  double w = 0, wp = 0, wpp = 0, ww = 0, wc = 0, salience = 0;
  int64_t day = 0;
};

// What a cell's statements give before the as_of date is applied. It depends on as_of only
// through statements without a valid date (they count as of as_of), so a trace without them
// holds for any as_of from its last statement on: the store keeps it between batches.
struct CellTrace {
  CellSums sums;  // after the last unit, not yet decayed to as_of
  int units = 0;
  std::vector<const Statement*> evidence;  // strongest first, at most max_evidence
  std::vector<PositionShift> shifts;       // in date order
  bool undated = false;                    // a statement without a valid date took as_of's day
};

// The trace of one cell's statements (non-empty, none dated after as_of).
CellTrace TraceCell(const std::string& actor, const std::string& issue,
                    const std::vector<const Statement*>& statements, int64_t as_of_day,
                    const PositionOptions& options);

// The cell's position, range, salience and statement count as of `as_of_day`.
void FinishCell(const CellTrace& trace, int64_t as_of_day, const PositionOptions& options,
                PositionCell& cell);

// Applies the scenario's override, or its prior to a cell without evidence; false when the
// cell stays empty (no evidence, nothing pinned).
bool PinCell(const Scenario& scenario, bool has_evidence, const PositionOptions& options,
             PositionCell& cell);

// ---- dates ----

// Days since 1970-01-01 of "YYYY-MM-DD..." (the first ten characters), or nullopt: the one in
// text_util.h.
using ::parley::DayNumber;

}  // namespace parley::positions_internal
