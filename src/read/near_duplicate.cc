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

// Fixed odd multipliers and offsets for the kMinHashes universal hash functions
// h_i(x) = (a_i * x + b_i) >> 32, drawn once from a SplitMix64 stream so runs are stable.
struct HashFamily {
  uint64_t multiplier[NearDuplicateIndex::kMinHashes];
  uint64_t offset[NearDuplicateIndex::kMinHashes];
  HashFamily() {
    uint64_t state = 0x9E3779B97F4A7C15ull;
    auto next = [&state] {
      uint64_t z = (state += 0x9E3779B97F4A7C15ull);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      return z ^ (z >> 31);
    };
    for (int i = 0; i < NearDuplicateIndex::kMinHashes; ++i) {
      multiplier[i] = next() | 1;
      offset[i] = next();
    }
  }
};

const HashFamily& Family() {
  static const HashFamily family;
  return family;
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
  const HashFamily& family = Family();
  Signature signature(kMinHashes, UINT32_MAX);
  size_t width = options_.shingle_words;
  for (size_t start = 0; start + width <= words.size(); ++start) {
    uint64_t shingle = XXH64(&words[start], width * sizeof(uint64_t), 0);
    for (int i = 0; i < kMinHashes; ++i) {
      uint32_t value =
          static_cast<uint32_t>((family.multiplier[i] * shingle + family.offset[i]) >> 32);
      signature[i] = std::min(signature[i], value);
    }
  }
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
    auto [first, last] = band_to_document_.equal_range(band_keys[band]);
    for (auto it = first; it != last; ++it) {
      if (it->second < best &&
          EstimateJaccard(signature, signatures_[it->second]) >= options_.threshold) {
        best = it->second;
      }
    }
  }
  if (best != UINT32_MAX) return ids_[best];
  uint32_t index = static_cast<uint32_t>(ids_.size());
  ids_.push_back(id);
  signatures_.push_back(std::move(signature));
  for (uint64_t key : band_keys) band_to_document_.emplace(key, index);
  return "";
}

}  // namespace parley
