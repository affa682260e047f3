// Pipeline stage: the one driver every command runs.
//
//   read -> extract -> stances -> stories -> positions -> forecast -> report
//
// Over files (no store): AnalyzeCorpus() reads, extracts and finds stances and stories;
// PositionsFromCorpus() builds the matrix. Over a store (`analyze`, `demo`, `report`, `serve`,
// `export`, `positions` without inputs):
//
//   Ingest()         stored documents whose statements another scenario version or extractor
//                    made are extracted again from their stored text; then read -> article ->
//                    extract -> stances for new documents only, written to the store in batches
//                    (one transaction each; documents already stored are skipped and counted).
//   Refresh()        every stored statement of the scenario -> stories -> positions ->
//                    forecasts with every model; the forecasts are stored; returns the snapshot.
//   Analyze()        Ingest() then Refresh().
//   LoadSnapshot()   the same snapshot from the store, using the stored forecasts.
//   PositionsFromStore()  the stored statements -> stories -> positions, as Refresh() builds them.
//   ForecastPositions()  forecasts for a positions document (forecast::ForecastPositions()).
//   StoreSession     a store and a scenario pipeline behind the live dashboard.
//   Enqueue(), Work()  the same ingestion shared by workers: documents queued in the store,
//                    claimed and analysed in batches by any number of processes.
//
// Both paths cluster stories and mark corroboration the same way and build positions with
// BuildPositions(), so the same input gives the same cells whichever command shows them.
//
// Thread safety: a Store is used from one thread; the work inside Ingest() and AnalyzeCorpus()
// runs on `threads` workers with results in input order.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "parley/extract.h"
#include "parley/forecast.h"
#include "parley/positions.h"
#include "parley/read.h"
#include "parley/report.h"
#include "parley/scenario.h"
#include "parley/status.h"
#include "parley/store.h"

namespace parley {

// ---- read -> extract -> stances -> stories over files (the names predate this stage) ----

// A scenario with the extractor and stance extractor built from it, kept together because the
// stance extractor points into the scenario. Immutable after Load(); share between threads.
class StancePipeline {
 public:
  // `scenario` is a bundled name or a path (LoadScenario over `search_path`); the extractor
  // reads `dictionary_dir` (empty = DefaultDictionaryDir()) plus the scenario's actors and
  // people, the stance extractor its stances.tsv. Errors: those of LoadScenario,
  // Extractor::Load and StanceExtractor::Create.
  static Result<std::unique_ptr<StancePipeline>> Load(std::string_view scenario,
                                                      const std::vector<std::string>& search_path,
                                                      const std::string& dictionary_dir);

  const Scenario& scenario() const { return scenario_; }
  // What made a document's statements: "<scenario id> <content hash> v<extractor version>".
  // A store re-extracts the documents whose statements carry another stamp.
  std::string ExtractionStamp() const;
  const Extractor& extractor() const { return *extractor_; }
  const StanceExtractor& stances() const { return *stances_; }

 private:
  StancePipeline() = default;
  Scenario scenario_;
  std::optional<Extractor> extractor_;
  std::optional<StanceExtractor> stances_;
};

// One article through extract and stances.
struct AnalyzedArticle {
  Article article;         // date and outlet filled from the document when the text had none
  StoryDocument document;  // what story clustering needs (dup_of left for the caller's index)
  std::vector<Statement> statements;
};

// `article` is ExtractArticle(source), with text. Thread-safe; never fails.
AnalyzedArticle AnalyzeArticle(Article article, const Document& source, const Extractor& extractor,
                               const StanceExtractor& stances);

struct CorpusOptions {
  int threads = 1;  // 0 = all cores; output never depends on it
  InputOptions input;
  StoryOptions stories;
};

struct Corpus {
  std::vector<StoryDocument> documents;  // input order; articles without text are left out
  std::vector<Statement> statements;     // document order, then text order; story and
                                         // sources filled in
  std::vector<Story> stories;
};

// read -> article -> extract -> stances over files and folders (see ReadInputFile), then
// stories and corroboration. `extractor` must be loaded with ScenarioDictionary(scenario).
// Unreadable inputs go to `on_error` and the run goes on; `on_document` is called once per
// document read (for progress), on one thread at a time.
Corpus AnalyzeCorpus(const std::vector<std::string>& paths, const Extractor& extractor,
                     const StanceExtractor& stances, const CorpusOptions& options,
                     const InputErrorSink& on_error, const std::function<void()>& on_document);

}  // namespace parley

