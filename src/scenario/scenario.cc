// Scenario YAML: parsing and validation. Every error names file:line:col from yaml-cpp marks
// (0-based there, 1-based in messages) and says what was expected.
#include "parley/scenario.h"

#include <xxhash.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "parley/text_util.h"

namespace parley {
namespace {

// Walks the YAML tree. An error inside one list item (an actor, a group, an issue, an anchor,
// a cue, a prior) is kept and the walk goes on with the next item, so one run lists them all;
// the first error is what ParseScenario returns.
class ScenarioReader {
 public:
  explicit ScenarioReader(std::string_view source) : source_(source) {}

  const std::vector<std::string>& errors() const { return errors_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

  // Keeps a failed item's error; true when the item was read.
  bool Keep(const Status& status) {
    if (!status.ok()) errors_.push_back(status.message());
    return status.ok();
  }

  void Warn(const YAML::Node& node, const std::string& what) {
    warnings_.push_back(Error(node, what).message());
  }

  Status Error(const YAML::Node& node, const std::string& what) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return InvalidInput(source_ + ": " + what);
    return InvalidInput(source_ + ":" + std::to_string(mark.line + 1) + ":" +
                        std::to_string(mark.column + 1) + ": " + what);
  }

  // Fails on keys outside `allowed`, so a typo ("capabilty") is caught, not ignored.
  Status CheckKeys(const YAML::Node& map, const std::string& what,
                   const std::vector<std::string>& allowed) const {
    if (!map.IsMap()) return Error(map, what + " must be a mapping of keys to values");
    for (const auto& entry : map) {
      const std::string key = entry.first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string list;
        for (const auto& name : allowed) list += (list.empty() ? "" : ", ") + name;
        return Error(entry.first,
                     "unknown key '" + key + "' in " + what + ", expected one of: " + list);
      }
    }
    return Status::Ok();
  }

  Status String(const YAML::Node& map, const std::string& key, bool required, std::string& out,
                const std::string& what) const {
    const YAML::Node node = map[key];
    if (!node) {
      return required ? Error(map, what + " has no '" + key + "', expected a text value")
                      : Status::Ok();
    }
    if (!node.IsScalar() || node.Scalar().empty()) {
      return Error(node, "'" + key + "' of " + what + " must be a non-empty text value");
    }
    out = node.Scalar();
    return Status::Ok();
  }

  Status Number(const YAML::Node& node, const std::string& what, double& out) const {
    if (!node.IsScalar()) return Error(node, what + " must be a number from 0 to 100");
    const std::string& text = node.Scalar();
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      return Error(node, what + " is '" + text + "', expected a number from 0 to 100");
    }
    if (value < 0 || value > 100) {
      return Error(node, what + " is " + text + ", expected a number from 0 to 100");
    }
    out = value;
    return Status::Ok();
  }

  Status OptionalNumber(const YAML::Node& map, const std::string& key, const std::string& what,
                        std::optional<double>& out) const {
    const YAML::Node node = map[key];
    if (!node || node.IsNull()) return Status::Ok();
    double value = 0;
    PARLEY_RETURN_IF_ERROR(Number(node, what + " '" + key + "'", value));
    out = value;
    return Status::Ok();
  }

  Status OptionalBool(const YAML::Node& map, const std::string& key, const std::string& what,
                      bool& out) const {
    const YAML::Node node = map[key];
    if (!node || node.IsNull()) return Status::Ok();
    if (!node.IsScalar() || (node.Scalar() != "true" && node.Scalar() != "false")) {
      return Error(node, "'" + key + "' of " + what + " must be true or false");
    }
    out = node.Scalar() == "true";
    return Status::Ok();
  }

