// `parley score --gold FILE [--scenario S] PATH...`: runs the `stances` pipeline over the pages
// and scores its statements against the reference stances of a gold file
// (include/parley/stance_score.h): recall, precision and what kind of error each miss is.
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "parley/positions.h"
#include "parley/stance_score.h"
#include "parley/text_util.h"
#include "pipeline_cli.h"

namespace parley::cli {
namespace {

namespace fs = std::filesystem;
// Ordered, so that each line starts with its "type".
using json = nlohmann::ordered_json;

struct ScoreOptions {
  std::string gold;
  std::string scenario = "ukraine-2025";
  std::string dictionary_dir;
  std::vector<std::string> inputs;
};

// The text the evidence must be found in. A plain .txt or .md page is checked as stored, so
// nothing the reader cleaned away can hide a paraphrase; for other inputs (HTML, archives) the
// stored bytes are markup, so the article text the reader made is used.
std::string PageText(const StoryDocument& document) {
  const fs::path path(document.doc);
  const std::string extension = path.extension().string();
  std::error_code error;
  if ((extension == ".txt" || extension == ".md") && fs::is_regular_file(path, error)) {
    if (std::optional<std::string> text = ReadWholeFile(path)) return *text;
  }
  return document.text;
}

// Page texts of the gold articles among the inputs; the others are named in one note.
std::map<std::string, std::string> ScoredPages(const StanceGold& gold, const Corpus& corpus,
                                               bool quiet) {
  std::map<std::string, std::string> pages;
  std::vector<std::string> ignored;
  for (const StoryDocument& document : corpus.documents) {
    const std::string id = GoldArticleId(document.doc);
    if (gold.Find(id) != nullptr) {
      pages.emplace(id, PageText(document));
    } else {
      ignored.push_back(id);
    }
  }
  if (!ignored.empty() && !quiet) {
    std::string names;
    for (size_t i = 0; i < ignored.size() && i < 5; ++i) names += (i ? ", " : "") + ignored[i];
    if (ignored.size() > 5) names += ", ...";
    std::fprintf(stderr, "parley: %zu articles not in %s ignored: %s\n", ignored.size(),
                 gold.source.c_str(), names.c_str());
  }
  return pages;
}

json PositionOrNull(const Statement* statement) {
  return statement != nullptr ? json(statement->position) : json(nullptr);
}

void PrintJsonl(const StanceScore& score) {
  auto print = [](const json& line) {
    std::printf("%s\n", line.dump(-1, ' ', false, json::error_handler_t::replace).c_str());
  };
  for (const GoldOutcome& outcome : score.gold) {
    const GoldStance& stance = *outcome.stance;
    print({{"type", "gold"},
           {"doc", outcome.article->id},
           {"actor", stance.actor},
           {"issue", stance.issue},
           {"position", stance.position},
           {"tolerance", stance.tolerance},
           {"kind", stance.kind},
           {"line", stance.line},
           {"hit", outcome.match != nullptr},
           {"predicted", PositionOrNull(outcome.nearest)},
           {"evidence", outcome.nearest ? json(outcome.nearest->evidence) : json(nullptr)}});
  }
  for (const PredictionOutcome& outcome : score.predictions) {
    const Statement& statement = *outcome.statement;
    print({{"type", "prediction"},
           {"doc", outcome.article->id},
           {"path", statement.doc},
           {"actor", statement.actor},
           {"issue", statement.issue},
           {"position", statement.position},
           {"kind", StanceKindName(statement.kind)},
           {"confidence", statement.confidence},
           {"class", StanceErrorClassName(outcome.error_class)},
           {"gold_actor", outcome.gold ? json(outcome.gold->actor) : json(nullptr)},
           {"gold", outcome.gold ? json(outcome.gold->position) : json(nullptr)},
           {"verbatim", outcome.verbatim},
           {"evidence", statement.evidence}});
  }
}

std::string Ratio(int part, int whole) {
  return whole > 0 ? FormatNumber(static_cast<double>(part) / whole, 3) : "-";
}

std::vector<std::string> CountsRow(const std::string& name, const ScoreCounts& counts) {
  return {name,
          std::to_string(counts.gold),
          std::to_string(counts.hit),
          Ratio(counts.hit, counts.gold),
          std::to_string(counts.predicted),
          std::to_string(counts.right),
          Ratio(counts.right, counts.predicted)};
}

std::string BreakdownTable(const std::string& title,
                           const std::map<std::string, ScoreCounts>& groups) {
  std::vector<std::vector<std::string>> rows = {
      {title, "gold", "hit", "recall", "pred", "right", "precision"}};
  for (const auto& [name, counts] : groups) rows.push_back(CountsRow(name, counts));
  return FormatTable(rows);
}

void PrintTables(const StanceScore& score, size_t articles, const StanceGold& gold,
                 const std::string& scenario) {
  const ScoreCounts& total = score.total;
  std::printf("articles   %zu of %zu in %s (scenario %s)\n", articles, gold.articles.size(),
              gold.source.c_str(), scenario.c_str());
  std::printf("recall     %s  (%d of %d gold stances)\n", Ratio(total.hit, total.gold).c_str(),
              total.hit, total.gold);
  std::printf("precision  %s  (%d of %d statements)\n", Ratio(total.right, total.predicted).c_str(),
              total.right, total.predicted);
  std::printf("evidence   %d of %d verbatim\n\n", score.verbatim, total.predicted);
  std::printf("%s\n", BreakdownTable("issue", score.by_issue).c_str());
  std::printf("%s\n", BreakdownTable("actor", score.by_actor).c_str());
  std::vector<std::vector<std::string>> classes = {{"class", "count"}};
  for (int c = 0; c < kStanceErrorClasses; ++c) {
    const auto error_class = static_cast<StanceErrorClass>(c);
    classes.push_back(
        {std::string(StanceErrorClassName(error_class)), std::to_string(score.count(error_class))});
  }
  std::printf("%s\n", FormatTable(classes).c_str());
  std::vector<std::vector<std::string>> bands = {{"confidence", "pred", "right", "precision"}};
  for (size_t band = 0; band < kConfidenceBandNames.size(); ++band) {
    const ScoreCounts& counts = score.by_confidence[band];
    bands.push_back({std::string(kConfidenceBandNames[band]), std::to_string(counts.predicted),
                     std::to_string(counts.right), Ratio(counts.right, counts.predicted)});
  }
  std::fputs(FormatTable(bands).c_str(), stdout);
}

// Evidence the page does not hold fails the run: an analyst must be able to find every quote.
void ReportParaphrases(const StanceScore& score, ErrorLog& errors) {
  for (const PredictionOutcome& outcome : score.predictions) {
    if (outcome.verbatim) continue;
    errors.Report(outcome.statement->doc + ": evidence not found verbatim in the page: \"" +
                  TableCell(outcome.statement->evidence, 100) + "\"");
  }
}

int Run(const ScoreOptions& options, const GlobalOptions& global) {
  Result<StanceGold> gold = LoadStanceGold(options.gold);
  if (!gold.ok()) return ReportFatal(gold.status());
  auto pipeline = LoadPipeline(options.scenario, options.dictionary_dir);
  if (!pipeline.ok()) return ReportFatal(pipeline.status());
  const Status known = CheckStanceGold(*gold, (*pipeline)->scenario());
  if (!known.ok()) return ReportFatal(known);
  ErrorLog errors;
  const Corpus corpus = AnalyzeInputs(**pipeline, options.inputs, global, "score", errors);
  const std::map<std::string, std::string> pages = ScoredPages(*gold, corpus, global.quiet);
  const StanceScore score = ScoreStances(*gold, corpus.statements, pages);
  ReportParaphrases(score, errors);
  if (global.jsonl) {
    PrintJsonl(score);
  } else {
    PrintTables(score, pages.size(), *gold, (*pipeline)->scenario().id);
  }
  return errors.ExitCode();
}

void AddOptions(CLI::App& app, ScoreOptions& options) {
  AddInputsOption(app, options.inputs);
  app.add_option("--gold", options.gold,
                 "Gold stances: {\"articles\": {\"<file name>\": {\"stances\": [{actor, "
                 "issue, position, tolerance, ...}]}}}")
      ->required();
  app.add_option("--scenario", options.scenario, "Bundled scenario name or a scenario .yaml file")
      ->default_val("ukraine-2025");
  AddDictionaryOption(app, options.dictionary_dir);
  app.footer(
      "A statement matches a gold stance of its article (the gold entry named like the\n"
      "input file) when actor and issue agree and |position - gold| <= tolerance. Recall\n"
      "is over gold stances, precision over statements. Error classes:\n"
      "  right         matches a gold stance\n"
      "  wrong_point   the actor has gold on the issue, same side of 50, outside tolerance\n"
      "  wrong_side    the actor has gold on the issue, on the other side of 50\n"
      "  wrong_holder  no gold for the actor, but another actor's gold stance would match\n"
      "  not_there     nothing of the kind in the gold\n"
      "  missed        a gold stance no statement matches\n"
      "Inputs not in the gold are ignored. Exit 1 when an input failed or some evidence is\n"
      "not verbatim in its page. --jsonl: one line per gold stance (\"type\":\"gold\") and\n"
      "per statement (\"type\":\"prediction\").");
}

const Registration kScoreCommand(MakeCommand<ScoreOptions>(
    41, "score",
    "Score stances against a gold file: recall, precision, and the class of each error", AddOptions,
    Run));

}  // namespace
}  // namespace parley::cli
