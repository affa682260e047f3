// Positions from the store, one cell at a time: BuildPositions() treats every cell on its own
// (its units, sums, evidence and shifts read only that cell's statements) once the as_of date is
// fixed, so a cell-by-cell build equals the whole build while holding one cell in memory.
//
// A cell's trace (TraceCell) does not depend on as_of unless a statement has no valid date, so
// the store keeps it (Store::CellStates) and a later build reads only the cells whose
// statements or stories changed since; the others cost one row and their evidence statements.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "internal.h"

namespace parley {
namespace {

using nlohmann::json;
using positions_internal::CellTrace;
using positions_internal::DayNumber;

StanceKind ParseKind(const std::string& name) {
  for (StanceKind kind : {StanceKind::kDemand, StanceKind::kOffer, StanceKind::kPropose,
                          StanceKind::kAccept, StanceKind::kSupport, StanceKind::kReject,
                          StanceKind::kOppose, StanceKind::kConcede, StanceKind::kCondition}) {
    if (StanceKindName(kind) == name) return kind;
  }
  return StanceKind::kSupport;
}

// Bumped when the meaning of a kept state changes: older states are then recomputed.
constexpr int kCellStateVersion = 1;

// The options a trace depends on; a state traced with others is recomputed.
json OptionsKey(const PositionOptions& options) {
  return {kCellStateVersion,  options.half_life_days, options.salience_half_life_days,
          options.base_spread, options.min_shift,      options.max_evidence};
}

// What a kept state says of a statement the cell points to: enough to read it back whole and
// give it the story and sources it had.
struct StatementRef {
  int64_t id = 0;
  std::string doc;
  int story = -1;
  std::vector<StatementSource> sources;
};

json RefJson(const StatementRef& ref) {
  json sources = json::array();
  for (const StatementSource& s : ref.sources) sources.push_back({s.doc, s.outlet, s.date});
  return {ref.id, ref.doc, ref.story, sources};
}

StatementRef RefFrom(const json& value) {
  StatementRef ref{value.at(0).get<int64_t>(), value.at(1).get<std::string>(),
                   value.at(2).get<int>(), {}};
  for (const json& s : value.at(3)) {
    ref.sources.push_back({s.at(0).get<std::string>(), s.at(1).get<std::string>(),
                           s.at(2).get<std::string>()});
  }
  return ref;
}

// A cell as the build holds it: its trace, pointing to `refs`, and its statement count.
struct TracedCell {
  std::optional<CellTrace> trace;  // none: the cell has no statements
  int64_t statements = 0;          // stored statements read for it
  std::vector<StatementRef> refs;  // what trace.evidence and trace.shifts point to, in order
};

std::string StateText(const TracedCell& cell, const PositionOptions& options, int64_t as_of_day) {
  json state = {{"options", OptionsKey(options)}, {"statements", cell.statements}};
  if (cell.trace) {
    const CellTrace& t = *cell.trace;
    if (t.undated) state["as_of_day"] = as_of_day;
    state["units"] = t.units;
    state["sums"] = {t.sums.w,  t.sums.wp,       t.sums.wpp, t.sums.ww,
                     t.sums.wc, t.sums.salience, t.sums.day};
    json shifts = json::array();
    for (const PositionShift& shift : t.shifts) {
      shifts.push_back({shift.from, shift.to, shift.from_date, shift.to_date});
    }
    state["shifts"] = shifts;
    state["evidence"] = t.evidence.size();
    json refs = json::array();
    for (const StatementRef& ref : cell.refs) refs.push_back(RefJson(ref));
    state["refs"] = refs;
  }
  return state.dump();
}

std::optional<TracedCell> ParseStateJson(const std::string& text, const std::string& actor,
                                         const std::string& issue,
                                         const PositionOptions& options, int64_t as_of_day) {
  const json state = json::parse(text, nullptr, false);
  if (!state.is_object() || state.value("options", json()) != OptionsKey(options)) {
    return std::nullopt;
  }
  TracedCell cell;
  cell.statements = state.at("statements").get<int64_t>();
  if (!state.contains("sums")) return cell;
  if (state.contains("as_of_day") && state["as_of_day"].get<int64_t>() != as_of_day) {
    return std::nullopt;
  }
  CellTrace trace;
  trace.undated = state.contains("as_of_day");
  trace.units = state.at("units").get<int>();
  const json& sums = state.at("sums");
  trace.sums = {sums.at(0).get<double>(), sums.at(1).get<double>(), sums.at(2).get<double>(),
                sums.at(3).get<double>(), sums.at(4).get<double>(), sums.at(5).get<double>(),
                sums.at(6).get<int64_t>()};
  for (const json& shift : state.at("shifts")) {
    trace.shifts.push_back({actor, issue, shift.at(0).get<double>(), shift.at(1).get<double>(),
                            shift.at(2).get<std::string>(), shift.at(3).get<std::string>(),
                            nullptr});
  }
  trace.evidence.resize(state.at("evidence").get<size_t>());
  for (const json& ref : state.at("refs")) cell.refs.push_back(RefFrom(ref));
  if (cell.refs.size() != trace.evidence.size() + trace.shifts.size()) return std::nullopt;
  cell.trace = std::move(trace);
  return cell;
}

// The kept state of a cell, when it still holds for these options and as_of; its trace's
// statements are filled in by the caller from `refs` (evidence first, then one per shift). A
// state this parley cannot read is traced again.
std::optional<TracedCell> ParseState(const std::string& text, const std::string& actor,
                                     const std::string& issue, const PositionOptions& options,
                                     int64_t as_of_day) {
  try {
    return ParseStateJson(text, actor, issue, options, as_of_day);
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

// The cell traced from its stored statements.
Result<TracedCell> TraceStoredCell(const std::string& scenario, const std::string& actor,
                                   const std::string& issue, Store& store, int64_t as_of_day,
                                   const PositionOptions& options) {
  // What the matrix weighs, from a covering index; the rest of a statement (its evidence,
  // speaker, condition) is read only for the statements the cell points to.
  auto records = store.CellStatementKeys(scenario, actor, issue);
  if (!records.ok()) return records.status();
  TracedCell cell;
  std::vector<Statement> statements;
  std::vector<int64_t> ids;
  std::unordered_map<std::string, int> story_of_doc;
  for (StatementRecord& record : *records) {
    ++cell.statements;
    if (DayNumber(record.date).value_or(as_of_day) > as_of_day) continue;
    // An article the story index does not hold yet (0) is a story of its own.
    if (record.story != 0) story_of_doc[record.locator] = static_cast<int>(record.story);
    statements.push_back(StatementFromRecord(record, record.locator));
    ids.push_back(record.id);
  }
  records->clear();
  if (statements.empty()) return cell;
  MarkCorroboration(story_of_doc, statements);
  std::vector<const Statement*> pointers;
  for (const Statement& statement : statements) pointers.push_back(&statement);
  CellTrace trace = positions_internal::TraceCell(actor, issue, pointers, as_of_day, options);
  auto ref_of = [&](const Statement* statement) {
    return StatementRef{ids[statement - statements.data()], statement->doc, statement->story,
                        statement->sources};
  };
  for (const Statement* statement : trace.evidence) cell.refs.push_back(ref_of(statement));
  for (const PositionShift& shift : trace.shifts) cell.refs.push_back(ref_of(shift.statement));
  cell.trace = std::move(trace);
  return cell;
}

// Reads the statements a cell points to whole into `kept` (once each) and points its trace at
// them.
Status KeepStatements(Store& store, TracedCell& cell, std::deque<Statement>& kept,
                      std::map<int64_t, const Statement*>& kept_by_id) {
  CellTrace& trace = *cell.trace;
  std::vector<const Statement**> slots;
  for (const Statement*& evidence : trace.evidence) slots.push_back(&evidence);
  for (PositionShift& shift : trace.shifts) slots.push_back(&shift.statement);
  for (size_t i = 0; i < cell.refs.size(); ++i) {
    const StatementRef& ref = cell.refs[i];
    auto [it, added] = kept_by_id.emplace(ref.id, nullptr);
    if (added) {
      auto whole = store.StatementsById({ref.id});
      if (!whole.ok()) return whole.status();
      if (whole->size() != 1) return InternalError("a stored statement went missing");
      Statement statement = StatementFromRecord(whole->front(), ref.doc);
      statement.sources = ref.sources;
      statement.story = ref.story;
      kept.push_back(std::move(statement));
      it->second = &kept.back();
    }
    *slots[i] = it->second;
  }
  return Status::Ok();
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

Scenario WithTeamOverrides(const Scenario& scenario,
                           const std::vector<AnnotationRecord>& annotations,
                           std::string_view as_of) {
  // Cell -> its override in force, or nullptr once withdrawn.
  std::map<std::pair<std::string, std::string>, const AnnotationRecord*> in_force;
  for (const AnnotationRecord& annotation : annotations) {
    if (!as_of.empty() && std::string_view(annotation.created_at).substr(0, 10) > as_of) continue;
    if (annotation.kind == AnnotationKind::kOverride && annotation.position) {
      in_force[{annotation.actor, annotation.issue}] = &annotation;
    } else if (annotation.kind == AnnotationKind::kWithdraw) {
      in_force[{annotation.actor, annotation.issue}] = nullptr;
    }
  }
  Scenario pinned = scenario;
  std::erase_if(pinned.overrides, [&](const PinnedPosition& entry) {
    auto found = in_force.find({entry.actor, entry.issue});
    return found != in_force.end() && found->second != nullptr;
  });
  for (const auto& [cell, annotation] : in_force) {
    if (annotation == nullptr) continue;
    PinnedPosition& entry = pinned.overrides.emplace_back();
    entry.actor = cell.first;
    entry.issue = cell.second;
    entry.position = *annotation->position;
    entry.salience = annotation->salience;
    entry.note = annotation->note;
    entry.author = annotation->author;
    entry.authored_at = annotation->created_at;
  }
  return pinned;
}

Result<StoredPositions> BuildStoredPositions(const Scenario& scenario, Store& store,
                                             const PositionOptions& options) {
  auto annotations = store.Annotations(scenario.id);
  if (!annotations.ok()) return annotations.status();
  const Scenario pinned =
      WithTeamOverrides(scenario, *annotations, std::string_view(options.as_of).substr(0, 10));
  StoredPositions result;
  result.kept = std::make_unique<std::deque<Statement>>();
  // Kept traces hold for the latest statement date, whatever it is; a build as of an earlier
  // date leaves later statements out, so it reads every cell and keeps nothing.
  const bool keep_traces = options.as_of.empty();
  // The as_of date BuildPositions() would take from all statements: the latest valid one.
  std::string as_of = options.as_of;
  if (as_of.empty()) {
    auto dates = store.StatementDates(scenario.id);
    if (!dates.ok()) return dates.status();
    for (const std::string& date : *dates) {
      if (DayNumber(date) && date > as_of) as_of = date;
    }
  }
  result.matrix.scenario = scenario.id;
  result.matrix.as_of = as_of.substr(0, std::min<size_t>(10, as_of.size()));
  const int64_t as_of_day = DayNumber(result.matrix.as_of).value_or(0);
  std::map<std::pair<std::string, std::string>, std::string> states;
  if (keep_traces) {
    auto stored = store.CellStates(scenario.id);
    if (!stored.ok()) return stored.status();
    for (CellStateRecord& s : *stored) states[{s.actor, s.issue}] = std::move(s.state);
  }
  std::vector<CellStateRecord> traced;  // states to keep
  std::map<int64_t, const Statement*> kept_by_id;
  for (const ScenarioActor& scenario_actor : scenario.actors) {
    for (const Issue& scenario_issue : scenario.issues) {
      const std::string& actor = scenario_actor.id;
      const std::string& issue = scenario_issue.id;
      std::optional<TracedCell> cell;
      auto state = states.find({actor, issue});
      if (state != states.end()) cell = ParseState(state->second, actor, issue, options, as_of_day);
      if (!cell) {
        auto fresh = TraceStoredCell(scenario.id, actor, issue, store, as_of_day, options);
        if (!fresh.ok()) return fresh.status();
        cell = std::move(*fresh);
        if (keep_traces) traced.push_back({actor, issue, StateText(*cell, options, as_of_day)});
      }
      result.statements += cell->statements;
      PositionCell matrix_cell;
      matrix_cell.actor = actor;
      matrix_cell.issue = issue;
      if (cell->trace) {
        PARLEY_RETURN_IF_ERROR(KeepStatements(store, *cell, *result.kept, kept_by_id));
        positions_internal::FinishCell(*cell->trace, as_of_day, options, matrix_cell);
        for (PositionShift& shift : cell->trace->shifts) {
          result.matrix.timeline.push_back(std::move(shift));
        }
      }
      if (positions_internal::PinCell(pinned, cell->trace.has_value(), options, matrix_cell)) {
        result.matrix.cells.push_back(std::move(matrix_cell));
      }
    }
  }
  if (!traced.empty()) PARLEY_RETURN_IF_ERROR(store.PutCellStates(scenario.id, traced));
  // BuildPositions() lists shifts in cell order, then sorts them by date, stably.
  std::stable_sort(
      result.matrix.timeline.begin(), result.matrix.timeline.end(),
      [](const PositionShift& a, const PositionShift& b) { return a.to_date < b.to_date; });
  return result;
}

}  // namespace parley
