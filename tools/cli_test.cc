// End-to-end tests of the parley binary: exit codes, help, and the handling of bad input.
#include "cli.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gzip_fixture.h"
#include "parley/status.h"
#include "parley/store.h"
#include "postgres_server.h"
#include "refusing_port.h"

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

std::string ForecastFixture(const std::string& name) {
  return std::string(PARLEY_SOURCE_DIR) + "/testdata/forecast/" + name;
}

// evidence.json: "deal" has evidence from A (20) and B (80) and a prior from C; "talks" has
// evidence from A only. calibration_nash.tsv makes nash the headline model.
TEST(CliTest, ForecastJsonlMarksTheHeadlineAndWithholdsIssuesWithoutEvidence) {
  RunResult result = RunParley("--jsonl forecast --model all --calibration " +
                               ForecastFixture("calibration_nash.tsv") + " " +
                               ForecastFixture("evidence.json"));
  ASSERT_EQ(result.exit_code, 0) << result.out;
  std::istringstream lines(result.out);
  std::string line;
  int headlines = 0;
  int withheld = 0;
  while (std::getline(lines, line)) {
    nlohmann::json forecast = nlohmann::json::parse(line);
    bool headline = forecast.value("headline", false);
    EXPECT_EQ(headline, forecast["model"] == "nash") << line;
    headlines += headline;
    if (forecast["issue"] == "talks") {
      ++withheld;
      EXPECT_TRUE(forecast["forecast"].is_null()) << line;
      EXPECT_EQ(forecast["not_enough_evidence"],
                "needs evidence from an actor at or above 50; evidence only from A (30)");
      continue;
    }
    EXPECT_EQ(forecast["leans_on_priors"], nlohmann::json::array({"C"})) << line;
    EXPECT_LE(forecast["p10"].get<double>(), forecast["forecast"].get<double>()) << line;
    EXPECT_GE(forecast["p90"].get<double>(), forecast["forecast"].get<double>()) << line;
    EXPECT_LT(forecast["p10"].get<double>(), forecast["p90"].get<double>()) << line;
  }
  EXPECT_EQ(headlines, 2);  // one per issue
  EXPECT_EQ(withheld, 6);   // every model on "talks"
}

