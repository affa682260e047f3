// Fuzzes Extractor::Analyze with arbitrary bytes: it must never crash, and every span it
// returns must lie inside the text and slice cleanly.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parley/extract.h"

namespace {

const parley::Extractor& SharedExtractor() {
  static const parley::Extractor* extractor = [] {
    auto loaded = parley::Extractor::Load({});
    if (!loaded.ok()) std::abort();  // the dictionaries of the source tree must load
    return new parley::Extractor(std::move(loaded).value());
  }();
  return *extractor;
}

void CheckSpan(const parley::Analysis& analysis, parley::Span span) {
  int64_t size = static_cast<int64_t>(analysis.byte_of_code_point.size()) - 1;
  if (span.begin < 0 || span.end < span.begin || span.end > size) std::abort();
  (void)analysis.Slice(span);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  parley::Analysis analysis = SharedExtractor().Analyze(text, "2025-12-15");
  for (const auto& sentence : analysis.sentences) CheckSpan(analysis, sentence.span);
  for (const auto& mention : analysis.mentions) CheckSpan(analysis, mention.span);
  for (const auto& a : analysis.attributions) {
    CheckSpan(analysis, a.speaker_span);
    CheckSpan(analysis, a.cue_span);
    CheckSpan(analysis, a.content_span);
    if (a.speaker_mention >= static_cast<int>(analysis.mentions.size())) std::abort();
  }
  for (const auto& e : analysis.events) {
    CheckSpan(analysis, e.cue_span);
    CheckSpan(analysis, e.source.span);
    CheckSpan(analysis, e.target.span);
    if (e.sentence < 0 || e.sentence >= static_cast<int>(analysis.sentences.size())) std::abort();
  }
  return 0;
}
