// Workbench stage: the whole pipeline over a store, for `parley analyze`, `parley demo`,
// `parley report --db` and `parley serve --db`.
//
//   Ingest()         stored documents whose statements another scenario version or extractor
//                    made are extracted again from their stored text; then read -> article ->
//                    extract -> stances for new documents only, written to the store in batches
//                    (one transaction each; documents already stored are skipped and counted).
//   Refresh()        every stored statement of the scenario -> stories -> positions ->
//                    forecasts with every model; the forecasts are stored; returns the snapshot.
//   LoadSnapshot()   the same snapshot from the store, using the stored forecasts.
//   ForecastPositions()  forecasts for a positions document (forecast::ForecastPositions()).
//
// Thread safety: a Store is used from one thread; the work inside Ingest() runs on
// `threads` workers with results written in input order.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parley/forecast.h"
#include "parley/positions.h"
#include "parley/read.h"
#include "parley/report.h"
#include "parley/status.h"
#include "parley/store.h"

namespace parley::workbench {

struct AnalyzeOptions {
  int threads = 1;  // 0 = all cores; results do not depend on it
  InputOptions input;
  int batch_size = 64;  // documents per store transaction
  int samples = 200;    // Monte Carlo draws per forecast (0 = point forecasts only)
  uint64_t seed = 1;
  std::string as_of;       // positions as of this date (YYYY-MM-DD); empty = latest evidence
  bool reextract = false;  // extract every stored document again, whatever made its statements
  // Headline model and model errors for the forecast bands (forecast::LoadCalibration); the
  // default has compromise as headline and bands of input spread only.
  forecast::Calibration calibration;
};

struct IngestSummary {
  int documents = 0;  // documents read
  int articles_added = 0;
  int already_stored = 0;  // documents skipped because their id was stored before
  int reextracted = 0;     // stored documents extracted again (see Ingest())
  int without_text = 0;    // documents in which no article text was found
  int statements_added = 0;
};

// Errors: kDatabase from the store (batches committed before the error stay committed).
Result<IngestSummary> Ingest(const StancePipeline& pipeline, Store& store,
                             const std::vector<std::string>& paths, const AnalyzeOptions& options,
                             const InputErrorSink& on_error,
                             const std::function<void()>& on_document);

// The stored documents Ingest() would extract again: those whose statements of the pipeline's
// scenario carry another stamp than pipeline.ExtractionStamp(), or all with `everything`.
// Errors: kDatabase from the store.
Result<std::vector<ArticleRecord>> StaleDocuments(const StancePipeline& pipeline, Store& store,
                                                  bool everything);
// How many documents StaleDocuments() would list, without reading them. Errors: kDatabase.
Result<int64_t> StaleDocumentCount(const StancePipeline& pipeline, Store& store, bool everything);

// Errors: kDatabase from the store; kInternal if a forecast model rejects valid positions.
Result<report::Snapshot> Refresh(const Scenario& scenario, Store& store,
                                 const AnalyzeOptions& options);

// Errors: kDatabase from the store.
Result<report::Snapshot> LoadSnapshot(const Scenario& scenario, Store& store,
                                      const AnalyzeOptions& options);

// Every model's forecast of every issue that has enough evidence (forecast::CheckEvidence), as
// the snapshot's "forecasts" array: forecast::ForecastPositions() with every model, the headline
// model (options.calibration.headline) carrying "headline" and its "sensitivity". Errors:
// kInvalidInput for a malformed positions document.
Result<nlohmann::json> ForecastPositions(const PositionsDocument& positions,
                                         const forecast::ForecastOptions& options);

// The issues someone has spoken on that lack the evidence for a forecast, as the snapshot's
// "no_forecast" array: [{"issue", "missing"}]. Errors: as ForecastPositions.
Result<nlohmann::json> NoForecastIssues(const PositionsDocument& positions);

// The stored positions as of the end of `as_of` (YYYY-MM-DD; empty = latest evidence), built by
// BuildPositions() over the stored statements as Refresh() builds them, in the snapshot's form
// (evidence by article id, with url and title): the dashboard's /api/positions?as_of=.
// Errors: kDatabase from the store.
Result<PositionsDocument> SnapshotPositionsAsOf(const Scenario& scenario, Store& store,
                                                const std::string& as_of);

// BuildPositions() over the scenario's stored statements with `options`, in their stored stories,
// read cell by cell (BuildStoredPositions()): what `positions --db` prints, without holding every
// statement. Errors: kDatabase from the store.
Result<StoredPositions> StoredMatrix(const Scenario& scenario, Store& store,
                                     const PositionOptions& options);

// The scenario's statements in the store, oldest first, as the positions stage's values; `doc`
// is the article's locator. The stories are the store's story index, which clusters as
// AnalyzeCorpus() clusters files, so `story` and `sources` are filled the same way: BuildPositions() over these
// gives what `analyze`, `report` and `serve` show. Errors: kDatabase from the store.
Result<std::vector<Statement>> StoredStatements(const Scenario& scenario, Store& store);

}  // namespace parley::workbench
