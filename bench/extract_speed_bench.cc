// Speed of the whole extract pass (sentences, tokens, actors, attributions, events) on one
// thread, over the PolNeAR train texts. Prints sentences per second and MB per second.
//
// Usage: extract_speed_bench [rounds]   (default 3; the best round is reported)
// Data:  $PARLEY_SHARED_DATA/attribution/polnear/train/text
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "parley/extract.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  const char* env = std::getenv("PARLEY_SHARED_DATA");
  fs::path root = fs::path(env != nullptr ? env : PARLEY_SOURCE_DIR "/../shared/data") /
                  "attribution" / "polnear" / "train" / "text";
  if (!fs::exists(root)) {
    std::printf("extract_speed_bench: %s not found; skipping\n", root.string().c_str());
    return 0;
  }
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(buffer.str());
    bytes += texts.back().size();
  }
  auto load_start = std::chrono::steady_clock::now();
  auto extractor = parley::Extractor::Load({});
  if (!extractor.ok()) {
    std::fprintf(stderr, "extract_speed_bench: %s\n", extractor.status().message().c_str());
    return 1;
  }
  double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  double best = 1e30;
  size_t sentences = 0, mentions = 0, attributions = 0, events = 0;
  for (int round = 0; round < rounds; ++round) {
    sentences = mentions = attributions = events = 0;
    auto start = std::chrono::steady_clock::now();
    for (const std::string& text : texts) {
      parley::Analysis analysis = extractor->Analyze(text, "2016-06-01");
      sentences += analysis.sentences.size();
      mentions += analysis.mentions.size();
      attributions += analysis.attributions.size();
      events += analysis.events.size();
    }
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::printf("corpus: PolNeAR train, %zu texts, %.1f MB, %zu sentences; %u hardware threads\n",
              texts.size(), bytes / 1e6, sentences, std::thread::hardware_concurrency());
  std::printf("found: %zu mentions, %zu attributions, %zu events\n", mentions, attributions,
              events);
  std::printf("dictionary load+compile: %.3f s\n", load_seconds);
  std::printf("one thread, best of %d: %.3f s = %.0f sentences/s, %.2f MB/s\n", rounds, best,
              sentences / best, bytes / 1e6 / best);
  return 0;
}
