// End-to-end tests of the parley binary: exit codes, help, and the handling of bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gzip_fixture.h"

namespace {

struct RunResult {
  int exit_code;
  std::string out;  // stdout and stderr, interleaved
};

RunResult RunParley(const std::string& arguments) {
  std::string command = std::string(PARLEY_BINARY_DIR) + "/parley " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  RunResult result{-1, ""};
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  size_t got;
  while ((got = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.out.append(buffer.data(), got);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TEST(CliTest, VersionPrintsNameAndVersion) {
  RunResult result = RunParley("--version");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.rfind("parley 0.", 0), 0u) << result.out;
}

TEST(CliTest, NoSubcommandIsAUsageError) {
  RunResult result = RunParley("");
  EXPECT_EQ(result.exit_code, 2);
}

TEST(CliTest, UnknownOptionIsAUsageError) {
  RunResult result = RunParley("help --no-such-option");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("--no-such-option"), std::string::npos) << result.out;
}

TEST(CliTest, HelpForAnUnknownCommandIsAUsageError) {
  RunResult result = RunParley("help frobnicate");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("no subcommand named 'frobnicate'"), std::string::npos) << result.out;
}

namespace fs = std::filesystem;

using parley::testing::Gzip;

std::string Page(const std::string& title, const std::string& body) {
  return "<!doctype html><html><head><title>" + title + "</title></head><body><article><h1>" +
         title + "</h1><p>" + body + "</p><p>" + body + " Officials declined to say more.</p>" +
         "</article></body></html>";
}

std::string WarcResponse(const std::string& url, const std::string& html) {
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html;
  return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + url +
         "\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
         std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
}

// A folder that mixes every input format with ten hostile files, as the foundation issue asks.
class MixedInputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("parley-mixed-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "nested");
    const std::string talks =
        "Negotiators from both sides met in Geneva on Sunday to discuss a "
        "revised framework for ending the war.";
    Write("good/a.html", Page("Geneva round ends", talks));
    Write("good/b.htm", Page("Envoys fly to Miami", talks));
    Write("good/c.html.gz", Gzip(Page("Berlin talks open", talks)));
    Write("good/d.txt", "Berlin talks open\n\n" + talks + "\n");
    Write("good/e.md", "# Berlin talks open\n\n" + talks + "\n");
    Write("nested/f.jsonl", "{\"id\":\"w1\",\"text\":\"" + talks +
                                "\"}\n{\"id\":\"w2\",\"html\":\"" + Page("Five", talks) + "\"}\n");
    Write("nested/g.warc", WarcResponse("https://news.test/g1", Page("One", talks)) +
                               WarcResponse("https://news.test/g2", Page("Two", talks)));
    Write("nested/h.warc.gz", Gzip(WarcResponse("https://news.test/h1", Page("Three", talks))) +
                                  Gzip(WarcResponse("https://news.test/h2", Page("Four", talks))));
    Write("good/i.txt.gz", Gzip("Abu Dhabi meeting\n\n" + talks + "\n"));
    good_documents_ = 12;

    std::string compressed = Gzip(Page("Cut short", talks + std::string(3000, ' ') + talks));
    Bad("bad/truncated.html.gz", compressed.substr(0, compressed.size() / 2));
    std::string second = WarcResponse("https://news.test/t2", Page("Cut", talks));
    Bad("bad/truncated.warc", WarcResponse("https://news.test/t1", Page("Whole", talks)) +
                                  second.substr(0, second.size() - 100));
    ++good_documents_;  // the first record of truncated.warc is whole
    std::string gz_warc = Gzip(WarcResponse("https://news.test/z1", Page("Zipped", talks)));
    Bad("bad/truncated.warc.gz", gz_warc.substr(0, gz_warc.size() / 2));
    Bad("bad/picture.html", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    Bad("bad/empty.txt", "");
    Bad("bad/lines.jsonl", "{\"id\":\"ok\",\"text\":\"" + talks + "\"}\n{\"id\": broken\n");
    ++good_documents_;  // the good line of lines.jsonl
    Bad("bad/blank.md", "\n   \n\t\n");
    Bad("bad/noise.dat", std::string("\x01\x02\0\x03garbage\0\xff\xfe\x00\x10", 16));
    // Latin-1 with no declaration: not an error, it must come out as UTF-8.
    Write("bad/latin1.html", Page("Gespr\xE4"
                                  "che in Br\xFC"
                                  "ssel",
                                  "Der Au\xDF"
                                  "enminister \xE4u\xDF"
                                  "erte sich am Montag zu den "
                                  "Gespr\xE4"
                                  "chen \xFC"
                                  "ber einen Waffenstillstand."));
    ++good_documents_;
    std::ofstream huge(dir_ / "bad" / "huge.txt", std::ios::binary);
    std::string block(1 << 20, 'a');
    for (int i = 0; i < 80; ++i) huge << block;
    bad_files_.push_back("bad/huge.txt");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& bytes) {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }
  void Bad(const std::string& name, const std::string& bytes) {
    Write(name, bytes);
    bad_files_.push_back(name);
  }

  fs::path dir_;
  int good_documents_ = 0;
  std::vector<std::string> bad_files_;
};

TEST_F(MixedInputsTest, EveryGoodDocumentIsReadAndEachBadFileGetsOneLine) {
  std::string out = (dir_ / "out.jsonl").string(), err = (dir_ / "err.txt").string();
  std::string command = std::string(PARLEY_BINARY_DIR) + "/parley --jsonl read " + dir_.string() +
                        "/good " + dir_.string() + "/nested " + dir_.string() + "/bad " +
                        dir_.string() + "/missing.html > " + out + " 2> " + err;
  int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);

