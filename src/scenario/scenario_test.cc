#include "parley/scenario.h"

#include <gtest/gtest.h>

#include <string>

namespace parley {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(PARLEY_SOURCE_DIR) + "/testdata/scenario/" + name;
}

std::string ErrorOf(const std::string& name) {
  Result<Scenario> scenario = LoadScenarioFile(Fixture(name));
  EXPECT_FALSE(scenario.ok());
  const std::string prefix = Fixture(name) + ":";
  std::string message = scenario.status().message();
  EXPECT_EQ(message.rfind(prefix, 0), 0u) << message;
  return message.substr(prefix.size());
}

TEST(CuePatternTest, ParsesWordsPrefixesAlternativesGapsAndActors) {
  Result<CuePattern> cue = ParseCuePattern("@UKR ... Withdraw*|pull_out from ... donbas");
  ASSERT_TRUE(cue.ok()) << cue.status().message();
  ASSERT_EQ(cue->terms.size(), 4u);
  EXPECT_EQ(cue->terms[0].actor, "UKR");
  ASSERT_EQ(cue->terms[1].alternatives.size(), 2u);
  EXPECT_TRUE(cue->terms[1].gap_before);
  EXPECT_EQ(cue->terms[1].alternatives[0][0].text, "withdraw");
  EXPECT_TRUE(cue->terms[1].alternatives[0][0].prefix);
  ASSERT_EQ(cue->terms[1].alternatives[1].size(), 2u);
  EXPECT_EQ(cue->terms[1].alternatives[1][1].text, "out");
  EXPECT_FALSE(cue->terms[2].gap_before);
  EXPECT_TRUE(cue->terms[3].gap_before);
}

TEST(CuePatternTest, WordClassesAreAlternativesNamedWithADollar) {
  Result<CuePattern> cue = ParseCuePattern("$cede|hand_over ... donbas");
  ASSERT_TRUE(cue.ok()) << cue.status().message();
  EXPECT_EQ(cue->terms[0].classes, std::vector<std::string>{"cede"});
  EXPECT_EQ(cue->terms[0].alternatives.size(), 1u);
  EXPECT_EQ(ParseCuePattern("$Cede ... donbas").status().message(),
            "bad word class '$Cede' in '$Cede', expected '$' and lower-case letters or '_'");
}

TEST(CuePatternTest, RejectsMisplacedGapsAndPunctuation) {
  EXPECT_EQ(ParseCuePattern("... harbour").status().message(),
            "cue '... harbour' starts with '...', expected a word first");
  EXPECT_EQ(ParseCuePattern("harbour ...").status().message(),
            "cue 'harbour ...' ends with '...', expected a word last");
  EXPECT_EQ(ParseCuePattern("nato-like").status().message(),
            "bad cue word 'nato-like' in 'nato-like', expected letters or digits, optionally "
            "ending in '*'");
  EXPECT_EQ(ParseCuePattern("  ").status().message(), "empty cue, expected one or more words");
}

TEST(ScenarioTest, LoadsEverySection) {
  Result<Scenario> scenario = LoadScenarioFile(Fixture("tiny.yaml"));
  ASSERT_TRUE(scenario.ok()) << scenario.status().message();
  EXPECT_EQ(scenario->id, "tiny");
  ASSERT_EQ(scenario->actors.size(), 2u);
  EXPECT_EQ(scenario->actors[0].aliases.size(), 3u);
  EXPECT_EQ(scenario->actors[0].people[0].role, "prime minister");
  EXPECT_EQ(scenario->actors[0].people[0].from, "2020-01-01");
  EXPECT_EQ(scenario->actors[1].capability, 40);
  ASSERT_EQ(scenario->issues.size(), 1u);
  const Issue& issue = scenario->issues[0];
  EXPECT_EQ(*issue.status_quo, 50);
  EXPECT_EQ(*issue.conditional, 60);
  ASSERT_EQ(issue.anchors.size(), 3u);
  EXPECT_EQ(issue.anchors[0].NegatedValue(), 70);
  EXPECT_EQ(issue.anchors[2].NegatedValue(), 0);  // the mirror point by default
  EXPECT_EQ(issue.anchors[0].cues.size(), 2u);
  ASSERT_EQ(scenario->priors.size(), 1u);
  EXPECT_EQ(scenario->priors[0].position, 90);
  ASSERT_EQ(scenario->overrides.size(), 1u);
  EXPECT_EQ(*scenario->overrides[0].high, 20);
  EXPECT_TRUE(scenario->overrides[0].counts_as_evidence);
  EXPECT_FALSE(scenario->priors[0].counts_as_evidence);
  EXPECT_EQ(scenario->ActorIndex("SOU"), 1);
  EXPECT_EQ(scenario->IssueIndex("fish"), -1);
}

