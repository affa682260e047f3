// Article metadata from the light tree. Sources in order of reliability, as the issue asks:
// schema.org JSON-LD (*Article), OpenGraph and meta tags, <time>, bylines in the body, the URL.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dates.h"
#include "html_extract.h"
#include "html_tree.h"
#include "parley/language.h"
#include "parley/text_util.h"

namespace parley::html {
namespace {

using nlohmann::json;

// White space between metadata words (form feeds are not).
constexpr std::string_view kSpaces = " \n\t\r";

// The reader runs before the article's language is known: it reads English word sets
// (data/lang/en).
const WordList& EnglishWords(std::string_view kind) {
  return DefaultLanguages().English().Words(kind);
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(text[i]) != prefix[i]) return false;
  }
  return true;
}

bool LooksLikeUrl(std::string_view text) {
  return StartsWithNoCase(text, "http:") || StartsWithNoCase(text, "https:") ||
         StartsWithNoCase(text, "www.") || text.find('/') != std::string_view::npos;
}

// The text of a subtree, white space collapsed, at most `max_chars` long.
std::string SubtreeText(const Tree& tree, uint32_t root, size_t max_chars = 400) {
  std::string raw;
  std::vector<uint32_t> stack = {root};
  while (!stack.empty() && raw.size() < max_chars) {
    uint32_t i = stack.back();
    stack.pop_back();
    const Node& current = tree.node(i);
    if (current.tag == Tag::kText) {
      raw.append(tree.Text(i));
      continue;
    }
    if (current.tag == Tag::kScript || current.tag == Tag::kStyle) continue;
    if (IsBlock(current.tag)) raw.push_back(' ');
    size_t mark = stack.size();
    for (uint32_t c = current.first_child; c != kNone; c = tree.node(c).next_sibling) {
      stack.push_back(c);
    }
    std::reverse(stack.begin() + mark, stack.end());
  }
  return CollapseWhitespace(raw);
}

// JSON-LD from hostile pages can nest without end; nlohmann's parser recurses, so refuse
// anything deeper than real metadata ever is.
bool NestingWithin(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > limit) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

// A JSON-LD string value. Publishers often HTML-escape inside JSON ("&#8211;"), so decode.
std::string JsonString(const json& value) {
  if (value.is_string()) {
    std::string decoded;
    AppendDecoded(value.get_ref<const std::string&>(), decoded);
    return decoded;
  }
  if (value.is_object() && value.contains("name")) return JsonString(value["name"]);
  if (value.is_array() && !value.empty()) return JsonString(value[0]);
  return "";
}

// Author names from a JSON-LD "author": string, Person, or a list of them.
std::string JsonAuthors(const json& value) {
  std::vector<std::string> names;
  auto add = [&](const json& one) {
    std::string name = JsonString(one);
    if (!name.empty() && !LooksLikeUrl(name)) names.push_back(CollapseWhitespace(name));
  };
  if (value.is_array()) {
    for (const json& one : value) add(one);
  } else {
    add(value);
  }
  std::string joined;
  for (const std::string& name : names) {
    if (joined.find(name) != std::string::npos) continue;
    if (!joined.empty()) joined += ", ";
    joined += name;
  }
  return joined;
}

// Whether a JSON-LD author is an Organization (or a list of them only).
bool IsOrganization(const json& author) {
  auto organization = [](const json& one) {
    if (!one.is_object() || !one.contains("@type")) return false;
    const json& type = one["@type"];
    return type.is_string() && type.get_ref<const std::string&>() == "Organization";
  };
  if (author.is_array()) {
    return !author.empty() && std::all_of(author.begin(), author.end(), organization);
  }
  return organization(author);
}

bool IsArticleType(const json& type) {
  auto matches = [](const json& one) {
    if (!one.is_string()) return false;
    const std::string& name = one.get_ref<const std::string&>();
    return name.find("Article") != std::string::npos || name == "BlogPosting" || name == "Report" ||
           name == "LiveBlogPosting" || name == "WebPage" || name == "Blog" || name == "Posting";
  };
  if (type.is_array()) return std::any_of(type.begin(), type.end(), matches);
  return matches(type);
}

struct Byline {
  uint32_t node;
  std::string names;
};

// Bylines kept per kind; real pages have a few, comment threads many.
constexpr size_t kMaxBylines = 32;

// What the label printed before a date says: nothing, "Published ...", or "Updated ..." (and
// other events that are not the publication: "Received", "Reviewed").
enum class DateLabel { kNone, kPublished, kUpdated };

struct VisibleDate {
  uint32_t node;
  std::string date;  // YYYY-MM-DD
  DateLabel label;   // what the text printed before it says
};

// Enough for any page's datelines; pages listing hundreds of dated items stop here.
constexpr size_t kMaxVisibleDates = 256;
// Bytes of label allowed before a dateline's date ("Last updated on ", "Published On: ").
constexpr size_t kMaxDatelineLead = 24;
// A dateline is short: a date, a label, a time, perhaps an author. Longer text is prose.
constexpr size_t kMaxDatelineBytes = 100;

// The size of `text` with white space runs counted as one byte and the ends trimmed.
size_t CollapsedSize(std::string_view text) {
  size_t size = 0;
  bool pending_space = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      pending_space = size > 0;
      continue;
    }
    size += 1 + pending_space;
    pending_space = false;
  }
  return size;
}

