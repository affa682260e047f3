// The API side of the team's annotations: the body of POST /api/annotations checked field by
// field into a typed annotation, and an annotation's JSON form.
#include <algorithm>
#include <string>

#include "parley/json_location.h"
#include "parley/serve.h"
#include "queries.h"

namespace parley::serve {
namespace {

using Json = nlohmann::json;

// The field's text, or an error when it is there and not a string.
Result<std::string> OptionalText(const Json& body, const char* field) {
  if (!body.contains(field)) return std::string();
  if (!body[field].is_string()) return BadField(field, body[field], "a string");
  return body[field].get<std::string>();
}

Result<std::optional<double>> OptionalScale(const Json& body, const char* field) {
  if (!body.contains(field) || body[field].is_null()) return std::optional<double>();
  if (!IsScale(body[field])) return BadField(field, body[field], "a number in 0-100");
  return std::optional<double>(body[field].get<double>());
}

std::string Trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

Status CheckAuthor(const std::string& author, const Json& value) {
  if (author.empty()) return BadField("author", value, "the analyst's name");
  if (author.size() > kMaxAuthorBytes) {
    return InvalidInput("author is " + std::to_string(author.size()) + " bytes long, expected " +
                        "at most " + std::to_string(kMaxAuthorBytes));
  }
  const bool control = std::any_of(author.begin(), author.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  if (control) return BadField("author", value, "a name on one line");
  return Status::Ok();
}

// An actor and an issue of the scenario.
Status CheckCell(const report::ScenarioSummary& scenario, const std::string& actor,
                 const std::string& issue, const Json& body) {
  auto actor_known = [&](const report::ScenarioSummary::Actor& a) { return a.id == actor; };
  auto issue_known = [&](const report::ScenarioSummary::Issue& i) { return i.id == issue; };
  if (std::none_of(scenario.actors.begin(), scenario.actors.end(), actor_known)) {
    return BadField("actor", body.value("actor", Json()), "the id of an actor of the scenario");
  }
  if (std::none_of(scenario.issues.begin(), scenario.issues.end(), issue_known)) {
    return BadField("issue", body.value("issue", Json()), "the id of an issue of the scenario");
  }
  return Status::Ok();
}

// What each kind needs: an override its position, a note its text, a withdrawal no numbers.
Status CheckKind(const AnnotationRecord& a, const Json& body) {
  switch (a.kind) {
    case AnnotationKind::kOverride:
      if (!a.position) return BadField("position", body.value("position", Json()), "a number in 0-100");
      return Status::Ok();
    case AnnotationKind::kNote:
    case AnnotationKind::kWithdraw:
      if (a.position || a.salience) {
        return InvalidInput(std::string("a ") + std::string(AnnotationKindName(a.kind)) +
                            " carries no position or salience; use kind \"override\"");
      }
      if (a.kind == AnnotationKind::kNote && Trimmed(a.note).empty()) {
        return BadField("note", body.value("note", Json()), "the text of the note");
      }
      return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace

Result<AnnotationRecord> ParseAnnotationRequest(const report::ScenarioSummary& scenario,
                                                const Json& body) {
  if (!body.is_object()) {
    return InvalidInput("the request body is " + JsonExcerpt(body) +
                        ", expected {\"actor\", \"issue\", \"author\", \"kind\"?, \"position\"?, "
                        "\"salience\"?, \"note\"?}");
  }
  AnnotationRecord a;
  a.scenario = scenario.id;
  for (auto [field, target] : {std::pair{"actor", &a.actor}, std::pair{"issue", &a.issue},
                               std::pair{"author", &a.author}, std::pair{"note", &a.note}}) {
    auto text = OptionalText(body, field);
    if (!text.ok()) return text.status();
    *target = std::move(*text);
  }
  a.author = Trimmed(a.author);
  PARLEY_RETURN_IF_ERROR(CheckAuthor(a.author, body.value("author", Json())));
  PARLEY_RETURN_IF_ERROR(CheckCell(scenario, a.actor, a.issue, body));
  if (a.note.size() > kMaxNoteBytes) {
    return InvalidInput("note is " + std::to_string(a.note.size()) + " bytes long, expected at " +
                        "most " + std::to_string(kMaxNoteBytes));
  }
  auto position = OptionalScale(body, "position");
  if (!position.ok()) return position.status();
  auto salience = OptionalScale(body, "salience");
  if (!salience.ok()) return salience.status();
  a.position = *position;
  a.salience = *salience;
  auto kind_name = OptionalText(body, "kind");
  if (!kind_name.ok()) return kind_name.status();
  if (kind_name->empty()) {
    a.kind = a.position ? AnnotationKind::kOverride : AnnotationKind::kNote;
  } else if (auto kind = ParseAnnotationKind(*kind_name)) {
    a.kind = *kind;
  } else {
    return BadField("kind", body["kind"], "\"note\", \"override\" or \"withdraw\"");
  }
  PARLEY_RETURN_IF_ERROR(CheckKind(a, body));
  return a;
}

Json AnnotationJson(const AnnotationRecord& a) {
  Json json = {{"id", a.id},         {"actor", a.actor},   {"issue", a.issue},
               {"kind", AnnotationKindName(a.kind)},       {"note", a.note},
               {"author", a.author}, {"created_at", a.created_at}};
  if (a.position) json["position"] = *a.position;
  if (a.salience) json["salience"] = *a.salience;
  return json;
}

}  // namespace parley::serve
