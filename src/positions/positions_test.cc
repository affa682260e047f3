#include "parley/positions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "internal.h"
#include "test_pipeline.h"

namespace parley {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(PARLEY_SOURCE_DIR) + "/testdata/positions/" + name;
}

const StancePipeline& Ukraine() { return testing::UkrainePipeline(); }

Corpus AnalyzeFixtures(const StancePipeline& pipeline, const std::vector<std::string>& names) {
  std::vector<std::string> paths;
  for (const auto& name : names) paths.push_back(Fixture(name));
  return testing::AnalyzeFixtureFiles(pipeline, paths);
}

// The statements of `actor` on `issue`, as "position kind" strings.
std::vector<std::string> Found(const Corpus& corpus, const std::string& actor,
                               const std::string& issue) {
  std::vector<std::string> out;
  for (const Statement& s : corpus.statements) {
    if (s.actor == actor && s.issue == issue) {
      out.push_back(std::to_string(static_cast<int>(s.position)) + " " +
                    std::string(StanceKindName(s.kind)));
    }
  }
  return out;
}

const Statement* First(const Corpus& corpus, const std::string& actor, const std::string& issue) {
  for (const Statement& s : corpus.statements) {
    if (s.actor == actor && s.issue == issue) return &s;
  }
  return nullptr;
}

using Strings = std::vector<std::string>;

TEST(StancesTest, NeutralityOfferedForGuaranteesIsConditional) {
  const Corpus corpus = AnalyzeFixtures(Ukraine(), {"istanbul_2022.txt"});
  EXPECT_EQ(Found(corpus, "UKR", "nato"), (Strings{"90 propose", "85 reject"}));
  const Statement* offer = First(corpus, "UKR", "nato");
  ASSERT_NE(offer, nullptr);
  EXPECT_EQ(offer->condition, "guarantees");
  EXPECT_EQ(offer->speaker, "Ukrainian negotiators");
  EXPECT_EQ(offer->date, "2022-03-29");
  // The guarantees asked in return are a condition of the offer. "it insists that the
  // guarantors include the permanent members...": the unresolved "it" falls back to the actor
  // named earlier in the sentence.
  EXPECT_EQ(Found(corpus, "UKR", "guarantees"), (Strings{"90 condition", "25 demand"}));
}

TEST(StancesTest, ReportedClaimsAreKeptApartWithLowConfidence) {
  const Corpus corpus = AnalyzeFixtures(Ukraine(), {"istanbul_2022.txt"});
  const Statement* sceptical = First(corpus, "RUS", "guarantees");
  ASSERT_NE(sceptical, nullptr);
  EXPECT_TRUE(sceptical->reported);
  EXPECT_EQ(sceptical->kind, StanceKind::kOppose);
  EXPECT_LT(sceptical->confidence, 0.3);
}

TEST(StancesTest, DemandsMadeOfAnotherActorBelongToWhoDemands) {
  const Corpus corpus = AnalyzeFixtures(Ukraine(), {"terms_2024.txt"});
  // "He also demanded that Ukraine drop ... and accept a neutral status": Putin's demand.
  EXPECT_EQ(Found(corpus, "RUS", "nato"), (Strings{"75 demand", "90 demand"}));
  EXPECT_TRUE(Found(corpus, "NATO", "nato").empty());
  // "would halt fire once Kyiv withdraws its forces from...": the withdrawal is Moscow's
  // condition.
  EXPECT_EQ(Found(corpus, "RUS", "territory"), (Strings{"75 condition", "100 condition"}));
  // "rejected the proposal, saying it would never recognise the annexation": the refusal is
  // the saying clause's own; "never" pushes past the negated anchor.
  EXPECT_EQ(Found(corpus, "UKR", "territory"), (Strings{"10 reject"}));
}

TEST(StancesTest, HolderIsTheSubjectOfTheStanceVerbNotTheNearestName) {
  const Corpus corpus = AnalyzeFixtures(Ukraine(), {"plan_2025.txt"});
  EXPECT_EQ(Found(corpus, "USA", "army"), (Strings{"60 demand"}));
  EXPECT_TRUE(Found(corpus, "UKR", "army").empty());
  EXPECT_EQ(First(corpus, "USA", "army")->speaker, "Witkoff");
  // Two points in one sentence stay two statements.
  EXPECT_EQ(Found(corpus, "UKR", "territory"), (Strings{"30 reject", "40 offer"}));
  EXPECT_EQ(Found(corpus, "GBR", "guarantees"), (Strings{"75 offer"}));
  EXPECT_EQ(Found(corpus, "EU", "sanctions"), (Strings{"50 accept"}));
}

