// Reading and validating the analysis snapshot (docs/report-data.md). The front end trusts
// the shape checked here, so a bad snapshot fails in C++ with a message naming the field rather
// than as a blank page.
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "parley/json_location.h"
#include "parley/positions.h"
#include "parley/report.h"

namespace parley::report {
namespace {

using Json = nlohmann::json;

// "positions.cells[3]" + "position" -> "positions.cells[3].position"
std::string Child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string Item(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// Checks fields of one object and remembers the first problem, named by its JSON path.
class FieldChecker {
 public:
  explicit FieldChecker(std::string_view source) : source_(source) {}

  bool Object(const Json& value, const std::string& path) {
    return Expect(value.is_object(), path, value, "an object");
  }

  bool Array(const Json& parent, const std::string& parent_path, std::string_view key,
             bool required) {
    if (!parent.contains(key)) return required ? Missing(parent_path, key) : true;
    const Json& value = parent.at(key);
    return Expect(value.is_array(), Child(parent_path, key), value, "an array");
  }

  bool String(const Json& parent, const std::string& parent_path, std::string_view key,
              bool required = true) {
    if (!parent.contains(key)) return required ? Missing(parent_path, key) : true;
    const Json& value = parent.at(key);
    return Expect(value.is_string(), Child(parent_path, key), value, "a string");
  }

  // A number in 0-100; `nullable` also accepts null (an unknown status quo).
  bool Scale(const Json& parent, const std::string& parent_path, std::string_view key,
             bool required = true, bool nullable = false) {
    if (!parent.contains(key)) return required ? Missing(parent_path, key) : true;
    const Json& value = parent.at(key);
    if (nullable && value.is_null()) return true;
    bool in_range = value.is_number() && value.get<double>() >= 0 && value.get<double>() <= 100;
    return Expect(in_range, Child(parent_path, key), value, "a number in 0-100");
  }

  bool Known(const Json& parent, const std::string& parent_path, std::string_view key,
             const std::set<std::string>& known, std::string_view what) {
    if (!String(parent, parent_path, key)) return false;
    const std::string& id = parent.at(key).get_ref<const std::string&>();
    return Expect(known.count(id) > 0, Child(parent_path, key), parent.at(key),
                  "the id of a scenario " + std::string(what));
  }

  bool Fail(const std::string& path, const std::string& what) {
    if (status_.ok()) status_ = InvalidInput(std::string(source_) + ": " + path + " " + what);
    return false;
  }

  const Status& status() const { return status_; }

 private:
  bool Missing(const std::string& parent_path, std::string_view key) {
    return Fail(parent_path.empty() ? std::string("document") : parent_path,
                "has no '" + std::string(key) + "', expected one");
  }

  bool Expect(bool good, const std::string& path, const Json& value, const std::string& what) {
    return good || Fail(path, "is " + JsonExcerpt(value) + ", expected " + what);
  }

  std::string_view source_;
  Status status_;
};

std::set<std::string> Ids(const Json& items) {
  std::set<std::string> ids;
  for (const Json& item : items) ids.insert(item.at("id").get<std::string>());
  return ids;
}

bool CheckScenario(const Json& document, FieldChecker& check) {
  if (!document.contains("scenario"))
    return check.Fail("document", "has no 'scenario', expected one");
  const Json& scenario = document.at("scenario");
  if (!check.Object(scenario, "scenario") || !check.String(scenario, "scenario", "id") ||
      !check.String(scenario, "scenario", "title") ||
      !check.Array(scenario, "scenario", "actors", true) ||
      !check.Array(scenario, "scenario", "issues", true)) {
    return false;
  }
  const Json& actors = scenario.at("actors");
  for (size_t i = 0; i < actors.size(); ++i) {
    std::string path = Item("scenario.actors", i);
    if (!check.Object(actors[i], path) || !check.String(actors[i], path, "id") ||
        !check.String(actors[i], path, "name") || !check.Scale(actors[i], path, "capability")) {
      return false;
    }
  }
  const Json& issues = scenario.at("issues");
  for (size_t i = 0; i < issues.size(); ++i) {
    std::string path = Item("scenario.issues", i);
    if (!check.Object(issues[i], path) || !check.String(issues[i], path, "id") ||
        !check.String(issues[i], path, "name") ||
        !check.Scale(issues[i], path, "status_quo", false, true) ||
        !check.Array(issues[i], path, "anchors", false)) {
      return false;
    }
    for (size_t a = 0; issues[i].contains("anchors") && a < issues[i]["anchors"].size(); ++a) {
      std::string anchor_path = Item(Child(path, "anchors"), a);
      const Json& anchor = issues[i]["anchors"][a];
      if (!check.Object(anchor, anchor_path) || !check.Scale(anchor, anchor_path, "at") ||
          !check.String(anchor, anchor_path, "label")) {
        return false;
      }
    }
  }
  return true;
}

bool CheckCells(const Json& document, const std::set<std::string>& actors,
                const std::set<std::string>& issues, FieldChecker& check) {
  if (!document.contains("positions"))
    return check.Fail("document", "has no 'positions', expected one");
  const Json& positions = document.at("positions");
  if (!check.Object(positions, "positions") ||
      !check.Array(positions, "positions", "cells", true)) {
    return false;
  }
  const Json& cells = positions.at("cells");
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string path = Item("positions.cells", i);
    const Json& cell = cells[i];
    if (!check.Object(cell, path) || !check.Known(cell, path, "actor", actors, "actor") ||
        !check.Known(cell, path, "issue", issues, "issue") ||
        !check.Scale(cell, path, "position") || !check.Scale(cell, path, "low") ||
        !check.Scale(cell, path, "high") || !check.Scale(cell, path, "salience") ||
        !check.String(cell, path, "basis") || !check.Array(cell, path, "evidence", false)) {
      return false;
    }
    for (size_t e = 0; cell.contains("evidence") && e < cell["evidence"].size(); ++e) {
      std::string evidence_path = Item(Child(path, "evidence"), e);
      if (!check.Object(cell["evidence"][e], evidence_path) ||
          !check.String(cell["evidence"][e], evidence_path, "text")) {
        return false;
      }
    }
  }
  return true;
}

bool CheckForecasts(const Json& document, const std::set<std::string>& issues,
                    FieldChecker& check) {
  if (!check.Array(document, "", "forecasts", true)) return false;
  const Json& forecasts = document.at("forecasts");
  for (size_t i = 0; i < forecasts.size(); ++i) {
    std::string path = Item("forecasts", i);
    const Json& forecast = forecasts[i];
    if (!check.Object(forecast, path) || !check.Known(forecast, path, "issue", issues, "issue") ||
        !check.String(forecast, path, "model") || !check.Scale(forecast, path, "forecast") ||
        !check.Scale(forecast, path, "p10") || !check.Scale(forecast, path, "p90") ||
        !check.Array(forecast, path, "rounds", false)) {
      return false;
    }
    for (size_t r = 0; forecast.contains("rounds") && r < forecast["rounds"].size(); ++r) {
      const Json& round = forecast["rounds"][r];
      std::string round_path = Item(Child(path, "rounds"), r);
      if (!check.Object(round, round_path)) return false;
      for (const auto& [actor, position] : round.items()) {
        if (!check.Scale(round, round_path, actor)) return false;
      }
    }
  }
  return true;
}

// The optional lists: statements, shifts, stories, articles, no_forecast.
bool CheckRecords(const Json& document, const std::set<std::string>& actors,
                  const std::set<std::string>& issues, FieldChecker& check) {
  for (std::string_view list : {"statements", "shifts", "stories", "articles", "no_forecast"}) {
    if (!check.Array(document, "", list, false)) return false;
  }
  const Json empty = Json::array();
  const Json& statements = document.value("statements", empty);
  for (size_t i = 0; i < statements.size(); ++i) {
    std::string path = Item("statements", i);
    if (!check.Object(statements[i], path) ||
        !check.Known(statements[i], path, "actor", actors, "actor") ||
        !check.Known(statements[i], path, "issue", issues, "issue") ||
        !check.String(statements[i], path, "text") ||
        !check.String(statements[i], path, "date", false)) {
      return false;
    }
  }
  const Json& shifts = document.value("shifts", empty);
  for (size_t i = 0; i < shifts.size(); ++i) {
    std::string path = Item("shifts", i);
    if (!check.Object(shifts[i], path) || !check.Known(shifts[i], path, "actor", actors, "actor") ||
        !check.Known(shifts[i], path, "issue", issues, "issue") ||
        !check.String(shifts[i], path, "date") || !check.Scale(shifts[i], path, "from") ||
        !check.Scale(shifts[i], path, "to") || !check.Array(shifts[i], path, "docs", false)) {
      return false;
    }
  }
  const Json& stories = document.value("stories", empty);
  for (size_t i = 0; i < stories.size(); ++i) {
    std::string path = Item("stories", i);
    if (!check.Object(stories[i], path) || !check.String(stories[i], path, "title") ||
        !check.Array(stories[i], path, "outlets", false) ||
        !check.Array(stories[i], path, "docs", false)) {
      return false;
    }
  }
  const Json& articles = document.value("articles", empty);
  for (size_t i = 0; i < articles.size(); ++i) {
    std::string path = Item("articles", i);
    if (!check.Object(articles[i], path) || !check.String(articles[i], path, "doc")) return false;
  }
  const Json& withheld = document.value("no_forecast", empty);
  for (size_t i = 0; i < withheld.size(); ++i) {
    std::string path = Item("no_forecast", i);
    if (!check.Object(withheld[i], path) ||
        !check.Known(withheld[i], path, "issue", issues, "issue") ||
        !check.String(withheld[i], path, "missing")) {
      return false;
    }
  }
  return true;
}

// ---- The typed value and its JSON, field by field ----

// One JSON key of a record and the member that holds it, text or number: a record's reader and
// its writer share one list, so each field is named once.
template <typename Record>
struct Field {
  const char* key;
  std::string Record::*text = nullptr;
  double Record::*number = nullptr;
};

constexpr Field<ScenarioSummary::Actor> kActorFields[] = {
    {"id", &ScenarioSummary::Actor::id},
    {"name", &ScenarioSummary::Actor::name},
    {"capability", nullptr, &ScenarioSummary::Actor::capability}};
constexpr Field<ScenarioSummary::Anchor> kAnchorFields[] = {
    {"at", nullptr, &ScenarioSummary::Anchor::at}, {"label", &ScenarioSummary::Anchor::label}};
constexpr Field<ScenarioSummary::Issue> kIssueFields[] = {
    {"id", &ScenarioSummary::Issue::id},
    {"name", &ScenarioSummary::Issue::name},
    {"question", &ScenarioSummary::Issue::question}};
constexpr Field<ScenarioSummary> kScenarioFields[] = {{"id", &ScenarioSummary::id},
                                                      {"title", &ScenarioSummary::title},
                                                      {"description", &ScenarioSummary::description}};
constexpr Field<SnapshotStatement> kStatementFields[] = {
    {"id", &SnapshotStatement::id},
    {"doc", &SnapshotStatement::doc},
    {"title", &SnapshotStatement::title},
    {"outlet", &SnapshotStatement::outlet},
    {"date", &SnapshotStatement::date},
    {"url", &SnapshotStatement::url},
    {"actor", &SnapshotStatement::actor},
    {"issue", &SnapshotStatement::issue},
    {"speaker", &SnapshotStatement::speaker},
    {"kind", &SnapshotStatement::kind},
    {"position", nullptr, &SnapshotStatement::position},
    {"confidence", nullptr, &SnapshotStatement::confidence},
    {"text", &SnapshotStatement::text}};
constexpr Field<WithheldIssue> kWithheldFields[] = {{"issue", &WithheldIssue::issue},
                                                    {"missing", &WithheldIssue::missing}};
constexpr Field<SnapshotShift> kShiftFields[] = {{"actor", &SnapshotShift::actor},
                                                 {"issue", &SnapshotShift::issue},
                                                 {"date", &SnapshotShift::date},
                                                 {"from", nullptr, &SnapshotShift::from},
                                                 {"to", nullptr, &SnapshotShift::to}};
constexpr Field<SnapshotStory> kStoryFields[] = {{"id", &SnapshotStory::id},
                                                 {"title", &SnapshotStory::title},
                                                 {"first", &SnapshotStory::first},
                                                 {"last", &SnapshotStory::last}};
constexpr Field<SnapshotArticle> kArticleFields[] = {{"doc", &SnapshotArticle::doc},
                                                     {"title", &SnapshotArticle::title},
                                                     {"outlet", &SnapshotArticle::outlet},
                                                     {"date", &SnapshotArticle::date},
                                                     {"url", &SnapshotArticle::url}};

// Reads a document ValidateSnapshot() accepted: a field it does not check that has another
// type reads as empty.
template <typename Record, size_t N>
Record ReadFields(const Json& item, const Field<Record> (&fields)[N]) {
  Record record;
  for (const Field<Record>& field : fields) {
    if (field.text) {
      record.*field.text = JsonStringOr(item, field.key);
    } else {
      record.*field.number = JsonNumberOr(item, field.key);
    }
  }
  return record;
}

template <typename Record, size_t N>
Json WriteFields(const Record& record, const Field<Record> (&fields)[N]) {
  Json object = Json::object();
  for (const Field<Record>& field : fields) {
    if (field.text) {
      object[field.key] = record.*field.text;
    } else {
      object[field.key] = record.*field.number;
    }
  }
  return object;
}

// The list `key` of `object`, or an empty one.
const Json& List(const Json& object, std::string_view key) {
  static const Json* const empty = new Json(Json::array());
  auto found = object.find(key);
  return found != object.end() && found->is_array() ? *found : *empty;
}

// The records of the list `key`; `more` reads what the fields do not name (lists, optional
// values) from the item into the record.
template <typename Record, size_t N, typename More>
std::vector<Record> ReadList(const Json& object, std::string_view key,
                             const Field<Record> (&fields)[N], More more) {
  std::vector<Record> records;
  for (const Json& item : List(object, key)) {
    records.push_back(ReadFields(item, fields));
    more(item, records.back());
  }
  return records;
}

template <typename Record, size_t N>
std::vector<Record> ReadList(const Json& object, std::string_view key,
                             const Field<Record> (&fields)[N]) {
  return ReadList(object, key, fields, [](const Json&, Record&) {});
}

template <typename Record, size_t N>
Json WriteList(const std::vector<Record>& records, const Field<Record> (&fields)[N]) {
  Json list = Json::array();
  for (const Record& record : records) list.push_back(WriteFields(record, fields));
  return list;
}

std::vector<std::string> Strings(const Json& object, std::string_view key) {
  std::vector<std::string> strings;
  for (const Json& item : List(object, key)) {
    if (item.is_string()) strings.push_back(item.get<std::string>());
  }
  return strings;
}

std::optional<int64_t> Count(const Json& object, std::string_view key) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_number_integer()) return std::nullopt;
  return found->get<int64_t>();
}

