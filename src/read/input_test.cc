// Tests of the input layer: every format, every kind of bad input, charset handling.
// Fixtures are written into a fresh temporary folder by each test.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gzip_fixture.h"
#include "input_charset.h"
#include "input_source.h"
#include "parley/read.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

using parley::testing::Gzip;

std::string WarcResponse(const std::string& url, const std::string& html,
                         const std::string& content_type = "text/html; charset=UTF-8") {
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: " + content_type + "\r\n\r\n" + html;
  return "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + url +
         "\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
         std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
}

std::string WarcRequest() {
  std::string body = "GET / HTTP/1.1\r\nHost: example.org\r\n\r\n";
  return "WARC/1.0\r\nWARC-Type: request\r\nContent-Type: application/http; msgtype=request\r\n"
         "Content-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body + "\r\n\r\n";
}

class InputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("parley-input-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  void Read(const std::string& path, InputOptions options = {}) {
    ReadInputFile(
        path, options, [&](Document&& d) { documents_.push_back(std::move(d)); },
        [&](const InputError& e) { errors_.push_back(e.Message()); });
  }

  fs::path dir_;
  std::vector<Document> documents_;
  std::vector<std::string> errors_;
};

TEST_F(InputTest, HtmlFileIsOneHtmlDocument) {
  std::string path = Write("a.html", "<html><body><p>Talks resume in Geneva.</p></body></html>");
  Read(path);
  ASSERT_EQ(documents_.size(), 1u);
  EXPECT_TRUE(errors_.empty());
  EXPECT_EQ(documents_[0].format, DocumentFormat::kHtml);
  EXPECT_EQ(documents_[0].path, path);
  EXPECT_EQ(documents_[0].Locator(), path);
}

TEST_F(InputTest, GzippedHtmlIsGunzipped) {
  std::string html = "<html><body><p>Envoys met in Abu Dhabi on Tuesday.</p></body></html>";
  Read(Write("b.html.gz", Gzip(html)));
  ASSERT_EQ(documents_.size(), 1u);
  EXPECT_EQ(documents_[0].content, html);
}

TEST_F(InputTest, TruncatedGzipIsReportedAndNothingEmitted) {
  std::string compressed = Gzip(std::string(5000, 'x') + "<p>the rest</p>");
  std::string path = Write("c.html.gz", compressed.substr(0, compressed.size() / 2));
  Read(path);
  EXPECT_TRUE(documents_.empty());
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0], path + ": truncated gzip stream");
}

TEST_F(InputTest, MultiMemberGzippedPageIsOneDocument) {
  Read(Write("m.html.gz", Gzip("<html><body><p>First half, ") + Gzip("second half.</p></body></html>")));
  ASSERT_EQ(documents_.size(), 1u);
  EXPECT_EQ(documents_[0].content, "<html><body><p>First half, second half.</p></body></html>");
}

TEST(GunzipWholeTest, GrowsPastTheLastMemberSizeAndStopsAtTheLimit) {
  // The trailer of the last member says 1 byte; the first member holds 300,000.
  std::string text(300000, 'q');
  std::string compressed = Gzip(text) + Gzip("!");
  std::optional<std::string> whole = input::GunzipWhole(compressed, 1 << 20);
  ASSERT_TRUE(whole.has_value());
  EXPECT_EQ(*whole, text + "!");
  EXPECT_FALSE(input::GunzipWhole(compressed, 300000).has_value());
}

TEST(GunzipWholeTest, TruncatedOrLyingDataIsLeftToTheStreamingReader) {
  std::string compressed = Gzip("Talks resumed in Geneva on Sunday. " + std::string(4000, '-'));
  EXPECT_FALSE(input::GunzipWhole(compressed.substr(0, compressed.size() / 2), 1 << 20));
  compressed.replace(compressed.size() - 4, 4, std::string("\x0A\0\0\0", 4));  // wrong size
  EXPECT_FALSE(input::GunzipWhole(compressed, 1 << 20).has_value());
}

TEST_F(InputTest, TextAndMarkdownAreTextDocuments) {
  Read(Write("d.txt", "Kyiv said on Monday it would not cede land.\n"));
  Read(Write("e.md", "# Talks\n\nThe envoy arrived late.\n"));
  ASSERT_EQ(documents_.size(), 2u);
  EXPECT_EQ(documents_[0].format, DocumentFormat::kText);
  EXPECT_EQ(documents_[1].format, DocumentFormat::kText);
}

