// `parley stances --scenario S PATH...`: one line per statement: who stands where on which
// issue of the scenario, with the sentence that says so.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parley/positions.h"
#include "pipeline_cli.h"

namespace parley::cli {
namespace {

struct StancesOptions {
  std::string scenario;
  std::string dictionary_dir;
  std::vector<std::string> inputs;
};

int Run(const StancesOptions& options, const GlobalOptions& global) {
  auto pipeline = LoadPipeline(options.scenario, options.dictionary_dir);
  if (!pipeline.ok()) return ReportFatal(pipeline.status());
  ErrorLog errors;
  const Corpus corpus = AnalyzeInputs(**pipeline, options.inputs, global, "stances", errors);
  if (global.jsonl) {
    for (const Statement& statement : corpus.statements) {
      std::printf("%s\n", StatementJson(statement)
                              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                              .c_str());
    }
    return errors.ExitCode();
  }
  std::vector<std::vector<std::string>> rows = {
      {"doc", "date", "actor", "issue", "pos", "kind", "conf", "speaker", "evidence"}};
  for (const Statement& statement : corpus.statements) {
    rows.push_back({TableCell(statement.doc, 40), statement.date, statement.actor, statement.issue,
                    FormatNumber(statement.position, 0),
                    std::string(StanceKindName(statement.kind)),
                    FormatNumber(statement.confidence, 2), TableCell(statement.speaker, 24),
                    TableCell(statement.evidence, 70)});
  }
  std::fputs(FormatTable(rows).c_str(), stdout);
  if (!global.quiet) {
    std::fprintf(stderr, "parley: %zu statements from %zu articles\n", corpus.statements.size(),
                 corpus.documents.size());
  }
  return errors.ExitCode();
}

void AddOptions(CLI::App& app, StancesOptions& options) {
  AddInputsOption(app, options.inputs);
  app.add_option("--scenario", options.scenario,
                 "Bundled scenario name (e.g. ukraine-2025) or a scenario .yaml file")
      ->required();
  AddDictionaryOption(app, options.dictionary_dir);
}

const Registration kStancesCommand(MakeCommand<StancesOptions>(
    40, "stances", "Extract stances: actor, issue, position on the scenario's scale, evidence",
    AddOptions, Run));

}  // namespace
}  // namespace parley::cli
