// Whose stance is it: holders that are not the nearest name. Each case is one sentence the
// project wrote, analysed alone; the expectation is every "ACTOR issue position kind".
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parley/positions.h"
#include "test_pipeline.h"

namespace parley {
namespace {

using Strings = std::vector<std::string>;

Strings StancesOf(const std::string& text) {
  const StancePipeline& pipeline = testing::UkrainePipeline();
  Article article;
  article.locator = "fixture";
  article.date = "2025-12-01";
  article.text = text;
  const Analysis analysis = pipeline.extractor().Analyze(article.text, article.date);
  Strings out;
  for (const Statement& s : pipeline.stances().Extract(article, analysis)) {
    out.push_back(s.actor + " " + s.issue + " " + std::to_string(static_cast<int>(s.position)) +
                  " " + std::string(StanceKindName(s.kind)));
  }
  return out;
}

TEST(HoldersTest, CoordinatedSubjectsEachHoldTheStance) {
  EXPECT_EQ(StancesOf("Britain, France and Germany proposed a cap of 800,000 troops on the "
                      "Ukrainian army."),
            (Strings{"DEU army 40 propose", "GBR army 40 propose", "FRA army 40 propose"}));
}

TEST(HoldersTest, APrepositionBeforeTheListMakesItAnObject) {
  EXPECT_EQ(StancesOf("After talks between Poland and Finland, Zelensky demanded an immediate "
                      "ceasefire."),
            (Strings{"UKR ceasefire 0 demand"}));
}

TEST(HoldersTest, ScenarioActorsOfAMixedListHoldIt) {
  // Canada is no actor of the scenario; the UK still is.
  EXPECT_EQ(StancesOf("The UK and Canada support a reparations loan for Kyiv."),
            (Strings{"GBR assets 0 support"}));
}

TEST(HoldersTest, APlanHoldsTheStanceOfWhoeverPutItForward) {
  EXPECT_EQ(StancesOf("Washington circulated a new draft on Monday. The draft would cap the "
                      "Ukrainian army at 600,000 troops."),
            (Strings{"USA army 60 propose"}));
}

TEST(HoldersTest, APlanRejectedOrMerelyMentionedHasNoAuthorInThatClause) {
  // Zelensky rejects the plan; he did not write it, so "the plan" has no owner to hold the cap.
  EXPECT_EQ(StancesOf("Zelensky said the plan would cap the Ukrainian army at 600,000 troops."),
            (Strings{}));
}

TEST(HoldersTest, WhoeverUrgesHoldsWhatTheOtherIsAskedToAccept) {
  EXPECT_EQ(StancesOf("Putin urged Trump to accept a Ukrainian pullout from all of Donbas."),
            (Strings{"RUS territory 75 demand"}));
}

TEST(HoldersTest, ACounterfactualIsTheReporterReproach) {
  EXPECT_EQ(StancesOf("Kallas said Moscow could have agreed to an unconditional ceasefire "
                      "months ago."),
            (Strings{"EU ceasefire 0 demand"}));
}

TEST(HoldersTest, AStanceNounInsideAnotherStanceGivesBothActors) {
  EXPECT_EQ(StancesOf("Zelensky rejected Moscow's demand that Ukraine withdraw from Donbas."),
            (Strings{"RUS territory 75 demand", "UKR territory 30 reject"}));
}

TEST(HoldersTest, ARefusalDemandedOfAnotherIsTheDemandersStance) {
  EXPECT_EQ(StancesOf("Moscow insists on Ukraine's complete refusal to join NATO."),
            (Strings{"RUS nato 85 demand"}));
}

TEST(HoldersTest, AcceptingAnotherActorsDemandDoesNotRetractIt) {
  EXPECT_EQ(StancesOf("Kyiv did not accept Moscow's demand that Ukraine never join NATO."),
            (Strings{"RUS nato 100 demand", "UKR nato 15 reject"}));
}

TEST(HoldersTest, AClauseOpeningSubjectActsThroughTheCueVerb) {
  EXPECT_EQ(StancesOf("Britain sanctioned two oil companies last week."),
            (Strings{"GBR sanctions 0 support"}));
}

TEST(HoldersTest, WhatBothSidesAreSaidToHaveDoneIsAnOutcome) {
  EXPECT_EQ(StancesOf("Trump said the two sides were closer than ever on security guarantees."),
            (Strings{}));
}

TEST(HoldersTest, AConditionalCeasefireSitsAtTheIssuesConditionalPoint) {
  // ukraine-2025 declares "conditional: 75" for the ceasefire issue.
  EXPECT_EQ(StancesOf("Moscow would agree to an immediate ceasefire as soon as the talks on a "
                      "settlement begin."),
            (Strings{"RUS ceasefire 75 condition"}));
}

TEST(HoldersTest, WhatAnIfClauseAsksIsTheMainHoldersCondition) {
  EXPECT_EQ(StancesOf("Russia could accept a treaty on guarantees if Ukraine agrees to a neutral "
                      "status."),
            (Strings{"RUS nato 90 condition"}));
}

TEST(HoldersTest, EvenIfIsAConcessionNotACondition) {
  EXPECT_EQ(StancesOf("Moscow will not accept Western troops in Ukraine, even if they serve in a "
                      "peacekeeping mission."),
            (Strings{"RUS guarantees 10 reject"}));
}

TEST(HoldersTest, LinesListedAfterAColonAreTheTermsOfWhoListsThem) {
  EXPECT_EQ(StancesOf("The Kremlin set out its terms:\n\nAn immediate ceasefire\n\nNo NATO "
                      "membership for Ukraine\n\nThe talks resumed on Monday with a new agenda "
                      "on the ceasefire."),
            (Strings{"RUS ceasefire 0 propose", "RUS nato 100 propose"}));
}

TEST(HoldersTest, ThePlansTermsNeedNoSubjectOfTheirOwn) {
  EXPECT_EQ(StancesOf("Washington drafted a new plan for the talks. Sanctions would be lifted "
                      "step by step."),
            (Strings{"USA sanctions 100 propose"}));
}

TEST(HoldersTest, OneSidesAccountOfTheOthersStanceIsReportedAndWeaker) {
  const StancePipeline& pipeline = testing::UkrainePipeline();
  Article article;
  article.text = "Peskov said Kyiv had agreed to a neutral status.";
  const std::vector<Statement> statements =
      pipeline.stances().Extract(article, pipeline.extractor().Analyze(article.text));
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].actor, "UKR");
  EXPECT_TRUE(statements[0].reported);
  EXPECT_LT(statements[0].confidence, 0.6);
}

