// The positions document of `parley positions` (docs/positions-json.md).
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parley/forecast.h"
#include "problem_util.h"
#include "text_fields.h"

namespace parley::forecast {
namespace {

using nlohmann::json;

// nlohmann::json keeps no source positions, so one pass over the raw text records the line of
// each element of the top-level arrays "actors", "issues" and "cells"; messages about a bad
// element then point at its line.
struct ElementLines {
  std::map<std::string, std::vector<int>> lines;  // array name -> line of each element

  int LineOf(const std::string& array, size_t index) const {
    auto it = lines.find(array);
    if (it == lines.end() || index >= it->second.size()) return 0;
    return it->second[index];
  }
};

ElementLines ScanElementLines(std::string_view text) {
  ElementLines result;
  int line = 1;
  int depth = 0;
  bool in_string = false;
  std::string string_value;
  std::string last_key;    // last string seen at depth 1
  std::string open_array;  // top-level array being scanned, if any
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') ++line;
    if (in_string) {
      if (c == '\\') {
        ++i;  // an escaped character never ends the string
      } else if (c == '"') {
        in_string = false;
        if (depth == 1) last_key = string_value;
      } else if (depth == 1) {
        string_value += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        string_value.clear();
        break;
      case '[':
      case '{':
        if (depth == 2 && !open_array.empty() && c == '{') {
          result.lines[open_array].push_back(line);
        }
        if (depth == 1 && c == '[') open_array = last_key;
        ++depth;
        break;
      case ']':
      case '}':
        --depth;
        if (depth == 1) open_array.clear();
        break;
      default:
        break;
    }
  }
  return result;
}

class DocumentReader {
 public:
  DocumentReader(std::string_view source, std::string_view text)
      : source_(source), lines_(ScanElementLines(text)) {}

  Result<Problem> Read(const json& document) {
    if (!document.is_object()) return Error("", 0, "the document is not a JSON object");
    problem_.source = std::string(source_);
    problem_.scenario = ScenarioName(source_);
    PARLEY_RETURN_IF_ERROR(ReadActors(document));
    PARLEY_RETURN_IF_ERROR(ReadIssues(document));
    PARLEY_RETURN_IF_ERROR(ReadCells(document));
    PARLEY_RETURN_IF_ERROR(Validate(problem_));
    return std::move(problem_);
  }

 private:
  Status Error(const std::string& array, size_t index, const std::string& message) const {
    int line = array.empty() ? 0 : lines_.LineOf(array, index);
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
                                 lines_.LineOf("actors", i), static_cast<ActorRole>(*role)});
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
      Issue& target = problem_.issues[issue_it->second];
      for (const Stance& stance : target.stances) {
        if (stance.actor == actor_it->second) {
          return Error(
              "cells", i,
              "second cell for actor \"" + *actor + "\" on issue \"" + *issue + "\", expected one");
        }
      }
      target.stances.push_back({actor_it->second, value, low_value, high_value, **salience});
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

  std::string_view source_;
  ElementLines lines_;
  Problem problem_;
  std::map<std::string, int> actor_index_;
  std::map<std::string, int> issue_index_;
};

// 1-based line of a byte offset, for parse errors.
int LineAtOffset(std::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

// A SAX handler that accepts every event and keeps the first syntax error, so a malformed
// document yields its position without an exception.
struct SyntaxErrorFinder : nlohmann::json_sax<json> {
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception&) override {
    byte = position;
    token = last_token;
    return false;
  }
  std::size_t byte = 0;
  std::string token;
};

}  // namespace

Result<Problem> ParsePositionsJson(std::string_view text, std::string_view source) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    SyntaxErrorFinder finder;
    json::sax_parse(text, &finder);
    int line = LineAtOffset(text, finder.byte > 0 ? finder.byte - 1 : 0);
    return InvalidInput(AtLine(source, line,
                               "malformed JSON near '" + finder.token.substr(0, 40) +
                                   "', expected the positions document"));
  }
  return DocumentReader(source, text).Read(document);
}

}  // namespace parley::forecast
