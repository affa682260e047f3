// Stance gold files and the scoring of statements against them (include/parley/stance_score.h).
#include "parley/stance_score.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "parley/json_location.h"
#include "parley/text_util.h"

namespace parley {
namespace {

using Json = nlohmann::json;

// ---- Reading the gold file ----

// Validates the gold document field by field; each message carries the line of the value at
// fault (or of its article or stance when the value is missing) and names the article.
class GoldReader {
 public:
  GoldReader(std::string_view text, std::string_view source)
      : source_(source), lines_(text, /*max_depth=*/5) {}

  Result<StanceGold> Read(const Json& document) {
    if (!document.is_object()) return Error("", "", "the document is not a JSON object");
    StanceGold gold;
    gold.source = source_;
    PARLEY_RETURN_IF_ERROR(OptionalText(document, "", "", "about", gold.about));
    auto articles = document.find("articles");
    if (articles == document.end() || !articles->is_object()) {
      return Error("", "", "missing \"articles\", expected an object of article ids");
    }
    for (const auto& [id, value] : articles->items()) {
      Result<GoldArticle> article = ReadArticle(id, value);
      if (!article.ok()) return article.status();
      gold.articles.push_back(std::move(*article));
    }
    std::sort(gold.articles.begin(), gold.articles.end(),
              [](const GoldArticle& a, const GoldArticle& b) { return a.id < b.id; });
    return gold;
  }

 private:
  // RFC 6901 pointer of an article: '~' is written "~0" and '/' is written "~1" in its id.
  static std::string ArticlePointer(const std::string& id) {
    std::string pointer = "/articles/";
    for (char c : id) {
      pointer += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    }
    return pointer;
  }

  // `pointer` locates the line; `where` names the place ("articles[\"p1.txt\"]").
  Status Error(const std::string& pointer, const std::string& where,
               const std::string& reason) const {
    const int line = lines_.LineOf(pointer);
    std::string message = std::string(source_);
    if (line > 0) message += ":" + std::to_string(line);
    message += ": ";
    if (!where.empty()) message += where + ": ";
    return InvalidInput(message + reason);
  }

  Status OptionalText(const Json& object, const std::string& pointer, const std::string& where,
                      const char* key, std::string& out) const {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return Status::Ok();
    if (!it->is_string()) {
      return Error(pointer + "/" + key, where, std::string("\"") + key + "\" is not a string");
    }
    out = it->get<std::string>();
    return Status::Ok();
  }

  Status RequiredText(const Json& object, const std::string& pointer, const std::string& where,
                      const char* key, std::string& out) const {
    const std::string expected = std::string(", expected a scenario ") + key + " id";
    auto it = object.find(key);
    if (it == object.end()) {
      return Error(pointer, where, std::string("missing \"") + key + "\"" + expected);
    }
    if (!it->is_string() || it->get<std::string>().empty()) {
      return Error(pointer + "/" + key, where,
                   std::string("\"") + key + "\" is " + it->dump() + expected);
    }
    out = it->get<std::string>();
    return Status::Ok();
  }

  Status Number(const Json& object, const std::string& pointer, const std::string& where,
                const char* key, double low, double high, double& out) const {
    auto it = object.find(key);
    const std::string expected = ", expected a number in " + Format(low) + "-" + Format(high);
    if (it == object.end()) {
      return Error(pointer, where, std::string("missing \"") + key + "\"" + expected);
    }
    if (!it->is_number()) {
      return Error(pointer + "/" + key, where,
                   std::string("\"") + key + "\" is " + it->dump() + expected);
    }
    out = it->get<double>();
    if (!std::isfinite(out) || out < low || out > high) {
      return Error(pointer + "/" + key, where,
                   std::string("\"") + key + "\" is " + it->dump() + expected);
    }
    return Status::Ok();
  }

  static std::string Format(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
  }

