#include "parley/workbench.h"

#include <gtest/gtest.h>

#include <set>

namespace parley::workbench {
namespace {

using nlohmann::json;

std::unique_ptr<StancePipeline> Ukraine() {
  auto pipeline = StancePipeline::Load("ukraine-2025", ScenarioSearchPath(""), "");
  PARLEY_CHECK(pipeline.ok());
  return std::move(*pipeline);
}

TEST(WorkbenchTest, IngestIsIncrementalAndRefreshForecastsOnlyIssuesWithEvidence) {
  auto pipeline = Ukraine();
  auto store = OpenSqliteStore(":memory:");
  ASSERT_TRUE(store.ok());
  const std::vector<std::string> inputs = {std::string(PARLEY_SOURCE_DIR) + "/testdata/positions"};
  AnalyzeOptions options;
  options.samples = 20;
  std::vector<std::string> errors;
  auto on_error = [&](const InputError& error) { errors.push_back(error.Message()); };

  auto first = Ingest(*pipeline, **store, inputs, options, on_error, nullptr);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(first->documents, 6);
  EXPECT_EQ(first->articles_added, 6);
  EXPECT_GT(first->statements_added, 0);

  auto second = Ingest(*pipeline, **store, inputs, options, on_error, nullptr);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->articles_added, 0);
  EXPECT_EQ(second->already_stored, 6);
  EXPECT_EQ(second->statements_added, 0);

  auto snapshot = Refresh(pipeline->scenario(), **store, options);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().message();
  const json& document = snapshot->document;
  std::set<std::string> issues_with_cells, issues_forecast;
  for (const json& cell : document["positions"]["cells"]) issues_with_cells.insert(cell["issue"]);
  for (const json& forecast : document["forecasts"]) issues_forecast.insert(forecast["issue"]);
  EXPECT_EQ(issues_forecast, issues_with_cells);
  EXPECT_EQ(document["articles"].size(), 6u);

  // The stored forecasts come back unchanged.
  auto reloaded = LoadSnapshot(pipeline->scenario(), **store, options);
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().message();
  EXPECT_EQ(reloaded->document["forecasts"].size(), document["forecasts"].size());
}

TEST(WorkbenchTest, ForecastPositionsSkipsIssuesWithoutCells) {
  json positions = {{"scenario", "t"},
                    {"actors",
                     {{{"id", "A"}, {"name", "A"}, {"capability", 50}},
                      {{"id", "B"}, {"name", "B"}, {"capability", 50}}}},
                    {"issues",
                     {{{"id", "spoken"}, {"name", "Spoken"}, {"status_quo", nullptr}},
                      {{"id", "silent"}, {"name", "Silent"}, {"status_quo", nullptr}}}},
                    {"cells",
                     {{{"actor", "A"},
                       {"issue", "spoken"},
                       {"position", 20},
                       {"low", 20},
                       {"high", 20},
                       {"salience", 50},
                       {"basis", "evidence"}},
                      {{"actor", "B"},
                       {"issue", "spoken"},
                       {"position", 60},
                       {"low", 60},
                       {"high", 60},
                       {"salience", 50},
                       {"basis", "evidence"}}}}};
  auto forecasts = ForecastPositions(positions, {});
  ASSERT_TRUE(forecasts.ok()) << forecasts.status().message();
  ASSERT_FALSE(forecasts->empty());
  for (const json& forecast : *forecasts) EXPECT_EQ(forecast["issue"], "spoken");
  for (const json& forecast : *forecasts) {
    if (forecast["model"] == "compromise") {
      EXPECT_DOUBLE_EQ(forecast["forecast"].get<double>(), 40);
    }
  }
}

TEST(WorkbenchTest, KtabCsvRoundTripsThroughTheForecastParser) {
  json positions = {
      {"scenario", "harbour"},
      {"actors",
       {{{"id", "N"}, {"name", "North, council"}, {"capability", 60}},
        {{"id", "S"}, {"name", "South"}, {"capability", 40}}}},
      {"issues",
       {{{"id", "quota"}, {"name", "Quota"}, {"status_quo", 30}},
        {{"id", "silent"}, {"name", "Silent"}, {"status_quo", nullptr}}}},
      {"cells", {{{"actor", "N"}, {"issue", "quota"}, {"position", 20}, {"salience", 80}}}}};
  std::string csv = KtabCsv(positions);
  EXPECT_EQ(csv,
            "harbour,exported by parley,2,1\n"
            "Actor,Description,Influence,Quota Position,Quota Salience\n"
            "N,North  council,60.0,20.0,80.0\n"
            "S,South,40.0,30.0,0.0\n");
  auto problem = forecast::ParseKtabCsv(csv, "export.csv");
  ASSERT_TRUE(problem.ok()) << problem.status().message();
  EXPECT_EQ(problem->actors.size(), 2u);
  ASSERT_EQ(problem->issues.size(), 1u);
}

}  // namespace
}  // namespace parley::workbench
