// `parley events PATH...`: who did what to whom, coded as PLOVER events.
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

struct EventsOptions {
  std::vector<std::string> inputs;
  std::string dictionary_dir;
};

struct DocumentEvents {
  std::vector<std::string> lines;
  std::vector<std::vector<std::string>> rows;
};

nlohmann::json ParticipantJson(const Analysis& analysis, const EventParticipant& p) {
  return {{"text", analysis.Slice(p.span)},
          {"code", p.actor},
          {"sector", p.sector},
          {"person", p.person}};
}

std::string Code(const EventParticipant& p) {
  return p.actor + (p.sector.empty() || p.actor.empty() ? "" : "/" + p.sector);
}

DocumentEvents Describe(const ExtractInput& input, const Analysis& analysis, bool jsonl) {
  DocumentEvents out;
  for (const Event& event : analysis.events) {
    const Sentence& sentence = analysis.sentences[event.sentence];
    if (jsonl) {
      nlohmann::json line = {
          {"doc", input.doc},
          {"sentence_span", nlohmann::json::array({sentence.span.begin, sentence.span.end})},
          {"event", event.category},
          {"source", ParticipantJson(analysis, event.source)},
          {"target", ParticipantJson(analysis, event.target)},
          {"negated", event.negated},
          {"modality", std::string(ModalityName(event.modality))},
          {"reported", event.attribution >= 0},
          {"cue", analysis.Slice(event.cue_span)},
          {"cue_span", nlohmann::json::array({event.cue_span.begin, event.cue_span.end})},
          {"evidence", TableCell(analysis.Slice(sentence.span))}};
      out.lines.push_back(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
      std::string flags = event.negated ? "not" : "";
      if (event.modality != Modality::kAsserted) {
        flags += (flags.empty() ? "" : ",") + std::string(ModalityName(event.modality));
      }
      out.rows.push_back({input.doc, event.category, Code(event.source), Code(event.target), flags,
                          TableCell(analysis.Slice(event.cue_span))});
    }
  }
  return out;
}

int Run(const EventsOptions& options, const GlobalOptions& global) {
  ExtractorOptions extractor_options;
  extractor_options.dictionary_dir = options.dictionary_dir;
  auto extractor = Extractor::Load(extractor_options);
  if (!extractor.ok()) return ReportFatal(extractor.status());

  ErrorLog errors;
  auto on_error = [&](const InputError& error) { errors.Report(error.Message()); };
  std::vector<std::string> files = ExpandInputPaths(options.inputs, on_error);
  InputOptions input_options;
  input_options.max_bytes = global.max_bytes;

  std::vector<std::vector<std::string>> rows = {
      {"doc", "event", "source", "target", "mode", "cue"}};
  Progress progress("events", files.size(), global.quiet);
  OrderedPipeline<Document, DocumentEvents> pipeline(
      global.threads,
      [&](Document& document) {
        ExtractInput input = PrepareInput(document);
        return Describe(input, extractor->Analyze(input.text, input.date), global.jsonl);
      },
      [&](DocumentEvents& result) {
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

const Registration kEventsCommand(
    {21, "events", "Code PLOVER events: who did what to whom, with negation and modality",
     [](CLI::App& app, GlobalOptions& global) -> std::function<int()> {
       auto options = std::make_shared<EventsOptions>();
       app.add_option("inputs", options->inputs,
                      "Files or directories (.txt .html .jsonl .warc, .gz)")
           ->required();
       app.add_option("--dict", options->dictionary_dir,
                      "Dictionary folder (default: $PARLEY_DICT or the source tree's data/dict)");
       return [options, &global] { return Run(*options, global); };
     }});

}  // namespace
}  // namespace parley::cli
