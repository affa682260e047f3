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

struct QuotesOptions {
  std::vector<std::string> inputs;
  std::string dictionary_dir;
};

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

int Run(const QuotesOptions& options, const GlobalOptions& global) {
  return RunExtractCommand({"quotes", {"doc", "speaker", "actor", "kind", "content"}, Describe},
                           options.inputs, options.dictionary_dir, global);
}

const Registration kQuotesCommand(
    {20, "quotes", "Find quotes and attributions: speaker, cue, content, speaker's actor",
     [](CLI::App& app, GlobalOptions& global) -> std::function<int()> {
       auto options = std::make_shared<QuotesOptions>();
       AddInputsOption(app, options->inputs);
       AddDictionaryOption(app, options->dictionary_dir);
       return [options, &global] { return Run(*options, global); };
     }});

}  // namespace
}  // namespace parley::cli
