// One-pass HTML tokenizer and light tree builder. The tokenizer follows the HTML5 states that
// matter for text (tags, attributes, comments, raw text, RCDATA) and the builder keeps a stack
// of open elements with the usual implied end tags. Everything is linear: memchr-driven scans,
// bounded stack searches, no recursion.
#include "html_tree.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "parley/text_util.h"

namespace parley::html {
namespace {

struct TagName {
  std::string_view name;
  Tag tag;
};

constexpr TagName kTagNames[] = {
    {"a", Tag::kA},
    {"address", Tag::kAddress},
    {"area", Tag::kArea},
    {"article", Tag::kArticle},
    {"aside", Tag::kAside},
    {"audio", Tag::kAudio},
    {"b", Tag::kB},
    {"base", Tag::kBase},
    {"blockquote", Tag::kBlockquote},
    {"body", Tag::kBody},
    {"br", Tag::kBr},
    {"button", Tag::kButton},
    {"canvas", Tag::kCanvas},
    {"caption", Tag::kCaption},
    {"center", Tag::kCenter},
    {"code", Tag::kCode},
    {"col", Tag::kCol},
    {"dd", Tag::kDd},
    {"details", Tag::kDetails},
    {"dialog", Tag::kDialog},
    {"div", Tag::kDiv},
    {"dl", Tag::kDl},
    {"dt", Tag::kDt},
    {"em", Tag::kEm},
    {"embed", Tag::kEmbed},
    {"fieldset", Tag::kFieldset},
    {"figcaption", Tag::kFigcaption},
    {"figure", Tag::kFigure},
    {"footer", Tag::kFooter},
    {"form", Tag::kForm},
    {"frame", Tag::kFrame},
    {"frameset", Tag::kFrameset},
    {"h1", Tag::kH1},
    {"h2", Tag::kH2},
    {"h3", Tag::kH3},
    {"h4", Tag::kH4},
    {"h5", Tag::kH5},
    {"h6", Tag::kH6},
    {"head", Tag::kHead},
    {"header", Tag::kHeader},
    {"hgroup", Tag::kHgroup},
    {"hr", Tag::kHr},
    {"html", Tag::kHtml},
    {"i", Tag::kI},
    {"iframe", Tag::kIframe},
    {"img", Tag::kImg},
    {"input", Tag::kInput},
    {"label", Tag::kLabel},
    {"legend", Tag::kLegend},
    {"li", Tag::kLi},
    {"link", Tag::kLink},
    {"main", Tag::kMain},
    {"math", Tag::kMath},
    {"menu", Tag::kMenu},
    {"meta", Tag::kMeta},
    {"nav", Tag::kNav},
    {"noembed", Tag::kNoembed},
    {"noscript", Tag::kNoscript},
    {"object", Tag::kObject},
    {"ol", Tag::kOl},
    {"optgroup", Tag::kOptgroup},
    {"option", Tag::kOption},
    {"p", Tag::kP},
    {"param", Tag::kParam},
    {"picture", Tag::kPicture},
    {"plaintext", Tag::kPlaintext},
    {"pre", Tag::kPre},
    {"s", Tag::kS},
    {"script", Tag::kScript},
    {"section", Tag::kSection},
    {"select", Tag::kSelect},
    {"small", Tag::kSmall},
    {"source", Tag::kSource},
    {"span", Tag::kSpan},
    {"strong", Tag::kStrong},
    {"style", Tag::kStyle},
    {"sub", Tag::kSub},
    {"summary", Tag::kSummary},
    {"sup", Tag::kSup},
    {"svg", Tag::kSvg},
    {"table", Tag::kTable},
    {"tbody", Tag::kTbody},
    {"td", Tag::kTd},
    {"template", Tag::kTemplate},
    {"textarea", Tag::kTextarea},
    {"tfoot", Tag::kTfoot},
    {"th", Tag::kTh},
    {"thead", Tag::kThead},
    {"time", Tag::kTime},
    {"title", Tag::kTitle},
    {"tr", Tag::kTr},
    {"track", Tag::kTrack},
    {"u", Tag::kU},
    {"ul", Tag::kUl},
    {"video", Tag::kVideo},
    {"wbr", Tag::kWbr},
    {"xmp", Tag::kXmp},
};

// The lower-case name of a named tag, for finding the end tag of raw text elements.
std::string_view NameOf(Tag tag) {
  static constexpr auto kNames = [] {
    std::array<std::string_view, static_cast<size_t>(Tag::kCount)> names{};
    for (const TagName& entry : kTagNames) names[static_cast<size_t>(entry.tag)] = entry.name;
    return names;
  }();
  return kNames[static_cast<size_t>(tag)];
}

// Open addressing on (length, first, last) so a lookup is one or two probes, no allocation.
class TagTable {
 public:
  TagTable() {
    for (const TagName& entry : kTagNames) {
      size_t slot = Hash(entry.name);
      while (slots_[slot].name.data() != nullptr) slot = (slot + 1) & kMask;
      slots_[slot] = entry;
    }
  }
  Tag Find(std::string_view name) const {
    if (name.empty() || name.size() > 10) return Tag::kUnknown;
    for (size_t slot = Hash(name);; slot = (slot + 1) & kMask) {
      if (slots_[slot].name.data() == nullptr) return Tag::kUnknown;
      if (slots_[slot].name == name) return slots_[slot].tag;
    }
  }

