// The positions document (docs/positions-json.md): its JSON form read into the typed
// PositionsDocument (the file edge, with "source:line:" messages), and the typed document turned
// into a forecast Problem.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parley/forecast.h"
#include "parley/json_location.h"
#include "problem_util.h"
#include "text_fields.h"

namespace parley::forecast {
namespace {

using nlohmann::json;

// Line of element `index` of a top-level array ("actors", "issues", "cells"), 0 if unknown.
using LineFinder = std::function<int(const std::string& array, size_t index)>;

const std::vector<std::string> kRoles = {"member", "proposer", "second_chamber"};
const std::vector<std::string> kVotingRules = {"majority", "unanimity"};
const std::vector<std::string> kBases = {"evidence", "prior", "override"};

std::string Expected(const std::vector<std::string>& names) {
  std::string expected;
  for (size_t i = 0; i < names.size(); ++i) {
    expected += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + ("\"" + names[i] + "\"");
  }
  return expected;
}

Status ErrorAt(std::string_view source, const LineFinder& line_of, const std::string& array,
               size_t index, const std::string& message) {
  int line = array.empty() || !line_of ? 0 : line_of(array, index);
  std::string where = array.empty() ? "" : array + "[" + std::to_string(index) + "]: ";
  return InvalidInput(AtLine(source, line, where + message));
}

// Reads the JSON form into the typed document: types and names are checked here, ranges and
// references by BuildProblem().
class DocumentReader {
 public:
  DocumentReader(std::string_view source, const LineFinder& line_of)
      : source_(source), line_of_(line_of) {}

  Result<PositionsDocument> Read(const json& document) {
    if (!document.is_object()) return Error("", 0, "the document is not a JSON object");
    document_.scenario = document.value("scenario", json()).is_string()
                             ? document["scenario"].get<std::string>()
                             : std::string();
    document_.as_of = document.value("as_of", json()).is_string()
                          ? document["as_of"].get<std::string>()
                          : std::string();
    PARLEY_RETURN_IF_ERROR(ReadActors(document));
    PARLEY_RETURN_IF_ERROR(ReadIssues(document));
    PARLEY_RETURN_IF_ERROR(ReadCells(document));
    ReadTimeline(document);
    return std::move(document_);
  }

 private:
  Status Error(const std::string& array, size_t index, const std::string& message) const {
    return ErrorAt(source_, line_of_, array, index, message);
  }

  const json* Array(const json& document, const char* name, Status& status) const {
    auto it = document.find(name);
    if (it == document.end() || !it->is_array()) {
      status = Error("", 0, std::string("missing array \"") + name + "\", expected a list");
      return nullptr;
    }
    return &*it;
  }

  Result<std::string> Text(const json& element, const std::string& array, size_t index,
                           const char* key, bool required) const {
    auto it = element.find(key);
    if (it == element.end() || it->is_null()) {
      if (!required) return std::string();
      return Error(array, index, std::string("missing \"") + key + "\", expected a string");
    }
    if (!it->is_string()) {
      return Error(array, index, std::string("\"") + key + "\" is not a string");
    }
    return it->get<std::string>();
  }

  // A number; nullopt when absent or null and not required. The range [low, high] is named in
  // messages and checked by BuildProblem().
  Result<std::optional<double>> Number(const json& element, const std::string& array, size_t index,
                                       const char* key, bool required, double low,
                                       double high) const {
    auto it = element.find(key);
    std::string range = FormatNumber(low) + "-" + FormatNumber(high);
    if (it == element.end() || it->is_null()) {
      if (!required) return std::optional<double>();
      return Error(array, index,
                   std::string("missing \"") + key + "\", expected a number in " + range);
    }
    if (!it->is_number()) {
      return Error(
          array, index,
          std::string("\"") + key + "\" is " + it->dump() + ", expected a number in " + range);
    }
    return std::optional<double>(it->get<double>());
  }

  // An optional string key that must be one of `names`; returns it, or "" when absent.
  Result<std::string> Choice(const json& element, const std::string& array, size_t index,
                             const char* key, const std::vector<std::string>& names) const {
    auto text = Text(element, array, index, key, false);
    if (!text.ok()) return text.status();
    if (text->empty()) return std::string();
    for (const std::string& name : names) {
      if (*text == name) return *text;
    }
    return Error(array, index,
                 std::string("\"") + key + "\" is \"" + *text + "\", expected " + Expected(names));
  }

