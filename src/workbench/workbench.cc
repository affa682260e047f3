#include "parley/workbench.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <set>
#include <sstream>
#include <unordered_set>

#include "parley/parallel.h"

namespace parley::workbench {
namespace {

using nlohmann::json;

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream stream(text);
  for (std::string word; stream >> word;) words.push_back(word);
  return words;
}

ArticleRecord ToRecord(const AnalyzedArticle& analyzed) {
  const Article& a = analyzed.article;
  return {a.id,     a.path, a.url,  a.title,  a.author,  a.date,
          a.outlet, a.lang, a.text, a.dup_of, a.locator, JoinWords(analyzed.document.actors)};
}

StatementRecord ToRecord(const Statement& s, const std::string& scenario) {
  StatementRecord r;
  r.doc_id = s.doc_id;
  r.scenario = scenario;
  r.actor = s.actor;
  r.issue = s.issue;
  r.position = s.position;
  r.kind = std::string(StanceKindName(s.kind));
  r.speaker = s.speaker;
  r.evidence = s.evidence;
  r.span_begin = s.span.begin;
  r.span_end = s.span.end;
  r.confidence = s.confidence;
  r.condition = s.condition;
  r.negated = s.negated;
  r.date = s.date;
  r.outlet = s.outlet;
  r.reported = s.reported;
  r.joint = s.joint;
  return r;
}

StanceKind ParseKind(const std::string& name) {
  for (StanceKind kind : {StanceKind::kDemand, StanceKind::kOffer, StanceKind::kPropose,
                          StanceKind::kAccept, StanceKind::kSupport, StanceKind::kReject,
                          StanceKind::kOppose, StanceKind::kConcede, StanceKind::kCondition}) {
    if (StanceKindName(kind) == name) return kind;
  }
  return StanceKind::kSupport;
}

Statement StatementFromRecord(const StatementRecord& r, const std::string& locator) {
  Statement s;
  s.doc = locator;
  s.doc_id = r.doc_id;
  s.date = r.date;
  s.outlet = r.outlet;
  s.actor = r.actor;
  s.issue = r.issue;
  s.position = r.position;
  s.kind = ParseKind(r.kind);
  s.speaker = r.speaker;
  s.evidence = r.evidence;
  s.span = {r.span_begin, r.span_end};
  s.confidence = r.confidence;
  s.condition = r.condition;
  s.negated = r.negated;
  s.reported = r.reported;
  s.joint = r.joint;
  return s;
}

// Everything the snapshot is built from, recomputed from the store.
struct StoredState {
  std::vector<ArticleRecord> articles;
  std::map<std::string, size_t> article_by_id;
  std::map<std::string, size_t> article_by_locator;
  std::vector<StoryDocument> documents;
  std::vector<Statement> statements;
  std::vector<Story> stories;
  PositionMatrix matrix;
  json positions;
};

// The stored articles and statements, clustered into stories with their corroboration marked:
// what AnalyzeCorpus() gives for files, so positions from the store and from files agree.
Result<StoredState> LoadStatements(const Scenario& scenario, Store& store) {
  StoredState state;
  auto articles = store.Articles();
  if (!articles.ok()) return articles.status();
  state.articles = std::move(*articles);
  for (size_t i = 0; i < state.articles.size(); ++i) {
    const ArticleRecord& a = state.articles[i];
    state.article_by_id[a.id] = i;
    state.article_by_locator[a.locator] = i;
    StoryDocument document;
    document.doc = a.locator;
    document.id = a.id;
    document.title = a.title;
    document.outlet = a.outlet;
    document.date = a.date.substr(0, std::min<size_t>(10, a.date.size()));
    document.text = a.title + "\n" + a.text;
    document.actors = SplitWords(a.actors);
    document.dup_of = a.dup_of;
    state.documents.push_back(std::move(document));
  }
  auto records = store.Statements(scenario.id);
  if (!records.ok()) return records.status();
  for (const StatementRecord& record : *records) {
    auto article = state.article_by_id.find(record.doc_id);
    if (article == state.article_by_id.end()) continue;
    state.statements.push_back(
        StatementFromRecord(record, state.articles[article->second].locator));
  }
  state.stories = ClusterStories(state.documents);
  MarkCorroboration(state.documents, state.stories, state.statements);
  return state;
}

Result<StoredState> LoadState(const Scenario& scenario, Store& store,
                              const AnalyzeOptions& options) {
  auto state = LoadStatements(scenario, store);
  if (!state.ok()) return state.status();
  PositionOptions position_options;
  position_options.as_of = options.as_of;
  state->matrix = BuildPositions(scenario, state->statements, position_options);
  state->positions = PositionsJson(scenario, state->matrix);
  return state;
}

double Round1(double value) { return std::round(value * 10) / 10; }

std::string NowIso() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return text;
}

