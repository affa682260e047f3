#include "pipeline_cli.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "parley/store.h"

namespace parley::cli {
namespace {

using nlohmann::json;

// "  nato moves most with: UKR position (12.3 points), RUS salience (4.1), ...".
std::string SensitivityNote(const std::string& issue, const forecast::ForecastSummary& entry) {
  if (entry.sensitivity.empty()) return "";
  std::string text = "  " + issue + " moves most with:";
  bool first = true;
  for (const forecast::ForecastSummary::Swing& item : entry.sensitivity) {
    text += std::string(first ? " " : ", ") + item.actor + " " + item.input + " (" +
            FormatNumber(item.swing, 1) + (first ? " points)" : ")");
    first = false;
  }
  return text + "\n";
}

std::string MatrixTable(const report::Snapshot& snapshot) {
  const report::ScenarioSummary& scenario = snapshot.scenario;
  std::map<std::pair<std::string, std::string>, const PositionsDocument::Cell*> cells;
  for (const PositionsDocument::Cell& cell : snapshot.positions.cells) {
    cells[{cell.actor, cell.issue}] = &cell;
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"actor"};
  for (const auto& issue : scenario.issues) header.push_back(issue.id);
  rows.push_back(header);
  for (const auto& actor : scenario.actors) {
    std::vector<std::string> row = {actor.name + " (" + actor.id + ")"};
    for (const auto& issue : scenario.issues) {
      auto found = cells.find({actor.id, issue.id});
      if (found == cells.end()) {
        row.push_back("-");
        continue;
      }
      const PositionsDocument::Cell& cell = *found->second;
      std::string mark = cell.basis == CellBasis::kPrior      ? "p"
                         : cell.basis == CellBasis::kOverride ? "o"
                                                              : "";
      row.push_back(FormatNumber(cell.position) + mark);
    }
    rows.push_back(row);
  }
  return FormatTable(rows);
}

// One row per issue: the headline model first with its p10-p90 band, then the other models. An
// issue without enough evidence says so instead of showing numbers; * marks a forecast that
// leans on priors.
std::string ForecastTable(const report::Snapshot& snapshot) {
  std::string headline;
  std::vector<std::string> models;
  std::map<std::string, std::map<std::string, const forecast::ForecastSummary*>> by_issue;
  for (const forecast::ForecastSummary& f : snapshot.forecasts) {
    if (f.headline) headline = f.model;
    if (std::find(models.begin(), models.end(), f.model) == models.end()) models.push_back(f.model);
    by_issue[f.issue][f.model] = &f;
  }
  std::map<std::string, std::string> missing;
  for (const report::WithheldIssue& withheld : snapshot.no_forecast) {
    missing[withheld.issue] = withheld.missing;
  }
  std::erase(models, headline);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"issue"};
  if (!headline.empty()) header.push_back(headline + " (headline)");
  header.push_back("p10-p90");
  header.insert(header.end(), models.begin(), models.end());
  rows.push_back(header);
  std::string notes;
  for (const auto& issue : snapshot.scenario.issues) {
    const std::string& id = issue.id;
    auto reason = missing.find(id);
    if (reason != missing.end()) {
      notes += "  " + id + ": not enough evidence, no forecast: " + reason->second + "\n";
      rows.push_back({id, "not enough evidence"});
      continue;
    }
    auto found = by_issue.find(id);
    if (found == by_issue.end()) continue;
    auto number = [&](const std::string& model, double forecast::ForecastSummary::*field) {
      auto result = found->second.find(model);
      return result == found->second.end() ? std::string("-")
                                           : FormatNumber(result->second->*field);
    };
    std::vector<std::string> row = {id};
    auto lead = found->second.find(headline);
    if (lead != found->second.end()) {
      const forecast::ForecastSummary& entry = *lead->second;
      bool priors = !entry.leans_on_priors.empty();
      row.push_back(number(headline, &forecast::ForecastSummary::forecast) + (priors ? "*" : ""));
      row.push_back(number(headline, &forecast::ForecastSummary::p10) + "-" +
                    number(headline, &forecast::ForecastSummary::p90));
      if (priors) {
        std::string actors;
        for (const std::string& actor : entry.leans_on_priors) {
          actors += (actors.empty() ? "" : ", ") + actor;
        }
        notes += "  * " + id + " leans on priors: " + actors + "\n";
      }
      notes += SensitivityNote(id, entry);
    }
    for (const std::string& model : models) {
      row.push_back(number(model, &forecast::ForecastSummary::forecast));
    }
    rows.push_back(row);
  }
  return FormatTable(rows) + notes;
}

std::string ShiftTable(const report::Snapshot& snapshot, int max_shifts) {
  std::vector<const report::SnapshotShift*> shifts;
  for (const report::SnapshotShift& shift : snapshot.shifts) shifts.push_back(&shift);
  // Most recent first; among equal dates the larger move first.
  std::stable_sort(shifts.begin(), shifts.end(),
                   [](const report::SnapshotShift* a, const report::SnapshotShift* b) {
                     if (a->date != b->date) return a->date > b->date;
                     return std::abs(a->to - a->from) > std::abs(b->to - b->from);
                   });
  if (static_cast<int>(shifts.size()) > max_shifts) shifts.resize(max_shifts);
  std::vector<std::vector<std::string>> rows = {{"date", "actor", "issue", "move", "evidence"}};
  for (const report::SnapshotShift* shift : shifts) {
    rows.push_back({shift->date, shift->actor, shift->issue,
                    FormatNumber(shift->from) + " -> " + FormatNumber(shift->to),
                    TableCell(shift->summary.value_or(""), 70)});
  }
  return FormatTable(rows);
}

}  // namespace

