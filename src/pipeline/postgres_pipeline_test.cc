// The pipeline over a PostgreSQL store gives what it gives over SQLite: the same positions, with
// the same evidence, and the same stored forecasts; a team's override reaches every session.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

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
  const std::string url = testing::PostgresServer::NewSharedDatabase(&why, &missing);
  if (missing) GTEST_SKIP() << why;
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

// What a second session on the store (a colleague's dashboard) shows of Russia's territory
// cell after an analyst's session overrode it, and that cell as of a day before the override.
struct TeamView {
  json cell;
  json cell_before;
  size_t annotations = 0;
};

const json* CellOf(const json& positions, const std::string& actor, const std::string& issue) {
  for (const json& cell : positions["cells"]) {
    if (cell["actor"] == actor && cell["issue"] == issue) return &cell;
  }
  return nullptr;
}

std::unique_ptr<StoreSession> Session(const std::string& db) {
  auto pipeline = StancePipeline::Load("ukraine-2025", ScenarioSearchPath(""), "");
  auto store = OpenStore(db);
  EXPECT_TRUE(pipeline.ok() && store.ok());
  AnalyzeOptions options;
  options.samples = 0;
  return std::make_unique<StoreSession>(std::move(*pipeline), std::move(*store), options);
}

void OverrideAndLook(const std::string& db, TeamView* view) {
  auto pipeline = StancePipeline::Load("ukraine-2025", ScenarioSearchPath(""), "");
  ASSERT_TRUE(pipeline.ok());
  auto store = OpenStore(db);
  ASSERT_TRUE(store.ok()) << store.status().message();
  AnalyzeOptions options;
  options.samples = 0;
  ASSERT_TRUE(Analyze(**pipeline, **store, {std::string(PARLEY_SOURCE_DIR) + "/testdata/positions"},
                      options, nullptr, nullptr)
                  .ok());
  auto analyst = Session(db);
  auto colleague = Session(db);  // a dashboard open since before the override
  ASSERT_TRUE(colleague->Snapshot().ok());
  auto unchanged = colleague->SnapshotIfChanged();
  ASSERT_TRUE(unchanged.ok()) << unchanged.status().message();
  EXPECT_FALSE(*unchanged);
  AnnotationRecord annotation;
  annotation.actor = "RUS";
  annotation.issue = "territory";
  annotation.kind = AnnotationKind::kOverride;
  annotation.position = 40;
  annotation.note = "per the briefing";
  annotation.author = "Ann";
  auto stored = analyst->Annotate(annotation);
  ASSERT_TRUE(stored.ok()) << stored.status().message();
  EXPECT_EQ(stored->scenario, "ukraine-2025");
  ASSERT_TRUE(analyst->Refresh().ok());

  auto snapshot = colleague->SnapshotIfChanged();
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().message();
  ASSERT_TRUE(*snapshot);
  EXPECT_FALSE(*colleague->SnapshotIfChanged());
  const json served = PositionsDocumentJson((*snapshot)->positions);
  const json* cell = CellOf(served, "RUS", "territory");
  ASSERT_NE(cell, nullptr);
  view->cell = *cell;
  view->cell["evidence"] = json();  // compared below across stores, without article ids
  auto before = colleague->PositionsAsOf("2025-12-15");
  ASSERT_TRUE(before.ok()) << before.status().message();
  const json served_before = PositionsDocumentJson(*before);
  const json* earlier = CellOf(served_before, "RUS", "territory");
  ASSERT_NE(earlier, nullptr);
  view->cell_before = (*earlier)["basis"];
  view->annotations = colleague->Annotations()->size();
  EXPECT_EQ(stored->created_at, view->cell["authored_at"]);
}

TEST(TeamOverrideTest, AnOverrideReachesEverySessionOnTheStoreWithItsAuthor) {
  const std::string path = ::testing::TempDir() + "parley-team-override.db";
  std::remove(path.c_str());
  TeamView sqlite;
  OverrideAndLook(path, &sqlite);
  std::remove(path.c_str());
  EXPECT_EQ(sqlite.cell["basis"], "override");
  EXPECT_EQ(sqlite.cell["position"], 40);
  EXPECT_EQ(sqlite.cell["author"], "Ann");
  EXPECT_EQ(sqlite.cell["note"], "per the briefing");
  // As of a day long before anyone overrode it, the cell is the evidence's.
  EXPECT_EQ(sqlite.cell_before, "evidence");
  EXPECT_EQ(sqlite.annotations, 1u);

  bool missing = false;
  std::string why;
  const std::string url = testing::PostgresServer::NewSharedDatabase(&why, &missing);
  if (missing) GTEST_SKIP() << why;
  ASSERT_FALSE(url.empty()) << why;
  TeamView postgres;
  OverrideAndLook(url, &postgres);
  sqlite.cell.erase("authored_at");
  postgres.cell.erase("authored_at");
  EXPECT_EQ(postgres.cell, sqlite.cell);
  EXPECT_EQ(postgres.cell_before, sqlite.cell_before);
  EXPECT_EQ(postgres.annotations, 1u);
}

}  // namespace
}  // namespace parley::pipeline