namespace parley::pipeline {

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

struct AnalyzeResult {
  IngestSummary ingested;
  report::Snapshot snapshot;
};

// Ingest() then Refresh(): what `parley analyze`, `parley demo` and an article posted to the
// dashboard run. Errors: those of Ingest() and Refresh().
Result<AnalyzeResult> Analyze(const StancePipeline& pipeline, Store& store,
                              const std::vector<std::string>& paths, const AnalyzeOptions& options,
                              const InputErrorSink& on_error,
                              const std::function<void()>& on_document);

// Errors: kDatabase from the store.
Result<report::Snapshot> LoadSnapshot(const Scenario& scenario, Store& store,
                                      const AnalyzeOptions& options);

// Every model's forecast of every issue that has enough evidence (forecast::CheckEvidence), as
// the snapshot's forecasts: forecast::ForecastPositions() with every model, the headline model
// (options.calibration.headline) marked and carrying its sensitivity. Errors: kInvalidInput for
// a malformed positions document.
Result<std::vector<forecast::ForecastSummary>> ForecastPositions(
    const PositionsDocument& positions, const forecast::ForecastOptions& options);

// The issues someone has spoken on that lack the evidence for a forecast, as the snapshot's
// no_forecast. Errors: as ForecastPositions.
Result<std::vector<report::WithheldIssue>> NoForecastIssues(const PositionsDocument& positions);

// The stored positions as of the end of `as_of` (YYYY-MM-DD; empty = latest evidence), built by
// BuildPositions() over the stored statements as Refresh() builds them, in the snapshot's form
// (evidence by article id, with url and title): the dashboard's /api/positions?as_of=.
// Errors: kDatabase from the store.
Result<PositionsDocument> SnapshotPositionsAsOf(const Scenario& scenario, Store& store,
                                                const std::string& as_of);

// The scenario's statements in the store, oldest first, as the positions stage's values; `doc`
// is the article's locator. The stories are the store's story index, which clusters as
// AnalyzeCorpus() clusters files, so `story` and `sources` are filled the same way:
// BuildPositions() over these gives what `analyze`, `report` and `serve` show. Errors: kDatabase from the store.
Result<std::vector<Statement>> StoredStatements(const Scenario& scenario, Store& store);

// The statements of one analysis and the position matrix built from them. The matrix points
// into `statements`: move an Evidence, never copy it.
struct Evidence {
  std::vector<Statement> statements;  // story and sources filled in
  std::vector<Story> stories;
  PositionMatrix matrix;

