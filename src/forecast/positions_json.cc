// The positions document of `parley positions` (docs/positions-json.md).
#include <cmath>
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

class DocumentReader {
 public:
  DocumentReader(std::string_view source, std::string_view text)
      : source_(source), lines_(text, /*max_depth=*/2) {}

  Result<Problem> Read(const json& document) {
    if (!document.is_object()) return Error("", 0, "the document is not a JSON object");
    problem_.source = std::string(source_);
    problem_.scenario = ScenarioName(source_);
    problem_.evidence_known = true;
    PARLEY_RETURN_IF_ERROR(ReadActors(document));
    PARLEY_RETURN_IF_ERROR(ReadIssues(document));
    PARLEY_RETURN_IF_ERROR(ReadCells(document));
    PARLEY_RETURN_IF_ERROR(Validate(problem_));
    return std::move(problem_);
  }

 private:
  Status Error(const std::string& array, size_t index, const std::string& message) const {
    int line = array.empty() ? 0 : LineOf(array, index);
    std::string where = array.empty() ? "" : array + "[" + std::to_string(index) + "]: ";
    return InvalidInput(AtLine(source_, line, where + message));
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

  // A number in [low, high]; nullopt when absent or null and not required.
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
    double value = it->get<double>();
    if (!std::isfinite(value) || value < low || value > high) {
      return Error(
          array, index,
          std::string("\"") + key + "\" is " + FormatNumber(value) + ", expected " + range);
    }
    return std::optional<double>(value);
  }

  // An optional string key that must be one of `names`; returns its index, or `fallback`.
  Result<int> Choice(const json& element, const std::string& array, size_t index, const char* key,
                     const std::vector<std::string>& names, int fallback) const {
    auto text = Text(element, array, index, key, false);
    if (!text.ok()) return text.status();
    if (text->empty()) return fallback;
    for (size_t i = 0; i < names.size(); ++i) {
      if (*text == names[i]) return static_cast<int>(i);
    }
    std::string expected;
    for (size_t i = 0; i < names.size(); ++i) {
      expected += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + ("\"" + names[i] + "\"");
    }
    return Error(array, index,
                 std::string("\"") + key + "\" is \"" + *text + "\", expected " + expected);
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
      auto role = Choice(element, "actors", i, "role", {"member", "proposer", "second_chamber"}, 0);
      if (!role.ok()) return role.status();
      if (actor_index_.count(*id)) return Error("actors", i, "duplicate actor id \"" + *id + "\"");
      actor_index_[*id] = static_cast<int>(problem_.actors.size());
      problem_.actors.push_back({*id, name->empty() ? *id : *name, **capability,
                                 LineOf("actors", i), static_cast<ActorRole>(*role)});
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
      auto rule = Choice(element, "issues", i, "voting_rule", {"majority", "unanimity"}, -1);
      if (!rule.ok()) return rule.status();
      auto veto = element.find("second_chamber_veto");
      if (veto != element.end() && !veto->is_null() && !veto->is_boolean()) {
        return Error("issues", i,
                     "\"second_chamber_veto\" is " + veto->dump() + ", expected true or false");
      }
      if (issue_index_.count(*id)) return Error("issues", i, "duplicate issue id \"" + *id + "\"");
      issue_index_[*id] = static_cast<int>(problem_.issues.size());
      Issue issue;
      issue.id = *id;
      issue.name = name->empty() ? *id : *name;
      issue.status_quo = *status_quo;
      if (*rule >= 0) issue.voting_rule = static_cast<VotingRule>(*rule);
      if (veto != element.end() && veto->is_boolean())
        issue.second_chamber_veto = veto->get<bool>();
      problem_.issues.push_back(std::move(issue));
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
      auto actor_it = actor_index_.find(*actor);
      if (actor_it == actor_index_.end()) {
        return Error("cells", i,
                     "unknown actor \"" + *actor + "\", expected an id from \"actors\"");
      }
      auto issue_it = issue_index_.find(*issue);
      if (issue_it == issue_index_.end()) {
        return Error("cells", i,
                     "unknown issue \"" + *issue + "\", expected an id from \"issues\"");
      }
      auto position = Number(element, "cells", i, "position", true, 0, 100);
      if (!position.ok()) return position.status();
      auto salience = Number(element, "cells", i, "salience", true, 0, 100);
      if (!salience.ok()) return salience.status();
      auto low = Number(element, "cells", i, "low", false, 0, 100);
      if (!low.ok()) return low.status();
      auto high = Number(element, "cells", i, "high", false, 0, 100);
      if (!high.ok()) return high.status();
      double value = **position;
      double low_value = low->value_or(value);
      double high_value = high->value_or(value);
      if (low_value > value || high_value < value) {
        return Error("cells", i,
                     "range low " + FormatNumber(low_value) + " .. high " +
                         FormatNumber(high_value) + " does not contain position " +
                         FormatNumber(value) + ", expected low <= position <= high");
      }
      auto evidence = IsEvidence(element, i);
      if (!evidence.ok()) return evidence.status();
      Issue& target = problem_.issues[issue_it->second];
      for (const Stance& stance : target.stances) {
        if (stance.actor == actor_it->second) {
          return Error(
              "cells", i,
              "second cell for actor \"" + *actor + "\" on issue \"" + *issue + "\", expected one");
        }
      }
      target.stances.push_back(
          {actor_it->second, value, low_value, high_value, **salience, *evidence});
    }
    for (size_t i = 0; i < problem_.issues.size(); ++i) {
      if (problem_.issues[i].stances.empty()) {
        return Error("issues", i,
                     "issue \"" + problem_.issues[i].id +
                         "\" has no cells, expected at least one actor with a position");
      }
    }
    return Status::Ok();
  }

  // A cell counts as evidence when its basis is "evidence" (the default when absent) or when the
  // analyst set "counts_as_evidence" on a prior or an override.
  Result<bool> IsEvidence(const json& element, size_t index) const {
    auto basis = Choice(element, "cells", index, "basis", {"evidence", "prior", "override"}, 0);
    if (!basis.ok()) return basis.status();
    auto marked = element.find("counts_as_evidence");
    if (marked != element.end() && !marked->is_null() && !marked->is_boolean()) {
      return Error("cells", index,
                   "\"counts_as_evidence\" is " + marked->dump() + ", expected true or false");
    }
    bool counts = marked != element.end() && marked->is_boolean() && marked->get<bool>();
    return *basis == 0 || counts;
  }

  // Elements of the top-level arrays "actors", "issues" and "cells" are reported by line.
  int LineOf(const std::string& array, size_t index) const {
    return lines_.LineOf("/" + array + "/" + std::to_string(index));
  }

  std::string_view source_;
  JsonLines lines_;
  Problem problem_;
  std::map<std::string, int> actor_index_;
  std::map<std::string, int> issue_index_;
};

}  // namespace

Result<Problem> ParsePositionsJson(std::string_view text, std::string_view source) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    const JsonSyntaxError error = FindJsonSyntaxError(text).value_or(JsonSyntaxError());
    return InvalidInput(AtLine(source, error.line,
                               "malformed JSON near '" + error.token.substr(0, 40) +
                                   "', expected the positions document"));
  }
  return DocumentReader(source, text).Read(document);
}

}  // namespace parley::forecast
