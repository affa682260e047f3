// Tests of PLOVER event coding (events.cc) on sentences in testdata/extract/events/, written
// for parley. Each case states every event the sentence must give, and no more.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "parley/extract.h"

namespace parley {
namespace {

const Extractor& SourceTreeExtractor() {
  static const Extractor* extractor = [] {
    ExtractorOptions options;
    options.dictionary_dir = std::string(PARLEY_SOURCE_DIR) + "/data/dict";
    auto loaded = Extractor::Load(options);
    PARLEY_CHECK(loaded.ok());
    return new Extractor(std::move(loaded).value());
  }();
  return *extractor;
}

// "CATEGORY SOURCE>TARGET [not] [modality] [reported]", as in cases.tsv.
std::string Describe(const Event& event) {
  std::string out = event.category + " " + event.source.actor + ">" + event.target.actor;
  if (event.negated) out += " not";
  if (event.modality != Modality::kAsserted) out += " " + std::string(ModalityName(event.modality));
  if (event.attribution >= 0) out += " reported";
  return out;
}

std::string DescribeAll(const Analysis& analysis) {
  std::string out;
  for (const Event& event : analysis.events) out += (out.empty() ? "" : " ; ") + Describe(event);
  return out;
}

struct Case {
  int line = 0;
  std::string text, expected;
};

std::vector<Case> ReadCases() {
  std::ifstream in(std::string(PARLEY_SOURCE_DIR) + "/testdata/extract/events/cases.tsv");
  std::vector<Case> cases;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    cases.push_back(
        {number, line.substr(0, tab), tab == std::string::npos ? "" : line.substr(tab + 1)});
  }
  return cases;
}

TEST(EventCasesTest, EverySentenceGivesExactlyItsEvents) {
  std::vector<Case> cases = ReadCases();
  ASSERT_GE(cases.size(), 20u);
  for (const Case& c : cases) {
    Analysis analysis = SourceTreeExtractor().Analyze(c.text, "2025-12-15");
    EXPECT_EQ(DescribeAll(analysis), c.expected) << "cases.tsv:" << c.line << ": " << c.text;
  }
}

TEST(EventsTest, CueAndParticipantSpansPointIntoTheText) {
  Analysis analysis = SourceTreeExtractor().Analyze("Turkey launched an air strike on Syria.");
  ASSERT_EQ(analysis.events.size(), 1u);
  const Event& event = analysis.events[0];
  EXPECT_EQ(analysis.Slice(event.cue_span), "launched an air strike on");
  EXPECT_EQ(analysis.Slice(event.source.span), "Turkey");
  EXPECT_EQ(analysis.Slice(event.target.span), "Syria");
  EXPECT_EQ(event.sentence, 0);
}

TEST(EventsTest, ReportedEventPointsToItsAttribution) {
  Analysis analysis =
      SourceTreeExtractor().Analyze("Zelensky said Russia attacked Ukraine with drones.");
  ASSERT_EQ(analysis.events.size(), 1u);
  ASSERT_EQ(analysis.attributions.size(), 1u);
  EXPECT_EQ(analysis.events[0].attribution, 0);
  EXPECT_EQ(analysis.events[0].source.actor, "RUS");  // the reported clause's subject
}

// The refused act is coded negated; the refusal itself is a REJECT of it (PLOVER codebook).
TEST(EventsTest, RefusalNegatesTheEventAndRejectsIt) {
  Analysis analysis = SourceTreeExtractor().Analyze("Russia refused to withdraw from Ukraine.");
  ASSERT_EQ(analysis.events.size(), 2u);
  EXPECT_EQ(analysis.events[0].category, "REJECT");
  EXPECT_FALSE(analysis.events[0].negated);
  EXPECT_EQ(analysis.events[0].target.actor, "UKR");
  EXPECT_EQ(analysis.events[1].category, "RETREAT");
  EXPECT_TRUE(analysis.events[1].negated);
  EXPECT_EQ(analysis.events[1].target.actor, "UKR");
}

TEST(EventsTest, CapitalisedCueInsideASentenceIsAName) {
  Analysis analysis = SourceTreeExtractor().Analyze("Poland hosted the Support Ukraine summit.");
  for (const Event& event : analysis.events) EXPECT_NE(event.category, "SUPPORT");
}

TEST(EventsTest, HeadlineVerbsMayBeCapitalised) {
  Analysis analysis = SourceTreeExtractor().Analyze("Russia Attacks Ukraine Overnight\n");
  ASSERT_EQ(analysis.events.size(), 1u);
  EXPECT_EQ(Describe(analysis.events[0]), "FIGHT RUS>UKR");
}

}  // namespace
}  // namespace parley
