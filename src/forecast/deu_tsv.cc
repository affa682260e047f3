// The DEU III table (Arregui & Perarnaud 2021, as distributed by blksv/predictioneers_game),
// read for the accuracy benchmark: one decision per row.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parley/forecast.h"
#include "problem_util.h"
#include "text_fields.h"

namespace parley::forecast {
namespace {

struct DeuColumns {
  std::vector<std::string> actors;  // "com", "de", ...
  std::vector<size_t> position;     // column of p<actor>
  std::vector<size_t> salience;     // column of s<actor>
  size_t issue = 0;
  size_t outcome = 0;
  size_t reference_point = 0;
  size_t voting_rule = 0;
  std::optional<size_t> procedure;  // "proc"
  std::optional<size_t> proposal;   // "prnr"
  std::optional<size_t> introduced;  // "intro"
};

// DEU's own actor codes for the Commission and the Parliament.
ActorRole RoleOf(std::string_view actor) {
  if (actor == "com") return ActorRole::kProposer;
  if (actor == "ep") return ActorRole::kSecondChamber;
  return ActorRole::kMember;
}

// "Unan" is unanimity; "QMV", "QMV(10)" and other majority codes are majorities.
std::optional<VotingRule> VotingRuleOf(std::string_view code) {
  if (code.empty()) return std::nullopt;
  return code.starts_with("Unan") ? VotingRule::kUnanimity : VotingRule::kMajority;
}

// Co-decision ("COD") gives the Parliament a veto; consultation ("CNS") does not. Other or
// missing codes leave it unknown.
std::optional<bool> SecondChamberVetoOf(std::string_view code) {
  if (code == "COD") return true;
  if (code == "CNS") return false;
  return std::nullopt;
}

// An actor is any "p<x>" column with a matching "s<x>" column; "prname" and the like have none.
Result<DeuColumns> FindColumns(std::string_view source, std::string_view header_line) {
  auto header = SplitFields(header_line, '\t');
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < header.size(); ++i) column[std::string(Trim(header[i]))] = i;
  DeuColumns columns;
  for (const char* required : {"isnr", "out", "rp", "counvte"}) {
    if (!column.count(required)) {
      return InvalidInput(AtLine(
          source, 1, std::string("missing column \"") + required + "\", expected the DEU header"));
    }
  }
  columns.issue = column["isnr"];
  columns.outcome = column["out"];
  columns.reference_point = column["rp"];
  columns.voting_rule = column["counvte"];
  if (column.count("proc")) columns.procedure = column["proc"];
  if (column.count("prnr")) columns.proposal = column["prnr"];
  if (column.count("intro")) columns.introduced = column["intro"];
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name(Trim(header[i]));
    if (name.size() < 2 || name[0] != 'p') continue;
    auto salience = column.find("s" + name.substr(1));
    if (salience == column.end()) continue;
    columns.actors.push_back(name.substr(1));
    columns.position.push_back(i);
    columns.salience.push_back(salience->second);
  }
  if (columns.actors.empty()) {
    return InvalidInput(AtLine(source, 1, "no p<actor>/s<actor> column pairs, expected some"));
  }
  return columns;
}

std::string_view FieldOrEmpty(const std::vector<std::string_view>& fields, size_t column) {
  return column < fields.size() ? Trim(fields[column]) : std::string_view();
}

// "26-01-00" (dd-mm-yy; yy below 50 is 20yy) or "1999"; an empty field is year 0.
Result<int> YearOf(std::string_view source, int line, std::string_view field) {
  if (field.empty()) return 0;
  std::string_view year = field.substr(field.find_last_of('-') + 1);
  auto value = ParseNumber(year);
  bool two_digits = year.size() == 2;
  if (!value || *value < 0 || *value != static_cast<int>(*value) ||
      !(two_digits || year.size() == 4)) {
    return InvalidInput(AtLine(source, line,
                               "intro is '" + std::string(field) + "', expected dd-mm-yy or yyyy"));
  }
  int number = static_cast<int>(*value);
  if (two_digits) number += number < 50 ? 2000 : 1900;
  return number;
}

