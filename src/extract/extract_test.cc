// Tests of the extract stage on fixture texts in testdata/extract/ (written for parley).
#include "parley/extract.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "internal.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(PARLEY_SOURCE_DIR) + "/testdata/extract/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

ExtractorOptions SourceTreeOptions() {
  ExtractorOptions options;
  options.dictionary_dir = std::string(PARLEY_SOURCE_DIR) + "/data/dict";
  return options;
}

const Extractor& SharedExtractor() {
  static const Extractor* extractor = [] {
    auto loaded = Extractor::Load(SourceTreeOptions());
    PARLEY_CHECK(loaded.ok());
    return new Extractor(std::move(loaded).value());
  }();
  return *extractor;
}

class BerlinTalksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    analysis_ = SharedExtractor().Analyze(ReadFixture("berlin_talks.txt"), "2025-12-15");
  }
  std::vector<std::string> SentenceTexts() const {
    std::vector<std::string> out;
    for (const Sentence& s : analysis_.sentences) out.push_back(analysis_.Slice(s.span));
    return out;
  }
  const Attribution* AttributionWithContent(const std::string& start) const {
    for (const Attribution& a : analysis_.attributions) {
      if (analysis_.Slice(a.content_span).rfind(start, 0) == 0) return &a;
    }
    return nullptr;
  }
  Analysis analysis_;
};

TEST_F(BerlinTalksTest, SentencesKeepAbbreviationsAndMarkHeadlines) {
  std::vector<std::string> sentences = SentenceTexts();
  ASSERT_GE(sentences.size(), 4u);
  EXPECT_EQ(sentences[0], "Envoys meet again as ceasefire plan takes shape");
  EXPECT_TRUE(analysis_.sentences[0].headline);
  EXPECT_EQ(sentences[1],
            "BERLIN, Dec. 15 (Parley Wire) - Ukrainian President Volodymyr Zelensky met U.S. "
            "envoys for a second day on Monday.");
  EXPECT_FALSE(analysis_.sentences[1].headline);
  EXPECT_EQ(sentences[2], "Gen. Smith was not at the table.");
}

TEST_F(BerlinTalksTest, TitleAndNameMakeOnePersonMention) {
  const ActorMention* zelensky = nullptr;
  for (const ActorMention& m : analysis_.mentions) {
    if (m.person == "zelensky") {
      zelensky = &m;
      break;
    }
  }
  ASSERT_NE(zelensky, nullptr);
  EXPECT_EQ(analysis_.Slice(zelensky->span), "Ukrainian President Volodymyr Zelensky");
  EXPECT_EQ(zelensky->actor, "UKR");
  EXPECT_EQ(zelensky->sector, "GOV");
  EXPECT_EQ(zelensky->role, "president");
}

TEST_F(BerlinTalksTest, MetonymsAndAgentsMapToCountryAndSector) {
  std::vector<std::tuple<std::string, std::string, std::string>> found;
  for (const ActorMention& m : analysis_.mentions) {
    found.emplace_back(analysis_.Slice(m.span), m.actor, m.sector);
  }
  EXPECT_THAT(found, ::testing::Contains(std::make_tuple("US official", "USA", "GOV")));
  EXPECT_THAT(found, ::testing::Contains(std::make_tuple("The Kremlin", "RUS", "GOV")));
  EXPECT_THAT(found, ::testing::Contains(std::make_tuple("Kyiv", "UKR", "GOV")));
  EXPECT_THAT(found, ::testing::Contains(std::make_tuple("Russian diplomat", "RUS", "DIP")));
  EXPECT_THAT(found, ::testing::Contains(std::make_tuple("Finland", "FIN", "")));
}

TEST_F(BerlinTalksTest, DirectQuoteAcrossSentencesGoesToTheSpeaker) {
  const Attribution* a = AttributionWithContent("\"We are closer");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(analysis_.Slice(a->content_span),
            "\"We are closer than we were a week ago. But the map is still the hard part,\"");
  EXPECT_EQ(analysis_.Slice(a->speaker_span), "Zelensky");
  EXPECT_EQ(analysis_.Slice(a->cue_span), "told");
  EXPECT_EQ(a->kind, AttributionKind::kDirect);
  EXPECT_EQ(a->person, "zelensky");
  EXPECT_EQ(a->actor, "UKR");
}

