// The data side of the API: what-if overrides on the typed positions document, the forecast
// engine behind what-if, positions of a snapshot file as of a date, and filters.
#include "queries.h"

#include <map>
#include <string>
#include <utility>

#include "parley/json_location.h"
#include "parley/serve.h"

namespace parley::serve {

using Json = nlohmann::json;

bool IsScale(const Json& value) {
  return value.is_number() && value.get<double>() >= 0 && value.get<double>() <= 100;
}

Status BadField(std::string_view field, const Json& value, std::string_view expected) {
  return InvalidInput(std::string(field) + " is " + JsonExcerpt(value) + ", expected " +
                      std::string(expected));
}

namespace {

Status BadOverride(size_t index, std::string_view field, const Json& value,
                   std::string_view expected) {
  return BadField("overrides[" + std::to_string(index) + "]." + std::string(field), value,
                  expected);
}

PositionsDocument::Actor* FindActor(PositionsDocument& positions, const std::string& id) {
  for (PositionsDocument::Actor& actor : positions.actors) {
    if (actor.id == id) return &actor;
  }
  return nullptr;
}

bool HasIssue(const PositionsDocument& positions, const std::string& id) {
  for (const PositionsDocument::Issue& issue : positions.issues) {
    if (issue.id == id) return true;
  }
  return false;
}

PositionsDocument::Cell* FindCell(PositionsDocument& positions, const std::string& actor,
                                  const std::string& issue) {
  for (PositionsDocument::Cell& cell : positions.cells) {
    if (cell.actor == actor && cell.issue == issue) return &cell;
  }
  return nullptr;
}

// Applies one override entry; `index` names it in errors.
Status ApplyOverride(PositionsDocument& positions, const Json& entry, size_t index) {
  if (!entry.is_object()) return BadOverride(index, "", entry, "an object");
  const Json actor_id = entry.value("actor", Json());
  if (!actor_id.is_string()) return BadOverride(index, "actor", actor_id, "an actor id");
  PositionsDocument::Actor* actor = FindActor(positions, actor_id.get<std::string>());
  if (!actor) return BadOverride(index, "actor", actor_id, "the id of an actor of the scenario");
  for (const char* field : {"position", "salience", "capability"}) {
    if (entry.contains(field) && !IsScale(entry[field])) {
      return BadOverride(index, field, entry[field], "a number in 0-100");
    }
  }
  if (entry.contains("capability")) actor->capability = entry["capability"].get<double>();
  if (!entry.contains("position") && !entry.contains("salience")) {
    if (entry.contains("capability")) return Status::Ok();
    return InvalidInput("overrides[" + std::to_string(index) +
                        "] changes nothing, expected position, salience or capability");
  }
  const Json issue_id = entry.value("issue", Json());
  if (!issue_id.is_string() || !HasIssue(positions, issue_id.get<std::string>())) {
    return BadOverride(index, "issue", issue_id, "the id of an issue of the scenario");
  }
  PositionsDocument::Cell* cell =
      FindCell(positions, actor_id.get<std::string>(), issue_id.get<std::string>());
  if (!cell) {
    if (!entry.contains("position")) {
      return InvalidInput("overrides[" + std::to_string(index) + "] sets the salience of " +
                          actor_id.get<std::string>() + " on " + issue_id.get<std::string>() +
                          ", which has no stance; expected a position too");
    }
    PositionsDocument::Cell added;
    added.actor = actor_id.get<std::string>();
    added.issue = issue_id.get<std::string>();
    added.position = added.low = added.high = entry["position"].get<double>();
    added.salience = 50;
    added.basis = CellBasis::kOverride;
    positions.cells.push_back(std::move(added));
    cell = &positions.cells.back();
  }
  if (entry.contains("position")) {
    double position = entry["position"].get<double>();
    // The analyst pins the value, so the uncertainty range collapses onto it: Monte Carlo
    // draws then keep the override instead of sampling the old range.
    cell->position = cell->low = cell->high = position;
    // Moving a cell that rested on evidence asks "what if this actor moved": the issue keeps
    // the evidence it had, so its forecast does not vanish under the slider.
    bool had_evidence = cell->basis == CellBasis::kEvidence || cell->counts_as_evidence;
    cell->basis = CellBasis::kOverride;
    if (had_evidence) cell->counts_as_evidence = true;
  }
  if (entry.contains("salience")) cell->salience = entry["salience"].get<double>();
  return Status::Ok();
}

}  // namespace

Result<PositionsDocument> ApplyWhatIf(const PositionsDocument& positions, const Json& request) {
  if (!request.is_object() || !request.contains("overrides") || !request["overrides"].is_array()) {
    return InvalidInput("the request body is " + JsonExcerpt(request) +
                        ", expected {\"overrides\": [...]}");
  }
  PositionsDocument changed = positions;
  const Json& overrides = request["overrides"];
  for (size_t i = 0; i < overrides.size(); ++i) {
    PARLEY_RETURN_IF_ERROR(ApplyOverride(changed, overrides[i], i));
  }
  return changed;
}

ForecastFunction EngineForecast(std::vector<forecast::Model> models, int samples,
                                forecast::Calibration calibration) {
  return [models, samples, calibration](const PositionsDocument& positions) -> Result<Json> {
    forecast::ForecastOptions options;
    options.samples = samples;
    options.calibration = calibration;
    auto forecasts = forecast::ForecastPositions(positions, models, options, "what-if");
    if (!forecasts.ok()) return forecasts.status();
    return forecast::ForecastsJson(*forecasts);
  };
}

PositionsDocument PositionsAsOf(const report::Snapshot& snapshot, std::string_view as_of) {
  PositionsDocument positions = snapshot.positions;
  if (as_of.empty()) return positions;
  // Each cell's position before its first shift after `as_of`. Shifts are few (one per move
  // of an actor), so one pass over them is enough.
  std::map<std::pair<std::string, std::string>, const report::SnapshotShift*> earliest_later;
  for (const report::SnapshotShift& shift : snapshot.shifts) {
    if (shift.date <= as_of) continue;
    const report::SnapshotShift*& earliest = earliest_later[{shift.actor, shift.issue}];
    if (earliest == nullptr || shift.date < earliest->date) earliest = &shift;
  }
  std::vector<PositionsDocument::Cell> cells;
  for (PositionsDocument::Cell& cell : positions.cells) {
    std::erase_if(cell.evidence,
                  [&](const PositionsDocument::Evidence& item) { return item.date > as_of; });
    if (cell.basis == CellBasis::kEvidence && cell.evidence.empty()) continue;
    auto shift = earliest_later.find({cell.actor, cell.issue});
    if (shift != earliest_later.end()) cell.position = shift->second->from;
    cell.statements = static_cast<int>(cell.evidence.size());
    cells.push_back(std::move(cell));
  }
  positions.cells = std::move(cells);
  positions.as_of = std::string(as_of);
  return positions;
}

std::vector<report::SnapshotStatement> FilterStatements(const report::Snapshot& snapshot,
                                                        std::string_view actor,
                                                        std::string_view issue) {
  std::vector<report::SnapshotStatement> statements;
  for (const report::SnapshotStatement& statement : snapshot.statements) {
    if (!actor.empty() && statement.actor != actor) continue;
    if (!issue.empty() && statement.issue != issue) continue;
    statements.push_back(statement);
  }
  return statements;
}

std::vector<forecast::ForecastSummary> FilterForecasts(
    const std::vector<forecast::ForecastSummary>& forecasts, std::string_view model) {
  std::vector<forecast::ForecastSummary> kept;
  for (const forecast::ForecastSummary& forecast : forecasts) {
    if (model.empty() || forecast.model == model) kept.push_back(forecast);
  }
  return kept;
}

}  // namespace parley::serve