  Status StringList(const YAML::Node& map, const std::string& key, const std::string& what,
                    std::vector<std::string>& out) const {
    const YAML::Node node = map[key];
    if (!node || node.IsNull()) return Status::Ok();
    if (node.IsScalar()) {
      out.push_back(node.Scalar());
      return Status::Ok();
    }
    if (!node.IsSequence()) return Error(node, "'" + key + "' of " + what + " must be a list");
    for (const auto& item : node) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        return Error(item, "'" + key + "' of " + what + " must hold non-empty text values");
      }
      out.push_back(item.Scalar());
    }
    return Status::Ok();
  }

  Status Date(const YAML::Node& map, const std::string& key, const std::string& what,
              std::string& out) const {
    PARLEY_RETURN_IF_ERROR(String(map, key, false, out, what));
    if (out.empty() || IsIsoDate(out)) return Status::Ok();
    return Error(map[key],
                 "'" + key + "' of " + what + " is '" + out + "', expected a date YYYY-MM-DD");
  }

  static bool IsIsoDate(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    const int month = std::stoi(text.substr(5, 2));
    const int day = std::stoi(text.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }

  Status ReadPerson(const YAML::Node& node, const std::string& actor, ScenarioPerson& person) {
    const std::string what = "a person of actor " + actor;
    PARLEY_RETURN_IF_ERROR(
        CheckKeys(node, what, {"name", "aliases", "role", "gender", "from", "to"}));
    PARLEY_RETURN_IF_ERROR(String(node, "name", true, person.name, what));
    PARLEY_RETURN_IF_ERROR(StringList(node, "aliases", what, person.aliases));
    PARLEY_RETURN_IF_ERROR(String(node, "role", false, person.role, what));
    PARLEY_RETURN_IF_ERROR(String(node, "gender", false, person.gender, what));
    if (!person.gender.empty() && person.gender != "m" && person.gender != "f") {
      return Error(node["gender"],
                   "gender of " + person.name + " is '" + person.gender + "', expected m or f");
    }
    PARLEY_RETURN_IF_ERROR(Date(node, "from", what, person.from));
    PARLEY_RETURN_IF_ERROR(Date(node, "to", what, person.to));
    if (!person.from.empty() && !person.to.empty() && person.to < person.from) {
      return Error(node["to"], "'to' of " + person.name + " is before 'from', expected " +
                                   person.from + " or later");
    }
    return Status::Ok();
  }

  Status ReadActor(const YAML::Node& node, ScenarioActor& actor) {
    PARLEY_RETURN_IF_ERROR(
        CheckKeys(node, "an actor", {"id", "name", "aliases", "people", "capability", "relays"}));
    PARLEY_RETURN_IF_ERROR(String(node, "id", true, actor.id, "an actor"));
    if (!IsActorId(actor.id)) {
      return Error(node["id"], "actor id '" + actor.id +
                                   "' must be upper-case letters, digits or '_', e.g. UKR");
    }
    const std::string what = "actor " + actor.id;
    PARLEY_RETURN_IF_ERROR(String(node, "name", true, actor.name, what));
    PARLEY_RETURN_IF_ERROR(StringList(node, "aliases", what, actor.aliases));
    if (!node["capability"]) {
      return Error(node, what + " has no 'capability', expected a number from 0 to 100");
    }
    PARLEY_RETURN_IF_ERROR(Number(node["capability"], "capability of " + what, actor.capability));
    if (const YAML::Node relays = node["relays"]; relays) {
      if (!relays.IsScalar() || (relays.Scalar() != "true" && relays.Scalar() != "false")) {
        return Error(relays, "'relays' of " + what + " must be true or false");
      }
      actor.relays = relays.Scalar() == "true";
    }
    const YAML::Node people = node["people"];
    if (people && !people.IsNull()) {
      if (!people.IsSequence()) return Error(people, "'people' of " + what + " must be a list");
      for (const auto& item : people) {
        ScenarioPerson person;
        PARLEY_RETURN_IF_ERROR(ReadPerson(item, actor.id, person));
        actor.people.push_back(std::move(person));
      }
    }
    return Status::Ok();
  }

  static bool IsActorId(const std::string& id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
      return std::isupper(static_cast<unsigned char>(c)) ||
             std::isdigit(static_cast<unsigned char>(c)) || c == '_';
    });
  }

  Status ReadGroup(const YAML::Node& node, ScenarioGroup& group) {
    PARLEY_RETURN_IF_ERROR(CheckKeys(node, "a group", {"id", "name", "members", "aliases"}));
    PARLEY_RETURN_IF_ERROR(String(node, "id", true, group.id, "a group"));
    if (!IsActorId(group.id)) {
      return Error(node["id"], "group id '" + group.id +
                                   "' must be upper-case letters, digits or '_', e.g. E3");
    }
    if (actor_ids_.count(group.id) > 0) {
      return Error(node["id"], "group id '" + group.id +
                                   "' is also an actor id, expected an id of its own");
    }
    const std::string what = "group " + group.id;
    PARLEY_RETURN_IF_ERROR(String(node, "name", true, group.name, what));
    PARLEY_RETURN_IF_ERROR(StringList(node, "members", what, group.members));
    std::set<std::string> seen;
    for (const std::string& member : group.members) {
      if (actor_ids_.count(member) == 0) {
        return Error(node["members"], "unknown member '" + member + "' of " + what +
                                          ", expected one of the scenario's actor ids");
      }
      if (!seen.insert(member).second) {
        return Error(node["members"], "member " + member + " listed twice in " + what +
                                          ", expected each actor once");
      }
    }
    if (group.members.size() < 2) {
      return Error(node["members"] ? node["members"] : node,
                   what + " needs 'members': a list of at least two actor ids");
    }
    PARLEY_RETURN_IF_ERROR(StringList(node, "aliases", what, group.aliases));
    if (group.aliases.empty()) {
      return Error(node, what + " has no 'aliases', expected the names that stand for it");
    }
    return Status::Ok();
  }

  Status ReadAnchor(const YAML::Node& node, const std::string& issue, ScaleAnchor& anchor) {
    const std::string what = "an anchor of issue " + issue;
    PARLEY_RETURN_IF_ERROR(CheckKeys(node, what, {"at", "label", "negated", "cues"}));
    if (!node["at"]) return Error(node, what + " has no 'at', expected a number from 0 to 100");
    PARLEY_RETURN_IF_ERROR(Number(node["at"], "'at' of " + what, anchor.value));
    PARLEY_RETURN_IF_ERROR(String(node, "label", true, anchor.label, what));
    PARLEY_RETURN_IF_ERROR(OptionalNumber(node, "negated", what, anchor.negated));
    const YAML::Node cues = node["cues"];
    if (cues && !cues.IsNull() && !cues.IsSequence()) {
      return Error(cues, "'cues' of " + what + " must be a list");
    }
    for (const auto& cue : cues && cues.IsSequence() ? cues : YAML::Node(YAML::NodeType::Sequence)) {
      Result<CuePattern> pattern = ReadCue(cue, what);
      if (!Keep(pattern.status())) continue;
      WarnSplitAlternatives(cue, *pattern);
      anchor.cues.push_back(std::move(*pattern));
    }
    if (anchor.cues.empty() && (!cues || cues.IsNull() || cues.size() == 0)) {
      Warn(node, what + " at " + FormatNumber(anchor.value) +
                     " has no cues, so no statement can land there; expected cue phrases");
    }
    return Status::Ok();
  }

  Result<CuePattern> ReadCue(const YAML::Node& cue, const std::string& what) const {
    if (!cue.IsScalar()) return Error(cue, "a cue of " + what + " must be a text value");
    Result<CuePattern> pattern = ParseCuePattern(cue.Scalar());
    if (!pattern.ok()) return Error(cue, pattern.status().message());
    for (const CueTerm& term : pattern->terms) {
      if (!term.actor.empty() && actor_ids_.count(term.actor) == 0) {
        return Error(cue, "cue '" + cue.Scalar() + "' names unknown actor @" + term.actor +
                              ", expected one of the scenario's actor ids");
      }
    }
    return pattern;
  }

  // "snap back|snapback" reads as "snap", then "back" or "snapback": a space where '_' was
  // meant. Two neighbouring terms whose words joined make one of their own alternatives, or
  // whose single word starts another's alternative, show it.
  void WarnSplitAlternatives(const YAML::Node& cue, const CuePattern& pattern) {
    auto single_word = [](const CueTerm& term) -> std::string {
      if (term.alternatives.size() != 1 || term.alternatives[0].size() != 1) return "";
      return term.alternatives[0][0].text;
    };
    auto words = [](const CueTerm& term) {
      std::vector<std::string> out;
      for (const auto& alternative : term.alternatives) {
        if (alternative.size() == 1) out.push_back(alternative[0].text);
      }
      return out;
    };
    for (size_t t = 1; t < pattern.terms.size(); ++t) {
      const CueTerm& left = pattern.terms[t - 1];
      const CueTerm& right = pattern.terms[t];
      if (right.gap_before || (left.alternatives.size() < 2 && right.alternatives.size() < 2)) {
        continue;
      }
      const std::vector<std::string> left_words = words(left), right_words = words(right);
      bool split = false;
      for (const std::string& a : left_words) {
        for (const std::string& b : right_words) {
          const std::string joined = a + b;
          split = split ||
                  std::find(left_words.begin(), left_words.end(), joined) != left_words.end() ||
                  std::find(right_words.begin(), right_words.end(), joined) != right_words.end();
        }
      }
      const std::string lone_left = single_word(left);
      for (const std::string& b : right_words) {
        split = split || (lone_left.size() >= 3 && b.size() > lone_left.size() &&
                          b.compare(0, lone_left.size(), lone_left) == 0);
      }
      if (split) {
        Warn(cue, "cue '" + pattern.text + "' has a space inside an alternative ('" +
                      TermText(left) + " " + TermText(right) +
                      "' is one word then a choice), expected '_' between the words of a "
                      "several-word alternative, e.g. snap_back|snapback");
      }
    }
  }

  static std::string TermText(const CueTerm& term) {
    std::string text;
    for (const auto& alternative : term.alternatives) {
      if (!text.empty()) text += '|';
      for (size_t w = 0; w < alternative.size(); ++w) {
        text += (w > 0 ? "_" : "") + alternative[w].text + (alternative[w].prefix ? "*" : "");
      }
    }
    for (const std::string& name : term.classes) text += (text.empty() ? "$" : "|$") + name;
    return text;
  }

  Status ReadIssue(const YAML::Node& node, Issue& issue) {
    PARLEY_RETURN_IF_ERROR(CheckKeys(
        node, "an issue",
        {"id", "name", "question", "status_quo", "conditional", "keywords", "anchors"}));
    PARLEY_RETURN_IF_ERROR(String(node, "id", true, issue.id, "an issue"));
    for (char c : issue.id) {
      if (!std::islower(static_cast<unsigned char>(c)) &&
          !std::isdigit(static_cast<unsigned char>(c)) && c != '_' && c != '-') {
        return Error(node["id"],
                     "issue id '" + issue.id + "' must be lower-case letters, digits, '_' or '-'");
      }
    }
    const std::string what = "issue " + issue.id;
    PARLEY_RETURN_IF_ERROR(String(node, "name", true, issue.name, what));
    PARLEY_RETURN_IF_ERROR(String(node, "question", true, issue.question, what));
    if (issue.question.find('\n') != std::string::npos) {
      return Error(node["question"], "'question' of " + what + " must be one line");
    }
    PARLEY_RETURN_IF_ERROR(OptionalNumber(node, "status_quo", what, issue.status_quo));
    PARLEY_RETURN_IF_ERROR(OptionalNumber(node, "conditional", what, issue.conditional));
    PARLEY_RETURN_IF_ERROR(StringList(node, "keywords", what, issue.keywords));
    for (const std::string& keyword : issue.keywords) {
      if (keyword.find(' ') != std::string::npos) {
        Warn(node["keywords"], "keyword '" + keyword + "' of " + what +
                                   " has a space, but keywords match one word; expected a "
                                   "single word (use a cue for a phrase)");
      } else if (std::any_of(keyword.begin(), keyword.end(), [](unsigned char c) {
                   return std::isupper(c);
                 })) {
        Warn(node["keywords"], "keyword '" + keyword + "' of " + what +
                                   " has capitals, but keywords match lower-cased words; "
                                   "expected lower case");
      }
    }
    for (auto& keyword : issue.keywords) {
      for (char& c : keyword) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    const YAML::Node anchors = node["anchors"];
    if (!anchors || !anchors.IsSequence() || anchors.size() < 2) {
      return Error(anchors ? anchors : node,
                   what + " needs 'anchors': a list of at least two labelled scale points");
    }
    for (const auto& item : anchors) {
      ScaleAnchor anchor;
      if (!Keep(ReadAnchor(item, issue.id, anchor))) continue;
      if (!issue.anchors.empty() && anchor.value <= issue.anchors.back().value) {
        return Error(item["at"], "anchors of " + what +
                                     " must be in increasing order of 'at', expected more than " +
                                     FormatNumber(issue.anchors.back().value));
      }
      issue.anchors.push_back(std::move(anchor));
    }
    return Status::Ok();
  }

  Status ReadPinned(const YAML::Node& node, const Scenario& scenario, const std::string& section,
                    PinnedPosition& pinned) const {
    const std::string what = "an entry of '" + section + "'";
    PARLEY_RETURN_IF_ERROR(
        CheckKeys(node, what,
                  {"actor", "issue", "position", "low", "high", "salience", "note",
                   "counts_as_evidence"}));
    PARLEY_RETURN_IF_ERROR(String(node, "actor", true, pinned.actor, what));
    if (scenario.ActorIndex(pinned.actor) < 0) {
      return Error(node["actor"], "unknown actor '" + pinned.actor + "' in " + what +
                                      ", expected one of the scenario's actor ids");
    }
    PARLEY_RETURN_IF_ERROR(String(node, "issue", true, pinned.issue, what));
    if (scenario.IssueIndex(pinned.issue) < 0) {
      return Error(node["issue"], "unknown issue '" + pinned.issue + "' in " + what +
                                      ", expected one of the scenario's issue ids");
    }
    if (!node["position"]) return Error(node, what + " has no 'position', expected 0 to 100");
    PARLEY_RETURN_IF_ERROR(Number(node["position"], "'position' of " + what, pinned.position));
    PARLEY_RETURN_IF_ERROR(OptionalNumber(node, "low", what, pinned.low));
    PARLEY_RETURN_IF_ERROR(OptionalNumber(node, "high", what, pinned.high));
    PARLEY_RETURN_IF_ERROR(OptionalNumber(node, "salience", what, pinned.salience));
    if ((pinned.low && *pinned.low > pinned.position) ||
        (pinned.high && *pinned.high < pinned.position)) {
      return Error(node, what + " has low/high that do not surround 'position', expected low <= " +
                             "position <= high");
    }
    PARLEY_RETURN_IF_ERROR(String(node, "note", section == "overrides", pinned.note, what));
    PARLEY_RETURN_IF_ERROR(
        OptionalBool(node, "counts_as_evidence", what, pinned.counts_as_evidence));
    return Status::Ok();
  }

  Status ReadPinnedList(const YAML::Node& root, const std::string& section, Scenario& scenario,
                        std::vector<PinnedPosition>& out) {
    const YAML::Node list = root[section];
    if (!list || list.IsNull()) return Status::Ok();
    if (!list.IsSequence()) return Error(list, "'" + section + "' must be a list");
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& item : list) {
      PinnedPosition pinned;
      if (!Keep(ReadPinned(item, scenario, section, pinned))) continue;
      if (!seen.insert({pinned.actor, pinned.issue}).second) {
        Keep(Error(item, "second '" + section + "' entry for " + pinned.actor + " on " +
                             pinned.issue + ", expected one per actor and issue"));
        continue;
      }
      out.push_back(std::move(pinned));
    }
    return Status::Ok();
  }

  Status ReadScenario(const YAML::Node& root, Scenario& scenario) {
    PARLEY_RETURN_IF_ERROR(
        CheckKeys(root, "the scenario",
                  {"scenario", "title", "description", "actors", "groups", "issues", "priors",
                   "overrides"}));
    PARLEY_RETURN_IF_ERROR(String(root, "scenario", true, scenario.id, "the scenario"));
    PARLEY_RETURN_IF_ERROR(String(root, "title", false, scenario.title, "the scenario"));
    PARLEY_RETURN_IF_ERROR(
        String(root, "description", false, scenario.description, "the scenario"));
    const YAML::Node actors = root["actors"];
    if (!actors || !actors.IsSequence() || actors.size() == 0) {
      return Error(actors ? actors : root, "the scenario needs 'actors': a non-empty list");
    }
    for (const auto& item : actors) {
      ScenarioActor actor;
      if (!Keep(ReadActor(item, actor))) {
        // Known, so that later references to it are not reported as unknown too.
        if (!actor.id.empty()) actor_ids_.insert(actor.id);
        continue;
      }
      if (!actor_ids_.insert(actor.id).second) {
        Keep(Error(item["id"], "duplicate actor id '" + actor.id + "', expected unique ids"));
        continue;
      }
      scenario.actors.push_back(std::move(actor));
      actor_nodes_.push_back(item);
    }
    const YAML::Node groups = root["groups"];
    if (groups && !groups.IsNull()) {
      if (!groups.IsSequence()) return Error(groups, "'groups' must be a list");
      std::set<std::string> group_ids;
      for (const auto& item : groups) {
        ScenarioGroup group;
        if (!Keep(ReadGroup(item, group))) continue;
        if (!group_ids.insert(group.id).second) {
          Keep(Error(item["id"], "duplicate group id '" + group.id + "', expected unique ids"));
          continue;
        }
        scenario.groups.push_back(std::move(group));
        group_nodes_.push_back(item);
      }
    }
    WarnSharedAliases(scenario);
    const YAML::Node issues = root["issues"];
    if (!issues || !issues.IsSequence() || issues.size() == 0) {
      return Error(issues ? issues : root, "the scenario needs 'issues': a non-empty list");
    }
    std::set<std::string> issue_ids;
    for (const auto& item : issues) {
      Issue issue;
      if (!Keep(ReadIssue(item, issue))) continue;
      if (!issue_ids.insert(issue.id).second) {
        Keep(Error(item["id"], "duplicate issue id '" + issue.id + "', expected unique ids"));
        continue;
      }
      scenario.issues.push_back(std::move(issue));
    }
    Keep(ReadPinnedList(root, "priors", scenario, scenario.priors));
    Keep(ReadPinnedList(root, "overrides", scenario, scenario.overrides));
    return Status::Ok();
  }

  // One name for two actors: the dictionary keeps only one of them, silently. A group's alias
  // counts too; a person's alias is checked against every other actor's names.
  void WarnSharedAliases(const Scenario& scenario) {
    std::map<std::string, std::string> owner;  // alias -> actor or group id
    auto note = [&](const std::string& alias, const std::string& id, const YAML::Node& node) {
      auto [it, inserted] = owner.emplace(alias, id);
      if (!inserted && it->second != id) {
        Warn(node, "alias '" + alias + "' is given to both " + it->second + " and " + id +
                       ", so one of them never gets it; expected each name for one actor");
      }
    };
    for (size_t a = 0; a < scenario.actors.size(); ++a) {
      const ScenarioActor& actor = scenario.actors[a];
      const YAML::Node& item = actor_nodes_[a];
      const YAML::Node where = item["aliases"] ? item["aliases"] : item;
      note(actor.name, actor.id, item);
      for (const std::string& alias : actor.aliases) note(alias, actor.id, where);
      for (const ScenarioPerson& person : actor.people) {
        note(person.name, actor.id, item["people"]);
        for (const std::string& alias : person.aliases) note(alias, actor.id, item["people"]);
      }
    }
    for (size_t g = 0; g < scenario.groups.size(); ++g) {
      const ScenarioGroup& group = scenario.groups[g];
      for (const std::string& alias : group.aliases) note(alias, group.id, group_nodes_[g]);
    }
  }

 private:
  std::string source_;
  std::set<std::string> actor_ids_;
  std::vector<YAML::Node> actor_nodes_;  // the nodes of scenario.actors, in order
  std::vector<YAML::Node> group_nodes_;  // the nodes of scenario.groups, in order
  std::vector<std::string> errors_;
  std::vector<std::string> warnings_;
};

}  // namespace