TEST(StancesTest, EvidenceIsTheSentenceAndSpanPointsAtIt) {
  const Corpus corpus = AnalyzeFixtures(Ukraine(), {"plan_2025.txt"});
  const Statement* cap = First(corpus, "USA", "army");
  ASSERT_NE(cap, nullptr);
  EXPECT_EQ(cap->evidence,
            "Witkoff wants Ukraine to cap its army at 600,000 soldiers under the draft, officials "
            "familiar with the text said.");
  EXPECT_EQ(cap->span.size(), static_cast<int64_t>(cap->evidence.size()));  // ASCII sentence
}

TEST(StancesTest, SameStoryFromTwoOutletsIsCorroborated) {
  const Corpus corpus = AnalyzeFixtures(Ukraine(), {"berlin_a.txt", "berlin_b.txt"});
  ASSERT_EQ(corpus.stories.size(), 1u);
  EXPECT_EQ(corpus.stories[0].members, (std::vector<int>{0, 1}));
  EXPECT_EQ(corpus.stories[0].first_date, "2025-12-15");
  EXPECT_EQ(corpus.stories[0].last_date, "2025-12-16");
  EXPECT_EQ(Found(corpus, "USA", "guarantees"), (Strings{"90 offer", "90 offer"}));
  EXPECT_EQ(Found(corpus, "UKR", "territory"), (Strings{"30 reject", "30 reject"}));
  const Statement* offer = First(corpus, "USA", "guarantees");
  ASSERT_EQ(offer->sources.size(), 1u);
  EXPECT_EQ(offer->sources[0].doc, Fixture("berlin_b.txt"));
  // In the matrix the two reports count once, with a joined confidence.
  const PositionMatrix matrix = BuildPositions(Ukraine().scenario(), corpus.statements);
  for (const PositionCell& cell : matrix.cells) {
    if (cell.actor == "USA" && cell.issue == "guarantees") {
      EXPECT_EQ(cell.statements, 1);
    }
  }
}

TEST(StancesTest, AnyScenarioWorks) {
  auto pipeline =
      StancePipeline::Load(std::string(PARLEY_SOURCE_DIR) + "/testdata/scenario/tiny.yaml", {}, "");
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().message();
  const Corpus corpus = AnalyzeFixtures(**pipeline, {"harbour.txt"});
  EXPECT_EQ(Found(corpus, "NOR", "harbour"), (Strings{"0 demand", "0 reject"}));
  EXPECT_EQ(First(corpus, "NOR", "harbour")->speaker, "Northland");
  EXPECT_EQ(Found(corpus, "SOU", "harbour"), (Strings{"50 propose"}));
}

// The stance rules' word sets are language data: a language folder without one is an error at
// Create(), not an abort on the first article.
TEST(StancesTest, MissingStanceWordSetIsAnErrorAtCreate) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "parley_stance_lang_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "en");
  for (const fs::directory_entry& entry :
       fs::directory_iterator(std::string(PARLEY_SOURCE_DIR) + "/data/lang/en")) {
    if (entry.path().filename() != "stance_hypothetical_openers.tsv") {
      fs::copy_file(entry.path(), dir / "en" / entry.path().filename());
    }
  }
  auto scenario = LoadScenarioFile(std::string(PARLEY_SOURCE_DIR) + "/testdata/scenario/tiny.yaml");
  ASSERT_TRUE(scenario.ok());
  StanceOptions options;
  options.language_dir = dir.string();
  auto extractor = StanceExtractor::Create(*scenario, options);
  ASSERT_FALSE(extractor.ok());
  EXPECT_EQ(extractor.status().message(),
            dir.string() + "/en/stance_hypothetical_openers.tsv: missing, the stance rules need it");
  fs::remove_all(dir);
}

// ---- positions ----

Statement Make(const std::string& actor, const std::string& issue, double position,
               double confidence, const std::string& date, const std::string& doc = "d") {
  Statement s;
  s.actor = actor;
  s.issue = issue;
  s.position = position;
  s.confidence = confidence;
  s.date = date;
  s.doc = doc;
  s.kind = StanceKind::kDemand;
  return s;
}

