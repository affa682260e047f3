// A negotiation nothing in the engine knows: a toy scenario written from scratch
// (testdata/toy/river.yaml, two actors and one issue) runs through extract, stances, scoring
// and positions on fixture articles written for it. Groups and relaying actors on a second
// small scenario (testdata/scenario/groups.yaml), cue ties on a third (testdata/toy/ties.yaml).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "parley/positions.h"
#include "parley/stance_score.h"
#include "test_pipeline.h"

namespace parley {
namespace {

std::string Source(const std::string& path) { return std::string(PARLEY_SOURCE_DIR) + "/" + path; }

std::unique_ptr<StancePipeline> Pipeline(const std::string& scenario_path) {
  auto pipeline = StancePipeline::Load(Source(scenario_path), {}, "");
  EXPECT_TRUE(pipeline.ok()) << pipeline.status().message();
  return pipeline.ok() ? std::move(*pipeline) : nullptr;
}

// The statements of one fixture under the bundled Iran scenario (empty when it fails to load).
Corpus IranFixture(const std::string& fixture) {
  const auto pipeline = Pipeline("scenarios/iran-2025.yaml");
  if (pipeline == nullptr) return {};
  return testing::AnalyzeFixtureFiles(*pipeline, {Source("testdata/toy/" + fixture)});
}

// "ACTOR position kind[ joint][ reported]" per statement, in text order.
std::vector<std::string> Lines(const Corpus& corpus) {
  std::vector<std::string> lines;
  for (const Statement& s : corpus.statements) {
    lines.push_back(s.actor + " " + std::to_string(static_cast<int>(s.position)) + " " +
                    std::string(StanceKindName(s.kind)) + (s.joint ? " joint" : "") +
                    (s.reported ? " reported" : ""));
  }
  return lines;
}

TEST(ToyScenarioTest, ARiverDisputeRunsThroughThePipeline) {
  const auto pipeline = Pipeline("testdata/toy/river.yaml");
  ASSERT_NE(pipeline, nullptr);
  const Corpus corpus = testing::AnalyzeFixtureFiles(
      *pipeline, {Source("testdata/toy/talks_open.txt"), Source("testdata/toy/compromise.txt")});
  EXPECT_EQ(Lines(corpus), (std::vector<std::string>{"UPL 0 support", "LOW 100 demand",
                                                     "UPL 0 reject", "LOW 50 accept"}));

  Result<StanceGold> gold = LoadStanceGold(Source("testdata/toy/gold.json"));
  ASSERT_TRUE(gold.ok()) << gold.status().message();
  ASSERT_TRUE(CheckStanceGold(*gold, pipeline->scenario()).ok());
  std::map<std::string, std::string> pages;
  for (const char* page : {"talks_open.txt", "compromise.txt"}) {
    std::ifstream in(Source(std::string("testdata/toy/") + page));
    pages[page].assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const StanceScore score = ScoreStances(*gold, corpus.statements, pages);
  EXPECT_EQ(score.total.gold, 3);
  EXPECT_EQ(score.total.hit, 3);
  EXPECT_EQ(score.total.predicted, 4);
  EXPECT_EQ(score.total.right, 4);

  const PositionMatrix matrix = BuildPositions(pipeline->scenario(), corpus.statements);
  std::vector<std::string> cells;
  for (const PositionCell& cell : matrix.cells) {
    cells.push_back(cell.actor + " " + cell.issue + " " +
                    std::to_string(static_cast<int>(cell.position + 0.5)));
  }
  EXPECT_EQ(cells, (std::vector<std::string>{"UPL flow 0", "LOW flow 75"}));
}

// Also: a relaying actor's account is the described actor's; its own demand stays its own; a
// time phrase between a subject and its verb ("on Friday") leaves the subject the holder.
TEST(GroupScenarioTest, AGroupAndAListOfAllItsMembersSpeakJointly) {
  const auto pipeline = Pipeline("testdata/scenario/groups.yaml");
  ASSERT_NE(pipeline, nullptr);
  const Corpus corpus =
      testing::AnalyzeFixtureFiles(*pipeline, {Source("testdata/toy/isles.txt")});
  EXPECT_EQ(Lines(corpus),
            (std::vector<std::string>{"EAS 100 demand joint", "WES 100 demand joint",
                                      "WES 100 reject joint", "EAS 100 reject joint",
                                      "EAS 100 propose", "NOR 100 offer reported",
                                      "MID 100 demand", "WES 100 support"}));
}

// Equal length: a written-out first word beats a "word*" one; between two "word*" cues
// starting at the same word, the one written first in the file (the lower anchor) wins.
TEST(CueTieTest, WrittenOutFirstWordThenFileOrder) {
  const auto pipeline = Pipeline("testdata/toy/ties.yaml");
  ASSERT_NE(pipeline, nullptr);
  const Corpus corpus =
      testing::AnalyzeFixtureFiles(*pipeline, {Source("testdata/toy/ties.txt")});
  EXPECT_EQ(Lines(corpus), (std::vector<std::string>{"UPL 100 demand", "LOW 0 demand"}));
}

// The bundled Iran scenario: "the E3" speaks for its three members, the Omani mediator's
// account is Iran's (reported, lower confidence), the IAEA's own demand stays its own.
TEST(IranScenarioTest, BlocMediatorAndAgency) {
  const auto pipeline = Pipeline("scenarios/iran-2025.yaml");
  ASSERT_NE(pipeline, nullptr);
  const Corpus corpus =
      testing::AnalyzeFixtureFiles(*pipeline, {Source("testdata/toy/iran_round.txt")});
  EXPECT_EQ(Lines(corpus), (std::vector<std::string>{
                               "GBR 75 demand joint", "FRA 75 demand joint", "DEU 75 demand joint",
                               "IRN 75 propose reported", "IAEA 65 demand"}));
  ASSERT_EQ(corpus.statements.size(), 5u);
  EXPECT_EQ(corpus.statements[0].issue, "inspections");
  EXPECT_EQ(corpus.statements[3].issue, "enrichment");
  EXPECT_LT(corpus.statements[3].confidence, 0.5);
  EXPECT_EQ(corpus.statements[4].issue, "stockpile");
}

// A negation the cue names is part of its anchor: "never enrich beyond 3.67%" accepts a cap.
TEST(IranScenarioTest, NegationNamedByTheCueKeepsItsAnchor) {
  const auto pipeline = Pipeline("scenarios/iran-2025.yaml");
  ASSERT_NE(pipeline, nullptr);
  const Corpus corpus =
      testing::AnalyzeFixtureFiles(*pipeline, {Source("testdata/toy/iran_limits.txt")});
  EXPECT_EQ(Lines(corpus), (std::vector<std::string>{"USA 0 demand", "IRN 75 support",
                                                     "USA 0 demand"}));
  ASSERT_EQ(corpus.statements.size(), 3u);
  EXPECT_EQ(corpus.statements[2].issue, "missiles");
}

// Mechanisms of issue 12, one fixture sentence each (testdata/toy/iran_mechanisms.txt): a page
// date stamp before the subject; a threat made on a condition opposes the condition; an
// averting word ("block") opposes what it averts; "the three countries" stands for the last
// list of three; "the foreign ministers of A, B and C" makes each a holder; a time phrase
// inside "voted ... to"; "the watchdog" names the IAEA; negation ends at "and" with a modal.
TEST(IranScenarioTest, ThreatsAvertingCountsCollectivesAndNegationScope) {
  const auto pipeline = Pipeline("scenarios/iran-2025.yaml");
  ASSERT_NE(pipeline, nullptr);
  const Corpus corpus =
      testing::AnalyzeFixtureFiles(*pipeline, {Source("testdata/toy/iran_mechanisms.txt")});
  EXPECT_EQ(Lines(corpus),
            (std::vector<std::string>{"GBR 0 support", "IRN 66 oppose", "ISR 20 oppose",
                                      "RUS 100 demand", "CHN 100 demand", "IRN 100 demand",
                                      "DEU 75 demand joint", "GBR 75 demand joint",
                                      "FRA 75 demand joint", "IRN 25 demand", "IAEA 75 demand",
                                      "IRN 100 support"}));
  std::vector<std::string> issues;
  for (const Statement& s : corpus.statements) issues.push_back(s.issue);
  EXPECT_EQ(issues, (std::vector<std::string>{"sanctions", "sanctions", "sanctions", "sanctions",
                                              "sanctions", "sanctions", "inspections",
                                              "inspections", "inspections", "inspections",
                                              "inspections", "enrichment"}));
}

// Speakers and drafters named as a list (testdata/toy/iran_speakers.txt): "“...,” Britain,
// France, and Germany said" gives each of the three the quoted demand; "a resolution drafted by
// the E3 and the US" gives its terms to the E3's members and to the US, as weaker evidence
// than their own words.
TEST(IranScenarioTest, ListedSpeakersAndDraftersEachHoldTheStance) {
  const Corpus corpus = IranFixture("iran_speakers.txt");
  EXPECT_EQ(Lines(corpus), (std::vector<std::string>{"GBR 75 demand joint", "FRA 75 demand joint",
                                                     "DEU 75 demand joint", "GBR 75 demand joint",
                                                     "FRA 75 demand joint", "DEU 75 demand joint",
                                                     "USA 75 demand"}));
  ASSERT_EQ(corpus.statements.size(), 7u);
  EXPECT_LT(corpus.statements[6].confidence, corpus.statements[0].confidence);
}

// A refusal the cue names is part of its anchor (testdata/toy/iran_polarity.txt): "refused to
// discuss its missiles" under "refus* ... discuss* ... missile*" puts missiles off the table, as
// "would not negotiate on" does; it does not turn the cue around a second time. A cue after a
// stance noun and its topic ("Iran's position on the snapback") is the topic: no statement.
TEST(IranScenarioTest, RefusalNamedByTheCueKeepsItsAnchor) {
  const Corpus corpus = IranFixture("iran_polarity.txt");
  EXPECT_EQ(Lines(corpus), (std::vector<std::string>{"IRN 100 reject", "IRN 100 support"}));
}

// Bodies and documents as holders (testdata/toy/iran_bodies.txt): a body that "passed a law
// suspending cooperation" holds that stance (enacting verbs are stance words); an enacting
// body that is no scenario actor holds none; "the statement" the E3 issued holds the E3's
// stance (statements and letters are documents).
TEST(IranScenarioTest, BodiesAndTheirStatementsHoldStances) {
  const Corpus corpus = IranFixture("iran_bodies.txt");
  EXPECT_EQ(Lines(corpus),
            (std::vector<std::string>{"IRN 25 support", "GBR 75 demand joint",
                                      "FRA 75 demand joint", "DEU 75 demand joint"}));
  ASSERT_EQ(corpus.statements.size(), 4u);
  EXPECT_EQ(corpus.statements[0].issue, "inspections");
  EXPECT_EQ(corpus.statements[3].issue, "inspections");
}

// Paraphrases of the uranium stock (testdata/toy/iran_stockpile.txt): "HEU", "ship out its
// fissile material", "access to its uranium stockpile".
TEST(IranScenarioTest, StockpileParaphrases) {
  const Corpus corpus = IranFixture("iran_stockpile.txt");
  std::vector<std::string> stockpile;
  for (const Statement& s : corpus.statements) {
    if (s.issue == "stockpile") {
      stockpile.push_back(s.actor + " " + std::to_string(static_cast<int>(s.position)));
    }
  }
  EXPECT_EQ(stockpile,
            (std::vector<std::string>{"IAEA 65", "USA 0", "GBR 65", "FRA 65", "DEU 65"}));
}

// "a proposal that would ban enrichment" is zero enrichment, its author's (as told by another,
// so reported); rejecting it puts Iran on the other side (testdata/toy/iran_enrichment.txt).
TEST(IranScenarioTest, ABanOnEnrichmentAndItsRejection) {
  const Corpus corpus = IranFixture("iran_enrichment.txt");
  EXPECT_EQ(Lines(corpus), (std::vector<std::string>{"USA 0 propose reported", "IRN 85 reject"}));
}

}  // namespace
}  // namespace parley
