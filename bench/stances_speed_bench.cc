// Speed of the whole path, read -> article -> extract -> stances -> stories -> positions, on one
// thread over the scrapinghub pages (issue 5 bar: >= 500 articles/s).
//
// Data: $PARLEY_SHARED_DATA (default <source>/../shared/data), extraction/scrapinghub/html.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "parley/pipeline.h"
#include "parley/positions.h"

int main() {
  namespace fs = std::filesystem;
  const char* env = std::getenv("PARLEY_SHARED_DATA");
  const fs::path data =
      env != nullptr ? fs::path(env) : fs::path(PARLEY_SOURCE_DIR) / ".." / "shared" / "data";
  const fs::path pages = data / "extraction" / "scrapinghub" / "html";
  if (!fs::is_directory(pages)) {
    std::printf("stances_speed: skipped, no %s\n", pages.c_str());
    return 0;
  }
  auto pipeline = parley::StancePipeline::Load("ukraine-2025", parley::ScenarioSearchPath(""), "");
  if (!pipeline.ok()) {
    std::fprintf(stderr, "stances_speed: %s\n", pipeline.status().message().c_str());
    return 1;
  }
  parley::CorpusOptions options;
  options.threads = 1;
  std::vector<double> seconds;
  size_t documents = 0;
  size_t articles = 0;
  size_t statements = 0;
  size_t cells = 0;
  for (int run = 0; run < 5; ++run) {
    documents = 0;
    const auto start = std::chrono::steady_clock::now();
    const parley::Corpus corpus = parley::AnalyzeCorpus(
        {pages.string()}, (*pipeline)->extractor(), (*pipeline)->stances(), options,
        [](const parley::InputError&) {}, [&] { ++documents; });
    const parley::PositionMatrix matrix =
        parley::BuildPositions((*pipeline)->scenario(), corpus.statements);
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    articles = corpus.documents.size();
    statements = corpus.statements.size();
    cells = matrix.cells.size();
  }
  std::sort(seconds.begin(), seconds.end());
  const double median = seconds[seconds.size() / 2];
  std::printf("stances_speed: %zu pages (%zu with article text), %zu statements, %zu cells\n",
              documents, articles, statements, cells);
  std::printf(
      "stances_speed: one thread, median of %zu runs %.3f s = %.0f pages/s (best %.0f)"
      " (bar 500)\n",
      seconds.size(), median, documents / median, documents / seconds.front());
  return 0;
}
