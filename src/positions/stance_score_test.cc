#include "parley/stance_score.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace parley {
namespace {

// Two articles; a.txt has three gold stances, b.txt one.
constexpr char kGold[] = R"({
  "about": "test gold",
  "articles": {
    "b.txt": {"stances": [
      {"actor": "UKR", "issue": "nato", "position": 70, "tolerance": 10}
    ]},
    "a.txt": {"url": "https://news.test/a", "outlet": "news.test", "date": "2025-12-01",
              "phase": "Berlin", "stances": [
      {"actor": "UKR", "issue": "territory", "position": 20, "tolerance": 15, "kind": "reject",
       "note": "Kyiv will not cede land."},
      {"actor": "RUS", "issue": "territory", "position": 90, "tolerance": 10},
      {"actor": "USA", "issue": "guarantees", "position": 80, "tolerance": 10}
    ]}
  }
})";

StanceGold Gold() {
  Result<StanceGold> gold = ParseStanceGold(kGold, "gold.json");
  EXPECT_TRUE(gold.ok()) << gold.status().message();
  return std::move(gold).value();
}

Statement Make(const std::string& doc, const std::string& actor, const std::string& issue,
               double position, double confidence, const std::string& evidence) {
  Statement statement;
  statement.doc = doc;
  statement.actor = actor;
  statement.issue = issue;
  statement.position = position;
  statement.confidence = confidence;
  statement.evidence = evidence;
  return statement;
}

const std::map<std::string, std::string> kPages = {
    {"a.txt",
     "Kyiv \xE2\x80\x9Cwill not cede\xE2\x80\x9D land.\nMoscow   demands all of Donbas.\n"
     "Washington\xC2\xA0offers guarantees."},
    {"b.txt", "Kyiv drops its NATO bid."},
};

// One statement of each class, plus one of an article that is not in the gold.
std::vector<Statement> Predictions() {
  return {
      Make("corpus/a.txt", "UKR", "territory", 30, 0.8, "Kyiv \"will not cede\" land."),
      Make("corpus/a.txt", "UKR", "territory", 45, 0.5, "Kyiv \"will not cede\" land."),
      Make("corpus/a.txt", "RUS", "territory", 20, 0.3, "Moscow demands all of Donbas."),
      Make("corpus/a.txt", "EU", "territory", 85, 0.75, "Moscow demands all of Donbas."),
      Make("corpus/a.txt", "USA", "army", 50, 0.1, "Washington offers guarantees."),
      Make("corpus/b.txt", "UKR", "nato", 50, 0.4, "Kyiv keeps its NATO bid."),
      Make("corpus/c.txt", "UKR", "nato", 70, 0.9, "Not scored."),
  };
}

TEST(ParseStanceGoldTest, ReadsArticlesSortedByIdWithTheirStances) {
  StanceGold gold = Gold();
  EXPECT_EQ(gold.source, "gold.json");
  EXPECT_EQ(gold.about, "test gold");
  ASSERT_EQ(gold.articles.size(), 2u);
  const GoldArticle& a = gold.articles[0];
  EXPECT_EQ(a.id, "a.txt");
  EXPECT_EQ(a.url, "https://news.test/a");
  EXPECT_EQ(a.outlet, "news.test");
  EXPECT_EQ(a.date, "2025-12-01");
  EXPECT_EQ(a.phase, "Berlin");
  EXPECT_EQ(a.line, 7);
  ASSERT_EQ(a.stances.size(), 3u);
  EXPECT_EQ(a.stances[0].actor, "UKR");
  EXPECT_EQ(a.stances[0].issue, "territory");
  EXPECT_EQ(a.stances[0].position, 20);
  EXPECT_EQ(a.stances[0].tolerance, 15);
  EXPECT_EQ(a.stances[0].kind, "reject");
  EXPECT_EQ(a.stances[0].note, "Kyiv will not cede land.");
  EXPECT_EQ(a.stances[0].line, 9);
  EXPECT_EQ(a.stances[2].line, 12);
  EXPECT_EQ(gold.Find("b.txt"), &gold.articles[1]);
  EXPECT_EQ(gold.Find("c.txt"), nullptr);
}

// The message of a gold text that must be refused.
std::string ErrorOf(const std::string& text) {
  Result<StanceGold> gold = ParseStanceGold(text, "bad.json");
  EXPECT_FALSE(gold.ok());
  EXPECT_EQ(gold.status().code(), StatusCode::kInvalidInput);
  return gold.status().message();
}