TEST_F(BerlinTalksTest, AnonymousOfficialIsAttributedToHisCountry) {
  const Attribution* a = AttributionWithContent("that Washington");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(analysis_.Slice(a->speaker_span), "A US official");
  EXPECT_EQ(analysis_.Slice(a->cue_span), "said");
  EXPECT_EQ(analysis_.Slice(a->content_span), "that Washington would not wait for ever");
  EXPECT_EQ(a->kind, AttributionKind::kIndirect);
  EXPECT_EQ(a->actor, "USA");
  EXPECT_EQ(a->sector, "GOV");
}

TEST_F(BerlinTalksTest, InvertedSpeakerAfterTheCue) {
  const Attribution* a = AttributionWithContent("The Kremlin may be willing");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(analysis_.Slice(a->speaker_span), "a Russian diplomat");
  EXPECT_EQ(a->actor, "RUS");
}

TEST_F(BerlinTalksTest, PronounSpeakerResolvesToTheLastPerson) {
  const Attribution* a = AttributionWithContent("\"This is a serious plan");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(analysis_.Slice(a->speaker_span), "he");
  EXPECT_EQ(a->person, "merz");
  EXPECT_EQ(a->actor, "DEU");
}

const Event* FindEvent(const Analysis& analysis, const std::string& category) {
  for (const Event& e : analysis.events) {
    if (e.category == category) return &e;
  }
  return nullptr;
}

TEST_F(BerlinTalksTest, EventsHaveSourceTargetNegationAndModality) {
  const Event* fight = FindEvent(analysis_, "FIGHT");
  ASSERT_NE(fight, nullptr);
  EXPECT_EQ(fight->source.actor, "RUS");
  EXPECT_EQ(fight->target.actor, "UKR");
  EXPECT_FALSE(fight->negated);
  EXPECT_EQ(fight->modality, Modality::kAsserted);

  const Event* disapprove = FindEvent(analysis_, "DISAPPROVE");
  ASSERT_NE(disapprove, nullptr);
  EXPECT_EQ(disapprove->source.actor, "FIN");
  EXPECT_EQ(disapprove->target.actor, "RUS");

  const Event* agree = FindEvent(analysis_, "AGREE");
  ASSERT_NE(agree, nullptr);
  EXPECT_EQ(agree->source.actor, "RUS");
  EXPECT_EQ(agree->target.actor, "USA");
  EXPECT_TRUE(agree->negated);
  EXPECT_GE(agree->attribution, 0);  // reported by Lavrov
}

TEST_F(BerlinTalksTest, ControlVerbPassesItsSubjectToTheEvent) {
  // "Merz offered to hand over the proposal to Ukraine": Merz gives, Ukraine receives.
  const Event* concede = nullptr;
  for (const Event& e : analysis_.events) {
    if (e.category == "CONCEDE" && e.source.person == "merz") concede = &e;
  }
  ASSERT_NE(concede, nullptr);
  EXPECT_EQ(analysis_.Slice(concede->cue_span), "hand over");
  EXPECT_EQ(concede->source.actor, "DEU");
  EXPECT_EQ(concede->target.actor, "UKR");
  EXPECT_EQ(concede->modality, Modality::kIntended);
}

TEST_F(BerlinTalksTest, ModalityPossibleBeforeTheCue) {
  const Event* release = nullptr;
  for (const Event& e : analysis_.events) {
    if (e.category == "RETREAT" && e.source.actor == "RUS") release = &e;
  }
  ASSERT_NE(release, nullptr);
  EXPECT_EQ(release->modality, Modality::kPossible);
  EXPECT_EQ(release->target.actor, "UKR");
}

TEST(ExtractorTest, SpansCountCodePointsNotBytes) {
  Analysis analysis =
      SharedExtractor().Analyze("Café owners in Kyiv cheered. «Peace now», Zelensky said.");
  ASSERT_EQ(analysis.attributions.size(), 1u);
  const Attribution& a = analysis.attributions[0];
  EXPECT_EQ(a.content_span, (Span{29, 40}));
  EXPECT_EQ(analysis.Slice(a.content_span), "«Peace now»");
  EXPECT_EQ(analysis.Slice(a.speaker_span), "Zelensky");
  EXPECT_EQ(a.kind, AttributionKind::kDirect);
}

TEST(ExtractorTest, DocumentDateSelectsTheOfficeHolder) {
  const std::string text = "The Ukrainian foreign minister arrived in Rome.";
  Analysis late = SharedExtractor().Analyze(text, "2025-12-15");
  Analysis early = SharedExtractor().Analyze(text, "2023-06-01");
  ASSERT_FALSE(late.mentions.empty());
  ASSERT_FALSE(early.mentions.empty());
  EXPECT_EQ(late.mentions[0].person, "sybiha");
  EXPECT_EQ(early.mentions[0].person, "kuleba");
  EXPECT_EQ(late.mentions[0].kind, MentionKind::kTitle);
}