json ScenarioJson(const Scenario& scenario) {
  json actors = json::array(), issues = json::array();
  for (const ScenarioActor& actor : scenario.actors) {
    actors.push_back({{"id", actor.id}, {"name", actor.name}, {"capability", actor.capability}});
  }
  for (const Issue& issue : scenario.issues) {
    json anchors = json::array();
    for (const ScaleAnchor& anchor : issue.anchors) {
      anchors.push_back({{"at", anchor.value}, {"label", anchor.label}});
    }
    issues.push_back({{"id", issue.id},
                      {"name", issue.name},
                      {"question", issue.question},
                      {"status_quo", issue.status_quo ? json(*issue.status_quo) : json(nullptr)},
                      {"anchors", anchors}});
  }
  return {{"id", scenario.id},
          {"title", scenario.title.empty() ? scenario.id : scenario.title},
          {"description", scenario.description},
          {"actors", actors},
          {"issues", issues}};
}

Result<report::Snapshot> MakeSnapshot(const Scenario& scenario, const StoredState& state,
                                      json forecasts) {
  auto article_of = [&](const std::string& id) -> const ArticleRecord* {
    auto found = state.article_by_id.find(id);
    return found == state.article_by_id.end() ? nullptr : &state.articles[found->second];
  };
  json positions = state.positions;
  // Evidence in the positions document names articles by locator; the report links by id.
  for (json& cell : positions["cells"]) {
    for (json& evidence : cell["evidence"]) {
      auto found = state.article_by_locator.find(evidence.value("doc", ""));
      if (found == state.article_by_locator.end()) continue;
      const ArticleRecord& a = state.articles[found->second];
      evidence["doc"] = a.id;
      evidence["url"] = a.url;
      evidence["title"] = a.title;
    }
  }
  json statements = json::array();
  for (size_t i = 0; i < state.statements.size(); ++i) {
    const Statement& s = state.statements[i];
    const ArticleRecord* a = article_of(s.doc_id);
    statements.push_back({{"id", "s" + std::to_string(i + 1)},
                          {"doc", s.doc_id},
                          {"title", a ? a->title : ""},
                          {"outlet", s.outlet},
                          {"date", s.date},
                          {"url", a ? a->url : ""},
                          {"actor", s.actor},
                          {"issue", s.issue},
                          {"speaker", s.speaker},
                          {"kind", StanceKindName(s.kind)},
                          {"position", Round1(s.position)},
                          {"confidence", Round1(s.confidence * 100) / 100},
                          {"text", s.evidence},
                          {"span", {s.span.begin, s.span.end}}});
  }
  json shifts = json::array();
  for (const PositionShift& shift : state.matrix.timeline) {
    json entry = {{"actor", shift.actor},
                  {"issue", shift.issue},
                  {"date", shift.to_date},
                  {"from", Round1(shift.from)},
                  {"to", Round1(shift.to)}};
    if (shift.statement != nullptr) {
      entry["docs"] = {shift.statement->doc_id};
      entry["summary"] = shift.statement->evidence;
    }
    shifts.push_back(std::move(entry));
  }
  json stories = json::array();
  for (size_t i = 0; i < state.stories.size(); ++i) {
    const Story& story = state.stories[i];
    std::set<std::string> outlets;
    json docs = json::array();
    for (int member : story.members) {
      const StoryDocument& document = state.documents[member];
      if (!document.outlet.empty()) outlets.insert(document.outlet);
      docs.push_back(document.id);
    }
    stories.push_back({{"id", "c" + std::to_string(i + 1)},
                       {"title", story.title},
                       {"first", story.first_date},
                       {"last", story.last_date},
                       {"outlets", outlets},
                       {"docs", docs}});
  }
  json articles = json::array();
  for (const ArticleRecord& a : state.articles) {
    articles.push_back({{"doc", a.id},
                        {"title", a.title},
                        {"outlet", a.outlet},
                        {"date", a.date},
                        {"url", a.url}});
  }
  auto no_forecast = NoForecastIssues(state.positions);
  if (!no_forecast.ok()) return InternalError("forecast failed: " + no_forecast.status().message());
  // A store written before the evidence rule may still hold forecasts of withheld issues.
  std::set<std::string> withheld;
  for (const json& entry : *no_forecast) withheld.insert(entry["issue"].get<std::string>());
  json shown = json::array();
  for (json& forecast : forecasts) {
    if (!withheld.count(forecast["issue"].get<std::string>())) shown.push_back(std::move(forecast));
  }
  forecasts = std::move(shown);
  json document = {{"format", report::kSnapshotFormat},   {"generated", NowIso()},
                   {"scenario", ScenarioJson(scenario)},  {"positions", std::move(positions)},
                   {"statements", std::move(statements)}, {"forecasts", std::move(forecasts)},
                   {"shifts", std::move(shifts)},         {"stories", std::move(stories)},
                   {"articles", std::move(articles)}, {"no_forecast", std::move(*no_forecast)}};
  Status valid = report::ValidateSnapshot(document, "snapshot of " + scenario.id);
  if (!valid.ok()) return InternalError(valid.message());
  return report::Snapshot{std::move(document)};
}

