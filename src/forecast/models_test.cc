// The one-shot models and the EUM formulas on cases worked by hand.
#include "models.h"

#include <gtest/gtest.h>

#include <cmath>

namespace parley::forecast {
namespace {

IssueView MakeView(std::vector<double> positions, std::vector<double> saliences,
                   std::vector<double> capabilities, std::optional<double> status_quo = {}) {
  IssueView view;
  view.positions = positions;
  view.position_lows = positions;
  view.position_highs = positions;
  view.saliences = std::move(saliences);
  view.capabilities = std::move(capabilities);
  for (size_t i = 0; i < view.positions.size(); ++i) view.actors.push_back(static_cast<int>(i));
  view.status_quo = status_quo;
  return view;
}

TEST(CompromiseTest, CapabilityTimesSalienceWeightedMean) {
  // Weights 100*50 = 5000, 50*100 = 5000, 50*0 = 0: (20*5000 + 80*5000) / 10000 = 50.
  EXPECT_DOUBLE_EQ(CompromiseForecast(MakeView({20, 80, 50}, {50, 100, 0}, {100, 50, 50})), 50);
  // Weights 1*10, 3*10: (0*10 + 100*30) / 40 = 75.
  EXPECT_DOUBLE_EQ(CompromiseForecast(MakeView({0, 100}, {10, 10}, {1, 3})), 75);
}

TEST(CompromiseTest, ZeroSaliencesFallBackToCapabilitiesThenToEqualWeights) {
  EXPECT_DOUBLE_EQ(CompromiseForecast(MakeView({0, 100}, {0, 0}, {1, 3})), 75);
  EXPECT_DOUBLE_EQ(CompromiseForecast(MakeView({0, 100}, {0, 0}, {0, 0})), 50);
}

TEST(WeightedMedianTest, PositionWhereHalfTheWeightIsReached) {
  // Total 7, half 3.5: cumulative 3 at 10, 5 at 40.
  EXPECT_DOUBLE_EQ(WeightedMedian({90, 10, 40}, {2, 3, 2}), 40);
  // A single heavy actor is the median.
  EXPECT_DOUBLE_EQ(WeightedMedian({10, 60, 90}, {1, 5, 1}), 60);
}

TEST(WeightedMedianTest, ExactHalfTakesMidpointToNextWeightedPosition) {
  // Cumulative weight at 20 is exactly half; 50 has no weight, so the next weighted point is 80.
  EXPECT_DOUBLE_EQ(WeightedMedian({20, 50, 80}, {1, 0, 1}), 50);
  EXPECT_DOUBLE_EQ(WeightedMedian({20, 30, 80, 90}, {1, 1, 1, 1}), 55);
}

TEST(NashTest, SymmetricActorsMeetHalfWay) {
  // Equal weights, no status quo: by symmetry the product peaks at 50.
  EXPECT_NEAR(NashForecast(MakeView({30, 70}, {50, 50}, {1, 1})), 50, 1e-9);
}

TEST(NashTest, ActorsOnBothSidesOfTheStatusQuoKeepIt) {
  // Any move away from 50 hurts one of them, so there is no agreement.
  EXPECT_DOUBLE_EQ(NashForecast(MakeView({30, 70}, {50, 50}, {1, 1}, 50.0)), 50);
}

TEST(NashTest, FirstOrderConditionHoldsAtTheSolution) {
  // Status quo 0, weights 1 (at 40) and 3 (at 60): the derivative of
  // sum_i w_i log((d - p_i)^2 - (x - p_i)^2) is zero at the answer.
  IssueView view = MakeView({40, 60}, {10, 10}, {1, 3}, 0.0);
  double x = NashForecast(view);
  double gain_a = 40 * 40 - (x - 40) * (x - 40);
  double gain_b = 60 * 60 - (x - 60) * (x - 60);
  double slope = 1 * (-2 * (x - 40)) / gain_a + 3 * (-2 * (x - 60)) / gain_b;
  EXPECT_NEAR(slope, 0, 1e-9);
  EXPECT_GT(x, 50);  // the heavier actor pulls it its way
  EXPECT_LT(x, 60);
}

TEST(NashTest, OneSidedActorsMoveAwayFromStatusQuo) {
  // Both want more than the status quo 10: any point in (10, 70) helps both.
  double x = NashForecast(MakeView({40, 60}, {50, 50}, {1, 1}, 10.0));
  EXPECT_GT(x, 40);
  EXPECT_LT(x, 60);
}

// Two actors worked by hand: A at 0 (capability 3), B at 100 (capability 1), both salience 100.
// w_A = 0.75, w_B = 0.25, d_AB = 1.
//   P_AB = 0.75 * 100 / (0.75 * 100 + 0.25 * 100) = 0.75.
//   r = 1: E_A(B) = 1 * (0.75 * 2 + 0.25 * -2) = 1, E_B(A) = 0.25 * 2 + 0.75 * -2 = -1.
//   Exposures S_A = E_B(A) = -1, S_B = 1: R_A = -1, r_A = (1 + 1/3) / (1 - 1/3) = 2;
//   R_B = 1, r_B = (2/3) / (4/3) = 0.5.
//   E_A(B) = 0.75 (2 - 4 * 0^2) + 0.25 (2 - 4 * 1^2) - (2 - 4 * 0.5^2) = 0.
//   E_B(A) = 0.25 * 2 + 0.75 * (2 - 4 * 1) - (2 - 4 * 0.5^0.5) = 2 sqrt(2) - 3.
TEST(EumTest, TwoActorRoundWorkedByHand) {
  EumRoundTrace trace = TraceEumRound(MakeView({0, 100}, {100, 100}, {3, 1}));
  ASSERT_EQ(trace.win_probability.size(), 4u);
  EXPECT_DOUBLE_EQ(trace.win_probability[0 * 2 + 1], 0.75);
  EXPECT_DOUBLE_EQ(trace.win_probability[1 * 2 + 0], 0.25);
  EXPECT_DOUBLE_EQ(trace.risk_neutral_expected[0 * 2 + 1], 1);
  EXPECT_DOUBLE_EQ(trace.risk_neutral_expected[1 * 2 + 0], -1);
  EXPECT_DOUBLE_EQ(trace.risk_exponent[0], 2);
  EXPECT_DOUBLE_EQ(trace.risk_exponent[1], 0.5);
  EXPECT_NEAR(trace.expected[0 * 2 + 1], 0, 1e-12);
  EXPECT_NEAR(trace.expected[1 * 2 + 0], 2 * std::sqrt(2.0) - 3, 1e-12);
}

TEST(EumTest, NobodyChallengesWithoutPositiveExpectedUtility) {
  // From the hand-worked case: E_A(B) = 0 and E_B(A) < 0, so no challenge and no move; the
  // forecast is the weighted median, A's position (it holds 75% of the weight).
  ModelRun run = RunEum(MakeView({0, 100}, {100, 100}, {3, 1}), 100, true);
  EXPECT_EQ(run.rounds, 0);
  EXPECT_TRUE(run.moves.empty());
  EXPECT_DOUBLE_EQ(run.forecast, 0);
}

// Third-party support: C sits at 30, so it votes for A (at 0) against B (at 100) with
// w_C (|30 - 100| - |30 - 0|) = w_C * 40. With equal weights 1/3 (capabilities 1, saliences
// 100): support for A = (100 + 40) / 3, for B = 100 / 3, so P_AB = 140 / 240.
TEST(EumTest, ThirdPartiesVoteForTheNearerSide) {
  EumRoundTrace trace = TraceEumRound(MakeView({0, 100, 30}, {100, 100, 100}, {1, 1, 1}));
  EXPECT_NEAR(trace.win_probability[0 * 3 + 1], 140.0 / 240.0, 1e-12);
  // C against A: A votes |0 - 0| - |0 - 30| = 30 for A; B votes |100 - 0| - |100 - 30| = 30
  // for C; C votes 30 for itself. P_CA = 60 / 90.
  EXPECT_NEAR(trace.win_probability[2 * 3 + 0], 60.0 / 90.0, 1e-12);
}

// The moves of one round follow from the expected utilities by the rules of section 6.
TEST(EumTest, FirstRoundMovesFollowTheResolutionRules) {
  IssueView view = MakeView({0, 25, 60, 100}, {90, 40, 70, 60}, {2, 1, 3, 1});
  EumRoundTrace trace = TraceEumRound(view);
  ModelRun run = RunEum(view, 1, true);
  size_t n = view.positions.size();
  for (size_t j = 0; j < n; ++j) {
    double best = 0;
    bool accepted = false;
    for (size_t i = 0; i < n; ++i) {
      double attack = i == j ? 0 : trace.expected[i * n + j];
      if (attack <= 1e-12) continue;
      double defence = trace.expected[j * n + i];
      double shift = view.positions[i] - view.positions[j];
      if (defence > 0 && attack <= defence) continue;
      if (defence <= 0 && -defence < attack) shift *= -defence / attack;
      if (!accepted || std::abs(shift) < std::abs(best)) best = shift;
      accepted = true;
    }
    EXPECT_NEAR(run.final_positions[j], view.positions[j] + best, 1e-9) << "actor " << j;
  }
}

TEST(EumTest, AllActorsAtOnePointIsStable) {
  ModelRun run = RunEum(MakeView({40, 40, 40}, {50, 10, 90}, {1, 2, 3}), 100, true);
  EXPECT_EQ(run.rounds, 0);
  EXPECT_DOUBLE_EQ(run.forecast, 40);
}

TEST(SmpTest, IdenticalActorsDoNotMove) {
  auto runs = RunSmp({MakeView({40, 40}, {50, 50}, {1, 1})}, 100, true);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].rounds, 0);
  EXPECT_DOUBLE_EQ(runs[0].forecast, 40);
}