  std::ifstream out_stream(out);
  std::string line;
  int documents = 0;
  bool saw_latin1 = false;
  while (std::getline(out_stream, line)) {
    auto json = nlohmann::json::parse(line);
    ++documents;
    if (json["path"].get<std::string>().find("latin1.html") != std::string::npos) {
      // The JSON writer may emit the u-umlaut raw or escaped; either is UTF-8 done right.
      saw_latin1 = line.find("Br\xC3\xBCssel") != std::string::npos ||
                   line.find("Br\\u00fcssel") != std::string::npos;
    }
  }
  EXPECT_EQ(documents, good_documents_);
  EXPECT_TRUE(saw_latin1) << "the Latin-1 page was not converted to UTF-8";

  std::stringstream errors;
  errors << std::ifstream(err).rdbuf();
  std::vector<std::string> error_lines;
  while (std::getline(errors, line)) {
    if (line.rfind("parley: ", 0) == 0) error_lines.push_back(line);
  }
  for (const std::string& bad : bad_files_) {
    int mentions = 0;
    for (const std::string& error : error_lines) {
      // "bad/x.warc:" or "bad/x.warc@123:", not the longer name "bad/x.warc.gz".
      mentions +=
          error.find(bad + ":") != std::string::npos || error.find(bad + "@") != std::string::npos;
    }
    EXPECT_EQ(mentions, 1) << bad << " in:\n" << errors.str();
  }
  int missing = 0;
  for (const std::string& error : error_lines) {
    missing += error.find("missing.html: no such file or directory") != std::string::npos;
  }
  EXPECT_EQ(missing, 1) << errors.str();
  EXPECT_EQ(error_lines.size(), bad_files_.size() + 1) << errors.str();
}

// `parley score` on our fixture pages with a gold file written here. The figures depend on the
// extractor, so these tests check the shape of the output and the errors, not the scores.
class ScoreCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("parley-score-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Write("gold.json", R"({"articles": {
 "berlin_a.txt": {"stances": [
  {"actor": "USA", "issue": "guarantees", "position": 90, "tolerance": 10},
  {"actor": "UKR", "issue": "territory", "position": 20, "tolerance": 15},
  {"actor": "RUS", "issue": "nato", "position": 100, "tolerance": 10}
 ]}
}})");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string Page(const std::string& name) {
    return std::string(PARLEY_SOURCE_DIR) + "/testdata/positions/" + name;
  }

  fs::path dir_;
};

TEST_F(ScoreCommandTest, PrintsEveryBreakdownAndNotesPagesNotInTheGold) {
  RunResult result = RunParley("score --gold " + Path("gold.json") + " " + Page("berlin_a.txt") +
                               " " + Page("berlin_b.txt"));
  EXPECT_EQ(result.exit_code, 0) << result.out;
  for (const char* expected :
       {"articles   1 of 1 in ", "recall     ", "precision  ", "evidence   ", "issue ", "actor ",
        "wrong_point", "wrong_side", "wrong_holder", "not_there", "missed", "<0.4", "0.4-0.7",
        ">=0.7", "parley: 1 articles not in "}) {
    EXPECT_NE(result.out.find(expected), std::string::npos) << expected << " in\n" << result.out;
  }
  EXPECT_NE(result.out.find("gold.json ignored: berlin_b.txt\n"), std::string::npos) << result.out;
}

TEST_F(ScoreCommandTest, JsonlHasOneLinePerGoldStanceAndPerStatement) {
  RunResult result =
      RunParley("--jsonl -q score --gold " + Path("gold.json") + " " + Page("berlin_a.txt"));
  EXPECT_EQ(result.exit_code, 0) << result.out;
  const std::set<std::string> classes = {"right", "wrong_point", "wrong_side", "wrong_holder",
                                         "not_there"};
  int gold = 0, predictions = 0;
  std::istringstream lines(result.out);
  std::string line;
  while (std::getline(lines, line)) {
    auto json = nlohmann::json::parse(line);
    EXPECT_EQ(line.rfind("{\"type\":", 0), 0u) << line;
    EXPECT_EQ(json["doc"], "berlin_a.txt");
    if (json["type"] == "gold") {
      ++gold;
      EXPECT_TRUE(json["hit"].is_boolean()) << line;
      EXPECT_TRUE(json["tolerance"].is_number()) << line;
    } else {
      ++predictions;
      EXPECT_EQ(json["type"], "prediction");
      EXPECT_EQ(classes.count(json["class"].get<std::string>()), 1u) << line;
      EXPECT_EQ(json["verbatim"], true) << line;
      EXPECT_TRUE(json["confidence"].is_number()) << line;
    }
  }
  EXPECT_EQ(gold, 3);
  EXPECT_GT(predictions, 0);
}

