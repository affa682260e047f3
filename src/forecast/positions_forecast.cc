// Forecasts of a typed positions document with every requested model, and their JSON form in the
// snapshot's "forecasts" (docs/report-data.md). `parley analyze`, the report and the dashboard's
// what-if all go through ForecastPositions(), so they show the numbers of one code path.
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "parley/forecast.h"
#include "parley/json_location.h"

namespace parley::forecast {
namespace {

using nlohmann::json;

double Round1(double value) { return std::round(value * 10) / 10; }

// The inputs that move the headline forecast most, at most this many.
constexpr size_t kSensitivitiesShown = 3;

}  // namespace

Result<std::optional<Problem>> SpokenProblem(const PositionsDocument& positions,
                                             std::string_view source) {
  std::set<std::string> with_cells;
  for (const PositionsDocument::Cell& cell : positions.cells) with_cells.insert(cell.issue);
  PositionsDocument spoken;
  spoken.scenario = positions.scenario;
  spoken.as_of = positions.as_of;
  spoken.actors = positions.actors;
  for (const PositionsDocument::Issue& issue : positions.issues) {
    if (with_cells.count(issue.id)) spoken.issues.push_back(issue);
  }
  if (spoken.issues.empty()) return std::optional<Problem>();
  // Evidence and timeline do not reach the forecast: leave them out of the copy.
  spoken.cells.reserve(positions.cells.size());
  for (const PositionsDocument::Cell& cell : positions.cells) {
    PositionsDocument::Cell bare = cell;
    bare.evidence.clear();
    spoken.cells.push_back(std::move(bare));
  }
  auto problem = ProblemFromPositions(spoken, source);
  if (!problem.ok()) return problem.status();
  return std::optional<Problem>(std::move(*problem));
}

Result<PositionsForecast> ForecastPositions(const PositionsDocument& positions,
                                            const std::vector<Model>& models,
                                            const ForecastOptions& options,
                                            std::string_view source) {
  PositionsForecast result;
  auto problem = SpokenProblem(positions, source);
  if (!problem.ok()) return problem.status();
  if (!*problem) return result;
  result.problem = std::move(**problem);
  Model headline = options.calibration.headline;
  for (Model model : models) {
    ForecastOptions model_options = options;
    model_options.sensitivity = model == headline;
    auto forecasts = Forecast(result.problem, model, model_options);
    if (!forecasts.ok()) return forecasts.status();
    for (size_t i = 0; i < forecasts->size(); ++i) {
      IssueForecast& forecast = (*forecasts)[i];
      if (!forecast.evidence.enough) continue;
      result.entries.push_back({static_cast<int>(i), model == headline, std::move(forecast)});
    }
  }
  for (size_t i = 0; i < result.problem.issues.size(); ++i) {
    auto check = CheckEvidence(result.problem, static_cast<int>(i));
    if (!check.ok()) return check.status();
    if (!check->enough) result.withheld.push_back({result.problem.issues[i].id, check->missing});
  }
  return result;
}

namespace {

std::vector<std::map<std::string, double>> Rounds(const Problem& problem, const Issue& issue,
                                                  const IssueForecast& result) {
  std::vector<std::map<std::string, double>> rounds;
  if (result.rounds == 0 || result.moves.empty()) return rounds;
  std::map<std::string, double> positions;
  for (const Stance& stance : issue.stances) {
    positions[problem.actors[stance.actor].id] = stance.position;
  }
  rounds.push_back(positions);
  size_t next_move = 0;
  for (int round = 1; round <= result.rounds; ++round) {
    for (; next_move < result.moves.size() && result.moves[next_move].round == round; ++next_move) {
      const Move& move = result.moves[next_move];
      positions[problem.actors[move.actor].id] = move.to;
    }
    rounds.push_back(positions);
  }
  return rounds;
}

ForecastSummary Summary(const Problem& problem, int issue_index, const IssueForecast& result,
                        bool headline) {
  ForecastSummary summary;
  summary.issue = result.issue;
  summary.model = std::string(ModelName(result.model));
  summary.forecast = Round1(result.forecast);
  summary.p10 = Round1(result.p10);
  summary.p90 = Round1(result.p90);
  summary.rounds = Rounds(problem, problem.issues[issue_index], result);
  summary.headline = headline;
  for (int actor : result.evidence.priors) summary.leans_on_priors.push_back(problem.actors[actor].id);
  for (size_t i = 0; i < std::min(kSensitivitiesShown, result.sensitivities.size()); ++i) {
    const Sensitivity& item = result.sensitivities[i];
    summary.sensitivity.push_back({problem.actors[item.actor].id, item.input, Round1(item.swing)});
  }
  return summary;
}

}  // namespace

std::vector<ForecastSummary> ForecastSummaries(const PositionsForecast& forecast) {
  std::vector<ForecastSummary> summaries;
  for (const PositionsForecast::Entry& entry : forecast.entries) {
    summaries.push_back(Summary(forecast.problem, entry.issue_index, entry.result, entry.headline));
  }
  return summaries;
}

json ForecastSummaryJson(const ForecastSummary& summary) {
  json entry = {{"issue", summary.issue}, {"model", summary.model},
                {"forecast", summary.forecast}, {"p10", summary.p10},
                {"p90", summary.p90}, {"rounds", summary.rounds}};
  if (summary.headline) entry["headline"] = true;
  if (!summary.leans_on_priors.empty()) entry["leans_on_priors"] = summary.leans_on_priors;
  if (!summary.sensitivity.empty()) {
    json sensitivity = json::array();
    for (const ForecastSummary::Swing& item : summary.sensitivity) {
      sensitivity.push_back({{"actor", item.actor}, {"input", item.input}, {"swing", item.swing}});
    }
    entry["sensitivity"] = std::move(sensitivity);
  }
  return entry;
}

ForecastSummary ForecastSummaryFromJson(const json& entry) {
  ForecastSummary summary;
  summary.issue = JsonStringOr(entry, "issue");
  summary.model = JsonStringOr(entry, "model");
  summary.forecast = JsonNumberOr(entry, "forecast");
  summary.p10 = JsonNumberOr(entry, "p10");
  summary.p90 = JsonNumberOr(entry, "p90");
  auto rounds = entry.find("rounds");
  if (rounds != entry.end() && rounds->is_array()) {
    for (const json& round : *rounds) {
      if (!round.is_object()) continue;
      std::map<std::string, double>& positions = summary.rounds.emplace_back();
      for (const auto& [actor, position] : round.items()) {
        if (position.is_number()) positions[actor] = position.get<double>();
      }
    }
  }
  auto headline = entry.find("headline");
  summary.headline = headline != entry.end() && headline->is_boolean() && headline->get<bool>();
  auto priors = entry.find("leans_on_priors");
  if (priors != entry.end() && priors->is_array()) {
    for (const json& actor : *priors) {
      if (actor.is_string()) summary.leans_on_priors.push_back(actor.get<std::string>());
    }
  }
  auto sensitivity = entry.find("sensitivity");
  if (sensitivity != entry.end() && sensitivity->is_array()) {
    for (const json& item : *sensitivity) {
      if (!item.is_object()) continue;
      summary.sensitivity.push_back(
          {JsonStringOr(item, "actor"), JsonStringOr(item, "input"), JsonNumberOr(item, "swing")});
    }
  }
  return summary;
}

json ForecastsJson(const std::vector<ForecastSummary>& forecasts) {
  json entries = json::array();
  for (const ForecastSummary& summary : forecasts) entries.push_back(ForecastSummaryJson(summary));
  return entries;
}

json ForecastsJson(const PositionsForecast& forecast) {
  return ForecastsJson(ForecastSummaries(forecast));
}

json NoForecastJson(const PositionsForecast& forecast) {
  json withheld = json::array();
  for (const auto& [issue, missing] : forecast.withheld) {
    withheld.push_back({{"issue", issue}, {"missing", missing}});
  }
  return withheld;
}

}  // namespace parley::forecast