TEST(ParseStanceGoldTest, SyntaxErrorGivesItsLine) {
  EXPECT_EQ(ErrorOf("{\n \"articles\": {\n  \"a.txt\": {\"stances\": [\n"
                    "   {\"actor\": \"UKR\",}\n  ]}\n }\n}\n"),
            "bad.json:4: malformed JSON near '\"UKR\",}', expected a stance gold document");
}

TEST(ParseStanceGoldTest, MissingActorGivesTheLineOfItsStance) {
  EXPECT_EQ(
      ErrorOf("{\"articles\": {\n"
              " \"a.txt\": {\"stances\": [\n"
              "  {\"actor\": \"UKR\", \"issue\": \"nato\", \"position\": 1, \"tolerance\": 5},\n"
              "  {\"issue\": \"nato\", \"position\": 1, \"tolerance\": 5}\n"
              " ]}\n}}\n"),
      "bad.json:4: articles[\"a.txt\"].stances[1]: missing \"actor\", expected a scenario "
      "actor id");
}

TEST(ParseStanceGoldTest, NonNumericPositionGivesTheLineOfTheValue) {
  EXPECT_EQ(ErrorOf("{\"articles\": {\n"
                    " \"a.txt\": {\"stances\": [\n"
                    "  {\"actor\": \"UKR\", \"issue\": \"nato\",\n"
                    "   \"position\": \"high\", \"tolerance\": 5}\n"
                    " ]}\n}}\n"),
            "bad.json:4: articles[\"a.txt\"].stances[0]: \"position\" is \"high\", expected a "
            "number in 0-100");
}

TEST(ParseStanceGoldTest, OutOfRangeAndMissingNumbersAreRefused) {
  EXPECT_EQ(ErrorOf("{\"articles\": {\"a.txt\": {\"stances\": [\n"
                    "  {\"actor\": \"UKR\", \"issue\": \"nato\", \"position\": 120, "
                    "\"tolerance\": 5}]}}}"),
            "bad.json:2: articles[\"a.txt\"].stances[0]: \"position\" is 120, expected a number "
            "in 0-100");
  EXPECT_EQ(ErrorOf("{\"articles\": {\"a.txt\": {\"stances\": [\n"
                    "  {\"actor\": \"UKR\", \"issue\": \"nato\", \"position\": 20}]}}}"),
            "bad.json:2: articles[\"a.txt\"].stances[0]: missing \"tolerance\", expected a "
            "number in 0-100");
}

TEST(ParseStanceGoldTest, WrongShapesNameTheArticle) {
  EXPECT_EQ(ErrorOf("[]"), "bad.json:1: the document is not a JSON object");
  EXPECT_EQ(ErrorOf("{\"about\": \"x\"}"),
            "bad.json:1: missing \"articles\", expected an object of article ids");
  EXPECT_EQ(ErrorOf("{\"articles\": {\n \"a.txt\": {\"stances\": 3}}}"),
            "bad.json:2: articles[\"a.txt\"]: missing \"stances\", expected a list of stances");
  EXPECT_EQ(ErrorOf("{\"articles\": {\n \"a.txt\": {\"stances\": [], \"url\": 7}}}"),
            "bad.json:2: articles[\"a.txt\"]: \"url\" is not a string");
  EXPECT_EQ(ErrorOf("{\"articles\": {\n \"a.txt\": {\"stances\": [\n  \"UKR\"]}}}"),
            "bad.json:3: articles[\"a.txt\"].stances[0]: not an object, expected a stance");
}