const Scenario& Tiny() {
  static const Scenario* const scenario = [] {
    auto loaded = LoadScenarioFile(std::string(PARLEY_SOURCE_DIR) + "/testdata/scenario/tiny.yaml");
    EXPECT_TRUE(loaded.ok());
    return new Scenario(std::move(loaded.value()));
  }();
  return *scenario;
}

const PositionCell* Cell(const PositionMatrix& matrix, const std::string& actor) {
  for (const PositionCell& cell : matrix.cells) {
    if (cell.actor == actor) return &cell;
  }
  return nullptr;
}

TEST(PositionsTest, ContradictionsWidenTheRange) {
  std::vector<Statement> statements = {Make("SOU", "harbour", 20, 0.5, "2024-01-01"),
                                       Make("SOU", "harbour", 40, 0.5, "2024-01-01")};
  const PositionMatrix matrix = BuildPositions(Tiny(), statements);
  const PositionCell* cell = Cell(matrix, "SOU");
  ASSERT_NE(cell, nullptr);
  EXPECT_DOUBLE_EQ(cell->position, 30);
  // sqrt(dispersion 100 + (20 x (1 - 0.5 / 2))^2 / 2 effective statements) = 14.577...
  EXPECT_NEAR(cell->high - cell->position, 14.5774, 1e-4);
  EXPECT_EQ(cell->basis, CellBasis::kEvidence);
  EXPECT_EQ(cell->statements, 2);
}

TEST(PositionsTest, ConsistentEvidenceNarrowsTheRange) {
  std::vector<Statement> one = {Make("SOU", "harbour", 50, 0.8, "2024-01-01")};
  std::vector<Statement> three = one;
  three.push_back(Make("SOU", "harbour", 50, 0.8, "2024-01-01", "e"));
  three.push_back(Make("SOU", "harbour", 50, 0.8, "2024-01-01", "f"));
  const PositionMatrix one_matrix = BuildPositions(Tiny(), one);
  const PositionMatrix three_matrix = BuildPositions(Tiny(), three);
  const PositionCell* single = Cell(one_matrix, "SOU");
  const PositionCell* many = Cell(three_matrix, "SOU");
  EXPECT_LT(many->high - many->low, single->high - single->low);
  EXPECT_GT(many->salience, single->salience);
}

TEST(PositionsTest, RecentStatementsWeighMore) {
  std::vector<Statement> statements = {Make("SOU", "harbour", 0, 0.5, "2024-01-01"),
                                       Make("SOU", "harbour", 90, 0.5, "2024-01-31")};
  const PositionMatrix matrix = BuildPositions(Tiny(), statements);  // half-life 30 days
  EXPECT_EQ(matrix.as_of, "2024-01-31");
  EXPECT_NEAR(Cell(matrix, "SOU")->position, 60, 1e-9);
  ASSERT_EQ(matrix.timeline.size(), 1u);
  EXPECT_EQ(matrix.timeline[0].from_date, "2024-01-01");
  EXPECT_EQ(matrix.timeline[0].to_date, "2024-01-31");
  EXPECT_NEAR(matrix.timeline[0].from, 0, 1e-9);
  EXPECT_NEAR(matrix.timeline[0].to, 60, 1e-9);
}

TEST(PositionsTest, SalienceOfEvidenceMonthsOldIsNotZero) {
  // One demand (strength 1) at confidence 0.9, 90 days before as-of: the position weight has
  // halved three times, salience only once in 180 days: 100 x (1 - e^(-0.9 x 2^-0.5 / 1.5)).
  std::vector<Statement> statements = {Make("SOU", "harbour", 40, 0.9, "2024-01-01")};
  PositionOptions options;
  options.as_of = "2024-03-31";
  const PositionMatrix matrix = BuildPositions(Tiny(), statements, options);
  EXPECT_NEAR(Cell(matrix, "SOU")->salience, 100 * (1 - std::exp(-0.9 * std::exp2(-0.5) / 1.5)),
              1e-9);
}