  Result<std::optional<bool>> Flag(const json& element, const std::string& array, size_t index,
                                   const char* key) const {
    auto it = element.find(key);
    if (it == element.end() || it->is_null()) return std::optional<bool>();
    if (!it->is_boolean()) {
      return Error(array, index,
                   std::string("\"") + key + "\" is " + it->dump() + ", expected true or false");
    }
    return std::optional<bool>(it->get<bool>());
  }

  Status ReadActors(const json& document) {
    Status status;
    const json* actors = Array(document, "actors", status);
    if (!actors) return status;
    for (size_t i = 0; i < actors->size(); ++i) {
      const json& element = (*actors)[i];
      if (!element.is_object()) return Error("actors", i, "not an object");
      auto id = Text(element, "actors", i, "id", true);
      if (!id.ok()) return id.status();
      auto name = Text(element, "actors", i, "name", false);
      if (!name.ok()) return name.status();
      auto capability = Number(element, "actors", i, "capability", true, 0, 100);
      if (!capability.ok()) return capability.status();
      auto role = Choice(element, "actors", i, "role", kRoles);
      if (!role.ok()) return role.status();
      document_.actors.push_back({*id, *name, **capability, *role});
    }
    return Status::Ok();
  }

  Status ReadIssues(const json& document) {
    Status status;
    const json* issues = Array(document, "issues", status);
    if (!issues) return status;
    for (size_t i = 0; i < issues->size(); ++i) {
      const json& element = (*issues)[i];
      if (!element.is_object()) return Error("issues", i, "not an object");
      auto id = Text(element, "issues", i, "id", true);
      if (!id.ok()) return id.status();
      auto name = Text(element, "issues", i, "name", false);
      if (!name.ok()) return name.status();
      auto status_quo = Number(element, "issues", i, "status_quo", false, 0, 100);
      if (!status_quo.ok()) return status_quo.status();
      auto rule = Choice(element, "issues", i, "voting_rule", kVotingRules);
      if (!rule.ok()) return rule.status();
      auto veto = Flag(element, "issues", i, "second_chamber_veto");
      if (!veto.ok()) return veto.status();
      PositionsDocument::Issue issue;
      issue.id = *id;
      issue.name = *name;
      issue.status_quo = *status_quo;
      issue.voting_rule = *rule;
      issue.second_chamber_veto = *veto;
      document_.issues.push_back(std::move(issue));
    }
    return Status::Ok();
  }

  Status ReadCells(const json& document) {
    Status status;
    const json* cells = Array(document, "cells", status);
    if (!cells) return status;
    for (size_t i = 0; i < cells->size(); ++i) {
      const json& element = (*cells)[i];
      if (!element.is_object()) return Error("cells", i, "not an object");
      auto actor = Text(element, "cells", i, "actor", true);
      if (!actor.ok()) return actor.status();
      auto issue = Text(element, "cells", i, "issue", true);
      if (!issue.ok()) return issue.status();
      auto position = Number(element, "cells", i, "position", true, 0, 100);
      if (!position.ok()) return position.status();
      auto salience = Number(element, "cells", i, "salience", true, 0, 100);
      if (!salience.ok()) return salience.status();
      auto low = Number(element, "cells", i, "low", false, 0, 100);
      if (!low.ok()) return low.status();
      auto high = Number(element, "cells", i, "high", false, 0, 100);
      if (!high.ok()) return high.status();
      auto basis = Choice(element, "cells", i, "basis", kBases);
      if (!basis.ok()) return basis.status();
      auto marked = Flag(element, "cells", i, "counts_as_evidence");
      if (!marked.ok()) return marked.status();
      PositionsDocument::Cell cell;
      cell.actor = *actor;
      cell.issue = *issue;
      cell.position = **position;
      cell.low = low->value_or(cell.position);
      cell.high = high->value_or(cell.position);
      cell.salience = **salience;
      cell.basis = *basis == "prior"      ? CellBasis::kPrior
                   : *basis == "override" ? CellBasis::kOverride
                                          : CellBasis::kEvidence;
      cell.counts_as_evidence = marked->value_or(false);
      if (element.contains("statements") && element["statements"].is_number_integer()) {
        cell.statements = element["statements"].get<int>();
      }
      cell.note = String(element, "note");
      cell.author = String(element, "author");
      cell.authored_at = String(element, "authored_at");
      if (element.contains("evidence") && element["evidence"].is_array()) {
        for (const json& item : element["evidence"]) ReadEvidence(item, cell.evidence);
      }
      document_.cells.push_back(std::move(cell));
    }
    return Status::Ok();
  }