TEST(HoldersTest, ALaterStanceVerbIsOutOfAnEarlierNegationsReach) {
  EXPECT_EQ(StancesOf("Kyiv would not withdraw from the land it holds and wanted any ceasefire "
                      "to start at once."),
            (Strings{"UKR ceasefire 0 demand"}));
}

TEST(HoldersTest, WhatIsWantedInsteadOfACueTurnsItAround) {
  EXPECT_EQ(StancesOf("The Kremlin wants a full settlement rather than a quick ceasefire."),
            (Strings{"RUS ceasefire 90 demand"}));
}

TEST(HoldersTest, ThePassiveAgentOfAStanceVerbHoldsItToo) {
  EXPECT_EQ(StancesOf("Moscow's demand that Ukraine withdraw from Donbas was rejected by Kyiv."),
            (Strings{"RUS territory 75 demand", "UKR territory 30 reject"}));
}

TEST(HoldersTest, MembersListedAfterIncludingHoldTheGroupsStance) {
  EXPECT_EQ(StancesOf("Western leaders, including from the US, France and the EU, criticised "
                      "Russia's stance and pressed for tougher sanctions."),
            (Strings{"EU sanctions 0 demand", "USA sanctions 0 demand", "FRA sanctions 0 demand"}));
}

TEST(HoldersTest, ANameAfterAPrepositionAndArticleIsAnObject) {
  EXPECT_EQ(StancesOf("After talks with the EU, Zelensky demanded tougher sanctions."),
            (Strings{"UKR sanctions 0 demand"}));
}

TEST(HoldersTest, AJudgementAfterTheCueTurnsItAround) {
  EXPECT_EQ(StancesOf("Merz called a Ukrainian withdrawal from Donbas unacceptable."),
            (Strings{"DEU territory 30 reject"}));
}

TEST(HoldersTest, EveryActorTheSpeakerPhraseListsSpeaks) {
  EXPECT_EQ(
      StancesOf("\"New sanctions are needed,\" said the leaders of France, Italy and "
                "Poland."),
      (Strings{"FRA sanctions 0 support", "ITA sanctions 0 support", "POL sanctions 0 support"}));
}

TEST(HoldersTest, AGapNeverCrossesAListComma) {
  // "give up ... NATO" would span the comma; each demand keeps its own words.
  EXPECT_EQ(StancesOf("Putin wants Ukraine to give up Donbas, no NATO and no Western troops."),
            (Strings{"RUS territory 75 demand", "RUS nato 100 demand", "RUS guarantees 0 demand"}));
}

TEST(HoldersTest, ARelativeClauseAfterTheCueGivesItsSubjectAStance) {
  EXPECT_EQ(StancesOf("Moscow insists on keeping all of Donbas, a demand that Kyiv has refused "
                      "to accept."),
            (Strings{"RUS territory 75 demand", "UKR territory 30 reject"}));
}

TEST(HoldersTest, ARelativeClauseWithoutAStanceVerbGivesNothing) {
  EXPECT_EQ(StancesOf("Moscow insists on keeping all of Donbas, which Kyiv still holds."),
            (Strings{"RUS territory 75 demand"}));
}

}  // namespace
}  // namespace parley
