// The shared helpers of include/parley/text_util.h and include/parley/tsv.h.
#include "parley/text_util.h"

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <string>

#include "parley/tsv.h"

namespace parley {
namespace {

TEST(TextUtilTest, LowerIsAsciiOnly) {
  EXPECT_EQ(Lower("Hello WORLD"), "hello world");
  EXPECT_EQ(Lower("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");  // "ÉTÉ": UTF-8 bytes kept
  EXPECT_EQ(Lower('Q'), 'q');
}

TEST(TextUtilTest, TrimTakesItsSpaces) {
  EXPECT_EQ(Trim(" \t a b \r\n\v\f"), "a b");
  EXPECT_EQ(Trim("\f a \f", " "), "\f a \f");
  EXPECT_EQ(TrimLeft("  a  "), "a  ");
  EXPECT_EQ(TrimRight("  a  "), "  a");
  EXPECT_EQ(Trim(""), "");
  EXPECT_TRUE(IsSpace('\f'));
  EXPECT_FALSE(IsSpace('\v'));
  EXPECT_FALSE(IsSpace('\f', " \n\t\r"));
}

TEST(TextUtilTest, FormatNumber) {
  EXPECT_EQ(FormatNumber(0.5), "0.5");
  EXPECT_EQ(FormatNumber(12.0), "12");
  EXPECT_EQ(FormatNumber(1e7), "1e+07");
  EXPECT_EQ(FormatNumber(2.0 / 3.0), "0.666667");
  EXPECT_EQ(FormatNumber(2.0 / 3.0, 2), "0.67");
  EXPECT_EQ(FormatNumber(3.0, 0), "3");
}

TEST(TextUtilTest, DayNumber) {
  EXPECT_EQ(DayNumber("1970-01-01"), 0);
  EXPECT_EQ(DayNumber("1970-01-02T10:00"), 1);
  EXPECT_EQ(DayNumber("2000-03-01"), 11017);
  EXPECT_EQ(*DayNumber("2024-03-01") - *DayNumber("2024-02-28"), 2);
  EXPECT_FALSE(DayNumber("2024-13-01").has_value());
  EXPECT_FALSE(DayNumber("2024-1-1").has_value());
  EXPECT_FALSE(DayNumber("").has_value());
}

TEST(TextUtilTest, AppendUtf8WritesOneToFourBytes) {
  std::string out;
  for (uint32_t code_point : {0x41u, 0xE9u, 0x2019u, 0x1F600u}) AppendUtf8(code_point, out);
  EXPECT_EQ(out, "A\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80");
}

TEST(TextUtilTest, CountWordsSplitsOnTheGivenSpaces) {
  EXPECT_EQ(CountWords("two  words", " "), 2u);
  EXPECT_EQ(CountWords(" a\tb\nc ", " \t"), 2u);  // "b\nc" is one word without \n
  EXPECT_EQ(CountWords(" a\tb\nc ", " \t\n"), 3u);
  EXPECT_EQ(CountWords("", " "), 0u);
}

TEST(TextUtilTest, ReadWholeFileGivesTheBytesOrNothing) {
  const std::string path = ::testing::TempDir() + "/text_util_read_whole.txt";
  std::ofstream(path, std::ios::binary) << "line one\n";
  EXPECT_EQ(ReadWholeFile(path), std::optional<std::string>("line one\n"));
  std::ofstream(path, std::ios::binary).write("a\0b", 3);
  EXPECT_EQ(ReadWholeFile(path), std::optional<std::string>(std::string("a\0b", 3)));
  EXPECT_EQ(ReadWholeFile(path + ".missing"), std::nullopt);
}

TEST(TsvTest, SplitFieldsKeepsEmptyFields) {
  EXPECT_EQ(SplitFields("a||b", '|'), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(SplitFields("", '\t'), (std::vector<std::string>{""}));
}

TEST(TsvTest, MissingFileNamesWhatItIs) {
  Status status = ReadTsv("/nonexistent/x.tsv", 1, 1,
                          [](const TsvRow&, const std::string&) { return Status::Ok(); });
  EXPECT_EQ(status.message(), "/nonexistent/x.tsv: cannot open file");
}

}  // namespace
}  // namespace parley
