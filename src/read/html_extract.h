// HTML article extraction on a parsed Tree: main content (html_content.cc) and metadata
// (html_metadata.cc). Internal to the read stage; the public entry is ExtractArticle().
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "html_tree.h"

namespace parley::html {

// The main content as paragraphs of plain text, white space collapsed.
struct Content {
  std::vector<std::string> paragraphs;
  // Bylines seen in or near the content ("By Jane Doe"), for the metadata merge.
  std::string byline;
};

// Picks the article container by block scoring (text density, link density, class/id hints,
// paragraph structure) and renders it, leaving out boilerplate blocks. `title` (if known) is
// dropped when the body repeats it as a heading.
Content ExtractContent(const Tree& tree, std::string_view title);

struct Metadata {
  std::string title;
  std::string author;
  std::string date;  // ISO 8601
  std::string outlet;
  std::string url;           // canonical or og:url
  std::string json_ld_body;  // schema.org articleBody, when the page has one
};

// Merges JSON-LD, OpenGraph/meta tags, <time>, <title>/<h1>, and the URL, in that order of
// reliability. `page_url` is the URL the document came from (may be empty).
Metadata ExtractMetadata(const Tree& tree, std::string_view page_url);

// White space runs (including U+00A0) folded to one space, ends trimmed.
std::string CollapseWhitespace(std::string_view text);

}  // namespace parley::html
