// The typed entry points of the forecast stage: ProblemFromPositions(), ParsePositionsDocument(),
// ForecastPositions() and the KTAB writer, on small fixture documents.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "parley/forecast.h"

namespace parley::forecast {
namespace {

PositionsDocument::Cell MakeCell(const std::string& actor, const std::string& issue,
                                 double position, CellBasis basis = CellBasis::kEvidence) {
  PositionsDocument::Cell cell;
  cell.actor = actor;
  cell.issue = issue;
  cell.position = cell.low = cell.high = position;
  cell.salience = 50;
  cell.basis = basis;
  return cell;
}

// "deal": A (capability 80) at 10 and B (10) at 90 with evidence, C (10) at 60 a prior.
// "talks": only A has evidence; C's prior does not count. "silent": nobody has spoken.
PositionsDocument Fixture() {
  PositionsDocument document;
  document.scenario = "t";
  document.actors = {{"A", "Alpha", 80, ""}, {"B", "", 10, ""}, {"C", "", 10, ""}};
  document.issues.push_back({"deal", "Deal", 30.0, "", std::nullopt});
  document.issues.push_back({"talks", "", std::nullopt, "", std::nullopt});
  document.issues.push_back({"silent", "", std::nullopt, "", std::nullopt});
  document.cells = {MakeCell("A", "deal", 10), MakeCell("B", "deal", 90),
                    MakeCell("C", "deal", 60, CellBasis::kPrior), MakeCell("A", "talks", 30),
                    MakeCell("C", "talks", 80, CellBasis::kPrior)};
  document.cells[1].low = 80;
  return document;
}

TEST(ProblemFromPositionsTest, BuildsActorsIssuesAndStances) {
  PositionsDocument document = Fixture();
  document.issues.pop_back();  // "silent" has no cell
  auto problem = ProblemFromPositions(document, "typed");
  ASSERT_TRUE(problem.ok()) << problem.status().message();
  EXPECT_EQ(problem->scenario, "typed");
  EXPECT_TRUE(problem->evidence_known);
  ASSERT_EQ(problem->actors.size(), 3u);
  EXPECT_EQ(problem->actors[0].name, "Alpha");
  EXPECT_EQ(problem->actors[1].name, "B");  // no name: the id
  EXPECT_EQ(problem->actors[0].line, 0);
  ASSERT_EQ(problem->issues.size(), 2u);
  EXPECT_EQ(problem->issues[0].status_quo, 30);
  ASSERT_EQ(problem->issues[0].stances.size(), 3u);
  const Stance& b = problem->issues[0].stances[1];
  EXPECT_EQ(b.actor, 1);
  EXPECT_EQ(b.position, 90);
  EXPECT_EQ(b.position_low, 80);
  EXPECT_EQ(b.position_high, 90);
  EXPECT_TRUE(b.evidence);
  EXPECT_FALSE(problem->issues[0].stances[2].evidence);  // a prior
}

TEST(ProblemFromPositionsTest, ErrorsNameTheElementWithoutALine) {
  PositionsDocument document = Fixture();
  document.cells[3].actor = "GREEN";
  auto unknown = ProblemFromPositions(document, "typed");
  EXPECT_EQ(unknown.status().message(),
            "typed: cells[3]: unknown actor \"GREEN\", expected an id from \"actors\"");
  document = Fixture();
  document.cells[0].salience = 140;
  EXPECT_EQ(ProblemFromPositions(document, "typed").status().message(),
            "typed: cells[0]: \"salience\" is 140, expected 0-100");
  document = Fixture();
  document.actors[2].role = "king";
  EXPECT_EQ(ProblemFromPositions(document, "typed").status().message(),
            "typed: actors[2]: \"role\" is \"king\", expected \"member\", \"proposer\" or "
            "\"second_chamber\"");
  document = Fixture();
  EXPECT_EQ(ProblemFromPositions(document, "typed").status().message(),
            "typed: issues[2]: issue \"silent\" has no cells, expected at least one actor with a "
            "position");
}

TEST(ParsePositionsDocumentTest, TheJsonEdgeGivesTheSameProblemAsTheTypedPath) {
  const std::string text = R"({"scenario": "t", "as_of": "2025-12-01",
    "actors": [{"id": "A", "name": "Alpha", "capability": 80, "role": "proposer"},
               {"id": "B", "capability": 10}],
    "issues": [{"id": "deal", "status_quo": 30, "voting_rule": "unanimity",
                "second_chamber_veto": true}],
    "cells": [{"actor": "A", "issue": "deal", "position": 10, "salience": 50,
               "evidence": [{"doc": "a.txt", "date": "2025-11-30", "outlet": "X", "text": "t",
                             "span": [3, 9]}]},
              {"actor": "B", "issue": "deal", "position": 90, "low": 80, "high": 95,
               "salience": 40, "basis": "override", "counts_as_evidence": true, "note": "n"}],
    "timeline": [{"actor": "A", "issue": "deal", "from": 30, "to": 10, "from_date": "2025-11-01",
                  "to_date": "2025-11-30", "doc": "a.txt", "text": "t"}]})";
  auto document = ParsePositionsDocument(text, "t.json");
  ASSERT_TRUE(document.ok()) << document.status().message();
  EXPECT_EQ(document->as_of, "2025-12-01");
  EXPECT_EQ(document->actors[0].role, "proposer");
  EXPECT_EQ(document->issues[0].voting_rule, "unanimity");
  EXPECT_EQ(document->issues[0].second_chamber_veto, true);
  ASSERT_EQ(document->cells.size(), 2u);
  EXPECT_EQ(document->cells[0].low, 10);  // no range: the position
  ASSERT_EQ(document->cells[0].evidence.size(), 1u);
  EXPECT_EQ(document->cells[0].evidence[0].span_end, 9);
  EXPECT_EQ(document->cells[1].basis, CellBasis::kOverride);
  EXPECT_TRUE(document->cells[1].counts_as_evidence);
  EXPECT_EQ(document->cells[1].note, "n");
  ASSERT_EQ(document->timeline.size(), 1u);
  EXPECT_EQ(document->timeline[0].from, 30);

