#include "parley/article.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace parley {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(PARLEY_SOURCE_DIR) + "/testdata/read/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Document MakeDocument(const std::string& path, DocumentFormat format, std::string content) {
  Document document;
  document.path = path;
  document.format = format;
  document.content = std::move(content);
  return document;
}

TEST(ExtractArticleTest, NewsPageKeepsTheStoryAndDropsTheClutter) {
  Article article = ExtractArticle(
      MakeDocument("news_page.html", DocumentFormat::kHtml, ReadFixture("news_page.html")));
  EXPECT_EQ(article.title, "Harbour talks end with draft fishing accord");
  EXPECT_EQ(article.author, "Marta Ilves and Tomas Berg");  // as the byline prints it
  EXPECT_EQ(article.date, "2024-05-06T09:30:00+02:00");
  EXPECT_EQ(article.outlet, "The Coastal Ledger");
  EXPECT_EQ(article.url, "https://ledger.example/2024/05/06/harbour-talks-draft-accord");
  EXPECT_EQ(article.lang, "en");
  EXPECT_EQ(article.text,
            "Negotiators from the two island councils agreed on Sunday night to a draft accord on "
            "fishing quotas, ending three days of talks at the old harbour office.\n\n"
            "The draft sets a joint catch limit for the northern banks and creates a small "
            "commission that will review the numbers every spring, officials said.\n\n"
            "What remains open\n\n"
            "The councils have not settled how fines will be shared, and the eastern delegation "
            "said it wants a decision on that point before any signature.\n\n"
            "We came closer than anyone expected, but the last mile is always the hardest.\n\n"
            "A joint catch limit for the northern banks.\n\n"
            "A review commission meeting every spring.\n\n"
            "A second round is planned for June & both sides said they expect to sign before the "
            "summer season.");
  EXPECT_EQ(article.id, DocumentId(article.text));
  EXPECT_TRUE(article.empty_reason.empty());
}

Article ExtractMetaFixture(const std::string& name) {
  return ExtractArticle(MakeDocument(name, DocumentFormat::kHtml, ReadFixture("meta/" + name)));
}

TEST(ExtractArticleTest, UpdatedDatelineYieldsToThePublicationMetaTag) {
  Article article = ExtractMetaFixture("updated_dateline.html");
  EXPECT_EQ(article.title, "Valley councils extend water-sharing pact");
  // "Last updated: June 10, 2024" is shown, the reservoir table holds more dates; the
  // publication date is the meta tag's.
  EXPECT_EQ(article.date, "2024-03-01T10:00:00Z");
  // The JSON-LD author is the site (an Organization) and the meta author a login handle:
  // the printed "Written by" byline names the person. The comment author is not taken.
  EXPECT_EQ(article.author, "Ana Sousa");
  EXPECT_EQ(article.outlet, "The River Post");
}

TEST(ExtractArticleTest, PrintedDatelineAndBylineWin) {
  Article article = ExtractMetaFixture("printed_dateline.html");
  EXPECT_EQ(article.title, "Port workers and operators reach wage deal");
  EXPECT_EQ(article.date, "2024-02-07");
  // JSON-LD lists both names; the byline prints them "A and B" and drops the desk name.
  EXPECT_EQ(article.author, "Lea Novak and Ivo Marin");
  EXPECT_EQ(article.outlet, "Harbour Weekly");
}

TEST(ExtractArticleTest, ScholarlyPageJoinsCitationAuthorsAndSkipsReceivedDate) {
  Article article = ExtractMetaFixture("scholarly.html");
  EXPECT_EQ(article.author, "Mira Kovac, Jonas Lind, Ada Ferreira");
  EXPECT_EQ(article.date, "2023-01-07");
}

TEST(ExtractArticleTest, AmbiguousNumericDateResolvedByMachineDate) {
  Article article = ExtractMetaFixture("numeric_dates.html");
  // "09.10.2024" read day-first is October 9; the JSON-LD date is September 10.
  EXPECT_EQ(article.date, "2024-09-10T16:07:00Z");
  EXPECT_EQ(article.author, "Tove Dahl, MD");
}

