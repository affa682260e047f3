// `parley quotes PATH...`: attributions (who said what) in news documents.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.h"
#include "parley/extract.h"
#include "parley/parallel.h"
#include "parley/read.h"

namespace parley::cli {
namespace {

struct QuotesOptions {
  std::vector<std::string> inputs;
  std::string dictionary_dir;
};

// What one document produced: JSON lines or table rows.
struct DocumentQuotes {
  std::vector<std::string> lines;
  std::vector<std::vector<std::string>> rows;
};

nlohmann::json SpanJson(Span span) { return nlohmann::json::array({span.begin, span.end}); }

DocumentQuotes Describe(const ExtractInput& input, const Analysis& analysis, bool jsonl) {
  DocumentQuotes out;
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
  ExtractorOptions extractor_options;
  extractor_options.dictionary_dir = options.dictionary_dir;
  auto extractor = Extractor::Load(extractor_options);
  if (!extractor.ok()) return ReportFatal(extractor.status());

  ErrorLog errors;
  auto on_error = [&](const InputError& error) { errors.Report(error.Message()); };
  std::vector<std::string> files = ExpandInputPaths(options.inputs, on_error);
  InputOptions input_options;
  input_options.max_bytes = global.max_bytes;

  std::vector<std::vector<std::string>> rows = {{"doc", "speaker", "actor", "kind", "content"}};
  Progress progress("quotes", files.size(), global.quiet);
  OrderedPipeline<Document, DocumentQuotes> pipeline(
      global.threads,
      [&](Document& document) {
        ExtractInput input = PrepareInput(document);
        return Describe(input, extractor->Analyze(input.text, input.date), global.jsonl);
      },
      [&](DocumentQuotes& result) {
        for (const std::string& line : result.lines) std::printf("%s\n", line.c_str());
        rows.insert(rows.end(), result.rows.begin(), result.rows.end());
      });
  for (const std::string& file : files) {
    ReadInputFile(
        file, input_options, [&](Document&& document) { pipeline.Push(std::move(document)); },
        on_error);
    progress.Add();
  }
  pipeline.Finish();
  if (!global.jsonl) std::fputs(FormatTable(rows).c_str(), stdout);
  return errors.ExitCode();
}

const Registration kQuotesCommand(
    {20, "quotes", "Find quotes and attributions: speaker, cue, content, speaker's actor",
     [](CLI::App& app, GlobalOptions& global) -> std::function<int()> {
       auto options = std::make_shared<QuotesOptions>();
       app.add_option("inputs", options->inputs,
                      "Files or directories (.txt .html .jsonl .warc, .gz)")
           ->required();
       app.add_option("--dict", options->dictionary_dir,
                      "Dictionary folder (default: $PARLEY_DICT or the source tree's data/dict)");
       return [options, &global] { return Run(*options, global); };
     }});

}  // namespace
}  // namespace parley::cli