class MetadataCollector {
 public:
  MetadataCollector(const Tree& tree, std::string_view page_url)
      : tree_(tree), page_url_(page_url) {}

  Metadata Run() {
    const auto& nodes = tree_.nodes();
    for (uint32_t i = 1; i < nodes.size(); ++i) Visit(i);
    return Merge();
  }

 private:
  void Visit(uint32_t i) {
    if (tree_.node(i).tag == Tag::kText) {
      NoteByline(i);
      NoteVisibleDate(i);
      return;
    }
    switch (tree_.node(i).tag) {
      case Tag::kMeta:
        VisitMeta(i);
        break;
      case Tag::kLink:
        if (Lower(tree_.Attr(i, "rel")) == "canonical") canonical_ = tree_.Attr(i, "href");
        break;
      case Tag::kScript:
        if (Lower(tree_.Attr(i, "type")) == "application/ld+json") ReadJsonLd(tree_.Text(i));
        break;
      case Tag::kTitle:
        if (title_tag_.empty()) title_tag_ = CollapseWhitespace(tree_.Text(i));
        break;
      case Tag::kH1:
        if (h1s_.size() < 8) {
          std::string heading = SubtreeText(tree_, i);
          if (!heading.empty()) h1s_.push_back({i, std::move(heading)});
        }
        break;
      case Tag::kTime:
        if (time_date_.empty()) {
          std::string_view datetime = tree_.Attr(i, "datetime");
          time_date_ = NormalizeDate(datetime.empty() ? SubtreeText(tree_, i) : datetime);
        }
        break;
      default:
        break;
    }
    if (tree_.node(i).attribute_count > 0) VisitHints(i);
  }

  // Dates printed in short text nodes: the page's own statement of when it was published or
  // last updated, with the label printed before it ("Published", "Last updated:") in the same
  // text or in the text node just before it (<span>Updated</span> <time>...</time>).
  void NoteVisibleDate(uint32_t i) {
    std::string_view text = tree_.Text(i);
    if (text.size() > 160 || text.size() < 6) return;
    size_t at = 0;
    std::string date = FindDateInText(text, &at);
    // A dateline starts with its date or a short label; a date further into the text is part
    // of a sentence ("the analysis, published online Feb. 16, ...").
    std::string before = date.empty() ? "" : CollapseWhitespace(text.substr(0, at));
    if (!date.empty() && IsDatelineLead(before) && CollapsedSize(text) <= kMaxDatelineBytes &&
        !InTableCell(i) && visible_dates_.size() < kMaxVisibleDates) {
      DateLabel label = LabelOf(before);
      if (label == DateLabel::kNone && before.size() < 4 && last_text_node_ != kNone &&
          i - last_text_node_ <= 8) {
        label = LabelOf(tree_.Text(last_text_node_));
      }
      visible_dates_.push_back({i, MachineDateOfTime(i, date).substr(0, 10), label});
    }
    last_text_node_ = i;
  }

  // The printed date, or the datetime of the <time> element around it when the two disagree
  // by more than a day: then the text is stale template output. A one-day gap is the same
  // moment shown in the reader's time zone, and the printed day is the one readers see.
  std::string MachineDateOfTime(uint32_t text_node, const std::string& printed) const {
    uint32_t parent = tree_.node(text_node).parent;
    if (parent == kNone || tree_.node(parent).tag != Tag::kTime) return printed;
    std::string machine = NormalizeDate(tree_.Attr(parent, "datetime"));
    if (machine.empty()) return printed;
    int64_t gap = DayNumber(machine).value_or(0) - DayNumber(printed).value_or(0);
    return gap > 1 || gap < -1 ? machine : printed;
  }

  // A date that is a table cell's own text is data (a price history, a schedule), not the
  // page's dateline. Old layout tables hold whole pages, so only the direct parent counts.
  bool InTableCell(uint32_t text_node) const {
    uint32_t parent = tree_.node(text_node).parent;
    if (parent == kNone) return false;
    Tag tag = tree_.node(parent).tag;
    return tag == Tag::kTd || tag == Tag::kTh;
  }

  // The text before a date in a dateline: a short label ("Last updated on"), or a byline
  // split into fields ("Jane Doe | Senior Writer | ").
  static bool IsDatelineLead(std::string_view before) {
    if (before.size() <= kMaxDatelineLead) return true;
    bool has_field_separator = before.find('|') != std::string_view::npos ||
                               before.find("\xC2\xB7") != std::string_view::npos ||    // ·
                               before.find("\xE2\x80\xA2") != std::string_view::npos;  // •
    return has_field_separator && before.size() <= 2 * kMaxDatelineLead;
  }

