// Positions from the store, one cell at a time: BuildPositions() treats every cell on its own
// (its units, sums, evidence and shifts read only that cell's statements) once the as_of date is
// fixed, so a cell-by-cell build equals the whole build while holding one cell in memory.
#include <algorithm>
#include <map>

#include "internal.h"

namespace parley {
namespace {

using positions_internal::DayNumber;

StanceKind ParseKind(const std::string& name) {
  for (StanceKind kind : {StanceKind::kDemand, StanceKind::kOffer, StanceKind::kPropose,
                          StanceKind::kAccept, StanceKind::kSupport, StanceKind::kReject,
                          StanceKind::kOppose, StanceKind::kConcede, StanceKind::kCondition}) {
    if (StanceKindName(kind) == name) return kind;
  }
  return StanceKind::kSupport;
}

}  // namespace

Statement StatementFromRecord(const StatementRecord& r, const std::string& locator) {
  Statement s;
  s.doc = locator;
  s.doc_id = r.doc_id;
  s.date = r.date;
  s.outlet = r.outlet;
  s.actor = r.actor;
  s.issue = r.issue;
  s.position = r.position;
  s.kind = ParseKind(r.kind);
  s.speaker = r.speaker;
  s.evidence = r.evidence;
  s.span = {r.span_begin, r.span_end};
  s.confidence = r.confidence;
  s.condition = r.condition;
  s.negated = r.negated;
  s.reported = r.reported;
  s.joint = r.joint;
  return s;
}

Result<StoredPositions> BuildStoredPositions(
    const Scenario& scenario, Store& store,
    const std::unordered_map<std::string, StoredArticle>& articles,
    const PositionOptions& options) {
  StoredPositions result;
  result.kept = std::make_unique<std::deque<Statement>>();
  // The as_of date BuildPositions() would take from all statements: the latest valid one.
  PositionOptions cell_options = options;
  if (cell_options.as_of.empty()) {
    auto dates = store.StatementDates(scenario.id);
    if (!dates.ok()) return dates.status();
    for (const std::string& date : *dates) {
      if (DayNumber(date) && date > cell_options.as_of) cell_options.as_of = date;
    }
  }
  result.matrix.scenario = scenario.id;
  result.matrix.as_of =
      cell_options.as_of.substr(0, std::min<size_t>(10, cell_options.as_of.size()));
  std::unordered_map<std::string, int> story_of_doc;
  for (size_t a = 0; a < scenario.actors.size(); ++a) {
    for (size_t i = 0; i < scenario.issues.size(); ++i) {
      const std::string& actor = scenario.actors[a].id;
      const std::string& issue = scenario.issues[i].id;
      // What the matrix weighs, from a covering index; the rest of a statement (its evidence,
      // speaker, condition) is read only for the statements the cell keeps.
      auto records = store.CellStatementKeys(scenario.id, actor, issue);
      if (!records.ok()) return records.status();
      std::vector<Statement> statements;
      std::vector<int64_t> ids;
      statements.reserve(records->size());
      story_of_doc.clear();
      for (const StatementRecord& record : *records) {
        auto article = articles.find(record.doc_id);
        if (article == articles.end()) continue;
        statements.push_back(StatementFromRecord(record, article->second.locator));
        ids.push_back(record.id);
        story_of_doc[article->second.locator] = article->second.story;
      }
      records->clear();
      result.statements += static_cast<int64_t>(statements.size());
      MarkCorroboration(story_of_doc, statements);
      PositionMatrix cell_matrix = BuildPositions(scenario, statements, cell_options);
      // Statements the cell and its shifts point to move to `kept`, once each, read whole.
      std::map<const Statement*, const Statement*> moved;
      auto keep = [&](const Statement* statement) -> Result<const Statement*> {
        if (statement == nullptr) return nullptr;
        auto [it, added] = moved.emplace(statement, nullptr);
        if (added) {
          auto whole = store.StatementsById({ids[statement - statements.data()]});
          if (!whole.ok()) return whole.status();
          if (whole->size() != 1) return InternalError("a stored statement went missing");
          Statement kept = StatementFromRecord(whole->front(), statement->doc);
          kept.sources = statement->sources;
          kept.story = statement->story;
          result.kept->push_back(std::move(kept));
          it->second = &result.kept->back();
        }
        return it->second;
      };
      for (PositionCell& cell : cell_matrix.cells) {
        if (cell.actor != actor || cell.issue != issue) continue;
        for (const Statement*& evidence : cell.evidence) {
          auto kept = keep(evidence);
          if (!kept.ok()) return kept.status();
          evidence = *kept;
        }
        result.matrix.cells.push_back(std::move(cell));
      }
      for (PositionShift& shift : cell_matrix.timeline) {
        auto kept = keep(shift.statement);
        if (!kept.ok()) return kept.status();
        shift.statement = *kept;
        result.matrix.timeline.push_back(std::move(shift));
      }
    }
  }
  // BuildPositions() lists shifts in cell order, then sorts them by date, stably.
  std::stable_sort(
      result.matrix.timeline.begin(), result.matrix.timeline.end(),
      [](const PositionShift& a, const PositionShift& b) { return a.to_date < b.to_date; });
  return result;
}

}  // namespace parley
