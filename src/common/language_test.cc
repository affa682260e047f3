// Language data: word-set files, the language folders and the fallback to English.
#include "parley/language.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace parley {
namespace {

const std::string kSource = PARLEY_SOURCE_DIR;

TEST(WordListTest, ReadsEntriesInOrderAndUnquotesOuterSpaces) {
  auto months = LoadWordList(kSource + "/testdata/lang/xx/months.tsv");
  ASSERT_TRUE(months.ok()) << months.status().message();
  ASSERT_EQ(months->size(), 4u);
  EXPECT_EQ(months->Items()[0], "unamo");
  EXPECT_EQ(months->Items()[3], "  spaced  ");
  EXPECT_TRUE(months->Contains(std::string("dumo")));
  EXPECT_TRUE(months->Contains(std::string_view("trimo")));
  EXPECT_FALSE(months->Contains(std::string("january")));
}

TEST(WordListTest, AMissingFileIsNotFound) {
  auto words = LoadWordList("/nonexistent/words.tsv");
  ASSERT_FALSE(words.ok());
  EXPECT_EQ(words.status().message(), "/nonexistent/words.tsv: cannot open language file");
}

TEST(LanguagesTest, EnglishIsTheDefaultAndTheFallback) {
  Languages languages(kSource + "/data/lang");
  ASSERT_TRUE(languages.LoadDefault().ok());
  EXPECT_EQ(languages.For("en").code(), "en");
  EXPECT_EQ(languages.For("").code(), "en");
  EXPECT_EQ(languages.For("un").code(), "en");  // CLD2's "unknown"
  EXPECT_EQ(languages.For("../../etc").code(), "en");
  EXPECT_EQ(&languages.For("un"), &languages.English());
  const WordList& months = languages.English().Words("months");
  ASSERT_EQ(months.size(), 12u);
  EXPECT_EQ(months.Items()[0], "january");
  EXPECT_EQ(months.Items()[11], "december");
}

TEST(LanguagesTest, EveryEnglishFileLoads) {
  // Each data/lang/en/*.tsv is a word set some stage reads; none is empty.
  Languages languages(kSource + "/data/lang");
  const Language& english = languages.English();
  for (const char* kind : {"quote_auxiliaries", "light_verbs", "clutter_prefixes", "byline_labels",
                           "promo_endings", "boilerplate_prefixes"}) {
    EXPECT_TRUE(english.Has(kind)) << kind;
    EXPECT_GT(english.Words(kind).size(), 0u) << kind;
  }
  EXPECT_TRUE(english.Words("promo_endings").Contains(std::string(" sale")));
}

TEST(LanguageTest, AFolderAnswersItsKindsAndTheFallbackTheRest) {
  Languages languages(kSource + "/data/lang");
  const Language& english = languages.English();
  auto toy = Language::Load(kSource + "/testdata/lang/xx", "xx", &english);
  ASSERT_TRUE(toy.ok()) << toy.status().message();
  const Language& xx = **toy;
  EXPECT_EQ(xx.code(), "xx");
  EXPECT_TRUE(xx.Has("quote_auxiliaries"));
  EXPECT_TRUE(xx.Words("quote_auxiliaries").Contains(std::string("zorp")));
  EXPECT_FALSE(xx.Words("quote_auxiliaries").Contains(std::string("has")));
  EXPECT_FALSE(xx.Has("light_verbs"));
  EXPECT_EQ(&xx.Words("light_verbs"), &english.Words("light_verbs"));
}

TEST(LanguagesTest, LoadAllReportsABrokenLanguageFolder) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("parley_languages_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "zz");
  fs::create_directory_symlink(kSource + "/data/lang/en", dir / "en");
  std::ofstream(dir / "zz" / "months.tsv") << "# broken\n\"\"\n";
  Languages languages(dir.string());
  Status status = languages.LoadAll();
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_NE(status.message().find("zz/months.tsv:2: empty entry"), std::string::npos)
      << status.message();
  EXPECT_EQ(languages.For("zz").code(), "en");
  fs::remove_all(dir);
}

TEST(LanguageTest, AMissingFolderIsNotFound) {
  auto missing = Language::Load("/nonexistent/lang/xx", "xx", nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace parley