  // What a printed label says about the date after it. Looks at the end of `before` only, so
  // "Published May 2. Updated: <date>" reads as updated.
  static DateLabel LabelOf(std::string_view before) {
    if (before.size() > 48) before = before.substr(before.size() - 48);
    std::string lower = Lower(before);
    size_t updated = std::string::npos, published = std::string::npos;
    // Updates, and the other events pages print dates for (a paper's "Received"), rank below
    // the publication date.
    static const WordList& kUpdateWords = EnglishWords("date_update_words");
    for (std::string_view word : kUpdateWords) {
      size_t at = lower.rfind(word);
      if (at != std::string::npos && (updated == std::string::npos || at > updated)) updated = at;
    }
    static const WordList& kPublishWords = EnglishWords("date_publish_words");
    for (std::string_view word : kPublishWords) {
      size_t at = lower.rfind(word);
      if (at != std::string::npos && (published == std::string::npos || at > published)) {
        published = at;
      }
    }
    if (updated == std::string::npos && published == std::string::npos) return DateLabel::kNone;
    if (published == std::string::npos) return DateLabel::kUpdated;
    if (updated == std::string::npos) return DateLabel::kPublished;
    return updated > published ? DateLabel::kUpdated : DateLabel::kPublished;
  }

  // The node of the headline: the <h1> chosen as title, else the first <h1>.
  uint32_t HeadlineNode(const std::string& title) const {
    for (const auto& [index, heading] : h1s_) {
      if (heading == title) return index;
    }
    return h1s_.empty() ? kNone : h1s_.front().first;
  }