TEST(PositionsTest, AsOfIgnoresLaterStatements) {
  std::vector<Statement> statements = {Make("SOU", "harbour", 10, 0.5, "2024-01-01"),
                                       Make("SOU", "harbour", 90, 0.5, "2024-03-01")};
  PositionOptions options;
  options.as_of = "2024-02-01";
  const PositionMatrix matrix = BuildPositions(Tiny(), statements, options);
  EXPECT_DOUBLE_EQ(Cell(matrix, "SOU")->position, 10);
}

TEST(PositionsTest, EmptyCellsStayEmptyUnlessPriorOrOverride) {
  // tiny.yaml: SOU has a prior of 90, NOR an override of 10 (0-20).
  const PositionMatrix matrix = BuildPositions(Tiny(), {});
  ASSERT_EQ(matrix.cells.size(), 2u);
  EXPECT_EQ(Cell(matrix, "NOR")->basis, CellBasis::kOverride);
  EXPECT_EQ(Cell(matrix, "NOR")->high, 20);
  EXPECT_TRUE(Cell(matrix, "NOR")->counts_as_evidence);  // the analyst vouches for it
  EXPECT_EQ(Cell(matrix, "SOU")->basis, CellBasis::kPrior);
  EXPECT_FALSE(Cell(matrix, "SOU")->counts_as_evidence);
  EXPECT_EQ(Cell(matrix, "SOU")->position, 90);
  // Evidence replaces the prior but not the override.
  std::vector<Statement> statements = {Make("SOU", "harbour", 40, 0.5, "2024-01-01"),
                                       Make("NOR", "harbour", 70, 0.5, "2024-01-01")};
  const PositionMatrix with_evidence = BuildPositions(Tiny(), statements);
  EXPECT_EQ(Cell(with_evidence, "SOU")->basis, CellBasis::kEvidence);
  EXPECT_EQ(Cell(with_evidence, "NOR")->basis, CellBasis::kOverride);
  EXPECT_EQ(Cell(with_evidence, "NOR")->position, 10);
  EXPECT_EQ(Cell(with_evidence, "NOR")->evidence.size(), 1u);
}

// Problem 5 of issue 14: prior cells had salience 0 and weighed nothing in the forecasts.
TEST(PositionsTest, Problem5PinnedCellsWithoutEvidenceHaveASalience) {
  const PositionMatrix matrix = BuildPositions(Tiny(), {});
  EXPECT_EQ(Cell(matrix, "SOU")->salience, kPinnedSalience);  // the prior gives none
  EXPECT_EQ(Cell(matrix, "NOR")->salience, kPinnedSalience);
  Scenario given = Tiny();
  given.priors[0].salience = 80;
  EXPECT_EQ(Cell(BuildPositions(given, {}), "SOU")->salience, 80);
  // An override on evidence keeps the evidence's salience unless it names one.
  std::vector<Statement> statements = {Make("NOR", "harbour", 70, 0.5, "2024-01-01")};
  const double from_evidence = Cell(BuildPositions(Tiny(), statements), "NOR")->salience;
  EXPECT_GT(from_evidence, 0);
  EXPECT_NE(from_evidence, kPinnedSalience);
}

AnnotationRecord TeamAnnotation(const std::string& actor, AnnotationKind kind,
                                std::optional<double> position, const std::string& created_at) {
  AnnotationRecord a;
  a.scenario = "tiny";
  a.actor = actor;
  a.issue = "harbour";
  a.kind = kind;
  a.position = position;
  a.note = "from the " + created_at + " briefing";
  a.author = "Ann";
  a.created_at = created_at;
  return a;
}