  Result<GoldArticle> ReadArticle(const std::string& id, const Json& value) const {
    const std::string pointer = ArticlePointer(id);
    const std::string where = "articles[\"" + id + "\"]";
    if (!value.is_object()) return Error(pointer, where, "not an object, expected an article");
    GoldArticle article;
    article.id = id;
    article.line = lines_.LineOf(pointer);
    PARLEY_RETURN_IF_ERROR(OptionalText(value, pointer, where, "url", article.url));
    PARLEY_RETURN_IF_ERROR(OptionalText(value, pointer, where, "outlet", article.outlet));
    PARLEY_RETURN_IF_ERROR(OptionalText(value, pointer, where, "date", article.date));
    PARLEY_RETURN_IF_ERROR(OptionalText(value, pointer, where, "phase", article.phase));
    auto stances = value.find("stances");
    if (stances == value.end() || !stances->is_array()) {
      return Error(pointer, where, "missing \"stances\", expected a list of stances");
    }
    for (size_t i = 0; i < stances->size(); ++i) {
      Result<GoldStance> stance =
          ReadStance((*stances)[i], pointer + "/stances/" + std::to_string(i),
                     where + ".stances[" + std::to_string(i) + "]");
      if (!stance.ok()) return stance.status();
      article.stances.push_back(std::move(*stance));
    }
    return article;
  }

  Result<GoldStance> ReadStance(const Json& value, const std::string& pointer,
                                const std::string& where) const {
    if (!value.is_object()) return Error(pointer, where, "not an object, expected a stance");
    GoldStance stance;
    stance.line = lines_.LineOf(pointer);
    PARLEY_RETURN_IF_ERROR(RequiredText(value, pointer, where, "actor", stance.actor));
    PARLEY_RETURN_IF_ERROR(RequiredText(value, pointer, where, "issue", stance.issue));
    PARLEY_RETURN_IF_ERROR(Number(value, pointer, where, "position", 0, 100, stance.position));
    PARLEY_RETURN_IF_ERROR(Number(value, pointer, where, "tolerance", 0, 100, stance.tolerance));
    PARLEY_RETURN_IF_ERROR(OptionalText(value, pointer, where, "kind", stance.kind));
    PARLEY_RETURN_IF_ERROR(OptionalText(value, pointer, where, "note", stance.note));
    return stance;
  }

  std::string_view source_;
  JsonLines lines_;
};

// ---- Evidence folding ----

// The UTF-8 sequence at `i` if it is a curly quote, as its straight quote; else 0. Curly and
// straight quotes are the same text to a reader, and pages are stored with either.
char StraightQuote(std::string_view s, size_t i) {
  if (i + 2 >= s.size() || s[i] != '\xE2' || s[i + 1] != '\x80') return 0;
  switch (static_cast<unsigned char>(s[i + 2])) {
    case 0x98:
    case 0x99:
    case 0x9A:
    case 0x9B:
      return '\'';  // ‘ ’ ‚ ‛
    case 0x9C:
    case 0x9D:
    case 0x9E:
    case 0x9F:
      return '"';  // “ ” „ ‟
    default:
      return 0;
  }
}

// The byte length of the white space character at `i` (ASCII, no-break, the typographic spaces
// U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), or 0. Pages keep no-break spaces
// that the reader may have turned into plain ones, and line breaks where it joined lines.
size_t SpaceLength(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0; };
  const unsigned char c = byte(i);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && byte(i + 1) == 0xA0) return 2;
  if (c == 0xE2 && byte(i + 1) == 0x80) {
    const unsigned char last = byte(i + 2);
    const bool space = (last >= 0x80 && last <= 0x8A) || last == 0xA8 || last == 0xA9 ||
                       last == 0xAF;  // U+2000-200A, line and paragraph separators, U+202F
    return space ? 3 : 0;
  }
  if (c == 0xE2 && byte(i + 1) == 0x81 && byte(i + 2) == 0x9F) return 3;
  if (c == 0xE3 && byte(i + 1) == 0x80 && byte(i + 2) == 0x80) return 3;
  return 0;
}