 private:
  static constexpr size_t kMask = 255;
  static size_t Hash(std::string_view name) {
    return (name.size() * 31 + static_cast<unsigned char>(name[0]) * 7 +
            static_cast<unsigned char>(name.back()) * 13) &
           kMask;
  }
  TagName slots_[kMask + 1] = {};
};

// Character classes of the tokenizer, one table lookup per byte in the name scans.
enum CharClass : uint8_t {
  kSpaceChar = 1,    // HTML white space
  kTagNameEnd = 2,   // ends a tag name: white space, '/', '>'
  kAttrNameEnd = 4,  // ends an attribute name: the same and '='
};

constexpr std::array<uint8_t, 256> kCharClasses = [] {
  std::array<uint8_t, 256> classes{};
  for (unsigned char c : {' ', '\n', '\t', '\r', '\f'}) {
    classes[c] = kSpaceChar | kTagNameEnd | kAttrNameEnd;
  }
  classes['/'] = classes['>'] = kTagNameEnd | kAttrNameEnd;
  classes['='] = kAttrNameEnd;
  return classes;
}();

inline bool HasClass(char c, CharClass char_class) {
  return (kCharClasses[static_cast<unsigned char>(c)] & char_class) != 0;
}
inline bool IsSpace(char c) { return HasClass(c, kSpaceChar); }
inline bool IsAsciiAlpha(char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

// ASCII lower-casing by table: the name scans lower every byte of every tag and attribute name.
constexpr std::array<char, 256> kLowerBytes = [] {
  std::array<char, 256> lower{};
  for (int c = 0; c < 256; ++c) lower[c] = Lower(static_cast<char>(c));
  return lower;
}();
inline char LowerByte(char c) { return kLowerBytes[static_cast<unsigned char>(c)]; }

enum class ContentModel { kNormal, kRawText, kRcdata, kSkip };

constexpr ContentModel ModelOf(Tag tag) {
  switch (tag) {
    case Tag::kScript:
    case Tag::kStyle:
    case Tag::kXmp:
    case Tag::kNoembed:
      return ContentModel::kRawText;
    case Tag::kIframe:
    case Tag::kNoscript:  // parsed as raw text, as a browser with scripting on does
    case Tag::kTemplate:
      return ContentModel::kSkip;
    case Tag::kTextarea:
    case Tag::kTitle:
      return ContentModel::kRcdata;
    default:
      return ContentModel::kNormal;
  }
}

// Elements whose start closes an open <p> (HTML5 "close a p element" list, shortened).
constexpr TagSet kClosesParagraph = {
    Tag::kAddress,    Tag::kArticle, Tag::kAside,  Tag::kBlockquote, Tag::kCenter,
    Tag::kDetails,    Tag::kDialog,  Tag::kDiv,    Tag::kDl,         Tag::kFieldset,
    Tag::kFigcaption, Tag::kFigure,  Tag::kFooter, Tag::kForm,       Tag::kH1,
    Tag::kH2,         Tag::kH3,      Tag::kH4,     Tag::kH5,         Tag::kH6,
    Tag::kHeader,     Tag::kHgroup,  Tag::kHr,     Tag::kMain,       Tag::kMenu,
    Tag::kNav,        Tag::kOl,      Tag::kP,      Tag::kPre,        Tag::kSection,
    Tag::kTable,      Tag::kUl,      Tag::kLi,     Tag::kDd,         Tag::kDt,
    Tag::kPlaintext};

// Elements that stop the search for an element to close implicitly.
constexpr TagSet kScopeBoundary = {Tag::kDocument, Tag::kHtml,    Tag::kTable,  Tag::kTd,
                                   Tag::kTh,       Tag::kCaption, Tag::kButton, Tag::kObject,
                                   Tag::kTemplate, Tag::kSvg,     Tag::kMath};

constexpr TagSet kVoidTags = {Tag::kArea,  Tag::kBase,   Tag::kBr,    Tag::kCol,  Tag::kEmbed,
                              Tag::kHr,    Tag::kImg,    Tag::kInput, Tag::kLink, Tag::kMeta,
                              Tag::kParam, Tag::kSource, Tag::kTrack, Tag::kWbr,  Tag::kFrame};

// Besides those that close a <p>.
constexpr TagSet kMoreBlocks = {Tag::kBody,    Tag::kBr,      Tag::kTd,     Tag::kTh,
                                Tag::kTr,      Tag::kCaption, Tag::kTbody,  Tag::kThead,
                                Tag::kTfoot,   Tag::kOption,  Tag::kSelect, Tag::kTextarea,
                                Tag::kSummary, Tag::kLegend,  Tag::kVideo,  Tag::kAudio,
                                Tag::kPicture, Tag::kImg,     Tag::kIframe, Tag::kButton};

// The properties above, looked up once per tag at compile time: the builder asks them for
// every element and every step of a stack search, where a switch costs a jump each.
enum TagFlag : uint8_t {
  kFlagVoid = 1,
  kFlagBlock = 2,
  kFlagClosesParagraph = 4,
  kFlagScopeBoundary = 8,
  kFlagRawContent = 16,  // ModelOf() is not kNormal
};

constexpr std::array<uint8_t, static_cast<size_t>(Tag::kCount)> kTagFlags = [] {
  std::array<uint8_t, static_cast<size_t>(Tag::kCount)> flags{};
  for (size_t i = 0; i < flags.size(); ++i) {
    Tag tag = static_cast<Tag>(i);
    const bool block = kClosesParagraph.Has(tag) || kMoreBlocks.Has(tag);
    flags[i] = (kVoidTags.Has(tag) ? kFlagVoid : 0) | (block ? kFlagBlock : 0) |
               (kClosesParagraph.Has(tag) ? kFlagClosesParagraph : 0) |
               (kScopeBoundary.Has(tag) ? kFlagScopeBoundary : 0) |
               (ModelOf(tag) != ContentModel::kNormal ? kFlagRawContent : 0);
  }
  return flags;
}();

inline bool HasFlag(Tag tag, TagFlag flag) {
  return (kTagFlags[static_cast<size_t>(tag)] & flag) != 0;
}
inline bool ClosesParagraph(Tag tag) { return HasFlag(tag, kFlagClosesParagraph); }
inline bool IsScopeBoundary(Tag tag) { return HasFlag(tag, kFlagScopeBoundary); }

}  // namespace

Tag LookupTag(std::string_view lower_name) {
  static const TagTable table;
  return table.Find(lower_name);
}

bool IsVoid(Tag tag) { return HasFlag(tag, kFlagVoid); }

bool IsHeading(Tag tag) { return tag >= Tag::kH1 && tag <= Tag::kH6; }

bool IsBlock(Tag tag) { return HasFlag(tag, kFlagBlock); }

std::string_view Tree::Attr(uint32_t index, std::string_view name) const {
  for (auto it = AttrBegin(index); it != AttrEnd(index); ++it) {
    if (View(it->name) == name) return View(it->value);
  }
  return {};
}

bool Tree::HasAttr(uint32_t index, std::string_view name) const {
  for (auto it = AttrBegin(index); it != AttrEnd(index); ++it) {
    if (View(it->name) == name) return true;
  }
  return false;
}

class TreeBuilder {
 public:
  TreeBuilder(std::string_view html, const ParseLimits& limits) : html_(html), limits_(limits) {
    tree_.nodes_.reserve(html.size() / 40 + 16);
    // Decoding never makes text longer than its markup, so this one reservation is final.
    tree_.text_.reserve(html.size() + 16);
    tree_.nodes_.push_back(Node{});
    Push(0);
  }