ScenarioSummary ScenarioFrom(const Json& scenario) {
  ScenarioSummary summary = ReadFields(scenario, kScenarioFields);
  summary.actors = ReadList(scenario, "actors", kActorFields);
  summary.issues =
      ReadList(scenario, "issues", kIssueFields, [](const Json& item, ScenarioSummary::Issue& issue) {
        if (item.contains("status_quo") && item["status_quo"].is_number()) {
          issue.status_quo = item["status_quo"].get<double>();
        }
        issue.anchors = ReadList(item, "anchors", kAnchorFields);
      });
  return summary;
}

void ReadSpan(const Json& item, SnapshotStatement& statement) {
  const Json& span = List(item, "span");
  if (span.size() == 2 && span[0].is_number_integer() && span[1].is_number_integer()) {
    statement.span_begin = span[0].get<int64_t>();
    statement.span_end = span[1].get<int64_t>();
  }
}

void ReadShiftSource(const Json& item, SnapshotShift& shift) {
  shift.docs = Strings(item, "docs");
  if (item.contains("summary") && item["summary"].is_string()) shift.summary = item["summary"];
}

void ReadStoryMembers(const Json& item, SnapshotStory& story) {
  story.outlets = Strings(item, "outlets");
  story.docs = Strings(item, "docs");
  story.size = Count(item, "size");
}

