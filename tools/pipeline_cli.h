// Shared by the commands that run the pipeline: inputs to a corpus, the run over a store
// (`analyze`, `demo`), and the summary they print.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli.h"
#include "parley/pipeline.h"
#include "parley/positions.h"
#include "parley/report.h"
#include "parley/store.h"

namespace parley::cli {

struct AnalyzeRun {
  std::string db;
  std::vector<std::string> inputs;
  pipeline::AnalyzeOptions options;
};

// The scenario pipeline of --scenario (a bundled name, found next to the binary or in the
// source tree, or a YAML path) with the dictionaries of --dict (empty = data/dict).
Result<std::unique_ptr<StancePipeline>> LoadPipeline(const std::string& scenario,
                                                     const std::string& dictionary_dir);

// read -> extract -> stances -> stories over the inputs, with a progress line named `what`;
// input errors are reported on `errors`.
Corpus AnalyzeInputs(const StancePipeline& pipeline, const std::vector<std::string>& inputs,
                     const GlobalOptions& global, const char* what, ErrorLog& errors,
                     const StoryOptions& stories = {});

// Ingests the inputs into the store and refreshes positions and forecasts. Input errors are
// reported on `errors`; a fatal error (store, scenario) comes back as a Status.
Result<report::Snapshot> RunAnalysis(const StancePipeline& pipeline, const AnalyzeRun& run,
                                     const GlobalOptions& global, ErrorLog& errors);

// Claims and analyses the store's queued documents until none is left undone, then refreshes
// positions and forecasts (pipeline::Work()): what this worker did and the snapshot. A fatal
// error (store) comes back as a Status.
Result<pipeline::AnalyzeResult> RunWorker(const StancePipeline& pipeline, const AnalyzeRun& run,
                                   const pipeline::WorkerOptions& worker,
                                   const GlobalOptions& global);

// The snapshot a command shows: from --snapshot FILE, else from the store --db for --scenario.
// Errors: kInvalidInput when neither is given, else those of the loaders.
Result<report::Snapshot> LoadSnapshotFor(const std::string& snapshot_path,
                                         const std::string& scenario, const GlobalOptions& global);

// The store --db and the pipeline of `scenario` behind `parley serve --db`, with the default
// calibration. Errors: those of LoadPipeline(), the store and forecast::LoadCalibration().
Result<std::unique_ptr<pipeline::StoreSession>> OpenStoreSession(const std::string& scenario,
                                                                 const GlobalOptions& global);

// The human summary: the position matrix, each issue's forecasts, the biggest recent shifts.
std::string FormatSummary(const report::Snapshot& snapshot, int max_shifts);

}  // namespace parley::cli