TEST(LoadStanceGoldTest, MissingFileIsNotFound) {
  Result<StanceGold> gold = LoadStanceGold("/nonexistent/gold.json");
  ASSERT_FALSE(gold.ok());
  EXPECT_EQ(gold.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(gold.status().message(), "/nonexistent/gold.json: cannot open the gold file");
}

TEST(CheckStanceGoldTest, UnknownActorOrIssueGivesTheLineOfTheStance) {
  Scenario scenario;
  scenario.id = "test";
  auto add_actor = [&](const char* id) {
    scenario.actors.emplace_back();
    scenario.actors.back().id = id;
  };
  add_actor("UKR");
  add_actor("RUS");
  for (const char* id : {"territory", "nato", "guarantees"}) {
    scenario.issues.emplace_back();
    scenario.issues.back().id = id;
  }
  EXPECT_EQ(CheckStanceGold(Gold(), scenario).message(),
            "gold.json:12: articles[\"a.txt\"]: unknown actor \"USA\", expected an id of "
            "scenario test");
  add_actor("USA");
  EXPECT_TRUE(CheckStanceGold(Gold(), scenario).ok());
}

TEST(EvidenceIsVerbatimTest, FoldsCurlyQuotesAndWhiteSpace) {
  const std::string page = "He said \xE2\x80\x98no\xE2\x80\x99 to\xC2\xA0the\n\n  plan.";
  EXPECT_TRUE(EvidenceIsVerbatim("He said 'no' to the plan.", page));
  EXPECT_TRUE(EvidenceIsVerbatim("  said \xE2\x80\x9Cno\xE2\x80\x9D\n", "He said \"no\"."));
  EXPECT_FALSE(EvidenceIsVerbatim("He said no to the plan.", page));
  EXPECT_FALSE(EvidenceIsVerbatim("", page));
  EXPECT_FALSE(EvidenceIsVerbatim(" \n", page));
}

TEST(GoldArticleIdTest, IsTheFileName) {
  EXPECT_EQ(GoldArticleId("../shared/text/p001.txt"), "p001.txt");
  EXPECT_EQ(GoldArticleId("p001.txt"), "p001.txt");
}

TEST(ScoreStancesTest, ExactRecallPrecisionAndCounts) {
  const StanceGold gold = Gold();
  const std::vector<Statement> statements = Predictions();
  const StanceScore score = ScoreStances(gold, statements, kPages);
  EXPECT_EQ(score.total.gold, 4);
  EXPECT_EQ(score.total.hit, 1);
  EXPECT_EQ(score.total.predicted, 6);  // c.txt is not scored
  EXPECT_EQ(score.total.right, 1);
  EXPECT_DOUBLE_EQ(score.total.recall(), 0.25);
  EXPECT_DOUBLE_EQ(score.total.precision(), 1.0 / 6);
  EXPECT_EQ(score.verbatim, 5);  // b.txt's evidence is not in its page

  const ScoreCounts& territory = score.by_issue.at("territory");
  EXPECT_EQ(territory.gold, 2);
  EXPECT_EQ(territory.hit, 1);
  EXPECT_EQ(territory.predicted, 4);
  EXPECT_EQ(territory.right, 1);
  EXPECT_EQ(score.by_issue.at("guarantees").gold, 1);
  EXPECT_EQ(score.by_issue.at("guarantees").predicted, 0);
  EXPECT_EQ(score.by_issue.at("army").predicted, 1);
  const ScoreCounts& ukr = score.by_actor.at("UKR");
  EXPECT_EQ(ukr.gold, 2);
  EXPECT_EQ(ukr.hit, 1);
  EXPECT_EQ(ukr.predicted, 3);
  EXPECT_EQ(ukr.right, 1);
  EXPECT_EQ(score.by_actor.at("EU").gold, 0);
  EXPECT_EQ(score.by_actor.at("EU").predicted, 1);
}

TEST(ScoreStancesTest, EachPredictionGetsItsErrorClass) {
  const StanceGold gold = Gold();
  const std::vector<Statement> statements = Predictions();
  const StanceScore score = ScoreStances(gold, statements, kPages);
  ASSERT_EQ(score.predictions.size(), 6u);
  const GoldArticle& a = *gold.Find("a.txt");
  const GoldArticle& b = *gold.Find("b.txt");
  struct Expected {
    StanceErrorClass error_class;
    const GoldStance* gold;
    bool verbatim;
  };
  const std::vector<Expected> expected = {
      {StanceErrorClass::kRight, &a.stances[0], true},
      {StanceErrorClass::kWrongPoint, &a.stances[0], true},   // 45 vs 20 +-15, both below 50
      {StanceErrorClass::kWrongSide, &a.stances[1], true},    // 20 vs 90
      {StanceErrorClass::kWrongHolder, &a.stances[1], true},  // Russia's 90 +-10, said by EU
      {StanceErrorClass::kNotThere, nullptr, true},
      {StanceErrorClass::kWrongPoint, &b.stances[0], false},  // 50 is on neither side
  };
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(score.predictions[i].statement, &statements[i]);
    EXPECT_EQ(score.predictions[i].error_class, expected[i].error_class);
    EXPECT_EQ(score.predictions[i].gold, expected[i].gold);
    EXPECT_EQ(score.predictions[i].verbatim, expected[i].verbatim);
  }
  EXPECT_EQ(score.count(StanceErrorClass::kRight), 1);
  EXPECT_EQ(score.count(StanceErrorClass::kWrongPoint), 2);
  EXPECT_EQ(score.count(StanceErrorClass::kWrongSide), 1);
  EXPECT_EQ(score.count(StanceErrorClass::kWrongHolder), 1);
  EXPECT_EQ(score.count(StanceErrorClass::kNotThere), 1);
  EXPECT_EQ(score.count(StanceErrorClass::kMissed), 3);
}

