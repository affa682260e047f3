// A light HTML tree built in one pass by our own tokenizer: no full HTML5 tree construction,
// just what article extraction needs. Handles void elements, raw-text elements (script, style,
// textarea, title...), implied end tags (p, li, dt/dd, td/th, tr, option), entity decoding and
// a depth cap, so unclosed tags, deep nesting and garbage never make it quadratic or recursive.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace parley::html {

enum class Tag : uint8_t {
  kDocument,  // the root
  kText,      // a text node
  kUnknown,   // any element we do not name
  kA,
  kAddress,
  kArticle,
  kAside,
  kAudio,
  kB,
  kBase,
  kBlockquote,
  kBody,
  kBr,
  kButton,
  kCanvas,
  kCaption,
  kCenter,
  kCode,
  kDd,
  kDetails,
  kDialog,
  kDiv,
  kDl,
  kDt,
  kEm,
  kEmbed,
  kFieldset,
  kFigcaption,
  kFigure,
  kFooter,
  kForm,
  kH1,
  kH2,
  kH3,
  kH4,
  kH5,
  kH6,
  kHead,
  kHeader,
  kHgroup,
  kHr,
  kHtml,
  kI,
  kIframe,
  kImg,
  kInput,
  kLabel,
  kLegend,
  kLi,
  kLink,
  kMain,
  kMath,
  kMenu,
  kMeta,
  kNav,
  kNoembed,
  kNoscript,
  kObject,
  kOl,
  kOptgroup,
  kOption,
  kP,
  kPicture,
  kPre,
  kS,
  kScript,
  kSection,
  kSelect,
  kSmall,
  kSource,
  kSpan,
  kStrong,
  kStyle,
  kSub,
  kSummary,
  kSup,
  kSvg,
  kTable,
  kTbody,
  kTd,
  kTemplate,
  kTextarea,
  kTfoot,
  kTh,
  kThead,
  kTime,
  kTitle,
  kTr,
  kU,
  kUl,
  kVideo,
  kWbr,
  kXmp,
  kArea,
  kCol,
  kParam,
  kTrack,
  kFrameset,
  kFrame,
  kPlaintext,
  kCount
};

inline constexpr uint32_t kNone = 0xffffffffu;

// A span of Tree::text().
struct Span {
  uint32_t begin = 0;
  uint32_t size = 0;
};

struct Attribute {
  Span name;   // lower-cased
  Span value;  // entity-decoded
};

struct Node {
  Tag tag = Tag::kDocument;
  uint32_t parent = kNone;
  uint32_t first_child = kNone;
  uint32_t last_child = kNone;
  uint32_t next_sibling = kNone;
  Span text;                     // text nodes: the decoded text; raw-text elements: their content
  uint32_t first_attribute = 0;  // into Tree::attributes()
  uint32_t attribute_count = 0;
};

struct ParseLimits {
  uint32_t max_depth = 256;  // deeper elements are attached flat under the deepest open one
  // Parsing stops after this many nodes (about 36 bytes each), which bounds memory on hostile
  // input such as 50 MB of <div>s; Tree::truncated() then says so.
  uint32_t max_nodes = 1'000'000;
};

// Nodes are stored in document order, so a parent's index is always below its children's:
// a reverse loop over nodes() visits every child before its parent.
class Tree {
 public:
  static Tree Parse(std::string_view html, const ParseLimits& limits = {});

  const std::vector<Node>& nodes() const { return nodes_; }
  bool truncated() const { return truncated_; }
  const Node& node(uint32_t index) const { return nodes_[index]; }
  std::string_view View(Span span) const {
    return std::string_view(text_).substr(span.begin, span.size);
  }
  std::string_view Text(uint32_t index) const { return View(nodes_[index].text); }
  // The value of attribute `name` (lower-case) of element `index`, or "" when absent. Only
  // class, id, style, hidden, aria-hidden, rel, type, property, name, itemprop, content,
  // datetime and href are kept.
  std::string_view Attr(uint32_t index, std::string_view name) const;
  bool HasAttr(uint32_t index, std::string_view name) const;
  std::vector<Attribute>::const_iterator AttrBegin(uint32_t index) const {
    return attributes_.begin() + nodes_[index].first_attribute;
  }
  std::vector<Attribute>::const_iterator AttrEnd(uint32_t index) const {
    return AttrBegin(index) + nodes_[index].attribute_count;
  }

 private:
  friend class TreeBuilder;
  std::vector<Node> nodes_;
  std::vector<Attribute> attributes_;
  std::string text_;  // decoded text and attribute values, referenced by Span
  bool truncated_ = false;
};

// A set of tags written as a list and asked with one table lookup, built at compile time:
//   constexpr TagSet kVoid = {Tag::kArea, Tag::kBase};  kVoid.Has(tag)
class TagSet {
 public:
  constexpr TagSet(std::initializer_list<Tag> tags) {
    for (Tag tag : tags) members_[static_cast<size_t>(tag)] = true;
  }
  constexpr bool Has(Tag tag) const { return members_[static_cast<size_t>(tag)]; }

 private:
  std::array<bool, static_cast<size_t>(Tag::kCount)> members_{};
};

// Tag properties used by the builder and the extractor.
Tag LookupTag(std::string_view lower_name);
bool IsVoid(Tag tag);
bool IsBlock(Tag tag);    // starts a new paragraph when rendered
bool IsHeading(Tag tag);  // h1..h6

// Decodes character references (&amp; &#233; &#x2019; and the common named ones) and appends
// the result to `out`. Unknown references are kept verbatim.
void AppendDecoded(std::string_view raw, std::string& out);

}  // namespace parley::html
