// What makes a forecast trustworthy: the calibration file, bands that hold the point forecast
// and the model's error, and the evidence an issue needs before it gets a forecast.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "parley/forecast.h"

namespace parley::forecast {
namespace {

constexpr const char kHeader[] = "model\terror_scale\tmae\theadline\n";

std::string CalibrationText(const std::string& compromise_row) {
  return std::string("# comment\n\n") + kHeader + compromise_row +
         "median\t40\t27\tno\n"
         "nash\t35\t24\tno\n"
         "eum\t45\t32\tno\n"
         "smp\t41\t26\tno\n"
         "ensemble\t33\t22\tno\n";
}

TEST(CalibrationTest, ReadsTheErrorOfEveryModelAndTheHeadline) {
  auto calibration = ParseCalibrationTsv(CalibrationText("compromise\t30.5\t23\tyes\n"), "c.tsv");
  ASSERT_TRUE(calibration.ok()) << calibration.status().message();
  EXPECT_EQ(calibration->headline, Model::kCompromise);
  EXPECT_DOUBLE_EQ(calibration->ErrorScaleOf(Model::kCompromise), 30.5);
  EXPECT_DOUBLE_EQ(calibration->ErrorScaleOf(Model::kEnsemble), 33);
}

TEST(CalibrationTest, ErrorsNameFileLineAndReason) {
  auto bad_number = ParseCalibrationTsv(CalibrationText("compromise\tlots\t23\tyes\n"), "c.tsv");
  ASSERT_FALSE(bad_number.ok());
  EXPECT_EQ(bad_number.status().message(),
            "c.tsv:4: error_scale is 'lots', expected a number in 0-100");
  auto bad_model = ParseCalibrationTsv(CalibrationText("oracle\t30\t23\tyes\n"), "c.tsv");
  ASSERT_FALSE(bad_model.ok());
  EXPECT_EQ(bad_model.status().message(),
            "c.tsv:4: model is 'oracle', expected compromise, median, nash, eum, smp or ensemble");
  auto bad_flag = ParseCalibrationTsv(CalibrationText("compromise\t30\t23\tmaybe\n"), "c.tsv");
  ASSERT_FALSE(bad_flag.ok());
  EXPECT_EQ(bad_flag.status().message(), "c.tsv:4: headline is 'maybe', expected yes or no");
  auto no_headline = ParseCalibrationTsv(CalibrationText("compromise\t30\t23\tno\n"), "c.tsv");
  ASSERT_FALSE(no_headline.ok());
  EXPECT_EQ(no_headline.status().message(),
            "c.tsv: no model has headline \"yes\", expected exactly one");
  std::string doubled = std::string(kHeader) + "compromise\t30\t1\tyes\nnash\t30\t1\tyes\n";
  auto second = ParseCalibrationTsv(doubled, "c.tsv");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().message(),
            "c.tsv:3: a second headline model (the first is on line 2), expected exactly one");
  auto missing_model = ParseCalibrationTsv(std::string(kHeader) + "compromise\t30\t1\tyes\n", "c.tsv");
  ASSERT_FALSE(missing_model.ok());
  EXPECT_EQ(missing_model.status().message(),
            "c.tsv: no row for model \"median\", expected one row per model");
  auto no_column = ParseCalibrationTsv("model\terror\theadline\n", "c.tsv");
  ASSERT_FALSE(no_column.ok());
  EXPECT_EQ(no_column.status().message(),
            "c.tsv:1: header lacks column \"error_scale\", expected model, error_scale and headline");
}

TEST(CalibrationTest, TheShippedFileLoads) {
  auto calibration = LoadCalibration(DefaultCalibrationPath());
  ASSERT_TRUE(calibration.ok()) << calibration.status().message();
  for (Model model : AllModels()) EXPECT_GT(calibration->ErrorScaleOf(model), 0) << ModelName(model);
  auto missing = LoadCalibration("/nonexistent/calibration.tsv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(),
            "/nonexistent/calibration.tsv: cannot open the calibration file");
}

// Two actors: A at 20 with weight 1, B at 80 with weight 3.
Problem TwoActors(bool a_evidence, bool b_evidence, double b_position = 80) {
  Problem problem;
  problem.scenario = "two";
  problem.source = "two.json";
  problem.evidence_known = true;
  problem.actors = {{"A", "A", 10}, {"B", "B", 30}};
  Issue issue;
  issue.id = "deal";
  issue.stances = {{0, 20, 20, 20, 50, a_evidence}, {1, b_position, b_position, b_position, 50,
                                                     b_evidence}};
  problem.issues.push_back(issue);
  return problem;
}

TEST(EvidenceTest, TwoEvidencedActorsOnOppositeSidesAreEnough) {
  auto check = CheckEvidence(TwoActors(true, true), 0);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->enough);
  EXPECT_EQ(check->missing, "");
  EXPECT_TRUE(check->priors.empty());
}

