// Near-copy detection: MinHash over word shingles (Broder 1997, "On the resemblance and
// containment of documents") with LSH banding (Leskovec, Rajaraman, Ullman, "Mining of Massive
// Datasets", ch. 3.4): with b bands of r rows, a pair of Jaccard similarity s shares a band
// with probability 1 - (1 - s^r)^b. Our 20 bands x 3 rows put the 50% point at
// (1/20)^(1/3) = 0.37, just under the 0.4 threshold (0.73 at s = 0.4, 0.93 at 0.5), while an
// unrelated pair (s ~ 0.03) meets in a band with probability 5e-4; candidates are confirmed
// on the full signature.
#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parley/article.h"

namespace parley {
namespace {

constexpr uint32_t kEmptyBin = UINT32_MAX;

// Fills each empty bin from the first filled bin on its own fixed probe sequence ("optimal
// densification", Shrivastava 2017, "Optimal densification for fast and accurate minwise
// hashing", ICML). Two texts probe alike, so a copied value matches exactly when the source
// bins match, which keeps the estimate of Jaccard similarity unbiased.
void Densify(NearDuplicateIndex::Signature& signature) {
  const uint32_t bins = static_cast<uint32_t>(signature.size());
  NearDuplicateIndex::Signature filled = signature;
  if (std::count(filled.begin(), filled.end(), kEmptyBin) == bins) return;  // nothing to copy
  for (uint32_t bin = 0; bin < bins; ++bin) {
    if (filled[bin] != kEmptyBin) continue;
    for (uint64_t attempt = 1;; ++attempt) {
      uint64_t key[2] = {bin, attempt};
      uint32_t source = static_cast<uint32_t>(XXH64(key, sizeof key, 0) % bins);
      if (filled[source] != kEmptyBin) {
        signature[bin] = filled[source];
        break;
      }
    }
  }
}

// Lower-case word hashes: letters and digits (any byte >= 0x80 counts as a letter, so
// non-Latin scripts form words too).
std::vector<uint64_t> WordHashes(std::string_view text) {
  std::vector<uint64_t> hashes;
  std::string word;
  for (size_t k = 0; k <= text.size(); ++k) {
    unsigned char c = k < text.size() ? static_cast<unsigned char>(text[k]) : ' ';
    bool word_char =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    if (word_char) {
      word.push_back(static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c));
      continue;
    }
    if (!word.empty()) hashes.push_back(XXH64(word.data(), word.size(), 0));
    word.clear();
  }
  return hashes;
}

}  // namespace

NearDuplicateIndex::NearDuplicateIndex(NearDuplicateOptions options) : options_(options) {
  if (options_.bands < 1 || kMinHashes % options_.bands != 0) options_.bands = 20;
  if (options_.shingle_words < 1) options_.shingle_words = 4;
}

NearDuplicateIndex::Signature NearDuplicateIndex::Sign(std::string_view text) const {
  std::vector<uint64_t> words = WordHashes(text);
  if (words.size() < std::max<size_t>(options_.min_words, options_.shingle_words)) return {};
  // One-permutation hashing (Li, Owen, Zhang 2012, "One permutation hashing", NIPS): each
  // shingle hash picks a bin with its high half and competes for that bin's minimum with its
  // low half, one hash per shingle instead of one per shingle and signature value.
  Signature signature(kMinHashes, kEmptyBin);
  size_t width = options_.shingle_words;
  for (size_t start = 0; start + width <= words.size(); ++start) {
    uint64_t shingle = XXH64(&words[start], width * sizeof(uint64_t), 0);
    uint32_t bin = static_cast<uint32_t>(((shingle >> 32) * kMinHashes) >> 32);
    signature[bin] = std::min(signature[bin], static_cast<uint32_t>(shingle));
  }
  Densify(signature);
  return signature;
}

double NearDuplicateIndex::EstimateJaccard(const Signature& a, const Signature& b) {
  if (a.empty() || a.size() != b.size()) return 0;
  size_t equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / a.size();
}

std::string NearDuplicateIndex::FindOrAdd(const std::string& id, std::string_view text) {
  return FindOrAdd(id, Sign(text));
}

std::string NearDuplicateIndex::FindOrAdd(const std::string& id, Signature signature) {
  if (signature.size() != kMinHashes) return "";
  int rows = kMinHashes / options_.bands;
  std::vector<uint64_t> band_keys(options_.bands);
  uint32_t best = UINT32_MAX;
  for (int band = 0; band < options_.bands; ++band) {
    uint32_t rows_with_band[2 + kMinHashes];
    rows_with_band[0] = static_cast<uint32_t>(band);
    std::copy_n(signature.begin() + band * rows, rows, rows_with_band + 1);
    band_keys[band] = XXH64(rows_with_band, (rows + 1) * sizeof(uint32_t), 0);
    if (band_slots_.empty()) continue;
    const std::size_t mask = band_slots_.size() - 1;
    for (std::size_t slot = band_keys[band] & mask; band_slots_[slot].second != kNoDocument;
         slot = (slot + 1) & mask) {
      const auto [key, document] = band_slots_[slot];
      if (key == band_keys[band] && document < best &&
          EstimateJaccard(signature, signatures_[document]) >= options_.threshold) {
        best = document;
      }
    }
  }
  if (best != UINT32_MAX) return ids_[best];
  uint32_t index = static_cast<uint32_t>(ids_.size());
  ids_.push_back(id);
  signatures_.push_back(std::move(signature));
  for (uint64_t key : band_keys) AddBand(key, index);
  return "";
}

void NearDuplicateIndex::AddBand(uint64_t key, uint32_t document) {
  // At most half full, so probes stay short; growing re-inserts every entry.
  if ((band_entries_ + 1) * 2 > band_slots_.size()) {
    std::vector<std::pair<uint64_t, uint32_t>> old = std::move(band_slots_);
    band_slots_.assign(std::max<std::size_t>(1024, old.size() * 2), {0, kNoDocument});
    band_entries_ = 0;
    for (const auto& [old_key, old_document] : old) {
      if (old_document != kNoDocument) AddBand(old_key, old_document);
    }
  }
  const std::size_t mask = band_slots_.size() - 1;
  std::size_t slot = key & mask;
  while (band_slots_[slot].second != kNoDocument) slot = (slot + 1) & mask;
  band_slots_[slot] = {key, document};
  ++band_entries_;
}

}  // namespace parley
