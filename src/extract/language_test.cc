// The attribution stage on another language's word sets (testdata/lang/xx, a toy language):
// the same code reads whatever data/lang/<code>/ holds.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "parley/extract.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

// A language folder with English (data/lang/en) and the toy language (testdata/lang/xx).
std::string LanguageDir() {
  fs::path dir = fs::temp_directory_path() / ("parley_lang_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::create_directory_symlink(std::string(PARLEY_SOURCE_DIR) + "/data/lang/en", dir / "en");
  fs::create_directory_symlink(std::string(PARLEY_SOURCE_DIR) + "/testdata/lang/xx", dir / "xx");
  return dir.string();
}

std::string Speakers(const Analysis& analysis) {
  std::string out;
  for (const Attribution& a : analysis.attributions) {
    if (!out.empty()) out += " ; ";
    out += analysis.Slice(a.speaker_span) + "|" + analysis.Slice(a.cue_span);
  }
  return out.empty() ? "-" : out;
}

class LanguageDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ExtractorOptions options;
    options.dictionary_dir = std::string(PARLEY_SOURCE_DIR) + "/data/dict";
    options.language_dir = LanguageDir();
    auto loaded = Extractor::Load(options);
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    extractor_ = new Extractor(std::move(*loaded));
  }
  static void TearDownTestSuite() {
    delete extractor_;
    extractor_ = nullptr;
  }
  static Extractor* extractor_;
};
Extractor* LanguageDataTest::extractor_ = nullptr;

TEST_F(LanguageDataTest, QuoteStageReadsTheToyLanguagesAuxiliaries) {
  // "zorp" is an auxiliary in xx only: "Merz zorp said" is Merz speaking in xx, while English
  // reads "Merz zorp" as the speaker's name.
  const std::string text = "Merz zorp said that the talks had failed.";
  EXPECT_EQ(Speakers(extractor_->Analyze(text, "", "xx")), "Merz|said");
  EXPECT_EQ(Speakers(extractor_->Analyze(text, "", "en")), "Merz zorp|said");
  EXPECT_EQ(Speakers(extractor_->Analyze("Merz blik zorp said the talks failed.", "", "xx")),
            "Merz|said");
}

TEST_F(LanguageDataTest, EnglishWordsDoNotApplyWhereTheLanguageHasItsOwn) {
  // "has" is an English auxiliary, not one of xx's.
  const std::string text = "Merz has said that the talks had failed.";
  EXPECT_EQ(Speakers(extractor_->Analyze(text, "", "en")), "Merz|said");
  EXPECT_EQ(Speakers(extractor_->Analyze(text, "", "xx")), "-");
}

TEST_F(LanguageDataTest, UnknownOrEmptyCodesReadEnglish) {
  const std::string text = "Merz zorp said that the talks had failed.";
  const std::string english = Speakers(extractor_->Analyze(text, "", "en"));
  EXPECT_EQ(Speakers(extractor_->Analyze(text, "", "un")), english);
  EXPECT_EQ(Speakers(extractor_->Analyze(text, "", "")), english);
  EXPECT_EQ(Speakers(extractor_->Analyze(text)), english);
  EXPECT_EQ(Speakers(extractor_->Analyze(text, "", "../en")), english);
}

TEST(LanguageOptionsTest, AMissingLanguageFolderIsALoadError) {
  ExtractorOptions options;
  options.dictionary_dir = std::string(PARLEY_SOURCE_DIR) + "/data/dict";
  options.language_dir = "/nonexistent/lang";
  auto extractor = Extractor::Load(options);
  ASSERT_FALSE(extractor.ok());
  EXPECT_EQ(extractor.status().code(), StatusCode::kNotFound);
  EXPECT_NE(extractor.status().message().find("/nonexistent/lang/en"), std::string::npos);
}

}  // namespace
}  // namespace parley
