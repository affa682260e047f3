#include "parley/json_location.h"

#include <gtest/gtest.h>

#include <string>

namespace parley {
namespace {

TEST(FindJsonSyntaxErrorTest, WellFormedTextHasNone) {
  EXPECT_FALSE(FindJsonSyntaxError(R"({"a": [1, 2, {"b": null}]})").has_value());
}

TEST(FindJsonSyntaxErrorTest, GivesLineColumnAndTokenOfTheFirstError) {
  const std::string text = "{\n  \"a\": 1,\n  \"b\": tru\n}";
  auto error = FindJsonSyntaxError(text);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->line, 3);
  EXPECT_EQ(error->column, 11);  // the line break that ends "tru"
  EXPECT_EQ(error->offset, text.find("tru") + 3);
  EXPECT_EQ(error->token, "\"b\": tru<U+000A>");  // nlohmann spells out control bytes
}

TEST(FindJsonSyntaxErrorTest, TruncatedTextPointsAtItsEnd) {
  auto error = FindJsonSyntaxError("{\"a\": [1,\n");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->line, 2);
}

TEST(JsonLinesTest, LinesOfValuesByPointer) {
  const std::string text =
      "{\n"
      "  \"articles\": {\n"
      "    \"p1.txt\": {\"stances\": [\n"
      "      {\"actor\": \"UKR\"},\n"
      "      {\"actor\": 5,\n"
      "       \"note\": \"a, b: [c]\"}\n"
      "    ]},\n"
      "    \"a/b~c\": {}\n"
      "  }\n"
      "}\n";
  JsonLines lines(text, 5);
  EXPECT_EQ(lines.LineOf(""), 1);
  EXPECT_EQ(lines.LineOf("/articles"), 2);
  EXPECT_EQ(lines.LineOf("/articles/p1.txt"), 3);
  EXPECT_EQ(lines.LineOf("/articles/p1.txt/stances/0"), 4);
  EXPECT_EQ(lines.LineOf("/articles/p1.txt/stances/1"), 5);
  EXPECT_EQ(lines.LineOf("/articles/p1.txt/stances/1/note"), 6);
  EXPECT_EQ(lines.LineOf("/articles/a~1b~0c"), 8);
}

TEST(JsonLinesTest, MissingOrTooDeepValuesGetTheLineOfTheirNearestAncestor) {
  const std::string text = "[\n {\"a\":\n  {\"b\": 1}},\n {}\n]";
  JsonLines shallow(text, 1);
  EXPECT_EQ(shallow.LineOf("/0/a/b"), 2);
  EXPECT_EQ(shallow.LineOf("/1"), 4);
  EXPECT_EQ(shallow.LineOf("/1/missing"), 4);
  EXPECT_EQ(shallow.LineOf("/7"), 1);
  EXPECT_EQ(JsonLines(text, 3).LineOf("/0/a/b"), 3);
}

TEST(JsonLinesTest, EscapedKeysAreDecoded) {
  JsonLines lines("{\"caf\\u00e9\":\n 1, \"q\\\"\": 2}", 1);
  EXPECT_EQ(lines.LineOf("/caf\xC3\xA9"), 2);
  EXPECT_EQ(lines.LineOf("/q\""), 2);
}

TEST(JsonLinesTest, ALeadingByteOrderMarkIsSkipped) {
  JsonLines lines("\xEF\xBB\xBF{\"a\":\n [1,\n 2]}", 2);
  EXPECT_EQ(lines.LineOf("/a/1"), 3);
}

TEST(JsonExcerptTest, ShortValuesWholeLongOnesCutAt40Bytes) {
  EXPECT_EQ(JsonExcerpt(nlohmann::json(140)), "140");
  EXPECT_EQ(JsonExcerpt(nlohmann::json{{"a", "b"}}), "{\"a\":\"b\"}");
  EXPECT_EQ(JsonExcerpt(nlohmann::json(std::string(50, 'x'))), "\"" + std::string(36, 'x') + "...");
}

}  // namespace
}  // namespace parley