// A team's override replaces the evidence, and the scenario file's override of the same cell;
// the latest one counts, a withdrawal gives the cell back; notes change nothing; as of a date,
// only what the team had said by then counts.
TEST(PositionsTest, TheTeamsLatestOverrideOfACellIsInForceUntilWithdrawn) {
  std::vector<Statement> statements = {Make("SOU", "harbour", 40, 0.5, "2024-01-01")};
  const std::vector<AnnotationRecord> annotations = {
      TeamAnnotation("SOU", AnnotationKind::kOverride, 70, "2026-12-01T09:00:00Z"),
      TeamAnnotation("SOU", AnnotationKind::kOverride, 75, "2026-12-02T09:00:00Z"),
      TeamAnnotation("SOU", AnnotationKind::kNote, std::nullopt, "2026-12-03T09:00:00Z"),
      TeamAnnotation("NOR", AnnotationKind::kOverride, 30, "2026-12-02T10:00:00Z"),
      TeamAnnotation("NOR", AnnotationKind::kWithdraw, std::nullopt, "2026-12-04T10:00:00Z"),
  };
  const PositionMatrix now =
      BuildPositions(WithTeamOverrides(Tiny(), annotations), statements);
  const PositionCell* south = Cell(now, "SOU");
  ASSERT_NE(south, nullptr);
  EXPECT_EQ(south->basis, CellBasis::kOverride);
  EXPECT_EQ(south->position, 75);
  EXPECT_EQ(south->author, "Ann");
  EXPECT_EQ(south->authored_at, "2026-12-02T09:00:00Z");
  EXPECT_EQ(south->note, "from the 2026-12-02T09:00:00Z briefing");
  EXPECT_EQ(south->evidence.size(), 1u);  // the evidence stays listed
  // Withdrawn: the scenario file's own override of NOR (10) applies again.
  EXPECT_EQ(Cell(now, "NOR")->position, 10);
  EXPECT_EQ(Cell(now, "NOR")->author, "");

  const Scenario then = WithTeamOverrides(Tiny(), annotations, "2026-12-02");
  EXPECT_EQ(Cell(BuildPositions(then, statements), "SOU")->position, 75);
  EXPECT_EQ(Cell(BuildPositions(then, statements), "NOR")->position, 30);
  const Scenario before = WithTeamOverrides(Tiny(), annotations, "2026-11-30");
  EXPECT_EQ(Cell(BuildPositions(before, statements), "SOU")->basis, CellBasis::kEvidence);
}

TEST(PositionsTest, JsonFollowsTheDocumentedShape) {
  std::vector<Statement> statements = {Make("SOU", "harbour", 40, 0.5, "2024-01-01")};
  const nlohmann::json json = PositionsJson(Tiny(), BuildPositions(Tiny(), statements));
  EXPECT_EQ(json["scenario"], "tiny");
  EXPECT_EQ(json["as_of"], "2024-01-01");
  EXPECT_EQ(json["actors"][0]["capability"], 60);
  EXPECT_EQ(json["issues"][0]["status_quo"], 50);
  const auto& cell = json["cells"][1];
  EXPECT_EQ(cell["actor"], "SOU");
  EXPECT_EQ(cell["basis"], "evidence");
  EXPECT_EQ(cell["statements"], 1);
  EXPECT_EQ(cell["evidence"][0]["span"], nlohmann::json::array({0, 0}));
}

// ---- stories ----

StoryDocument Doc(const std::string& doc, const std::string& date, const std::string& text,
                  std::vector<std::string> actors) {
  StoryDocument d;
  d.doc = doc;
  d.id = doc;
  d.date = date;
  d.text = text;
  d.actors = std::move(actors);
  return d;
}

TEST(StoriesTest, SameEventJoinsAcrossOutletsWithinTheWindow) {
  const std::string ferry =
      "Northland and Southland negotiators met in Nordport over harbour fees and ferry "
      "schedules, harbour fees dominated the ferry talks";
  const std::vector<StoryDocument> documents = {
      Doc("a", "2024-04-01", ferry, {"NOR", "SOU"}),
      Doc("b", "2024-04-02", ferry + " on Tuesday", {"NOR", "SOU"}),
      Doc("c", "2024-04-02", "A storm closed mountain roads and schools across the valley", {}),
      Doc("d", "2024-05-20", ferry, {"NOR", "SOU"})};
  const std::vector<Story> stories = ClusterStories(documents);
  ASSERT_EQ(stories.size(), 3u);
  EXPECT_EQ(stories[0].members, (std::vector<int>{0, 1}));
  EXPECT_EQ(stories[1].members, (std::vector<int>{2}));
  EXPECT_EQ(stories[2].members, (std::vector<int>{3}));  // seven weeks later: a new story
}

TEST(DatesTest, DayNumbers) {
  EXPECT_EQ(positions_internal::DayNumber("1970-01-01"), 0);
  EXPECT_EQ(positions_internal::DayNumber("2025-12-16T01:13:00Z"), 20438);
  EXPECT_EQ(positions_internal::DayNumber("2025-13-01"), std::nullopt);
  EXPECT_EQ(positions_internal::DayNumber("Dec 16"), std::nullopt);
}

}  // namespace
}  // namespace parley