TEST(ExtractArticleTest, TextWithSiteClutterKeepsEveryArticleParagraph) {
  Article article = ExtractArticle(
      MakeDocument("clutter_page.txt", DocumentFormat::kText, ReadFixture("clutter_page.txt")));
  EXPECT_EQ(article.title, "Harbour councils agree draft fishing accord after three days of talks");
  EXPECT_EQ(article.date, "2025-03-03T14:05+05:30");
  EXPECT_EQ(article.author, "Tidewatch Region Desk");
  EXPECT_EQ(article.outlet, "Tidewatch");
  EXPECT_EQ(article.text,
            "The two island councils reached a draft accord on fishing quotas late on Sunday, but "
            "the sharing of fines is still open.\n\n"
            "Quotas set for the northern banks\n\n"
            "Negotiators from the two island councils agreed on Sunday night to a draft accord on "
            "fishing quotas, ending three days of talks at the old harbour office.\n\n"
            "The draft sets a joint catch limit for the northern banks and creates a small "
            "commission that will review the numbers every spring, officials said.\n\n"
            "Fines Remain the Sticking Point\n\n"
            "The councils have not settled how fines will be shared, and the eastern delegation "
            "said it wants a decision on that point before any signature.\n\n"
            "\"We came closer than anyone expected, but the last mile is always the hardest,\" the "
            "eastern delegate told reporters.");
}

TEST(ExtractArticleTest, BrokenMarkupStillYieldsTheParagraphs) {
  Article article = ExtractArticle(
      MakeDocument("broken.html", DocumentFormat::kHtml, ReadFixture("broken.html")));
  EXPECT_EQ(article.title, "Unclosed & broken");
  EXPECT_EQ(article.text,
            "The first paragraph of this broken page has no closing tag and runs on into the next "
            "one, which is fine.\n\n"
            "The second paragraph opens inside the first, so the parser must close the first one "
            "on its own here.\n\n"
            "bold text that never closes and italics too\n\n"
            "A third paragraph after unclosed inline tags still belongs to the story and should "
            "be kept.\n\n"
            "cell one\n\ncell two");
}

TEST(ExtractArticleTest, ScriptOnlyPageIsEmptyWithAReason) {
  std::string html = ReadFixture("script_only.html");
  Article article = ExtractArticle(MakeDocument("script_only.html", DocumentFormat::kHtml, html));
  EXPECT_EQ(article.text, "");
  EXPECT_EQ(article.empty_reason, "no article content found");
  EXPECT_EQ(article.id, DocumentId(html));  // falls back to the raw content
  EXPECT_EQ(article.lang, "un");
}

TEST(ExtractArticleTest, ContainerMetadataWins) {
  Document document = MakeDocument("feed.jsonl", DocumentFormat::kText,
                                   "Short Headline Line Here\n\nThe councils met again today and "
                                   "agreed to keep talking next week.");
  document.line = 3;
  document.title = "Given title";
  document.date = "2024-01-02";
  document.outlet = "Given outlet";
  Article article = ExtractArticle(document);
  EXPECT_EQ(article.title, "Given title");
  EXPECT_EQ(article.date, "2024-01-02");
  EXPECT_EQ(article.outlet, "Given outlet");
  EXPECT_EQ(article.locator, "feed.jsonl:3");
}

TEST(ExtractArticleTest, DeepNestingDoesNotCrash) {
  std::string html;
  for (int i = 0; i < 10000; ++i) html += "<div>";
  html += "<p>Deep inside ten thousand divs there is still one sentence of text to find here.</p>";
  Article article = ExtractArticle(MakeDocument("deep.html", DocumentFormat::kHtml, html));
  EXPECT_EQ(article.text,
            "Deep inside ten thousand divs there is still one sentence of text to find here.");
}

TEST(ExtractArticleTest, JsonLdBodyReplacesAThinExtraction) {
  std::string body;
  for (int i = 0; i < 12; ++i) body += "The delegates met again and talked about quotas. ";
  std::string html =
      "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
      "\"articleBody\": \"" +
      body +
      "\"}</script></head><body><div id=\"app\">"
      "<p>Loading the story for you now, please wait a moment.</p></div></body></html>";
  Article article = ExtractArticle(MakeDocument("app.html", DocumentFormat::kHtml, html));
  EXPECT_EQ(article.text, body.substr(0, body.size() - 1));
}

}  // namespace
}  // namespace parley
