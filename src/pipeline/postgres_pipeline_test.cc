// The pipeline over a PostgreSQL store gives what it gives over SQLite: the same positions, with
// the same evidence, and the same stored forecasts.
#include <gtest/gtest.h>

#include "parley/pipeline.h"
#include "postgres_server.h"

namespace parley::pipeline {
namespace {

using nlohmann::json;

struct Analyzed {
  json positions;           // PositionsFromStore(), evidence included
  json snapshot_positions;  // what LoadSnapshot() shows
  std::vector<ForecastRecord> forecasts;
  IngestSummary again;  // a second analysis of the same inputs
};

void AnalyzeInto(const std::string& db, Analyzed* result) {
  auto pipeline = StancePipeline::Load("ukraine-2025", ScenarioSearchPath(""), "");
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().message();
  const std::vector<std::string> inputs = {std::string(PARLEY_SOURCE_DIR) + "/testdata/positions"};
  auto on_error = [](const InputError& error) { ADD_FAILURE() << error.Message(); };
  auto store = OpenStore(db);
  ASSERT_TRUE(store.ok()) << store.status().message();
  AnalyzeOptions options;
  options.samples = 0;
  options.batch_size = 3;  // several batches, so later ones check against stored ones
  auto analyzed = Analyze(**pipeline, **store, inputs, options, on_error, nullptr);
  ASSERT_TRUE(analyzed.ok()) << analyzed.status().message();
  auto again = Analyze(**pipeline, **store, inputs, options, on_error, nullptr);
  ASSERT_TRUE(again.ok()) << again.status().message();
  result->again = again->ingested;

  const Scenario& scenario = (*pipeline)->scenario();
  auto from_store = PositionsFromStore(scenario, **store, {});
  ASSERT_TRUE(from_store.ok()) << from_store.status().message();
  result->positions = PositionsJson(scenario, from_store->matrix);
  auto loaded = LoadSnapshot(scenario, **store, options);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  result->snapshot_positions = report::SnapshotJson(*loaded)["positions"];
  auto forecasts = (*store)->Forecasts(scenario.id);
  ASSERT_TRUE(forecasts.ok()) << forecasts.status().message();
  result->forecasts = *forecasts;
}

TEST(PostgresPipelineTest, APostgresStoreGivesTheSameCellsEvidenceAndForecastsAsSqlite) {
  bool missing = false;
  std::string why;
  testing::PostgresServer* server = testing::PostgresServer::Shared(&why, &missing);
  if (missing) GTEST_SKIP() << why;
  ASSERT_NE(server, nullptr) << why;
  const std::string url = server->NewDatabase(&why);
  ASSERT_FALSE(url.empty()) << why;

  Analyzed sqlite, postgres;
  AnalyzeInto(":memory:", &sqlite);
  AnalyzeInto(url, &postgres);

  ASSERT_FALSE(sqlite.positions["cells"].empty());
  EXPECT_EQ(postgres.positions, sqlite.positions);
  EXPECT_EQ(postgres.snapshot_positions, sqlite.snapshot_positions);
  ASSERT_FALSE(sqlite.forecasts.empty());
  ASSERT_EQ(postgres.forecasts.size(), sqlite.forecasts.size());
  for (size_t i = 0; i < sqlite.forecasts.size(); ++i) {
    const ForecastRecord& s = sqlite.forecasts[i];
    const ForecastRecord& p = postgres.forecasts[i];
    EXPECT_EQ(std::tie(p.issue, p.model, p.forecast, p.p10, p.p90, p.detail_json),
              std::tie(s.issue, s.model, s.forecast, s.p10, s.p90, s.detail_json));
  }
  EXPECT_EQ(postgres.again.articles_added, 0);
  EXPECT_EQ(postgres.again.already_stored, sqlite.again.already_stored);
  EXPECT_GT(postgres.again.already_stored, 0);
}

}  // namespace
}  // namespace parley::pipeline