std::string FoldForEvidence(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t i = 0; i < text.size();) {
    if (size_t space = SpaceLength(text, i)) {
      pending_space = !out.empty();
      i += space;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    if (char quote = StraightQuote(text, i)) {
      out.push_back(quote);
      i += 3;
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

// `folded_page` is FoldForEvidence of the page; empty evidence is never verbatim.
bool FoldedPageHolds(const std::string& folded_page, std::string_view evidence) {
  const std::string folded = FoldForEvidence(evidence);
  return !folded.empty() && folded_page.find(folded) != std::string::npos;
}

// ---- Matching ----

// -1 below the middle of the scale, +1 above, 0 at 50: a stance at 50 is on neither side.
int Side(double position) { return position < 50 ? -1 : position > 50 ? 1 : 0; }

// The small slack keeps the tolerance inclusive for positions computed in floating point
// (35.000000001 against a gold 20 with tolerance 15).
bool WithinTolerance(double position, const GoldStance& stance) {
  return std::fabs(position - stance.position) <= stance.tolerance + 1e-9;
}

// The gold stance of `article` nearest the statement's position among those `accept` takes.
template <typename Accept>
const GoldStance* NearestGold(const GoldArticle& article, const Statement& statement,
                              Accept accept) {
  const GoldStance* best = nullptr;
  for (const GoldStance& stance : article.stances) {
    if (!accept(stance)) continue;
    if (best == nullptr || std::fabs(statement.position - stance.position) <
                               std::fabs(statement.position - best->position)) {
      best = &stance;
    }
  }
  return best;
}

PredictionOutcome Classify(const GoldArticle& article, const Statement& statement) {
  PredictionOutcome outcome{&article, &statement, StanceErrorClass::kNotThere, nullptr, false};
  const auto same_holder = [&](const GoldStance& stance) {
    return stance.actor == statement.actor && stance.issue == statement.issue;
  };
  // Any matching stance makes the statement right, not only the nearest one: tolerances differ.
  outcome.gold = NearestGold(article, statement, [&](const GoldStance& stance) {
    return same_holder(stance) && WithinTolerance(statement.position, stance);
  });
  if (outcome.gold != nullptr) {
    outcome.error_class = StanceErrorClass::kRight;
    return outcome;
  }
  outcome.gold = NearestGold(article, statement, same_holder);
  if (outcome.gold != nullptr) {
    const bool opposite = Side(statement.position) * Side(outcome.gold->position) < 0;
    outcome.error_class = opposite ? StanceErrorClass::kWrongSide : StanceErrorClass::kWrongPoint;
    return outcome;
  }
  // No gold for this holder: whether the stance is there but credited to someone else.
  outcome.gold = NearestGold(article, statement, [&](const GoldStance& stance) {
    return stance.issue == statement.issue && WithinTolerance(statement.position, stance);
  });
  if (outcome.gold != nullptr) outcome.error_class = StanceErrorClass::kWrongHolder;
  return outcome;
}

GoldOutcome Judge(const GoldArticle& article, const GoldStance& stance,
                  const std::vector<const Statement*>& statements) {
  GoldOutcome outcome{&article, &stance, nullptr, nullptr};
  for (const Statement* statement : statements) {
    if (statement->actor != stance.actor || statement->issue != stance.issue) continue;
    if (outcome.nearest == nullptr || std::fabs(statement->position - stance.position) <
                                          std::fabs(outcome.nearest->position - stance.position)) {
      outcome.nearest = statement;
    }
  }
  if (outcome.nearest != nullptr && WithinTolerance(outcome.nearest->position, stance)) {
    outcome.match = outcome.nearest;
  }
  return outcome;
}

void Count(StanceScore& score, const GoldOutcome& outcome) {
  const bool hit = outcome.match != nullptr;
  for (ScoreCounts* counts : {&score.total, &score.by_issue[outcome.stance->issue],
                              &score.by_actor[outcome.stance->actor]}) {
    ++counts->gold;
    counts->hit += hit;
  }
  if (!hit) ++score.by_class[static_cast<int>(StanceErrorClass::kMissed)];
}

void Count(StanceScore& score, const PredictionOutcome& outcome) {
  const Statement& statement = *outcome.statement;
  const bool right = outcome.error_class == StanceErrorClass::kRight;
  for (ScoreCounts* counts :
       {&score.total, &score.by_issue[statement.issue], &score.by_actor[statement.actor],
        &score.by_confidence[ConfidenceBand(statement.confidence)]}) {
    ++counts->predicted;
    counts->right += right;
  }
  ++score.by_class[static_cast<int>(outcome.error_class)];
  score.verbatim += outcome.verbatim;
}

}  // namespace

const GoldArticle* StanceGold::Find(std::string_view id) const {
  auto it = std::lower_bound(articles.begin(), articles.end(), id,
                             [](const GoldArticle& a, std::string_view key) { return a.id < key; });
  return it != articles.end() && it->id == id ? &*it : nullptr;
}

Result<StanceGold> ParseStanceGold(std::string_view text, std::string_view source_name) {
  Json document = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    const JsonSyntaxError error = FindJsonSyntaxError(text).value_or(JsonSyntaxError());
    return InvalidInput(std::string(source_name) + ":" + std::to_string(error.line) +
                        ": malformed JSON near '" + error.token.substr(0, 40) +
                        "', expected a stance gold document");
  }
  return GoldReader(text, source_name).Read(document);
}

Result<StanceGold> LoadStanceGold(const std::string& path) {
  std::optional<std::string> text = ReadWholeFile(path);
  if (!text) return NotFound(path + ": cannot open the gold file");
  return ParseStanceGold(*text, path);
}

Status CheckStanceGold(const StanceGold& gold, const Scenario& scenario) {
  for (const GoldArticle& article : gold.articles) {
    for (const GoldStance& stance : article.stances) {
      const bool actor_known = scenario.ActorIndex(stance.actor) >= 0;
      if (actor_known && scenario.IssueIndex(stance.issue) >= 0) continue;
      const std::string what =
          actor_known ? "issue \"" + stance.issue + "\"" : "actor \"" + stance.actor + "\"";
      return InvalidInput(gold.source + ":" + std::to_string(stance.line) + ": articles[\"" +
                          article.id + "\"]: unknown " + what + ", expected an id of scenario " +
                          scenario.id);
    }
  }
  return Status::Ok();
}

std::string GoldArticleId(std::string_view doc) {
  const size_t slash = doc.find_last_of('/');
  return std::string(slash == std::string_view::npos ? doc : doc.substr(slash + 1));
}

bool EvidenceIsVerbatim(std::string_view evidence, std::string_view page_text) {
  return FoldedPageHolds(FoldForEvidence(page_text), evidence);
}

std::string_view StanceErrorClassName(StanceErrorClass error_class) {
  switch (error_class) {
    case StanceErrorClass::kRight:
      return "right";
    case StanceErrorClass::kWrongPoint:
      return "wrong_point";
    case StanceErrorClass::kWrongSide:
      return "wrong_side";
    case StanceErrorClass::kWrongHolder:
      return "wrong_holder";
    case StanceErrorClass::kNotThere:
      return "not_there";
    case StanceErrorClass::kMissed:
      return "missed";
  }
  return "unknown";
}

int ConfidenceBand(double confidence) {
  int band = 0;
  for (double limit : kConfidenceBandLimits) band += confidence >= limit;
  return band;
}

StanceScore ScoreStances(const StanceGold& gold, const std::vector<Statement>& statements,
                         const std::map<std::string, std::string>& page_texts) {
  // Statements grouped by article; each page is folded once for all its evidence checks.
  std::unordered_map<std::string, std::vector<const Statement*>> by_article;
  for (const Statement& statement : statements) {
    by_article[GoldArticleId(statement.doc)].push_back(&statement);
  }
  StanceScore score;
  for (const auto& [id, page_text] : page_texts) {
    const GoldArticle* article = gold.Find(id);
    if (article == nullptr) continue;
    const std::vector<const Statement*>& own = by_article[id];
    for (const GoldStance& stance : article->stances) {
      score.gold.push_back(Judge(*article, stance, own));
      Count(score, score.gold.back());
    }
    const std::string folded_page = FoldForEvidence(page_text);
    for (const Statement* statement : own) {
      PredictionOutcome outcome = Classify(*article, *statement);
      outcome.verbatim = FoldedPageHolds(folded_page, statement->evidence);
      score.predictions.push_back(outcome);
      Count(score, score.predictions.back());
    }
  }
  // Statement order, as promised, whatever the order of the pages: the outcomes point into one
  // vector, so address order is statement order.
  std::sort(score.predictions.begin(), score.predictions.end(),
            [](const PredictionOutcome& a, const PredictionOutcome& b) {
              return a.statement < b.statement;
            });
  return score;
}

}  // namespace parley
