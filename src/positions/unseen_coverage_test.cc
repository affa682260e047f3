// Stances on coverage unlike the seeds: fixture articles written for parley, one per kind of
// episode the issue names (Istanbul 2022 recalled, Alaska, Geneva, Miami and Mar-a-Lago, the
// Paris declaration, Abu Dhabi). Each expectation is actor, issue, position and kind.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "internal.h"
#include "parley/positions.h"
#include "test_pipeline.h"

namespace parley {
namespace {

using Strings = std::vector<std::string>;

Corpus Analyze(const std::vector<std::string>& names) {
  std::vector<std::string> paths;
  for (const auto& name : names) {
    // Kept apart from testdata/positions/, which the pipeline tests ingest as a whole.
    paths.push_back(std::string(PARLEY_SOURCE_DIR) + "/testdata/scenario/ukraine-2025-coverage/" +
                    name);
  }
  return testing::AnalyzeFixtureFiles(testing::UkrainePipeline(), paths);
}

// Every statement of the corpus as "ACTOR issue position kind".
Strings All(const Corpus& corpus) {
  Strings out;
  for (const Statement& s : corpus.statements) {
    out.push_back(s.actor + " " + s.issue + " " + std::to_string(static_cast<int>(s.position)) +
                  " " + std::string(StanceKindName(s.kind)));
  }
  return out;
}

const Statement* Find(const Corpus& corpus, const std::string& actor, const std::string& issue) {
  for (const Statement& s : corpus.statements) {
    if (s.actor == actor && s.issue == issue) return &s;
  }
  return nullptr;
}

TEST(UnseenCoverageTest, AlaskaSummit) {
  const Corpus corpus = Analyze({"alaska_2025.txt"});
  // "dropped his call for an immediate ceasefire": a withdrawn demand concedes the other side.
  // "would not withdraw its troops from Donbas": the negated withdrawal is a refusal, low.
  EXPECT_EQ(All(corpus), (Strings{"RUS territory 75 demand", "RUS territory 40 support",
                                  "USA ceasefire 90 concede", "UKR territory 30 reject"}));
  EXPECT_EQ(Find(corpus, "USA", "ceasefire")->speaker, "Trump");
}

TEST(UnseenCoverageTest, GenevaRound) {
  const Corpus corpus = Analyze({"geneva_2025.txt"});
  // "Ukrainian and American delegations ... no longer caps the army": a joint outcome, no
  // stance; "said ... that it still rejects any deployment of European troops": Russia's.
  EXPECT_EQ(All(corpus), (Strings{"UKR territory 40 demand", "EU assets 60 propose",
                                  "RUS guarantees 10 reject"}));
}

TEST(UnseenCoverageTest, KremlinRoundReportsOutcomesApartFromStances) {
  const Corpus corpus = Analyze({"moscow_2025.txt"});
  // "but the two sides reached no compromise on territory, Ushakov told reporters": an outcome
  // of the talks, not a Russian refusal. "Kyiv would not withdraw from land": low, a refusal.
  EXPECT_EQ(All(corpus), (Strings{"RUS territory 75 demand", "UKR territory 30 reject"}));
}

TEST(UnseenCoverageTest, MarALagoAndMiami) {
  const Corpus corpus = Analyze({"maralago_2025.txt"});
  // "Russia should not be given a veto": Trump's refusal of Russia as a guarantor, not a
  // stance of Russia's ("a veto" is a noun, not Russia vetoing anything).
  EXPECT_EQ(All(corpus), (Strings{"UKR guarantees 100 demand", "USA guarantees 80 reject",
                                  "UKR territory 60 propose"}));
  const Statement* zone = Find(corpus, "UKR", "territory");
  ASSERT_NE(zone, nullptr);
  EXPECT_LT(zone->confidence, 0.6);  // "may consider": tentative
}

TEST(UnseenCoverageTest, ParisDeclaration) {
  const Corpus corpus = Analyze({"paris_2026.txt"});
  EXPECT_EQ(All(corpus), (Strings{"GBR guarantees 75 support", "FRA guarantees 90 support",
                                  "RUS guarantees 5 reject"}));
}

TEST(UnseenCoverageTest, AbuDhabiTrilateral) {
  const Corpus corpus = Analyze({"abu_dhabi_2026.txt"});
  EXPECT_EQ(All(corpus), (Strings{"RUS territory 75 demand", "RUS ceasefire 100 demand",
                                  "UKR territory 30 reject", "UKR ceasefire 0 demand",
                                  "UKR territory 40 demand", "USA territory 60 propose"}));
  EXPECT_EQ(Find(corpus, "USA", "territory")->speaker, "US side");
}

TEST(UnseenCoverageTest, RecalledIstanbulOfferIsDatedToItsYear) {
  const Corpus corpus = Analyze({"retro_istanbul.txt"});
  EXPECT_EQ(All(corpus), (Strings{"UKR nato 90 offer", "UKR guarantees 90 condition",
                                  "UKR nato 25 demand", "UKR nato 15 reject",
                                  "UKR guarantees 90 condition", "RUS nato 90 demand"}));
  const Statement* recalled = Find(corpus, "UKR", "nato");
  EXPECT_EQ(recalled->date, "2022-03-15");  // "Back in March 2022", in a May 2025 article
  EXPECT_EQ(recalled->condition, "guarantees");
  // "rules out neutrality without binding guarantees": a refusal conditional on guarantees.
  EXPECT_EQ(corpus.statements[2].condition, "guarantees");
  EXPECT_EQ(corpus.statements[2].date, "2025-05-16");
  // In the matrix the 2022 offer weighs next to nothing, and the timeline shows the move.
  const PositionMatrix matrix = BuildPositions(testing::UkrainePipeline().scenario(), corpus.statements);
  for (const PositionCell& cell : matrix.cells) {
    if (cell.actor == "UKR" && cell.issue == "nato") {
      EXPECT_LT(cell.position, 25);
    }
  }
  ASSERT_FALSE(matrix.timeline.empty());
  EXPECT_EQ(matrix.timeline[0].actor, "UKR");
  EXPECT_EQ(matrix.timeline[0].from, 90);
  EXPECT_EQ(matrix.timeline[0].from_date, "2022-03-15");
}

TEST(UnseenCoverageTest, ConditionalOfferToDropTheNatoBidIsAboutSeventyFive) {
  // The demo's Berlin sentence: "ready to give up its bid to join NATO in exchange for legally
  // binding security guarantees". "join NATO" is the object of "give up its bid", not a
  // second stance at 0.
  const Corpus corpus = Analyze({"berlin_offer.txt"});
  // "freeze the front where it runs today, and rejected the American idea...": the refusal is
  // Zelensky's; "it" belongs to the where-clause, not to "rejected".
  EXPECT_EQ(All(corpus), (Strings{"UKR nato 75 concede", "UKR guarantees 90 condition",
                                  "UKR territory 40 support", "UKR territory 30 reject"}));
  EXPECT_EQ(corpus.statements[0].condition, "guarantees");
}

// ---- the lexicon file ----

TEST(LexiconTest, BundledFileLoads) {
  auto lexicon = positions_internal::Lexicon::Load(DefaultDictionaryDir() + "/stances.tsv");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().message();
  EXPECT_EQ(lexicon->RoleOf("never"), positions_internal::WordRole::kNegation);
  EXPECT_TRUE(lexicon->IsPreposition("into"));
}

TEST(LexiconTest, MalformedLinesNameFileAndLine) {
  using positions_internal::Lexicon;
  auto unknown = Lexicon::Parse("# c\nwant+\tdemand\nsay\tshout\n", "s.tsv");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(unknown.status().message().substr(0, 40), "s.tsv:3: unknown class 'shout', expected");
  auto columns = Lexicon::Parse("want+\n", "s.tsv");
  EXPECT_EQ(columns.status().message(),
            "s.tsv:1: expected 2 or 3 tab-separated columns (forms, class, flags), got 1");
  auto flag = Lexicon::Parse("not\tnegation\thedged\n", "s.tsv");
  EXPECT_EQ(flag.status().message(), "s.tsv:1: flags apply to stance words only");
  auto missing = Lexicon::Load("/nonexistent/stances.tsv");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

// Issue 12: word roles threat, averting and collective; count words (count:N).
TEST(LexiconTest, RolesAndCountWords) {
  using positions_internal::Lexicon;
  using positions_internal::WordRole;
  auto lexicon = Lexicon::Parse(
      "vote to\tdemand\nresponse\tthreat\nprevent+\taverting\ncountries\tcollective\n"
      "three\tcount:3\non|monday\ttiming\n",
      "s.tsv");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().message();
  EXPECT_EQ(lexicon->RoleOf("response"), WordRole::kThreat);
  EXPECT_EQ(lexicon->RoleOf("prevented"), WordRole::kAverting);
  EXPECT_EQ(lexicon->RoleOf("countries"), WordRole::kCollective);
  EXPECT_EQ(lexicon->CountOf("three"), 3);
  EXPECT_EQ(lexicon->CountOf("seven"), 0);
  EXPECT_EQ(Lexicon::Parse("one\tcount:1\nsay\tspeech\n", "s.tsv").status().message(),
            "s.tsv:1: bad class 'count:1', expected count:N with N a number from 2 to 99");
}

TEST(LexiconTest, CueClassesListTheirInflectedForms) {
  auto lexicon = positions_internal::Lexicon::Parse(
      "cede+|give up|hand*\tcue:cede\nsay\tspeech\n", "s.tsv");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().message();
  const auto* cede = lexicon->CueClass("cede");
  ASSERT_NE(cede, nullptr);
  ASSERT_EQ(cede->size(), 6u);  // cede, cedes, ceded, ceding, give up, hand*
  EXPECT_EQ((*cede)[4][1].text, "up");
  EXPECT_TRUE((*cede)[5][0].prefix);
  EXPECT_EQ(lexicon->CueClass("withdraw"), nullptr);
  EXPECT_EQ(positions_internal::Lexicon::Parse("cede\tcue:Cede\nsay\tspeech\n", "s.tsv")
                .status()
                .message(),
            "s.tsv:1: bad word class 'cue:Cede', expected cue: and lower-case letters or '_'");
}

TEST(LexiconTest, AScenarioClassTheLexiconLacksIsAnError) {
  Result<Scenario> scenario = LoadScenarioFile(std::string(PARLEY_SOURCE_DIR) +
                                               "/testdata/scenario/tiny.yaml");
  ASSERT_TRUE(scenario.ok()) << scenario.status().message();
  Result<CuePattern> cue = ParseCuePattern("$nowhere ... harbour");
  ASSERT_TRUE(cue.ok());
  scenario->issues[0].anchors[0].cues.push_back(*cue);
  const auto extractor = StanceExtractor::Create(*scenario);
  ASSERT_FALSE(extractor.ok());
  EXPECT_NE(extractor.status().message().find("names word class $nowhere"), std::string::npos)
      << extractor.status().message();
}

TEST(LexiconTest, RegularInflectionsAndLongestMatch) {
  auto lexicon = positions_internal::Lexicon::Parse(
      "refuse+\treject\nsay\tspeech\nsay no to\treject\n", "s.tsv");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().message();
  Analysis analysis;
  analysis.text = "Kyiv refused. They say no to it";
  analysis.sentences = {{{0, 13}}, {{14, 31}}};
  analysis.byte_of_code_point.resize(analysis.text.size() + 1);
  for (size_t i = 0; i <= analysis.text.size(); ++i) analysis.byte_of_code_point[i] = i;
  const positions_internal::WordIndex index = positions_internal::IndexWords(analysis);
  auto refused = lexicon->TriggerAt(index, 1, 2);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->cls, positions_internal::TriggerClass::kReject);
  auto say_no = lexicon->TriggerAt(index, 3, 7);
  ASSERT_TRUE(say_no.has_value());
  EXPECT_EQ(say_no->last, 5);  // "say no to" beats "say"
}

}  // namespace
}  // namespace parley
