// JSON forms of statements and of the positions document (docs/positions-json.md).
#include <cmath>

#include "internal.h"

namespace parley {
namespace {

// Positions are estimates: one decimal is all the precision they carry.
double Round1(double value) { return std::round(value * 10) / 10; }

nlohmann::json SpanJson(Span span) { return nlohmann::json::array({span.begin, span.end}); }

}  // namespace

nlohmann::json StatementJson(const Statement& statement) {
  nlohmann::json sources = nlohmann::json::array();
  for (const StatementSource& source : statement.sources) {
    sources.push_back({{"outlet", source.outlet}, {"doc", source.doc}, {"date", source.date}});
  }
  return {{"doc", statement.doc},
          {"date", statement.date},
          {"outlet", statement.outlet},
          {"actor", statement.actor},
          {"issue", statement.issue},
          {"position", Round1(statement.position)},
          {"kind", StanceKindName(statement.kind)},
          {"speaker", statement.speaker},
          {"evidence", statement.evidence},
          {"span", SpanJson(statement.span)},
          {"confidence", std::round(statement.confidence * 100) / 100},
          {"condition", statement.condition.empty() ? nlohmann::json(nullptr)
                                                    : nlohmann::json(statement.condition)},
          {"negated", statement.negated},
          {"reported", statement.reported},
          {"joint", statement.joint},
          {"sources", sources}};
}

nlohmann::json PositionsJson(const Scenario& scenario, const PositionMatrix& matrix) {
  nlohmann::json actors = nlohmann::json::array();
  for (const ScenarioActor& actor : scenario.actors) {
    actors.push_back({{"id", actor.id}, {"name", actor.name}, {"capability", actor.capability}});
  }
  nlohmann::json issues = nlohmann::json::array();
  for (const Issue& issue : scenario.issues) {
    issues.push_back({{"id", issue.id},
                      {"name", issue.name},
                      {"status_quo", issue.status_quo ? nlohmann::json(*issue.status_quo)
                                                      : nlohmann::json(nullptr)}});
  }
  nlohmann::json cells = nlohmann::json::array();
  for (const PositionCell& cell : matrix.cells) {
    nlohmann::json evidence = nlohmann::json::array();
    for (const Statement* statement : cell.evidence) {
      evidence.push_back({{"doc", statement->doc},
                          {"date", statement->date},
                          {"outlet", statement->outlet},
                          {"text", statement->evidence},
                          {"span", SpanJson(statement->span)}});
    }
    nlohmann::json entry = {{"actor", cell.actor},
                            {"issue", cell.issue},
                            {"position", Round1(cell.position)},
                            {"low", Round1(cell.low)},
                            {"high", Round1(cell.high)},
                            {"salience", Round1(cell.salience)},
                            {"basis", CellBasisName(cell.basis)},
                            {"statements", cell.statements},
                            {"evidence", evidence}};
    if (!cell.note.empty()) entry["note"] = cell.note;
    if (cell.counts_as_evidence) entry["counts_as_evidence"] = true;
    cells.push_back(std::move(entry));
  }
  nlohmann::json timeline = nlohmann::json::array();
  for (const PositionShift& shift : matrix.timeline) {
    timeline.push_back({{"actor", shift.actor},
                        {"issue", shift.issue},
                        {"from", Round1(shift.from)},
                        {"to", Round1(shift.to)},
                        {"from_date", shift.from_date},
                        {"to_date", shift.to_date},
                        {"doc", shift.statement->doc},
                        {"text", shift.statement->evidence}});
  }
  return {{"scenario", matrix.scenario},
          {"as_of", matrix.as_of},
          {"actors", actors},
          {"issues", issues},
          {"cells", cells},
          {"timeline", timeline}};
}

}  // namespace parley
