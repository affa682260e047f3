// Main-content extraction by block scoring.
//
// The scoring follows the scheme of Mozilla Readability (Readability.js, _grabArticle): each
// text block scores 1 + commas + min(3, chars / 100), added to its ancestors with the divider
// 1, 2, 3*level; the best ancestor, discounted by its link density and weighted by class/id
// hints, is the container, and siblings that score close to it join. Our own parts: the
// statistics come from linear passes over the light tree (children sit after parents), a
// class/id hint never drops a subtree holding most of the page text, and every rendered
// paragraph is filtered again by link density, boilerplate phrases and date stamps.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dates.h"
#include "html_extract.h"
#include "html_tree.h"
#include "parley/language.h"
#include "parley/status.h"
#include "parley/text_util.h"

namespace parley::html {
namespace {

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Words of class and id values that mark boilerplate (data/lang/en/html_class_*.tsv). Definite
// words drop the element even beside a positive word; strong words drop it unless a positive
// word is there too (layout classes mix both); weak words ("widget", "meta", ...) also name
// containers of real text on many sites, so they only drop an element that is mostly links.
enum class Hint : int8_t { kNone, kWeak, kStrong, kDefinite };

// data/lang/en: page templates name their classes in English whatever the article's language,
// and the reader runs before that language is known.
const WordList& ClassWords(std::string_view kind) {
  return DefaultLanguages().English().Words(kind);
}

struct WordHint {
  std::string_view word;
  Hint negative = Hint::kNone;
  bool positive = false;
};

// The words above in an open-addressing table: a class word costs one hash and mostly one
// comparison, where a scan of the lists cost a hundred (it was a tenth of the extraction time).
class HintTable {
 public:
  HintTable() {
    for (std::string_view word : ClassWords("html_class_strong")) {
      Slot(word).negative = Hint::kStrong;
    }
    for (std::string_view word : ClassWords("html_class_weak")) Slot(word).negative = Hint::kWeak;
    for (std::string_view word : ClassWords("html_class_definite")) {
      Slot(word).negative = Hint::kDefinite;
    }
    for (std::string_view word : ClassWords("html_class_positive")) Slot(word).positive = true;
  }
  const WordHint* Find(std::string_view word) const {
    for (size_t slot = Hash(word);; slot = (slot + 1) & kMask) {
      if (slots_[slot].word.empty()) return nullptr;
      if (slots_[slot].word == word) return &slots_[slot];
    }
  }

