// Input parsers of the forecast stage: KTAB CSV, positions JSON, DEU TSV.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "parley/forecast.h"

namespace parley::forecast {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(PARLEY_SOURCE_DIR) + "/testdata/forecast/" + name;
}

std::string ReadFixture(const std::string& name) {
  std::ifstream file(Fixture(name));
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

Result<Problem> ParseCsvFixture(const std::string& name) {
  return ParseKtabCsv(ReadFixture(name), name);
}

Result<Problem> ParseJsonFixture(const std::string& name) {
  return ParsePositionsJson(ReadFixture(name), name);
}

TEST(KtabCsvTest, ReadsActorsWithTrailingCommasAndBlankLastLine) {
  auto problem = ParseCsvFixture("three_actors.csv");
  ASSERT_TRUE(problem.ok()) << problem.status().message();
  EXPECT_EQ(problem->scenario, "three_actors");
  ASSERT_EQ(problem->actors.size(), 3u);
  EXPECT_EQ(problem->actors[1].id, "South");
  EXPECT_EQ(problem->actors[1].name, "Southern delegation");
  EXPECT_EQ(problem->actors[1].capability, 50);
  EXPECT_EQ(problem->actors[1].line, 4);
  ASSERT_EQ(problem->issues.size(), 1u);
  EXPECT_EQ(problem->issues[0].id, "Budget Position");
  ASSERT_EQ(problem->issues[0].stances.size(), 3u);
  EXPECT_EQ(problem->issues[0].stances[1].position, 80);
  EXPECT_EQ(problem->issues[0].stances[1].salience, 100);
  EXPECT_EQ(problem->issues[0].stances[2].salience, 0);
}

TEST(KtabCsvTest, ReadsTwoDimensions) {
  auto problem = ParseCsvFixture("harbour.csv");
  ASSERT_TRUE(problem.ok()) << problem.status().message();
  ASSERT_EQ(problem->issues.size(), 2u);
  EXPECT_EQ(problem->issues[1].id, "Hours Position");
  EXPECT_EQ(problem->issues[1].stances[2].position, 60);
  EXPECT_EQ(problem->issues[1].stances[2].salience, 50);
}

TEST(KtabCsvTest, QuotedDescriptionMayHoldCommas) {
  auto problem = ParseKtabCsv(
      "Q,\"A scenario, with a comma\",1,1,\nActor,Description,Power,P,S,\n"
      "Solo,\"Alone, really\",10,30,40,\n",
      "quoted.csv");
  ASSERT_TRUE(problem.ok()) << problem.status().message();
  EXPECT_EQ(problem->actors[0].name, "Alone, really");
}

TEST(KtabCsvTest, MissingSalienceNamesLineAndField) {
  auto problem = ParseCsvFixture("missing_salience.csv");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(problem.status().message(),
            "missing_salience.csv:5: actor 'East' has no salience of dimension 1, expected 5 "
            "fields: actor,description,capability,pos1,sal1,...");
}

TEST(KtabCsvTest, NegativeCapabilityIsRejected) {
  auto problem = ParseCsvFixture("negative_capability.csv");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().message(),
            "negative_capability.csv:4: capability of 'South' is -50, expected >= 0");
}

TEST(KtabCsvTest, NanPositionIsRejected) {
  auto problem = ParseCsvFixture("nan_position.csv");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().message(),
            "nan_position.csv:3: position of 'North' on dimension 1 is 'nan', expected a number");
}

TEST(KtabCsvTest, SaliencesOverOneHundredInSumAreRejected) {
  auto problem = ParseCsvFixture("salience_sum.csv");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().message(),
            "salience_sum.csv:3: saliences of 'City' sum to 110, expected at most 100");
}

TEST(KtabCsvTest, ZeroActorsIsRejected) {
  auto problem = ParseCsvFixture("zero_actors.csv");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().message(),
            "zero_actors.csv:1: nActors is 0, expected at least 1 actor");
}

TEST(KtabCsvTest, FewerActorLinesThanAnnounced) {
  auto problem = ParseCsvFixture("short_count.csv");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().message(),
            "short_count.csv:5: found 2 actor lines, expected 3 (nActors on line 1)");
}

TEST(KtabCsvTest, PositionOutsideScale) {
  auto problem =
      ParseKtabCsv("T,d,1,1\nActor,Description,Power,P,S\nSolo,x,10,130,40\n", "scale.csv");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().message(),
            "scale.csv:3: position of 'Solo' on dimension 1 is 130, expected 0-100");
}