  Evidence() = default;
  Evidence(Evidence&&) = default;
  Evidence& operator=(Evidence&&) = default;
  Evidence(const Evidence&) = delete;
  Evidence& operator=(const Evidence&) = delete;
};

// BuildPositions() over the statements of AnalyzeCorpus(): `parley positions PATH...`.
Evidence PositionsFromCorpus(const Scenario& scenario, Corpus corpus,
                             const PositionOptions& options);

// BuildPositions() over the scenario's stored statements, in the stories of the store's story
// index (which clusters as AnalyzeCorpus() clusters files), read cell by cell
// (BuildStoredPositions()) without holding every statement: `parley positions` without inputs,
// and what Refresh() builds. Errors: kDatabase from the store.
Result<StoredPositions> PositionsFromStore(const Scenario& scenario, Store& store,
                                           const PositionOptions& options);

// ---- Workers: processes on any machines share the ingestion of one queue in one store ----

// Reads `paths` as Ingest() reads them and queues every document, its content included, in the
// store (a transaction per few hundred documents), so a worker on any machine analyses it
// without the file. Queuing a document twice is harmless: a worker skips it as already stored.
// Input errors go to `on_error`, each queued document to `on_document`; returns how many were
// queued. Errors: kDatabase from the store (documents queued before the error stay queued).
Result<int64_t> Enqueue(Store& store, const std::vector<std::string>& paths,
                        const InputOptions& input, const InputErrorSink& on_error,
                        const std::function<void()>& on_document);

struct WorkerOptions {
  std::string name = "worker";  // the claimant, as the queue records it
  int claim = 64;               // documents per claim, stored in one transaction
  int64_t lease_seconds = 600;  // a claim not stored by then goes to another worker
  std::chrono::milliseconds poll{1000};  // the wait while other workers hold the last claims
};

// Claims batches of queued documents and analyses each as Ingest() analyses new documents; a
// batch's results and the marks that its documents are done commit in one transaction. Goes
// on until no queued document is left undone: while other workers hold the last claims it
// waits, and takes over a claim whose lease has ended. So a worker killed mid-batch loses
// nothing, and a document is stored once whoever finishes it. Then Refresh(). Stored documents
// of another scenario version are not re-extracted here (Analyze() does that).
// Errors: kDatabase from the store (batches stored before the error stay stored).
Result<AnalyzeResult> Work(const StancePipeline& pipeline, Store& store,
                           const AnalyzeOptions& options, const WorkerOptions& worker,
                           const std::function<void()>& on_document);

// A store and the scenario pipeline behind `parley serve --db`: articles posted to the
// dashboard are analysed into the store and the snapshot is rebuilt. Thread-safe: one call at
// a time reaches the store.
class StoreSession {
 public:
  StoreSession(std::unique_ptr<StancePipeline> pipeline, std::unique_ptr<Store> store,
               AnalyzeOptions options);
  // LoadSnapshot(). Errors: as LoadSnapshot().
  Result<report::Snapshot> Snapshot();
  // Analyses one uploaded article (HTML or text) into the store, then refreshes. The upload
  // goes through a private temporary file, so it gets exactly the treatment of a file on disk.
  // Errors: kInvalidInput naming `name` when the article cannot be read (the store is then not
  // refreshed); those of Ingest() and Refresh().
  Result<report::Snapshot> Ingest(const std::string& name, bool is_html, const std::string& body);
  // SnapshotPositionsAsOf(). Errors: as SnapshotPositionsAsOf().
  Result<PositionsDocument> PositionsAsOf(const std::string& as_of);
  // The scenario as the snapshot shows it (its actors and issues), without reading the store.
  report::ScenarioSummary SummaryOfScenario() const;
  // Keeps an analyst's annotation of the scenario (Store::AddAnnotation()) and returns it as
  // stored. Errors: kDatabase.
  Result<AnnotationRecord> Annotate(AnnotationRecord annotation);
  // The scenario's annotations, in the order of writing. Errors: kDatabase.
  Result<std::vector<AnnotationRecord>> Annotations();
  // Refresh(): after an override, whose positions and forecasts change. Errors: as Refresh().
  Result<report::Snapshot> Refresh();
  // The snapshot again (LoadSnapshot()) when another connection wrote to the store since this
  // session last loaded or wrote (a colleague's override, a worker's batches); nullopt when
  // nothing changed. Errors: as LoadSnapshot().
  Result<std::optional<report::Snapshot>> SnapshotIfChanged();

 private:
  // Runs `make` (a snapshot of the store) and notes the store's write count from before it, so
  // that a write another connection commits meanwhile is seen by SnapshotIfChanged().
  Result<report::Snapshot> Noted(const std::function<Result<report::Snapshot>()>& make);

  std::mutex mutex_;
  std::unique_ptr<StancePipeline> pipeline_;
  std::unique_ptr<Store> store_;
  AnalyzeOptions options_;
  std::optional<int64_t> loaded_at_;  // Store::WriteCount() when the snapshot was last made
};

}  // namespace parley::pipeline