forecast::ForecastOptions ForecastOptionsFrom(const AnalyzeOptions& options) {
  forecast::ForecastOptions forecast_options;
  forecast_options.samples = options.samples;
  forecast_options.seed = options.seed;
  forecast_options.calibration = options.calibration;
  return forecast_options;
}

}  // namespace

Result<std::vector<ArticleRecord>> StaleDocuments(const StancePipeline& pipeline, Store& store,
                                                  bool everything) {
  auto stored = store.Articles();
  if (!stored.ok()) return stored.status();
  auto stamps = store.ExtractionStamps(pipeline.scenario().id);
  if (!stamps.ok()) return stamps.status();
  const std::string current = pipeline.ExtractionStamp();
  std::vector<ArticleRecord> stale;
  for (ArticleRecord& article : *stored) {
    auto stamp = stamps->find(article.id);
    if (everything || stamp == stamps->end() || stamp->second != current) {
      stale.push_back(std::move(article));
    }
  }
  return stale;
}

namespace {

// The stored article as the extract and stances stages take it; the text is the stored one, so
// no file is read again.
AnalyzedArticle AnalyzeStored(const ArticleRecord& record, const StancePipeline& pipeline) {
  Article article;
  article.path = record.path;
  article.locator = record.locator;
  article.id = record.id;
  article.url = record.url;
  article.title = record.title;
  article.author = record.author;
  article.date = record.date;
  article.outlet = record.outlet;
  article.lang = record.lang;
  article.text = record.text;
  article.dup_of = record.dup_of;
  Document source;
  source.path = record.path;
  source.url = record.url;
  return AnalyzeArticle(std::move(article), source, pipeline.extractor(), pipeline.stances());
}

// Writes batches of one scenario and stamp, and adds up what the store did with them.
class BatchWriter {
 public:
  BatchWriter(Store& store, const StancePipeline& pipeline, int batch_size, IngestSummary& summary)
      : store_(store), batch_size_(batch_size), summary_(summary) {
    scenario_ = pipeline.scenario().id;
    stamp_ = pipeline.ExtractionStamp();
    Reset();
  }

  void AddNew(const AnalyzedArticle& analyzed) {
    batch_.articles.push_back(ToRecord(analyzed));
    AddStatements(analyzed);
  }

  void AddReextracted(const AnalyzedArticle& analyzed) {
    batch_.reextracted.push_back(ToRecord(analyzed));
    AddStatements(analyzed);
  }

  void Flush() {
    if (!failure_.ok() || (batch_.articles.empty() && batch_.reextracted.empty())) return;
    auto written = store_.WriteBatch(batch_);
    if (!written.ok()) {
      failure_ = written.status();
      return;
    }
    summary_.articles_added += written->articles_added;
    summary_.statements_added += written->statements_added;
    summary_.reextracted += written->reextracted;
    summary_.already_stored += static_cast<int>(written->already_stored.size());
    Reset();
  }