Result<Snapshot> SnapshotFrom(const Json& document, std::string_view source) {
  Snapshot snapshot;
  auto positions = forecast::PositionsDocumentFromJson(document.at("positions"), source);
  if (!positions.ok()) return positions.status();
  snapshot.positions = std::move(*positions);
  snapshot.generated = JsonStringOr(document, "generated");
  snapshot.scenario = ScenarioFrom(document.at("scenario"));
  snapshot.statements = ReadList(document, "statements", kStatementFields, ReadSpan);
  for (const Json& item : List(document, "forecasts")) {
    snapshot.forecasts.push_back(forecast::ForecastSummaryFromJson(item));
  }
  snapshot.no_forecast = ReadList(document, "no_forecast", kWithheldFields);
  snapshot.shifts = ReadList(document, "shifts", kShiftFields, ReadShiftSource);
  snapshot.stories = ReadList(document, "stories", kStoryFields, ReadStoryMembers);
  snapshot.articles = ReadList(document, "articles", kArticleFields);
  snapshot.statements_total = Count(document, "statements_total");
  snapshot.articles_total = Count(document, "articles_total");
  return snapshot;
}

}  // namespace

// ---- The JSON edge ----

Json ScenarioJson(const ScenarioSummary& scenario) {
  Json summary = WriteFields(scenario, kScenarioFields);
  summary["actors"] = WriteList(scenario.actors, kActorFields);
  Json issues = Json::array();
  for (const ScenarioSummary::Issue& issue : scenario.issues) {
    Json entry = WriteFields(issue, kIssueFields);
    entry["status_quo"] = issue.status_quo ? Json(*issue.status_quo) : Json(nullptr);
    entry["anchors"] = WriteList(issue.anchors, kAnchorFields);
    issues.push_back(std::move(entry));
  }
  summary["issues"] = std::move(issues);
  return summary;
}