TEST(SmpTest, ActorsAtTheEndsOfTheScaleGetAWellDefinedAnswer) {
  // KTAB itself crashes on DEU issues where every actor sits at 0 or 100.
  auto runs =
      RunSmp({MakeView({0, 100, 0, 100}, {50, 100, 30, 60}, {100, 50, 50, 70})}, 100, false);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_TRUE(std::isfinite(runs[0].forecast));
  EXPECT_GE(runs[0].forecast, 0);
  EXPECT_LE(runs[0].forecast, 100);
  for (double position : runs[0].final_positions) {
    EXPECT_GE(position, 0);
    EXPECT_LE(position, 100);
  }
}

// The first turn worked by hand for A (capability 2) at 0.2 and B (capability 1) at 0.6, both
// with salience 1 on one dimension, so d_AB = d_BA = 0.4.
//  Risk: utilities 1 - d; votes for A over B: A 2 * 0.4, B 1 * 0.4 the other way, so
//   P[A > B] = 2/3; conditional PCE P_A = 0.5 * 2/3, P_B = 0.5 * 1/3, normalised 2/3 and 1/3;
//   R_A = (3 * 2/3 - (2/3 + 2/3)) / (2/3) = 1, R_B = (1 - 4/3) / (2/3) = -0.5.
//  A challenging B, from A's view: u_AB = 0.6 * (1 + 0.4) = 0.84; B's attitude as A sees it
//   (2 * 1 - 0.5) / 3 = 0.5, u_BA = 0.6 * 1.2 = 0.72. Principal votes: A 2 * (1 - 0.84) = 0.32,
//   B 1 * (1 - 0.72) = 0.28 against, so P_AB = 0.32 / 0.6 = 8/15. Gain: 2 P + (1 - P) 2 * 0.84
//   - (1 + 0.84) = 0.0107 > 0. B challenging A gains -0.11: no bargain from B.
//  S2P2 bargain: w_A = (8/15)^2, w_B = (7/15)^2; both sides at
//   ((w_A + 1e-6) 0.2 + w_B 0.6) / (w_A + 1e-6 + w_B) = 0.37345 -> rounded 0.3735.
//  Choice: A's mean state utility is 0.92 at the status quo and 0.9699 after the bargain; B's
//   0.74 and 0.6859. Votes for the bargain 2 * 0.0499 against 1 * 0.0541: P = 0.648, so both
//   adopt it: 37.35 each.
TEST(SmpTest, FirstTurnWorkedByHand) {
  auto runs = RunSmp({MakeView({20, 60}, {100, 100}, {2, 1})}, 1, true);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_NEAR(runs[0].final_positions[0], 37.35, 1e-9);
  EXPECT_NEAR(runs[0].final_positions[1], 37.35, 1e-9);
  ASSERT_EQ(runs[0].moves.size(), 2u);
  EXPECT_EQ(runs[0].moves[1].toward, 0);  // B moved in a bargain with A
}

}  // namespace
}  // namespace parley::forecast