Result<std::optional<double>> OptionalNumber(std::string_view source, int line,
                                             std::string_view field, const std::string& what) {
  if (field.empty()) return std::optional<double>();
  auto value = ParseNumber(field);
  if (!value || *value < 0 || *value > 100) {
    return InvalidInput(
        AtLine(source, line, what + " is '" + std::string(field) + "', expected 0-100"));
  }
  return std::optional<double>(*value);
}

}  // namespace

Result<std::vector<DeuDecision>> ParseDeuTsv(std::string_view text, std::string_view source) {
  auto lines = SplitLines(text);
  if (lines.size() < 2) {
    return InvalidInput(AtLine(source, 1, "expected a header row and a capability row"));
  }
  auto columns = FindColumns(source, lines[0]);
  if (!columns.ok()) return columns.status();
  auto weights = SplitFields(lines[1], '\t');
  std::vector<Actor> actors;
  for (size_t a = 0; a < columns->actors.size(); ++a) {
    std::string_view field = FieldOrEmpty(weights, columns->position[a]);
    auto capability = field.empty() ? std::optional<double>(0.0) : ParseNumber(field);
    if (!capability || *capability < 0) {
      return InvalidInput(AtLine(source, 2,
                                 "capability of '" + columns->actors[a] + "' is '" +
                                     std::string(field) + "', expected a number >= 0"));
    }
    actors.push_back(
        {columns->actors[a], columns->actors[a], *capability, 2, RoleOf(columns->actors[a])});
  }
  std::vector<DeuDecision> decisions;
  for (size_t row = 2; row < lines.size(); ++row) {
    int line = static_cast<int>(row + 1);
    auto fields = SplitFields(lines[row], '\t');
    auto outcome = OptionalNumber(source, line, FieldOrEmpty(fields, columns->outcome), "out");
    if (!outcome.ok()) return outcome.status();
    if (!*outcome) continue;
    auto reference =
        OptionalNumber(source, line, FieldOrEmpty(fields, columns->reference_point), "rp");
    if (!reference.ok()) return reference.status();
    DeuDecision decision;
    decision.outcome = **outcome;
    decision.reference_point = *reference;
    decision.voting_rule = std::string(FieldOrEmpty(fields, columns->voting_rule));
    if (columns->procedure) {
      decision.procedure = std::string(FieldOrEmpty(fields, *columns->procedure));
    }
    if (columns->proposal)
      decision.proposal = std::string(FieldOrEmpty(fields, *columns->proposal));
    if (columns->introduced) {
      auto year = YearOf(source, line, FieldOrEmpty(fields, *columns->introduced));
      if (!year.ok()) return year.status();
      decision.year = *year;
    }
    Problem& problem = decision.problem;
    problem.source = std::string(source);
    problem.scenario = ScenarioName(source);
    problem.actors = actors;
    Issue issue;
    issue.id = std::string(FieldOrEmpty(fields, columns->issue));
    issue.name = issue.id;
    issue.voting_rule = VotingRuleOf(decision.voting_rule);
    issue.second_chamber_veto = SecondChamberVetoOf(decision.procedure);
    for (size_t a = 0; a < columns->actors.size(); ++a) {
      const std::string& actor = columns->actors[a];
      auto position =
          OptionalNumber(source, line, FieldOrEmpty(fields, columns->position[a]), "p" + actor);
      if (!position.ok()) return position.status();
      if (!*position) continue;
      auto salience =
          OptionalNumber(source, line, FieldOrEmpty(fields, columns->salience[a]), "s" + actor);
      if (!salience.ok()) return salience.status();
      double value = **position;
      issue.stances.push_back({static_cast<int>(a), value, value, value, salience->value_or(0)});
    }
    if (issue.stances.empty()) continue;
    problem.issues.push_back(std::move(issue));
    decisions.push_back(std::move(decision));
  }
  return decisions;
}

}  // namespace parley::forecast