  const Status& failure() const { return failure_; }

 private:
  void AddStatements(const AnalyzedArticle& analyzed) {
    for (const Statement& statement : analyzed.statements) {
      batch_.statements.push_back(ToRecord(statement, scenario_));
    }
    if (static_cast<int>(batch_.articles.size() + batch_.reextracted.size()) >= batch_size_) {
      Flush();
    }
  }

  void Reset() {
    batch_ = Batch();
    batch_.scenario = scenario_;
    batch_.stamp = stamp_;
  }

  Store& store_;
  int batch_size_;
  IngestSummary& summary_;
  std::string scenario_;
  std::string stamp_;
  Batch batch_;
  Status failure_;
};

}  // namespace

Result<IngestSummary> Ingest(const StancePipeline& pipeline, Store& store,
                             const std::vector<std::string>& paths, const AnalyzeOptions& options,
                             const InputErrorSink& on_error,
                             const std::function<void()>& on_document) {
  IngestSummary summary;
  BatchWriter writer(store, pipeline, options.batch_size, summary);
  auto stale = StaleDocuments(pipeline, store, options.reextract);
  if (!stale.ok()) return stale.status();
  OrderedPipeline<const ArticleRecord*, AnalyzedArticle> again(
      options.threads,
      [&](const ArticleRecord*& record) { return AnalyzeStored(*record, pipeline); },
      [&](AnalyzedArticle& analyzed) {
        if (on_document) on_document();
        writer.AddReextracted(analyzed);
      });
  for (const ArticleRecord& record : *stale) again.Push(&record);
  again.Finish();

  auto stored = store.Articles();
  if (!stored.ok()) return stored.status();
  // Near-copies are judged against everything stored before, in input order.
  NearDuplicateIndex near_copies;
  std::unordered_set<std::string> stored_ids;
  for (const ArticleRecord& a : *stored) {
    stored_ids.insert(a.id);
    near_copies.FindOrAdd(a.id, a.title + "\n" + a.text);
  }
  struct Work {
    bool skipped = false;  // already stored: not analysed again
    std::optional<AnalyzedArticle> analyzed;
  };
  OrderedPipeline<Document, Work> work(
      options.threads,
      [&](Document& document) {
        Work result;
        Article article = ExtractArticle(document);
        if (stored_ids.count(article.id)) {
          result.skipped = true;
        } else if (!article.text.empty()) {
          result.analyzed = AnalyzeArticle(std::move(article), document, pipeline.extractor(),
                                           pipeline.stances());
        }
        return result;
      },
      [&](Work& result) {
        ++summary.documents;
        if (on_document) on_document();
        if (result.skipped) {
          ++summary.already_stored;
          return;
        }
        if (!result.analyzed) {
          ++summary.without_text;
          return;
        }
        AnalyzedArticle& analyzed = *result.analyzed;
        analyzed.article.dup_of =
            near_copies.FindOrAdd(analyzed.article.id, analyzed.document.text);
        writer.AddNew(analyzed);
      });
  for (const std::string& file : ExpandInputPaths(paths, on_error)) {
    ReadInputFile(
        file, options.input, [&](Document&& document) { work.Push(std::move(document)); },
        on_error);
  }
  work.Finish();
  writer.Flush();
  if (!writer.failure().ok()) return writer.failure();
  return summary;
}

Result<std::vector<Statement>> StoredStatements(const Scenario& scenario, Store& store) {
  auto state = LoadStatements(scenario, store);
  if (!state.ok()) return state.status();
  return std::move(state->statements);
}