  // Evidence and the timeline are for readers, not for the forecast: taken as far as they are
  // well formed, never an error.
  static std::string String(const json& element, const char* key) {
    auto it = element.find(key);
    return it != element.end() && it->is_string() ? it->get<std::string>() : std::string();
  }
  static double Double(const json& element, const char* key) {
    auto it = element.find(key);
    return it != element.end() && it->is_number() ? it->get<double>() : 0.0;
  }

  static void ReadEvidence(const json& item, std::vector<PositionsDocument::Evidence>& out) {
    if (!item.is_object()) return;
    PositionsDocument::Evidence evidence;
    evidence.doc = String(item, "doc");
    evidence.date = String(item, "date");
    evidence.outlet = String(item, "outlet");
    evidence.text = String(item, "text");
    auto span = item.find("span");
    if (span != item.end() && span->is_array() && span->size() == 2 &&
        (*span)[0].is_number_integer() && (*span)[1].is_number_integer()) {
      evidence.span_begin = (*span)[0].get<int64_t>();
      evidence.span_end = (*span)[1].get<int64_t>();
    }
    if (item.contains("url") && item["url"].is_string()) evidence.url = item["url"];
    if (item.contains("title") && item["title"].is_string()) evidence.title = item["title"];
    out.push_back(std::move(evidence));
  }

  void ReadTimeline(const json& document) {
    auto timeline = document.find("timeline");
    if (timeline == document.end() || !timeline->is_array()) return;
    for (const json& item : *timeline) {
      if (!item.is_object()) continue;
      document_.timeline.push_back({String(item, "actor"), String(item, "issue"),
                                    Double(item, "from"), Double(item, "to"),
                                    String(item, "from_date"), String(item, "to_date"),
                                    String(item, "doc"), String(item, "text")});
    }
  }

