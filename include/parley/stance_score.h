// Scoring extracted stances against reference ("gold") stances of a development set.
//
// Gold file: {"about": "...", "articles": {"<id>.txt": {url, outlet, date, phase,
//   stances: [{actor, issue, position, tolerance, kind, note}]}}}
// Match rule: a Statement matches a gold stance of its article (the article whose id is the
// statement's file name) when actor and issue agree and |position - gold| <= tolerance.
// Recall is counted over gold stances, precision over statements: a statement that matches any
// gold stance of its article is right. Every evidence string must occur in its page text
// after curly quotes are folded to straight ones and white space runs to one space.
//
// The error classes say what to fix next:
//   right        matches a gold stance
//   wrong_point  the actor has gold on the issue, on the same side of 50, outside tolerance
//   wrong_side   the actor has gold on the issue, on the other side of 50 (neither is 50)
//   wrong_holder no gold for this actor on the issue, but another actor's gold would match
//   not_there    nothing of the kind in the gold
//   missed       a gold stance no statement matches
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "parley/positions.h"
#include "parley/scenario.h"
#include "parley/status.h"

namespace parley {

struct GoldStance {
  std::string actor;  // scenario actor id
  std::string issue;  // scenario issue id
  double position = 0;
  double tolerance = 0;
  std::string kind;  // "demand", "propose", ...: kept for display, not matched
  std::string note;
  int line = 0;  // line of the stance in the gold file
};

struct GoldArticle {
  std::string id;  // the page's file name, e.g. "p001.txt"
  std::string url;
  std::string outlet;
  std::string date;
  std::string phase;
  std::vector<GoldStance> stances;  // file order
  int line = 0;                     // line of the article in the gold file
};

struct StanceGold {
  std::string source;  // the file it was read from, for messages
  std::string about;
  std::vector<GoldArticle> articles;  // sorted by id

  // The article with this id, or nullptr.
  const GoldArticle* Find(std::string_view id) const;
};

// Parses and validates a gold document; `source_name` names it in messages. Errors:
// kInvalidInput "source:line: reason" for malformed JSON, a missing or mistyped field, a
// position outside 0-100 or a negative tolerance (the line is that of the bad stance or
// article, and the message names the article id).
Result<StanceGold> ParseStanceGold(std::string_view text, std::string_view source_name);

// Reads and parses a file. Errors: kNotFound when it cannot be opened, else as ParseStanceGold.
Result<StanceGold> LoadStanceGold(const std::string& path);

// Errors: kInvalidInput "source:line: ..." for the first gold stance whose actor or issue the
// scenario does not define (it could never be matched).
Status CheckStanceGold(const StanceGold& gold, const Scenario& scenario);

// The gold article id of a statement's document: the file name of Statement::doc.
std::string GoldArticleId(std::string_view doc);

// Whether `evidence` occurs in `page_text` once both have curly quotes folded to straight ones
// and runs of white space (including no-break spaces) folded to one space, ends trimmed.
bool EvidenceIsVerbatim(std::string_view evidence, std::string_view page_text);

enum class StanceErrorClass { kRight, kWrongPoint, kWrongSide, kWrongHolder, kNotThere, kMissed };
inline constexpr int kStanceErrorClasses = 6;
std::string_view StanceErrorClassName(StanceErrorClass error_class);  // "right", "wrong_point"...

// Gold stances and predictions counted together, for the whole run or one issue, actor or
// confidence band.
struct ScoreCounts {
  int gold = 0;       // gold stances
  int hit = 0;        // gold stances some statement matches
  int predicted = 0;  // statements
  int right = 0;      // statements that match some gold stance

  double recall() const { return gold > 0 ? static_cast<double>(hit) / gold : 0; }
  double precision() const { return predicted > 0 ? static_cast<double>(right) / predicted : 0; }
};

// What became of one gold stance.
struct GoldOutcome {
  const GoldArticle* article = nullptr;
  const GoldStance* stance = nullptr;
  // The matching statement nearest the gold position, or nullptr when missed.
  const Statement* match = nullptr;
  // The statement of this actor and issue in the article nearest the gold position, matching
  // or not; nullptr when there is none.
  const Statement* nearest = nullptr;
};

// What became of one statement.
struct PredictionOutcome {
  const GoldArticle* article = nullptr;
  const Statement* statement = nullptr;
  StanceErrorClass error_class = StanceErrorClass::kNotThere;
  // The gold stance the class refers to: the one matched (right), the nearest of the same
  // actor and issue (wrong_point, wrong_side), another actor's that would match (wrong_holder);
  // nullptr for not_there.
  const GoldStance* gold = nullptr;
  bool verbatim = false;  // evidence found in the page text (EvidenceIsVerbatim)
};

// Confidence bands of the precision breakdown: [0, 0.4), [0.4, 0.7), [0.7, 1].
inline constexpr std::array<double, 2> kConfidenceBandLimits = {0.4, 0.7};
inline constexpr std::array<std::string_view, 3> kConfidenceBandNames = {"<0.4", "0.4-0.7",
                                                                         ">=0.7"};
int ConfidenceBand(double confidence);  // index into kConfidenceBandNames

struct StanceScore {
  std::vector<GoldOutcome> gold;               // article id order, then file order
  std::vector<PredictionOutcome> predictions;  // statement order
  ScoreCounts total;
  std::map<std::string, ScoreCounts> by_issue;
  std::map<std::string, ScoreCounts> by_actor;
  std::array<int, kStanceErrorClasses> by_class{};  // indexed by StanceErrorClass
  std::array<ScoreCounts, 3> by_confidence{};       // predicted and right only
  int verbatim = 0;                                 // predictions with verbatim evidence

  int count(StanceErrorClass error_class) const { return by_class[static_cast<int>(error_class)]; }
};

// Scores `statements` against the gold articles listed in `page_texts` (gold article id ->
// the page text the evidence must be found in). Gold articles not in `page_texts` are left
// out, and so are statements of documents that are not scored articles, so a run over part of
// a development set is scored on that part. The result points into `gold` and `statements`,
// which must outlive it.
StanceScore ScoreStances(const StanceGold& gold, const std::vector<Statement>& statements,
                         const std::map<std::string, std::string>& page_texts);

}  // namespace parley