  // The datelines printed around the headline (the headline block holds them), within a few
  // dozen nodes of it. Dates labelled as updates are kept apart from the others.
  struct NearDates {
    std::string shown;        // the nearest dateline not labelled as an update
    std::string next_shown;   // the nearest such with another day than `shown`
    std::string confirmed;    // the nearest one a machine publication date agrees with
    std::string updated;      // the nearest labelled as an update
    std::string nearest_any;  // the nearest dateline at any distance, any label
  };
  NearDates DatesNear(uint32_t headline) const {
    NearDates near;
    if (headline == kNone) return near;
    constexpr uint32_t kMaxDistance = 150;
    // Ordered by distance, so each field takes the first date that fits it.
    std::vector<std::pair<uint32_t, const VisibleDate*>> by_distance;
    for (const VisibleDate& visible : visible_dates_) {
      uint32_t distance =
          visible.node > headline ? visible.node - headline : headline - visible.node;
      by_distance.push_back({distance, &visible});
    }
    std::stable_sort(by_distance.begin(), by_distance.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    if (!by_distance.empty()) near.nearest_any = by_distance.front().second->date;
    for (const auto& [distance, visible] : by_distance) {
      // Confirmation reaches any header dateline above the headline, but below it only the
      // near ones: further down, dates belong to comments and related stories.
      bool above = visible->node < headline;
      if (near.confirmed.empty() && visible->label != DateLabel::kUpdated &&
          (above || distance < kMaxDistance) &&
          (SameDay(visible->date, meta_date_) || SameDay(visible->date, ld_date_))) {
        near.confirmed = visible->date;
      }
      if (distance >= kMaxDistance) continue;
      const std::string& date = visible->date;
      if (visible->label == DateLabel::kUpdated) {
        if (near.updated.empty()) near.updated = date;
        continue;
      }
      if (near.shown.empty()) near.shown = date;
      if (near.next_shown.empty() && date != near.shown) near.next_shown = date;
    }
    return near;
  }

  void VisitMeta(uint32_t i) {
    std::string key = Lower(tree_.Attr(i, "property"));
    if (key.empty()) key = Lower(tree_.Attr(i, "name"));
    if (key.empty()) key = Lower(tree_.Attr(i, "itemprop"));
    std::string_view content = tree_.Attr(i, "content");
    if (key.empty() || content.empty()) return;
    // Some CMSs escape twice ("&amp;#x26;"); the tokenizer undid one level, undo the second.
    std::string decoded;
    AppendDecoded(content, decoded);
    std::string value = CollapseWhitespace(decoded);
    auto set = [&](std::string& field) {
      if (field.empty()) field = value;
    };
    if (key == "og:title" || key == "twitter:title")
      set(og_title_);
    else if (key == "og:site_name" || key == "application-name")
      set(site_name_);
    else if (key == "og:url")
      set(og_url_);
    else if (key == "author" || key == "article:author" || key == "parsely-author" ||
             key == "sailthru.author" || key == "dc.creator" || key == "byl" ||
             key == "dcterms.creator" || key == "citation_author" || key == "twitter:creator") {
      if (!LooksLikeUrl(value) && !(key == "twitter:creator" && value[0] == '@')) {
        // Scholarly pages repeat citation_author / dc.creator once per author: keep them all.
        if (meta_author_.empty()) {
          meta_author_ = value;
          meta_author_key_ = key;
        } else if (key == meta_author_key_ && meta_author_.find(value) == std::string::npos &&
                   meta_author_.size() < 400) {
          meta_author_ += ", " + value;
        }
      }
    } else if (IsPublishedDateKey(key)) {
      if (meta_date_.empty()) meta_date_ = NormalizeDate(value);
    } else if (IsModifiedDateKey(key)) {
      if (modified_date_.empty()) modified_date_ = NormalizeDate(value);
    }
  }

  // Meta names for the publication date: the common ones (OpenGraph article:published_time,
  // Dublin Core, Parse.ly, Sailthru, Highwire citation_*), and any name about publishing
  // ("w-published-date", "cXenseParse:publishtime"), but not the publisher.
  static bool IsPublishedDateKey(std::string_view key) {
    static constexpr std::string_view kKeys[] = {
        "date",           "dc.date",         "dc.date.issued",       "dcterms.date",
        "dcterms.issued", "dcterms.created", "sailthru.date",        "citation_date",
        "datecreated",    "release_date",    "citation_online_date", "created"};
    for (std::string_view known : kKeys) {
      if (key == known) return true;
    }
    if (key.find("publisher") != std::string_view::npos) return false;
    return key.find("publish") != std::string_view::npos ||
           key.find("publication") != std::string_view::npos ||
           key.find("pubdate") != std::string_view::npos ||
           key.find("pub-date") != std::string_view::npos;
  }

  static bool IsModifiedDateKey(std::string_view key) {
    return key.find("modified") != std::string_view::npos ||
           key.find("updated") != std::string_view::npos;
  }

  // itemprop / rel / class hints for author and date inside the body.
  void VisitHints(uint32_t i) {
    std::string_view itemprop = tree_.Attr(i, "itemprop");
    if (itemprop == "datePublished" && itemprop_date_.empty()) {
      std::string_view value = tree_.Attr(i, "datetime");
      if (value.empty()) value = tree_.Attr(i, "content");
      itemprop_date_ = NormalizeDate(value.empty() ? SubtreeText(tree_, i) : value);
    } else if ((itemprop == "author" || itemprop == "creator") && itemprop_author_.empty()) {
      std::string_view content = tree_.Attr(i, "content");
      itemprop_author_ = content.empty() ? SubtreeText(tree_, i, 120) : CollapseWhitespace(content);
    } else if (tree_.node(i).tag == Tag::kA && Lower(tree_.Attr(i, "rel")) == "author" &&
               rel_author_.empty()) {
      rel_author_ = SubtreeText(tree_, i, 120);
    }
    if (class_bylines_.size() >= kMaxBylines) return;
    std::string_view class_value = tree_.Attr(i, "class");
    if (class_value.size() < 6) return;
    // Lower-cased once so that find() can use its fast first-byte search.
    std::string lower_class = Lower(class_value);
    auto has = [&](std::string_view word) { return lower_class.find(word) != std::string::npos; };
    bool byline_class = has("byline") || (has("author") && !has("author-bio") && !has("authorbio"));
    if (!byline_class) return;
    std::string name = NameFromTokens(TextTokens(i));
    if (!name.empty()) class_bylines_.push_back({i, std::move(name)});
  }

  // The texts of the text nodes under `root`, in order, each white-space collapsed: a byline
  // keeps its parts apart ("Luke Kim" + "December 17, 2025" would glue into one word).
  std::vector<std::string> TextTokens(uint32_t root) const {
    std::vector<std::string> tokens;
    std::vector<uint32_t> stack = {root};
    size_t bytes = 0;
    while (!stack.empty() && tokens.size() < 16 && bytes < 400) {
      uint32_t i = stack.back();
      stack.pop_back();
      const Node& current = tree_.node(i);
      if (current.tag == Tag::kText) {
        std::string token = CollapseWhitespace(tree_.Text(i));
        bytes += token.size();
        if (!token.empty()) tokens.push_back(std::move(token));
        continue;
      }
      if (current.tag == Tag::kScript || current.tag == Tag::kStyle) continue;
      size_t mark = stack.size();
      for (uint32_t c = current.first_child; c != kNone; c = tree_.node(c).next_sibling) {
        stack.push_back(c);
      }
      std::reverse(stack.begin() + mark, stack.end());
    }
    return tokens;
  }

  // A byline printed in the body: "By Jane Doe", or a label alone ("Written by", "Author:")
  // with the name in the next text node.
  void NoteByline(uint32_t i) {
    if (text_bylines_.size() >= kMaxBylines) return;
    std::string_view text = tree_.Text(i);
    if (text.size() > 200) return;
    size_t start = 0;
    while (start < text.size() && IsSpace(text[start], kSpaces)) ++start;
    if (start == text.size()) return;
    bool awaited = byline_label_node_ != kNone && i - byline_label_node_ <= 8;
    // Most text nodes are not bylines: test the label before copying anything.
    if (!awaited && BylineLabelSize(text.substr(start)) == 0) return;
    std::string collapsed = CollapseWhitespace(text);
    if (awaited) {
      std::string name = NameFromTokens({collapsed});
      byline_label_node_ = kNone;
      if (!name.empty()) text_bylines_.push_back({i, std::move(name)});
      return;
    }
    size_t label = BylineLabelSize(collapsed);
    if (label >= collapsed.size()) {
      byline_label_node_ = i;
      return;
    }
    std::string name = NameFromTokens({collapsed});
    if (!name.empty()) text_bylines_.push_back({i, std::move(name)});
  }

  // The size of a byline label at the start of `text` ("By ", "Written by:", "Authors: "),
  // white space and colon included; 0 when there is none.
  static size_t BylineLabelSize(std::string_view text) {
    static const WordList& kLabels = EnglishWords("byline_labels");
    for (std::string_view label : kLabels) {
      if (!StartsWithNoCase(text, label)) continue;
      size_t end = label.size();
      if (end < text.size() && !IsSpace(text[end], kSpaces) && text[end] != ':') continue;
      while (end < text.size() && (IsSpace(text[end], kSpaces) || text[end] == ':')) ++end;
      return end;
    }
    return 0;
  }

  // The names in a byline's text tokens: leading dates and labels skipped, then one name,
  // then more names joined by "and", "&" or commas. Stops at anything else (a role, a date,
  // "Updated", a reading time), so "Jane Doe" + "Senior Writer" gives "Jane Doe".
  static std::string NameFromTokens(const std::vector<std::string>& tokens) {
    std::string names;
    bool expect_name = true;
    for (std::string token : tokens) {
      if (names.empty()) {
        size_t date_at = 0;
        if (!FindDateInText(token, &date_at).empty() && date_at == 0) {
          token = StripLeadingDate(token);
          if (token.empty()) continue;
        }
        size_t label = BylineLabelSize(token);
        token = CollapseWhitespace(std::string_view(token).substr(label));
        if (token.empty()) continue;
      }
      if (!expect_name) {
        if (!IsNameConnector(token)) break;
        if (token[0] != ',') names += ' ';
        names += token;
        expect_name = true;
        continue;
      }
      std::string name = CutAtNonName(token);
      // "Jane Doe and Joe Roe, Extension educators": drop trailing comma parts until names.
      while (!LooksLikeNames(name) && name.rfind(", ") != std::string::npos) {
        name.resize(name.rfind(", "));
      }
      if (!LooksLikeNames(name)) break;
      if (!names.empty()) names += ' ';
      names += name;
      if (name.size() < token.size()) break;  // the token went on with something else
      expect_name = false;
    }
    while (!names.empty() && (names.back() == ',' || names.back() == ' ' || names.back() == '&'))
      names.pop_back();
    if (EndsWithWord(names, "and")) names.resize(names.size() - 3);
    return CollapseWhitespace(names);
  }

  static bool EndsWithWord(std::string_view text, std::string_view word) {
    return text.size() > word.size() && text.substr(text.size() - word.size()) == word &&
           text[text.size() - word.size() - 1] == ' ';
  }

  static bool IsNameConnector(std::string_view token) {
    return token == "," || token == "and" || token == "&" || token == ", and" || token == "und" ||
           token == "et" || token == "y";
  }

  // "Dec 17, 2025 · Jane Doe" -> "Jane Doe".
  static std::string StripLeadingDate(const std::string& token) {
    size_t at = 0;
    std::string date = FindDateInText(token, &at);
    if (date.empty() || at != 0) return token;
    // Skip the date's characters: digits, month words, punctuation, up to a separator.
    size_t k = 0;
    while (
        k < token.size() && !IsFieldSeparatorAt(token, k) &&
        !(token[k] == 'b' && k + 2 < token.size() && token[k + 1] == 'y' && token[k + 2] == ' ')) {
      ++k;
    }
    while (k < token.size() && (IsFieldSeparatorAt(token, k) || token[k] == ' ')) {
      k += static_cast<unsigned char>(token[k]) >= 0x80 ? 2 : 1;
    }
    return CollapseWhitespace(std::string_view(token).substr(std::min(k, token.size())));
  }

  static bool IsFieldSeparatorAt(std::string_view text, size_t k) {
    return text[k] == '|' || text.compare(k, 2, "\xC2\xB7") == 0 ||
           text.compare(k, 3, "\xE2\x80\xA2") == 0;
  }

  // The leading part of a byline token that can hold names: cut at a field separator, a
  // date, a time, or a word that starts the next field ("Updated", "Reviewed by", "in").
  static std::string CutAtNonName(const std::string& token) {
    size_t end = token.size();
    static const WordList& kCuts = EnglishWords("byline_cuts");
    for (std::string_view cut : kCuts) {
      size_t at = token.find(cut);
      if (at != std::string::npos && at < end) end = at;
    }
    size_t date_at = 0;
    if (!FindDateInText(token, &date_at).empty() && date_at < end) end = date_at;
    for (size_t k = 0; k < end; ++k) {
      if (token[k] >= '0' && token[k] <= '9') {  // "7 min read", a clock
        end = k;
        break;
      }
    }
    std::string name = token.substr(0, end);
    while (!name.empty() && (name.back() == ' ' || name.back() == ',')) name.pop_back();
    return name;
  }

  // One or more person names: 1-12 words, each capitalised or a particle/connector ("van",
  // "de", "and"), no sentence punctuation, not a UI phrase. Single lower-case handles
  // ("jsteinhardt") pass; they are ranked last by the merge.
  static bool LooksLikeNames(std::string_view text) {
    if (text.empty() || text.size() > 120) return false;
    std::vector<std::string> words;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find(' ', start);
      if (end == std::string_view::npos) end = text.size();
      if (end > start) words.emplace_back(text.substr(start, end - start));
      start = end + 1;
    }
    if (words.empty() || words.size() > 12) return false;
    static const WordList& kParticles = EnglishWords("name_particles");
    static const WordList& kNotNames = EnglishWords("not_name_phrases");
    std::string lower = Lower(text);
    for (std::string_view phrase : kNotNames) {
      size_t at = lower.find(phrase);
      if (at == std::string::npos) continue;
      bool word_start = at == 0 || lower[at - 1] == ' ';
      size_t after = at + phrase.size();
      bool word_end = after == lower.size() || lower[after] == ' ' || lower[after] == ':';
      if (word_start && word_end) return false;
    }
    if (words.size() == 1)
      return words[0].find_first_of(".:;!?") == std::string::npos ||
             words[0].find('@') != std::string::npos;
    for (const std::string& word : words) {
      unsigned char first = static_cast<unsigned char>(word[0]);
      bool capital = (first >= 'A' && first <= 'Z') || first >= 0x80;
      bool particle = kParticles.Contains(Lower(word));
      bool trailing_comma = word.back() == ',';
      if (!capital && !particle && !(trailing_comma && word.size() > 1)) return false;
      if (word.find_first_of("!?;") != std::string::npos) return false;
    }
    return true;
  }