namespace {

std::string BinaryPath() {
  std::error_code error;
  return std::filesystem::read_symlink("/proc/self/exe", error).string();
}

// The options of a run over the store: the calibration of data/forecast (or
// $PARLEY_CALIBRATION) for the forecast bands.
Result<pipeline::AnalyzeOptions> WithCalibration(pipeline::AnalyzeOptions options) {
  auto calibration = forecast::LoadCalibration(forecast::DefaultCalibrationPath());
  if (!calibration.ok()) return calibration.status();
  options.calibration = *calibration;
  return options;
}

}  // namespace

Result<report::Snapshot> RunAnalysis(const StancePipeline& pipeline, const AnalyzeRun& run,
                                     const GlobalOptions& global, ErrorLog& errors) {
  auto store = OpenStore(run.db);
  if (!store.ok()) return store.status();
  auto options = WithCalibration(run.options);
  if (!options.ok()) return options.status();
  auto on_error = [&](const InputError& error) { errors.Report(error.Message()); };
  // Expanded here to know the total: one document per file unless a file holds many.
  const std::vector<std::string> files = ExpandInputPaths(run.inputs, on_error);
  auto stale = pipeline::StaleDocumentCount(pipeline, **store, options->reextract);
  if (!stale.ok()) return stale.status();
  Progress progress("analyze", files.size() + static_cast<uint64_t>(*stale), global.quiet);
  auto analyzed =
      pipeline::Analyze(pipeline, **store, files, *options, on_error, [&] { progress.Add(); });
  progress.Finish();
  if (!analyzed.ok()) return analyzed.status();
  const pipeline::IngestSummary& ingested = analyzed->ingested;
  if (!global.quiet) {
    std::fprintf(stderr,
                 "parley: %d documents read: %d articles added, %d already stored, %d without "
                 "article text; %d stored articles re-extracted; %d statements added to %s\n",
                 ingested.documents, ingested.articles_added, ingested.already_stored,
                 ingested.without_text, ingested.reextracted, ingested.statements_added,
                 StoreDisplayName(run.db).c_str());
  }
  return std::move(analyzed->snapshot);
}