int Scenario::ActorIndex(std::string_view id) const {
  for (size_t i = 0; i < actors.size(); ++i) {
    if (actors[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int Scenario::GroupIndex(std::string_view id) const {
  for (size_t i = 0; i < groups.size(); ++i) {
    if (groups[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int Scenario::IssueIndex(std::string_view id) const {
  for (size_t i = 0; i < issues.size(); ++i) {
    if (issues[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

Result<Scenario> ParseScenario(std::string_view yaml, std::string_view source_name,
                               ScenarioDiagnostics* diagnostics) {
  ScenarioReader reader(source_name);
  Scenario scenario;
  scenario.source = std::string(source_name);
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx",
                static_cast<unsigned long long>(XXH64(yaml.data(), yaml.size(), 0)));
  scenario.content_hash = hash;
  std::vector<std::string> errors;
  // yaml-cpp reports syntax errors by throwing; they must not leave the library.
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (!root || root.IsNull()) {
      errors.push_back(std::string(source_name) + ": empty file, expected a scenario mapping");
    } else {
      const Status status = reader.ReadScenario(root, scenario);
      errors = reader.errors();
      if (!status.ok()) errors.push_back(status.message());
    }
  } catch (const YAML::Exception& error) {
    errors.push_back(std::string(source_name) + ":" + std::to_string(error.mark.line + 1) + ":" +
                     std::to_string(error.mark.column + 1) + ": " + error.msg +
                     ", expected valid YAML");
  }
  if (diagnostics != nullptr) {
    diagnostics->errors = errors;
    diagnostics->warnings = reader.warnings();
  }
  if (!errors.empty()) return InvalidInput(errors.front());
  return scenario;
}

Result<Scenario> LoadScenarioFile(const std::string& path, ScenarioDiagnostics* diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError(path + ": read error");
  return ParseScenario(text.str(), path, diagnostics);
}

}  // namespace parley
