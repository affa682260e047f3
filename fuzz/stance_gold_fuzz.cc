// Fuzzes the stance gold parser behind `parley score --gold` (testdata/score/gold.json format)
// and the JSON error locator it reports with: any input must give a StanceGold or a
// "source:line: reason" error, never a crash. What parses must hold valid stances on lines of
// the file, check against a scenario, and score every gold stance as hit when its own stances
// are the predictions.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "parley/json_location.h"
#include "parley/stance_score.h"

namespace {

constexpr char kSource[] = "fuzz.json";

// A few actors and issues of testdata/score/gold.json, so that CheckStanceGold both accepts
// and refuses.
const parley::Scenario& SharedScenario() {
  static const parley::Scenario* scenario = [] {
    auto* s = new parley::Scenario;
    s->id = "fuzz";
    for (const char* id : {"UKR", "RUS", "USA"}) {
      s->actors.emplace_back();
      s->actors.back().id = id;
    }
    for (const char* id : {"territory", "nato", "guarantees"}) {
      s->issues.emplace_back();
      s->issues.back().id = id;
    }
    return s;
  }();
  return *scenario;
}

// Whether some object of a well-formed JSON text repeats a key: nlohmann keeps the last value,
// so the line of a repeated value is ambiguous and only range-checked.
class DuplicateKeyFinder : public parley::JsonSaxAcceptingAll {
 public:
  bool duplicate = false;

  bool start_object(size_t) override {
    keys_.emplace_back();
    return true;
  }
  bool key(string_t& key) override {
    duplicate |= !keys_.back().insert(key).second;
    return true;
  }
  bool end_object() override {
    keys_.pop_back();
    return true;
  }

 private:
  std::vector<std::set<std::string>> keys_;
};

int LineCount(std::string_view text) {
  return 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// The text of 1-based line `line`.
std::string_view Line(std::string_view text, int line) {
  size_t begin = 0;
  for (int i = 1; i < line; ++i) begin = text.find('\n', begin) + 1;
  const size_t end = text.find('\n', begin);
  return text.substr(begin, end == std::string_view::npos ? text.size() - begin : end - begin);
}

// Scores the gold against statements that are its own stances, with their notes as evidence
// and each article's notes as its page: every gold stance must be hit and every statement be
// right. Articles whose id is not a file name (it holds a '/') cannot be scored and are left out.
void CheckSelfScore(const parley::StanceGold& gold) {
  std::vector<parley::Statement> statements;
  std::map<std::string, std::string> pages;
  for (const parley::GoldArticle& article : gold.articles) {
    if (parley::GoldArticleId(article.id) != article.id) continue;
    std::string& page = pages[article.id];
    for (const parley::GoldStance& stance : article.stances) {
      parley::Statement statement;
      statement.doc = "pages/" + article.id;
      statement.actor = stance.actor;
      statement.issue = stance.issue;
      statement.position = stance.position;
      statement.confidence = 0.5;
      statement.evidence = stance.note;
      statements.push_back(std::move(statement));
      page += stance.note + "\n";
    }
  }
  const parley::StanceScore score = parley::ScoreStances(gold, statements, pages);
  const int n = static_cast<int>(statements.size());
  if (score.total.gold != n || score.total.hit != n || score.total.predicted != n ||
      score.total.right != n || score.count(parley::StanceErrorClass::kRight) != n ||
      score.predictions.size() != statements.size() || score.gold.size() != statements.size()) {
    std::abort();
  }
  for (size_t i = 0; i < score.predictions.size(); ++i) {
    const parley::PredictionOutcome& outcome = score.predictions[i];
    if (outcome.statement != &statements[i] || outcome.gold == nullptr) std::abort();
    const std::string& note = statements[i].evidence;
    if (outcome.verbatim != parley::EvidenceIsVerbatim(note, note)) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int lines = LineCount(text);

  // The locator alone: a syntax error exactly when nlohmann refuses the text, inside it; and
  // JsonLines must return on any text.
  const bool well_formed = nlohmann::json::accept(text);
  const std::optional<parley::JsonSyntaxError> syntax = parley::FindJsonSyntaxError(text);
  if (syntax.has_value() == well_formed) std::abort();
  if (syntax && (syntax->offset > size || syntax->line < 1 || syntax->line > lines ||
                 syntax->column < 1)) {
    std::abort();
  }
  (void)parley::JsonLines(text, 3).LineOf("/articles/x");

  parley::Result<parley::StanceGold> gold = parley::ParseStanceGold(text, kSource);
  if (!gold.ok()) {
    const std::string& message = gold.status().message();
    if (gold.status().code() != parley::StatusCode::kInvalidInput ||
        message.rfind(std::string(kSource) + ":", 0) != 0) {
      std::abort();
    }
    return 0;
  }
  if (!well_formed || gold->source != kSource) std::abort();

  DuplicateKeyFinder duplicates;
  nlohmann::json::sax_parse(text, &duplicates);
  bool all_known = true;
  for (size_t a = 0; a < gold->articles.size(); ++a) {
    const parley::GoldArticle& article = gold->articles[a];
    if (a > 0 && !(gold->articles[a - 1].id < article.id)) std::abort();  // sorted, unique
    if (gold->Find(article.id) != &article) std::abort();
    if (article.line < 1 || article.line > lines) std::abort();
    // Without repeated keys, an article and each of its stances start on their own line, in
    // file order.
    if (!duplicates.duplicate && Line(text, article.line).find('{') == std::string_view::npos) {
      std::abort();
    }
    int previous_line = article.line;
    for (const parley::GoldStance& stance : article.stances) {
      if (stance.actor.empty() || stance.issue.empty()) std::abort();
      if (!std::isfinite(stance.position) || stance.position < 0 || stance.position > 100 ||
          !std::isfinite(stance.tolerance) || stance.tolerance < 0 || stance.tolerance > 100) {
        std::abort();
      }
      if (stance.line < 1 || stance.line > lines) std::abort();
      if (!duplicates.duplicate &&
          (stance.line < previous_line ||
           Line(text, stance.line).find('{') == std::string_view::npos)) {
        std::abort();
      }
      previous_line = stance.line;
      all_known = all_known && SharedScenario().ActorIndex(stance.actor) >= 0 &&
                  SharedScenario().IssueIndex(stance.issue) >= 0;
    }
  }

  const parley::Status check = parley::CheckStanceGold(*gold, SharedScenario());
  if (check.ok() != all_known) std::abort();
  if (!check.ok() && check.message().rfind(std::string(kSource) + ":", 0) != 0) std::abort();

  CheckSelfScore(*gold);
  return 0;
}