  auto typed = ProblemFromPositions(*document, "t.json");
  auto parsed = ParsePositionsJson(text, "t.json");
  ASSERT_TRUE(typed.ok() && parsed.ok());
  ASSERT_EQ(typed->issues.size(), 1u);
  EXPECT_EQ(typed->issues[0].voting_rule, VotingRule::kUnanimity);
  EXPECT_EQ(typed->actors[0].role, ActorRole::kProposer);
  for (Model model : AllModels()) {
    auto a = Forecast(*typed, model, {});
    auto b = Forecast(*parsed, model, {});
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->front().forecast, b->front().forecast) << ModelName(model);
  }
}

TEST(ParsePositionsDocumentTest, TypeErrorsKeepTheirLine) {
  auto document = ParsePositionsDocument(
      "{\"actors\": [{\"id\": \"A\", \"capability\": 1}],\n\"issues\": [{\"id\": \"x\"}],\n"
      "\"cells\": [{\"actor\": \"A\", \"issue\": \"x\", \"position\": \"high\", \"salience\": 1}]}",
      "bad.json");
  EXPECT_EQ(document.status().message(),
            "bad.json:3: cells[0]: \"position\" is \"high\", expected a number in 0-100");
}

TEST(ForecastPositionsTest, ForecastsSpokenIssuesWithEvidenceAndNamesTheOthers) {
  ForecastOptions options;
  options.calibration.headline = Model::kCompromise;
  auto forecast = ForecastPositions(Fixture(), {Model::kCompromise, Model::kMedian}, options);
  ASSERT_TRUE(forecast.ok()) << forecast.status().message();
  ASSERT_EQ(forecast->problem.issues.size(), 2u);  // "silent" left out
  ASSERT_EQ(forecast->entries.size(), 2u);         // "deal" by each model; "talks" withheld
  const auto& compromise = forecast->entries[0];
  EXPECT_EQ(compromise.result.issue, "deal");
  EXPECT_TRUE(compromise.headline);
  // (80*50*10 + 10*50*90 + 10*50*60) / (80*50 + 10*50 + 10*50) = 115000 / 5000.
  EXPECT_DOUBLE_EQ(compromise.result.forecast, 23);
  EXPECT_FALSE(compromise.result.sensitivities.empty());
  EXPECT_FALSE(forecast->entries[1].headline);
  EXPECT_TRUE(forecast->entries[1].result.sensitivities.empty());
  ASSERT_EQ(forecast->withheld.size(), 1u);
  EXPECT_EQ(forecast->withheld[0].first, "talks");
  EXPECT_EQ(forecast->withheld[0].second,
            "needs evidence from an actor at or above 50; evidence only from A (30)");

  nlohmann::json entries = ForecastsJson(*forecast);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["forecast"], 23.0);
  EXPECT_EQ(entries[0]["headline"], true);
  EXPECT_EQ(entries[0]["leans_on_priors"], nlohmann::json::array({"C"}));
  EXPECT_EQ(NoForecastJson(*forecast),
            nlohmann::json::array({{{"issue", "talks"},
                                    {"missing",
                                     "needs evidence from an actor at or above 50; evidence only "
                                     "from A (30)"}}}));
}