  void ReadJsonLd(std::string_view text) {
    if (!NestingWithin(text, 32)) return;
    json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) return;
    std::vector<const json*> pending = {&document};
    // Breadth-first over arrays and @graph, at most a few hundred objects.
    for (size_t k = 0; k < pending.size() && k < 256; ++k) {
      const json& value = *pending[k];
      if (value.is_array()) {
        for (const json& item : value) pending.push_back(&item);
        continue;
      }
      if (!value.is_object()) continue;
      if (value.contains("@graph")) pending.push_back(&value["@graph"]);
      if (value.contains("mainEntity")) pending.push_back(&value["mainEntity"]);
      if (!value.contains("@type") || !IsArticleType(value["@type"])) continue;
      bool is_page = value["@type"] == "WebPage";
      auto take = [&](const char* key, std::string& field) {
        if (field.empty() && value.contains(key))
          field = CollapseWhitespace(JsonString(value[key]));
      };
      if (!is_page) take("headline", ld_title_);
      if (value.contains("author") && ld_author_.empty()) {
        ld_author_ = JsonAuthors(value["author"]);
        ld_author_is_organization_ = IsOrganization(value["author"]);
      }
      if (value.contains("datePublished") && ld_date_.empty()) {
        ld_date_ = NormalizeDate(JsonString(value["datePublished"]));
      }
      if (value.contains("dateModified") && ld_modified_.empty()) {
        ld_modified_ = NormalizeDate(JsonString(value["dateModified"]));
      }
      if (value.contains("dateCreated") && ld_date_.empty()) {
        ld_date_ = NormalizeDate(JsonString(value["dateCreated"]));
      }
      if (value.contains("publisher") && ld_publisher_.empty()) {
        ld_publisher_ = CollapseWhitespace(JsonString(value["publisher"]));
      }
      if (value.contains("articleBody") && value["articleBody"].is_string() && body_.empty()) {
        body_ = value["articleBody"].get<std::string>();
      }
    }
  }

  // "Title - Site" or "Site | Title": keep the longest part.
  static std::string StripSiteSuffix(const std::string& title) {
    static constexpr std::string_view kSeparators[] = {
        " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB "};
    std::string best = title;
    for (std::string_view separator : kSeparators) {
      size_t at = title.find(separator);
      if (at == std::string::npos) continue;
      std::string left = title.substr(0, title.rfind(separator));
      std::string right = title.substr(at + separator.size());
      best = left.size() >= right.size() ? left : right;
      break;
    }
    return best;
  }

  static std::vector<std::string> LowerWords(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (size_t k = 0; k <= text.size(); ++k) {
      char c = k < text.size() ? Lower(text[k]) : ' ';
      bool word_char = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c & 0x80);
      if (word_char) {
        word.push_back(c);
      } else if (!word.empty()) {
        words.push_back(std::move(word));
        word.clear();
      }
    }
    return words;
  }

  // Share of the heading's words found in the metadata titles.
  double Overlap(const std::string& heading) const {
    std::vector<std::string> words = LowerWords(heading);
    if (words.empty()) return 0;
    std::vector<std::string> reference;
    for (const std::string* title : {&ld_title_, &og_title_, &title_tag_}) {
      std::vector<std::string> more = LowerWords(*title);
      reference.insert(reference.end(), more.begin(), more.end());
    }
    size_t found = 0;
    for (const std::string& word : words) {
      found += std::find(reference.begin(), reference.end(), word) != reference.end();
    }
    return static_cast<double>(found) / words.size();
  }

  // The visible <h1> is the title readers see (and what WCXB's gold records). Pages have
  // several h1s (logo, headline, widgets): take the one that shares the most words with the
  // metadata titles, if over a third of its words (0.5 measured 0.846 on WCXB, a third 0.854);
  // without metadata titles, the first h1.
  std::string ChooseTitle() const {
    bool has_metadata_title = !ld_title_.empty() || !og_title_.empty() || !title_tag_.empty();
    std::string best_heading;
    double best_overlap = 0.34;
    for (const auto& [index, heading] : h1s_) {
      // A logo <h1> holding the site name matches the "Title - Site" <title> too.
      if (heading.size() > 300 || (!site_name_.empty() && Fold(heading) == Fold(site_name_))) {
        continue;
      }
      double overlap = has_metadata_title ? Overlap(heading) : 1.0;
      if (overlap > best_overlap || (overlap == 1.0 && best_overlap < 1.0)) {
        best_overlap = overlap;
        best_heading = heading;
      }
      if (best_overlap == 1.0) break;
    }
    if (!best_heading.empty()) return best_heading;
    if (!ld_title_.empty()) return StripSiteSuffix(ld_title_);
    if (!og_title_.empty()) return StripSiteSuffix(og_title_);
    return StripSiteSuffix(title_tag_);
  }

  // A byline as pages print it, reduced to the names: "Written by Jane Doe | Staff" and
  // "By Jane Doe Published ..." both give "Jane Doe". Returns "" for values that are not
  // names (dates, copyright lines, form labels, URLs).
  static std::string CleanAuthor(std::string author) {
    author = CollapseWhitespace(author);
    static const WordList& kPrefixes = EnglishWords("author_prefixes");
    for (std::string_view prefix : kPrefixes) {
      if (StartsWithNoCase(author, prefix)) {
        author = CollapseWhitespace(author.substr(prefix.size()));
        break;
      }
    }
    static const WordList& kCuts = EnglishWords("author_cuts");
    for (std::string_view cut : kCuts) {
      size_t at = author.find(cut);
      if (at != std::string::npos) author.resize(at);
    }
    while (!author.empty() &&
           (author.back() == ',' || author.back() == ' ' || author.back() == '*'))
      author.pop_back();
    int digits = 0;
    for (char c : author) digits += c >= '0' && c <= '9';
    if (author.empty() || author.size() > 100 || author[0] == ',' || digits > 2 ||
        author.find("\xC2\xA9") != std::string::npos || LooksLikeUrl(author) ||
        author.find('@') != std::string::npos) {
      return "";
    }
    return author;
  }

  static std::string HostOf(std::string_view url) {
    size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return "";
    std::string_view rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#:"));
    if (StartsWithNoCase(rest, "www.")) rest.remove_prefix(4);
    return std::string(rest);
  }

  static bool SameDay(const std::string& a, const std::string& b) {
    return a.size() >= 10 && b.size() >= 10 && a.compare(0, 10, b, 0, 10) == 0;
  }

  // The publication date, by what the page prints and what its metadata says (see
  // docs/reader.md, "HTML: metadata", for the measured effect of each rule):
  //   1. a dateline that a machine publication date agrees with: above the headline, or
  //      near below it;
  //   2. the nearest dateline, unless it is the machine modification date (an update shown
  //      without a label), then the next one;
  //   3. the publication meta tags (article:published_time, Dublin Core, ...);
  //   4. a dateline labelled as an update, then JSON-LD, itemprop and <time> values;
  //   5. the URL, any dateline on the page, and last the modification date.
  std::string ChooseDate(const std::string& title, const std::string& url) const {
    const NearDates near = DatesNear(HeadlineNode(title));
    bool shown_is_update = SameDay(near.shown, ld_modified_) || SameDay(near.shown, modified_date_);
    std::string date;
    for (const std::string* candidate :
         {&near.confirmed, shown_is_update ? &near.next_shown : &near.shown, &meta_date_,
          &near.shown, &near.updated, &ld_date_, &itemprop_date_, &time_date_}) {
      if (!candidate->empty()) {
        date = *candidate;
        break;
      }
    }
    if (date.empty()) date = FindDateInUrl(url);
    if (date.empty()) date = FindDateInUrl(page_url_);
    if (date.empty()) date = near.nearest_any;
    if (date.empty() && !visible_dates_.empty()) date = visible_dates_.front().date;
    if (date.empty()) date = modified_date_;
    // A printed date (day precision) that agrees with a machine date takes the machine
    // date's time. A numeric date read in the wrong day/month order ("09.10.2024" on a US
    // page) agrees with a machine date once swapped: then the machine date is right.
    if (date.size() == 10) {
      std::string swapped = SwapDayAndMonth(date);
      for (const std::string* machine :
           {&ld_date_, &meta_date_, &ld_modified_, &modified_date_, &itemprop_date_, &time_date_}) {
        if (SameDay(*machine, date) && machine->size() > 10) return *machine;
        if (!swapped.empty() && SameDay(*machine, swapped)) return *machine;
      }
    }
    return date;
  }

  // "2024-10-09" -> "2024-09-10"; "" when the day cannot be a month or equals it.
  static std::string SwapDayAndMonth(const std::string& date) {
    if (date.size() < 10 || date[8] > '1' || (date[8] == '1' && date[9] > '2') ||
        (date[8] == '0' && date[9] == '0') || date.compare(5, 2, date, 8, 2) == 0) {
      return "";
    }
    std::string swapped = date.substr(0, 10);
    std::swap(swapped[5], swapped[8]);
    std::swap(swapped[6], swapped[9]);
    return swapped;
  }

  // The byline of `bylines` nearest to the headline that names a person; else the nearest
  // that names the site ("EcoFlow", "Workzone Team"); "" when there is none. A one-word
  // byline counts only as a site name or a CamelCase handle ("BeauHD"): other single words
  // are filter menus ("By Industry") and teasers cut at a number ("Top 10 ...").
  std::string NearestByline(const std::vector<Byline>& bylines, uint32_t headline) const {
    const Byline* best_person = nullptr;
    const Byline* best_site = nullptr;
    uint32_t person_distance = kNone, site_distance = kNone;
    for (const Byline& byline : bylines) {
      uint32_t distance = headline == kNone        ? byline.node
                          : byline.node > headline ? byline.node - headline
                                                   : headline - byline.node;
      bool site = IsSiteName(byline.names);
      bool one_word = byline.names.find(' ') == std::string::npos;
      if (site && distance < site_distance) {
        site_distance = distance;
        best_site = &byline;
      } else if (!site && (!one_word || IsCamelCase(byline.names)) && distance < person_distance) {
        person_distance = distance;
        best_person = &byline;
      }
    }
    if (best_person != nullptr) return best_person->names;
    return best_site == nullptr ? "" : best_site->names;
  }

  static bool IsCamelCase(std::string_view word) {
    for (size_t k = 1; k < word.size(); ++k) {
      if (word[k] >= 'A' && word[k] <= 'Z' && word[k - 1] >= 'a' && word[k - 1] <= 'z') {
        return true;
      }
    }
    return false;
  }

  // Folded for comparison: lower case, letters and digits only, single spaces.
  static std::string Fold(std::string_view text) {
    std::string folded;
    for (const std::string& word : LowerWords(text)) {
      if (!folded.empty()) folded += ' ';
      folded += word;
    }
    return folded;
  }

  // The site itself named as author (JSON-LD publisher as author, meta author = site name).
  bool IsSiteName(const std::string& name) const {
    std::string folded = Fold(name);
    if (folded.empty()) return false;
    for (const std::string* site : {&site_name_, &ld_publisher_}) {
      std::string site_folded = Fold(*site);
      if (site_folded.empty()) continue;
      if (site_folded.find(folded) != std::string::npos ||
          folded.find(site_folded) != std::string::npos) {
        return true;
      }
    }
    return false;
  }

  // A login handle rather than a printed name: one word with digits, dots or underscores, or
  // all lower case ("andrew.keaveney", "kffnirmitap").
  static bool IsHandle(const std::string& name) {
    if (name.find(' ') != std::string::npos) return false;
    bool has_upper = false;
    for (char c : name) {
      if ((c >= '0' && c <= '9') || c == '.' || c == '_' || c == '@') return true;
      has_upper |= c >= 'A' && c <= 'Z';
    }
    return !has_upper;
  }

  // The author: machine-readable names first (JSON-LD, meta tags), then bylines printed near
  // the headline, itemprop and rel=author. A site name or a login handle only counts when
  // nothing else names a person. When the printed byline holds the machine name and more
  // (co-authors, "A and B"), the printed byline is the full credit.
  std::string ChooseAuthor(uint32_t headline) const {
    std::string text_byline = CleanAuthor(NearestByline(text_bylines_, headline));
    std::string class_byline = CleanAuthor(NearestByline(class_bylines_, headline));
    std::string chosen, fallback;
    for (const std::string& candidate :
         {ld_author_is_organization_ ? std::string() : CleanAuthor(ld_author_),
          CleanAuthor(meta_author_), text_byline, CleanAuthor(itemprop_author_),
          CleanAuthor(rel_author_), class_byline, CleanAuthor(ld_author_)}) {
      if (candidate.empty()) continue;
      if (IsSiteName(candidate) || IsHandle(candidate)) {
        if (fallback.empty()) fallback = candidate;
        continue;
      }
      chosen = candidate;
      break;
    }
    if (chosen.empty()) return fallback;
    for (const std::string* printed : {&text_byline, &class_byline}) {
      if (printed->size() > chosen.size() && ContainsAllNames(*printed, chosen)) return *printed;
    }
    return chosen;
  }

  // Whether every name of `names` ("A, B") is in `text`, folded.
  static bool ContainsAllNames(const std::string& text, const std::string& names) {
    std::string folded_text = Fold(text);
    size_t start = 0;
    while (start < names.size()) {
      size_t end = names.find(", ", start);
      if (end == std::string::npos) end = names.size();
      std::string name = Fold(std::string_view(names).substr(start, end - start));
      if (name.empty() || folded_text.find(name) == std::string::npos) return false;
      start = end + 2;
    }
    return true;
  }

  Metadata Merge() const {
    Metadata metadata;
    metadata.title = ChooseTitle();
    metadata.author = ChooseAuthor(HeadlineNode(metadata.title));
    metadata.url = !canonical_.empty() && canonical_.find("://") != std::string::npos
                       ? canonical_
                       : (!og_url_.empty() ? og_url_ : std::string(page_url_));
    metadata.date = ChooseDate(metadata.title, metadata.url);
    metadata.outlet = !site_name_.empty() ? site_name_ : ld_publisher_;
    if (metadata.outlet.empty()) metadata.outlet = HostOf(metadata.url);
    metadata.json_ld_body = body_;
    return metadata;
  }

  const Tree& tree_;
  std::string_view page_url_;
  std::string canonical_, og_url_, og_title_, site_name_, title_tag_;
  std::vector<std::pair<uint32_t, std::string>> h1s_;  // (node, text)
  std::string ld_title_, ld_author_, ld_date_, ld_modified_, ld_publisher_, body_;
  std::string meta_author_, meta_date_, modified_date_, time_date_;
  std::string itemprop_date_, itemprop_author_, rel_author_;
  std::vector<Byline> class_bylines_;   // elements with a byline/author class
  std::vector<Byline> text_bylines_;    // "By Jane Doe" texts
  uint32_t byline_label_node_ = kNone;  // a "Written by" text waiting for its name
  bool ld_author_is_organization_ = false;
  std::string meta_author_key_;  // the meta name meta_author_ came from
  std::vector<VisibleDate> visible_dates_;
  uint32_t last_text_node_ = kNone;
};

}  // namespace

Metadata ExtractMetadata(const Tree& tree, std::string_view page_url) {
  return MetadataCollector(tree, page_url).Run();
}

}  // namespace parley::html
