// Seed check: every quoted statement listed in seeds_quotes_bench.tsv must be inside the
// content of an attribution whose speaker resolves to the expected actor. Prints one line per
// statement and the share found right.
//
// Usage: seeds_quotes_bench   (seeds from $PARLEY_SHARED_DATA/../seeds, default ../shared/seeds)
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "parley/extract.h"

namespace fs = std::filesystem;

int main() {
  const char* env = std::getenv("PARLEY_SHARED_DATA");
  fs::path seeds =
      fs::path(env != nullptr ? env : PARLEY_SOURCE_DIR "/../shared/data") / ".." / "seeds";
  std::ifstream expected(PARLEY_SOURCE_DIR "/bench/seeds_quotes_bench.tsv");
  if (!fs::exists(seeds) || !expected) {
    std::printf("seeds_quotes_bench: %s or the expectation file not found; skipping\n",
                seeds.string().c_str());
    return 0;
  }
  auto extractor = parley::Extractor::Load({});
  if (!extractor.ok()) {
    std::fprintf(stderr, "seeds_quotes_bench: %s\n", extractor.status().message().c_str());
    return 1;
  }
  std::map<std::string, parley::Analysis> analyses;
  std::string line;
  int total = 0, right = 0;
  while (std::getline(expected, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::stringstream fields(line);
    std::string file, offset_text, actor;
    std::getline(fields, file, '\t');
    std::getline(fields, offset_text, '\t');
    std::getline(fields, actor, '\t');
    int64_t offset = std::atoll(offset_text.c_str());
    if (!analyses.count(file)) {
      std::ifstream in(seeds / file, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      analyses.emplace(file, extractor->Analyze(text.str()));
    }
    const parley::Analysis& analysis = analyses.at(file);
    const parley::Attribution* found = nullptr;
    for (const parley::Attribution& a : analysis.attributions) {
      if (a.content_span.begin <= offset && offset < a.content_span.end) found = &a;
    }
    bool ok = found != nullptr && (actor.empty() || found->actor == actor);
    ++total;
    right += ok;
    std::printf("%s %s@%ld expected %-4s got %-4s speaker \"%s\"\n", ok ? "ok " : "BAD",
                file.c_str(), offset, actor.c_str(), found ? found->actor.c_str() : "-",
                found ? analysis.Slice(found->speaker_span).c_str() : "");
  }
  std::printf("seed quotes right: %d of %d\n", right, total);
  return 0;
}
