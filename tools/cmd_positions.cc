// `parley positions --scenario S (PATH... | --db FILE) [--as-of DATE] [--json]`: the actor x
// issue position matrix with ranges, salience and evidence, and the timeline of shifts.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.h"
#include "parley/positions.h"
#include "parley/store.h"

namespace parley::cli {
namespace {

struct PositionsOptions {
  std::string scenario;
  std::string dictionary_dir;
  std::vector<std::string> inputs;
  std::string as_of;
  double half_life_days = 30;
  bool json = false;
};

StanceKind KindFromName(const std::string& name) {
  for (StanceKind kind : {StanceKind::kDemand, StanceKind::kOffer, StanceKind::kPropose,
                          StanceKind::kAccept, StanceKind::kSupport, StanceKind::kReject,
                          StanceKind::kOppose, StanceKind::kConcede, StanceKind::kCondition}) {
    if (StanceKindName(kind) == name) return kind;
  }
  return StanceKind::kSupport;
}

// Statements stored by an earlier run. Stories are not stored, so each counts on its own.
Result<std::vector<Statement>> StoredStatements(const std::string& db,
                                                const std::string& scenario) {
  auto store = OpenSqliteStore(db);
  if (!store.ok()) return store.status();
  auto records = (*store)->Statements(scenario);
  if (!records.ok()) return records.status();
  std::vector<Statement> statements;
  for (const StatementRecord& record : *records) {
    Statement statement;
    statement.doc = record.doc_id;
    statement.doc_id = record.doc_id;
    statement.date = record.date;
    statement.outlet = record.outlet;
    statement.actor = record.actor;
    statement.issue = record.issue;
    statement.position = record.position;
    statement.kind = KindFromName(record.kind);
    statement.speaker = record.speaker;
    statement.evidence = record.evidence;
    statement.span = {record.span_begin, record.span_end};
    statement.confidence = record.confidence;
    statement.condition = record.condition;
    statement.negated = record.negated;
    statements.push_back(std::move(statement));
  }
  return statements;
}

void PrintTables(const PositionMatrix& matrix) {
  std::vector<std::vector<std::string>> rows = {
      {"actor", "issue", "pos", "range", "sal", "basis", "n", "evidence"}};
  for (const PositionCell& cell : matrix.cells) {
    std::string evidence = cell.evidence.empty() ? cell.note : cell.evidence.front()->evidence;
    rows.push_back({cell.actor, cell.issue, FormatNumber(cell.position),
                    FormatNumber(cell.low) + "-" + FormatNumber(cell.high),
                    FormatNumber(cell.salience), std::string(CellBasisName(cell.basis)),
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
  std::error_code error;
  const std::string binary = std::filesystem::read_symlink("/proc/self/exe", error).string();
  auto pipeline =
      StancePipeline::Load(options.scenario, ScenarioSearchPath(binary), options.dictionary_dir);
  if (!pipeline.ok()) return ReportFatal(pipeline.status());
  const Scenario& scenario = (*pipeline)->scenario();
  ErrorLog errors;
  std::vector<Statement> statements;
  if (options.inputs.empty()) {
    auto stored = StoredStatements(global.db, scenario.id);
    if (!stored.ok()) return ReportFatal(stored.status());
    statements = std::move(*stored);
  } else {
    Progress progress("positions", 0, global.quiet);
    CorpusOptions corpus_options;
    corpus_options.threads = global.threads;
    corpus_options.input.max_bytes = global.max_bytes;
    Corpus corpus = AnalyzeCorpus(
        options.inputs, (*pipeline)->extractor(), (*pipeline)->stances(), corpus_options,
        [&](const InputError& input_error) { errors.Report(input_error.Message()); },
        [&] { progress.Add(); });
    statements = std::move(corpus.statements);
  }
  PositionOptions position_options;
  position_options.as_of = options.as_of;
  position_options.half_life_days = options.half_life_days;
  const PositionMatrix matrix = BuildPositions(scenario, statements, position_options);
  if (options.json || global.jsonl) {
    const nlohmann::json document = PositionsJson(scenario, matrix);
    std::printf("%s\n", document
                            .dump(options.json && !global.jsonl ? 1 : -1, ' ', false,
                                  nlohmann::json::error_handler_t::replace)
                            .c_str());
  } else {
    PrintTables(matrix);
  }
  return errors.ExitCode();
}

const Registration kPositionsCommand(
    {45, "positions",
     "Build the actor x issue position matrix (ranges, salience, evidence, timeline)",
     [](CLI::App& app, GlobalOptions& global) -> std::function<int()> {
       auto options = std::make_shared<PositionsOptions>();
       app.add_option("inputs", options->inputs,
                      "Files or directories; without any, statements come from the --db store");
       app.add_option("--scenario", options->scenario,
                      "Bundled scenario name (e.g. ukraine-2025) or a scenario .yaml file")
           ->required();
       app.add_option("--as-of", options->as_of,
                      "YYYY-MM-DD: ignore later statements and weigh recency from this day")
           ->check([](const std::string& value) -> std::string {
             const bool ok = value.size() == 10 && value[4] == '-' && value[7] == '-';
             return ok ? "" : "expected a date YYYY-MM-DD, got '" + value + "'";
           });
       app.add_option("--half-life", options->half_life_days,
                      "Days after which a statement weighs half as much")
           ->default_val(30)
           ->check(CLI::PositiveNumber);
       app.add_flag("--json", options->json,
                    "Print the positions document (docs/positions-json.md), indented");
       app.add_option("--dict", options->dictionary_dir,
                      "Dictionary folder (default: $PARLEY_DICT or the source tree's data/dict)");
       return [options, &global] { return Run(*options, global); };
     }});

}  // namespace
}  // namespace parley::cli
