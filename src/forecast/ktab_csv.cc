// KTAB's scenario CSV (as read by KTAB's smp example): a title line, a header line, one line
// per actor. KTAB writes trailing commas, so empty fields at the end of a line are ignored. The
// writer (KtabCsv) sits beside the parser, so what one writes the other reads.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "parley/forecast.h"
#include "problem_util.h"
#include "text_fields.h"

namespace parley::forecast {
namespace {

// Drops the empty fields KTAB leaves after its trailing commas.
void DropTrailingEmpty(std::vector<std::string>& fields) {
  while (!fields.empty() && fields.back().empty()) fields.pop_back();
}

struct NumberedLine {
  int number;  // 1-based
  std::vector<std::string> fields;
};

// Non-blank lines with their numbers; blank lines (often at the end) carry nothing.
std::vector<NumberedLine> ContentLines(std::string_view text) {
  std::vector<NumberedLine> lines;
  int number = 0;
  for (std::string_view line : SplitLines(text)) {
    ++number;
    if (Trim(line).empty()) continue;
    auto fields = SplitCsvFields(line);
    DropTrailingEmpty(fields);
    if (fields.empty()) continue;  // a line of commas only
    lines.push_back({number, std::move(fields)});
  }
  return lines;
}

Result<int> ParseCount(std::string_view source, int line, const std::string& field,
                       std::string_view what) {
  auto value = ParseNumber(field);
  if (!value || *value != std::floor(*value) || *value < 0 || *value > 1e6) {
    return InvalidInput(AtLine(
        source, line, std::string(what) + " is '" + field + "', expected a whole number >= 0"));
  }
  return static_cast<int>(*value);
}

Result<double> ParseField(std::string_view source, int line, const std::string& field,
                          const std::string& what, double low, double high) {
  auto value = ParseNumber(field);
  if (!value) {
    return InvalidInput(AtLine(source, line, what + " is '" + field + "', expected a number"));
  }
  if (*value < low || *value > high) {
    std::string expected =
        std::isinf(high) ? ">= " + FormatNumber(low) : FormatNumber(low) + "-" + FormatNumber(high);
    return InvalidInput(
        AtLine(source, line, what + " is " + FormatNumber(*value) + ", expected " + expected));
  }
  return *value;
}

// Issue names from the header line: the position column of each dimension.
std::vector<Issue> IssuesFromHeader(const NumberedLine& header, int dimensions) {
  std::vector<Issue> issues(dimensions);
  for (int d = 0; d < dimensions; ++d) {
    size_t column = 3 + 2 * d;
    std::string name = column < header.fields.size() ? header.fields[column] : "";
    if (name.empty()) name = "dim" + std::to_string(d + 1);
    issues[d].id = name;
    issues[d].name = name;
  }
  return issues;
}

Status ParseActorLine(std::string_view source, const NumberedLine& line, int dimensions,
                      Problem& problem) {
  const auto& fields = line.fields;
  size_t expected = 3 + 2 * static_cast<size_t>(dimensions);
  std::string actor_id = fields[0];
  if (fields.size() < expected) {
    std::string missing =
        fields.size() < 3 ? "capability"
        : (fields.size() - 3) % 2 == 0
            ? "position of dimension " + std::to_string((fields.size() - 3) / 2 + 1)
            : "salience of dimension " + std::to_string((fields.size() - 3) / 2 + 1);
    return InvalidInput(AtLine(source, line.number,
                               "actor '" + actor_id + "' has no " + missing + ", expected " +
                                   std::to_string(expected) +
                                   " fields: actor,description,capability,pos1,sal1,..."));
  }
  if (fields.size() > expected) {
    return InvalidInput(AtLine(source, line.number,
                               "actor '" + actor_id + "' has " + std::to_string(fields.size()) +
                                   " fields, expected " + std::to_string(expected) + " for " +
                                   std::to_string(dimensions) + " dimensions"));
  }
  if (actor_id.empty()) {
    return InvalidInput(AtLine(source, line.number, "empty actor name, expected a name"));
  }
  auto capability = ParseField(source, line.number, fields[2], "capability of '" + actor_id + "'",
                               0, std::numeric_limits<double>::infinity());
  if (!capability.ok()) return capability.status();
  int actor_index = static_cast<int>(problem.actors.size());
  problem.actors.push_back({actor_id, fields[1], *capability, line.number});
  double salience_sum = 0;
  for (int d = 0; d < dimensions; ++d) {
    std::string dim = " of '" + actor_id + "' on dimension " + std::to_string(d + 1);
    auto position = ParseField(source, line.number, fields[3 + 2 * d], "position" + dim, 0, 100);
    if (!position.ok()) return position.status();
    auto salience = ParseField(source, line.number, fields[4 + 2 * d], "salience" + dim, 0, 100);
    if (!salience.ok()) return salience.status();
    salience_sum += *salience;
    problem.issues[d].stances.push_back({actor_index, *position, *position, *position, *salience});
  }
  // KTAB reads saliences as shares of one actor's attention across dimensions.
  if (salience_sum > 100 + 1e-9) {
    return InvalidInput(AtLine(source, line.number,
                               "saliences of '" + actor_id + "' sum to " +
                                   FormatNumber(salience_sum) + ", expected at most 100"));
  }
  return Status::Ok();
}

}  // namespace

Result<Problem> ParseKtabCsv(std::string_view text, std::string_view source) {
  std::vector<NumberedLine> lines = ContentLines(text);
  if (lines.empty()) {
    return InvalidInput(AtLine(source, 1, "empty file, expected a KTAB scenario CSV"));
  }
  const NumberedLine& title = lines[0];
  if (title.fields.size() < 4) {
    return InvalidInput(AtLine(source, title.number,
                               "expected 'name,description,nActors,nDims', got " +
                                   std::to_string(title.fields.size()) + " fields"));
  }
  auto actor_count = ParseCount(source, title.number, title.fields[2], "nActors");
  if (!actor_count.ok()) return actor_count.status();
  auto dimensions = ParseCount(source, title.number, title.fields[3], "nDims");
  if (!dimensions.ok()) return dimensions.status();
  if (*actor_count == 0) {
    return InvalidInput(AtLine(source, title.number, "nActors is 0, expected at least 1 actor"));
  }
  if (*dimensions == 0 || *dimensions > 1000) {
    return InvalidInput(
        AtLine(source, title.number, "nDims is " + title.fields[3] + ", expected 1-1000"));
  }
  if (lines.size() < 2) {
    return InvalidInput(AtLine(source, title.number + 1, "missing header line"));
  }
  Problem problem;
  problem.source = std::string(source);
  problem.scenario = ScenarioName(source);
  problem.issues = IssuesFromHeader(lines[1], *dimensions);
  size_t actor_lines = lines.size() - 2;
  if (actor_lines != static_cast<size_t>(*actor_count)) {
    int line = actor_lines < static_cast<size_t>(*actor_count) ? lines.back().number + 1
                                                               : lines[2 + *actor_count].number;
    return InvalidInput(AtLine(source, line,
                               "found " + std::to_string(actor_lines) + " actor lines, expected " +
                                   std::to_string(*actor_count) + " (nActors on line " +
                                   std::to_string(title.number) + ")"));
  }
  for (size_t i = 2; i < lines.size(); ++i) {
    PARLEY_RETURN_IF_ERROR(ParseActorLine(source, lines[i], *dimensions, problem));
  }
  PARLEY_RETURN_IF_ERROR(Validate(problem));
  return problem;
}

std::string KtabCsv(const PositionsDocument& positions) {
  // KTAB splits on commas and has no quoting: keep names free of them.
  auto field = [](std::string text) {
    for (char& c : text) {
      if (c == ',' || c == '\n' || c == '\r') c = ' ';
    }
    return text;
  };
  auto number = [](double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return std::string(text);
  };
  std::map<std::pair<std::string, std::string>, const PositionsDocument::Cell*> cells;
  for (const PositionsDocument::Cell& cell : positions.cells)
    cells[{cell.actor, cell.issue}] = &cell;
  std::vector<const PositionsDocument::Issue*> issues;
  for (const PositionsDocument::Issue& issue : positions.issues) {
    bool spoken = std::any_of(cells.begin(), cells.end(),
                              [&](const auto& entry) { return entry.first.second == issue.id; });
    if (spoken) issues.push_back(&issue);
  }
  std::string scenario = field(positions.scenario.empty() ? "parley" : positions.scenario);
  std::string csv = scenario + ",exported by parley," + std::to_string(positions.actors.size()) +
                    "," + std::to_string(issues.size()) + "\n";
  csv += "Actor,Description,Influence";
  for (const PositionsDocument::Issue* issue : issues) {
    std::string name = field(issue->name.empty() ? issue->id : issue->name);
    csv += "," + name + " Position," + name + " Salience";
  }
  csv += "\n";
  for (const PositionsDocument::Actor& actor : positions.actors) {
    std::vector<std::pair<double, double>> stances;  // position, salience per issue
    double salience_sum = 0;
    for (const PositionsDocument::Issue* issue : issues) {
      auto cell = cells.find({actor.id, issue->id});
      if (cell == cells.end()) {
        stances.push_back({issue->status_quo.value_or(50.0), 0.0});
      } else {
        stances.push_back({cell->second->position, cell->second->salience});
      }
      salience_sum += stances.back().second;
    }
    // KTAB reads an actor's saliences as shares of its attention: they may sum to 100 at most.
    double scale = salience_sum > 100 ? 100 / salience_sum : 1;
    csv += field(actor.id) + "," + field(actor.name.empty() ? actor.id : actor.name) + "," +
           number(actor.capability);
    for (const auto& [position, salience] : stances) {
      // Rounded down, so that the written saliences still sum to 100 at most.
      csv += "," + number(position) + "," + number(std::floor(salience * scale * 10) / 10);
    }
    csv += "\n";
  }
  return csv;
}

}  // namespace parley::forecast
