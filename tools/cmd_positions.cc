// `parley positions --scenario S (PATH... | --db FILE) [--as-of DATE] [--json | --csv]`: the actor
// x issue position matrix with ranges, salience and evidence, and the timeline of shifts.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parley/pipeline.h"
#include "parley/positions.h"
#include "parley/store.h"
#include "pipeline_cli.h"

namespace parley::cli {
namespace {

struct PositionsOptions {
  std::string scenario;
  std::string dictionary_dir;
  std::vector<std::string> inputs;
  std::string as_of;
  double half_life_days = 30;
  bool json = false;
  bool csv = false;
};

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// One row per actor x issue cell that has a position; the columns are in README.md.
void PrintCsv(const PositionMatrix& matrix) {
  std::printf("actor,issue,position,low,high,salience,basis,statements,as_of,evidence,source\n");
  for (const PositionCell& cell : matrix.cells) {
    const Statement* strongest = cell.evidence.empty() ? nullptr : cell.evidence.front();
    std::vector<std::string> fields = {cell.actor,
                                       cell.issue,
                                       FormatNumber(cell.position, 1),
                                       FormatNumber(cell.low, 1),
                                       FormatNumber(cell.high, 1),
                                       FormatNumber(cell.salience, 1),
                                       std::string(CellBasisName(cell.basis)),
                                       std::to_string(cell.statements),
                                       matrix.as_of,
                                       strongest ? strongest->evidence : cell.note,
                                       strongest ? strongest->doc : ""};
    std::string line;
    for (const std::string& field : fields) line += (line.empty() ? "" : ",") + CsvField(field);
    std::printf("%s\n", line.c_str());
  }
}

void PrintTables(const PositionMatrix& matrix) {
  std::vector<std::vector<std::string>> rows = {
      {"actor", "issue", "pos", "range", "sal", "basis", "n", "evidence"}};
  for (const PositionCell& cell : matrix.cells) {
    std::string evidence = cell.evidence.empty() ? cell.note : cell.evidence.front()->evidence;
    // A team's override names who set it (its time is in --json).
    std::string basis(CellBasisName(cell.basis));
    if (!cell.author.empty()) basis += " by " + TableCell(cell.author, 20);
    rows.push_back({cell.actor, cell.issue, FormatNumber(cell.position),
                    FormatNumber(cell.low) + "-" + FormatNumber(cell.high),
                    FormatNumber(cell.salience), basis,
                    std::to_string(cell.statements), TableCell(evidence, 70)});
  }
  std::printf("positions as of %s (%s)\n", matrix.as_of.c_str(), matrix.scenario.c_str());
  std::fputs(FormatTable(rows).c_str(), stdout);
  if (matrix.timeline.empty()) return;
  std::vector<std::vector<std::string>> shifts = {
      {"actor", "issue", "from", "to", "dates", "doc", "evidence"}};
  for (const PositionShift& shift : matrix.timeline) {
    shifts.push_back({shift.actor, shift.issue, FormatNumber(shift.from), FormatNumber(shift.to),
                      shift.from_date + " -> " + shift.to_date, TableCell(shift.statement->doc, 40),
                      TableCell(shift.statement->evidence, 60)});
  }
  std::printf("\ntimeline\n");
  std::fputs(FormatTable(shifts).c_str(), stdout);
}

int Run(const PositionsOptions& options, const GlobalOptions& global) {
  auto pipeline = LoadPipeline(options.scenario, options.dictionary_dir);
  if (!pipeline.ok()) return ReportFatal(pipeline.status());
  const Scenario& scenario = (*pipeline)->scenario();
  ErrorLog errors;
  PositionOptions position_options;
  position_options.as_of = options.as_of;
  position_options.half_life_days = options.half_life_days;
  pipeline::Evidence evidence;  // from files: the statements the matrix points into
  StoredPositions stored;       // from the store: read cell by cell, never every statement
  const PositionMatrix* matrix = &evidence.matrix;
  if (options.inputs.empty()) {
    auto store = OpenStore(global.db);
    if (!store.ok()) return ReportFatal(store.status());
    auto built = pipeline::PositionsFromStore(scenario, **store, position_options);
    if (!built.ok()) return ReportFatal(built.status());
    stored = std::move(*built);
    matrix = &stored.matrix;
  } else {
    evidence = pipeline::PositionsFromCorpus(
        scenario, AnalyzeInputs(**pipeline, options.inputs, global, "positions", errors),
        position_options);
  }
  if (options.csv) {
    PrintCsv(*matrix);
  } else if (options.json || global.jsonl) {
    const nlohmann::json document = PositionsJson(scenario, *matrix);
    std::printf("%s\n", document
                            .dump(options.json && !global.jsonl ? 1 : -1, ' ', false,
                                  nlohmann::json::error_handler_t::replace)
                            .c_str());
  } else {
    PrintTables(*matrix);
  }
  return errors.ExitCode();
}

void AddOptions(CLI::App& app, PositionsOptions& options) {
  app.add_option("inputs", options.inputs,
                 "Files or directories; without any, statements come from the --db store");
  app.add_option("--scenario", options.scenario,
                 "Bundled scenario name (e.g. ukraine-2025) or a scenario .yaml file")
      ->required();
  app.add_option("--as-of", options.as_of,
                 "YYYY-MM-DD: ignore later statements and weigh recency from this day")
      ->check(CalendarDateCheck());
  app.add_option("--half-life", options.half_life_days,
                 "Days after which a statement weighs half as much")
      ->default_val(30)
      ->check(CLI::PositiveNumber);
  auto json = app.add_flag("--json", options.json,
                           "Print the positions document (docs/positions-json.md), indented");
  app.add_flag("--csv", options.csv,
               "Print one CSV row per actor x issue cell (columns: README.md)")
      ->excludes(json);
  AddDictionaryOption(app, options.dictionary_dir);
}

const Registration kPositionsCommand(MakeCommand<PositionsOptions>(
    45, "positions",
    "Build the actor x issue position matrix (ranges, salience, evidence, timeline)", AddOptions,
    Run));

}  // namespace
}  // namespace parley::cli