Json StatementsJson(const std::vector<SnapshotStatement>& statements) {
  Json list = Json::array();
  for (const SnapshotStatement& statement : statements) {
    Json entry = WriteFields(statement, kStatementFields);
    entry["span"] = {statement.span_begin, statement.span_end};
    list.push_back(std::move(entry));
  }
  return list;
}

Json StoriesJson(const std::vector<SnapshotStory>& stories) {
  Json list = Json::array();
  for (const SnapshotStory& story : stories) {
    Json entry = WriteFields(story, kStoryFields);
    entry["outlets"] = story.outlets;
    entry["docs"] = story.docs;
    if (story.size) entry["size"] = *story.size;
    list.push_back(std::move(entry));
  }
  return list;
}

Json SnapshotJson(const Snapshot& snapshot) {
  Json shifts = Json::array();
  for (const SnapshotShift& shift : snapshot.shifts) {
    Json entry = WriteFields(shift, kShiftFields);
    if (!shift.docs.empty()) entry["docs"] = shift.docs;
    if (shift.summary) entry["summary"] = *shift.summary;
    shifts.push_back(std::move(entry));
  }
  Json document = {{"format", kSnapshotFormat},
                   {"generated", snapshot.generated},
                   {"scenario", ScenarioJson(snapshot.scenario)},
                   {"positions", PositionsDocumentJson(snapshot.positions)},
                   {"statements", StatementsJson(snapshot.statements)},
                   {"forecasts", forecast::ForecastsJson(snapshot.forecasts)},
                   {"shifts", std::move(shifts)},
                   {"stories", StoriesJson(snapshot.stories)},
                   {"articles", WriteList(snapshot.articles, kArticleFields)},
                   {"no_forecast", WriteList(snapshot.no_forecast, kWithheldFields)}};
  if (snapshot.statements_total) document["statements_total"] = *snapshot.statements_total;
  if (snapshot.articles_total) document["articles_total"] = *snapshot.articles_total;
  return document;
}

