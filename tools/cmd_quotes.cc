// `parley quotes PATH...`: attributions (who said what) in news documents.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.h"
#include "extract_cli.h"
#include "parley/extract.h"

namespace parley::cli {
namespace {

nlohmann::json SpanJson(Span span) { return nlohmann::json::array({span.begin, span.end}); }

DescribedDocument Describe(const ExtractInput& input, const Analysis& analysis, bool jsonl) {
  DescribedDocument out;
  for (const Attribution& a : analysis.attributions) {
    std::string speaker = analysis.Slice(a.speaker_span);
    std::string content = analysis.Slice(a.content_span);
    std::string kind(AttributionKindName(a.kind));
    if (jsonl) {
      nlohmann::json line = {{"doc", input.doc},
                             {"speaker", speaker},
                             {"speaker_span", SpanJson(a.speaker_span)},
                             {"cue_span", SpanJson(a.cue_span)},
                             {"content_span", SpanJson(a.content_span)},
                             {"content", content},
                             {"kind", kind},
                             {"actor", a.actor},
                             {"sector", a.sector},
                             {"person", a.person},
                             {"cue", analysis.Slice(a.cue_span)}};
      out.lines.push_back(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
      out.rows.push_back({input.doc, TableCell(speaker),
                          a.actor + (a.sector.empty() ? "" : "/" + a.sector), kind,
                          TableCell(content, 70)});
    }
  }
  return out;
}

const Registration kQuotesCommand(MakeExtractCommand(
    20, "quotes", "Find quotes and attributions: speaker, cue, content, speaker's actor",
    {"quotes", {"doc", "speaker", "actor", "kind", "content"}, Describe}));

}  // namespace
}  // namespace parley::cli