TEST(KtabCsvTest, EmptyFile) {
  auto problem = ParseKtabCsv("", "empty.csv");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().message(), "empty.csv:1: empty file, expected a KTAB scenario CSV");
}

TEST(PositionsJsonTest, ReadsActorsIssuesCellsAndRanges) {
  auto problem = ParseJsonFixture("ceasefire.json");
  ASSERT_TRUE(problem.ok()) << problem.status().message();
  EXPECT_EQ(problem->scenario, "ceasefire");
  ASSERT_EQ(problem->actors.size(), 3u);
  EXPECT_EQ(problem->actors[2].name, "Mediator");
  EXPECT_EQ(problem->actors[2].line, 7);
  ASSERT_EQ(problem->issues.size(), 2u);
  EXPECT_EQ(problem->issues[0].status_quo, 30);
  EXPECT_FALSE(problem->issues[1].status_quo.has_value());
  ASSERT_EQ(problem->issues[0].stances.size(), 3u);
  const Stance& blue = problem->issues[0].stances[1];
  EXPECT_EQ(blue.actor, 1);
  EXPECT_EQ(blue.position_low, 70);
  EXPECT_EQ(blue.position_high, 90);
  const Stance& mediator = problem->issues[0].stances[2];
  EXPECT_EQ(mediator.position_low, 50);  // no range given: the position itself
  EXPECT_EQ(mediator.position_high, 50);
  // The mediator has no cell on "monitors" and sits that issue out.
  EXPECT_EQ(problem->issues[1].stances.size(), 2u);
}

TEST(PositionsJsonTest, UnknownActorNamesTheCellLine) {
  auto problem = ParseJsonFixture("unknown_actor.json");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().message(),
            "unknown_actor.json:11: cells[1]: unknown actor \"GREEN\", expected an id from "
            "\"actors\"");
}

TEST(PositionsJsonTest, MissingSalienceNamesTheCellLine) {
  auto problem = ParseJsonFixture("missing_salience.json");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().message(),
            "missing_salience.json:10: cells[0]: missing \"salience\", expected a number in "
            "0-100");
}

TEST(PositionsJsonTest, MalformedJsonNamesTheLine) {
  auto problem = ParseJsonFixture("malformed.json");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(problem.status().message().rfind("malformed.json:4: malformed JSON", 0), 0u)
      << problem.status().message();
}

TEST(PositionsJsonTest, CapabilityOutsideScale) {
  auto problem = ParsePositionsJson(
      R"({"actors":[{"id":"A","capability":-1}],"issues":[],"cells":[]})", "neg.json");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().message(),
            "neg.json:1: actors[0]: \"capability\" is -1, expected 0-100");
}

TEST(PositionsJsonTest, IssueWithoutCells) {
  auto problem = ParsePositionsJson(
      "{\"actors\":[{\"id\":\"A\",\"capability\":1}],\n\"issues\":[{\"id\":\"x\"}],\n"
      "\"cells\":[]}",
      "empty-issue.json");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().message(),
            "empty-issue.json:2: issues[0]: issue \"x\" has no cells, expected at least one "
            "actor with a position");
}

TEST(PositionsJsonTest, RangeMustContainPosition) {
  auto problem = ParsePositionsJson(
      R"({"actors":[{"id":"A","capability":1}],"issues":[{"id":"x"}],)"
      R"("cells":[{"actor":"A","issue":"x","position":50,"low":60,"high":70,"salience":5}]})",
      "range.json");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().message(),
            "range.json:1: cells[0]: range low 60 .. high 70 does not contain position 50, "
            "expected low <= position <= high");
}