  Tree Build() {
    size_t pos = 0;
    while (pos < html_.size()) {
      if (tree_.nodes_.size() >= limits_.max_nodes) {
        tree_.truncated_ = true;
        break;
      }
      const char* lt =
          static_cast<const char*>(std::memchr(html_.data() + pos, '<', html_.size() - pos));
      size_t tag_start = lt ? static_cast<size_t>(lt - html_.data()) : html_.size();
      if (tag_start > pos) AddText(html_.substr(pos, tag_start - pos), /*decode=*/true);
      if (tag_start >= html_.size()) break;
      pos = ReadMarkup(tag_start);
    }
    return std::move(tree_);
  }

 private:
  // Reads the markup at html_[at] == '<'; returns the position after it.
  size_t ReadMarkup(size_t at) {
    size_t next = at + 1;
    if (next >= html_.size()) {
      AddText("<", false);
      return html_.size();
    }
    char c = html_[next];
    if (c == '!') {
      if (html_.compare(next, 3, "!--") == 0) {
        size_t end = html_.find("-->", next + 3);
        return end == std::string_view::npos ? html_.size() : end + 3;
      }
      return SkipPast(next, '>');
    }
    if (c == '?') return SkipPast(next, '>');
    if (c == '/') {
      if (next + 1 < html_.size() && IsAsciiAlpha(html_[next + 1])) return ReadEndTag(next + 1);
      return SkipPast(next, '>');
    }
    if (IsAsciiAlpha(c)) return ReadStartTag(next);
    AddText("<", false);
    return next;
  }