TEST_F(InputTest, JsonlEmitsGoodLinesAndReportsBadOnes) {
  std::string path = Write("f.jsonl",
                           "{\"id\":\"a1\",\"text\":\"First report.\",\"url\":\"https://x.test/1\","
                           "\"date\":\"2025-12-15\",\"title\":\"One\",\"outlet\":\"Wire\"}\n"
                           "{\"id\":\"a2\",\"text\": \n"
                           "\n"
                           "{\"id\":\"a3\",\"html\":\"<p>Third</p>\"}\n"
                           "{\"id\":\"a4\",\"body\":\"no text field\"}\n"
                           "[1,2]\n");
  Read(path);
  ASSERT_EQ(documents_.size(), 2u);
  EXPECT_EQ(documents_[0].given_id, "a1");
  EXPECT_EQ(documents_[0].url, "https://x.test/1");
  EXPECT_EQ(documents_[0].date, "2025-12-15");
  EXPECT_EQ(documents_[0].title, "One");
  EXPECT_EQ(documents_[0].outlet, "Wire");
  EXPECT_EQ(documents_[0].line, 1u);
  EXPECT_EQ(documents_[0].Locator(), path + ":1");
  EXPECT_EQ(documents_[1].format, DocumentFormat::kHtml);
  EXPECT_EQ(documents_[1].line, 4u);
  ASSERT_EQ(errors_.size(), 3u);
  EXPECT_EQ(errors_[0].rfind(path + ":2: invalid JSON", 0), 0u) << errors_[0];
  EXPECT_EQ(errors_[1], path + ":5: expected a string field \"text\" or \"html\"");
  EXPECT_EQ(errors_[2], path + ":6: expected a JSON object");
}

TEST_F(InputTest, JsonlNumberOutOfRangeIsAnErrorNotACrash) {
  std::string path = Write("n.jsonl", "{\"id\":1e99999,\"text\":\"x\"}\n");
  Read(path);
  EXPECT_TRUE(documents_.empty());
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].rfind(path + ":1: invalid JSON: ", 0), 0u) << errors_[0];
}

TEST_F(InputTest, WarcKeepsHtmlResponsesOnly) {
  std::string warc = WarcRequest() + WarcResponse("https://news.test/a", "<p>Alpha</p>") +
                     WarcResponse("https://news.test/logo.png", "PNG", "image/png") +
                     WarcResponse("https://news.test/b", "<p>Beta</p>");
  std::string path = Write("g.warc", warc);
  Read(path);
  EXPECT_TRUE(errors_.empty()) << errors_[0];
  ASSERT_EQ(documents_.size(), 2u);
  EXPECT_EQ(documents_[0].url, "https://news.test/a");
  EXPECT_EQ(documents_[0].content, "<p>Alpha</p>");
  EXPECT_EQ(documents_[1].url, "https://news.test/b");
  EXPECT_EQ(static_cast<size_t>(documents_[0].offset), WarcRequest().size());
}

TEST_F(InputTest, MultiMemberWarcGzIsOneStream) {
  std::string a = WarcResponse("https://news.test/a", "<p>Alpha</p>");
  std::string b = WarcResponse("https://news.test/b", "<p>Beta</p>");
  Read(Write("h.warc.gz", Gzip(a) + Gzip(b)));
  EXPECT_TRUE(errors_.empty());
  ASSERT_EQ(documents_.size(), 2u);
  EXPECT_EQ(documents_[1].offset, static_cast<int64_t>(a.size()));
}

TEST_F(InputTest, TruncatedWarcKeepsEarlierRecords) {
  std::string a = WarcResponse("https://news.test/a", "<p>Alpha</p>");
  std::string b = WarcResponse("https://news.test/b", std::string(400, 'b'));
  std::string path = Write("i.warc", a + b.substr(0, b.size() - 200));
  Read(path);
  ASSERT_EQ(documents_.size(), 1u);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].rfind(
                path + "@" + std::to_string(a.size()) + ": truncated WARC record: expected ", 0),
            0u)
      << errors_[0];
}

TEST_F(InputTest, EmptyBinaryAndWhiteSpaceFilesAreReported) {
  std::string empty = Write("empty.txt", "");
  std::string binary = Write("blob.html", std::string("\x7F"
                                                      "ELF\x02\x01\x01\0\0\0",
                                                      10));
  std::string blank = Write("blank.txt", " \n\n\t ");
  Read(empty);
  Read(binary);
  Read(blank);
  EXPECT_TRUE(documents_.empty());
  ASSERT_EQ(errors_.size(), 3u);
  EXPECT_EQ(errors_[0], empty + ": empty file");
  EXPECT_EQ(errors_[1], binary + ": binary file (ELF executable)");
  EXPECT_EQ(errors_[2], blank + ": no text: the file holds only white space");
}

