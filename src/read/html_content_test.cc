#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "html_extract.h"
#include "html_tree.h"

namespace parley::html {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(PARLEY_SOURCE_DIR) + "/testdata/read/html/" + name,
                   std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> Paragraphs(const std::string& html, std::string_view title = "") {
  Tree tree = Tree::Parse(html);
  return ExtractContent(tree, title).paragraphs;
}

TEST(HtmlContentTest, OneParagraphFragmentIsReturned) {
  // Too short to score as a block, but it is all the document has.
  EXPECT_EQ(Paragraphs("<p>one paragraph</p>"), std::vector<std::string>{"one paragraph"});
}

TEST(HtmlContentTest, ScriptOnlyFragmentHasNoContent) {
  EXPECT_TRUE(Paragraphs("<script>var a = 1;</script><nav><a href=/>Home</a></nav>").empty());
}

TEST(HtmlContentTest, ArticleInsideAnUnclosedAsideIsKept) {
  std::vector<std::string> expected = {
      "The harbour board voted on Tuesday to add two evening crossings to the island ferry, "
      "starting in March.",
      "Board chair Lena Ortiz said the change answers a petition signed by more than four "
      "hundred residents, many of whom commute to the mainland.",
      "The operator will hire six extra crew members, and fares will stay at their current "
      "level until the end of the year."};
  EXPECT_EQ(
      Paragraphs(ReadFixture("unclosed_aside.html"), "Harbour board approves new ferry timetable"),
      expected);
}

TEST(HtmlContentTest, FurnitureClassesAndPromptsAreDroppedEmbedsKept) {
  // "article-related" is dropped although "article" is a positive word; a compound class
  // ("relatedpoststitle") is recognised; the embedded post inside "social-media-embed" stays;
  // the newsletter prompt goes.
  std::vector<std::string> expected = {
      "The central library will stay open until eight on Saturdays from next month, the city "
      "council announced on Friday.",
      "Council member Arjun Mehta said the longer hours follow a survey in which students asked "
      "for more quiet study space before exams.",
      "Finally, a place to study on Saturday evenings! Thank you, council.",
      "The extra hours will cost about forty thousand a year, paid from the existing culture "
      "budget."};
  EXPECT_EQ(Paragraphs(ReadFixture("furniture_classes.html"), "Library extends weekend hours"),
            expected);
}

TEST(HtmlContentTest, CompoundClassWordMarksBoilerplate) {
  std::string html =
      "<div><p>The bridge reopened on Monday after a month of repairs, the transport office "
      "said, and traffic moved freely by noon.</p>"
      "<p class=\"newscaption\">Workers on the bridge deck in May, before the repairs ended.</p>"
      "<p>Drivers had used a detour through the old town, which added twenty minutes to most "
      "trips across the river.</p></div>";
  std::vector<std::string> expected = {
      "The bridge reopened on Monday after a month of repairs, the transport office said, and "
      "traffic moved freely by noon.",
      "Drivers had used a detour through the old town, which added twenty minutes to most trips "
      "across the river."};
  EXPECT_EQ(Paragraphs(html), expected);
}

TEST(HtmlContentTest, TextWrittenStraightIntoADivBeatsAShortFooter) {
  // The article is bare text in a <div> beside a link-heavy archive column; the footer's
  // address block is shorter. The div scores as if its text were a paragraph inside it.
  std::string html =
      "<div class=row><div class=col><ul><li><a href=/a>May (5)</a></li><li><a href=/b>June "
      "(7)</a></li><li><a href=/c>July (3)</a></li></ul></div>"
      "<div class=col><img src=x.jpg>The water office said on Friday that the reservoir is "
      "back above half of its capacity, after three weeks of steady rain, and that the limits "
      "on garden watering end on Monday.<br><br></div></div>"
      "<div class=foot><div>Town hall, 1 Market Street, open weekdays from 8 to 4</div></div>";
  EXPECT_EQ(Paragraphs(html),
            std::vector<std::string>{
                "The water office said on Friday that the reservoir is back above half of its "
                "capacity, after three weeks of steady rain, and that the limits on garden "
                "watering end on Monday."});
}

TEST(HtmlContentTest, DateStampLinesAreDroppedDatedSentencesKept) {
  std::string html =
      "<div><p>Jan 13, 2025</p><p>The museum reopens its east wing on March 3, 2025, after a "
      "year of repairs to the roof and the heating.</p><p>Visitors will pay the same fee as "
      "before, and school groups still enter free of charge on weekdays.</p>"
      "<p>Reopening set for March 3, 2025.</p></div>";
  std::vector<std::string> expected = {
      "The museum reopens its east wing on March 3, 2025, after a year of repairs to the roof "
      "and the heating.",
      "Visitors will pay the same fee as before, and school groups still enter free of charge "
      "on weekdays.",
      "Reopening set for March 3, 2025."};
  EXPECT_EQ(Paragraphs(html), expected);
}

TEST(HtmlContentTest, TableInAFigureAndCodeCommentsAreKept) {
  // WordPress wraps tables in <figure>; highlighters mark code comments with class "comment".
  std::string html =
      "<article><p>The council published the new bus fares on Tuesday, and most single tickets "
      "rise by ten cents from the first of May.</p>"
      "<figure class=wp-block-table><table><tr><td>Single</td><td>2.10</td></tr></table>"
      "</figure><pre><code><span class=hljs-comment># fares.csv</span></code></pre>"
      "<p>Monthly passes keep their price, the transport office said in its statement.</p>"
      "</article>";
  std::vector<std::string> expected = {
      "The council published the new bus fares on Tuesday, and most single tickets rise by ten "
      "cents from the first of May.",
      "Single", "2.10", "# fares.csv",
      "Monthly passes keep their price, the transport office said in its statement."};
  EXPECT_EQ(Paragraphs(html), expected);
}

TEST(HtmlContentTest, HiddenChunksHoldingTheArticleAreNotDropped) {
  // Streamed pages ship the article in hidden chunks, one per paragraph, moved into place by
  // script. No chunk holds half of the prose alone, so the per-element guard would drop them
  // all; together they hold all of it, so hiding is no reason to drop. (Only the best chunk
  // is rendered: joining the other chunks is a known gap.)
  std::string html =
      "<div class=body><div>Loading paragraph...</div><div>Loading paragraph...</div></div>"
      "<div hidden id=\"S:0\"><p>The ferry company will add a night crossing on Fridays, from "
      "June, its director told the harbour board, on Wednesday evening.</p></div>"
      "<div hidden id=\"S:1\"><p>Tickets for the new crossing go on sale next week at the usual "
      "price from the office on the quay.</p></div>"
      "<div hidden id=\"S:2\"><p>The board will review the timetable again in the autumn after "
      "counting the passengers on each crossing.</p></div>";
  EXPECT_EQ(Paragraphs(html),
            std::vector<std::string>{
                "The ferry company will add a night crossing on Fridays, from June, its director "
                "told the harbour board, on Wednesday evening."});
}

}  // namespace
}  // namespace parley::html
