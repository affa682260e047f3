// The ensemble: which actors count under which procedure, and the blend on cases worked by hand
// (testdata/forecast/deu_procedure.tsv).
#include "ensemble.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "models.h"

namespace parley::forecast {
namespace {

std::vector<DeuDecision> LoadDecisions() {
  std::string path = std::string(PARLEY_SOURCE_DIR) + "/testdata/forecast/deu_procedure.tsv";
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  auto decisions = ParseDeuTsv(text.str(), path);
  EXPECT_TRUE(decisions.ok()) << decisions.status().message();
  return decisions.ok() ? *decisions : std::vector<DeuDecision>();
}

double EnsembleOf(const Problem& problem) {
  auto forecasts = Forecast(problem, Model::kEnsemble, {});
  EXPECT_TRUE(forecasts.ok()) << forecasts.status().message();
  return forecasts.ok() ? forecasts->front().forecast : -1;
}

// p1i1, unanimity under consultation: the Commission (proposer) and the Parliament (consulted)
// sit out, leaving xa at 0 (weight 1 x 100) and xb at 100 (weight 3 x 100): compromise 75,
// mean 50; unanimity weights 0.3 / 0.7 / 0: 0.3 * 75 + 0.7 * 50 = 57.5.
TEST(EnsembleTest, UnanimityLeavesOutTheProposerAndAConsultedChamber) {
  auto decisions = LoadDecisions();
  ASSERT_EQ(decisions.size(), 3u);
  auto parts = EnsembleInputs(decisions[0].problem, 0);
  ASSERT_TRUE(parts.ok());
  EXPECT_DOUBLE_EQ(parts->compromise, 75);
  EXPECT_DOUBLE_EQ(parts->mean, 50);
  EXPECT_DOUBLE_EQ(EnsembleOf(decisions[0].problem), 57.5);
}

// p1i2, majority under co-decision: everyone counts. Weights com 4 x 50, ep 4 x 50, xa 100,
// xb 300 over positions 100, 0, 40, 60: compromise 42000 / 800 = 52.5, mean 50; majority
// weights 0 / 0.2 / 0.8.
TEST(EnsembleTest, MajorityUnderCodecisionCountsEveryone) {
  auto decisions = LoadDecisions();
  ASSERT_EQ(decisions.size(), 3u);
  auto parts = EnsembleInputs(decisions[1].problem, 0);
  ASSERT_TRUE(parts.ok());
  EXPECT_DOUBLE_EQ(parts->compromise, 52.5);
  EXPECT_DOUBLE_EQ(parts->mean, 50);
  EXPECT_GT(parts->nash, 40);
  EXPECT_LT(parts->nash, 60);
  EXPECT_DOUBLE_EQ(EnsembleOf(decisions[1].problem), 0.2 * 50 + 0.8 * parts->nash);
  // Under consultation the Parliament sits out: mean of 100, 40 and 60.
  Problem consulted = decisions[1].problem;
  consulted.issues[0].second_chamber_veto = false;
  EXPECT_DOUBLE_EQ(EnsembleInputs(consulted, 0)->mean, 200.0 / 3);
}

// p2i1 gives no procedure: everyone counts and the weights for an unknown rule apply.
// Compromise (30 * 200 + 70 * 200 + 20 * 100 + 80 * 300) / 800 = 57.5, mean 50:
// 0.3 * 57.5 + 0.7 * 50 = 52.25.
TEST(EnsembleTest, WithoutProcedureEveryoneCounts) {
  auto decisions = LoadDecisions();
  ASSERT_EQ(decisions.size(), 3u);
  EXPECT_DOUBLE_EQ(EnsembleOf(decisions[2].problem), 52.25);
}

TEST(EnsembleTest, AnIssueOnlyTheProposerSpeaksToKeepsIt) {
  IssueView view;
  view.positions = view.position_lows = view.position_highs = {30};
  view.saliences = {50};
  view.capabilities = {4};
  view.actors = {0};
  view.roles = {ActorRole::kProposer};
  view.voting_rule = VotingRule::kUnanimity;
  EXPECT_EQ(CountingView(view).positions.size(), 1u);
  EXPECT_DOUBLE_EQ(EnsembleForecast(view), 30);
}

// A regression: with every salience 0 the old ensemble's eum part collapsed to one end of the
// scale. No stated salience now reads as equal saliences, in the ensemble and in eum.
TEST(EnsembleTest, AllSaliencesZeroActLikeEqualSaliences) {
  IssueView silent;
  silent.positions = silent.position_lows = silent.position_highs = {0, 30, 70, 100};
  silent.capabilities = {1, 2, 3, 4};
  silent.actors = {0, 1, 2, 3};
  silent.saliences = {0, 0, 0, 0};
  IssueView equal = silent;
  equal.saliences = {60, 60, 60, 60};
  EXPECT_DOUBLE_EQ(EnsembleForecast(silent), EnsembleForecast(equal));
  EXPECT_DOUBLE_EQ(RunEum(silent, 100, false).forecast, 70);
  EXPECT_DOUBLE_EQ(RunEum(silent, 100, false).forecast, RunEum(equal, 100, false).forecast);
}

}  // namespace
}  // namespace parley::forecast