TEST(EvidenceTest, OneEvidencedActorIsNotEnoughAndTheOtherIsAPrior) {
  auto check = CheckEvidence(TwoActors(true, false), 0);
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check->enough);
  EXPECT_EQ(check->missing, "needs evidence from an actor at or above 50; evidence only from A (20)");
  EXPECT_EQ(check->priors, std::vector<int>{1});
}

TEST(EvidenceTest, EvidenceFromOneSideOnlyIsNotEnough) {
  auto check = CheckEvidence(TwoActors(true, true, 45), 0);
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check->enough);
  EXPECT_EQ(check->missing, "needs evidence from an actor at or above 50; evidence from A (20), B (45)");
  auto at_midpoint = CheckEvidence(TwoActors(true, true, 50), 0);
  ASSERT_TRUE(at_midpoint.ok());
  EXPECT_TRUE(at_midpoint->enough);
}

TEST(EvidenceTest, NoEvidenceAtAll) {
  auto check = CheckEvidence(TwoActors(false, false), 0);
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check->enough);
  EXPECT_EQ(check->missing, "no actor has evidence on this issue, expected two on opposite sides");
  auto out_of_range = CheckEvidence(TwoActors(true, true), 1);
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_EQ(out_of_range.status().message(), "two.json: issue #1, expected an index below 1");
}

TEST(EvidenceTest, InputsWithoutABasisAlwaysHaveEnough) {
  Problem problem = TwoActors(false, false);
  problem.evidence_known = false;
  auto check = CheckEvidence(problem, 0);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->enough);
  EXPECT_TRUE(check->priors.empty());
}

TEST(EvidenceTest, ForecastCarriesTheCheck) {
  auto forecasts = Forecast(TwoActors(true, false), Model::kCompromise, {});
  ASSERT_TRUE(forecasts.ok());
  EXPECT_FALSE(forecasts->front().evidence.enough);
  EXPECT_DOUBLE_EQ(forecasts->front().forecast, 65);
}

TEST(PositionsJsonEvidenceTest, PriorsCountOnlyWhenMarked) {
  const char* text = R"({"actors": [{"id": "A", "capability": 10}, {"id": "B", "capability": 10},
      {"id": "C", "capability": 10}],
    "issues": [{"id": "deal"}],
    "cells": [{"actor": "A", "issue": "deal", "position": 20, "salience": 50, "basis": "evidence"},
      {"actor": "B", "issue": "deal", "position": 80, "salience": 50, "basis": "prior"},
      {"actor": "C", "issue": "deal", "position": 70, "salience": 50, "basis": "override",
       "counts_as_evidence": true}]})";
  auto problem = ParsePositionsJson(text, "p.json");
  ASSERT_TRUE(problem.ok()) << problem.status().message();
  const auto& stances = problem->issues[0].stances;
  EXPECT_TRUE(stances[0].evidence);
  EXPECT_FALSE(stances[1].evidence);
  EXPECT_TRUE(stances[2].evidence);
  auto bad = ParsePositionsJson(R"({"actors": [{"id": "A", "capability": 10}],
    "issues": [{"id": "deal"}],
    "cells": [{"actor": "A", "issue": "deal", "position": 20, "salience": 50, "basis": "guess"}]})",
                                "p.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "p.json:3: cells[0]: \"basis\" is \"guess\", expected \"evidence\", \"prior\" or "
            "\"override\"");
}