Status ValidateSnapshot(const nlohmann::json& document, std::string_view source) {
  FieldChecker check(source);
  if (!check.Object(document, "document")) return check.status();
  if (document.value("format", "") != kSnapshotFormat) {
    return InvalidInput(std::string(source) + ": format is " +
                        JsonExcerpt(document.value("format", Json())) + ", expected \"" +
                        std::string(kSnapshotFormat) + "\"");
  }
  if (!CheckScenario(document, check)) return check.status();
  std::set<std::string> actors = Ids(document["scenario"]["actors"]);
  std::set<std::string> issues = Ids(document["scenario"]["issues"]);
  if (!CheckCells(document, actors, issues, check) || !CheckForecasts(document, issues, check) ||
      !CheckRecords(document, actors, issues, check)) {
    return check.status();
  }
  return Status::Ok();
}

Result<Snapshot> ParseSnapshot(std::string_view text, std::string_view source) {
  Json document = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    const JsonSyntaxError error = FindJsonSyntaxError(text).value_or(JsonSyntaxError());
    return InvalidInput(std::string(source) + ":" + std::to_string(error.line) + ":" +
                        std::to_string(error.column) +
                        ": JSON syntax error, expected a parley snapshot document");
  }
  PARLEY_RETURN_IF_ERROR(ValidateSnapshot(document, source));
  return SnapshotFrom(document, source);
}

Result<Snapshot> LoadSnapshot(const std::string& path, uint64_t max_bytes) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return NotFound(path + ": cannot open the snapshot file");
  file.seekg(0, std::ios::end);
  auto size = static_cast<uint64_t>(file.tellg());
  if (size > max_bytes) {
    return InvalidInput(path + ": " + std::to_string(size) + " bytes, expected at most " +
                        std::to_string(max_bytes) + " (--max-bytes)");
  }
  file.seekg(0);
  std::string text(size, '\0');
  if (!file.read(text.data(), static_cast<std::streamsize>(size))) {
    return IoError(path + ": cannot read the snapshot file");
  }
  return ParseSnapshot(text, path);
}

}  // namespace parley::report
