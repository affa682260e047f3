#include "parley/pipeline.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

namespace parley::pipeline {
namespace {

using nlohmann::json;

// SQL that takes a store back one schema version, exactly as the older version wrote it (the
// migrations of src/store/schema.cc undone): kBackTo[0] takes today's schema 9 to 8 (before
// analysts' annotations), then to 7 (before the near-copy band index), 6 (before the workers' queue), 5 (before kept cell states) and
// 4 (before the story index).
constexpr const char* kBackTo[] = {
    "DROP TABLE annotations; PRAGMA user_version = 8;",
    "DROP TABLE near_bands; DROP INDEX articles_unsigned; PRAGMA user_version = 7;",
    "DROP TABLE queue; PRAGMA user_version = 6;",
    "DROP TABLE cells; DROP INDEX statements_by_doc; DROP INDEX articles_near_copies; "
    "DROP INDEX articles_stories; PRAGMA user_version = 5;",
    "DROP TABLE story_postings; DROP TABLE story_terms; DROP INDEX articles_by_story; "
    "DROP INDEX statements_by_date; DROP INDEX statements_for_cells; "
    "ALTER TABLE articles DROP COLUMN story_vector; ALTER TABLE articles DROP COLUMN story_day; "
    "ALTER TABLE articles DROP COLUMN story; ALTER TABLE articles DROP COLUMN near_signature; "
    "PRAGMA user_version = 4;",
};

std::unique_ptr<StancePipeline> Ukraine() {
  auto pipeline = StancePipeline::Load("ukraine-2025", ScenarioSearchPath(""), "");
  PARLEY_CHECK(pipeline.ok());
  return std::move(*pipeline);
}

TEST(PipelineTest, IngestIsIncrementalAndRefreshForecastsOnlyIssuesWithEvidence) {
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
  // Every issue with cells is either forecast or named in no_forecast with what is missing.
  std::set<std::string> issues_with_cells, issues_forecast, issues_withheld;
  for (const auto& cell : snapshot->positions.cells) issues_with_cells.insert(cell.issue);
  for (const auto& forecast : snapshot->forecasts) issues_forecast.insert(forecast.issue);
  for (const report::WithheldIssue& withheld : snapshot->no_forecast) {
    issues_withheld.insert(withheld.issue);
    EXPECT_FALSE(withheld.missing.empty());
  }
  std::set<std::string> either = issues_forecast;
  either.insert(issues_withheld.begin(), issues_withheld.end());
  EXPECT_EQ(either, issues_with_cells);
  EXPECT_EQ(issues_forecast.size() + issues_withheld.size(), issues_with_cells.size());
  // The report lists the articles its evidence and shifts cite, and counts them all (issue 17).
  EXPECT_EQ(snapshot->articles_total, 6);
  EXPECT_EQ(snapshot->articles.size(), 5u);

  // The stored forecasts come back unchanged, headline flags and sensitivities included.
  auto reloaded = LoadSnapshot(pipeline->scenario(), **store, options);
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().message();
  auto by_issue_and_model = [](std::vector<forecast::ForecastSummary> forecasts) {
    std::sort(forecasts.begin(), forecasts.end(), [](const auto& a, const auto& b) {
      return std::tie(a.issue, a.model) < std::tie(b.issue, b.model);
    });
    return forecast::ForecastsJson(forecasts);
  };
  EXPECT_EQ(by_issue_and_model(reloaded->forecasts), by_issue_and_model(snapshot->forecasts));
  EXPECT_EQ(reloaded->no_forecast.size(), snapshot->no_forecast.size());
}

// The snapshot's JSON is byte for byte what the pipeline wrote before the snapshot was typed
// (testdata/report/pipeline-snapshot*.json, written then from this input), from fresh forecasts
// and from the stored ones.
TEST(PipelineTest, SnapshotJsonIsTheDocumentThePipelineWrote) {
  auto pipeline = Ukraine();
  auto store = OpenSqliteStore(":memory:");
  ASSERT_TRUE(store.ok());
  AnalyzeOptions options;
  options.samples = 20;
  const std::vector<std::string> inputs = {std::string(PARLEY_SOURCE_DIR) + "/testdata/positions"};
  auto analyzed = Analyze(*pipeline, **store, inputs, options, nullptr, nullptr);
  ASSERT_TRUE(analyzed.ok()) << analyzed.status().message();
  auto reloaded = LoadSnapshot(pipeline->scenario(), **store, options);
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().message();
  // Locators hold the checkout's path; the fixtures hold "SOURCE" in its place.
  auto text = [](report::Snapshot snapshot) {
    snapshot.generated = "2025-12-16T18:00:00Z";
    std::string written = report::SnapshotJson(snapshot).dump(1) + "\n";
    const std::string source = PARLEY_SOURCE_DIR;
    for (size_t at = written.find(source); at != std::string::npos; at = written.find(source, at)) {
      written.replace(at, source.size(), "SOURCE");
    }
    return written;
  };
  auto expected = [](const std::string& name) {
    std::ifstream in(std::string(PARLEY_SOURCE_DIR) + "/testdata/report/" + name);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  };
  EXPECT_EQ(text(analyzed->snapshot), expected("pipeline-snapshot.json"));
  EXPECT_EQ(text(*reloaded), expected("pipeline-snapshot-reloaded.json"));
}

const PositionsDocument::Cell* Cell(const report::Snapshot& snapshot, const std::string& actor,
                                     const std::string& issue) {
  for (const PositionsDocument::Cell& cell : snapshot.positions.cells) {
    if (cell.actor == actor && cell.issue == issue) return &cell;
  }
  return nullptr;
}

// Writes the bundled scenario to `path`, with `from` (which must occur once) moved to just
// after `after`, as an analyst refining cues would.
void WriteScenarioWithCueMoved(const std::string& path, const std::string& from,
                               const std::string& after) {
  std::ifstream in(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine-2025.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  if (!from.empty()) {
    size_t at = yaml.find(from);
    PARLEY_CHECK(at != std::string::npos && yaml.find(from, at + 1) == std::string::npos);
    yaml.erase(at, from.size());
    size_t target = yaml.find(after);
    PARLEY_CHECK(target != std::string::npos);
    yaml.insert(target + after.size(), from);
  }
  std::ofstream(path, std::ios::trunc) << yaml;
}

// Problem 1 of issue 14: editing a scenario changed nothing for documents already stored.
TEST(PipelineTest, Problem1EditingACueReextractsStoredDocumentsAndMovesTheCell) {
  const std::string article = std::string(PARLEY_SOURCE_DIR) + "/testdata/positions/berlin_a.txt";
  const std::string scenario = (std::filesystem::temp_directory_path() /
                                ("parley-problem1-" + std::to_string(::getpid()) + ".yaml"))
                                   .string();
  // Kyiv "refused to withdraw from the parts of Donetsk": a refusal of a cue of the 75 anchor
  // ("Ukraine withdraws from all of Donbas"). Moved to the 20 anchor, whose refusals land at 70.
  const std::string cue =
      "          - \"@UKR ... $withdraw|withdraw*|retreat*|leave ... "
      "donbas|donetsk|luhansk|lugansk|east|territor*|land\"\n";
  const std::string anchor_20_cue = "          - territorial integrity\n";
  WriteScenarioWithCueMoved(scenario, "", "");
  auto before = StancePipeline::Load(scenario, {}, "");
  ASSERT_TRUE(before.ok()) << before.status().message();
  auto store = OpenSqliteStore(":memory:");
  ASSERT_TRUE(store.ok());
  AnalyzeOptions options;
  options.samples = 0;
  auto first = Ingest(**before, **store, {article}, options, nullptr, nullptr);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->articles_added, 1);
  auto first_snapshot = Refresh((*before)->scenario(), **store, options);
  ASSERT_TRUE(first_snapshot.ok()) << first_snapshot.status().message();
  ASSERT_NE(Cell(*first_snapshot, "UKR", "territory"), nullptr);
  EXPECT_EQ(Cell(*first_snapshot, "UKR", "territory")->position, 30);

  WriteScenarioWithCueMoved(scenario, cue, anchor_20_cue);
  auto after = StancePipeline::Load(scenario, {}, "");
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_NE((*after)->ExtractionStamp(), (*before)->ExtractionStamp());
  // No input files: the stored text is extracted again.
  auto second = Ingest(**after, **store, {}, options, nullptr, nullptr);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(second->documents, 0);
  EXPECT_EQ(second->reextracted, 1);
  auto second_snapshot = Refresh((*after)->scenario(), **store, options);
  ASSERT_TRUE(second_snapshot.ok());
  const PositionsDocument::Cell* moved = Cell(*second_snapshot, "UKR", "territory");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(moved->position, 70);
  // The analyst's priors and their notes come from the scenario and stay.
  const PositionsDocument::Cell* prior = Cell(*second_snapshot, "RUS", "army");
  ASSERT_NE(prior, nullptr);
  EXPECT_EQ(prior->basis, CellBasis::kPrior);
  EXPECT_EQ(prior->note,
            "Demilitarisation has been a stated Russian war aim since February 2022.");

  auto third = Ingest(**after, **store, {article}, options, nullptr, nullptr);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->reextracted, 0);
  EXPECT_EQ(third->already_stored, 1);
  options.reextract = true;
  auto forced = Ingest(**after, **store, {}, options, nullptr, nullptr);
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ(forced->reextracted, 1);
  std::filesystem::remove(scenario);
}

// A positions document in its JSON form read into the typed value, as a file would be.
PositionsDocument Typed(const json& positions) {
  auto typed = forecast::PositionsDocumentFromJson(positions, "positions");
  PARLEY_CHECK(typed.ok());
  return std::move(*typed);
}

// The cells of a positions document without their evidence, which names articles differently
// in the snapshot (by id) and in the positions document (by locator).
json CellValues(const json& positions) {
  json cells = json::array();
  for (json cell : positions["cells"]) {
    cell.erase("evidence");
    cells.push_back(cell);
  }
  return cells;
}

// Problem 5 of issue 14: `positions --db` skipped the story clustering that `analyze` does.
TEST(PipelineTest, Problem5PositionsFromFilesFromTheStoreAndFromAnalyzeAreIdentical) {
  auto pipeline = Ukraine();
  const std::vector<std::string> inputs = {std::string(PARLEY_SOURCE_DIR) + "/testdata/positions"};
  auto on_error = [](const InputError& error) { ADD_FAILURE() << error.Message(); };
  Corpus corpus =
      AnalyzeCorpus(inputs, pipeline->extractor(), pipeline->stances(), {}, on_error, nullptr);
  const Scenario& scenario = pipeline->scenario();
  json from_files = PositionsJson(scenario, BuildPositions(scenario, corpus.statements, {}));

  auto store = OpenSqliteStore(":memory:");
  ASSERT_TRUE(store.ok());
  AnalyzeOptions options;
  options.samples = 0;
  ASSERT_TRUE(Ingest(*pipeline, **store, inputs, options, on_error, nullptr).ok());
  auto stored = StoredStatements(scenario, **store);
  ASSERT_TRUE(stored.ok());
  json from_store = PositionsJson(scenario, BuildPositions(scenario, *stored, {}));
  auto analyzed = Refresh(scenario, **store, options);
  ASSERT_TRUE(analyzed.ok()) << analyzed.status().message();

  ASSERT_FALSE(CellValues(from_files).empty());
  EXPECT_EQ(CellValues(from_store), CellValues(from_files));
  EXPECT_EQ(CellValues(PositionsDocumentJson(analyzed->positions)), CellValues(from_files));
}

// Issue 15: every command runs this stage, so each shows the same cells for one input:
// `positions PATH...` (PositionsFromCorpus), `positions` over the store (PositionsFromStore),
// `analyze` and `demo` (Analyze), `report`, `export` and `serve --snapshot` of the store
// (LoadSnapshot), and `serve --db` (StoreSession).
TEST(PipelineTest, EveryCommandsPathGivesTheSameCells) {
  auto pipeline = Ukraine();
  const std::vector<std::string> inputs = {std::string(PARLEY_SOURCE_DIR) + "/testdata/positions"};
  auto on_error = [](const InputError& error) { ADD_FAILURE() << error.Message(); };
  const Scenario& scenario = pipeline->scenario();
  Corpus corpus =
      AnalyzeCorpus(inputs, pipeline->extractor(), pipeline->stances(), {}, on_error, nullptr);
  const size_t documents = corpus.documents.size();
  const Evidence from_files = PositionsFromCorpus(scenario, std::move(corpus), {});
  const json cells = CellValues(PositionsJson(scenario, from_files.matrix));

  auto store = OpenSqliteStore(":memory:");
  ASSERT_TRUE(store.ok());
  AnalyzeOptions options;
  options.samples = 0;
  auto analyzed = Analyze(*pipeline, **store, inputs, options, on_error, nullptr);
  ASSERT_TRUE(analyzed.ok()) << analyzed.status().message();
  auto from_store = PositionsFromStore(scenario, **store, {});
  ASSERT_TRUE(from_store.ok()) << from_store.status().message();
  auto loaded = LoadSnapshot(scenario, **store, options);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();

  ASSERT_FALSE(cells.empty());
  EXPECT_EQ(analyzed->ingested.articles_added, static_cast<int>(documents));
  EXPECT_EQ(from_store->statements, static_cast<int64_t>(from_files.statements.size()));
  EXPECT_EQ(CellValues(PositionsJson(scenario, from_store->matrix)), cells);
  EXPECT_EQ(CellValues(PositionsDocumentJson(analyzed->snapshot.positions)), cells);
  EXPECT_EQ(CellValues(PositionsDocumentJson(loaded->positions)), cells);

  StoreSession session(Ukraine(), std::move(*store), options);
  auto served = session.Snapshot();
  ASSERT_TRUE(served.ok()) << served.status().message();
  EXPECT_EQ(CellValues(PositionsDocumentJson(served->positions)), cells);
}

// Problem 5 of issue 14: the KTAB export gave prior cells salience 0, so its forecast differed.
TEST(PipelineTest, Problem5KtabExportKeepsTheSaliencesTheForecastUsed) {
  auto pipeline = Ukraine();
  const std::vector<std::string> inputs = {std::string(PARLEY_SOURCE_DIR) + "/testdata/positions"};
  Corpus corpus =
      AnalyzeCorpus(inputs, pipeline->extractor(), pipeline->stances(), {}, nullptr, nullptr);
  const Scenario& scenario = pipeline->scenario();
  json positions = PositionsJson(scenario, BuildPositions(scenario, corpus.statements, {}));
  const json* prior = nullptr;
  for (const json& cell : positions["cells"]) {
    if (cell["actor"] == "RUS" && cell["issue"] == "army") prior = &cell;
  }
  ASSERT_NE(prior, nullptr);
  EXPECT_EQ((*prior)["basis"], "prior");
  EXPECT_EQ((*prior)["salience"], kPinnedSalience);

  auto ktab = forecast::ParseKtabCsv(forecast::KtabCsv(Typed(positions)), "export.csv");
  ASSERT_TRUE(ktab.ok()) << ktab.status().message();
  auto analyzed = ForecastPositions(Typed(positions), {});
  ASSERT_TRUE(analyzed.ok());
  // The exported issues are the spoken ones, in the document's order; analyze forecasts those
  // with evidence on both sides, and the export must give the same point for each of them.
  std::vector<std::string> spoken;
  for (const json& issue : positions["issues"]) {
    for (const json& cell : positions["cells"]) {
      if (cell["issue"] == issue["id"]) {
        spoken.push_back(issue["id"]);
        break;
      }
    }
  }
  ASSERT_EQ(ktab->issues.size(), spoken.size());
  int compared = 0;
  for (size_t i = 0; i < spoken.size(); ++i) {
    for (const json& cell : positions["cells"]) {
      if (cell["issue"] != spoken[i]) continue;
      for (const forecast::Stance& stance : ktab->issues[i].stances) {
        if (ktab->actors[stance.actor].id != cell["actor"]) continue;
        EXPECT_NEAR(stance.salience, cell["salience"].get<double>(), 0.1)
            << cell["actor"] << " on " << spoken[i];
      }
    }
    auto exported =
        forecast::ForecastIssue(*ktab, static_cast<int>(i), forecast::Model::kCompromise, {});
    ASSERT_TRUE(exported.ok());
    for (const forecast::ForecastSummary& forecast : *analyzed) {
      if (forecast.issue == spoken[i] && forecast.model == "compromise") {
        EXPECT_NEAR(exported->forecast, forecast.forecast, 0.1) << spoken[i];
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 0);
}

TEST(PipelineTest, ForecastPositionsSkipsIssuesWithoutCells) {
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
  auto forecasts = ForecastPositions(Typed(positions), {});
  ASSERT_TRUE(forecasts.ok()) << forecasts.status().message();
  ASSERT_FALSE(forecasts->empty());
  for (const forecast::ForecastSummary& forecast : *forecasts) {
    EXPECT_EQ(forecast.issue, "spoken");
    if (forecast.model == "compromise") {
      EXPECT_DOUBLE_EQ(forecast.forecast, 40);
    }
  }
}

json Cell(const std::string& actor, const std::string& issue, double position,
          const std::string& basis) {
  return {{"actor", actor}, {"issue", issue}, {"position", position}, {"low", position},
          {"high", position}, {"salience", 50}, {"basis", basis}};
}

// "deal": A (capability 80) at 10 and B (10) at 90 with evidence, C (10) at 60 a prior.
// "talks": only A has evidence; C's prior does not count.
json TrustFixture() {
  return {{"scenario", "t"},
          {"actors",
           {{{"id", "A"}, {"capability", 80}},
            {{"id", "B"}, {"capability", 10}},
            {{"id", "C"}, {"capability", 10}}}},
          {"issues", {{{"id", "deal"}}, {{"id", "talks"}}}},
          {"cells",
           {Cell("A", "deal", 10, "evidence"), Cell("B", "deal", 90, "evidence"),
            Cell("C", "deal", 60, "prior"), Cell("A", "talks", 30, "evidence"),
            Cell("C", "talks", 80, "prior")}}};
}

TEST(PipelineTest, OnlyIssuesWithEvidenceOnBothSidesGetAForecast) {
  auto forecasts = ForecastPositions(Typed(TrustFixture()), {});
  ASSERT_TRUE(forecasts.ok()) << forecasts.status().message();
  for (const forecast::ForecastSummary& forecast : *forecasts) EXPECT_EQ(forecast.issue, "deal");
  auto withheld = NoForecastIssues(Typed(TrustFixture()));
  ASSERT_TRUE(withheld.ok()) << withheld.status().message();
  ASSERT_EQ(withheld->size(), 1u);
  EXPECT_EQ((*withheld)[0].issue, "talks");
  EXPECT_EQ((*withheld)[0].missing,
            "needs evidence from an actor at or above 50; evidence only from A (30)");
}

TEST(PipelineTest, TheHeadlineModelCarriesItsSensitivityAndPriorsAreNamed) {
  forecast::ForecastOptions options;
  options.calibration.headline = forecast::Model::kCompromise;
  options.calibration.error_scale.fill(1);
  auto forecasts = ForecastPositions(Typed(TrustFixture()), options);
  ASSERT_TRUE(forecasts.ok()) << forecasts.status().message();
  int headlines = 0;
  for (const forecast::ForecastSummary& forecast : *forecasts) {
    EXPECT_EQ(forecast.leans_on_priors, std::vector<std::string>{"C"});
    EXPECT_LE(forecast.p10, forecast.forecast);
    EXPECT_GE(forecast.p90, forecast.forecast);
    if (!forecast.headline) {
      EXPECT_TRUE(forecast.sensitivity.empty());
      continue;
    }
    ++headlines;
    EXPECT_EQ(forecast.model, "compromise");
    // A holds 80% of the weight: its position moves the weighted mean most (0..20 -> 16 points).
    ASSERT_EQ(forecast.sensitivity.size(), 3u);
    EXPECT_EQ(forecast.sensitivity[0].actor, "A");
    EXPECT_EQ(forecast.sensitivity[0].input, "position");
    EXPECT_DOUBLE_EQ(forecast.sensitivity[0].swing, 16.0);
  }
  EXPECT_EQ(headlines, 1);
}

// Issue 15: the dashboard's positions as of a date are the positions stage's, built from the
// stored statements as `analyze` builds them.
TEST(PipelineTest, SnapshotPositionsAsOfIsBuildPositionsOverTheStore) {
  auto pipeline = Ukraine();
  const std::vector<std::string> inputs = {std::string(PARLEY_SOURCE_DIR) + "/testdata/positions"};
  auto store = OpenSqliteStore(":memory:");
  ASSERT_TRUE(store.ok());
  AnalyzeOptions options;
  options.samples = 0;
  ASSERT_TRUE(Ingest(*pipeline, **store, inputs, options, nullptr, nullptr).ok());
  const Scenario& scenario = pipeline->scenario();
  auto analyzed = Refresh(scenario, **store, options);
  ASSERT_TRUE(analyzed.ok()) << analyzed.status().message();
  auto latest = SnapshotPositionsAsOf(scenario, **store, "");
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(PositionsDocumentJson(*latest), PositionsDocumentJson(analyzed->positions));

  auto stored = StoredStatements(scenario, **store);
  ASSERT_TRUE(stored.ok());
  std::string earliest = "9999-12-31";
  for (const Statement& statement : *stored) {
    if (!statement.date.empty()) earliest = std::min(earliest, statement.date);
  }
  PositionOptions early;
  early.as_of = earliest;
  json expected = PositionsJson(scenario, BuildPositions(scenario, *stored, early));
  auto as_of = SnapshotPositionsAsOf(scenario, **store, earliest);
  ASSERT_TRUE(as_of.ok());
  EXPECT_EQ(as_of->as_of, earliest);
  EXPECT_EQ(CellValues(PositionsDocumentJson(*as_of)), CellValues(expected));
}


// ---- Issue 17: the persisted story index ----

std::string Batch(int n) {
  return std::string(PARLEY_SOURCE_DIR) + "/testdata/store/batches/batch" + std::to_string(n) +
         ".jsonl";
}

// The stories of a store as article ids, each story in date order.
std::vector<std::vector<std::string>> StoryIds(Store& store) {
  auto articles = store.ArticleSummaries();
  PARLEY_CHECK(articles.ok());
  std::map<int64_t, std::vector<std::string>> by_story;
  for (const ArticleRecord& a : *articles) by_story[a.story].push_back(a.id);
  std::vector<std::vector<std::string>> stories;
  for (auto& [story, ids] : by_story) stories.push_back(ids);
  std::sort(stories.begin(), stories.end());
  return stories;
}

json StoredCells(const Scenario& scenario, Store& store) {
  auto statements = StoredStatements(scenario, store);
  PARLEY_CHECK(statements.ok());
  return PositionsJson(scenario, BuildPositions(scenario, *statements, {}));
}

std::unique_ptr<Store> StoreOf(const StancePipeline& pipeline,
                               const std::vector<std::vector<std::string>>& batches,
                               int threads) {
  auto store = OpenSqliteStore(":memory:");
  PARLEY_CHECK(store.ok());
  AnalyzeOptions options;
  options.samples = 0;
  options.threads = threads;
  for (const auto& batch : batches) {
    auto ingested = Ingest(pipeline, **store, batch, options, nullptr, nullptr);
    PARLEY_CHECK(ingested.ok());
  }
  return std::move(*store);
}

// The ids of a store's articles that are near-copies, with their originals.
std::map<std::string, std::string> NearCopies(Store& store) {
  auto articles = store.ArticleSummaries();
  PARLEY_CHECK(articles.ok());
  std::map<std::string, std::string> copies;
  for (const ArticleRecord& a : *articles) {
    if (!a.dup_of.empty()) copies[a.id] = a.dup_of;
  }
  return copies;
}

TEST(StoryIndexTest, BatchAfterBatchGivesTheStoriesAndCellsOfOneBatchAndOfARebuild) {
  auto pipeline = Ukraine();
  const Scenario& scenario = pipeline->scenario();
  auto incremental = StoreOf(*pipeline, {{Batch(1)}, {Batch(2)}, {Batch(3)}}, 1);
  auto at_once = StoreOf(*pipeline, {{Batch(1), Batch(2), Batch(3)}}, 1);
  auto two_threads = StoreOf(*pipeline, {{Batch(1)}, {Batch(2)}, {Batch(3)}}, 2);

  // Ids are content hashes: name the fixture articles by their first title words instead.
  auto articles = incremental->ArticleSummaries();
  ASSERT_TRUE(articles.ok());
  ASSERT_EQ(articles->size(), 9u);
  std::map<std::string, std::string> name;
  for (const ArticleRecord& a : *articles) name[a.id] = a.url.substr(a.url.rfind('/') + 1);
  std::vector<std::vector<std::string>> named;
  for (const auto& story : StoryIds(*incremental)) {
    named.emplace_back();
    for (const std::string& id : story) named.back().push_back(name[id]);
    std::sort(named.back().begin(), named.back().end());
  }
  std::sort(named.begin(), named.end());
  EXPECT_EQ(named, (std::vector<std::vector<std::string>>{
                       {"a1", "a3", "b1"}, {"a2", "b3", "c3"}, {"b2", "c1"}, {"c2"}}));

  // Copies of articles of earlier batches are found through the store's band index, as one
  // batch finds them in memory: the Moscow story's last article (c3) copies its first (a2).
  std::map<std::string, std::string> copies;
  for (const auto& [copy, original] : NearCopies(*incremental)) copies[name[copy]] = name[original];
  EXPECT_EQ(copies, (std::map<std::string, std::string>{
                        {"a3", "a1"}, {"b1", "a1"}, {"b3", "a2"}, {"c1", "b2"}, {"c3", "a2"}}));
  EXPECT_EQ(NearCopies(*at_once), NearCopies(*incremental));
  EXPECT_EQ(NearCopies(*two_threads), NearCopies(*incremental));

  const json cells = StoredCells(scenario, *incremental);
  ASSERT_FALSE(CellValues(cells).empty());
  EXPECT_EQ(StoryIds(*at_once), StoryIds(*incremental));
  EXPECT_EQ(StoredCells(scenario, *at_once), cells);
  EXPECT_EQ(StoryIds(*two_threads), StoryIds(*incremental));
  EXPECT_EQ(StoredCells(scenario, *two_threads), cells);

  ASSERT_TRUE(RebuildStoredStories(*incremental).ok());
  EXPECT_EQ(StoryIds(*incremental), StoryIds(*at_once));
  EXPECT_EQ(StoredCells(scenario, *incremental), cells);

  // The same articles as files, clustered in memory, give the same cells.
  Corpus corpus = AnalyzeCorpus({Batch(1), Batch(2), Batch(3)}, pipeline->extractor(),
                                pipeline->stances(), {}, nullptr, nullptr);
  EXPECT_EQ(CellValues(PositionsJson(scenario, BuildPositions(scenario, corpus.statements, {}))),
            CellValues(cells));
}

// A store file of schema `version` (4 to 8) holding batches 1 and 2 (written by today's code,
// then taken back one version at a time by kBackTo), opened again, so migrated; removed at the
// end of the test.
class MigratedStore {
 public:
  MigratedStore(const StancePipeline& pipeline, int version)
      : path_((std::filesystem::temp_directory_path() /
               ("parley-v" + std::to_string(version) + "-" + std::to_string(::getpid()) + ".db"))
                  .string()) {
    Remove();
    WriteOld(pipeline, version);
    auto opened = OpenSqliteStore(path_);
    EXPECT_TRUE(opened.ok()) << opened.status().message();
    if (!opened.ok()) return;
    store_ = std::move(*opened);
    EXPECT_EQ(*store_->SchemaVersion(), 9);
  }
  ~MigratedStore() {
    store_.reset();
    Remove();
  }

  bool ok() const { return store_ != nullptr; }
  Store& operator*() { return *store_; }
  Store* operator->() { return store_.get(); }

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  void WriteOld(const StancePipeline& pipeline, int version) {
    {
      auto store = OpenSqliteStore(path_);
      ASSERT_TRUE(store.ok());
      AnalyzeOptions options;
      options.samples = 0;
      ASSERT_TRUE(Ingest(pipeline, **store, {Batch(1), Batch(2)}, options, nullptr, nullptr).ok());
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    for (int to = 8; to >= version; --to) {
      EXPECT_EQ(sqlite3_exec(db, kBackTo[8 - to], nullptr, nullptr, nullptr), SQLITE_OK)
          << sqlite3_errmsg(db);
    }
    sqlite3_close(db);
  }

  std::string path_;
  std::unique_ptr<Store> store_;
};

// A store written by schema version 4 (before the story index): opened, it migrates, and the
// next analysis indexes its articles once, as a rebuild would.
TEST(StoryIndexTest, AStoreOfSchemaVersion4MigratesAndItsArticlesJoinTheIndex) {
  auto pipeline = Ukraine();
  const Scenario& scenario = pipeline->scenario();
  MigratedStore store(*pipeline, 4);
  ASSERT_TRUE(store.ok());
  auto migrated = store->ArticleSummaries();  // kept: a loop over *Temporary() would dangle
  ASSERT_TRUE(migrated.ok()) << migrated.status().message();
  for (const ArticleRecord& a : *migrated) EXPECT_EQ(a.story, 0) << a.id;
  AnalyzeOptions options;
  options.samples = 0;
  ASSERT_TRUE(Ingest(*pipeline, *store, {Batch(3)}, options, nullptr, nullptr).ok());
  auto fresh = StoreOf(*pipeline, {{Batch(1), Batch(2), Batch(3)}}, 1);
  EXPECT_EQ(StoryIds(*store), StoryIds(*fresh));
  EXPECT_EQ(StoredCells(scenario, *store), StoredCells(scenario, *fresh));
}

// A store of schema version 6 gains the near-copy band index of its stored originals, so the
// next batch finds its copies of them as a store written by today's parley does.
TEST(StoryIndexTest, AStoreOfSchemaVersion6MigratesAndFindsCopiesOfItsArticles) {
  auto pipeline = Ukraine();
  MigratedStore store(*pipeline, 6);
  ASSERT_TRUE(store.ok());
  AnalyzeOptions options;
  options.samples = 0;
  ASSERT_TRUE(Ingest(*pipeline, *store, {Batch(3)}, options, nullptr, nullptr).ok());
  auto fresh = StoreOf(*pipeline, {{Batch(1), Batch(2), Batch(3)}}, 1);
  EXPECT_EQ(NearCopies(*store).size(), 5u);
  EXPECT_EQ(NearCopies(*store), NearCopies(*fresh));
  EXPECT_EQ(StoryIds(*store), StoryIds(*fresh));
}

// A store of schema version 4 (before signatures were kept): the next analysis signs its
// articles once and keeps the signatures, so no later run reads their texts to sign them, and
// their copies are found as in a store written by today's parley.
TEST(SignatureTest, AStoreOfSchemaVersion4SignsItsArticlesOnce) {
  auto pipeline = Ukraine();
  MigratedStore store(*pipeline, 4);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(store->UnsignedArticles()->size(), store->Articles()->size());
  AnalyzeOptions options;
  options.samples = 0;
  ASSERT_TRUE(Ingest(*pipeline, *store, {Batch(3)}, options, nullptr, nullptr).ok());
  EXPECT_TRUE(store->UnsignedArticles()->empty());
  auto fresh = StoreOf(*pipeline, {{Batch(1), Batch(2), Batch(3)}}, 1);
  EXPECT_EQ(NearCopies(*store), NearCopies(*fresh));
  EXPECT_EQ(StoryIds(*store), StoryIds(*fresh));
}

// An article too short to sign is stored as signed (kTooShortToSign), so it is not read again
// as an unsigned one by every later run.
TEST(SignatureTest, AnArticleTooShortToSignIsNotLeftUnsigned) {
  auto pipeline = Ukraine();
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("parley-short-" + std::to_string(::getpid()) + ".txt"))
                               .string();
  std::ofstream(path) << "Envoys met in Berlin on Sunday and agreed to meet again.\n";
  auto store = OpenSqliteStore(":memory:");
  ASSERT_TRUE(store.ok());
  AnalyzeOptions options;
  options.samples = 0;
  auto ingested = Ingest(*pipeline, **store, {path}, options, nullptr, nullptr);
  std::filesystem::remove(path);
  ASSERT_TRUE(ingested.ok()) << ingested.status().message();
  ASSERT_EQ(ingested->articles_added, 1);
  EXPECT_TRUE((*store)->UnsignedArticles()->empty());
}

// ---- Issue 17: kept cell states ----

// The positions the store gives (kept cell states where they hold), as JSON.
json PositionsOfStore(const Scenario& scenario, Store& store) {
  auto built = PositionsFromStore(scenario, store, {});
  PARLEY_CHECK(built.ok());
  return PositionsJson(scenario, built->matrix);
}

// After each batch, the cells built from kept states of the untouched cells are those of a
// build that reads every statement again, evidence and timeline included.
TEST(CellStateTest, CellsKeptBetweenBatchesAreThoseOfAFullBuild) {
  auto pipeline = Ukraine();
  const Scenario& scenario = pipeline->scenario();
  auto store = StoreOf(*pipeline, {}, 1);
  AnalyzeOptions options;
  options.samples = 0;
  size_t kept_after_first = 0;
  for (int batch = 1; batch <= 3; ++batch) {
    ASSERT_TRUE(Ingest(*pipeline, *store, {Batch(batch)}, options, nullptr, nullptr).ok());
    if (batch > 1) {
      // The batch's statements made the store forget the cells they fall in, and only those.
      EXPECT_LT(store->CellStates(scenario.id)->size(), kept_after_first);
      EXPECT_GT(store->CellStates(scenario.id)->size(), 0u);
    }
    const json built = PositionsOfStore(scenario, *store);
    kept_after_first = store->CellStates(scenario.id)->size();
    EXPECT_EQ(kept_after_first, scenario.actors.size() * scenario.issues.size());
    EXPECT_EQ(built, StoredCells(scenario, *store)) << "after batch " << batch;
    // Built again from the kept states alone.
    EXPECT_EQ(PositionsOfStore(scenario, *store), built) << "after batch " << batch;
  }
  auto rebuilt = StoreOf(*pipeline, {{Batch(1), Batch(2), Batch(3)}}, 1);
  EXPECT_EQ(PositionsOfStore(scenario, *store), PositionsOfStore(scenario, *rebuilt));
}

// A state traced with other options, or one this parley cannot read, is traced again.
TEST(CellStateTest, AStateOfOtherOptionsOrUnreadableIsTracedAgain) {
  auto pipeline = Ukraine();
  const Scenario& scenario = pipeline->scenario();
  auto store = StoreOf(*pipeline, {{Batch(1), Batch(2)}}, 1);
  const json expected = StoredCells(scenario, *store);
  PositionOptions longer;
  longer.half_life_days = 90;
  ASSERT_TRUE(PositionsFromStore(scenario, *store, longer).ok());
  auto states = store->CellStates(scenario.id);
  ASSERT_TRUE(states.ok());
  ASSERT_FALSE(states->empty());
  (*states)[0].state = "not a state";
  ASSERT_TRUE(store->PutCellStates(scenario.id, {(*states)[0]}).ok());
  EXPECT_EQ(PositionsOfStore(scenario, *store), expected);
}

// A store of schema version 5 gains the cell states table; its cells are traced on first use.
TEST(CellStateTest, AStoreOfSchemaVersion5Migrates) {
  auto pipeline = Ukraine();
  const Scenario& scenario = pipeline->scenario();
  MigratedStore store(*pipeline, 5);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE(store->CellStates(scenario.id)->empty());
  EXPECT_EQ(PositionsOfStore(scenario, *store), StoredCells(scenario, *store));
  EXPECT_FALSE(store->CellStates(scenario.id)->empty());
}

}  // namespace
}  // namespace parley::pipeline