TEST_F(InputTest, FileOverMaxBytesIsRefusedUnread) {
  std::string path = Write("big.txt", std::string(2000, 'a'));
  InputOptions options;
  options.max_bytes = 1000;
  Read(path, options);
  EXPECT_TRUE(documents_.empty());
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0], path + ": file of 2000 bytes is over --max-bytes 1000");
}

TEST_F(InputTest, GzipBombOverMaxBytesIsRefused) {
  std::string path = Write("bomb.txt.gz", Gzip(std::string(100000, 'a')));
  InputOptions options;
  options.max_bytes = 1000;
  Read(path, options);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0], path + ": over --max-bytes 1000 once decompressed");
}

TEST_F(InputTest, UndeclaredLatin1PageIsConvertedToUtf8) {
  // "Außenminister Wadephul sprach in Brüssel" in ISO-8859-1, with no charset anywhere.
  std::string latin1 =
      "<html><body><p>Au\xDF"
      "enminister Wadephul sprach in Br\xFC"
      "ssel \xFC"
      "ber die "
      "Verhandlungen mit gro\xDF"
      "er Sorge.</p></body></html>";
  Read(Write("latin1.html", latin1));
  ASSERT_EQ(documents_.size(), 1u);
  EXPECT_NE(documents_[0].content.find("Au\xC3\x9F"
                                       "enminister"),
            std::string::npos);
  EXPECT_NE(documents_[0].content.find("Br\xC3\xBC"
                                       "ssel"),
            std::string::npos);
}

TEST_F(InputTest, MetaCharsetIsHonoured) {
  std::string html =
      "<html><head><meta charset=\"windows-1251\"></head><body><p>\xCA\xE8\xE5\xE2"
      "</p></body></html>";
  Read(Write("cyr.html", html));
  ASSERT_EQ(documents_.size(), 1u);
  EXPECT_EQ(documents_[0].charset, "windows-1251");
  EXPECT_NE(documents_[0].content.find("\xD0\x9A\xD0\xB8\xD0\xB5\xD0\xB2"), std::string::npos);
}

TEST_F(InputTest, DirectoriesAreWalkedRecursivelyInOrderAndMissingPathsReported) {
  Write("dir/b.txt", "second");
  Write("dir/a.txt", "first");
  Write("dir/sub/c.txt", "third");
  Write("dir/.hidden.txt", "skipped");
  std::vector<std::string> errors;
  auto files = ExpandInputPaths({(dir_ / "dir").string(), (dir_ / "missing").string()},
                                [&](const InputError& e) { errors.push_back(e.Message()); });
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(fs::path(files[0]).filename(), "a.txt");
  EXPECT_EQ(fs::path(files[1]).filename(), "b.txt");
  EXPECT_EQ(fs::path(files[2]).filename(), "c.txt");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], (dir_ / "missing").string() + ": no such file or directory");
}

TEST(CharsetTest, InvalidUtf8BytesBecomeReplacementCharacters) {
  EXPECT_EQ(input::RepairUtf8("ok\xC3(ok"), "ok\xEF\xBF\xBD(ok");
  EXPECT_EQ(input::RepairUtf8("\xF0\x9F\x98"), "\xEF\xBF\xBD");
  EXPECT_TRUE(input::IsValidUtf8("Zelensky \xE2\x80\x94 Kyiv"));
  EXPECT_FALSE(input::IsValidUtf8("\xED\xA0\x80"));  // a UTF-16 surrogate
}

TEST(CharsetTest, ValidUtf8DeclaredAsLatin1IsKeptAsUtf8) {
  auto decoded = input::DecodeToUtf8("Br\xC3\xBCssel", "iso-8859-1", false);
  EXPECT_EQ(decoded.charset, "UTF-8");
  EXPECT_EQ(decoded.utf8, "Br\xC3\xBCssel");
}

TEST(CharsetTest, UnknownDeclaredCharsetFallsBackToSniffing) {
  auto decoded = input::DecodeToUtf8("caf\xE9 au lait", "x-no-such-charset", false);
  EXPECT_TRUE(input::IsValidUtf8(decoded.utf8));
  EXPECT_NE(decoded.utf8.find("caf"), std::string::npos);
}

TEST(DocumentIdTest, WhiteSpaceIsFoldedBeforeHashing) {
  EXPECT_EQ(DocumentId("Talks  in\n\nBerlin "), DocumentId("Talks in Berlin"));
  EXPECT_EQ(DocumentId("Talks\xC2\xA0in Berlin"), DocumentId("Talks in Berlin"));
  EXPECT_NE(DocumentId("Talks in Berlin"), DocumentId("Talks in Geneva"));
  EXPECT_EQ(DocumentId("x").size(), 16u);
}

}  // namespace
}  // namespace parley
