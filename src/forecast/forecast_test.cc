// The public forecast API: dispatch, validation, Monte Carlo, sensitivity, determinism.
#include "parley/forecast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

namespace parley::forecast {
namespace {

Problem LoadFixture(const std::string& name) {
  auto problem =
      LoadProblem(std::string(PARLEY_SOURCE_DIR) + "/testdata/forecast/" + name, 1 << 20);
  EXPECT_TRUE(problem.ok()) << problem.status().message();
  return problem.ok() ? *problem : Problem();
}

IssueForecast ForecastOne(const Problem& problem, Model model,
                          const ForecastOptions& options = {}) {
  auto forecasts = Forecast(problem, model, options);
  EXPECT_TRUE(forecasts.ok()) << forecasts.status().message();
  return forecasts.ok() ? forecasts->front() : IssueForecast();
}

TEST(ModelNameTest, RoundTripsEveryModel) {
  for (Model model : AllModels()) {
    auto parsed = ParseModel(ModelName(model));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, model);
  }
  auto unknown = ParseModel("oracle");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(),
            "unknown model 'oracle', expected compromise, median, nash, eum, smp, ensemble or all");
}

TEST(ForecastTest, ThreeActorsCompromiseAndMedian) {
  Problem problem = LoadFixture("three_actors.csv");
  IssueForecast compromise = ForecastOne(problem, Model::kCompromise);
  EXPECT_EQ(compromise.issue, "Budget Position");
  EXPECT_DOUBLE_EQ(compromise.forecast, 50);
  EXPECT_DOUBLE_EQ(compromise.p10, 50);
  EXPECT_DOUBLE_EQ(compromise.p90, 50);
  EXPECT_EQ(compromise.rounds, 0);
  ASSERT_EQ(compromise.final_positions.size(), 3u);
  EXPECT_EQ(compromise.final_positions[1], std::make_pair(1, 80.0));
  EXPECT_DOUBLE_EQ(ForecastOne(problem, Model::kMedian).forecast, 50);
}

TEST(ForecastTest, EveryModelAnswersWhenAllActorsShareOnePoint) {
  Problem problem = LoadFixture("one_point.csv");
  for (Model model : AllModels()) {
    IssueForecast forecast = ForecastOne(problem, model);
    EXPECT_DOUBLE_EQ(forecast.forecast, 40) << ModelName(model);
    EXPECT_EQ(forecast.rounds, 0) << ModelName(model);
  }
}

TEST(ForecastTest, EveryModelAnswersWhenActorsSitAtTheEnds) {
  Problem problem = LoadFixture("poles_apart.csv");
  for (Model model : AllModels()) {
    IssueForecast forecast = ForecastOne(problem, model);
    EXPECT_TRUE(std::isfinite(forecast.forecast)) << ModelName(model);
    EXPECT_GE(forecast.forecast, 0) << ModelName(model);
    EXPECT_LE(forecast.forecast, 100) << ModelName(model);
  }
}

TEST(ForecastTest, NashUsesTheStatusQuoOfThePositionsDocument) {
  Problem problem = LoadFixture("ceasefire.json");
  auto forecasts = Forecast(problem, Model::kNash, {});
  ASSERT_TRUE(forecasts.ok());
  // border: RED at 20 and BLUE at 80 on both sides of the status quo 30: no agreement.
  EXPECT_DOUBLE_EQ((*forecasts)[0].forecast, 30);
  // monitors: no status quo, RED (60 x 30) at 10 and BLUE (40 x 70) at 90.
  EXPECT_GT((*forecasts)[1].forecast, 50);
}

TEST(ForecastTest, SmpBargainsOverBothIssuesJointly) {
  Problem problem = LoadFixture("harbour.csv");
  auto forecasts = Forecast(problem, Model::kSmp, {});
  ASSERT_TRUE(forecasts.ok());
  ASSERT_EQ(forecasts->size(), 2u);
  EXPECT_EQ((*forecasts)[0].rounds, (*forecasts)[1].rounds);  // one joint run
  EXPECT_GT((*forecasts)[0].rounds, 0);
  for (const IssueForecast& forecast : *forecasts) {
    EXPECT_GE(forecast.forecast, 0);
    EXPECT_LE(forecast.forecast, 100);
    for (const Move& move : forecast.moves) EXPECT_EQ(move.reason, MoveReason::kBargain);
  }
}

TEST(ForecastTest, MonteCarloIsDeterministicForASeed) {
  Problem problem = LoadFixture("ceasefire.json");
  ForecastOptions options;
  options.samples = 500;
  options.seed = 42;
  options.jitter = 5;
  options.threshold = 50;
  for (Model model : {Model::kCompromise, Model::kEum, Model::kSmp}) {
    auto first = Forecast(problem, model, options);
    auto second = Forecast(problem, model, options);
    ASSERT_TRUE(first.ok() && second.ok());
    for (size_t i = 0; i < first->size(); ++i) {
      EXPECT_EQ((*first)[i].p10, (*second)[i].p10);
      EXPECT_EQ((*first)[i].p50, (*second)[i].p50);
      EXPECT_EQ((*first)[i].p90, (*second)[i].p90);
      EXPECT_EQ((*first)[i].probability_above, (*second)[i].probability_above);
      EXPECT_LE((*first)[i].p10, (*first)[i].p50);
      EXPECT_LE((*first)[i].p50, (*first)[i].p90);
    }
  }
}