namespace {

// The positions document reduced to the issues someone has spoken on (an issue nobody has spoken
// on has nothing to forecast); nullopt when none is left.
Result<std::optional<forecast::Problem>> SpokenProblem(const json& positions) {
  json spoken = positions;
  if (spoken.contains("issues") && spoken["issues"].is_array() && spoken.contains("cells")) {
    std::set<std::string> with_cells;
    for (const json& cell : spoken["cells"]) with_cells.insert(cell.value("issue", ""));
    json issues = json::array();
    for (const json& issue : spoken["issues"]) {
      if (with_cells.count(issue.value("id", ""))) issues.push_back(issue);
    }
    spoken["issues"] = std::move(issues);
  }
  if (spoken.contains("issues") && spoken["issues"].empty()) {
    return std::optional<forecast::Problem>();
  }
  auto problem = forecast::ParsePositionsJson(spoken.dump(), "positions");
  if (!problem.ok()) return problem.status();
  return std::optional<forecast::Problem>(std::move(*problem));
}

// The inputs that move the headline forecast most, at most this many.
constexpr size_t kSensitivitiesShown = 3;

}  // namespace

nlohmann::json ForecastEntry(const forecast::Problem& problem, int issue_index,
                             const forecast::IssueForecast& result, bool headline) {
  json entry = {{"issue", result.issue},
                {"model", forecast::ModelName(result.model)},
                {"forecast", Round1(result.forecast)},
                {"p10", Round1(result.p10)},
                {"p90", Round1(result.p90)},
                {"rounds", ForecastRounds(problem, problem.issues[issue_index], result)}};
  if (headline) entry["headline"] = true;
  if (!result.evidence.priors.empty()) {
    json priors = json::array();
    for (int actor : result.evidence.priors) priors.push_back(problem.actors[actor].id);
    entry["leans_on_priors"] = std::move(priors);
  }
  if (!result.sensitivities.empty()) {
    json sensitivity = json::array();
    for (size_t i = 0; i < std::min(kSensitivitiesShown, result.sensitivities.size()); ++i) {
      const forecast::Sensitivity& item = result.sensitivities[i];
      sensitivity.push_back({{"actor", problem.actors[item.actor].id},
                             {"input", item.input},
                             {"swing", Round1(item.swing)}});
    }
    entry["sensitivity"] = std::move(sensitivity);
  }
  return entry;
}

Result<nlohmann::json> ForecastPositions(const nlohmann::json& positions,
                                         const forecast::ForecastOptions& options) {
  json forecasts = json::array();
  auto problem = SpokenProblem(positions);
  if (!problem.ok()) return problem.status();
  if (!*problem) return forecasts;
  forecast::Model headline = options.calibration.headline;
  for (forecast::Model model : forecast::AllModels()) {
    forecast::ForecastOptions model_options = options;
    model_options.sensitivity = model == headline;
    auto results = forecast::Forecast(**problem, model, model_options);
    if (!results.ok()) return results.status();
    for (size_t i = 0; i < results->size(); ++i) {
      const forecast::IssueForecast& result = (*results)[i];
      if (!result.evidence.enough) continue;
      forecasts.push_back(ForecastEntry(**problem, static_cast<int>(i), result, model == headline));
    }
  }
  return forecasts;
}

Result<nlohmann::json> NoForecastIssues(const nlohmann::json& positions) {
  json withheld = json::array();
  auto problem = SpokenProblem(positions);
  if (!problem.ok()) return problem.status();
  if (!*problem) return withheld;
  for (size_t i = 0; i < (*problem)->issues.size(); ++i) {
    auto check = forecast::CheckEvidence(**problem, static_cast<int>(i));
    if (!check.ok()) return check.status();
    if (!check->enough) {
      withheld.push_back({{"issue", (*problem)->issues[i].id}, {"missing", check->missing}});
    }
  }
  return withheld;
}

