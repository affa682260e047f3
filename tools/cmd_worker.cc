// `parley worker --db URL --scenario S`: one of any number of processes, on any machines, that
// share the analysis of the documents `parley enqueue` queued in the store. Each claims a batch
// under a lease, analyses it as `analyze` does, and stores its results together with the mark
// that the batch is done, in one transaction; a batch whose worker died goes to another when
// its lease ends. It stops when no queued document is left undone, then refreshes positions
// and forecasts.
#include <unistd.h>

#include <climits>
#include <cstdio>

#include "pipeline_cli.h"

namespace parley::cli {
namespace {

struct WorkerCommandOptions {
  std::string scenario;
  std::string dictionary_dir;
  AnalyzeRun run;
  pipeline::WorkerOptions worker;
};

// "<host>:<pid>": who holds a claim, for someone reading the queue table.
std::string DefaultWorkerName() {
  char host[HOST_NAME_MAX + 1] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

int Run(WorkerCommandOptions& options, const GlobalOptions& global) {
  auto pipeline = LoadPipeline(options.scenario, options.dictionary_dir);
  if (!pipeline.ok()) return ReportFatal(pipeline.status());
  options.run.db = global.db;
  options.run.options.threads = global.threads;
  options.run.options.input.max_bytes = global.max_bytes;
  if (options.worker.name.empty()) options.worker.name = DefaultWorkerName();
  auto worked = RunWorker(**pipeline, options.run, options.worker, global);
  if (!worked.ok()) return ReportFatal(worked.status());
  const pipeline::IngestSummary& ingested = worked->ingested;
  if (global.jsonl) {
    std::printf("%s\n", nlohmann::json({{"db", StoreDisplayName(global.db)},
                                        {"worker", options.worker.name},
                                        {"scenario", options.scenario},
                                        {"documents", ingested.documents},
                                        {"articles_added", ingested.articles_added},
                                        {"already_stored", ingested.already_stored},
                                        {"without_text", ingested.without_text},
                                        {"statements_added", ingested.statements_added}})
                            .dump()
                            .c_str());
  } else if (!global.quiet) {
    std::fputs(FormatSummary(worked->snapshot, 8).c_str(), stdout);
  }
  return kExitOk;
}

void AddOptions(CLI::App& app, WorkerCommandOptions& options) {
  app.add_option("--scenario", options.scenario, "Bundled scenario name or YAML path")->required();
  app.add_option("--claim", options.worker.claim,
                 "Documents per claim, stored in one transaction")
      ->default_val(64)
      ->check(CLI::Range(1, 100000));
  app.add_option("--lease", options.worker.lease_seconds,
                 "Seconds a claim is held; a claim not stored by then goes to another worker")
      ->default_val(600)
      ->check(CLI::Range(int64_t{1}, int64_t{7} * 24 * 3600));
  app.add_option("--name", options.worker.name,
                 "The name the queue records for this worker's claims; default HOST:PID")
      ->default_val("");
  app.add_option("--samples", options.run.options.samples, "Monte Carlo draws per forecast")
      ->default_val(200)
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seed", options.run.options.seed, "Random seed of the draws")->default_val(1);
  AddDictionaryOption(app, options.dictionary_dir);
}

const Registration kWorkerCommand(MakeCommand<WorkerCommandOptions>(
    72, "worker",
    "Analyse queued documents (parley enqueue) into the store, alongside other workers",
    AddOptions, Run));

}  // namespace
}  // namespace parley::cli
