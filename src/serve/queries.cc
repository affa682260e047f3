// The data side of the API: what-if overrides, positions as of a date, the weighted mean
// forecast, and filters. Pure functions over JSON documents.
#include "queries.h"

#include <map>
#include <string>
#include <utility>

#include "parley/serve.h"

namespace parley::serve {
namespace {

using Json = nlohmann::json;

bool IsScale(const Json& value) {
  return value.is_number() && value.get<double>() >= 0 && value.get<double>() <= 100;
}

std::string Shown(const Json& value) {
  std::string text = value.dump();
  return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

Status BadOverride(size_t index, std::string_view field, const Json& value,
                   std::string_view expected) {
  return InvalidInput("overrides[" + std::to_string(index) + "]." + std::string(field) + " is " +
                      Shown(value) + ", expected " + std::string(expected));
}

Json* FindById(Json& items, const std::string& id) {
  for (Json& item : items) {
    if (item.value("id", "") == id) return &item;
  }
  return nullptr;
}

Json* FindCell(Json& cells, const std::string& actor, const std::string& issue) {
  for (Json& cell : cells) {
    if (cell.value("actor", "") == actor && cell.value("issue", "") == issue) return &cell;
  }
  return nullptr;
}

// Applies one override entry; `index` names it in errors.
Status ApplyOverride(Json& positions, const Json& entry, size_t index) {
  if (!entry.is_object()) return BadOverride(index, "", entry, "an object");
  const Json actor_id = entry.value("actor", Json());
  if (!actor_id.is_string()) return BadOverride(index, "actor", actor_id, "an actor id");
  Json* actor = FindById(positions["actors"], actor_id.get<std::string>());
  if (!actor) return BadOverride(index, "actor", actor_id, "the id of an actor of the scenario");
  for (const char* field : {"position", "salience", "capability"}) {
    if (entry.contains(field) && !IsScale(entry[field])) {
      return BadOverride(index, field, entry[field], "a number in 0-100");
    }
  }
  if (entry.contains("capability")) (*actor)["capability"] = entry["capability"];
  if (!entry.contains("position") && !entry.contains("salience")) {
    if (entry.contains("capability")) return Status::Ok();
    return InvalidInput("overrides[" + std::to_string(index) +
                        "] changes nothing, expected position, salience or capability");
  }
  const Json issue_id = entry.value("issue", Json());
  if (!issue_id.is_string() || !FindById(positions["issues"], issue_id.get<std::string>())) {
    return BadOverride(index, "issue", issue_id, "the id of an issue of the scenario");
  }
  Json* cell =
      FindCell(positions["cells"], actor_id.get<std::string>(), issue_id.get<std::string>());
  if (!cell) {
    if (!entry.contains("position")) {
      return InvalidInput("overrides[" + std::to_string(index) + "] sets the salience of " +
                          actor_id.get<std::string>() + " on " + issue_id.get<std::string>() +
                          ", which has no stance; expected a position too");
    }
    double position = entry["position"].get<double>();
    positions["cells"].push_back({{"actor", actor_id},
                                  {"issue", issue_id},
                                  {"position", position},
                                  {"low", position},
                                  {"high", position},
                                  {"salience", 50},
                                  {"basis", "override"},
                                  {"statements", 0},
                                  {"evidence", Json::array()}});
    cell = &positions["cells"].back();
  }
  if (entry.contains("position")) {
    double position = entry["position"].get<double>();
    // The analyst pins the value, so the uncertainty range collapses onto it: Monte Carlo
    // draws then keep the override instead of sampling the old range.
    (*cell)["position"] = position;
    (*cell)["low"] = position;
    (*cell)["high"] = position;
    // Moving a cell that rested on evidence asks "what if this actor moved": the issue keeps
    // the evidence it had, so its forecast does not vanish under the slider.
    bool had_evidence =
        cell->value("basis", "evidence") == "evidence" || cell->value("counts_as_evidence", false);
    (*cell)["basis"] = "override";
    if (had_evidence) (*cell)["counts_as_evidence"] = true;
  }
  if (entry.contains("salience")) (*cell)["salience"] = entry["salience"];
  return Status::Ok();
}

}  // namespace

Result<Json> ApplyWhatIf(const Json& positions, const Json& request) {
  if (!request.is_object() || !request.contains("overrides") || !request["overrides"].is_array()) {
    return InvalidInput("the request body is " + Shown(request) +
                        ", expected {\"overrides\": [...]}");
  }
  Json changed = positions;
  const Json& overrides = request["overrides"];
  for (size_t i = 0; i < overrides.size(); ++i) {
    PARLEY_RETURN_IF_ERROR(ApplyOverride(changed, overrides[i], i));
  }
  return changed;
}

Json PositionsAsOf(const report::Snapshot& snapshot, std::string_view as_of) {
  const Json& document = snapshot.document;
  Json positions = document["positions"];
  if (as_of.empty()) return positions;
  // Each cell's position before its first shift after `as_of`. Shifts are few (one per move
  // of an actor), so one pass over them is enough.
  std::map<std::pair<std::string, std::string>, std::pair<std::string, double>> earliest_later;
  for (const Json& shift : document.value("shifts", Json::array())) {
    std::string date = shift.value("date", "");
    if (date <= as_of) continue;
    auto key = std::make_pair(shift.value("actor", ""), shift.value("issue", ""));
    auto found = earliest_later.find(key);
    if (found == earliest_later.end() || date < found->second.first) {
      earliest_later[key] = {date, shift.value("from", 0.0)};
    }
  }
  Json cells = Json::array();
  for (Json cell : positions["cells"]) {
    Json evidence = Json::array();
    for (const Json& item : cell.value("evidence", Json::array())) {
      if (item.value("date", "") <= as_of) evidence.push_back(item);
    }
    if (cell.value("basis", "") == "evidence" && evidence.empty()) continue;
    auto shift = earliest_later.find({cell.value("actor", ""), cell.value("issue", "")});
    if (shift != earliest_later.end()) cell["position"] = shift->second.second;
    cell["statements"] = evidence.size();
    cell["evidence"] = std::move(evidence);
    cells.push_back(std::move(cell));
  }
  positions["cells"] = std::move(cells);
  positions["as_of"] = std::string(as_of);
  return positions;
}

Result<Json> WeightedMeanForecasts(const Json& positions) {
  if (!positions.is_object() || !positions.contains("cells") || !positions["cells"].is_array() ||
      !positions.contains("issues") || !positions.contains("actors")) {
    return InvalidInput("positions document without actors, issues and cells");
  }
  std::map<std::string, double> capability;
  for (const Json& actor : positions["actors"]) {
    capability[actor.value("id", "")] = actor.value("capability", 0.0);
  }
  Json forecasts = Json::array();
  for (const Json& issue : positions["issues"]) {
    std::string issue_id = issue.value("id", "");
    double weighted_sum = 0;
    double weight_total = 0;
    for (const Json& cell : positions["cells"]) {
      if (cell.value("issue", "") != issue_id) continue;
      double weight = capability[cell.value("actor", "")] * cell.value("salience", 0.0);
      weighted_sum += weight * cell.value("position", 0.0);
      weight_total += weight;
    }
    if (weight_total <= 0) continue;
    double forecast = weighted_sum / weight_total;
    forecasts.push_back({{"issue", issue_id},
                         {"model", "compromise"},
                         {"forecast", forecast},
                         {"p10", forecast},
                         {"p90", forecast},
                         {"rounds", Json::array()}});
  }
  return forecasts;
}

Json ScenarioSummary(const report::Snapshot& snapshot) {
  const Json& scenario = snapshot.document["scenario"];
  return {{"id", scenario["id"]},
          {"title", scenario["title"]},
          {"description", scenario.value("description", "")},
          {"actors", scenario["actors"]},
          {"issues", scenario["issues"]}};
}

Json FilterStatements(const report::Snapshot& snapshot, std::string_view actor,
                      std::string_view issue) {
  Json statements = Json::array();
  for (const Json& statement : snapshot.document.value("statements", Json::array())) {
    if (!actor.empty() && statement.value("actor", "") != actor) continue;
    if (!issue.empty() && statement.value("issue", "") != issue) continue;
    statements.push_back(statement);
  }
  return statements;
}

Json FilterForecasts(const Json& forecasts, std::string_view model) {
  if (model.empty()) return forecasts;
  Json kept = Json::array();
  for (const Json& forecast : forecasts) {
    if (forecast.value("model", "") == model) kept.push_back(forecast);
  }
  return kept;
}

}  // namespace parley::serve
