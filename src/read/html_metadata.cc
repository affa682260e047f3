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

namespace parley::html {
namespace {

using nlohmann::json;

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = Lower(c);
  return out;
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
      NoteVisibleDate(i);
      return;
    }
    switch (tree_.node(i).tag) {
      case Tag::kMeta:
        VisitMeta(i);
        break;
      case Tag::kLink:
        if (ToLower(tree_.Attr(i, "rel")) == "canonical") canonical_ = tree_.Attr(i, "href");
        break;
      case Tag::kScript:
        if (ToLower(tree_.Attr(i, "type")) == "application/ld+json") ReadJsonLd(tree_.Text(i));
        break;
      case Tag::kTitle:
        if (title_tag_.empty()) title_tag_ = CollapseWhitespace(tree_.Text(i));
        break;
      case Tag::kH1:
        if (h1s_.size() < 8) {
          std::string heading = SubtreeText(tree_, i);
          if (!heading.empty()) h1s_.push_back(std::move(heading));
        }
        if (h1_index_ == kNone) h1_index_ = i;
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
  // last updated. WCXB's gold follows what the page shows, which is often "Updated ...".
  void NoteVisibleDate(uint32_t i) {
    if (visible_dates_.size() >= 64) return;
    std::string_view text = tree_.Text(i);
    if (text.size() > 120 || text.size() < 6) return;
    std::string date = FindDateInText(text);
    if (!date.empty()) visible_dates_.push_back({i, date.substr(0, 10)});
  }

  // The visible date closest to the first <h1> (the headline block holds the dateline),
  // within a few dozen nodes of it.
  std::string ChooseVisibleDate() const {
    if (h1_index_ == kNone) return "";
    constexpr uint32_t kMaxDistance = 150;
    std::string best;
    uint32_t best_distance = kMaxDistance;
    for (const auto& [index, date] : visible_dates_) {
      uint32_t distance = index > h1_index_ ? index - h1_index_ : h1_index_ - index;
      if (distance < best_distance) {
        best_distance = distance;
        best = date;
      }
    }
    return best;
  }

  void VisitMeta(uint32_t i) {
    std::string key = ToLower(tree_.Attr(i, "property"));
    if (key.empty()) key = ToLower(tree_.Attr(i, "name"));
    if (key.empty()) key = ToLower(tree_.Attr(i, "itemprop"));
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
        set(meta_author_);
      }
    } else if (key == "article:published_time" || key == "og:published_time" ||
               key == "datepublished" || key == "pubdate" || key == "publishdate" ||
               key == "publish-date" || key == "date" || key == "dc.date" ||
               key == "dc.date.issued" || key == "dcterms.date" || key == "dcterms.created" ||
               key == "sailthru.date" || key == "parsely-pub-date" || key == "article.published" ||
               key == "citation_publication_date" || key == "published_time" ||
               key == "article:published" || key == "og:article:published_time" ||
               key == "datecreated" || key == "release_date") {
      if (meta_date_.empty()) meta_date_ = NormalizeDate(value);
    } else if (key == "article:modified_time" || key == "og:updated_time" ||
               key == "datemodified" || key == "last-modified") {
      if (modified_date_.empty()) modified_date_ = NormalizeDate(value);
    }
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
    } else if (tree_.node(i).tag == Tag::kA && ToLower(tree_.Attr(i, "rel")) == "author" &&
               rel_author_.empty()) {
      rel_author_ = SubtreeText(tree_, i, 120);
    }
    if (class_author_.empty()) {
      std::string_view class_value = tree_.Attr(i, "class");
      if (class_value.size() < 6) return;
      std::string classes = ToLower(class_value);
      if (classes.find("byline") != std::string::npos ||
          classes.find("author-name") != std::string::npos ||
          classes.find("authorname") != std::string::npos ||
          (classes.find("author") != std::string::npos &&
           classes.find("author-bio") == std::string::npos)) {
        std::string text = SubtreeText(tree_, i, 160);
        if (!text.empty() && text.size() < 120) class_author_ = text;
      }
    }
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
      if (value.contains("author") && ld_author_.empty()) ld_author_ = JsonAuthors(value["author"]);
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
    for (const std::string& heading : h1s_) {
      if (heading.size() > 300) continue;
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
    for (std::string_view prefix :
         {"written by", "posted by", "author:", "author", "by:", "by ", "von ", "par "}) {
      if (StartsWithNoCase(author, prefix)) {
        author = CollapseWhitespace(author.substr(prefix.size()));
        break;
      }
    }
    for (std::string_view cut : {" | ", " - ", " on ", " \xE2\x80\x94 ", " \xE2\x80\x93 ",
                                 " \xC2\xB7 ", " Published", " Updated", " Posted"}) {
      size_t at = author.find(cut);
      if (at != std::string::npos) author.resize(at);
    }
    while (!author.empty() && (author.back() == ',' || author.back() == ' ')) author.pop_back();
    int digits = 0;
    for (char c : author) digits += c >= '0' && c <= '9';
    if (author.empty() || author.size() > 100 || author[0] == ',' || digits > 2 ||
        author.back() == '*' || author.find("\xC2\xA9") != std::string::npos ||
        LooksLikeUrl(author) || author.find('@') != std::string::npos) {
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

  Metadata Merge() const {
    Metadata metadata;
    metadata.title = ChooseTitle();
    for (const std::string* source :
         {&ld_author_, &meta_author_, &itemprop_author_, &rel_author_, &class_author_}) {
      metadata.author = CleanAuthor(*source);
      if (!metadata.author.empty()) break;
    }
    metadata.url = !canonical_.empty() && canonical_.find("://") != std::string::npos
                       ? canonical_
                       : (!og_url_.empty() ? og_url_ : std::string(page_url_));
    // A visible date that agrees with a machine date on the day takes the machine date's time.
    std::string visible = ChooseVisibleDate();
    for (const std::string* machine : {&ld_date_, &meta_date_, &ld_modified_, &modified_date_}) {
      if (!visible.empty() && machine->compare(0, 10, visible) == 0) visible = *machine;
    }
    for (const std::string& date :
         {visible, ld_date_, meta_date_, itemprop_date_, time_date_, FindDateInUrl(metadata.url),
          FindDateInUrl(page_url_), modified_date_}) {
      if (!date.empty()) {
        metadata.date = date;
        break;
      }
    }
    metadata.outlet = !site_name_.empty() ? site_name_ : ld_publisher_;
    if (metadata.outlet.empty()) metadata.outlet = HostOf(metadata.url);
    metadata.json_ld_body = body_;
    return metadata;
  }

  const Tree& tree_;
  std::string_view page_url_;
  std::string canonical_, og_url_, og_title_, site_name_, title_tag_;
  std::vector<std::string> h1s_;
  std::string ld_title_, ld_author_, ld_date_, ld_modified_, ld_publisher_, body_;
  std::string meta_author_, meta_date_, modified_date_, time_date_;
  std::string itemprop_date_, itemprop_author_, rel_author_, class_author_;
  std::vector<std::pair<uint32_t, std::string>> visible_dates_;  // (text node, date)
  uint32_t h1_index_ = kNone;
};

}  // namespace

Metadata ExtractMetadata(const Tree& tree, std::string_view page_url) {
  return MetadataCollector(tree, page_url).Run();
}

}  // namespace parley::html
