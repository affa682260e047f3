#include "extract_cli.h"

#include <cstdio>
#include <memory>

#include "parley/parallel.h"
#include "parley/read.h"

namespace parley::cli {

int RunExtractCommand(const ExtractCommand& command, const std::vector<std::string>& inputs,
                      const std::string& dictionary_dir, const GlobalOptions& global) {
  ExtractorOptions extractor_options;
  extractor_options.dictionary_dir = dictionary_dir;
  auto extractor = Extractor::Load(extractor_options);
  if (!extractor.ok()) return ReportFatal(extractor.status());

  ErrorLog errors;
  std::vector<std::vector<std::string>> rows = {command.header};
  OrderedPipeline<Document, DescribedDocument> pipeline(
      global.threads,
      [&](Document& document) {
        ExtractInput input = PrepareInput(document);
        return command.describe(input, extractor->Analyze(input.text, input.date, input.lang),
                                global.jsonl);
      },
      [&](DescribedDocument& result) {
        for (const std::string& line : result.lines) std::printf("%s\n", line.c_str());
        rows.insert(rows.end(), result.rows.begin(), result.rows.end());
      });
  ReadEachDocument(inputs, global, command.task, errors,
                   [&](Document&& document) { pipeline.Push(std::move(document)); });
  pipeline.Finish();
  if (!global.jsonl) std::fputs(FormatTable(rows).c_str(), stdout);
  return errors.ExitCode();
}

Command MakeExtractCommand(int order, std::string name, std::string description,
                           ExtractCommand command) {
  struct Inputs {
    std::vector<std::string> paths;
    std::string dictionary_dir;
  };
  return {
      order, std::move(name), std::move(description),
      [command = std::move(command)](CLI::App& app, GlobalOptions& global) -> std::function<int()> {
        auto inputs = std::make_shared<Inputs>();
        AddInputsOption(app, inputs->paths);
        AddDictionaryOption(app, inputs->dictionary_dir);
        return [inputs, command, &global] {
          return RunExtractCommand(command, inputs->paths, inputs->dictionary_dir, global);
        };
      }};
}

}  // namespace parley::cli