  size_t SkipPast(size_t from, char c) {
    size_t end = html_.find(c, from);
    return end == std::string_view::npos ? html_.size() : end + 1;
  }

  // Reads a name at `pos` up to white space, '/', '>' (and '=' for attribute names) into
  // name_, lower-cased; returns the position after it. Names longer than any we look up are
  // skipped over without a copy and leave name_ empty.
  size_t ReadName(size_t pos, bool attribute) {
    CharClass end_class = attribute ? kAttrNameEnd : kTagNameEnd;
    size_t start = pos;
    size_t limit = std::min(html_.size(), start + kLongestKnownName);
    const char* bytes = html_.data();
    for (; pos < limit && !HasClass(bytes[pos], end_class); ++pos) {
      name_buffer_[pos - start] = LowerByte(bytes[pos]);
    }
    while (pos < html_.size() && !HasClass(html_[pos], end_class)) ++pos;
    size_t size = pos - start;
    name_ = size <= kLongestKnownName ? std::string_view(name_buffer_, size) : std::string_view();
    return pos;
  }

  size_t ReadEndTag(size_t pos) {
    pos = ReadName(pos, /*attribute=*/false);
    CloseElement(LookupTag(name_));
    return SkipPast(pos, '>');
  }

  size_t ReadStartTag(size_t pos) {
    pos = ReadName(pos, /*attribute=*/false);
    Tag tag = LookupTag(name_);
    uint32_t first_attribute = static_cast<uint32_t>(tree_.attributes_.size());
    bool self_closing = false;
    for (;;) {
      while (pos < html_.size() && (IsSpace(html_[pos]) || html_[pos] == '/')) {
        self_closing = html_[pos] == '/';
        ++pos;
      }
      if (pos >= html_.size()) break;
      if (html_[pos] == '>') {
        ++pos;
        break;
      }
      self_closing = false;
      pos = ReadAttribute(pos);
    }
    uint32_t attribute_count = static_cast<uint32_t>(tree_.attributes_.size()) - first_attribute;
    uint32_t element = OpenElement(tag, first_attribute, attribute_count, self_closing);
    ContentModel model = ModelOf(tag);
    if (model == ContentModel::kNormal || self_closing) return pos;
    return ReadRawText(pos, model, element);
  }