TEST(CliTest, ForecastTableSaysWhatEvidenceIsMissing) {
  RunResult result = RunParley("forecast --model compromise " + ForecastFixture("evidence.json"));
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_NE(result.out.find("compromise (headline)"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("  talks: not enough evidence, no forecast: needs evidence from an "
                            "actor at or above 50; evidence only from A (30)\n"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("  * deal leans on priors: C\n"), std::string::npos) << result.out;
}

TEST(CliTest, BadCalibrationFileNamesLineAndReason) {
  std::string path = ForecastFixture("calibration_bad.tsv");
  RunResult result =
      RunParley("forecast --calibration " + path + " " + ForecastFixture("evidence.json"));
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_NE(result.out.find(path + ":3: error_scale is 'wide', expected a number in 0-100"),
            std::string::npos)
      << result.out;
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

// A scratch folder for one test, removed afterwards.
class ScratchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("parley-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return Path(name);
  }
  fs::path dir_;
};

size_t LineCount(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

// ---- Problem 4 of issue 14: silent success on bad input ----

TEST_F(ScratchTest, Problem4EmptyDirectoryIsOneLineAndExit1) {
  fs::create_directories(dir_ / "empty");
  RunResult result = RunParley("read " + Path("empty"));
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_EQ(result.out, "parley: " + Path("empty") + ": empty directory: no files to read\n" +
                            "parley read: 0 documents, 0 without article text, 0 near-copies\n");
}

TEST_F(ScratchTest, Problem4GzipThatDoesNotInflateIsOneLineNamingTheFile) {
  std::string plain = Write("plain.txt.gz", "Talks resumed in Geneva on Sunday.\n");
  RunResult result = RunParley("--quiet read " + plain);
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_EQ(result.out, "parley: " + plain +
                            ": not gzip data (no gzip header), expected a gzip file as the .gz "
                            "name says\n");
  // A gzip header followed by bytes that do not inflate.
  std::string broken =
      Write("broken.html.gz", std::string("\x1f\x8b\x08\x00", 4) + std::string(64, 'x'));
  result = RunParley("--quiet read " + broken);
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_EQ(LineCount(result.out), 1u) << result.out;
  EXPECT_EQ(result.out.rfind("parley: " + broken + ": ", 0), 0u) << result.out;
  EXPECT_NE(result.out.find("gzip"), std::string::npos) << result.out;
}

TEST_F(ScratchTest, Problem4ImpossibleAsOfDateIsAUsageErrorNamingIt) {
  for (const char* command : {"positions", "analyze"}) {
    RunResult result =
        RunParley(std::string(command) + " --scenario ukraine-2025 --db " + Path("x.db") +
                  " --as-of 2025-99-99 " + PARLEY_SOURCE_DIR + "/testdata/positions/berlin_a.txt");
    EXPECT_EQ(result.exit_code, 2) << command << ": " << result.out;
    EXPECT_NE(result.out.find("--as-of: expected a date YYYY-MM-DD, got '2025-99-99'"),
              std::string::npos)
        << result.out;
  }
}

TEST_F(ScratchTest, Problem4InvalidUtf8BecomesReplacementCharacters) {
  // UTF-8 with two stray bytes: they become U+FFFD, and the valid dashes around them stay.
  std::string path = Write("stray.txt",
                           "Geneva talks resume\n\nKyiv \xE2\x80\x94 talks \xFF resumed "
                           "\xE2\x80\x94 in Geneva \xE2\x80\x94 on Sunday \xFE\n");
  RunResult result = RunParley("--quiet --jsonl read " + path);
  EXPECT_EQ(result.exit_code, 0) << result.out;
  auto line = nlohmann::json::parse(result.out.substr(0, result.out.find('\n')), nullptr, false);
  ASSERT_TRUE(line.is_object()) << result.out;
  EXPECT_EQ(line["text"],
            "Kyiv \xE2\x80\x94 talks \xEF\xBF\xBD resumed \xE2\x80\x94 in Geneva "
            "\xE2\x80\x94 on Sunday \xEF\xBF\xBD");
}

// ---- Problem 3 of issue 14: a second server on a port in use started without error ----

// `parley --jsonl --quiet serve --snapshot FIXTURE --port 0` in the background; stops on
// destruction.
class BackgroundServer {
 public:
  BackgroundServer() {
    int out[2];
    PARLEY_CHECK(::pipe(out) == 0);
    const std::string binary = std::string(PARLEY_BINARY_DIR) + "/parley";
    const std::string snapshot =
        std::string(PARLEY_SOURCE_DIR) + "/testdata/report/berlin-2025-12.json";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::execl(binary.c_str(), "parley", "--jsonl", "--quiet", "serve", "--snapshot",
              snapshot.c_str(), "--port", "0", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    auto url = nlohmann::json::parse(line, nullptr, false);
    if (url.is_object()) {
      std::string text = url["url"];  // http://127.0.0.1:PORT/
      port_ = text.substr(text.rfind(':') + 1, text.size() - text.rfind(':') - 2);
    }
  }
  ~BackgroundServer() {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  const std::string& port() const { return port_; }

 private:
  pid_t pid_ = -1;
  std::string port_;
};

// Issue 18: `parley note` keeps the team's position for a cell with its author, every command
// over the store shows it, a withdrawal gives the cell back, and a bad cell is one line.
TEST_F(ScratchTest, NoteKeepsTheTeamsOverrideWithItsAuthorForEveryCommand) {
  const std::string db = "--db " + Path("team.db") + " ";
  const std::string cell = " --scenario ukraine-2025 --actor RUS --issue territory ";
  auto russia_on_territory = [&] {
    RunResult positions = RunParley("-q --jsonl " + db + "positions --scenario ukraine-2025");
    EXPECT_EQ(positions.exit_code, 0) << positions.out;
    const nlohmann::json document = nlohmann::json::parse(positions.out);
    for (const nlohmann::json& entry : document["cells"]) {
      if (entry["actor"] == "RUS" && entry["issue"] == "territory") return entry;
    }
    return nlohmann::json();
  };
  ASSERT_EQ(RunParley("-q " + db + "analyze --scenario ukraine-2025 " + PARLEY_SOURCE_DIR +
                      "/testdata/positions")
                .exit_code,
            0);
  EXPECT_EQ(russia_on_territory()["basis"], "evidence");

  RunResult noted = RunParley("-q --jsonl " + db + "note" + cell +
                              "--author 'Ann Analyst' --position 40 --text 'per the briefing'");
  ASSERT_EQ(noted.exit_code, 0) << noted.out;
  const nlohmann::json annotation = nlohmann::json::parse(noted.out);
  EXPECT_EQ(annotation["kind"], "override");
  EXPECT_EQ(annotation["author"], "Ann Analyst");
  nlohmann::json overridden = russia_on_territory();
  EXPECT_EQ(overridden["basis"], "override");
  EXPECT_EQ(overridden["position"], 40);
  EXPECT_EQ(overridden["author"], "Ann Analyst");
  EXPECT_EQ(overridden["authored_at"], annotation["created_at"]);
  EXPECT_EQ(overridden["note"], "per the briefing");

  RunResult bad = RunParley(db + "note --scenario ukraine-2025 --actor XXX --issue territory "
                                 "--author Bo --text hm");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "parley: actor is \"XXX\", expected the id of an actor of the scenario\n");

  ASSERT_EQ(RunParley("-q " + db + "note" + cell + "--author Bo --withdraw").exit_code, 0);
  EXPECT_EQ(russia_on_territory()["basis"], "evidence");
  RunResult listed = RunParley("-q --jsonl " + db + "notes --scenario ukraine-2025 --actor RUS");
  EXPECT_EQ(listed.exit_code, 0) << listed.out;
  EXPECT_EQ(LineCount(listed.out), 2u) << listed.out;
  EXPECT_NE(listed.out.find("\"kind\":\"withdraw\""), std::string::npos) << listed.out;
}

TEST(ServeCommandTest, Problem3SecondServeOnTheSamePortIsOneLineAndExit3) {
  BackgroundServer first;
  ASSERT_FALSE(first.port().empty());
  RunResult second = RunParley("serve --snapshot " + std::string(PARLEY_SOURCE_DIR) +
                               "/testdata/report/berlin-2025-12.json --port " + first.port());
  EXPECT_EQ(second.exit_code, 3);
  EXPECT_EQ(second.out, "parley: 127.0.0.1:" + first.port() +
                            ": cannot listen: the port is in use (is another parley serve "
                            "running?)\n");
}

// ---- Problem 5 of issue 14: progress had no total, percent or ETA ----

TEST(ProgressLineTest, Problem5ShowsDoneTotalPercentRateAndEta) {
  using parley::cli::FormatProgressLine;
  EXPECT_EQ(FormatProgressLine("analyze", 42, 120, 2.0), "analyze 42/120  35%  21/s  ETA 0:04");
  EXPECT_EQ(FormatProgressLine("analyze", 6000, 60000, 10.0),
            "analyze 6000/60000  10%  600/s  ETA 1:30");
  EXPECT_EQ(FormatProgressLine("analyze", 0, 10, 0.0), "analyze 0/10  0%  0/s  ETA -");
  // No total, or more documents than files (a JSONL file holds many): count and rate only.
  EXPECT_EQ(FormatProgressLine("positions", 42, 0, 0.5), "positions 42  84/s");
  EXPECT_EQ(FormatProgressLine("positions", 42, 3, 0.5), "positions 42  84/s");
}

// Problem 5 of issue 14: there was no CSV of the matrix.
TEST(PositionsCommandTest, Problem5CsvHasOneRowPerCell) {
  RunResult result = RunParley(std::string("--quiet positions --scenario ukraine-2025 --csv ") +
                               PARLEY_SOURCE_DIR + "/testdata/positions/berlin_a.txt");
  EXPECT_EQ(result.exit_code, 0) << result.out;
  const std::string source = std::string(PARLEY_SOURCE_DIR) + "/testdata/positions/berlin_a.txt";
  EXPECT_EQ(
      result.out,
      "actor,issue,position,low,high,salience,basis,statements,as_of,evidence,source\n"
      "UKR,territory,30.0,16.0,44.0,33.0,evidence,1,2025-12-15,Kyiv again refused to "
      "withdraw from the parts of Donetsk it still holds.," +
          source +
          "\n"
          "RUS,nato,100.0,80.0,100.0,50.0,prior,0,2025-12-15,Russia has demanded a neutral "
          "Ukraine since its December 2021 draft treaties.,\n"
          "RUS,territory,90.0,70.0,100.0,50.0,prior,0,2025-12-15,Russia annexed four regions on "
          "paper in 2022 and wrote them into its constitution.,\n"
          "RUS,army,90.0,70.0,100.0,50.0,prior,0,2025-12-15,Demilitarisation has been a stated "
          "Russian war aim since February 2022.,\n"
          "USA,guarantees,90.0,77.5,100.0,33.0,evidence,1,2025-12-15,\"Washington is offering "
          "Ukraine legally binding security guarantees modelled on NATO's Article 5, officials "
          "said.\"," +
          source + "\n");
}

// Problem 5 of issue 14: a stale progress line was redrawn after the summary.
TEST(ProgressTest, Problem5LineIsErasedBeforeTheSummary) {
  // A pseudo-terminal: the progress line only shows on a terminal.
  int terminal = ::posix_openpt(O_RDWR | O_NOCTTY);
  ASSERT_GE(terminal, 0);
  ASSERT_EQ(::grantpt(terminal), 0);
  ASSERT_EQ(::unlockpt(terminal), 0);
  FILE* screen = std::fopen(::ptsname(terminal), "w");
  ASSERT_NE(screen, nullptr);
  {
    parley::cli::Progress progress("analyze", 3, /*quiet=*/false, screen);
    progress.Add();
    progress.Finish();
    std::fputs("summary\n", screen);
    std::fflush(screen);
  }  // the destructor must not draw again
  std::fclose(screen);
  std::string shown;
  char buffer[256];
  for (ssize_t got; (got = ::read(terminal, buffer, sizeof buffer)) > 0;) {
    shown.append(buffer, got);
    if (shown.find("summary\r\n") != std::string::npos) break;
  }
  ::close(terminal);
  EXPECT_EQ(shown.rfind("\ranalyze 1/3  33%  ", 0), 0u) << shown;
  const std::string erased_then_summary = "\033[K\r\033[Ksummary";
  ASSERT_GE(shown.size(), erased_then_summary.size());
  EXPECT_NE(shown.find(erased_then_summary), std::string::npos) << shown;
  EXPECT_EQ(shown.substr(shown.find("summary")), "summary\r\n");  // nothing after it
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

// ---- Issue 18: a PostgreSQL store ----

TEST(PostgresStoreCommandTest, ARefusedConnectionIsOneLineWithoutThePasswordAndExit3) {
  parley::testing::RefusingPort refusing;
  ASSERT_FALSE(refusing.port().empty());
  const std::string url = "postgresql://ann:secret@127.0.0.1:" + refusing.port() + "/parley";
  for (const std::string command :
       {"analyze --scenario ukraine-2025 " + std::string(PARLEY_SOURCE_DIR) +
            "/testdata/positions/berlin_a.txt",
        std::string("positions --scenario ukraine-2025"),
        "enqueue " + std::string(PARLEY_SOURCE_DIR) + "/testdata/positions",
        std::string("worker --scenario ukraine-2025")}) {
    RunResult result = RunParley("-q --db " + url + " " + command);
    EXPECT_EQ(result.exit_code, 3) << command << ": " << result.out;
    EXPECT_EQ(result.out, "parley: postgresql://ann@127.0.0.1:" + refusing.port() +
                              "/parley: cannot connect: connection to server at \"127.0.0.1\", "
                              "port " + refusing.port() + " failed: Connection refused\n")
        << command;
  }
}

// `analyze` of the positions fixtures into the store `db`, then what `positions` shows of it.
std::string PositionsAfterAnalyze(const std::string& db) {
  RunResult analyzed = RunParley("--db " + db + " analyze --scenario ukraine-2025 " +
                                 PARLEY_SOURCE_DIR + "/testdata/positions");
  EXPECT_EQ(analyzed.exit_code, 0) << db << ": " << analyzed.out;
  EXPECT_EQ(analyzed.out.find("secret"), std::string::npos) << analyzed.out;
  RunResult positions = RunParley("-q --db " + db + " --jsonl positions --scenario ukraine-2025");
  EXPECT_EQ(positions.exit_code, 0) << db << ": " << positions.out;
  return positions.out;
}

// Each test gets a new database on the shared throwaway server (skipped, saying why, when the
// PostgreSQL binaries are missing).
class PostgresDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bool missing = false;
    std::string why;
    server = parley::testing::PostgresServer::Shared(&why, &missing);
    if (missing) GTEST_SKIP() << why;
    ASSERT_NE(server, nullptr) << why;
    url = server->NewDatabase(&why);
    ASSERT_FALSE(url.empty()) << why;
  }

  parley::testing::PostgresServer* server = nullptr;
  std::string url;
};

TEST_F(PostgresDatabaseTest, AnalyzeAndPositionsOverPostgresShowWhatTheyShowOverSqlite) {
  const std::string sqlite = (fs::temp_directory_path() /
                              ("parley-pg-cli-" + std::to_string(getpid()) + ".db")).string();

  // The test server trusts every connection: the password is only there not to be shown.
  const std::string with_password = "postgresql://parley:secret@" + url.substr(url.find('@') + 1);
  const std::string from_postgres = PositionsAfterAnalyze(with_password);
  const std::string from_sqlite = PositionsAfterAnalyze(sqlite);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(sqlite + suffix);
  EXPECT_NE(from_sqlite.find("\"basis\":\"evidence\""), std::string::npos) << from_sqlite;
  EXPECT_EQ(from_postgres, from_sqlite);
}

// Documents queued, then analysed by a worker: the store shows what `analyze` stores.
TEST_F(PostgresDatabaseTest, EnqueueThenWorkerStoreWhatAnalyzeStores) {
  const std::string sqlite = (fs::temp_directory_path() /
                              ("parley-pg-worker-" + std::to_string(getpid()) + ".db")).string();
  const std::string from_sqlite = PositionsAfterAnalyze(sqlite);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(sqlite + suffix);

  RunResult queued = RunParley("-q --jsonl --db " + url + " enqueue " + PARLEY_SOURCE_DIR +
                               "/testdata/positions");
  EXPECT_EQ(queued.exit_code, 0) << queued.out;
  EXPECT_EQ(queued.out, "{\"db\":\"" + url + "\",\"input_errors\":0,\"queued\":6}\n");
  RunResult worked =
      RunParley("-q --jsonl --db " + url + " worker --scenario ukraine-2025 --name w1");
  EXPECT_EQ(worked.exit_code, 0) << worked.out;
  EXPECT_EQ(worked.out, "{\"already_stored\":0,\"articles_added\":6,\"db\":\"" + url +
                            "\",\"documents\":6,\"scenario\":\"ukraine-2025\","
                            "\"statements_added\":19,\"without_text\":0,\"worker\":\"w1\"}\n");
  RunResult positions =
      RunParley("-q --db " + url + " --jsonl positions --scenario ukraine-2025");
  EXPECT_EQ(positions.exit_code, 0) << positions.out;
  EXPECT_EQ(positions.out, from_sqlite);
}

// ---- A connection lost mid-run ----

// The test's own session on a store, holding the store's writer lock (postgres_store.cc's
// kWriterLock, the advisory lock every writing transaction takes), so that a worker's next
// transaction waits for it, inside the transaction, where the test cuts the worker's connection.
// The lock is held until Release(), so the cut never races the worker's transaction.
class WriterLockSession {
 public:
  explicit WriterLockSession(const std::string& url) : conn_(PQconnectdb(url.c_str())) {}
  ~WriterLockSession() { Release(); }
  WriterLockSession(const WriterLockSession&) = delete;
  WriterLockSession& operator=(const WriterLockSession&) = delete;

  bool Take() { return Query("SELECT pg_advisory_lock(1885434476, 1)").has_value(); }

  // Takes the lock, then runs `parley ARGUMENTS` (a worker) until it waits for the lock inside
  // its transaction; `waiting` is false when it never got there.
  std::future<RunResult> RunUntilItWaits(const std::string& arguments, bool* waiting) {
    *waiting = Take();
    std::future<RunResult> run = std::async(std::launch::async, RunParley, arguments);
    *waiting = *waiting && AwaitWaiter();
    return run;
  }

  // True once another session waits for an advisory lock; false when none does within a minute
  // (the deadline only bounds a run that never gets there).
  bool AwaitWaiter() {
    for (int attempt = 0; attempt < 3000; ++attempt) {
      if (Query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                "wait_event = 'advisory'") == "1") {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  // Ends every other session of the store, as a server restart or a network failure would, and
  // waits (up to a minute) until they are gone; true when all went.
  bool CutTheOthers() {
    return Query("SELECT coalesce(bool_and(pg_terminate_backend(pid, 60000)), true) FROM "
                 "pg_stat_activity WHERE datname = current_database() AND "
                 "pid <> pg_backend_pid()") == "t";
  }

  void Release() {
    PQfinish(conn_);
    conn_ = nullptr;
  }

 private:
  // The first value of the one row `sql` answers; none when it fails.
  std::optional<std::string> Query(const char* sql) {
    PGresult* result = PQexec(conn_, sql);
    std::optional<std::string> value;
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1) {
      value = PQgetvalue(result, 0, 0);
    }
    PQclear(result);
    return value;
  }

  PGconn* conn_;
};

struct StoreCounts {
  size_t articles = 0;
  size_t statements = 0;
  parley::QueueCounts queue;
};

StoreCounts CountsOf(const std::string& url) {
  StoreCounts counts;
  auto store = parley::OpenStore(url);
  EXPECT_TRUE(store.ok()) << store.status().message();
  if (!store.ok()) return counts;
  counts.articles = (*store)->Articles()->size();
  counts.statements = (*store)->Statements("ukraine-2025")->size();
  counts.queue = *(*store)->CountQueued();
  return counts;
}

std::string PositionsFixtures() { return std::string(PARLEY_SOURCE_DIR) + "/testdata/positions"; }

// The positions fixtures queued in `url` and drained by one undisturbed worker.
StoreCounts CleanWorkerRun(const std::string& url) {
  EXPECT_EQ(RunParley("-q --db " + url + " enqueue " + PositionsFixtures()).exit_code, 0);
  EXPECT_EQ(RunParley("-q --db " + url + " worker --scenario ukraine-2025").exit_code, 0);
  return CountsOf(url);
}

TEST_F(PostgresDatabaseTest, AWorkerWhoseConnectionIsCutMidBatchRetriesItAndEndsAsACleanRun) {
  std::string why;
  const std::string clean_url = server->NewDatabase(&why);
  ASSERT_FALSE(clean_url.empty()) << why;
  const StoreCounts clean = CleanWorkerRun(clean_url);
  ASSERT_EQ(clean.articles, 6u);

  ASSERT_EQ(RunParley("-q --db " + url + " enqueue " + PositionsFixtures()).exit_code, 0);
  // Declared before the lock: leaving the scope early releases the lock first, so the worker
  // can finish and the future's wait for it ends.
  std::future<RunResult> worker;
  WriterLockSession lock(url);
  bool waiting = false;
  worker = lock.RunUntilItWaits("-q --db " + url + " worker --scenario ukraine-2025 --claim 2",
                                &waiting);
  ASSERT_TRUE(waiting) << "the worker never waited for the writer lock";
  ASSERT_TRUE(lock.CutTheOthers());
  // The worker tries the lost transaction again on a new connection: it waits again.
  ASSERT_TRUE(lock.AwaitWaiter()) << "the worker did not try its transaction again";
  lock.Release();

  const RunResult worked = worker.get();
  EXPECT_EQ(worked.exit_code, 0) << worked.out;
  const StoreCounts counts = CountsOf(url);
  EXPECT_EQ(counts.articles, clean.articles);
  EXPECT_EQ(counts.statements, clean.statements);
  EXPECT_EQ(counts.queue.done, 6);
  EXPECT_EQ(counts.queue.waiting + counts.queue.claimed, 0);
}

TEST_F(PostgresDatabaseTest, AWorkerWhoseStoreStaysAwayStopsWithOneLineAndKeepsNoHalfBatch) {
  std::string why;
  const std::string clean_url = server->NewDatabase(&why);
  ASSERT_FALSE(clean_url.empty()) << why;
  const StoreCounts clean = CleanWorkerRun(clean_url);

  // One document stored first, so the cut batch is not the store's first.
  ASSERT_EQ(
      RunParley("-q --db " + url + " enqueue " + PositionsFixtures() + "/berlin_a.txt").exit_code,
      0);
  ASSERT_EQ(RunParley("-q --db " + url + " worker --scenario ukraine-2025").exit_code, 0);
  const StoreCounts before = CountsOf(url);
  ASSERT_EQ(RunParley("-q --db " + url + " enqueue " + PositionsFixtures()).exit_code, 0);

  const std::string database = url.substr(url.rfind('/') + 1);
  const std::string admin = url.substr(0, url.rfind('/')) + "/postgres";
  // The test server trusts every connection: the password is only there not to be shown.
  const std::string with_password = "postgresql://parley:secret@" + url.substr(url.find('@') + 1);
  std::future<RunResult> worker;
  WriterLockSession lock(url);
  bool waiting = false;
  worker = lock.RunUntilItWaits(
      "-q --db " + with_password + " worker --scenario ukraine-2025 --lease 1", &waiting);
  ASSERT_TRUE(waiting) << "the worker never waited for the writer lock";
  // The store goes and does not come back: the worker's retry cannot connect.
  ASSERT_TRUE(server->Run(admin, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false", &why))
      << why;
  ASSERT_TRUE(lock.CutTheOthers());

  const RunResult worked = worker.get();
  lock.Release();
  ASSERT_TRUE(server->Run(admin, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true", &why))
      << why;
  const std::string port = url.substr(url.rfind(':') + 1, url.rfind('/') - url.rfind(':') - 1);
  EXPECT_EQ(worked.exit_code, 3) << worked.out;
  EXPECT_EQ(worked.out, "parley: " + url + ": cannot connect: connection to server at "
                        "\"127.0.0.1\", port " + port + " failed: FATAL:  database \"" +
                        database + "\" is not currently accepting connections\n");
  const StoreCounts after_cut = CountsOf(url);
  EXPECT_EQ(after_cut.articles, before.articles);
  EXPECT_EQ(after_cut.statements, before.statements);
  EXPECT_EQ(after_cut.queue.done, before.queue.done);

  // Nothing is lost: once the cut claim's lease ends, another worker finishes the queue.
  const RunResult finished = RunParley("-q --db " + url + " worker --scenario ukraine-2025");
  EXPECT_EQ(finished.exit_code, 0) << finished.out;
  const StoreCounts counts = CountsOf(url);
  EXPECT_EQ(counts.articles, clean.articles);
  EXPECT_EQ(counts.statements, clean.statements);
  EXPECT_EQ(counts.queue.waiting + counts.queue.claimed, 0);
}

}  // namespace