TEST(ExtractorTest, TheMinisterIsTheLastPersonWhoseOfficeNamesIt) {
  // Lavrov is "foreign minister"; the envoy's office has no "minister" in it.
  Analysis analysis = SharedExtractor().Analyze(
      "Lavrov met Witkoff in Moscow. The talks were useful, the minister said.", "2025-12-01");
  ASSERT_EQ(analysis.mentions.size(), 4u);
  EXPECT_EQ(analysis.mentions[3].kind, MentionKind::kAnaphor);
  EXPECT_EQ(analysis.mentions[3].person, "lavrov");
  EXPECT_EQ(analysis.mentions[3].actor, "RUS");
}

TEST(ExtractorTest, ExtraDictionaryEntriesAreMatched) {
  ExtractorOptions options = SourceTreeOptions();
  options.extra.actors.push_back(
      {"WAGNER", "Wagner Group", {"the Wagner mercenaries"}, "REB", "", ""});
  options.extra.people.push_back(
      {"jane_roe", "Jane Roe", {"Roe"}, "WAGNER", "REB", "commander", "f", "2024-01-01", ""});
  auto extractor = Extractor::Load(options);
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  Analysis analysis = extractor->Analyze(
      "The Wagner mercenaries crossed the river. Roe said she would not stop.", "2025-01-01");
  ASSERT_GE(analysis.mentions.size(), 3u);
  EXPECT_EQ(analysis.mentions[0].actor, "WAGNER");
  EXPECT_EQ(analysis.mentions[1].person, "jane_roe");
  EXPECT_EQ(analysis.mentions[2].kind, MentionKind::kPronoun);
  EXPECT_EQ(analysis.mentions[2].person, "jane_roe");
}

TEST(ExtractorTest, MissingDictionaryFolderIsNotFound) {
  ExtractorOptions options;
  options.dictionary_dir = "/nonexistent/dict";
  auto extractor = Extractor::Load(options);
  ASSERT_FALSE(extractor.ok());
  EXPECT_EQ(extractor.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(extractor.status().message(),
            "/nonexistent/dict/abbreviations.tsv: cannot open dictionary file");
}

TEST(ExtractorTest, MalformedRowNamesFileAndLine) {
  fs::path dir = fs::temp_directory_path() / "parley_extract_test_dict";
  fs::remove_all(dir);
  fs::copy(std::string(PARLEY_SOURCE_DIR) + "/data/dict", dir);
  {
    std::ofstream people(dir / "people.tsv", std::ios::app);
    people << "someone\tSome One\n";
  }
  int lines = 0;
  {
    std::ifstream people(dir / "people.tsv");
    std::string line;
    while (std::getline(people, line)) ++lines;
  }
  ExtractorOptions options;
  options.dictionary_dir = dir.string();
  auto extractor = Extractor::Load(options);
  ASSERT_FALSE(extractor.ok());
  EXPECT_EQ(extractor.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(extractor.status().message(), (dir / "people.tsv").string() + ":" +
                                              std::to_string(lines) +
                                              ": expected 7-9 tab-separated columns, got 2");
  fs::remove_all(dir);
}

TEST(ExtractorTest, EmptyAndBinaryInputNeverFail) {
  EXPECT_TRUE(SharedExtractor().Analyze("").sentences.empty());
  Analysis junk = SharedExtractor().Analyze(std::string("\xff\xfe\"\n\"\x80 said", 9));
  EXPECT_EQ(junk.byte_of_code_point.size(), 10u);  // 9 code points (one per bad byte) + end
}

TEST(ExpandFormTest, RegularInflections) {
  using extract_internal::ExpandForm;
  EXPECT_THAT(ExpandForm("agree+"),
              ::testing::ElementsAre("agree", "agrees", "agreed", "agreeing"));
  EXPECT_THAT(ExpandForm("deny+"), ::testing::ElementsAre("deny", "denies", "denied", "denying"));
  EXPECT_THAT(ExpandForm("push+ for"),
              ::testing::ElementsAre("push for", "pushes for", "pushed for", "pushing for"));
  EXPECT_THAT(ExpandForm("told"), ::testing::ElementsAre("told"));
}

}  // namespace
}  // namespace parley