  // Only the attributes extraction reads are stored; the rest (src, srcset, data-*, on*) is
  // skipped without a copy, which is most of the bytes of a modern page's markup.
  static bool IsKeptAttribute(std::string_view name) {
    if (name.size() < 2) return false;
    switch (name[0]) {
      case 'a':
        return name == "aria-hidden";
      case 'c':
        return name == "class" || name == "content";
      case 'd':
        return name == "datetime";
      case 'h':
        return name == "href" || name == "hidden";
      case 'i':
        return name == "id" || name == "itemprop";
      case 'n':
        return name == "name";
      case 'p':
        return name == "property";
      case 'r':
        return name == "rel";
      case 's':
        return name == "style";
      case 't':
        return name == "type";
      default:
        return false;
    }
  }

  size_t ReadAttribute(size_t pos) {
    size_t name_start = pos;
    pos = ReadName(pos, /*attribute=*/true);
    if (pos == name_start && pos < html_.size() && html_[pos] == '=') {
      ++pos;  // "=" with no name: skip it, as HTML5 starts a name with it
    }
    bool kept = IsKeptAttribute(name_);
    Attribute attribute;
    if (kept) {
      attribute.name.begin = static_cast<uint32_t>(tree_.text_.size());
      attribute.name.size = static_cast<uint32_t>(name_.size());
      tree_.text_.append(name_);
    }
    while (pos < html_.size() && IsSpace(html_[pos])) ++pos;
    std::string_view raw_value;
    if (pos < html_.size() && html_[pos] == '=') {
      ++pos;
      while (pos < html_.size() && IsSpace(html_[pos])) ++pos;
      if (pos < html_.size() && (html_[pos] == '"' || html_[pos] == '\'')) {
        size_t end = html_.find(html_[pos], pos + 1);
        if (end == std::string_view::npos) end = html_.size();
        raw_value = html_.substr(pos + 1, end - pos - 1);
        pos = std::min(end + 1, html_.size());
      } else {
        size_t start = pos;
        while (pos < html_.size() && !IsSpace(html_[pos]) && html_[pos] != '>') ++pos;
        raw_value = html_.substr(start, pos - start);
      }
    }
    if (!kept) return pos;
    attribute.value.begin = static_cast<uint32_t>(tree_.text_.size());
    AppendDecoded(raw_value, tree_.text_);
    attribute.value.size = static_cast<uint32_t>(tree_.text_.size()) - attribute.value.begin;
    tree_.attributes_.push_back(attribute);
    return pos;
  }

  // Content of script/style/title/...: up to the matching end tag, case-insensitive.
  size_t ReadRawText(size_t pos, ContentModel model, uint32_t element) {
    size_t end = FindEndTag(pos, NameOf(tree_.nodes_[element].tag));
    std::string_view content = html_.substr(pos, end - pos);
    if (model != ContentModel::kSkip) {
      Span span{static_cast<uint32_t>(tree_.text_.size()), 0};
      if (model == ContentModel::kRcdata) {
        AppendDecoded(content, tree_.text_);
      } else {
        tree_.text_.append(content);
      }
      span.size = static_cast<uint32_t>(tree_.text_.size()) - span.begin;
      tree_.nodes_[element].text = span;
    }
    if (open_.back() == element) PopTo(open_.size() - 1);
    if (end >= html_.size()) return end;
    return SkipPast(end, '>');
  }

  size_t FindEndTag(size_t pos, std::string_view lower_name) {
    while (pos < html_.size()) {
      const char* lt =
          static_cast<const char*>(std::memchr(html_.data() + pos, '<', html_.size() - pos));
      if (lt == nullptr) return html_.size();
      size_t at = static_cast<size_t>(lt - html_.data());
      size_t name_at = at + 2;
      if (name_at + lower_name.size() <= html_.size() && html_[at + 1] == '/') {
        bool same = true;
        for (size_t i = 0; i < lower_name.size() && same; ++i) {
          same = Lower(html_[name_at + i]) == lower_name[i];
        }
        size_t after = name_at + lower_name.size();
        if (same && (after == html_.size() || IsSpace(html_[after]) || html_[after] == '>' ||
                     html_[after] == '/')) {
          return at;
        }
      }
      pos = at + 1;
    }
    return html_.size();
  }

  uint32_t Append(Node node) {
    uint32_t index = static_cast<uint32_t>(tree_.nodes_.size());
    uint32_t parent = open_.back();
    node.parent = parent;
    Node& parent_node = tree_.nodes_[parent];
    if (parent_node.last_child == kNone) {
      parent_node.first_child = index;
    } else {
      tree_.nodes_[parent_node.last_child].next_sibling = index;
    }
    parent_node.last_child = index;
    tree_.nodes_.push_back(node);
    return index;
  }

