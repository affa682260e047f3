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

PositionsDocument MakePositionsDocument(const Scenario& scenario, const PositionMatrix& matrix) {
  PositionsDocument document;
  document.scenario = matrix.scenario;
  document.as_of = matrix.as_of;
  for (const ScenarioActor& actor : scenario.actors) {
    document.actors.push_back({actor.id, actor.name, actor.capability, ""});
  }
  for (const Issue& issue : scenario.issues) {
    PositionsDocument::Issue entry;
    entry.id = issue.id;
    entry.name = issue.name;
    entry.status_quo = issue.status_quo;
    document.issues.push_back(std::move(entry));
  }
  for (const PositionCell& cell : matrix.cells) {
    PositionsDocument::Cell entry;
    entry.actor = cell.actor;
    entry.issue = cell.issue;
    entry.position = Round1(cell.position);
    entry.low = Round1(cell.low);
    entry.high = Round1(cell.high);
    entry.salience = Round1(cell.salience);
    entry.basis = cell.basis;
    entry.statements = cell.statements;
    entry.note = cell.note;
    entry.author = cell.author;
    entry.authored_at = cell.authored_at;
    entry.counts_as_evidence = cell.counts_as_evidence;
    for (const Statement* statement : cell.evidence) {
      PositionsDocument::Evidence evidence;
      evidence.doc = statement->doc;
      evidence.date = statement->date;
      evidence.outlet = statement->outlet;
      evidence.text = statement->evidence;
      evidence.span_begin = statement->span.begin;
      evidence.span_end = statement->span.end;
      entry.evidence.push_back(std::move(evidence));
    }
    document.cells.push_back(std::move(entry));
  }
  for (const PositionShift& shift : matrix.timeline) {
    document.timeline.push_back({shift.actor, shift.issue, Round1(shift.from), Round1(shift.to),
                                 shift.from_date, shift.to_date, shift.statement->doc,
                                 shift.statement->evidence});
  }
  return document;
}

nlohmann::json PositionsDocumentJson(const PositionsDocument& document) {
  nlohmann::json actors = nlohmann::json::array();
  for (const PositionsDocument::Actor& actor : document.actors) {
    nlohmann::json entry = {
        {"id", actor.id}, {"name", actor.name}, {"capability", actor.capability}};
    if (!actor.role.empty()) entry["role"] = actor.role;
    actors.push_back(std::move(entry));
  }
  nlohmann::json issues = nlohmann::json::array();
  for (const PositionsDocument::Issue& issue : document.issues) {
    nlohmann::json entry = {{"id", issue.id},
                            {"name", issue.name},
                            {"status_quo", issue.status_quo ? nlohmann::json(*issue.status_quo)
                                                            : nlohmann::json(nullptr)}};
    if (!issue.voting_rule.empty()) entry["voting_rule"] = issue.voting_rule;
    if (issue.second_chamber_veto) entry["second_chamber_veto"] = *issue.second_chamber_veto;
    issues.push_back(std::move(entry));
  }
  nlohmann::json cells = nlohmann::json::array();
  for (const PositionsDocument::Cell& cell : document.cells) {
    nlohmann::json evidence = nlohmann::json::array();
    for (const PositionsDocument::Evidence& item : cell.evidence) {
      nlohmann::json entry = {{"doc", item.doc},
                              {"date", item.date},
                              {"outlet", item.outlet},
                              {"text", item.text},
                              {"span", SpanJson({item.span_begin, item.span_end})}};
      if (item.url) entry["url"] = *item.url;
      if (item.title) entry["title"] = *item.title;
      evidence.push_back(std::move(entry));
    }
    nlohmann::json entry = {{"actor", cell.actor},
                            {"issue", cell.issue},
                            {"position", cell.position},
                            {"low", cell.low},
                            {"high", cell.high},
                            {"salience", cell.salience},
                            {"basis", CellBasisName(cell.basis)},
                            {"statements", cell.statements},
                            {"evidence", evidence}};
    if (!cell.note.empty()) entry["note"] = cell.note;
    if (!cell.author.empty()) entry["author"] = cell.author;
    if (!cell.authored_at.empty()) entry["authored_at"] = cell.authored_at;
    if (cell.counts_as_evidence) entry["counts_as_evidence"] = true;
    cells.push_back(std::move(entry));
  }
  nlohmann::json timeline = nlohmann::json::array();
  for (const PositionsDocument::Shift& shift : document.timeline) {
    timeline.push_back({{"actor", shift.actor},
                        {"issue", shift.issue},
                        {"from", shift.from},
                        {"to", shift.to},
                        {"from_date", shift.from_date},
                        {"to_date", shift.to_date},
                        {"doc", shift.doc},
                        {"text", shift.text}});
  }
  return {{"scenario", document.scenario},
          {"as_of", document.as_of},
          {"actors", actors},
          {"issues", issues},
          {"cells", cells},
          {"timeline", timeline}};
}

nlohmann::json PositionsJson(const Scenario& scenario, const PositionMatrix& matrix) {
  return PositionsDocumentJson(MakePositionsDocument(scenario, matrix));
}

}  // namespace parley