TEST(ScenarioTest, ErrorsNameLineColumnAndWhatIsExpected) {
  EXPECT_EQ(ErrorOf("bad_capability.yaml"),
            "5:17: capability of actor NOR is 160, expected a number from 0 to 100");
  EXPECT_EQ(ErrorOf("bad_cue.yaml"),
            "9:38: cue '... harbour' starts with '...', expected a word first");
  EXPECT_EQ(ErrorOf("bad_key.yaml"),
            "3:32: unknown key 'capabilty' in an actor, expected one of: id, name, aliases, "
            "people, capability, relays");
  EXPECT_EQ(ErrorOf("bad_date.yaml"),
            "7:35: 'from' of a person of actor NOR is '2020-13-01', expected a date YYYY-MM-DD");
  EXPECT_EQ(ErrorOf("bad_order.yaml"),
            "10:14: anchors of issue harbour must be in increasing order of 'at', expected more "
            "than 50");
  EXPECT_EQ(ErrorOf("bad_override.yaml"),
            "12:13: unknown actor 'SOU' in an entry of 'overrides', expected one of the "
            "scenario's actor ids");
  EXPECT_EQ(ErrorOf("bad_syntax.yaml").substr(0, 4), "3:1:");
}

TEST(ScenarioTest, EveryErrorOfAFileIsListedInOneRun) {
  ScenarioDiagnostics diagnostics;
  Result<Scenario> scenario = LoadScenarioFile(Fixture("many_errors.yaml"), &diagnostics);
  ASSERT_FALSE(scenario.ok());
  const std::string file = Fixture("many_errors.yaml") + ":";
  EXPECT_EQ(diagnostics.errors,
            (std::vector<std::string>{
                file + "4:44: capability of actor NOR is 160, expected a number from 0 to 100",
                file + "7:37: unknown member 'WEST' of group PAIR, expected one of the "
                       "scenario's actor ids",
                file + "13:48: cue '... harbour' starts with '...', expected a word first"}));
  EXPECT_EQ(scenario.status().message(), diagnostics.errors.front());
}

TEST(ScenarioTest, WarnsAboutWhatLoadsButMeansSomethingElse) {
  ScenarioDiagnostics diagnostics;
  Result<Scenario> scenario = LoadScenarioFile(Fixture("warnings.yaml"), &diagnostics);
  ASSERT_TRUE(scenario.ok()) << scenario.status().message();
  const std::string file = Fixture("warnings.yaml") + ":";
  EXPECT_EQ(diagnostics.warnings,
            (std::vector<std::string>{
                file + "5:57: alias 'Nordport' is given to both NOR and SOU, so one of them "
                       "never gets it; expected each name for one actor",
                file + "10:15: keyword 'Harbour' of issue harbour has capitals, but keywords "
                       "match lower-cased words; expected lower case",
                file + "10:15: keyword 'port authority' of issue harbour has a space, but "
                       "keywords match one word; expected a single word (use a cue for a "
                       "phrase)",
                file + "12:48: cue 'take back|takeback ... harbour' has a space inside an "
                       "alternative ('take back|takeback' is one word then a choice), expected "
                       "'_' between the words of a several-word alternative, e.g. "
                       "snap_back|snapback",
                file + "13:9: an anchor of issue harbour at 50 has no cues, so no statement can "
                       "land there; expected cue phrases"}));
  EXPECT_TRUE(diagnostics.errors.empty());
}

TEST(ScenarioTest, BundledScenariosLoadWithoutWarnings) {
  for (const char* name : {"ukraine-2025", "iran-2025"}) {
    ScenarioDiagnostics diagnostics;
    Result<Scenario> scenario = LoadScenario(name, ScenarioSearchPath(""), &diagnostics);
    ASSERT_TRUE(scenario.ok()) << scenario.status().message();
    EXPECT_EQ(diagnostics.warnings, std::vector<std::string>{}) << name;
  }
}

