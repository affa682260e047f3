// Extraction quality on the two shared benchmark sets (see ../shared/data/README.md):
//   scrapinghub: word 4-gram shingles with counts, per-page P and R averaged over pages;
//   wcxb-dev-articles: bag-of-words P/R/F1 per page, averaged; title/author exact match after
//   folding case and punctuation; date on YYYY-MM-DD.
// Usage: extraction_quality_bench [--worst N]   (N worst pages per set, for tuning)
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parley/article.h"
#include "parley/read.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Python's re \w+ on lower-cased text: letters, digits, marks and underscore.
std::vector<std::string> WordTokens(const std::string& text) {
  std::vector<std::string> tokens;
  std::string current;
  int32_t i = 0, length = static_cast<int32_t>(text.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, length, c);
    bool word = c >= 0 && (u_isalnum(c) || c == '_' || u_getCombiningClass(c) > 0 ||
                           (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0);
    if (word) {
      c = u_tolower(c);
      char buffer[4];
      int32_t n = 0;
      U8_APPEND_UNSAFE(buffer, n, c);
      current.append(buffer, n);
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

std::map<std::string, int> Shingles(const std::string& text, int n) {
  std::vector<std::string> tokens = WordTokens(text);
  std::map<std::string, int> shingles;
  for (size_t i = 0; i + n <= tokens.size(); ++i) {
    std::string key;
    for (int k = 0; k < n; ++k) key += tokens[i + k] + ' ';
    ++shingles[key];
  }
  return shingles;
}

struct Counts {
  double tp = 0, fp = 0, fn = 0;
};

Counts Compare(const std::map<std::string, int>& truth, const std::map<std::string, int>& got) {
  Counts counts;
  for (const auto& [key, true_count] : truth) {
    auto it = got.find(key);
    int pred_count = it == got.end() ? 0 : it->second;
    counts.tp += std::min(true_count, pred_count);
    counts.fn += std::max(0, true_count - pred_count);
  }
  for (const auto& [key, pred_count] : got) {
    auto it = truth.find(key);
    int true_count = it == truth.end() ? 0 : it->second;
    counts.fp += std::max(0, pred_count - true_count);
  }
  return counts;
}

struct Means {
  double precision_sum = 0, recall_sum = 0, f1_sum = 0;
  int precision_pages = 0, recall_pages = 0, f1_pages = 0;
  void Add(const Counts& c) {
    if (c.tp + c.fp > 0) precision_sum += c.tp / (c.tp + c.fp), ++precision_pages;
    if (c.tp + c.fn > 0) recall_sum += c.tp / (c.tp + c.fn), ++recall_pages;
  }
  double P() const { return precision_pages ? precision_sum / precision_pages : 0; }
  double R() const { return recall_pages ? recall_sum / recall_pages : 0; }
  double F1() const { return P() + R() > 0 ? 2 * P() * R() / (P() + R()) : 0; }
};

parley::Article ExtractFile(const fs::path& path) {
  parley::Article article;
  parley::ReadInputFile(
      path.string(), {}, [&](parley::Document&& d) { article = parley::ExtractArticle(d); },
      [](const parley::InputError& e) { std::fprintf(stderr, "%s\n", e.Message().c_str()); });
  return article;
}

struct Worst {
  double score;
  std::string name, detail;
};

void PrintWorst(std::vector<Worst>& worst, int count) {
  std::sort(worst.begin(), worst.end(), [](auto& a, auto& b) { return a.score < b.score; });
  for (int i = 0; i < count && i < static_cast<int>(worst.size()); ++i) {
    std::printf("  worst %.3f %s %s\n", worst[i].score, worst[i].name.c_str(),
                worst[i].detail.c_str());
  }
}

void Scrapinghub(const fs::path& dir, int worst_count) {
  std::ifstream in(dir / "ground-truth.json");
  if (!in) {
    std::printf("scrapinghub: %s missing, skipped\n", dir.c_str());
    return;
  }
  json truth = json::parse(in);
  Means means;
  std::vector<Worst> worst;
  for (const auto& [key, value] : truth.items()) {
    parley::Article article = ExtractFile(dir / "html" / (key + ".html.gz"));
    Counts counts =
        Compare(Shingles(value["articleBody"].get<std::string>(), 4), Shingles(article.text, 4));
    means.Add(counts);
    double p = counts.tp + counts.fp > 0 ? counts.tp / (counts.tp + counts.fp) : 0;
    double r = counts.tp + counts.fn > 0 ? counts.tp / (counts.tp + counts.fn) : 0;
    worst.push_back(
        {std::min(p, r), key.substr(0, 12), "P=" + std::to_string(p) + " R=" + std::to_string(r)});
  }
  std::printf("scrapinghub (%zu pages): P %.3f  R %.3f  F1 %.3f\n", truth.size(), means.P(),
              means.R(), means.F1());
  PrintWorst(worst, worst_count);
}

std::string FoldForMatch(const std::string& text) {
  std::string folded;
  for (const std::string& token : WordTokens(text)) {
    if (!folded.empty()) folded += ' ';
    folded += token;
  }
  return folded;
}

void Wcxb(const fs::path& dir, int worst_count) {
  if (!fs::exists(dir / "ground-truth")) {
    std::printf("wcxb: %s missing, skipped\n", dir.c_str());
    return;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir / "ground-truth")) files.push_back(entry);
  std::sort(files.begin(), files.end());
  double f1_sum = 0, p_sum = 0, r_sum = 0;
  int pages = 0;
  int title_ok = 0, author_ok = 0, author_n = 0, date_ok = 0, date_n = 0;
  int author_ok_all = 0, date_ok_all = 0;
  std::vector<Worst> worst, meta_misses;
  for (const fs::path& file : files) {
    std::ifstream in(file);
    json truth = json::parse(in)["ground_truth"];
    std::string id = file.stem().string();
    parley::Article article = ExtractFile(dir / "html" / (id + ".html.gz"));
    std::string body = truth.value("main_content", "");
    std::map<std::string, int> want, got;
    for (auto& t : WordTokens(body)) ++want[t];
    for (auto& t : WordTokens(article.text)) ++got[t];
    Counts c = Compare(want, got);
    double p = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
    double r = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    p_sum += p, r_sum += r, f1_sum += f1, ++pages;
    worst.push_back({f1, id, "P=" + std::to_string(p) + " R=" + std::to_string(r)});
    auto field = [&](const char* name) {
      return truth.contains(name) && truth[name].is_string() ? truth[name].get<std::string>() : "";
    };
    bool title_match = FoldForMatch(field("title")) == FoldForMatch(article.title);
    title_ok += title_match;
    std::string want_author = FoldForMatch(field("author"));
    bool author_match = want_author == FoldForMatch(article.author);
    author_ok_all += author_match;
    if (!want_author.empty()) author_n++, author_ok += author_match;
    std::string want_date = field("publish_date").substr(0, 10);
    bool date_match = want_date == article.date.substr(0, 10);
    date_ok_all += date_match;
    if (!want_date.empty()) date_n++, date_ok += date_match;
    if (worst_count > 0 && (!title_match || !author_match || !date_match)) {
      std::string detail;
      if (!title_match)
        detail += "\n    title want [" + field("title") + "] got [" + article.title + "]";
      if (!author_match)
        detail += "\n    author want [" + field("author") + "] got [" + article.author + "]";
      if (!date_match) detail += "\n    date want [" + want_date + "] got [" + article.date + "]";
      meta_misses.push_back({0, id, detail});
    }
  }
  std::printf("wcxb-dev-articles (%d pages): P %.3f  R %.3f  F1 %.3f\n", pages, p_sum / pages,
              r_sum / pages, f1_sum / pages);
  std::printf("  title exact %.3f (%d pages)\n", double(title_ok) / pages, pages);
  std::printf("  date %.3f over %d pages with a gold date; %.3f over all %d (empty = empty)\n",
              double(date_ok) / date_n, date_n, double(date_ok_all) / pages, pages);
  std::printf("  author %.3f over %d pages with a gold author; %.3f over all %d (empty = empty)\n",
              double(author_ok) / author_n, author_n, double(author_ok_all) / pages, pages);
  PrintWorst(worst, worst_count);
  for (int i = 0; i < worst_count && i < static_cast<int>(meta_misses.size()); ++i) {
    std::printf("  meta %s%s\n", meta_misses[i].name.c_str(), meta_misses[i].detail.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  int worst = 0;
  if (argc == 3 && std::string(argv[1]) == "--worst") worst = std::atoi(argv[2]);
  const char* env = std::getenv("PARLEY_SHARED_DATA");
  fs::path data = env ? fs::path(env) : fs::path(PARLEY_SOURCE_DIR) / ".." / "shared" / "data";
  Scrapinghub(data / "extraction" / "scrapinghub", worst);
  Wcxb(data / "extraction" / "wcxb-dev-articles", worst);
  return 0;
}