Result<pipeline::AnalyzeResult> RunWorker(const StancePipeline& pipeline, const AnalyzeRun& run,
                                          const pipeline::WorkerOptions& worker,
                                          const GlobalOptions& global) {
  auto store = OpenStore(run.db);
  if (!store.ok()) return store.status();
  auto options = WithCalibration(run.options);
  if (!options.ok()) return options.status();
  Progress progress("worker", 0, global.quiet);
  auto worked = pipeline::Work(pipeline, **store, *options, worker, [&] { progress.Add(); });
  progress.Finish();
  if (!worked.ok()) return worked.status();
  const pipeline::IngestSummary& ingested = worked->ingested;
  if (!global.quiet) {
    std::fprintf(stderr,
                 "parley: worker %s: %d queued documents done: %d articles added, %d already "
                 "stored, %d without article text; %d statements added to %s\n",
                 worker.name.c_str(), ingested.documents, ingested.articles_added,
                 ingested.already_stored, ingested.without_text, ingested.statements_added,
                 StoreDisplayName(run.db).c_str());
  }
  return worked;
}

Result<std::unique_ptr<StancePipeline>> LoadPipeline(const std::string& scenario,
                                                     const std::string& dictionary_dir) {
  return StancePipeline::Load(scenario, ScenarioSearchPath(BinaryPath()), dictionary_dir);
}

Corpus AnalyzeInputs(const StancePipeline& pipeline, const std::vector<std::string>& inputs,
                     const GlobalOptions& global, const char* what, ErrorLog& errors,
                     const StoryOptions& stories) {
  auto on_error = [&](const InputError& input_error) { errors.Report(input_error.Message()); };
  // Expanded here to know the total: one document per file unless a file holds many.
  const std::vector<std::string> files = ExpandInputPaths(inputs, on_error);
  Progress progress(what, files.size(), global.quiet);
  CorpusOptions corpus_options;
  corpus_options.threads = global.threads;
  corpus_options.input.max_bytes = global.max_bytes;
  corpus_options.stories = stories;
  Corpus corpus = AnalyzeCorpus(files, pipeline.extractor(), pipeline.stances(), corpus_options,
                                on_error, [&] { progress.Add(); });
  progress.Finish();
  return corpus;
}

Result<report::Snapshot> LoadSnapshotFor(const std::string& snapshot_path,
                                         const std::string& scenario, const GlobalOptions& global) {
  if (!snapshot_path.empty()) return report::LoadSnapshot(snapshot_path, global.max_bytes);
  if (scenario.empty()) {
    return InvalidInput("give --snapshot FILE, or --scenario NAME to read the store --db " +
                        StoreDisplayName(global.db));
  }
  auto loaded = LoadScenario(scenario, ScenarioSearchPath(BinaryPath()));
  if (!loaded.ok()) return loaded.status();
  auto store = OpenStore(global.db);
  if (!store.ok()) return store.status();
  return pipeline::LoadSnapshot(*loaded, **store, pipeline::AnalyzeOptions());
}

Result<std::unique_ptr<pipeline::StoreSession>> OpenStoreSession(const std::string& scenario,
                                                                 const GlobalOptions& global) {
  auto pipeline = LoadPipeline(scenario, "");
  if (!pipeline.ok()) return pipeline.status();
  auto store = OpenStore(global.db);
  if (!store.ok()) return store.status();
  pipeline::AnalyzeOptions defaults;
  defaults.threads = 1;
  defaults.input.max_bytes = global.max_bytes;
  auto options = WithCalibration(std::move(defaults));
  if (!options.ok()) return options.status();
  return std::make_unique<pipeline::StoreSession>(std::move(*pipeline), std::move(*store),
                                                  std::move(*options));
}

std::string FormatSummary(const report::Snapshot& snapshot, int max_shifts) {
  std::string out = "Positions (0-100; p = scenario prior, o = analyst override, - = no evidence)";
  if (!snapshot.positions.as_of.empty()) out += ", as of " + snapshot.positions.as_of;
  out += "\n" + MatrixTable(snapshot);
  out += "\nForecasts per issue (0-100; p10-p90 should hold the outcome 4 times in 5)\n" +
         ForecastTable(snapshot);
  if (!snapshot.shifts.empty()) {
    out += "\nBiggest recent shifts\n" + ShiftTable(snapshot, max_shifts);
  }
  return out;
}

}  // namespace parley::cli