std::string KtabCsv(const nlohmann::json& positions) {
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
  // value() copies: keep pointers into the document itself.
  static const json kNone = json::array();
  const json& all_cells = positions.contains("cells") ? positions["cells"] : kNone;
  const json& all_issues = positions.contains("issues") ? positions["issues"] : kNone;
  std::map<std::pair<std::string, std::string>, const json*> cells;
  for (const json& cell : all_cells) {
    cells[{cell.value("actor", ""), cell.value("issue", "")}] = &cell;
  }
  std::vector<const json*> issues;
  for (const json& issue : all_issues) {
    bool spoken = std::any_of(cells.begin(), cells.end(), [&](const auto& entry) {
      return entry.first.second == issue.value("id", "");
    });
    if (spoken) issues.push_back(&issue);
  }
  const json actors = positions.value("actors", json::array());
  std::string scenario = field(positions.value("scenario", "parley"));
  std::string csv = scenario + ",exported by parley," + std::to_string(actors.size()) + "," +
                    std::to_string(issues.size()) + "\n";
  csv += "Actor,Description,Influence";
  for (const json* issue : issues) {
    std::string name = field(issue->value("name", issue->value("id", "")));
    csv += "," + name + " Position," + name + " Salience";
  }
  csv += "\n";
  for (const json& actor : actors) {
    std::string id = actor.value("id", "");
    std::vector<std::pair<double, double>> stances;  // position, salience per issue
    double salience_sum = 0;
    for (const json* issue : issues) {
      auto cell = cells.find({id, issue->value("id", "")});
      if (cell == cells.end()) {
        const json& status_quo = (*issue)["status_quo"];
        stances.push_back({status_quo.is_number() ? status_quo.get<double>() : 50.0, 0.0});
      } else {
        stances.push_back(
            {(*cell->second).value("position", 0.0), (*cell->second).value("salience", 0.0)});
      }
      salience_sum += stances.back().second;
    }
    // KTAB reads an actor's saliences as shares of its attention: they may sum to 100 at most.
    double scale = salience_sum > 100 ? 100 / salience_sum : 1;
    csv += field(id) + "," + field(actor.value("name", id)) + "," +
           number(actor.value("capability", 0.0));
    for (const auto& [position, salience] : stances) {
      // Rounded down, so that the written saliences still sum to 100 at most.
      csv += "," + number(position) + "," + number(std::floor(salience * scale * 10) / 10);
    }
    csv += "\n";
  }
  return csv;
}

nlohmann::json ForecastRounds(const forecast::Problem& problem, const forecast::Issue& issue,
                              const forecast::IssueForecast& result) {
  json rounds = json::array();
  if (result.rounds == 0 || result.moves.empty()) return rounds;
  std::map<std::string, double> positions;
  for (const forecast::Stance& stance : issue.stances) {
    positions[problem.actors[stance.actor].id] = stance.position;
  }
  rounds.push_back(positions);
  size_t next_move = 0;
  for (int round = 1; round <= result.rounds; ++round) {
    for (; next_move < result.moves.size() && result.moves[next_move].round == round; ++next_move) {
      const forecast::Move& move = result.moves[next_move];
      positions[problem.actors[move.actor].id] = move.to;
    }
    rounds.push_back(positions);
  }
  return rounds;
}

Result<report::Snapshot> Refresh(const Scenario& scenario, Store& store,
                                 const AnalyzeOptions& options) {
  auto state = LoadState(scenario, store, options);
  if (!state.ok()) return state.status();
  auto forecasts = ForecastPositions(state->positions, ForecastOptionsFrom(options));
  if (!forecasts.ok()) return InternalError("forecast failed: " + forecasts.status().message());
  std::vector<ForecastRecord> records;
  for (const json& f : *forecasts) {
    // What the store has no column for travels in the detail: rounds, headline, priors, sensitivity.
    json detail = f;
    for (const char* column : {"issue", "model", "forecast", "p10", "p90"}) detail.erase(column);
    records.push_back({scenario.id, f["issue"], f["model"], f["forecast"], f["p10"], f["p90"],
                       detail.dump()});
  }
  PARLEY_RETURN_IF_ERROR(store.ReplaceForecasts(scenario.id, records));
  return MakeSnapshot(scenario, *state, std::move(*forecasts));
}

Result<report::Snapshot> LoadSnapshot(const Scenario& scenario, Store& store,
                                      const AnalyzeOptions& options) {
  auto state = LoadState(scenario, store, options);
  if (!state.ok()) return state.status();
  auto records = store.Forecasts(scenario.id);
  if (!records.ok()) return records.status();
  json forecasts = json::array();
  for (const ForecastRecord& r : *records) {
    json entry = {{"issue", r.issue},
                  {"model", r.model},
                  {"forecast", r.forecast},
                  {"p10", r.p10},
                  {"p90", r.p90},
                  {"rounds", json::array()}};
    json detail = json::parse(r.detail_json, nullptr, false);
    if (detail.is_object()) entry.update(detail);
    forecasts.push_back(std::move(entry));
  }
  return MakeSnapshot(scenario, *state, std::move(forecasts));
}

}  // namespace parley::workbench