  void AddText(std::string_view raw, bool decode) {
    uint32_t parent = open_.back();
    uint32_t last = tree_.nodes_[parent].last_child;
    // Adjacent text (split by a comment or a stray '<') joins the previous text node when that
    // node's text ends the buffer; otherwise start a new node.
    if (last != kNone && tree_.nodes_[last].tag == Tag::kText &&
        tree_.nodes_[last].text.begin + tree_.nodes_[last].text.size == tree_.text_.size()) {
      size_t before = tree_.text_.size();
      if (decode)
        AppendDecoded(raw, tree_.text_);
      else
        tree_.text_.append(raw);
      tree_.nodes_[last].text.size += static_cast<uint32_t>(tree_.text_.size() - before);
      return;
    }
    Node node;
    node.tag = Tag::kText;
    node.text.begin = static_cast<uint32_t>(tree_.text_.size());
    if (decode)
      AppendDecoded(raw, tree_.text_);
    else
      tree_.text_.append(raw);
    node.text.size = static_cast<uint32_t>(tree_.text_.size()) - node.text.begin;
    Append(node);
  }

  // Pops open elements down to and including the innermost `tag`, searching no further than
  // the nearest scope boundary (or `limit` levels).
  bool CloseWithinScope(Tag tag, size_t limit = 64) {
    if (OpenCount(tag) == 0) return false;  // most starts close no <p>: no stack walk
    for (size_t depth = open_.size() - 1, steps = 0; depth > 0 && steps < limit; --depth, ++steps) {
      Tag open_tag = tree_.nodes_[open_[depth]].tag;
      if (open_tag == tag) {
        PopTo(depth);
        return true;
      }
      if (IsScopeBoundary(open_tag)) return false;
      if ((tag == Tag::kLi) && (open_tag == Tag::kUl || open_tag == Tag::kOl)) return false;
      if ((tag == Tag::kDt || tag == Tag::kDd) && open_tag == Tag::kDl) return false;
    }
    return false;
  }

  void CloseImplied(Tag tag) {
    if (ClosesParagraph(tag)) CloseWithinScope(Tag::kP);
    switch (tag) {
      case Tag::kLi:
        CloseWithinScope(Tag::kLi);
        break;
      case Tag::kDt:
      case Tag::kDd:
        if (!CloseWithinScope(Tag::kDd)) CloseWithinScope(Tag::kDt);
        break;
      case Tag::kTd:
      case Tag::kTh:
        CloseCell();
        break;
      case Tag::kTr:
        CloseCell();
        CloseWithinTable(Tag::kTr);
        break;
      case Tag::kOption:
        CloseWithinScope(Tag::kOption, 2);
        break;
      default:
        break;
    }
  }

  // Closes an open td/th of the current row.
  bool CloseCell() {
    if (OpenCount(Tag::kTd) == 0 && OpenCount(Tag::kTh) == 0) return false;
    for (size_t depth = open_.size() - 1, steps = 0; depth > 0 && steps < 64; --depth, ++steps) {
      Tag open_tag = tree_.nodes_[open_[depth]].tag;
      if (open_tag == Tag::kTd || open_tag == Tag::kTh) {
        PopTo(depth);
        return true;
      }
      if (open_tag == Tag::kTr || open_tag == Tag::kTable) return false;
    }
    return false;
  }

  void CloseWithinTable(Tag tag) {
    if (OpenCount(tag) == 0) return;
    for (size_t depth = open_.size() - 1, steps = 0; depth > 0 && steps < 64; --depth, ++steps) {
      Tag open_tag = tree_.nodes_[open_[depth]].tag;
      if (open_tag == tag) {
        PopTo(depth);
        return;
      }
      if (open_tag == Tag::kTable) return;
    }
  }

  // HTML5 keeps one <html>, one <head> and one <body>: repeated start tags merge into the
  // open one, and content that cannot live in <head> closes it.
  bool MergesIntoDocumentElement(Tag tag) {
    if (tag == Tag::kHtml) return seen_html_ || !(seen_html_ = true);
    if (tag == Tag::kHead) return seen_head_ || seen_body_ || !(seen_head_ = true);
    if (tag == Tag::kBody) {
      CloseHead();
      return seen_body_ || !(seen_body_ = true);
    }
    if (!IsHeadContent(tag)) CloseHead();
    return false;
  }

