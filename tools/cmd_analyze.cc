// `parley analyze --scenario S PATH... [--db parley.db]`: the whole pipeline into the store.
// Incremental: documents already stored are skipped, stored documents whose statements came
// from another version of the scenario or extractor are extracted again from their stored text
// (all of them with --reextract), then positions and forecasts are recomputed from everything
// stored.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "pipeline_cli.h"

namespace parley::cli {
namespace {

struct AnalyzeCommandOptions {
  std::string scenario;
  std::string dictionary_dir;
  AnalyzeRun run;
};

int Run(AnalyzeCommandOptions& options, const GlobalOptions& global) {
  auto pipeline = LoadPipeline(options.scenario, options.dictionary_dir);
  if (!pipeline.ok()) return ReportFatal(pipeline.status());
  options.run.db = global.db;
  options.run.options.threads = global.threads;
  options.run.options.input.max_bytes = global.max_bytes;
  ErrorLog errors;
  auto snapshot = RunAnalysis(**pipeline, options.run, global, errors);
  if (!snapshot.ok()) return ReportFatal(snapshot.status());
  if (global.jsonl) {
    nlohmann::json snapshot_json = report::SnapshotJson(*snapshot);
    nlohmann::json line = {{"db", StoreDisplayName(global.db)},
                           {"scenario", snapshot->scenario.id},
                           {"articles", snapshot->articles.size()},
                           {"statements", snapshot->statements.size()},
                           {"cells", snapshot->positions.cells.size()},
                           {"forecasts", std::move(snapshot_json["forecasts"])},
                           {"no_forecast", std::move(snapshot_json["no_forecast"])},
                           {"input_errors", errors.count()}};
    std::printf("%s\n",
                line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  } else {
    std::fputs(FormatSummary(*snapshot, 8).c_str(), stdout);
    std::printf("\nStored in %s. Next: parley report --db %s --scenario %s -o parley-report.html\n",
                StoreDisplayName(global.db).c_str(), StoreDisplayName(global.db).c_str(),
                options.scenario.c_str());
  }
  return errors.ExitCode();
}

void AddOptions(CLI::App& app, AnalyzeCommandOptions& options) {
  app.add_option("inputs", options.run.inputs, "Files or folders of articles, or - for stdin")
      ->required();
  app.add_option("--scenario", options.scenario, "Bundled scenario name or YAML path")->required();
  app.add_option("--samples", options.run.options.samples, "Monte Carlo draws per forecast")
      ->default_val(200)
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seed", options.run.options.seed, "Random seed of the draws")->default_val(1);
  app.add_option("--as-of", options.run.options.as_of,
                 "Positions as of this date (YYYY-MM-DD); default: the latest evidence")
      ->check(CalendarDateCheck());
  app.add_flag("--reextract", options.run.options.reextract,
               "Extract every stored document again, e.g. after editing the dictionaries; "
               "documents whose scenario changed are extracted again without it");
  AddDictionaryOption(app, options.dictionary_dir);
}

const Registration kAnalyzeCommand(MakeCommand<AnalyzeCommandOptions>(
    70, "analyze",
    "Run the whole pipeline into the store (incremental): read, extract, stances, positions, "
    "forecasts",
    AddOptions, Run));

}  // namespace
}  // namespace parley::cli
