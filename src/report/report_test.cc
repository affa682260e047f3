#include "parley/report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace parley::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kFixture = PARLEY_SOURCE_DIR "/testdata/report/berlin-2025-12.json";
const std::string kHostile = PARLEY_SOURCE_DIR "/testdata/report/hostile.json";
const std::string kFromPipeline = PARLEY_SOURCE_DIR "/testdata/report/pipeline-snapshot.json";

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t count = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

Status ParseError(const std::string& text) { return ParseSnapshot(text, "snap.json").status(); }

TEST(SnapshotTest, LoadsTheBerlinFixture) {
  auto snapshot = LoadSnapshot(kFixture);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().message();
  EXPECT_EQ(snapshot->scenario.id, "ukraine-2025");
  EXPECT_EQ(snapshot->scenario.actors.size(), 7u);
  EXPECT_EQ(snapshot->scenario.issues.size(), 5u);
  EXPECT_EQ(snapshot->positions.cells.size(), 27u);
  EXPECT_EQ(snapshot->statements.size(), 19u);
  EXPECT_EQ(snapshot->forecasts.size(), 15u);
}

// pipeline-snapshot.json is what the pipeline wrote for testdata/positions before the snapshot
// was typed (src/pipeline/pipeline_test.cc builds it again): reading it and writing it back
// gives the same bytes, optional fields left out where they were.
TEST(SnapshotTest, WritesBackTheDocumentItRead) {
  const std::string text = ReadFile(kFromPipeline);
  auto snapshot = ParseSnapshot(text, "pipeline-snapshot.json");
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().message();
  EXPECT_EQ(SnapshotJson(*snapshot).dump(1) + "\n", text);
}

TEST(SnapshotTest, SyntaxErrorNamesLineAndColumn) {
  Status status = ParseError("{\n  \"format\": \"parley-snapshot/1\",\n  \"scenario\": }");
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(status.message(),
            "snap.json:3:15: JSON syntax error, expected a parley snapshot document");
}

TEST(SnapshotTest, RejectsAnotherFormat) {
  EXPECT_EQ(ParseError(R"({"format": "something/2"})").message(),
            "snap.json: format is \"something/2\", expected \"parley-snapshot/1\"");
}

TEST(SnapshotTest, NamesTheFieldThatIsOutOfRange) {
  auto document = nlohmann::json::parse(ReadFile(kFixture));
  document["positions"]["cells"][4]["position"] = 140;
  EXPECT_EQ(ValidateSnapshot(document, "snap.json").message(),
            "snap.json: positions.cells[4].position is 140, expected a number in 0-100");
}

TEST(SnapshotTest, RejectsACellOfAnUnknownActor) {
  auto document = nlohmann::json::parse(ReadFile(kFixture));
  document["positions"]["cells"][0]["actor"] = "XXX";
  EXPECT_EQ(ValidateSnapshot(document, "snap.json").message(),
            "snap.json: positions.cells[0].actor is \"XXX\", expected the id of a scenario actor");
}

TEST(SnapshotTest, NamesAMissingField) {
  auto document = nlohmann::json::parse(ReadFile(kFixture));
  document["forecasts"][2].erase("p90");
  EXPECT_EQ(ValidateSnapshot(document, "snap.json").message(),
            "snap.json: forecasts[2] has no 'p90', expected one");
}

TEST(SnapshotTest, NoForecastEntriesNeedAKnownIssueAndWhatIsMissing) {
  auto document = nlohmann::json::parse(ReadFile(kFixture));
  document["no_forecast"] = {{{"issue", "assets"}, {"missing", "needs evidence"}}};
  EXPECT_TRUE(ValidateSnapshot(document, "snap.json").ok());
  document["no_forecast"][0]["issue"] = "moon";
  EXPECT_EQ(ValidateSnapshot(document, "snap.json").message(),
            "snap.json: no_forecast[0].issue is \"moon\", expected the id of a scenario issue");
  document["no_forecast"][0] = {{"issue", "assets"}};
  EXPECT_EQ(ValidateSnapshot(document, "snap.json").message(),
            "snap.json: no_forecast[0] has no 'missing', expected one");
}