// TwoActors: weights 500 at 20 and 1500 at 80, mean 65, variance (500 * 45^2 + 1500 * 15^2) /
// 2000 = 675.
TEST(BandTest, ModelErrorGrowsWithTheSpreadOfPositions) {
  auto spread = PositionSpread(TwoActors(true, true), 0);
  ASSERT_TRUE(spread.ok());
  EXPECT_NEAR(*spread, std::sqrt(675.0), 1e-9);
  ForecastOptions options;
  options.calibration.error_scale[static_cast<size_t>(Model::kCompromise)] = 0.5;
  auto forecasts = Forecast(TwoActors(true, true), Model::kCompromise, options);
  ASSERT_TRUE(forecasts.ok());
  const IssueForecast& forecast = forecasts->front();
  double half_width = 0.5 * (std::sqrt(675.0) + kErrorSpreadFloor);
  EXPECT_DOUBLE_EQ(forecast.forecast, 65);
  EXPECT_NEAR(forecast.p10, 65 - half_width, 1e-9);
  EXPECT_NEAR(forecast.p90, 65 + half_width, 1e-9);
  options.calibration.error_scale[static_cast<size_t>(Model::kCompromise)] = 2;
  forecasts = Forecast(TwoActors(true, true), Model::kCompromise, options);
  EXPECT_DOUBLE_EQ(forecasts->front().p10, 0);  // clamped to the scale
  EXPECT_DOUBLE_EQ(forecasts->front().p90, 100);
}

// Every model at 0 with ranges reaching up only: the Monte Carlo draws all lie above the point
// forecast, and the band must still hold the point.
TEST(BandTest, ThePointLiesInsideTheBandWhenTheDrawsLieAboveIt) {
  Problem problem = TwoActors(true, true);
  for (Stance& stance : problem.issues[0].stances) {
    stance.position = stance.position_low = 0;
    stance.position_high = 20;
  }
  ForecastOptions options;
  options.samples = 200;
  for (Model model : AllModels()) {
    auto forecasts = Forecast(problem, model, options);
    ASSERT_TRUE(forecasts.ok());
    const IssueForecast& forecast = forecasts->front();
    EXPECT_LE(forecast.p10, forecast.forecast) << ModelName(model);
    EXPECT_GE(forecast.p90, forecast.forecast) << ModelName(model);
    EXPECT_GT(forecast.p90, 0) << ModelName(model);
  }
}

TEST(DeuTsvYearTest, ReadsTheYearOfIntroduction) {
  auto decisions = ParseDeuTsv(
      "isnr\tcounvte\tintro\tpaa\tsaa\trp\tout\n\t\t\t1\t\t\t\n"
      "x1\tQMV\t26-01-98\t40\t5\t\t50\nx2\tQMV\t1999\t40\t5\t\t50\nx3\tQMV\t03-04-03\t40\t5\t\t50\n",
      "deu.tsv");
  ASSERT_TRUE(decisions.ok()) << decisions.status().message();
  ASSERT_EQ(decisions->size(), 3u);
  EXPECT_EQ((*decisions)[0].year, 1998);
  EXPECT_EQ((*decisions)[1].year, 1999);
  EXPECT_EQ((*decisions)[2].year, 2003);
  auto bad = ParseDeuTsv("isnr\tcounvte\tintro\tpaa\tsaa\trp\tout\n\t\t\t1\t\t\t\n"
                         "x1\tQMV\tsoon\t40\t5\t\t50\n",
                         "deu.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "deu.tsv:3: intro is 'soon', expected dd-mm-yy or yyyy");
}

}  // namespace
}  // namespace parley::forecast
