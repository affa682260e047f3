// PolNeAR attribution benchmark (Newell, Margolin, Ruths 2018): precision, recall and F1 of
// attributions by content span, and speaker accuracy over the matches.
//
// A predicted attribution matches a gold one when their content spans overlap by at least half
// of each one's length (one-to-one, greedy in text order). The speaker is right when its span
// overlaps the gold source, or both end in the same word.
//
// Usage: attribution_bench [split]   split = dev (default) or train
// Env:   PARLEY_BENCH_VERBOSE=1 prints each miss; PARLEY_BENCH_DUMP=<file> writes every
//        predicted attribution as a JSON line (article, speaker, cue and content spans) for
//        error analysis.
// Data:  $PARLEY_SHARED_DATA/attribution/polnear/<split>/{text,attributions}
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "parley/extract.h"

namespace {

namespace fs = std::filesystem;
using parley::Span;

struct GoldAttribution {
  Span source, cue, content;
  std::string cue_text;
};

std::string SharedData() {
  const char* env = std::getenv("PARLEY_SHARED_DATA");
  return env != nullptr ? env : PARLEY_SOURCE_DIR "/../shared/data";
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// "Content 120 211" or "Content 10 20;25 40": the covering span of all fragments.
Span ParseSpan(const std::string& field) {
  Span span{-1, -1};
  std::string ranges = field.substr(field.find(' ') + 1);
  std::stringstream parts(ranges);
  std::string part;
  while (std::getline(parts, part, ';')) {
    int64_t begin = 0, end = 0;
    if (std::sscanf(part.c_str(), "%ld %ld", &begin, &end) != 2) continue;
    span.begin = span.begin < 0 ? begin : std::min(span.begin, begin);
    span.end = std::max(span.end, end);
  }
  return span;
}

std::vector<GoldAttribution> ParseAnn(const std::string& text) {
  std::map<std::string, std::pair<Span, std::string>> spans;
  std::vector<GoldAttribution> gold;
  std::stringstream lines(text);
  std::string line;
  std::vector<std::string> relations;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cols;
    std::stringstream fields(line);
    std::string field;
    while (std::getline(fields, field, '\t')) cols.push_back(field);
    if (line[0] == 'T' && cols.size() >= 2) {
      spans[cols[0]] = {ParseSpan(cols[1]), cols.size() > 2 ? cols[2] : ""};
    } else if (line[0] == 'E' && cols.size() >= 2) {
      relations.push_back(cols[1]);
    }
  }
  for (const std::string& relation : relations) {
    GoldAttribution g{{-1, -1}, {-1, -1}, {-1, -1}, ""};
    std::stringstream roles(relation);
    std::string role;
    while (roles >> role) {
      size_t colon = role.find(':');
      std::string name = role.substr(0, colon), id = role.substr(colon + 1);
      while (!name.empty() && std::isdigit(static_cast<unsigned char>(name.back())))
        name.pop_back();
      if (!spans.count(id)) continue;
      if (name == "Source") g.source = spans[id].first;
      if (name == "Cue") {
        g.cue = spans[id].first;
        g.cue_text = spans[id].second;
      }
      if (name == "Content") g.content = spans[id].first;
    }
    if (g.content.begin >= 0) gold.push_back(g);
  }
  return gold;
}

int64_t Overlap(Span a, Span b) {
  return std::max<int64_t>(0, std::min(a.end, b.end) - std::max(a.begin, b.begin));
}

bool ContentsMatch(Span predicted, Span gold) {
  int64_t overlap = Overlap(predicted, gold);
  return 2 * overlap >= predicted.size() && 2 * overlap >= gold.size() && overlap > 0;
}

// The last word (letters/digits) of a span of the code-point text, lower case.
std::string LastWord(const std::u32string& text, Span span) {
  int64_t end = std::min<int64_t>(span.end, text.size());
  while (end > span.begin && !std::iswalnum(static_cast<wint_t>(text[end - 1]))) --end;
  int64_t begin = end;
  while (begin > span.begin && std::iswalnum(static_cast<wint_t>(text[begin - 1]))) --begin;
  std::string word;
  for (int64_t i = begin; i < end; ++i) word += static_cast<char>(std::tolower(text[i] & 0x7F));
  return word;
}

std::u32string ToCodePoints(const std::string& utf8) {
  std::u32string out;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = utf8[i];
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    char32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (int k = 1; k < n && i + k < utf8.size(); ++k) cp = (cp << 6) | (utf8[i + k] & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string split = argc > 1 ? argv[1] : "dev";
  fs::path root = fs::path(SharedData()) / "attribution" / "polnear" / split;
  if (!fs::exists(root / "text")) {
    std::printf("attribution_bench: %s not found; skipping\n", root.string().c_str());
    return 0;
  }
  auto extractor = parley::Extractor::Load({});
  if (!extractor.ok()) {
    std::fprintf(stderr, "attribution_bench: %s\n", extractor.status().message().c_str());
    return 1;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(root / "text")) files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  int64_t missed_with_cue_found = 0;
  int64_t predicted = 0, gold_total = 0, matched = 0, speaker_right = 0, speaker_judged = 0;
  std::map<std::string, int> missed_cues, false_cues;
  bool verbose = std::getenv("PARLEY_BENCH_VERBOSE") != nullptr;
  const char* dump_path = std::getenv("PARLEY_BENCH_DUMP");
  std::ofstream dump;
  if (dump_path != nullptr) dump.open(dump_path);
  auto start = std::chrono::steady_clock::now();
  // Annotation files carry a hash suffix: "<stem>_ef2d.ann".
  std::map<std::string, fs::path> annotations;
  for (const auto& entry : fs::directory_iterator(root / "attributions")) {
    std::string stem = entry.path().stem().string();
    annotations[stem.substr(0, stem.rfind('_'))] = entry.path();
  }
  for (const fs::path& file : files) {
    std::string text = ReadFile(file);
    fs::path ann = annotations[file.stem().string()];
    std::vector<GoldAttribution> gold = ParseAnn(ReadFile(ann));
    parley::Analysis analysis = extractor->Analyze(text);
    std::u32string points = ToCodePoints(text);
    std::vector<bool> gold_used(gold.size(), false);
    predicted += analysis.attributions.size();
    for (const parley::Attribution& a : analysis.attributions) {
      if (!dump.is_open()) break;
      auto span = [](Span s) { return nlohmann::json::array({s.begin, s.end}); };
      dump << nlohmann::json{{"doc", file.stem().string()},
                             {"speaker", span(a.speaker_span)},
                             {"cue", span(a.cue_span)},
                             {"content", span(a.content_span)}}
                  .dump()
           << "\n";
    }
    gold_total += gold.size();
    for (const parley::Attribution& a : analysis.attributions) {
      int found = -1;
      for (size_t g = 0; g < gold.size(); ++g) {
        if (!gold_used[g] && ContentsMatch(a.content_span, gold[g].content)) {
          found = static_cast<int>(g);
          break;
        }
      }
      if (found < 0) {
        ++false_cues[analysis.Slice(a.cue_span)];
        if (verbose) {
          std::printf("FP %s | %s | %s\n", analysis.Slice(a.speaker_span).c_str(),
                      analysis.Slice(a.cue_span).c_str(), analysis.Slice(a.content_span).c_str());
        }
        continue;
      }
      gold_used[found] = true;
      ++matched;
      const GoldAttribution& g = gold[found];
      if (g.source.begin < 0) continue;
      ++speaker_judged;
      bool right = Overlap(a.speaker_span, g.source) > 0 ||
                   (!a.speaker_span.empty() &&
                    LastWord(points, a.speaker_span) == LastWord(points, g.source));
      speaker_right += right;
      if (!right && verbose) {
        std::printf("SPK pred=%s gold=%s\n", analysis.Slice(a.speaker_span).c_str(),
                    analysis.Slice(g.source).c_str());
      }
    }
    for (size_t g = 0; g < gold.size(); ++g) {
      if (gold_used[g]) continue;
      bool cue_found = false;
      for (const parley::Attribution& a : analysis.attributions) {
        if (Overlap(a.cue_span, gold[g].cue) > 0) {
          cue_found = true;
          if (verbose) {
            std::printf("BOUNDARY cue=%s\n  pred=%s\n  gold=%s\n",
                        analysis.Slice(a.cue_span).c_str(), analysis.Slice(a.content_span).c_str(),
                        analysis.Slice(gold[g].content).c_str());
          }
        }
      }
      missed_with_cue_found += cue_found;
      std::string cue = gold[g].cue_text;
      std::transform(cue.begin(), cue.end(), cue.begin(), ::tolower);
      ++missed_cues[cue];
      if (verbose)
        std::printf("FN %s | %s\n", cue.c_str(), analysis.Slice(gold[g].content).c_str());
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double precision = predicted ? double(matched) / predicted : 0;
  double recall = gold_total ? double(matched) / gold_total : 0;
  double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  std::printf("PolNeAR %s: %zu articles, %ld gold, %ld predicted, %ld matched (%.1f s)\n",
              split.c_str(), files.size(), gold_total, predicted, matched, seconds);
  std::printf("precision %.3f  recall %.3f  F1 %.3f\n", precision, recall, f1);
  std::printf("speaker right %.3f of %ld matches with a gold source\n",
              speaker_judged ? double(speaker_right) / speaker_judged : 0, speaker_judged);
  auto top = [](const std::map<std::string, int>& counts, const char* label) {
    std::vector<std::pair<int, std::string>> sorted;
    for (const auto& [cue, n] : counts) sorted.push_back({n, cue});
    std::sort(sorted.rbegin(), sorted.rend());
    std::printf("%s:", label);
    for (size_t i = 0; i < sorted.size() && i < 25; ++i) {
      std::printf(" %s(%d)", sorted[i].second.c_str(), sorted[i].first);
    }
    std::printf("\n");
  };
  std::printf("missed gold attributions whose cue we found (content boundary wrong): %ld\n",
              missed_with_cue_found);
  top(missed_cues, "most missed gold cues");
  top(false_cues, "most unmatched predicted cues");
  return 0;
}