TEST(SnapshotTest, MissingFileIsNotFound) {
  auto snapshot = LoadSnapshot("/nonexistent/snap.json");
  EXPECT_EQ(snapshot.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(snapshot.status().message(), "/nonexistent/snap.json: cannot open the snapshot file");
}

TEST(SnapshotTest, RefusesAFileOverTheSizeLimit) {
  auto snapshot = LoadSnapshot(kFixture, 100);
  EXPECT_EQ(snapshot.status().code(), StatusCode::kInvalidInput);
  EXPECT_THAT(snapshot.status().message(), HasSubstr("expected at most 100 (--max-bytes)"));
}

TEST(JsonForScriptElementTest, EscapesEverythingThatCouldCloseTheElement) {
  nlohmann::json value = {{"text", "</script><!-- & \xe2\x80\xa8"}};
  EXPECT_EQ(JsonForScriptElement(value),
            R"({"text":"\u003c/script\u003e\u003c!-- \u0026 \u2028"})");
}

TEST(RenderHtmlTest, ReportIsSelfContained) {
  auto snapshot = LoadSnapshot(kFixture);
  ASSERT_TRUE(snapshot.ok());
  std::string page = RenderHtml(*snapshot);
  EXPECT_THAT(page, HasSubstr("connect-src 'none'"));
  EXPECT_THAT(page,
              HasSubstr("<title>Ending the Russia-Ukraine war (talks of 2025) — parley</title>"));
  EXPECT_THAT(
      page,
      HasSubstr(
          R"(<script id="parley-config" type="application/json">{"annotations":false,"ingest":false,"live":false})"));
  // No external resource of any kind: every script and style is inline.
  EXPECT_THAT(page, Not(HasSubstr("<script src")));
  EXPECT_THAT(page, Not(HasSubstr("<link")));
  EXPECT_THAT(page, HasSubstr("Chart.js v4"));
}

TEST(RenderHtmlTest, LiveDashboardMayCallItsOwnOrigin) {
  auto snapshot = LoadSnapshot(kFixture);
  ASSERT_TRUE(snapshot.ok());
  std::string page = RenderHtml(*snapshot, {.live = true});
  EXPECT_THAT(page, HasSubstr("connect-src 'self'"));
  EXPECT_THAT(page, HasSubstr(R"({"annotations":false,"generation":0,"ingest":false,"live":true})"));
}

TEST(RenderHtmlTest, HostileArticleTextStaysData) {
  auto snapshot = LoadSnapshot(kHostile);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().message();
  std::string page = RenderHtml(*snapshot);
  // The page's own three script elements, and no fourth from the data.
  EXPECT_EQ(Count(page, "<script"), 3u);
  EXPECT_EQ(Count(page, "</script"), 3u);
  EXPECT_THAT(page, Not(HasSubstr("<img")));
  EXPECT_THAT(page, HasSubstr("\\u003cimg src=x onerror="));
  EXPECT_THAT(page, HasSubstr("<title>Hostile &lt;/script&gt;&lt;script&gt;"));
}

TEST(WriteReportTest, WritesThePage) {
  auto snapshot = LoadSnapshot(kFixture);
  ASSERT_TRUE(snapshot.ok());
  std::string path = PARLEY_BINARY_DIR "/report_test_out.html";
  ASSERT_TRUE(WriteReport(*snapshot, path).ok());
  EXPECT_THAT(ReadFile(path), HasSubstr("<!DOCTYPE html>"));
  std::filesystem::remove(path);
}

TEST(WriteReportTest, UnwritablePathIsAnIoError) {
  auto snapshot = LoadSnapshot(kFixture);
  ASSERT_TRUE(snapshot.ok());
  Status status = WriteReport(*snapshot, "/nonexistent/dir/report.html");
  EXPECT_EQ(status.code(), StatusCode::kIo);
  EXPECT_EQ(status.message(), "/nonexistent/dir/report.html: cannot create the report file");
}

}  // namespace
}  // namespace parley::report