TEST(ScoreStancesTest, GoldOutcomesNameTheMatchAndTheNearestStatement) {
  const StanceGold gold = Gold();
  const std::vector<Statement> statements = Predictions();
  const StanceScore score = ScoreStances(gold, statements, kPages);
  ASSERT_EQ(score.gold.size(), 4u);  // a.txt's three, then b.txt's one
  EXPECT_EQ(score.gold[0].stance->actor, "UKR");
  EXPECT_EQ(score.gold[0].match, &statements[0]);
  EXPECT_EQ(score.gold[0].nearest, &statements[0]);
  EXPECT_EQ(score.gold[1].match, nullptr);  // RUS 90: only a 20 was said
  EXPECT_EQ(score.gold[1].nearest, &statements[2]);
  EXPECT_EQ(score.gold[2].match, nullptr);  // USA guarantees: nothing
  EXPECT_EQ(score.gold[2].nearest, nullptr);
  EXPECT_EQ(score.gold[3].article->id, "b.txt");
  EXPECT_EQ(score.gold[3].nearest, &statements[5]);
}

TEST(ScoreStancesTest, PrecisionPerConfidenceBand) {
  const StanceGold gold = Gold();
  const std::vector<Statement> statements = Predictions();
  const StanceScore score = ScoreStances(gold, statements, kPages);
  EXPECT_EQ(ConfidenceBand(0.39), 0);
  EXPECT_EQ(ConfidenceBand(0.4), 1);
  EXPECT_EQ(ConfidenceBand(0.7), 2);
  EXPECT_EQ(score.by_confidence[0].predicted, 2);  // 0.3, 0.1
  EXPECT_EQ(score.by_confidence[0].right, 0);
  EXPECT_EQ(score.by_confidence[1].predicted, 2);  // 0.5, 0.4
  EXPECT_EQ(score.by_confidence[2].predicted, 2);  // 0.8, 0.75
  EXPECT_EQ(score.by_confidence[2].right, 1);
  EXPECT_DOUBLE_EQ(score.by_confidence[2].precision(), 0.5);
}

TEST(ScoreStancesTest, AnyMatchingStanceMakesAPredictionRightNotOnlyTheNearest) {
  const StanceGold gold = ParseStanceGold(R"({"articles": {"a.txt": {"stances": [
      {"actor": "UKR", "issue": "sanctions", "position": 20, "tolerance": 5},
      {"actor": "UKR", "issue": "sanctions", "position": 40, "tolerance": 20}]}}})",
                                          "gold.json")
                              .value();
  const std::vector<Statement> statements = {
      Make("a.txt", "UKR", "sanctions", 29, 0.5, "x"),
      Make("a.txt", "UKR", "sanctions", 35.000000001, 0.5, "x")};  // inclusive tolerance
  const StanceScore score = ScoreStances(gold, statements, {{"a.txt", "x"}});
  EXPECT_EQ(score.predictions[0].error_class, StanceErrorClass::kRight);
  EXPECT_EQ(score.predictions[0].gold, &gold.articles[0].stances[1]);
  EXPECT_EQ(score.predictions[1].error_class, StanceErrorClass::kRight);
  EXPECT_EQ(score.total.hit, 1);  // 20 +-5 is missed by both
  EXPECT_EQ(score.count(StanceErrorClass::kMissed), 1);
}

TEST(ScoreStancesTest, OnlyArticlesWithPageTextsAreScored) {
  const StanceGold gold = Gold();
  const std::vector<Statement> statements = Predictions();
  const StanceScore score = ScoreStances(gold, statements, {{"b.txt", kPages.at("b.txt")}});
  EXPECT_EQ(score.total.gold, 1);
  EXPECT_EQ(score.total.predicted, 1);
  EXPECT_EQ(score.count(StanceErrorClass::kMissed), 1);
  EXPECT_EQ(score.by_issue.count("territory"), 0u);
}

}  // namespace
}  // namespace parley