// ForecastIssue() keeps the problem's evidence rule: the dashboard's old what-if path lost it and
// forecast issues the report withholds.
TEST(ForecastPositionsTest, ForecastIssueKeepsTheEvidenceRule) {
  PositionsDocument document = Fixture();
  document.issues.pop_back();
  auto problem = ProblemFromPositions(document, "typed");
  ASSERT_TRUE(problem.ok()) << problem.status().message();
  auto talks = ForecastIssue(*problem, 1, Model::kCompromise, {});
  ASSERT_TRUE(talks.ok());
  EXPECT_FALSE(talks->evidence.enough);
  EXPECT_EQ(talks->evidence.missing,
            "needs evidence from an actor at or above 50; evidence only from A (30)");
}

TEST(ForecastPositionsTest, NobodySpokenGivesNoEntries) {
  PositionsDocument document = Fixture();
  document.cells.clear();
  auto forecast = ForecastPositions(document, AllModels(), {});
  ASSERT_TRUE(forecast.ok());
  EXPECT_TRUE(forecast->entries.empty());
  EXPECT_TRUE(forecast->problem.issues.empty());
}

TEST(KtabCsvWriterTest, RoundTripsThroughTheKtabParser) {
  PositionsDocument positions;
  positions.scenario = "harbour";
  positions.actors = {{"N", "North, council", 60, ""}, {"S", "South", 40, ""}};
  positions.issues.push_back({"quota", "Quota", 30.0, "", std::nullopt});
  positions.issues.push_back({"silent", "Silent", std::nullopt, "", std::nullopt});
  PositionsDocument::Cell cell = MakeCell("N", "quota", 20);
  cell.salience = 80;
  positions.cells = {cell};
  std::string csv = KtabCsv(positions);
  EXPECT_EQ(csv,
            "harbour,exported by parley,2,1\n"
            "Actor,Description,Influence,Quota Position,Quota Salience\n"
            "N,North  council,60.0,20.0,80.0\n"
            "S,South,40.0,30.0,0.0\n");
  auto problem = ParseKtabCsv(csv, "export.csv");
  ASSERT_TRUE(problem.ok()) << problem.status().message();
  EXPECT_EQ(problem->actors.size(), 2u);
  ASSERT_EQ(problem->issues.size(), 1u);
}

}  // namespace
}  // namespace parley::forecast
