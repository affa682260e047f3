// `parley enqueue --db URL PATH...`: queues documents in the store for `parley worker`, read as
// `analyze` reads them (files, folders, JSONL, WARC), their content included, so workers on
// other machines need no access to the files.
#include <cstdio>

#include "pipeline_cli.h"

namespace parley::cli {
namespace {

struct EnqueueOptions {
  std::vector<std::string> inputs;
};

int Run(const EnqueueOptions& options, const GlobalOptions& global) {
  auto store = OpenStore(global.db);
  if (!store.ok()) return ReportFatal(store.status());
  ErrorLog errors;
  auto on_error = [&](const InputError& error) { errors.Report(error.Message()); };
  InputOptions input;
  input.max_bytes = global.max_bytes;
  Progress progress("enqueue", 0, global.quiet);
  auto queued = pipeline::Enqueue(**store, options.inputs, input, on_error,
                                  [&] { progress.Add(); });
  progress.Finish();
  if (!queued.ok()) return ReportFatal(queued.status());
  if (global.jsonl) {
    std::printf("%s\n", nlohmann::json({{"db", StoreDisplayName(global.db)},
                                        {"queued", *queued},
                                        {"input_errors", errors.count()}})
                            .dump()
                            .c_str());
  } else if (!global.quiet) {
    std::fprintf(stderr, "parley: %lld documents queued in %s. Next: parley --db %s worker "
                         "--scenario NAME\n",
                 static_cast<long long>(*queued), StoreDisplayName(global.db).c_str(),
                 StoreDisplayName(global.db).c_str());
  }
  return errors.ExitCode();
}

void AddOptions(CLI::App& app, EnqueueOptions& options) {
  app.add_option("inputs", options.inputs, "Files or folders of articles, or - for stdin")
      ->required();
}

const Registration kEnqueueCommand(MakeCommand<EnqueueOptions>(
    71, "enqueue",
    "Queue documents in the store for workers (parley worker) on any machine to analyse",
    AddOptions, Run));

}  // namespace
}  // namespace parley::cli
