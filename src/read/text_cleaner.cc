// Text cleaning works on lines because pasted pages keep one block per line: a paragraph, a
// heading, or a piece of site furniture. Each line is classified once; list headers
// ("Suggested Reads:") and newsletter blocks also swallow the lines that belong to them.
#include "text_cleaner.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dates.h"
#include "parley/language.h"
#include "parley/text_util.h"

namespace parley {
namespace {

// The reader runs before the article's language is known: it reads English word sets
// (data/lang/en).
const WordList& EnglishWords(std::string_view kind) {
  return DefaultLanguages().English().Words(kind);
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// A line without white space around it: space, tab, CR, FF, and U+00A0 used as indentation.
std::string_view Trim(std::string_view text) {
  constexpr std::string_view kSpaces = " \t\r\f";
  text = TrimLeft(text, kSpaces);
  while (StartsWith(text, "\xC2\xA0")) text.remove_prefix(2);
  return TrimRight(text, kSpaces);
}

// Words of one line.
int CountWords(std::string_view text) { return static_cast<int>(parley::CountWords(text, " \t")); }

bool EndsSentence(std::string_view text) {
  if (text.empty()) return false;
  char last = text.back();
  return last == '.' || last == '!' || last == '?' || last == '"' || last == ')' ||
         EndsWith(text, "\xE2\x80\x9D") || EndsWith(text, "\xE2\x80\x99");
}

// A paragraph of running text, as opposed to a heading or a headline.
bool IsProse(std::string_view line) {
  return CountWords(line) >= 18 || (CountWords(line) >= 8 && EndsSentence(line));
}

// A headline or heading: short, no closing full stop.
bool IsHeadlineLike(std::string_view line) {
  int words = CountWords(line);
  return words >= 1 && words <= 18 && !EndsSentence(line);
}

// Headers that introduce a list of other stories: the header and the headlines go.
bool IsListHeader(const std::string& lower) {
  static const WordList& kHeaders = EnglishWords("list_headers");
  std::string_view text = lower;
  while (!text.empty() && (text.back() == ':' || text.back() == ' ')) text.remove_suffix(1);
  for (std::string_view header : kHeaders) {
    if (text == header) return true;
  }
  return false;
}

bool IsNewsletterHeader(const std::string& lower) {
  return lower.size() < 90 && (lower.find("newsletter") != std::string::npos ||
                               StartsWith(lower, "subscribe to") || StartsWith(lower, "sign up"));
}

// Whole lines of site furniture, matched on their lower-case start.
bool IsClutterLine(const std::string& lower) {
  static const WordList& kExact = EnglishWords("clutter_lines");
  for (std::string_view exact : kExact) {
    if (lower == exact) return true;
  }
  static const WordList& kPrefixes = EnglishWords("clutter_prefixes");
  for (std::string_view prefix : kPrefixes) {
    if (StartsWith(lower, prefix)) return true;
  }
  return false;
}

// Short promotion lines: "Black Friday Sale", "Moneycontrol PRO", "Premium".
bool IsPromoLine(std::string_view line, const std::string& lower) {
  if (CountWords(line) > 4) return false;
  static const WordList& kEndings = EnglishWords("promo_endings");
  for (std::string_view ending : kEndings) {
    if (EndsWith(lower, ending)) return true;
  }
  return lower == "premium" || lower == "sale" || lower == "subscribe";
}

// "By Jane Doe", "Moneycontrol World Desk", "Reuters Staff": returns the name, or "".
std::string BylineName(std::string_view line) {
  int words = CountWords(line);
  if (words < 2 || words > 7 || EndsSentence(line)) return "";
  std::string lower = Lower(line);
  if (StartsWith(lower, "by ")) return std::string(Trim(line.substr(3)));
  static const WordList& kDeskEndings = EnglishWords("byline_desk_endings");
  for (std::string_view ending : kDeskEndings) {
    if (EndsWith(lower, ending)) return std::string(line);
  }
  return "";
}

bool IsIndented(std::string_view raw) {
  return !raw.empty() && (raw[0] == ' ' || raw[0] == '\t' || StartsWith(raw, "\xC2\xA0"));
}

bool IsBullet(std::string_view line) {
  return StartsWith(line, "\xE2\x80\xA2") || StartsWith(line, "* ") || StartsWith(line, "- ");
}

struct Line {
  std::string_view raw;
  std::string_view text;  // trimmed
  std::string lower;
  bool keep = true;
};

class TextCleaner {
 public:
  explicit TextCleaner(std::string_view text) {
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      Line line;
      line.raw = text.substr(start, end - start);
      line.text = Trim(line.raw);
      line.lower = Lower(line.text);
      lines_.push_back(std::move(line));
      start = end + 1;
    }
  }

  CleanedText Run() {
    DropMarkedLines();
    DropListRuns();
    DropNewsletterBlocks();
    DropBreadcrumbs();
    TakeTitle();
    CleanedText result;
    result.title = title_;
    result.author = author_;
    result.date = !header_date_.empty() ? header_date_ : footer_date_;
    for (const Line& line : lines_) {
      if (!line.keep || line.text.empty()) continue;
      if (!result.text.empty()) result.text += "\n\n";
      result.text += line.text;
    }
    result.outlet = GuessOutlet(result.text);
    if (result.date.empty()) result.date = FindDateInText(FirstParagraphs(result.text));
    return result;
  }

 private:
  void Drop(Line& line) {
    if (line.keep && !line.text.empty()) dropped_.push_back(&line);
    line.keep = false;
  }

  void DropMarkedLines() {
    for (Line& line : lines_) {
      if (line.text.empty()) continue;
      if (IsClutterLine(line.lower) || IsPromoLine(line.text, line.lower)) {
        if (StartsWith(line.lower, "first published") || StartsWith(line.lower, "last updated")) {
          if (footer_date_.empty() && StartsWith(line.lower, "first")) {
            footer_date_ = FindDateInText(line.text);
          }
        }
        Drop(line);
        continue;
      }
      size_t at = 0;
      std::string date = line.text.size() <= 60 ? FindDateInText(line.text, &at) : "";
      if (!date.empty() && at <= 15 && CountWords(line.text) <= 9 && !EndsSentence(line.text)) {
        if (header_date_.empty()) header_date_ = date;
        Drop(line);
        continue;
      }
      std::string byline = BylineName(line.text);
      if (!byline.empty()) {
        if (author_.empty()) author_ = byline;
        Drop(line);
      }
    }
  }

  // After a list header, headline-like lines are other stories. The last one stays when prose
  // follows it directly: that is the next section heading of the article.
  void DropListRuns() {
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (lines_[i].text.empty() || !IsListHeader(lines_[i].lower)) continue;
      Drop(lines_[i]);
      std::vector<size_t> run;
      size_t j = i + 1;
      for (; j < lines_.size(); ++j) {
        if (lines_[j].text.empty()) continue;
        if (!IsHeadlineLike(lines_[j].text)) break;
        run.push_back(j);
      }
      bool prose_follows = j < lines_.size() && IsProse(lines_[j].text);
      if (prose_follows && !run.empty()) run.pop_back();
      for (size_t k : run) Drop(lines_[k]);
      i = j == 0 ? i : j - 1;
    }
  }

