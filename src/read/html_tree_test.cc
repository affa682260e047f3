#include "html_tree.h"

#include <gtest/gtest.h>

#include <string>

namespace parley::html {
namespace {

// Renders the tree as "tag(children)" for compact exact assertions; text as 'text'.
std::string Dump(const Tree& tree, uint32_t index = 0) {
  const Node& node = tree.node(index);
  std::string out;
  if (node.tag == Tag::kText) return "'" + std::string(tree.Text(index)) + "'";
  if (index != 0) out = std::to_string(static_cast<int>(node.tag));
  out += "(";
  for (uint32_t child = node.first_child; child != kNone; child = tree.node(child).next_sibling) {
    if (child != node.first_child) out += " ";
    out += Dump(tree, child);
  }
  return out + ")";
}

TEST(HtmlTreeTest, ImpliedEndTagsCloseParagraphsAndItems) {
  Tree tree = Tree::Parse("<p>one<p>two<ul><li>a<li>b</ul>");
  int p = static_cast<int>(Tag::kP), ul = static_cast<int>(Tag::kUl),
      li = static_cast<int>(Tag::kLi);
  std::string expected = "(" + std::to_string(p) + "('one') " + std::to_string(p) + "('two') " +
                         std::to_string(ul) + "(" + std::to_string(li) + "('a') " +
                         std::to_string(li) + "('b')))";
  EXPECT_EQ(Dump(tree), expected);
}

TEST(HtmlTreeTest, DecodesEntitiesInTextAndAttributes) {
  Tree tree =
      Tree::Parse("<a class=\"x&amp;y\">caf&eacute; &#x2019;s &#8212; &bogus; &lt;b&gt;</a>");
  ASSERT_EQ(tree.nodes().size(), 3u);
  EXPECT_EQ(tree.Attr(1, "class"), "x&y");
  EXPECT_EQ(tree.Text(2), "caf\xC3\xA9 \xE2\x80\x99s \xE2\x80\x94 &bogus; <b>");
}

TEST(HtmlTreeTest, RawTextElementsKeepMarkupAsText) {
  // A script ends at "</script" only, in any case: "<" and "</div>" inside are text.
  Tree tree = Tree::Parse("<script>if (a < b) { x = '</div>'; }</SCRIPT ><p>after</p>");
  ASSERT_EQ(tree.node(1).tag, Tag::kScript);
  EXPECT_EQ(tree.Text(1), "if (a < b) { x = '</div>'; }");
  EXPECT_EQ(tree.node(2).tag, Tag::kP);
  // <title> is RCDATA: entities are decoded, tags are not.
  Tree title = Tree::Parse("<title>A &amp; <b>B</b></title>");
  EXPECT_EQ(title.Text(1), "A & <b>B</b>");
}

TEST(HtmlTreeTest, RawTextEndsAtItsOwnEndTagAfterAttributes) {
  // The attribute names read inside the start tag must not stand in for the element's name.
  Tree tree = Tree::Parse("<script type=\"x\" data-long-attribute-name=1>a</b></script><p>b</p>");
  ASSERT_EQ(tree.node(1).tag, Tag::kScript);
  EXPECT_EQ(tree.Text(1), "a</b>");
  EXPECT_EQ(tree.node(2).tag, Tag::kP);
}

TEST(HtmlTreeTest, LongNamesAreUnknownAndNotKept) {
  Tree tree = Tree::Parse("<blockquotes class-name-too-long=1 class=c>x</blockquotes>");
  EXPECT_EQ(tree.node(1).tag, Tag::kUnknown);
  EXPECT_EQ(tree.node(1).attribute_count, 1u);
  EXPECT_EQ(tree.Attr(1, "class"), "c");
}

TEST(HtmlTreeTest, EndTagClosesAnUnclosedButton) {
  // "<button/>" is not self-closing in HTML5; the </div> closes it with the div.
  Tree tree = Tree::Parse("<div><button class=b/></div><p>after</p>");
  ASSERT_EQ(tree.node(3).tag, Tag::kP);
  EXPECT_EQ(tree.node(3).parent, 0u);
}

TEST(HtmlTreeTest, VoidElementsHaveNoChildren) {
  Tree tree = Tree::Parse("<p>a<br>b<img src=x>c</p>");
  EXPECT_EQ(tree.node(1).tag, Tag::kP);
  EXPECT_EQ(tree.node(3).tag, Tag::kBr);
  EXPECT_EQ(tree.node(3).first_child, kNone);
  EXPECT_EQ(tree.node(4).parent, 1u);
}

TEST(HtmlTreeTest, UnkeptAttributesAreDropped) {
  Tree tree = Tree::Parse("<div data-x=\"1\" id=main onclick=\"go()\" CLASS='Story'></div>");
  EXPECT_EQ(tree.node(1).attribute_count, 2u);
  EXPECT_EQ(tree.Attr(1, "id"), "main");
  EXPECT_EQ(tree.Attr(1, "class"), "Story");
  EXPECT_EQ(tree.Attr(1, "data-x"), "");
}

TEST(HtmlTreeTest, DepthIsCapped) {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<div>";
  Tree tree = Tree::Parse(html, {.max_depth = 100});
  uint32_t deepest = static_cast<uint32_t>(tree.nodes().size() - 1);
  int depth = 0;
  for (uint32_t i = deepest; i != 0; i = tree.node(i).parent) ++depth;
  EXPECT_EQ(depth, 100);
  EXPECT_FALSE(tree.truncated());
}

TEST(HtmlTreeTest, NodeLimitStopsParsing) {
  std::string html;
  for (int i = 0; i < 1000; ++i) html += "<div></div>";
  Tree tree = Tree::Parse(html, {.max_depth = 256, .max_nodes = 100});
  EXPECT_EQ(tree.nodes().size(), 100u);
  EXPECT_TRUE(tree.truncated());
}

TEST(HtmlTreeTest, RepeatedBodyMergesAndEndBodyIsIgnored) {
  Tree tree = Tree::Parse(
      "<html><head><title>t</title></head><body><p>a</p></body><body>"
      "<p>b</p></html><p>c</p>");
  int paragraphs_in_body = 0;
  for (uint32_t i = 0; i < tree.nodes().size(); ++i) {
    if (tree.node(i).tag == Tag::kP && tree.node(tree.node(i).parent).tag == Tag::kBody) {
      ++paragraphs_in_body;
    }
  }
  EXPECT_EQ(paragraphs_in_body, 3);
}

TEST(HtmlTreeTest, UnterminatedConstructsEndAtEndOfInput) {
  for (const char* html : {"<p>text <!-- open comment", "<div class=\"open", "<script>x", "<", "</",
                           "<!", "a&#", "&#x110000;"}) {
    Tree tree = Tree::Parse(html);
    EXPECT_GE(tree.nodes().size(), 1u) << html;
  }
}

}  // namespace
}  // namespace parley::html