 private:
  static constexpr size_t kMask = 511;
  // FNV-1a.
  static size_t Hash(std::string_view word) {
    uint32_t hash = 2166136261u;
    for (char c : word) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    return hash & kMask;
  }
  WordHint& Slot(std::string_view word) {
    size_t slot = Hash(word);
    while (!slots_[slot].word.empty() && slots_[slot].word != word) slot = (slot + 1) & kMask;
    if (slots_[slot].word.empty()) {
      // Find() stops at an empty slot: the data files may not fill the table.
      PARLEY_CHECK(++filled_ < kMask / 2);
      slots_[slot].word = word;
    }
    return slots_[slot];
  }
  WordHint slots_[kMask + 1];
  size_t filled_ = 0;
};

struct Hints {
  Hint negative = Hint::kNone;
  bool positive = false;
};

bool HasNegativePart(std::string_view word) {
  static const WordList& parts = ClassWords("html_class_parts");
  for (std::string_view part : parts) {
    if (word.find(part) != std::string_view::npos) return true;
  }
  return false;
}

// Splits class and id values into lower-case alphanumeric words and looks each up. Words
// longer than any in the table are skipped without a copy.
Hints ClassHints(const Tree& tree, uint32_t index) {
  static const HintTable table;
  constexpr size_t kLongestWord = 24;
  constexpr size_t kShortestCompound = 9;
  Hints hints;
  char word[kLongestWord];
  size_t size = 0;
  auto flush = [&] {
    if (size > 0 && size <= kLongestWord) {
      std::string_view text(word, size);
      if (const WordHint* hint = table.Find(text)) {
        hints.negative = std::max(hints.negative, hint->negative);
        hints.positive = hints.positive || hint->positive;
      } else if (size >= kShortestCompound && HasNegativePart(text)) {
        hints.negative = Hint::kStrong;
      }
    }
    size = 0;
  };
  for (auto it = tree.AttrBegin(index); it != tree.AttrEnd(index); ++it) {
    std::string_view name = tree.View(it->name);
    if (name != "class" && name != "id") continue;
    for (char c : tree.View(it->value)) {
      if (IsAlnum(c)) {
        if (size < kLongestWord) word[size] = Lower(c);
        ++size;
      } else {
        flush();
      }
    }
    flush();
  }
  return hints;
}

bool IsHidden(const Tree& tree, uint32_t index) {
  if (tree.HasAttr(index, "hidden")) return true;
  if (tree.Attr(index, "aria-hidden") == "true") return true;
  std::string_view style = tree.Attr(index, "style");
  if (style.empty()) return false;
  std::string compact;
  for (char c : style) {
    if (c != ' ') compact.push_back(Lower(c));
  }
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

// Elements that never hold article text.
constexpr TagSet kNonContentTags = {
    Tag::kHead,   Tag::kScript, Tag::kStyle,    Tag::kNoscript, Tag::kTemplate,
    Tag::kIframe, Tag::kSvg,    Tag::kMath,     Tag::kSelect,   Tag::kOption,
    Tag::kButton, Tag::kInput,  Tag::kTextarea, Tag::kCanvas,   Tag::kVideo,
    Tag::kAudio,  Tag::kObject, Tag::kEmbed,    Tag::kTitle,    Tag::kMeta,
    Tag::kLink,   Tag::kLabel,  Tag::kXmp,      Tag::kNoembed,  Tag::kFrameset};
bool IsNonContentTag(Tag tag) { return kNonContentTags.Has(tag); }

// Elements that hold page furniture (navigation, asides, footers, captions) on a well-formed
// page. They drop their subtree, except one that holds most of the page's prose and the
// page's first <h1>: on a page that never closes an <aside>, the article sits inside it.
constexpr TagSet kFurnitureTags = {Tag::kNav,        Tag::kAside,  Tag::kFooter, Tag::kDialog,
                                   Tag::kFigcaption, Tag::kFigure, Tag::kMenu};
bool IsFurnitureTag(Tag tag) { return kFurnitureTags.Has(tag); }

// Byte classes for the per-character loops, one table lookup each.
enum ByteClass : uint8_t { kSpaceByte = 1, kCommaByte = 2 };

constexpr std::array<uint8_t, 256> kByteClasses = [] {
  std::array<uint8_t, 256> classes{};
  for (unsigned char c : {' ', '\n', '\t', '\r', '\f'}) classes[c] = kSpaceByte;
  classes[','] = kCommaByte;
  return classes;
}();

inline uint8_t ByteClassOf(char c) { return kByteClasses[static_cast<unsigned char>(c)]; }

// Counts bytes that are not white space: a cheap, allocation-free length for scoring. Branch
// free, as it runs over every text byte of the page.
uint32_t CountVisible(std::string_view text, uint32_t* commas) {
  uint32_t spaces = 0, comma_count = 0;
  for (char c : text) {
    uint8_t byte_class = ByteClassOf(c);
    spaces += byte_class & kSpaceByte;
    comma_count += byte_class >> 1;
  }
  *commas += comma_count;
  return static_cast<uint32_t>(text.size()) - spaces;
}

struct NodeStats {
  uint32_t chars = 0;        // visible text bytes in the subtree (kept nodes only)
  uint32_t link_chars = 0;   // of which inside <a>
  uint32_t prose_chars = 0;  // of which in <p> and not in <a>
  uint32_t own_chars = 0;    // block elements: text whose nearest block ancestor is this one
  uint32_t own_link_chars = 0;
  uint32_t own_commas = 0;
  uint32_t text_chars = 0;  // text nodes: visible bytes, counted once for both passes
  uint32_t text_commas = 0;
  uint32_t block_owner = kNone;  // nearest block ancestor-or-self
  float score = 0;
  bool skipped = false;
  bool in_link = false;
  bool candidate = false;
  bool hidden = false;       // hidden itself or inside a hidden element
  bool in_code = false;      // inside <pre> or <code>, where classes name syntax tokens
  bool holds_table = false;  // a <table> in the subtree
};

int TagWeight(Tag tag) {
  switch (tag) {
    case Tag::kDiv:
    case Tag::kArticle:
    case Tag::kMain:
    case Tag::kSection:
      return 5;
    case Tag::kPre:
    case Tag::kTd:
    case Tag::kBlockquote:
      return 3;
    case Tag::kAddress:
    case Tag::kOl:
    case Tag::kUl:
    case Tag::kDl:
    case Tag::kDd:
    case Tag::kDt:
    case Tag::kLi:
    case Tag::kForm:
      return -3;
    case Tag::kH1:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kH5:
    case Tag::kH6:
    case Tag::kTh:
      return -5;
    default:
      return 0;
  }
}

class ContentExtractor {
 public:
  ContentExtractor(const Tree& tree, std::string_view title)
      : tree_(tree), title_(CollapseWhitespace(title)), stats_(tree.nodes().size()) {}

  Content Run() {
    MarkByTag();
    CountSubtreeText();
    CountHiddenProse();
    MarkByHints();
    CountKeptText();
    uint32_t top = ScoreCandidates();
    Content content;
    if (top == kNone) {
      // No block scored (a fragment such as "<p>one short paragraph</p>", or a page of a few
      // lines): render what is left of the page after the furniture was dropped.
      Render(0, content);
    } else {
      for (uint32_t root : JoinSiblings(ClimbToContainer(top))) Render(root, content);
    }
    DropTrailingHeadings(content);
    return content;
  }

 private:
  const Node& node(uint32_t i) const { return tree_.node(i); }

  void MarkByTag() {
    const auto& nodes = tree_.nodes();
    for (uint32_t i = 1; i < nodes.size(); ++i) {
      NodeStats& stats = stats_[i];
      const NodeStats& parent = stats_[nodes[i].parent];
      stats.in_link = parent.in_link || nodes[i].tag == Tag::kA;
      stats.in_code = parent.in_code || nodes[i].tag == Tag::kPre || nodes[i].tag == Tag::kCode;
      stats.skipped = parent.skipped;
      if (!stats.skipped && nodes[i].tag != Tag::kText) {
        stats.skipped = IsNonContentTag(nodes[i].tag);
      }
      Tag tag = nodes[i].tag;
      stats.block_owner = (tag != Tag::kText && IsBlock(tag) && tag != Tag::kBr)
                              ? i
                              : stats_[nodes[i].parent].block_owner;
    }
  }

  // Subtree text before class hints and hiding, so neither removes most of the page's prose
  // (text in <p>): a page can be one "newsletter" section or a hidden streaming container.
  void CountSubtreeText() {
    const auto& nodes = tree_.nodes();
    for (uint32_t i = static_cast<uint32_t>(nodes.size()); i-- > 1;) {
      if (stats_[i].skipped) continue;
      if (nodes[i].tag == Tag::kText) {
        stats_[i].text_chars = CountVisible(tree_.Text(i), &stats_[i].text_commas);
        stats_[i].chars = stats_[i].text_chars;
        if (stats_[i].in_link) stats_[i].link_chars = stats_[i].chars;
        uint32_t owner = stats_[i].block_owner;
        if (!stats_[i].in_link && owner != kNone && node(owner).tag == Tag::kP) {
          stats_[i].prose_chars = stats_[i].chars;
        }
      }
      stats_[nodes[i].parent].chars += stats_[i].chars;
      stats_[nodes[i].parent].link_chars += stats_[i].link_chars;
      stats_[nodes[i].parent].prose_chars += stats_[i].prose_chars;
      stats_[i].holds_table = stats_[i].holds_table || nodes[i].tag == Tag::kTable;
      stats_[nodes[i].parent].holds_table |= stats_[i].holds_table;
    }
    total_prose_chars_ = stats_[0].prose_chars;
  }

  // Pages rendered by streaming (React's `<div hidden id="S:0">` chunks, one per paragraph)
  // ship the article in hidden elements that are moved into place by script. When the hidden
  // elements together hold most of the page's prose, hiding is not a reason to drop them.
  void CountHiddenProse() {
    const auto& nodes = tree_.nodes();
    uint32_t hidden_prose = 0;
    for (uint32_t i = 1; i < nodes.size(); ++i) {
      NodeStats& stats = stats_[i];
      const NodeStats& parent = stats_[nodes[i].parent];
      if (stats.skipped || nodes[i].tag == Tag::kText) continue;
      stats.hidden = parent.hidden || (nodes[i].attribute_count > 0 && IsHidden(tree_, i));
      if (stats.hidden && !parent.hidden) hidden_prose += stats.prose_chars;
    }
    hidden_holds_most_prose_ = hidden_prose * 2 >= total_prose_chars_ && hidden_prose > 0;
  }

  void MarkByHints() {
    const auto& nodes = tree_.nodes();
    hint_positive_.assign(nodes.size(), 0);
    for (uint32_t i = 1; i < nodes.size() && first_h1_ == kNone; ++i) {
      if (nodes[i].tag == Tag::kH1 && !stats_[i].skipped) first_h1_ = i;
    }
    for (uint32_t i = 1; i < nodes.size(); ++i) {
      NodeStats& stats = stats_[i];
      if (stats_[nodes[i].parent].skipped) stats.skipped = true;
      if (stats.skipped || nodes[i].tag == Tag::kText) continue;
      Tag tag = nodes[i].tag;
      if (tag == Tag::kBody || tag == Tag::kHtml || tag == Tag::kArticle || tag == Tag::kMain ||
          stats.in_code) {
        continue;
      }
      Hints hints = ClassHints(tree_, i);
      bool holds_most_prose = stats.prose_chars * 2 >= total_prose_chars_ && stats.prose_chars > 0;
      bool mostly_links = stats.link_chars * 2 > stats.chars;
      // A definite word names furniture even beside a positive one ("article-related",
      // "post-comments"); the guard above keeps the real container. Layout words
      // ("l-sidebar-fixed l-article-body") yield to a positive one.
      bool boilerplate = hints.negative == Hint::kDefinite ||
                         (!hints.positive && (hints.negative == Hint::kStrong ||
                                              (hints.negative == Hint::kWeak && mostly_links)));
      // A <figure> that holds a table (WordPress "wp-block-table") is article data.
      bool furniture = IsFurnitureTag(tag) && !(tag == Tag::kFigure && stats.holds_table) &&
                       !(holds_most_prose && Contains(i, first_h1_));
      bool hidden = stats.hidden && !hidden_holds_most_prose_;
      if (furniture || (!holds_most_prose && (boilerplate || hidden))) {
        stats.skipped = true;
      }
      hint_positive_[i] = hints.positive ? 1 : (hints.negative != Hint::kNone ? -1 : 0);
    }
  }

  void CountKeptText() {
    const auto& nodes = tree_.nodes();
    for (NodeStats& stats : stats_) {
      stats.chars = 0;
      stats.link_chars = 0;
      stats.prose_chars = 0;
    }
    for (uint32_t i = static_cast<uint32_t>(nodes.size()); i-- > 1;) {
      NodeStats& stats = stats_[i];
      if (stats.skipped) continue;
      if (nodes[i].tag == Tag::kText) {
        stats.chars = stats.text_chars;
        if (stats.in_link) stats.link_chars = stats.chars;
        uint32_t owner = stats.block_owner;
        stats.prose_chars =
            (!stats.in_link && owner != kNone && node(owner).tag == Tag::kP) ? stats.chars : 0;
        if (owner != kNone) {
          stats_[owner].own_chars += stats.chars;
          stats_[owner].own_link_chars += stats.link_chars;
          stats_[owner].own_commas += stats.text_commas;
        }
      }
      stats_[nodes[i].parent].chars += stats.chars;
      stats_[nodes[i].parent].link_chars += stats.link_chars;
      stats_[nodes[i].parent].prose_chars += stats.prose_chars;
    }
    total_prose_chars_ = stats_[0].prose_chars;
  }

  float LinkDensity(uint32_t i) const {
    return stats_[i].chars == 0 ? 0.f : static_cast<float>(stats_[i].link_chars) / stats_[i].chars;
  }

  void AddScore(uint32_t i, float score) {
    NodeStats& stats = stats_[i];
    if (!stats.candidate) {
      stats.candidate = true;
      stats.score = static_cast<float>(TagWeight(node(i).tag));
    }
    stats.score += score;
  }

  uint32_t ScoreCandidates() {
    const auto& nodes = tree_.nodes();
    for (uint32_t i = 1; i < nodes.size(); ++i) {
      const NodeStats& stats = stats_[i];
      if (stats.skipped || nodes[i].tag == Tag::kText || stats.block_owner != i) continue;
      uint32_t plain = stats.own_chars - stats.own_link_chars;
      if (plain < 25) continue;
      float score = 1.f + stats.own_commas + std::min(3.f, plain / 100.f);
      // Text written straight into a <div> counts as a paragraph inside it, as Readability
      // wraps such text runs in a <p> (its DIV_TO_P step): the div itself is level 0.
      uint32_t ancestor = nodes[i].tag == Tag::kDiv ? i : nodes[i].parent;
      for (int level = 0; level < 5 && ancestor != kNone && ancestor != 0; ++level) {
        float divider = level == 0 ? 1.f : (level == 1 ? 2.f : level * 3.f);
        AddScore(ancestor, score / divider);
        ancestor = nodes[ancestor].parent;
      }
    }
    uint32_t top = kNone;
    float best = 0;
    for (uint32_t i = 1; i < nodes.size(); ++i) {
      NodeStats& stats = stats_[i];
      if (!stats.candidate || stats.skipped) continue;
      // Hints scale the score instead of adding Readability's +-25, so a tiny element named
      // "content" cannot outscore the real text.
      float hint_factor = hint_positive_[i] > 0 ? 1.5f : (hint_positive_[i] < 0 ? 0.5f : 1.f);
      stats.score *= (1.f - LinkDensity(i)) * hint_factor;
      if (stats.score > best) {
        best = stats.score;
        top = i;
      }
    }
    return top;
  }

  bool Contains(uint32_t ancestor, uint32_t i) const {
    for (; i != kNone; i = node(i).parent) {
      if (i == ancestor) return true;
    }
    return false;
  }

  // Articles split into many blocks (one per section or CMS widget) score as several close
  // candidates. As Readability does: when three of the next best candidates, each within 75%
  // of the top, share an ancestor with it, that ancestor is the container; then climb while
  // the parent keeps at least a third of the score and rises above the last one.
  uint32_t ClimbToContainer(uint32_t top) const {
    std::vector<uint32_t> close;
    float top_score = stats_[top].score;
    for (uint32_t i = 1; i < stats_.size(); ++i) {
      if (i != top && stats_[i].candidate && !stats_[i].skipped &&
          stats_[i].score >= 0.75f * top_score) {
        close.push_back(i);
      }
    }
    std::sort(close.begin(), close.end(),
              [&](uint32_t a, uint32_t b) { return stats_[a].score > stats_[b].score; });
    if (close.size() > 5) close.resize(5);
    if (close.size() >= 3) {
      for (uint32_t ancestor = node(top).parent; ancestor != kNone && ancestor != 0;
           ancestor = node(ancestor).parent) {
        int contained = 0;
        for (uint32_t other : close) contained += Contains(ancestor, other);
        if (contained >= 3) {
          top = ancestor;
          break;
        }
      }
    }
    float last_score = stats_[top].score;
    float floor = last_score / 3;
    for (uint32_t parent = node(top).parent; parent != kNone && parent != 0;
         parent = node(parent).parent) {
      Tag tag = node(parent).tag;
      if (tag == Tag::kBody || tag == Tag::kHtml) break;
      if (!stats_[parent].candidate) continue;
      float score = stats_[parent].score;
      if (score < floor) break;
      if (score > last_score ||
          (score >= 0.5f * stats_[top].score && stats_[parent].chars >= 2 * stats_[top].chars)) {
        top = parent;
        break;
      }
      last_score = score;
    }
    // Paragraph text that the container misses but an ancestor holds (a long article cut into
    // CMS blocks that score low one by one) pulls the container up: while it holds less than
    // half of the kept paragraph text, climb to an ancestor with more at low link density.
    for (uint32_t parent = node(top).parent;
         parent != kNone && parent != 0 && node(parent).tag != Tag::kBody &&
         stats_[top].prose_chars * 10 < total_prose_chars_ * 7;
         parent = node(parent).parent) {
      if (LinkDensity(parent) >= 0.3f) break;
      if (stats_[parent].prose_chars * 2 >= stats_[top].prose_chars * 3) top = parent;
    }
    return top;
  }

  // Siblings of the container that score close to it, or read like paragraphs, join it.
  std::vector<uint32_t> JoinSiblings(uint32_t top) const {
    std::vector<uint32_t> roots;
    uint32_t parent = node(top).parent;
    if (parent == kNone) return {top};
    float threshold = std::max(10.f, stats_[top].score * 0.2f);
    for (uint32_t i = node(parent).first_child; i != kNone; i = node(i).next_sibling) {
      const NodeStats& stats = stats_[i];
      if (i == top) {
        roots.push_back(i);
        continue;
      }
      if (stats.skipped || node(i).tag == Tag::kText) continue;
      bool joins = stats.candidate && stats.score >= threshold;
      if (!joins && node(i).tag == Tag::kP) {
        float density = LinkDensity(i);
        uint32_t chars = stats.chars;
        joins = (chars > 80 && density < 0.25f) || (chars > 0 && density == 0 && EndsSentence(i));
      }
      // A lead or summary written straight into a <div> (no <p>) reads like a paragraph too:
      // all of its text is its own and it has no links.
      if (!joins && node(i).tag == Tag::kDiv && stats.own_chars == stats.chars) {
        joins = stats.chars > 80 && stats.link_chars == 0 && EndsSentence(i);
      }
      if (joins) roots.push_back(i);
    }
    return roots;
  }

  bool EndsSentence(uint32_t i) const {
    std::string text;
    for (uint32_t c = node(i).first_child; c != kNone; c = node(c).next_sibling) {
      if (node(c).tag == Tag::kText) text.append(tree_.Text(c));
    }
    std::string collapsed = CollapseWhitespace(text);
    return !collapsed.empty() && (collapsed.back() == '.' || collapsed.back() == '!' ||
                                  collapsed.back() == '?' || collapsed.back() == '"');
  }

  // Renders a subtree into paragraphs: block elements break paragraphs, inline text joins.
  void Render(uint32_t root, Content& content) {
    Paragraph paragraph;
    std::vector<std::pair<uint32_t, bool>> stack;  // (node, leaving)
    stack.push_back({root, false});
    while (!stack.empty()) {
      auto [i, leaving] = stack.back();
      stack.pop_back();
      const Node& current = node(i);
      if (leaving) {
        Flush(paragraph, content);
        continue;
      }
      if (stats_[i].skipped) continue;
      if (current.tag == Tag::kText) {
        paragraph.Append(tree_.Text(i), stats_[i].in_link);
        continue;
      }
      bool block = IsBlock(current.tag);
      if (block) {
        Flush(paragraph, content);
        if (IsHeading(current.tag)) paragraph.heading = true;
        stack.push_back({i, true});
      }
      // Children are pushed in reverse so they pop in document order.
      size_t mark = stack.size();
      for (uint32_t child = current.first_child; child != kNone; child = node(child).next_sibling) {
        stack.push_back({child, false});
      }
      std::reverse(stack.begin() + mark, stack.end());
    }
    Flush(paragraph, content);
  }

  struct Paragraph {
    std::string text;
    uint32_t link_chars = 0;
    bool heading = false;
    bool pending_space = false;

    // Appends `raw` with white space runs (U+00A0 included) folded to one space; whole runs
    // of other bytes are copied at once.
    void Append(std::string_view raw, bool in_link) {
      size_t k = 0;
      while (k < raw.size()) {
        size_t space = SpaceLength(raw, k);
        if (space > 0) {
          pending_space = !text.empty();
          k += space;
          continue;
        }
        size_t end = k + 1;
        while (end < raw.size() && SpaceLength(raw, end) == 0) ++end;
        if (pending_space) {
          text.push_back(' ');
          pending_space = false;
        }
        text.append(raw.data() + k, end - k);
        if (in_link) link_chars += static_cast<uint32_t>(end - k);
        k = end;
      }
    }
  };

  // 1 for an ASCII space, 2 for U+00A0 (C2 A0), else 0.
  static size_t SpaceLength(std::string_view raw, size_t k) {
    char c = raw[k];
    if (ByteClassOf(c) & kSpaceByte) return 1;
    if (c == '\xC2' && k + 1 < raw.size() && raw[k + 1] == '\xA0') return 2;
    return 0;
  }

  void Flush(Paragraph& paragraph, Content& content) {
    if (!paragraph.text.empty() && Keeps(paragraph)) {
      if (content.paragraphs.empty() || content.paragraphs.back() != paragraph.text) {
        content.paragraphs.push_back(std::move(paragraph.text));
        heading_flags_.push_back(paragraph.heading);
      }
    }
    paragraph = Paragraph{};
  }

  bool Keeps(const Paragraph& paragraph) const {
    const std::string& text = paragraph.text;
    float density = static_cast<float>(paragraph.link_chars) / text.size();
    if (density > 0.5f && text.size() < 400) return false;
    if (paragraph.heading && !title_.empty() && text == title_) return false;
    return !IsBoilerplatePhrase(text) && !IsDateLine(text);
  }

  // A publication or update stamp on its own line ("Jan 13, 2025", "Published: July 1,
  // 2023 8:22AM EST"): metadata, not article text. A short sentence that mentions a date ends
  // with a full stop, and the signature line of an embedded post names its @account: both stay.
  static bool IsDateLine(const std::string& text) {
    constexpr size_t kLongestDateLine = 60;
    constexpr int kMostWords = 8;
    if (text.size() > kLongestDateLine || text.back() == '.') return false;
    if (text.find('@') != std::string::npos) return false;
    int words = 1 + static_cast<int>(std::count(text.begin(), text.end(), ' '));
    return words <= kMostWords && !FindDateInText(text).empty();
  }

  // A short paragraph that asks the reader to subscribe ("Get the latest updates in your
  // inbox. Subscribe to our newsletters."): it names a newsletter or an inbox together with
  // a call to sign up.
  static bool IsSubscriptionPrompt(std::string_view lower) {
    bool names_delivery = lower.find("newsletter") != std::string_view::npos ||
                          lower.find("inbox") != std::string_view::npos ||
                          lower.find("letterbox") != std::string_view::npos;
    bool calls_to_act = lower.find("subscribe") != std::string_view::npos ||
                        lower.find("sign up") != std::string_view::npos ||
                        lower.find("delivered") != std::string_view::npos;
    return names_delivery && calls_to_act;
  }

  // A short line asking the reader to pass the story on ("Like this story? Share it with a
  // friend!").
  static bool IsSharePrompt(std::string_view lower) {
    constexpr size_t kLongestPrompt = 80;
    return lower.size() <= kLongestPrompt &&
           (lower.find("share this") != std::string_view::npos ||
            lower.find("share it with") != std::string_view::npos);
  }

  // Short paragraphs that are site furniture rather than article text.
  static bool IsBoilerplatePhrase(const std::string& text) {
    if (text.size() > 200) return false;
    std::string lower;
    for (char c : text) lower.push_back(Lower(c));
    if (IsSubscriptionPrompt(lower) || IsSharePrompt(lower)) return true;
    if (text.size() > 90) return false;
    // data/lang/en: the reader runs before the article's language is known.
    static const WordList& kPrefixes = DefaultLanguages().English().Words("boilerplate_prefixes");
    for (std::string_view prefix : kPrefixes) {
      if (lower.compare(0, prefix.size(), prefix) == 0) return true;
    }
    return false;
  }

  // A heading that ends the body introduces something we dropped (related links, comments).
  void DropTrailingHeadings(Content& content) {
    while (!content.paragraphs.empty() && heading_flags_.size() == content.paragraphs.size() &&
           heading_flags_.back()) {
      content.paragraphs.pop_back();
      heading_flags_.pop_back();
    }
  }

  const Tree& tree_;
  std::string title_;
  std::vector<NodeStats> stats_;
  std::vector<int8_t> hint_positive_;
  std::vector<bool> heading_flags_;
  uint32_t total_prose_chars_ = 0;
  bool hidden_holds_most_prose_ = false;
  uint32_t first_h1_ = kNone;  // the page's first <h1> outside dropped tags
};

}  // namespace

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t k = 0; k < text.size(); ++k) {
    char c = text[k];
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (!space && c == '\xC2' && k + 1 < text.size() && text[k + 1] == '\xA0') {
      ++k;
      space = true;
    }
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

Content ExtractContent(const Tree& tree, std::string_view title) {
  return ContentExtractor(tree, title).Run();
}

}  // namespace parley::html