TEST(ForecastTest, RangesWidenTheQuantiles) {
  Problem problem = LoadFixture("ceasefire.json");
  ForecastOptions options;
  options.samples = 1000;
  IssueForecast border = ForecastOne(problem, Model::kCompromise, options);
  EXPECT_LT(border.p10, border.forecast);
  EXPECT_GT(border.p90, border.forecast);
  // Positions stay within their ranges: the weighted mean stays within the mean of the ends.
  EXPECT_GT(border.p10, 20);
  EXPECT_LT(border.p90, 70);
}

TEST(ForecastTest, ThresholdProbabilityWithoutSamplesIsZeroOrOne) {
  Problem problem = LoadFixture("three_actors.csv");
  ForecastOptions options;
  options.threshold = 50;
  EXPECT_EQ(ForecastOne(problem, Model::kCompromise, options).probability_above, 1.0);
  options.threshold = 50.5;
  EXPECT_EQ(ForecastOne(problem, Model::kCompromise, options).probability_above, 0.0);
}

// Compromise on three_actors.csv: North and South hold half the weight each, East none.
// Swinging North's position 10..30 moves the forecast 45..55 (swing 10); its salience 40..60
// moves it 53.33..47.27 (6.06). South likewise swings 10; East moves nothing.
TEST(ForecastTest, SensitivityNamesTheActorsThatMoveTheForecast) {
  Problem problem = LoadFixture("three_actors.csv");
  ForecastOptions options;
  options.sensitivity = true;
  IssueForecast forecast = ForecastOne(problem, Model::kCompromise, options);
  ASSERT_EQ(forecast.sensitivities.size(), 3u);
  EXPECT_EQ(forecast.sensitivities[0].actor, 0);
  EXPECT_NEAR(forecast.sensitivities[0].swing, 10, 1e-9);
  EXPECT_EQ(forecast.sensitivities[0].input, "position");
  EXPECT_EQ(forecast.sensitivities[1].actor, 1);
  EXPECT_NEAR(forecast.sensitivities[1].swing, 10, 1e-9);
  EXPECT_EQ(forecast.sensitivities[2].actor, 2);
  EXPECT_NEAR(forecast.sensitivities[2].swing, 0, 1e-9);
}

TEST(ForecastTest, ForecastIssueMatchesTheFullRun) {
  Problem problem = LoadFixture("ceasefire.json");
  auto all = Forecast(problem, Model::kEum, {});
  ASSERT_TRUE(all.ok());
  auto one = ForecastIssue(problem, 1, Model::kEum, {});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->issue, "monitors");
  EXPECT_DOUBLE_EQ(one->forecast, (*all)[1].forecast);
  auto missing = ForecastIssue(problem, 2, Model::kEum, {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), problem.source + ": issue #2, expected an index below 2");
}

TEST(ValidateTest, NegativeCapabilityNamesTheActorLine) {
  Problem problem = LoadFixture("three_actors.csv");
  problem.actors[1].capability = -1;
  Status status = Validate(problem);
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(
      status.message(),
      problem.source + ":4: actor \"South\" has capability -1, expected a finite number >= 0");
}

TEST(ValidateTest, NanPositionIsRejectedNotPropagated) {
  Problem problem = LoadFixture("three_actors.csv");
  problem.issues[0].stances[0].position = std::nan("");
  auto forecasts = Forecast(problem, Model::kEum, {});
  ASSERT_FALSE(forecasts.ok());
  EXPECT_EQ(forecasts.status().message(),
            problem.source +
                ":3: issue \"Budget Position\": actor \"North\" has position nan "
                "and salience 50, expected both in 0-100");
}

TEST(ValidateTest, ZeroActorsAndNoIssues) {
  Problem problem;
  problem.source = "empty.json";
  EXPECT_EQ(Validate(problem).message(), "empty.json: zero actors, expected at least one");
  problem.actors.push_back({"A", "A", 1, 0});
  EXPECT_EQ(Validate(problem).message(), "empty.json: no issues, expected at least one");
}

TEST(LoadProblemTest, UnknownExtensionAndMissingFile) {
  auto missing = LoadProblem("/nonexistent/x.csv", 100);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIo);
  EXPECT_EQ(missing.status().message(), "/nonexistent/x.csv: cannot open file");
  std::string fixture = std::string(PARLEY_SOURCE_DIR) + "/testdata/forecast/deu_small.tsv";
  auto unknown = LoadProblem(fixture, 1 << 20);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(),
            fixture +
                ": unknown extension '.tsv', expected .csv (KTAB) or .json (positions "
                "document)");
  auto too_big = LoadProblem(std::string(PARLEY_SOURCE_DIR) + "/testdata/forecast/harbour.csv", 10);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.status().code(), StatusCode::kIo);
}

}  // namespace
}  // namespace parley::forecast
