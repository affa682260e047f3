// Attribution rules, one sentence each, from testdata/extract/quotes/cases.tsv (written for
// parley): speaker, cue and content span of every attribution, exactly.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "parley/extract.h"

namespace parley {
namespace {

struct Case {
  int line = 0;
  std::string text;
  std::string expected;
};

std::vector<Case> ReadCases() {
  std::ifstream in(std::string(PARLEY_SOURCE_DIR) + "/testdata/extract/quotes/cases.tsv");
  std::vector<Case> cases;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    size_t tab = line.find('\t');
    if (line.empty() || line[0] == '#' || tab == std::string::npos) continue;
    cases.push_back({number, line.substr(0, tab), line.substr(tab + 1)});
  }
  return cases;
}

// "speaker|cue|content ; ..." in text order, or "-" when there is none.
std::string DescribeAll(const Analysis& analysis) {
  std::string out;
  for (const Attribution& a : analysis.attributions) {
    if (!out.empty()) out += " ; ";
    out += analysis.Slice(a.speaker_span) + "|" + analysis.Slice(a.cue_span) + "|" +
           analysis.Slice(a.content_span);
  }
  return out.empty() ? "-" : out;
}

TEST(AttributionCasesTest, EverySentenceGivesExactlyItsAttributions) {
  ExtractorOptions options;
  options.dictionary_dir = std::string(PARLEY_SOURCE_DIR) + "/data/dict";
  auto extractor = Extractor::Load(options);
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  std::vector<Case> cases = ReadCases();
  ASSERT_GE(cases.size(), 10u);
  for (const Case& c : cases) {
    Analysis analysis = extractor->Analyze(c.text);
    EXPECT_EQ(DescribeAll(analysis), c.expected) << "cases.tsv:" << c.line << ": " << c.text;
  }
}

// The actor each pronoun-like mention resolved to, "word=ACTOR" (empty actor: "word=").
std::string PronounActors(const Analysis& analysis) {
  std::string out;
  for (const ActorMention& m : analysis.mentions) {
    if (m.kind != MentionKind::kPronoun) continue;
    if (!out.empty()) out += " ";
    out += analysis.Slice(m.span) + "=" + m.actor;
  }
  return out;
}

class CoreferenceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ExtractorOptions options;
    options.dictionary_dir = std::string(PARLEY_SOURCE_DIR) + "/data/dict";
    auto loaded = Extractor::Load(options);
    PARLEY_CHECK(loaded.ok());
    extractor_ = new Extractor(std::move(loaded).value());
  }
  static void TearDownTestSuite() { delete extractor_; }
  static const Extractor& extractor() { return *extractor_; }

 private:
  static Extractor* extractor_;
};
Extractor* CoreferenceTest::extractor_ = nullptr;

TEST_F(CoreferenceTest, HeNeverMeansAWomanOrAnInstitution) {
  Analysis woman =
      extractor().Analyze("Giorgia Meloni said Italy would help. He added that aid was coming.");
  EXPECT_EQ(PronounActors(woman), "He=");
  Analysis institution =
      extractor().Analyze("The Kremlin said talks would go on. He added that more was needed.");
  EXPECT_EQ(PronounActors(institution), "He=");
}

TEST_F(CoreferenceTest, TheUnitedStatesIsOneMention) {
  Analysis analysis = extractor().Analyze("The United States said it would send aid.");
  ASSERT_EQ(analysis.mentions.size(), 2u);
  EXPECT_EQ(analysis.Slice(analysis.mentions[0].span), "The United States");
  EXPECT_EQ(analysis.mentions[0].actor, "USA");
  ASSERT_EQ(analysis.attributions.size(), 1u);
  EXPECT_EQ(analysis.attributions[0].actor, "USA");
  EXPECT_EQ(PronounActors(analysis), "it=USA");  // an institution speaks of itself as "it"
}

TEST_F(CoreferenceTest, ObjectPronounIsNotTheSubjectOfItsClause) {
  Analysis analysis = extractor().Analyze(
      "The EU imposed sanctions on Russian banks. Ukrainian officials welcomed them.");
  EXPECT_EQ(PronounActors(analysis), "them=");
}

TEST_F(CoreferenceTest, ItInPeoplesWordsIsNotTheSpeaker) {
  Analysis analysis = extractor().Analyze("Ukrainian negotiators said it was ready.");
  EXPECT_EQ(PronounActors(analysis), "it=");
}

}  // namespace
}  // namespace parley
