// Helpers shared inside the forecast stage: names, weights and lookups over a Problem.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parley/forecast.h"

namespace parley::forecast {

// "data/x/SOE-Pol-Comp.csv" -> "SOE-Pol-Comp".
std::string ScenarioName(std::string_view path);

// "source:line: " for an actor defined at a known line, else "source: ".
std::string ActorLocation(const Problem& problem, int actor);

// One issue reduced to what the one-dimensional models need, stance by stance.
struct IssueView {
  std::vector<double> positions;
  std::vector<double> position_lows;  // sampling range of each position
  std::vector<double> position_highs;
  std::vector<double> saliences;  // 0-100
  std::vector<double> capabilities;
  std::vector<int> actors;       // actor index of each stance
  std::vector<ActorRole> roles;  // role of each stance's actor
  std::optional<double> status_quo;
  std::optional<VotingRule> voting_rule;
  std::optional<bool> second_chamber_veto;
};

IssueView ViewOf(const Problem& problem, const Issue& issue);

// Bargaining weight of each stance: capability x salience. When every product is zero the
// capabilities alone are used, and when those are zero too every stance weighs the same, so a
// forecast always exists.
std::vector<double> BargainingWeights(const IssueView& view);

}  // namespace parley::forecast