  static bool IsHeadContent(Tag tag) {
    switch (tag) {
      case Tag::kMeta:
      case Tag::kLink:
      case Tag::kTitle:
      case Tag::kStyle:
      case Tag::kScript:
      case Tag::kBase:
      case Tag::kNoscript:
      case Tag::kTemplate:
      case Tag::kUnknown:
        return true;
      default:
        return false;
    }
  }

  void CloseHead() {
    if (!seen_head_ || head_closed_) return;
    head_closed_ = true;
    for (size_t depth = open_.size() - 1; depth > 0; --depth) {
      if (tree_.nodes_[open_[depth]].tag == Tag::kHead) {
        PopTo(depth);
        return;
      }
    }
  }

  uint32_t OpenElement(Tag tag, uint32_t first_attribute, uint32_t attribute_count,
                       bool self_closing) {
    if (MergesIntoDocumentElement(tag)) return open_.back();
    CloseImplied(tag);
    Node node;
    node.tag = tag;
    node.first_attribute = first_attribute;
    node.attribute_count = attribute_count;
    uint32_t index = Append(node);
    bool raw = HasFlag(tag, kFlagRawContent);
    bool has_content =
        !IsVoid(tag) &&
        !(self_closing && (raw || tag == Tag::kUnknown || tag == Tag::kSvg || tag == Tag::kMath));
    // Past the depth cap, elements still appear in the tree but do not nest further.
    if (has_content && (raw || open_.size() < limits_.max_depth)) Push(index);
    return index;
  }

  void CloseElement(Tag tag) {
    if (tag == Tag::kHead) {
      CloseHead();
      return;
    }
    if (tag == Tag::kBody || tag == Tag::kHtml) return;  // later content still belongs to body
    if (tag == Tag::kBr) {                               // "</br>" is a line break in every browser
      OpenElement(Tag::kBr, 0, 0, true);
      return;
    }
    if (OpenCount(tag) == 0) return;  // a stray end tag: nothing to close, no stack walk
    // Unknown elements share one Tag: an unknown end tag closes the innermost unknown element.
    for (size_t depth = open_.size() - 1; depth > 0; --depth) {
      const Node& open_node = tree_.nodes_[open_[depth]];
      if (open_node.tag == tag) {
        PopTo(depth);
        return;
      }
      // An end tag does not close across a table cell it is not inside of. A <button> is no
      // boundary here (HTML5 "has an element in scope" leaves it out): an unclosed
      // <button/> must not swallow the rest of the page.
      if (IsScopeBoundary(open_node.tag) && open_node.tag != Tag::kButton &&
          !(tag == Tag::kTable || tag == Tag::kTr || tag == Tag::kTbody || tag == Tag::kBody ||
            tag == Tag::kHtml)) {
        return;
      }
    }
  }

  // The stack of open elements changes only through Push and PopTo, which keep a count of
  // open elements per tag: the implied-end-tag searches skip the walk when none is open.
  void Push(uint32_t index) {
    open_.push_back(index);
    ++open_counts_[static_cast<size_t>(tree_.nodes_[index].tag)];
  }
  void PopTo(size_t depth) {
    while (open_.size() > depth) {
      --open_counts_[static_cast<size_t>(tree_.nodes_[open_.back()].tag)];
      open_.pop_back();
    }
  }
  uint32_t OpenCount(Tag tag) const { return open_counts_[static_cast<size_t>(tag)]; }

  std::string_view html_;
  ParseLimits limits_;
  Tree tree_;
  std::vector<uint32_t> open_;
  std::array<uint32_t, static_cast<size_t>(Tag::kCount)> open_counts_{};
  // The longest tag or kept attribute name: "blockquote", "figcaption", "aria-hidden".
  static constexpr size_t kLongestKnownName = 11;
  char name_buffer_[kLongestKnownName] = {};
  std::string_view name_;  // the last name read, lower-cased, in name_buffer_
  bool seen_html_ = false, seen_head_ = false, seen_body_ = false, head_closed_ = false;
};

Tree Tree::Parse(std::string_view html, const ParseLimits& limits) {
  return TreeBuilder(html, limits).Build();
}

}  // namespace parley::html