  // A newsletter header takes the indented or bulleted lines under it.
  void DropNewsletterBlocks() {
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (lines_[i].text.empty() || !IsNewsletterHeader(lines_[i].lower)) continue;
      Drop(lines_[i]);
      for (size_t j = i + 1; j < lines_.size(); ++j) {
        if (lines_[j].text.empty()) continue;
        if (!IsIndented(lines_[j].raw) && !IsBullet(lines_[j].text)) break;
        Drop(lines_[j]);
      }
    }
  }

  // "HomeWorld" glued to the title: a line that ends with a later or earlier line's text.
  void DropBreadcrumbs() {
    for (size_t i = 0; i < lines_.size() && i < 40; ++i) {
      Line& line = lines_[i];
      if (!line.keep || line.text.empty()) continue;
      for (size_t j = 0; j < lines_.size() && j < 40; ++j) {
        const Line& other = lines_[j];
        if (j == i || other.text.size() < 15 || other.text.size() >= line.text.size()) continue;
        if (EndsWith(line.text, other.text) &&
            line.text.substr(0, line.text.size() - other.text.size()).find(' ') ==
                std::string_view::npos) {
          Drop(line);
          break;
        }
      }
    }
  }

  // The title is the first kept line when it is a headline followed by more text.
  void TakeTitle() {
    int seen = 0;
    for (size_t i = 0; i < lines_.size() && seen < 3; ++i) {
      Line& line = lines_[i];
      if (!line.keep || line.text.empty()) continue;
      ++seen;
      int words = CountWords(line.text);
      if (words >= 3 && words <= 25 && !EndsSentence(line.text)) {
        title_ = std::string(line.text);
        Drop(line);
      }
      return;
    }
  }

  // The site names itself in its own furniture: a capitalised word found in three or more
  // dropped lines ("Moneycontrol PRO", "Moneycontrol World Desk", "... on Moneycontrol") and
  // never in the article itself (which rules out "The", "Ukraine", ...).
  std::string GuessOutlet(std::string_view kept_text) const {
    std::map<std::string, int> lines_with_word;
    for (const Line* line : dropped_) {
      std::set<std::string> words;
      std::string word;
      for (size_t k = 0; k <= line->text.size(); ++k) {
        char c = k < line->text.size() ? line->text[k] : ' ';
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (letter) {
          word.push_back(c);
          continue;
        }
        if (word.size() >= 3 && word[0] >= 'A' && word[0] <= 'Z') words.insert(word);
        word.clear();
      }
      for (const std::string& one : words) ++lines_with_word[one];
    }
    std::string best;
    int best_count = 2;
    for (const auto& [word, count] : lines_with_word) {
      if (count > best_count && kept_text.find(word) == std::string_view::npos) {
        best = word;
        best_count = count;
      }
    }
    return best;
  }

  static std::string_view FirstParagraphs(std::string_view text) {
    size_t end = 0;
    for (int paragraphs = 0; paragraphs < 2 && end != std::string_view::npos; ++paragraphs) {
      end = text.find("\n\n", end == 0 ? 0 : end + 2);
    }
    return end == std::string_view::npos ? text : text.substr(0, end);
  }

  std::vector<Line> lines_;
  std::vector<const Line*> dropped_;
  std::string title_, author_, header_date_, footer_date_;
};

}  // namespace

CleanedText CleanText(std::string_view text) { return TextCleaner(text).Run(); }

}  // namespace parley