TEST_F(ScoreCommandTest, BadGoldFileIsAUsageErrorNamingItsLine) {
  Write("bad.json", R"({"articles": {
 "berlin_a.txt": {"stances": [
  {"issue": "nato"}]}}})");
  RunResult result = RunParley("score --gold " + Path("bad.json") + " " + Page("berlin_a.txt"));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("parley: " + Path("bad.json") +
                            ":3: articles[\"berlin_a.txt\"].stances[0]: missing \"actor\""),
            std::string::npos)
      << result.out;
}

TEST_F(ScoreCommandTest, GoldActorTheScenarioLacksIsAUsageError) {
  Write("unknown.json", R"({"articles": {"berlin_a.txt": {"stances": [
  {"actor": "XYZ", "issue": "nato", "position": 1, "tolerance": 1}]}}})");
  RunResult result = RunParley("score --gold " + Path("unknown.json") + " " + Page("berlin_a.txt"));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find(":2: articles[\"berlin_a.txt\"]: unknown actor \"XYZ\""),
            std::string::npos)
      << result.out;
}

std::string SourceFile(const std::string& path) {
  return std::string(PARLEY_SOURCE_DIR) + "/" + path;
}

TEST(ScenarioCheckTest, ListsEveryErrorAndWarningOfEachFile) {
  RunResult result = RunParley("scenario check " + SourceFile("testdata/scenario/many_errors.yaml") +
                               " " + SourceFile("testdata/scenario/warnings.yaml"));
  EXPECT_EQ(result.exit_code, 1) << result.out;
  for (const char* expected :
       {"many_errors.yaml:4:44: capability of actor NOR is 160",
        "many_errors.yaml:7:37: unknown member 'WEST' of group PAIR",
        "many_errors.yaml:13:48: cue '... harbour' starts with '...'",
        "parley: warning: ", "alias 'Nordport' is given to both NOR and SOU",
        "has a space inside an alternative", "warnings.yaml: ok, 2 actors, 0 groups, 1 issues, "
        "2 cue phrases, 5 warnings"}) {
    EXPECT_NE(result.out.find(expected), std::string::npos) << expected << " in\n" << result.out;
  }
}

TEST(ScenarioCheckTest, ArticlesShowTheCuesNoneOfThemUses) {
  RunResult result = RunParley("scenario check " + SourceFile("testdata/toy/river.yaml") +
                               " --articles " + SourceFile("testdata/toy/talks_open.txt"));
  EXPECT_EQ(result.exit_code, 0) << result.out;
  const std::string prefix =
      "parley: warning: " + SourceFile("testdata/toy/river.yaml") + ": issue flow, anchor at ";
  for (const std::string cue : {"0: cue 'no ... limit* ... filling'",
                                "50: cue 'filling ... spread|spread_out|over ... years'",
                                "100: cue 'guarantee* ... flow'"}) {
    EXPECT_NE(result.out.find(prefix + cue + " matches no sentence of the 1 articles given"),
              std::string::npos)
        << cue << " in\n" << result.out;
  }
  EXPECT_EQ(result.out.find("natural|entire flow' matches no"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("river.yaml: ok, 2 actors, 0 groups, 1 issues, 6 cue phrases, "
                            "3 warnings"),
            std::string::npos)
      << result.out;
}

TEST(DemoCommandTest, IranScenarioRunsOnItsOwnSampleArticles) {
  const fs::path dir = fs::temp_directory_path() / ("parley-demo-" + std::to_string(getpid()));
  fs::create_directories(dir);
  RunResult result = RunParley("-q --db " + (dir / "demo.db").string() +
                               " demo --scenario iran-2025 -o " + (dir / "r.html").string());
  EXPECT_EQ(result.exit_code, 0) << result.out;
  EXPECT_NE(result.out.find("parley demo: The Iran nuclear talks (2025-2026), from 8 sample "
                            "articles"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("Iran (IRN)"), std::string::npos) << result.out;
  EXPECT_TRUE(fs::exists(dir / "r.html"));
  RunResult unknown = RunParley("--db " + (dir / "demo.db").string() + " demo --scenario atlantis");
  EXPECT_EQ(unknown.exit_code, 2) << unknown.out;
  EXPECT_NE(unknown.out.find("no demo articles for scenario 'atlantis', expected one of: "),
            std::string::npos)
      << unknown.out;
  fs::remove_all(dir);
}

}  // namespace
