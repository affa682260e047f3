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
std::string SensitivityNote(const std::string& issue, const json& entry) {
  if (!entry.contains("sensitivity") || entry["sensitivity"].empty()) return "";
  std::string text = "  " + issue + " moves most with:";
  bool first = true;
  for (const json& item : entry["sensitivity"]) {
    text += std::string(first ? " " : ", ") + item["actor"].get<std::string>() + " " +
            item["input"].get<std::string>() + " (" + FormatNumber(item["swing"].get<double>(), 1) +
            (first ? " points)" : ")");
    first = false;
  }
  return text + "\n";
}

std::string MatrixTable(const json& snapshot) {
  const json& scenario = snapshot["scenario"];
  std::map<std::pair<std::string, std::string>, const json*> cells;
  for (const json& cell : snapshot["positions"]["cells"]) {
    cells[{cell["actor"], cell["issue"]}] = &cell;
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"actor"};
  for (const json& issue : scenario["issues"]) header.push_back(issue["id"]);
  rows.push_back(header);
  for (const json& actor : scenario["actors"]) {
    std::vector<std::string> row = {actor["name"].get<std::string>() + " (" +
                                    actor["id"].get<std::string>() + ")"};
    for (const json& issue : scenario["issues"]) {
      auto found = cells.find({actor["id"], issue["id"]});
      if (found == cells.end()) {
        row.push_back("-");
        continue;
      }
      const json& cell = *found->second;
      std::string basis = cell.value("basis", "evidence");
      std::string mark = basis == "prior" ? "p" : basis == "override" ? "o" : "";
      row.push_back(FormatNumber(cell["position"]) + mark);
    }
    rows.push_back(row);
  }
  return FormatTable(rows);
}

// One row per issue: the headline model first with its p10-p90 band, then the other models. An
// issue without enough evidence says so instead of showing numbers; * marks a forecast that
// leans on priors.
std::string ForecastTable(const json& snapshot) {
  std::string headline;
  std::vector<std::string> models;
  std::map<std::string, std::map<std::string, const json*>> by_issue;
  for (const json& f : snapshot["forecasts"]) {
    std::string model = f["model"];
    if (f.value("headline", false)) headline = model;
    if (std::find(models.begin(), models.end(), model) == models.end()) models.push_back(model);
    by_issue[f["issue"]][model] = &f;
  }
  std::map<std::string, std::string> missing;
  for (const json& withheld : snapshot.value("no_forecast", json::array())) {
    missing[withheld["issue"]] = withheld["missing"];
  }
  std::erase(models, headline);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"issue"};
  if (!headline.empty()) header.push_back(headline + " (headline)");
  header.push_back("p10-p90");
  header.insert(header.end(), models.begin(), models.end());
  rows.push_back(header);
  std::string notes;
  for (const json& issue : snapshot["scenario"]["issues"]) {
    std::string id = issue["id"];
    auto reason = missing.find(id);
    if (reason != missing.end()) {
      notes += "  " + id + ": not enough evidence, no forecast: " + reason->second + "\n";
      rows.push_back({id, "not enough evidence"});
      continue;
    }
    auto found = by_issue.find(id);
    if (found == by_issue.end()) continue;
    auto number = [&](const std::string& model, const char* field) {
      auto result = found->second.find(model);
      return result == found->second.end() ? std::string("-")
                                           : FormatNumber((*result->second)[field]);
    };
    std::vector<std::string> row = {id};
    auto lead = found->second.find(headline);
    if (lead != found->second.end()) {
      const json& entry = *lead->second;
      bool priors = entry.contains("leans_on_priors");
      row.push_back(number(headline, "forecast") + (priors ? "*" : ""));
      row.push_back(number(headline, "p10") + "-" + number(headline, "p90"));
      if (priors) {
        std::string actors;
        for (const json& actor : entry["leans_on_priors"]) {
          actors += (actors.empty() ? "" : ", ") + actor.get<std::string>();
        }
        notes += "  * " + id + " leans on priors: " + actors + "\n";
      }
      notes += SensitivityNote(id, entry);
    }
    for (const std::string& model : models) row.push_back(number(model, "forecast"));
    rows.push_back(row);
  }
  return FormatTable(rows) + notes;
}

std::string ShiftTable(const json& snapshot, int max_shifts) {
  std::vector<const json*> shifts;
  for (const json& shift : snapshot["shifts"]) shifts.push_back(&shift);
  // Most recent first; among equal dates the larger move first.
  std::stable_sort(shifts.begin(), shifts.end(), [](const json* a, const json* b) {
    std::string date_a = (*a)["date"], date_b = (*b)["date"];
    if (date_a != date_b) return date_a > date_b;
    return std::abs((*a)["to"].get<double>() - (*a)["from"].get<double>()) >
           std::abs((*b)["to"].get<double>() - (*b)["from"].get<double>());
  });
  if (static_cast<int>(shifts.size()) > max_shifts) shifts.resize(max_shifts);
  std::vector<std::vector<std::string>> rows = {{"date", "actor", "issue", "move", "evidence"}};
  for (const json* shift : shifts) {
    rows.push_back({(*shift)["date"], (*shift)["actor"], (*shift)["issue"],
                    FormatNumber((*shift)["from"]) + " -> " + FormatNumber((*shift)["to"]),
                    TableCell(shift->value("summary", ""), 70)});
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
  const json& document = snapshot.document;
  std::string out = "Positions (0-100; p = scenario prior, o = analyst override, - = no evidence)";
  std::string as_of = document["positions"].value("as_of", "");
  if (!as_of.empty()) out += ", as of " + as_of;
  out += "\n" + MatrixTable(document);
  out += "\nForecasts per issue (0-100; p10-p90 should hold the outcome 4 times in 5)\n" +
         ForecastTable(document);
  if (!document["shifts"].empty()) {
    out += "\nBiggest recent shifts\n" + ShiftTable(document, max_shifts);
  }
  return out;
}

}  // namespace parley::cli
