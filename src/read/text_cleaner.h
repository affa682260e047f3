// Line- and block-level cleaning of articles that arrive as plain text (pasted pages, .txt,
// .md, JSONL "text"): site clutter lines are dropped, title, date, author and outlet are read
// from what the text shows.
#pragma once

#include <string>
#include <string_view>

namespace parley {

struct CleanedText {
  std::string title;
  std::string author;
  std::string date;    // ISO 8601
  std::string outlet;  // the site name when the clutter names it repeatedly
  std::string text;    // kept lines, one paragraph each, separated by a blank line
};

// Drops: contents headers, "Suggested Reads"-style headline lists, promotion lines, breadcrumb
// lines that repeat the title, date and "first published" lines, desk/byline lines, newsletter
// blocks and site notices. See docs/reader.md for the rules.
CleanedText CleanText(std::string_view text);

}  // namespace parley
