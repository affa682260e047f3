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
//   ForecastPositions()  forecasts for a positions document: the dashboard's what-if path.
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

// Errors: kDatabase from the store; kInternal if a forecast model rejects valid positions.
Result<report::Snapshot> Refresh(const Scenario& scenario, Store& store,
                                 const AnalyzeOptions& options);

// Errors: kDatabase from the store.
Result<report::Snapshot> LoadSnapshot(const Scenario& scenario, Store& store,
                                      const AnalyzeOptions& options);

// Every model's forecast of every issue that has enough evidence (forecast::CheckEvidence), as
// the snapshot's "forecasts" array; the headline model (options.calibration.headline) carries
// "headline" and its "sensitivity". Errors: kInvalidInput for a malformed positions document.
Result<nlohmann::json> ForecastPositions(const nlohmann::json& positions,
                                         const forecast::ForecastOptions& options);

// The issues someone has spoken on that lack the evidence for a forecast, as the snapshot's
// "no_forecast" array: [{"issue", "missing"}]. Errors: as ForecastPositions.
Result<nlohmann::json> NoForecastIssues(const nlohmann::json& positions);

// One entry of the snapshot's "forecasts" (docs/report-data.md) for issue `issue_index` of
// `problem`: numbers rounded to 0.1, "rounds", "leans_on_priors" when some stances are not
// evidence, "headline" and the three largest "sensitivity" swings when given.
nlohmann::json ForecastEntry(const forecast::Problem& problem, int issue_index,
                             const forecast::IssueForecast& result, bool headline);

// The scenario's statements in the store, oldest first, as the positions stage's values; `doc`
// is the article's locator. The stored articles are clustered into stories as AnalyzeCorpus()
// clusters files, so `story` and `sources` are filled the same way: BuildPositions() over these
// gives what `analyze`, `report` and `serve` show. Errors: kDatabase from the store.
Result<std::vector<Statement>> StoredStatements(const Scenario& scenario, Store& store);

// A positions document as KTAB's scenario CSV: line 1 "name,description,nActors,nDims", line 2
// the headers, then "actor,description,capability,pos1,sal1,...". KTAB needs every actor on every
// dimension: a cell without evidence is written at the issue's status quo (50 when unknown) with
// salience 0, so it weighs nothing. Issues with no cell at all are left out. An actor's saliences
// are scaled down to sum to 100 when they exceed it, as KTAB requires.
std::string KtabCsv(const nlohmann::json& positions);

// Every actor's position per bargaining round, round 0 first, rebuilt from the moves the model
// recorded: the "rounds" of docs/report-data.md. Empty for one-shot models.
nlohmann::json ForecastRounds(const forecast::Problem& problem, const forecast::Issue& issue,
                              const forecast::IssueForecast& result);

}  // namespace parley::workbench