TEST(PositionsJsonTest, ReadsRolesVotingRuleAndSecondChamberVeto) {
  auto problem = ParsePositionsJson(ReadFixture("council.json"), "council.json");
  ASSERT_TRUE(problem.ok()) << problem.status().message();
  EXPECT_EQ(problem->actors[0].role, ActorRole::kMember);  // no "role": a member
  EXPECT_EQ(problem->actors[2].role, ActorRole::kProposer);
  EXPECT_EQ(problem->actors[3].role, ActorRole::kSecondChamber);
  EXPECT_EQ(problem->issues[0].voting_rule, VotingRule::kUnanimity);
  EXPECT_EQ(problem->issues[0].second_chamber_veto, false);
  EXPECT_EQ(problem->issues[1].voting_rule, VotingRule::kMajority);
  EXPECT_EQ(problem->issues[1].second_chamber_veto, true);
  // Unanimity, assembly consulted: only NORTH (30 x 50) and SOUTH (10 x 50) count: compromise
  // 30, mean 40, blended 0.3 * 30 + 0.7 * 40 = 37.
  auto forecasts = Forecast(*problem, Model::kEnsemble, {});
  ASSERT_TRUE(forecasts.ok());
  EXPECT_DOUBLE_EQ((*forecasts)[0].forecast, 37);
}

TEST(PositionsJsonTest, UnknownRoleNamesTheActor) {
  auto problem = ParsePositionsJson(ReadFixture("bad_role.json"), "bad_role.json");
  ASSERT_FALSE(problem.ok());
  EXPECT_EQ(problem.status().message(),
            "bad_role.json:4: actors[1]: \"role\" is \"president\", expected \"member\", "
            "\"proposer\" or \"second_chamber\"");
}

TEST(DeuTsvTest, ReadsDecisionsWithOutcomeAndPositions) {
  auto decisions = ParseDeuTsv(ReadFixture("deu_small.tsv"), "deu_small.tsv");
  ASSERT_TRUE(decisions.ok()) << decisions.status().message();
  // x2 has no outcome and x3 no positions: both are skipped.
  ASSERT_EQ(decisions->size(), 1u);
  const DeuDecision& decision = decisions->front();
  EXPECT_EQ(decision.outcome, 60);
  EXPECT_EQ(decision.reference_point, 0);
  EXPECT_EQ(decision.voting_rule, "QMV");
  const Problem& problem = decision.problem;
  ASSERT_EQ(problem.actors.size(), 3u);
  EXPECT_EQ(problem.actors[0].capability, 2);
  ASSERT_EQ(problem.issues.size(), 1u);
  EXPECT_EQ(problem.issues[0].id, "x1");
  ASSERT_EQ(problem.issues[0].stances.size(), 3u);
  EXPECT_EQ(problem.issues[0].stances[2].salience, 0);  // missing salience counts as 0
}

TEST(DeuTsvTest, ReadsTheProcedureAndTheRolesOfCommissionAndParliament) {
  auto decisions = ParseDeuTsv(ReadFixture("deu_procedure.tsv"), "deu_procedure.tsv");
  ASSERT_TRUE(decisions.ok()) << decisions.status().message();
  ASSERT_EQ(decisions->size(), 3u);
  const Problem& first = (*decisions)[0].problem;
  EXPECT_EQ(first.actors[0].id, "com");
  EXPECT_EQ(first.actors[0].role, ActorRole::kProposer);
  EXPECT_EQ(first.actors[1].role, ActorRole::kSecondChamber);
  EXPECT_EQ(first.actors[2].role, ActorRole::kMember);
  EXPECT_EQ((*decisions)[0].proposal, "p1");
  EXPECT_EQ((*decisions)[0].procedure, "CNS");
  EXPECT_EQ(first.issues[0].voting_rule, VotingRule::kUnanimity);
  EXPECT_EQ(first.issues[0].second_chamber_veto, false);
  EXPECT_FALSE(first.issues[0].status_quo.has_value());  // rp stays in reference_point
  const Issue& second = (*decisions)[1].problem.issues[0];
  EXPECT_EQ(second.voting_rule, VotingRule::kMajority);  // "QMV(10)"
  EXPECT_EQ(second.second_chamber_veto, true);           // "COD"
  const Issue& third = (*decisions)[2].problem.issues[0];
  EXPECT_FALSE(third.voting_rule.has_value());
  EXPECT_FALSE(third.second_chamber_veto.has_value());
}

TEST(DeuTsvTest, BadNumberNamesTheLine) {
  auto decisions = ParseDeuTsv(
      "isnr\tcounvte\tpaa\tsaa\trp\tout\n\t\t1\t\t\t\nx\tQMV\tlots\t5\t\t50\n", "bad.tsv");
  ASSERT_FALSE(decisions.ok());
  EXPECT_EQ(decisions.status().message(), "bad.tsv:3: paa is 'lots', expected 0-100");
}

}  // namespace
}  // namespace parley::forecast