TEST(ScenarioTest, GroupsNameTheirMembers) {
  Result<Scenario> scenario = LoadScenarioFile(Fixture("groups.yaml"));
  ASSERT_TRUE(scenario.ok()) << scenario.status().message();
  ASSERT_EQ(scenario->groups.size(), 1u);
  EXPECT_EQ(scenario->groups[0].members, (std::vector<std::string>{"EAS", "WES"}));
  EXPECT_EQ(scenario->GroupIndex("ISLES"), 0);
  EXPECT_EQ(scenario->ActorIndex("ISLES"), -1);
  ExtraDictionary dictionary = ScenarioDictionary(*scenario);
  ASSERT_EQ(dictionary.actors.size(), 5u);
  EXPECT_EQ(dictionary.actors[4].code, "ISLES");
  EXPECT_EQ(dictionary.actors[4].aliases, (std::vector<std::string>{"Twin Isles", "the isles"}));
  EXPECT_TRUE(scenario->actors[3].relays);
  EXPECT_FALSE(scenario->actors[0].relays);
}

TEST(ScenarioTest, BundledIranScenarioHasTheDevSetIds) {
  Result<Scenario> scenario = LoadScenario("iran-2025", ScenarioSearchPath(""));
  ASSERT_TRUE(scenario.ok()) << scenario.status().message();
  for (const char* id :
       {"USA", "IRN", "ISR", "GBR", "FRA", "DEU", "EU", "RUS", "CHN", "IAEA", "OMN"}) {
    EXPECT_GE(scenario->ActorIndex(id), 0) << id;
  }
  EXPECT_EQ(scenario->actors.size(), 11u);
  ASSERT_GE(scenario->GroupIndex("E3"), 0);
  EXPECT_EQ(scenario->groups[scenario->GroupIndex("E3")].members,
            (std::vector<std::string>{"GBR", "FRA", "DEU"}));
  const std::vector<std::pair<const char*, std::vector<double>>> scales = {
      {"enrichment", {0, 25, 50, 75, 100}}, {"stockpile", {0, 35, 65, 100}},
      {"inspections", {0, 25, 50, 75, 100}}, {"sanctions", {0, 33, 66, 100}},
      {"missiles", {0, 50, 100}}};
  ASSERT_EQ(scenario->issues.size(), scales.size());
  for (const auto& [id, points] : scales) {
    const int issue = scenario->IssueIndex(id);
    ASSERT_GE(issue, 0) << id;
    std::vector<double> anchors;
    for (const ScaleAnchor& anchor : scenario->issues[issue].anchors) {
      anchors.push_back(anchor.value);
    }
    EXPECT_EQ(anchors, points) << id;
  }
}

TEST(ScenarioTest, MissingFileIsNotFound) {
  Result<Scenario> scenario = LoadScenarioFile(Fixture("absent.yaml"));
  EXPECT_EQ(scenario.status().code(), StatusCode::kNotFound);
}

TEST(ScenarioTest, BundledUkraineScenarioLoadsByName) {
  Result<Scenario> scenario = LoadScenario("ukraine-2025", ScenarioSearchPath(""));
  ASSERT_TRUE(scenario.ok()) << scenario.status().message();
  for (const char* id :
       {"UKR", "RUS", "USA", "DEU", "FRA", "GBR", "ITA", "POL", "FIN", "EU", "NATO"}) {
    EXPECT_GE(scenario->ActorIndex(id), 0) << id;
  }
  for (const char* id :
       {"nato", "territory", "guarantees", "ceasefire", "sanctions", "assets", "army"}) {
    EXPECT_GE(scenario->IssueIndex(id), 0) << id;
  }
  EXPECT_EQ(scenario->actors.size(), 11u);
  EXPECT_EQ(scenario->issues.size(), 7u);
}

TEST(ScenarioTest, UnknownBundledNameListsTheFoldersSearched) {
  Result<Scenario> scenario = LoadScenario("atlantis", {"/nowhere"});
  EXPECT_EQ(scenario.status().message(),
            "no scenario named 'atlantis' (searched /nowhere), expected a bundled name or a path "
            "to a .yaml file");
}

TEST(ScenarioTest, DictionaryCarriesActorsAndDatedPeople) {
  Result<Scenario> scenario = LoadScenarioFile(Fixture("tiny.yaml"));
  ASSERT_TRUE(scenario.ok());
  ExtraDictionary dictionary = ScenarioDictionary(*scenario);
  ASSERT_EQ(dictionary.actors.size(), 2u);
  EXPECT_EQ(dictionary.actors[0].code, "NOR");
  ASSERT_EQ(dictionary.people.size(), 1u);
  EXPECT_EQ(dictionary.people[0].id, "ada-brenner");
  EXPECT_EQ(dictionary.people[0].actor, "NOR");
  EXPECT_EQ(dictionary.people[0].from, "2020-01-01");
}

}  // namespace
}  // namespace parley