  std::string_view source_;
  const LineFinder& line_of_;
  PositionsDocument document_;
};

// The typed document as a forecast problem: ranges, references and duplicates checked, messages
// naming the element ("cells[3]: ...") and its line when `line_of` knows it.
Result<Problem> BuildProblem(const PositionsDocument& document, std::string_view source,
                             const LineFinder& line_of) {
  auto error = [&](const std::string& array, size_t index, const std::string& message) {
    return ErrorAt(source, line_of, array, index, message);
  };
  auto out_of_scale = [](double value) {
    return !std::isfinite(value) || value < 0 || value > 100;
  };
  auto scale_error = [&](const std::string& array, size_t index, const char* key, double value) {
    return error(array, index,
                 std::string("\"") + key + "\" is " + FormatNumber(value) + ", expected 0-100");
  };
  auto choice = [&](const std::string& array, size_t index, const char* key,
                    const std::string& value,
                    const std::vector<std::string>& names) -> Result<int> {
    if (value.empty()) return -1;
    for (size_t i = 0; i < names.size(); ++i) {
      if (value == names[i]) return static_cast<int>(i);
    }
    return error(array, index,
                 std::string("\"") + key + "\" is \"" + value + "\", expected " + Expected(names));
  };
  Problem problem;
  problem.source = std::string(source);
  problem.scenario = ScenarioName(source);
  problem.evidence_known = true;
  std::map<std::string, int> actor_index;
  std::map<std::string, int> issue_index;
  for (size_t i = 0; i < document.actors.size(); ++i) {
    const PositionsDocument::Actor& actor = document.actors[i];
    if (out_of_scale(actor.capability))
      return scale_error("actors", i, "capability", actor.capability);
    auto role = choice("actors", i, "role", actor.role, kRoles);
    if (!role.ok()) return role.status();
    if (actor_index.count(actor.id)) {
      return error("actors", i, "duplicate actor id \"" + actor.id + "\"");
    }
    actor_index[actor.id] = static_cast<int>(problem.actors.size());
    problem.actors.push_back({actor.id, actor.name.empty() ? actor.id : actor.name,
                              actor.capability, line_of ? line_of("actors", i) : 0,
                              static_cast<ActorRole>(std::max(0, *role))});
  }
  for (size_t i = 0; i < document.issues.size(); ++i) {
    const PositionsDocument::Issue& entry = document.issues[i];
    if (entry.status_quo && out_of_scale(*entry.status_quo)) {
      return scale_error("issues", i, "status_quo", *entry.status_quo);
    }
    auto rule = choice("issues", i, "voting_rule", entry.voting_rule, kVotingRules);
    if (!rule.ok()) return rule.status();
    if (issue_index.count(entry.id)) {
      return error("issues", i, "duplicate issue id \"" + entry.id + "\"");
    }
    issue_index[entry.id] = static_cast<int>(problem.issues.size());
    Issue issue;
    issue.id = entry.id;
    issue.name = entry.name.empty() ? entry.id : entry.name;
    issue.status_quo = entry.status_quo;
    if (*rule >= 0) issue.voting_rule = static_cast<VotingRule>(*rule);
    issue.second_chamber_veto = entry.second_chamber_veto;
    problem.issues.push_back(std::move(issue));
  }
  for (size_t i = 0; i < document.cells.size(); ++i) {
    const PositionsDocument::Cell& cell = document.cells[i];
    auto actor_it = actor_index.find(cell.actor);
    if (actor_it == actor_index.end()) {
      return error("cells", i,
                   "unknown actor \"" + cell.actor + "\", expected an id from \"actors\"");
    }
    auto issue_it = issue_index.find(cell.issue);
    if (issue_it == issue_index.end()) {
      return error("cells", i,
                   "unknown issue \"" + cell.issue + "\", expected an id from \"issues\"");
    }
    if (out_of_scale(cell.position)) return scale_error("cells", i, "position", cell.position);
    if (out_of_scale(cell.salience)) return scale_error("cells", i, "salience", cell.salience);
    if (out_of_scale(cell.low)) return scale_error("cells", i, "low", cell.low);
    if (out_of_scale(cell.high)) return scale_error("cells", i, "high", cell.high);
    if (cell.low > cell.position || cell.high < cell.position) {
      return error("cells", i,
                   "range low " + FormatNumber(cell.low) + " .. high " + FormatNumber(cell.high) +
                       " does not contain position " + FormatNumber(cell.position) +
                       ", expected low <= position <= high");
    }
    // A cell counts as evidence when its basis is "evidence" or when the analyst set
    // "counts_as_evidence" on a prior or an override.
    bool evidence = cell.basis == CellBasis::kEvidence || cell.counts_as_evidence;
    Issue& target = problem.issues[issue_it->second];
    for (const Stance& stance : target.stances) {
      if (stance.actor == actor_it->second) {
        return error("cells", i,
                     "second cell for actor \"" + cell.actor + "\" on issue \"" + cell.issue +
                         "\", expected one");
      }
    }
    target.stances.push_back(
        {actor_it->second, cell.position, cell.low, cell.high, cell.salience, evidence});
  }
  for (size_t i = 0; i < problem.issues.size(); ++i) {
    if (problem.issues[i].stances.empty()) {
      return error("issues", i,
                   "issue \"" + problem.issues[i].id +
                       "\" has no cells, expected at least one actor with a position");
    }
  }
  PARLEY_RETURN_IF_ERROR(Validate(problem));
  return problem;
}

}  // namespace

Result<PositionsDocument> PositionsDocumentFromJson(const nlohmann::json& document,
                                                    std::string_view source) {
  LineFinder none;
  return DocumentReader(source, none).Read(document);
}

Result<PositionsDocument> ParsePositionsDocument(std::string_view text, std::string_view source) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    const JsonSyntaxError error = FindJsonSyntaxError(text).value_or(JsonSyntaxError());
    return InvalidInput(AtLine(source, error.line,
                               "malformed JSON near '" + error.token.substr(0, 40) +
                                   "', expected the positions document"));
  }
  JsonLines lines(text, /*max_depth=*/2);
  LineFinder line_of = [&lines](const std::string& array, size_t index) {
    return lines.LineOf("/" + array + "/" + std::to_string(index));
  };
  return DocumentReader(source, line_of).Read(document);
}

Result<Problem> ProblemFromPositions(const PositionsDocument& document, std::string_view source) {
  return BuildProblem(document, source, LineFinder());
}

Result<Problem> ParsePositionsJson(std::string_view text, std::string_view source) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    const JsonSyntaxError error = FindJsonSyntaxError(text).value_or(JsonSyntaxError());
    return InvalidInput(AtLine(source, error.line,
                               "malformed JSON near '" + error.token.substr(0, 40) +
                                   "', expected the positions document"));
  }
  JsonLines lines(text, /*max_depth=*/2);
  LineFinder line_of = [&lines](const std::string& array, size_t index) {
    return lines.LineOf("/" + array + "/" + std::to_string(index));
  };
  auto typed = DocumentReader(source, line_of).Read(document);
  if (!typed.ok()) return typed.status();
  return BuildProblem(*typed, source, line_of);
}

}  // namespace parley::forecast
