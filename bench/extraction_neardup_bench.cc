// Chooses and checks the near-copy threshold on data (docs/reader.md, "Near-copies").
// Negatives: every pair of distinct articles extracted from both benchmark sets (974 pages):
//   their exact 4-word-shingle Jaccard and the MinHash estimate; the highest values bound the
//   threshold from below.
// Positives: a syndicated copy made from each article the way outlets edit wire copy: a
//   dateline and credit line added, the last paragraph cut, one word in twenty replaced.
//   Their similarity bounds the threshold from above.
// Then the LSH index is run over originals + copies in one stream: copies found, false flags.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "parley/article.h"
#include "parley/read.h"

namespace {

namespace fs = std::filesystem;

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word.push_back(static_cast<char>(std::tolower(u)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  return words;
}

std::set<std::string> ShingleSet(const std::string& text) {
  std::vector<std::string> words = Words(text);
  std::set<std::string> shingles;
  for (size_t i = 0; i + 4 <= words.size(); ++i) {
    shingles.insert(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2] + ' ' + words[i + 3]);
  }
  return shingles;
}

double Jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t common = 0;
  for (const std::string& s : a) common += b.count(s);
  return static_cast<double>(common) / (a.size() + b.size() - common);
}

std::string SyndicatedCopy(const std::string& text, size_t seed) {
  size_t last_break = text.rfind("\n\n");
  std::string body = last_break != std::string::npos && last_break > text.size() / 2
                         ? text.substr(0, last_break)
                         : text;
  std::vector<std::string> tokens;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find(' ', start);
    if (end == std::string::npos) end = body.size();
    tokens.push_back(body.substr(start, end - start));
    start = end + 1;
  }
  std::string copy = "HARBOUR CITY (Wire) - ";
  for (size_t i = 0; i < tokens.size(); ++i) {
    copy += ((i + seed) % 20 == 0 ? std::string("edited") : tokens[i]) + " ";
  }
  return copy + "\n\nReporting by the regional desk; editing by the night desk.";
}

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(fraction * values.size()))];
}

}  // namespace

int main() {
  const char* env = std::getenv("PARLEY_SHARED_DATA");
  fs::path data = env ? fs::path(env) : fs::path(PARLEY_SOURCE_DIR) / ".." / "shared" / "data";
  std::vector<std::string> texts;
  for (const char* set : {"scrapinghub", "wcxb-dev-articles"}) {
    fs::path dir = data / "extraction" / set / "html";
    if (!fs::exists(dir)) continue;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      parley::ReadInputFile(
          file.string(), {},
          [&](parley::Document&& d) { texts.push_back(parley::ExtractArticle(d).text); },
          [](const parley::InputError&) {});
    }
  }
  if (texts.empty()) {
    std::printf("neardup: benchmark sets missing, skipped\n");
    return 0;
  }
  parley::NearDuplicateIndex index;
  std::vector<parley::NearDuplicateIndex::Signature> signatures;
  std::vector<std::set<std::string>> shingles;
  for (const std::string& text : texts) {
    signatures.push_back(index.Sign(text));
    shingles.push_back(ShingleSet(text));
  }
  // Negatives: all pairs of distinct pages with a signature.
  std::vector<double> negative_estimates;
  double max_exact = 0;
  size_t identical_pairs = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (signatures[i].empty()) continue;
    for (size_t j = i + 1; j < texts.size(); ++j) {
      if (signatures[j].empty()) continue;
      if (texts[i] == texts[j]) {
        ++identical_pairs;
        continue;
      }
      double estimate = parley::NearDuplicateIndex::EstimateJaccard(signatures[i], signatures[j]);
      negative_estimates.push_back(estimate);
      if (estimate >= 0.2) max_exact = std::max(max_exact, Jaccard(shingles[i], shingles[j]));
    }
  }
  // Positives: one syndicated copy per page.
  std::vector<double> positive_exact, positive_estimates;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (signatures[i].empty()) continue;
    std::string copy = SyndicatedCopy(texts[i], i);
    positive_exact.push_back(Jaccard(shingles[i], ShingleSet(copy)));
    positive_estimates.push_back(
        parley::NearDuplicateIndex::EstimateJaccard(signatures[i], index.Sign(copy)));
  }
  std::printf("pages %zu (with a signature: %zu), distinct pairs %zu, identical-text pairs %zu\n",
              texts.size(), positive_exact.size(), negative_estimates.size(), identical_pairs);
  std::printf("distinct pairs, MinHash estimate: p99.99 %.3f, max %.3f; exact Jaccard max %.3f\n",
              Percentile(negative_estimates, 0.9999), Percentile(negative_estimates, 1.0),
              max_exact);
  std::printf("syndicated copies, exact Jaccard: min %.3f, p1 %.3f, median %.3f\n",
              Percentile(positive_exact, 0), Percentile(positive_exact, 0.01),
              Percentile(positive_exact, 0.5));
  std::printf("syndicated copies, MinHash estimate: min %.3f, p1 %.3f, median %.3f\n",
              Percentile(positive_estimates, 0), Percentile(positive_estimates, 0.01),
              Percentile(positive_estimates, 0.5));
  // The index over originals then copies, in one stream.
  parley::NearDuplicateIndex stream;
  size_t false_flags = 0, found = 0, copies = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    std::string original_dup = stream.FindOrAdd("page" + std::to_string(i), texts[i]);
    bool identical_earlier =
        std::find(texts.begin(), texts.begin() + i, texts[i]) != texts.begin() + i;
    false_flags += !original_dup.empty() && !identical_earlier;
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    if (signatures[i].empty()) continue;
    ++copies;
    found += !stream.FindOrAdd("copy" + std::to_string(i), SyndicatedCopy(texts[i], i)).empty();
  }
  std::printf("index at threshold %.2f: copies found %zu/%zu (%.3f), distinct pages flagged %zu\n",
              parley::NearDuplicateOptions{}.threshold, found, copies,
              static_cast<double>(found) / std::max<size_t>(copies, 1), false_flags);
  return 0;
}
