#include "problem_util.h"

#include <algorithm>
#include <cmath>

#include "text_fields.h"

namespace parley::forecast {

std::string ScenarioName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.find_last_of('.');
  if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  return std::string(name);
}

std::string ActorLocation(const Problem& problem, int actor) {
  int line = actor >= 0 && actor < static_cast<int>(problem.actors.size())
                 ? problem.actors[actor].line
                 : 0;
  return AtLine(problem.source, line, "");
}

IssueView ViewOf(const Problem& problem, const Issue& issue) {
  IssueView view;
  size_t n = issue.stances.size();
  view.positions.reserve(n);
  view.saliences.reserve(n);
  view.capabilities.reserve(n);
  view.actors.reserve(n);
  view.roles.reserve(n);
  for (const Stance& stance : issue.stances) {
    view.positions.push_back(stance.position);
    view.position_lows.push_back(stance.position_low);
    view.position_highs.push_back(stance.position_high);
    view.saliences.push_back(stance.salience);
    view.capabilities.push_back(problem.actors[stance.actor].capability);
    view.actors.push_back(stance.actor);
    view.roles.push_back(problem.actors[stance.actor].role);
  }
  view.status_quo = issue.status_quo;
  view.voting_rule = issue.voting_rule;
  view.second_chamber_veto = issue.second_chamber_veto;
  return view;
}

std::vector<double> BargainingWeights(const IssueView& view) {
  size_t n = view.positions.size();
  std::vector<double> weights(n);
  double total = 0;
  for (size_t i = 0; i < n; ++i) {
    weights[i] = view.capabilities[i] * view.saliences[i];
    total += weights[i];
  }
  if (total > 0) return weights;
  total = 0;
  for (size_t i = 0; i < n; ++i) total += weights[i] = view.capabilities[i];
  if (total > 0) return weights;
  std::fill(weights.begin(), weights.end(), 1.0);
  return weights;
}

}  // namespace parley::forecast
