// Read stage, article layer: one Document in, one clean Article out, plus near-copy detection.
//
// HTML: a single-pass tokenizer builds a light tree; a block-scoring extractor keeps the
// headings, paragraphs, lists and block quotes of the article and drops navigation, ads,
// related-story lists, newsletter prompts, cookie banners, share bars, comments and footers.
// Metadata is merged by reliability: JSON-LD (schema.org *Article), OpenGraph and meta tags,
// <time>, bylines in the body, then the URL.
// Text: the same cleaning at line level (clutter lines dropped), title, date and author taken
// from what the text shows.
// See docs/reader.md for the scoring rules and the measured figures.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/read.h"

namespace parley {

struct Article {
  std::string path;     // Document::path
  std::string locator;  // Document::Locator(): where to look when something is wrong
  std::string id;       // DocumentId(text), or DocumentId(content) when the text is empty
  std::string url;
  std::string title;
  std::string author;  // "A. Writer"; several as the byline prints them ("A. Writer and
                       // B. Writer") or, from metadata alone, "A. Writer, B. Writer"
  std::string date;    // ISO 8601: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS][zone]"; may be empty
  std::string outlet;  // publisher or site name
  std::string lang;    // CLD2 code, e.g. "en"; "un" when unknown
  std::string text;    // the article body; paragraphs separated by one blank line
  std::string dup_of;  // id of an earlier near-copy (set by NearDuplicateIndex); empty if none
  // Why `text` is empty, e.g. "no article content found"; empty when text is not.
  std::string empty_reason;
};

struct ArticleOptions {
  // Bodies shorter than this many characters are reported empty with a reason.
  std::size_t min_text_chars = 1;
};

// Turns one document into an article. Never fails: a page without an article yields an empty
// `text` and an `empty_reason`. Thread-safe (no shared state); cost is linear in the input size.
Article ExtractArticle(const Document& document, const ArticleOptions& options = {});

struct NearDuplicateOptions {
  // Estimated Jaccard similarity of word-shingle sets at or above which two texts are
  // near-copies. 0.4 was chosen on data: see docs/reader.md ("Near-copies").
  double threshold = 0.4;
  int shingle_words = 4;       // words per shingle
  int bands = 20;              // LSH bands; rows per band = kMinHashes / bands
  std::size_t min_words = 20;  // shorter texts are never flagged (too few shingles to judge)
};

// MinHash signatures over word shingles with LSH banding: each call costs O(text + bands)
// plus the candidates that share a band, never a scan of all earlier documents.
// Memory: about 1 KB per indexed document (signature, id, band entries).
// FindOrAdd() is not thread-safe: call it from one thread (the ordered emit side of a
// pipeline). Sign() is const and may run on any thread, also while FindOrAdd() runs.
class NearDuplicateIndex {
 public:
  static constexpr int kMinHashes = 60;
  using Signature = std::vector<uint32_t>;

  explicit NearDuplicateIndex(NearDuplicateOptions options = {});

  // Returns the id of the first indexed document whose text is a near-copy of `text`, or ""
  // when there is none; then indexes `text` under `id` (only when it is not a copy, so every
  // copy points at the original).
  std::string FindOrAdd(const std::string& id, std::string_view text);
  // The same with a signature computed beforehand by Sign(), e.g. on a worker thread.
  std::string FindOrAdd(const std::string& id, Signature signature);

  // The MinHash signature of `text` (kMinHashes values); empty when the text has fewer than
  // `min_words` words.
  Signature Sign(std::string_view text) const;
  // The share of equal positions of two signatures: an unbiased Jaccard estimate.
  static double EstimateJaccard(const Signature& a, const Signature& b);

  // True when two signatures are near-copies (EstimateJaccard() at or above the threshold).
  bool AreNearCopies(const Signature& a, const Signature& b) const {
    return EstimateJaccard(a, b) >= options_.threshold;
  }

  std::size_t size() const { return ids_.size(); }

 private:
  NearDuplicateOptions options_;
  std::vector<std::string> ids_;
  std::vector<Signature> signatures_;
  // Band key -> document, an open-addressing table (linear probing; a key may repeat, one slot
  // per document that has it): no allocation per entry, so indexing every stored signature of a
  // large store stays cheap. An empty slot holds kNoDocument.
  static constexpr uint32_t kNoDocument = UINT32_MAX;
  std::vector<std::pair<uint64_t, uint32_t>> band_slots_;
  std::size_t band_entries_ = 0;
  void AddBand(uint64_t key, uint32_t document);
};

}  // namespace parley
