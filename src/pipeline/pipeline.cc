#include "parley/pipeline.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_set>

#include "parley/parallel.h"
#include "parley/text_util.h"

namespace parley::pipeline {
namespace {

using nlohmann::json;

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
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

// The stored articles without their text, in the stories of the store's story index, in the
// form ClusterStories() gives them (for StoredStatements(), which reads every statement).
struct StoredCorpus {
  std::vector<ArticleRecord> articles;
  std::unordered_map<std::string, size_t> article_by_id;
  std::vector<StoryDocument> documents;
  std::vector<Story> stories;
};

Result<StoredCorpus> LoadArticles(Store& store) {
  StoredCorpus corpus;
  auto articles = store.ArticleSummaries();
  if (!articles.ok()) return articles.status();
  corpus.articles = std::move(*articles);
  std::vector<int64_t> roots;
  for (size_t i = 0; i < corpus.articles.size(); ++i) {
    const ArticleRecord& a = corpus.articles[i];
    corpus.article_by_id[a.id] = i;
    StoryDocument document;
    document.doc = a.locator;
    document.id = a.id;
    document.title = a.title;
    document.outlet = a.outlet;
    document.date = a.date.substr(0, std::min<size_t>(10, a.date.size()));
    document.dup_of = a.dup_of;
    corpus.documents.push_back(std::move(document));
    // An article the index does not hold yet (0) is a story of its own.
    roots.push_back(a.story != 0 ? a.story : -static_cast<int64_t>(i) - 1);
  }
  corpus.stories = GroupStories(corpus.documents, roots);
  return corpus;
}

// A story that holds an article the snapshot cites.
struct CitedStory {
  int64_t id = 0;  // the story index's story; for an article not indexed yet, minus its number
  std::string title;
  std::string first_date;
  std::string last_date;
  int64_t size = 0;
  std::pair<std::string, int64_t> first;    // the date and number of its first article
  std::vector<const ArticleRecord*> cited;  // in story order
};

// Everything the snapshot is built from, read from the store: the matrix built cell by cell and
// the articles and stories its statements cite, not the corpus.
struct StoredState {
  StoredPositions built;        // the matrix and the statements it points to
  PositionsDocument positions;  // evidence by locator
  std::unordered_map<std::string, ArticleRecord> cited;  // by id
  std::unordered_map<std::string, std::string> id_of_locator;
  std::vector<CitedStory> stories;  // in order of first article
  int64_t articles_total = 0;
};

bool Earlier(const ArticleRecord& a, const ArticleRecord& b) {
  return std::tie(a.date, a.number) < std::tie(b.date, b.number);
}

// The stories of the cited articles, each read from the story index, as GroupStories() gives
// them: the title of the first article (by date, then insertion), stories by first article.
Result<std::vector<CitedStory>> CitedStories(Store& store, const StoredState& state) {
  std::map<int64_t, CitedStory> by_id;
  for (const auto& [id, article] : state.cited) {
    const int64_t story = article.story != 0 ? article.story : -article.number;
    auto [it, added] = by_id.emplace(story, CitedStory());
    if (!added) continue;
    CitedStory& cited = it->second;
    cited.id = story;
    std::vector<ArticleRecord> members = {article};
    if (story > 0) {
      auto stored = store.StoryArticles(story);
      if (!stored.ok()) return stored.status();
      members = std::move(*stored);
    }
    cited.title = members.front().title;
    cited.first = {members.front().date, members.front().number};
    cited.size = static_cast<int64_t>(members.size());
    for (const ArticleRecord& member : members) {
      const std::string date = member.date.substr(0, std::min<size_t>(10, member.date.size()));
      if (!date.empty() && (cited.first_date.empty() || date < cited.first_date)) {
        cited.first_date = date;
      }
      if (date > cited.last_date) cited.last_date = date;
      auto found = state.cited.find(member.id);
      if (found != state.cited.end()) cited.cited.push_back(&found->second);
    }
  }
  std::vector<CitedStory> stories;
  for (auto& [id, story] : by_id) stories.push_back(std::move(story));
  std::sort(stories.begin(), stories.end(),
            [](const CitedStory& a, const CitedStory& b) { return a.first < b.first; });
  return stories;
}

Result<StoredState> LoadState(const Scenario& scenario, Store& store, const std::string& as_of) {
  StoredState state;
  PositionOptions position_options;
  position_options.as_of = as_of;
  auto built = BuildStoredPositions(scenario, store, position_options);
  if (!built.ok()) return built.status();
  state.built = std::move(*built);
  state.positions = MakePositionsDocument(scenario, state.built.matrix);
  std::vector<std::string> ids;
  for (const Statement& statement : *state.built.kept) {
    if (state.id_of_locator.emplace(statement.doc, statement.doc_id).second) {
      ids.push_back(statement.doc_id);
    }
  }
  auto articles = store.ArticleSummariesById(ids);
  if (!articles.ok()) return articles.status();
  for (ArticleRecord& a : *articles) state.cited[a.id] = std::move(a);
  auto stories = CitedStories(store, state);
  if (!stories.ok()) return stories.status();
  state.stories = std::move(*stories);
  // Every article is stale when everything is re-extracted: their count.
  auto total = store.StaleArticleCount(scenario.id, "", true);
  if (!total.ok()) return total.status();
  state.articles_total = *total;
  return state;
}

// The positions as the snapshot shows them: evidence names articles by id, with their url and
// title, where the positions document names them by locator.
PositionsDocument SnapshotPositions(const StoredState& state) {
  PositionsDocument positions = state.positions;
  for (PositionsDocument::Cell& cell : positions.cells) {
    for (PositionsDocument::Evidence& evidence : cell.evidence) {
      auto id = state.id_of_locator.find(evidence.doc);
      if (id == state.id_of_locator.end()) continue;
      auto found = state.cited.find(id->second);
      if (found == state.cited.end()) continue;
      const ArticleRecord& a = found->second;
      evidence.doc = a.id;
      evidence.url = a.url;
      evidence.title = a.title;
    }
  }
  return positions;
}

double Round1(double value) { return std::round(value * 10) / 10; }

std::string NowIso() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return text;
}

report::ScenarioSummary ScenarioSummaryOf(const Scenario& scenario) {
  report::ScenarioSummary summary;
  summary.id = scenario.id;
  summary.title = scenario.title.empty() ? scenario.id : scenario.title;
  summary.description = scenario.description;
  for (const ScenarioActor& actor : scenario.actors) {
    summary.actors.push_back({actor.id, actor.name, actor.capability});
  }
  for (const Issue& issue : scenario.issues) {
    report::ScenarioSummary::Issue& shown = summary.issues.emplace_back();
    shown.id = issue.id;
    shown.name = issue.name;
    shown.question = issue.question;
    shown.status_quo = issue.status_quo;
    for (const ScaleAnchor& anchor : issue.anchors) shown.anchors.push_back({anchor.value, anchor.label});
  }
  return summary;
}

Result<report::Snapshot> MakeSnapshot(const Scenario& scenario, const StoredState& state,
                                      std::vector<forecast::ForecastSummary> forecasts) {
  auto article_of = [&](const std::string& id) -> const ArticleRecord* {
    auto found = state.cited.find(id);
    return found == state.cited.end() ? nullptr : &found->second;
  };
  report::Snapshot snapshot;
  snapshot.generated = NowIso();
  snapshot.scenario = ScenarioSummaryOf(scenario);
  snapshot.positions = SnapshotPositions(state);
  // The report carries the statements the cells show as evidence and the shifts point to, not
  // every stored one: its size follows actors x issues, not the store (each cell's
  // `statements` counts the rest; "statements_total" counts them all).
  std::vector<const Statement*> listed(state.built.kept->size());
  for (size_t i = 0; i < listed.size(); ++i) listed[i] = &(*state.built.kept)[i];
  std::stable_sort(listed.begin(), listed.end(), [](const Statement* a, const Statement* b) {
    return std::tie(a->date, a->doc_id, a->span.begin) < std::tie(b->date, b->doc_id, b->span.begin);
  });
  for (size_t i = 0; i < listed.size(); ++i) {
    const Statement& s = *listed[i];
    const ArticleRecord* a = article_of(s.doc_id);
    snapshot.statements.push_back({"s" + std::to_string(i + 1), s.doc_id, a ? a->title : "",
                                   s.outlet, s.date, a ? a->url : "", s.actor, s.issue, s.speaker,
                                   std::string(StanceKindName(s.kind)), Round1(s.position),
                                   Round1(s.confidence * 100) / 100, s.evidence, s.span.begin,
                                   s.span.end});
  }
  for (const PositionShift& shift : state.built.matrix.timeline) {
    report::SnapshotShift& shown = snapshot.shifts.emplace_back();
    shown.actor = shift.actor;
    shown.issue = shift.issue;
    shown.date = shift.to_date;
    shown.from = Round1(shift.from);
    shown.to = Round1(shift.to);
    if (shift.statement != nullptr) {
      shown.docs = {shift.statement->doc_id};
      shown.summary = shift.statement->evidence;
    }
  }
  // Stories that hold a cited article, with their cited articles and their size.
  for (const CitedStory& story : state.stories) {
    std::set<std::string> outlets;
    std::vector<std::string> docs;
    for (const ArticleRecord* article : story.cited) {
      if (!article->outlet.empty()) outlets.insert(article->outlet);
      docs.push_back(article->id);
    }
    snapshot.stories.push_back({"c" + std::to_string(story.id), story.title, story.first_date,
                                story.last_date, {outlets.begin(), outlets.end()},
                                std::move(docs), story.size});
  }
  std::vector<const ArticleRecord*> cited_articles;
  for (const auto& [id, article] : state.cited) cited_articles.push_back(&article);
  std::sort(cited_articles.begin(), cited_articles.end(),
            [](const ArticleRecord* a, const ArticleRecord* b) { return Earlier(*a, *b); });
  for (const ArticleRecord* a : cited_articles) {
    snapshot.articles.push_back({a->id, a->title, a->outlet, a->date, a->url});
  }
  auto no_forecast = NoForecastIssues(state.positions);
  if (!no_forecast.ok()) return InternalError("forecast failed: " + no_forecast.status().message());
  snapshot.no_forecast = std::move(*no_forecast);
  // A store written before the evidence rule may still hold forecasts of withheld issues.
  std::set<std::string> withheld;
  for (const report::WithheldIssue& issue : snapshot.no_forecast) withheld.insert(issue.issue);
  for (forecast::ForecastSummary& forecast : forecasts) {
    if (!withheld.count(forecast.issue)) snapshot.forecasts.push_back(std::move(forecast));
  }
  snapshot.statements_total = state.built.statements;
  snapshot.articles_total = state.articles_total;
  return snapshot;
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
  return store.StaleArticles(pipeline.scenario().id, pipeline.ExtractionStamp(), everything);
}

Result<int64_t> StaleDocumentCount(const StancePipeline& pipeline, Store& store,
                                   bool everything) {
  return store.StaleArticleCount(pipeline.scenario().id, pipeline.ExtractionStamp(), everything);
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

// A signature as the store keeps it (ArticleRecord::near_signature) and back.
std::string SignatureBytes(const NearDuplicateIndex::Signature& signature) {
  return std::string(reinterpret_cast<const char*>(signature.data()),
                     signature.size() * sizeof(uint32_t));
}

// What the store keeps of `signature`: kTooShortToSign when the text was too short to sign.
std::string StoredSignature(const NearDuplicateIndex::Signature& signature) {
  return signature.empty() ? std::string(kTooShortToSign) : SignatureBytes(signature);
}

NearDuplicateIndex::Signature SignatureFromBytes(const std::string& bytes) {
  NearDuplicateIndex::Signature signature(bytes.size() / sizeof(uint32_t));
  std::memcpy(signature.data(), bytes.data(), signature.size() * sizeof(uint32_t));
  return signature;
}

// The id of the oldest original stored before this run (not in `this_run`) that `signature`
// is a near-copy of, or "".
Result<std::string> StoredOriginal(Store& store, const NearDuplicateIndex& near_copies,
                                   const NearDuplicateIndex::Signature& signature,
                                   const std::unordered_set<std::string>& this_run) {
  auto candidates = store.NearCopyCandidates(SignatureBytes(signature));
  if (!candidates.ok()) return candidates.status();
  for (const ArticleRecord& candidate : *candidates) {
    if (this_run.count(candidate.id)) continue;
    if (near_copies.AreNearCopies(signature, SignatureFromBytes(candidate.near_signature))) {
      return candidate.id;
    }
  }
  return std::string();
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

  // `signature` is the near-copy signature of the article's title and text, `terms` its story
  // terms: the story index takes the article inside the batch's transaction.
  void AddNew(const AnalyzedArticle& analyzed, const NearDuplicateIndex::Signature& signature,
              StoryTerms terms) {
    batch_.articles.push_back(ToRecord(analyzed));
    batch_.articles.back().near_signature = StoredSignature(signature);
    terms_.push_back(std::move(terms));
    AddStatements(analyzed);
  }

  void AddReextracted(const AnalyzedArticle& analyzed) {
    batch_.reextracted.push_back(ToRecord(analyzed));
    AddStatements(analyzed);
  }

  // The next Flush() marks these queued documents done.
  void FinishQueued(std::vector<int64_t> ids) { batch_.done_queue = std::move(ids); }

  void Flush() {
    if (!failure_.ok()) return;
    if (batch_.articles.empty() && batch_.reextracted.empty() && batch_.done_queue.empty()) return;
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
    terms_.clear();
    batch_.index_story = [this](StoryIndexBackend& backend, int64_t article,
                                const ArticleRecord& record, size_t index) -> Status {
      StoryIndex stories(backend);
      auto story = stories.Add(article, terms_[index], record.date, SplitWords(record.actors),
                               record.dup_of);
      return story.ok() ? Status::Ok() : story.status();
    };
  }

  Store& store_;
  int batch_size_;
  IngestSummary& summary_;
  std::string scenario_;
  std::string stamp_;
  Batch batch_;
  std::vector<StoryTerms> terms_;  // of batch_.articles, in order
  Status failure_;
};
}  // namespace

namespace {

// Pushes documents into a sink: the input files of Ingest(), a worker's claimed documents.
using DocumentFeed = std::function<void(const DocumentSink&)>;

// Stored documents whose statements another scenario version or extractor made (all with
// options.reextract), extracted again from their stored text.
Status ReextractStale(const StancePipeline& pipeline, Store& store, const AnalyzeOptions& options,
                      const std::function<void()>& on_document, BatchWriter& writer) {
  // Stale documents are read a page at a time, so a re-extraction of the whole store never
  // holds every text.
  constexpr int kStalePage = 512;
  for (int64_t after = 0;;) {
    auto stale = store.StaleArticles(pipeline.scenario().id, pipeline.ExtractionStamp(),
                                     options.reextract, after, kStalePage);
    if (!stale.ok()) return stale.status();
    if (stale->empty()) break;
    after = stale->back().number;
    OrderedPipeline<const ArticleRecord*, AnalyzedArticle> again(
        options.threads,
        [&](const ArticleRecord*& record) { return AnalyzeStored(*record, pipeline); },
        [&](AnalyzedArticle& analyzed) {
          if (on_document) on_document();
          writer.AddReextracted(analyzed);
        });
    for (const ArticleRecord& record : *stale) again.Push(&record);
    again.Finish();
    if (static_cast<int>(stale->size()) < kStalePage) break;
  }
  return Status::Ok();
}

// Articles stored before signatures were kept (and short ones stored before kTooShortToSign)
// are signed from their text, and their signatures kept, once: from then on their near-copies
// are found through the store's band index as the others' are, and no run reads their texts
// again to sign them.
Status SignStoredArticles(Store& store) {
  static_assert(NearDuplicateOptions{}.bands == kNearCopyBands);
  auto unsigned_articles = store.UnsignedArticles();
  if (!unsigned_articles.ok()) return unsigned_articles.status();
  if (unsigned_articles->empty()) return Status::Ok();
  const NearDuplicateIndex signer;
  for (ArticleRecord& a : *unsigned_articles) {
    a.near_signature = StoredSignature(signer.Sign(a.text));
  }
  return store.SignArticles(*unsigned_articles);
}

// read -> article -> extract -> stances for the documents `feed` gives that are not stored
// yet, handed to `writer` in input order; the caller flushes it.
Status IngestNew(const StancePipeline& pipeline, Store& store, const AnalyzeOptions& options,
                 const DocumentFeed& feed, const std::function<void()>& on_document,
                 IngestSummary& summary, BatchWriter& writer) {
  // Articles stored before the story index existed join it first, in insertion order.
  PARLEY_RETURN_IF_ERROR(IndexStoredStories(store));
  PARLEY_RETURN_IF_ERROR(SignStoredArticles(store));
  // Near-copies of this run's articles are judged against the originals stored before, oldest
  // first (StoredOriginal(), through the store's band index, so a batch reads only the
  // signatures its own articles share a band with), then against this run's articles in input
  // order (this index).
  NearDuplicateIndex near_copies;
  std::unordered_set<std::string> added_ids;  // of this run, on the emitting thread
  // A worker asks the store whether an article is stored before analysing it, when the store
  // is free; the store is used from one thread at a time, and a worker that waited while the
  // emitting thread writes a batch would idle. What a worker could not ask, the emitting thread
  // asks, so the outcome does not depend on the timing.
  std::mutex store_mutex;
  Status failure;  // of the emitting thread
  struct Work {
    std::string id;
    std::optional<bool> stored;  // none: not asked yet
    Status read;                 // of the worker's look-up
    std::optional<AnalyzedArticle> analyzed;
    NearDuplicateIndex::Signature signature;
    StoryTerms terms;
  };
  auto ask_stored = [&](Work& result) {
    auto stored = store.HasArticle(result.id);
    if (stored.ok()) {
      result.stored = *stored;
    } else {
      result.read = stored.status();
    }
  };
  OrderedPipeline<Document, Work> work(
      options.threads,
      [&](Document& document) {
        Work result;
        Article article = ExtractArticle(document);
        result.id = article.id;
        if (std::unique_lock lock(store_mutex, std::try_to_lock); lock.owns_lock()) {
          ask_stored(result);
        }
        if (result.stored.value_or(false) || !result.read.ok()) return result;
        if (!article.text.empty()) {
          result.analyzed = AnalyzeArticle(std::move(article), document, pipeline.extractor(),
                                           pipeline.stances());
          result.signature = near_copies.Sign(result.analyzed->document.text);
          result.terms = CountStoryTerms(result.analyzed->document.text);
        }
        return result;
      },
      [&](Work& result) {
        std::lock_guard lock(store_mutex);
        if (!result.stored && result.read.ok()) ask_stored(result);
        if (!result.read.ok() && failure.ok()) failure = result.read;
        if (!failure.ok()) return;
        ++summary.documents;
        if (on_document) on_document();
        if (*result.stored) {
          ++summary.already_stored;
          return;
        }
        if (!result.analyzed) {
          ++summary.without_text;
          return;
        }
        AnalyzedArticle& analyzed = *result.analyzed;
        // The same document twice in one run: the store would keep the first article but take
        // the statements of both.
        if (!added_ids.insert(analyzed.article.id).second) {
          ++summary.already_stored;
          return;
        }
        auto original = StoredOriginal(store, near_copies, result.signature, added_ids);
        if (!original.ok()) {
          failure = original.status();
          return;
        }
        analyzed.article.dup_of =
            !original->empty() ? *original
                               : near_copies.FindOrAdd(analyzed.article.id, result.signature);
        writer.AddNew(analyzed, result.signature, std::move(result.terms));
      });
  feed([&](Document&& document) { work.Push(std::move(document)); });
  work.Finish();
  return failure;
}

}  // namespace

Result<IngestSummary> Ingest(const StancePipeline& pipeline, Store& store,
                             const std::vector<std::string>& paths, const AnalyzeOptions& options,
                             const InputErrorSink& on_error,
                             const std::function<void()>& on_document) {
  IngestSummary summary;
  BatchWriter writer(store, pipeline, options.batch_size, summary);
  PARLEY_RETURN_IF_ERROR(ReextractStale(pipeline, store, options, on_document, writer));
  auto read_files = [&](const DocumentSink& sink) {
    for (const std::string& file : ExpandInputPaths(paths, on_error)) {
      ReadInputFile(file, options.input, sink, on_error);
    }
  };
  PARLEY_RETURN_IF_ERROR(
      IngestNew(pipeline, store, options, read_files, on_document, summary, writer));
  writer.Flush();
  if (!writer.failure().ok()) return writer.failure();
  return summary;
}

namespace {

QueuedDocument ToQueued(Document&& document) {
  QueuedDocument queued;
  queued.path = std::move(document.path);
  queued.url = std::move(document.url);
  queued.line = static_cast<int64_t>(document.line);
  queued.offset = document.offset;
  queued.html = document.format == DocumentFormat::kHtml;
  queued.content = std::move(document.content);
  queued.charset = std::move(document.charset);
  queued.given_id = std::move(document.given_id);
  queued.title = std::move(document.title);
  queued.date = std::move(document.date);
  queued.outlet = std::move(document.outlet);
  return queued;
}

Document FromQueued(const QueuedDocument& queued) {
  Document document;
  document.path = queued.path;
  document.url = queued.url;
  document.line = static_cast<uint64_t>(queued.line);
  document.offset = queued.offset;
  document.format = queued.html ? DocumentFormat::kHtml : DocumentFormat::kText;
  document.content = queued.content;
  document.charset = queued.charset;
  document.given_id = queued.given_id;
  document.title = queued.title;
  document.date = queued.date;
  document.outlet = queued.outlet;
  return document;
}

// One claim is one batch: its results and its done marks commit together.
Status IngestClaimed(const StancePipeline& pipeline, Store& store, const AnalyzeOptions& options,
                     const std::vector<QueuedDocument>& claimed,
                     const std::function<void()>& on_document, IngestSummary& summary) {
  BatchWriter writer(store, pipeline, std::numeric_limits<int>::max(), summary);
  auto feed = [&](const DocumentSink& sink) {
    for (const QueuedDocument& queued : claimed) sink(FromQueued(queued));
  };
  PARLEY_RETURN_IF_ERROR(
      IngestNew(pipeline, store, options, feed, on_document, summary, writer));
  std::vector<int64_t> ids;
  for (const QueuedDocument& queued : claimed) ids.push_back(queued.id);
  writer.FinishQueued(std::move(ids));
  writer.Flush();
  return writer.failure();
}

}  // namespace

Result<int64_t> Enqueue(Store& store, const std::vector<std::string>& paths,
                        const InputOptions& input, const InputErrorSink& on_error,
                        const std::function<void()>& on_document) {
  // A transaction per chunk keeps a crawl's memory bounded by the chunk, not the crawl.
  constexpr size_t kChunkDocuments = 256;
  constexpr size_t kChunkBytes = 32u << 20;
  std::vector<QueuedDocument> chunk;
  size_t chunk_bytes = 0;
  int64_t queued = 0;
  Status failure;
  auto flush = [&] {
    if (failure.ok() && !chunk.empty()) {
      failure = store.Enqueue(chunk);
      if (failure.ok()) queued += static_cast<int64_t>(chunk.size());
    }
    chunk.clear();
    chunk_bytes = 0;
  };
  for (const std::string& file : ExpandInputPaths(paths, on_error)) {
    ReadInputFile(
        file, input,
        [&](Document&& document) {
          if (on_document) on_document();
          chunk_bytes += document.content.size();
          chunk.push_back(ToQueued(std::move(document)));
          if (chunk.size() >= kChunkDocuments || chunk_bytes >= kChunkBytes) flush();
        },
        on_error);
    if (!failure.ok()) return failure;
  }
  flush();
  if (!failure.ok()) return failure;
  return queued;
}

Result<AnalyzeResult> Work(const StancePipeline& pipeline, Store& store,
                           const AnalyzeOptions& options, const WorkerOptions& worker,
                           const std::function<void()>& on_document) {
  IngestSummary summary;
  for (;;) {
    auto claimed = store.ClaimQueued(worker.name, worker.claim, worker.lease_seconds);
    if (!claimed.ok()) return claimed.status();
    if (!claimed->empty()) {
      PARLEY_RETURN_IF_ERROR(
          IngestClaimed(pipeline, store, options, *claimed, on_document, summary));
      continue;
    }
    auto counts = store.CountQueued();
    if (!counts.ok()) return counts.status();
    if (counts->claimed == 0 && counts->waiting == 0) break;
    // Other workers hold the last claims: they finish them, or their leases end.
    std::this_thread::sleep_for(worker.poll);
  }
  auto snapshot = Refresh(pipeline.scenario(), store, options);
  if (!snapshot.ok()) return snapshot.status();
  return AnalyzeResult{summary, std::move(*snapshot)};
}

Result<std::vector<Statement>> StoredStatements(const Scenario& scenario, Store& store) {
  auto state = LoadArticles(store);
  if (!state.ok()) return state.status();
  auto records = store.Statements(scenario.id);
  if (!records.ok()) return records.status();
  std::vector<Statement> statements;
  for (const StatementRecord& record : *records) {
    auto article = state->article_by_id.find(record.doc_id);
    if (article == state->article_by_id.end()) continue;
    statements.push_back(StatementFromRecord(record, state->articles[article->second].locator));
  }
  MarkCorroboration(state->documents, state->stories, statements);
  return statements;
}

Result<std::vector<forecast::ForecastSummary>> ForecastPositions(
    const PositionsDocument& positions, const forecast::ForecastOptions& options) {
  auto forecasts = forecast::ForecastPositions(positions, forecast::AllModels(), options);
  if (!forecasts.ok()) return forecasts.status();
  return forecast::ForecastSummaries(*forecasts);
}

Result<std::vector<report::WithheldIssue>> NoForecastIssues(const PositionsDocument& positions) {
  std::vector<report::WithheldIssue> withheld;
  auto problem = forecast::SpokenProblem(positions);
  if (!problem.ok()) return problem.status();
  if (!*problem) return withheld;
  for (size_t i = 0; i < (*problem)->issues.size(); ++i) {
    auto check = forecast::CheckEvidence(**problem, static_cast<int>(i));
    if (!check.ok()) return check.status();
    if (!check->enough) withheld.push_back({(*problem)->issues[i].id, check->missing});
  }
  return withheld;
}

Result<report::Snapshot> Refresh(const Scenario& scenario, Store& store,
                                 const AnalyzeOptions& options) {
  auto state = LoadState(scenario, store, options.as_of);
  if (!state.ok()) return state.status();
  auto forecasts = ForecastPositions(state->positions, ForecastOptionsFrom(options));
  if (!forecasts.ok()) return InternalError("forecast failed: " + forecasts.status().message());
  std::vector<ForecastRecord> records;
  for (const forecast::ForecastSummary& f : *forecasts) {
    // What the store has no column for travels in the detail: rounds, headline, priors, sensitivity.
    json detail = forecast::ForecastSummaryJson(f);
    for (const char* column : {"issue", "model", "forecast", "p10", "p90"}) detail.erase(column);
    records.push_back({scenario.id, f.issue, f.model, f.forecast, f.p10, f.p90, detail.dump()});
  }
  PARLEY_RETURN_IF_ERROR(store.ReplaceForecasts(scenario.id, records));
  return MakeSnapshot(scenario, *state, std::move(*forecasts));
}

Result<report::Snapshot> LoadSnapshot(const Scenario& scenario, Store& store,
                                      const AnalyzeOptions& options) {
  auto state = LoadState(scenario, store, options.as_of);
  if (!state.ok()) return state.status();
  auto records = store.Forecasts(scenario.id);
  if (!records.ok()) return records.status();
  std::vector<forecast::ForecastSummary> forecasts;
  for (const ForecastRecord& r : *records) {
    json detail = json::parse(r.detail_json, nullptr, false);
    forecast::ForecastSummary& f = forecasts.emplace_back(
        forecast::ForecastSummaryFromJson(detail.is_object() ? detail : json::object()));
    f.issue = r.issue;
    f.model = r.model;
    f.forecast = r.forecast;
    f.p10 = r.p10;
    f.p90 = r.p90;
  }
  return MakeSnapshot(scenario, *state, std::move(forecasts));
}

Result<PositionsDocument> SnapshotPositionsAsOf(const Scenario& scenario, Store& store,
                                                const std::string& as_of) {
  auto state = LoadState(scenario, store, as_of);
  if (!state.ok()) return state.status();
  return SnapshotPositions(*state);
}

Result<AnalyzeResult> Analyze(const StancePipeline& pipeline, Store& store,
                              const std::vector<std::string>& paths, const AnalyzeOptions& options,
                              const InputErrorSink& on_error,
                              const std::function<void()>& on_document) {
  auto ingested = Ingest(pipeline, store, paths, options, on_error, on_document);
  if (!ingested.ok()) return ingested.status();
  auto snapshot = Refresh(pipeline.scenario(), store, options);
  if (!snapshot.ok()) return snapshot.status();
  return AnalyzeResult{*ingested, std::move(*snapshot)};
}

Evidence PositionsFromCorpus(const Scenario& scenario, Corpus corpus,
                             const PositionOptions& options) {
  Evidence evidence;
  evidence.statements = std::move(corpus.statements);
  evidence.stories = std::move(corpus.stories);
  evidence.matrix = BuildPositions(scenario, evidence.statements, options);
  return evidence;
}

Result<StoredPositions> PositionsFromStore(const Scenario& scenario, Store& store,
                                           const PositionOptions& options) {
  return BuildStoredPositions(scenario, store, options);
}

StoreSession::StoreSession(std::unique_ptr<StancePipeline> pipeline, std::unique_ptr<Store> store,
                           AnalyzeOptions options)
    : pipeline_(std::move(pipeline)), store_(std::move(store)), options_(std::move(options)) {}

Result<report::Snapshot> StoreSession::Snapshot() {
  std::lock_guard lock(mutex_);
  return Noted([&] { return LoadSnapshot(pipeline_->scenario(), *store_, options_); });
}

Result<report::Snapshot> StoreSession::Noted(
    const std::function<Result<report::Snapshot>()>& make) {
  auto count = store_->WriteCount();
  if (!count.ok()) return count.status();
  auto snapshot = make();
  if (snapshot.ok()) loaded_at_ = *count;
  return snapshot;
}

Result<std::optional<report::Snapshot>> StoreSession::SnapshotIfChanged() {
  std::lock_guard lock(mutex_);
  auto count = store_->WriteCount();
  if (!count.ok()) return count.status();
  if (loaded_at_ == *count) return std::optional<report::Snapshot>();
  auto snapshot = Noted([&] { return LoadSnapshot(pipeline_->scenario(), *store_, options_); });
  if (!snapshot.ok()) return snapshot.status();
  return std::optional<report::Snapshot>(std::move(*snapshot));
}

Result<report::Snapshot> StoreSession::Ingest(const std::string& name, bool is_html,
                                              const std::string& body) {
  std::lock_guard lock(mutex_);
  // The input layer reads files: the upload goes through a private temporary one, so posted
  // articles get exactly the treatment of files on disk.
  static std::atomic<int> counter{0};
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("parley-upload-" + std::to_string(::getpid()) + "-" +
                                std::to_string(counter++) + (is_html ? ".html" : ".txt"));
  std::ofstream(path, std::ios::binary) << body;
  std::vector<std::string> errors;
  auto ingested = pipeline::Ingest(
      *pipeline_, *store_, {path.string()}, options_,
      [&](const InputError& error) { errors.push_back(error.reason); }, nullptr);
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (!ingested.ok()) return ingested.status();
  if (!errors.empty()) return InvalidInput((name.empty() ? "article" : name) + ": " + errors[0]);
  return Noted([&] { return pipeline::Refresh(pipeline_->scenario(), *store_, options_); });
}

Result<PositionsDocument> StoreSession::PositionsAsOf(const std::string& as_of) {
  std::lock_guard lock(mutex_);
  return SnapshotPositionsAsOf(pipeline_->scenario(), *store_, as_of);
}

report::ScenarioSummary StoreSession::SummaryOfScenario() const {
  return ScenarioSummaryOf(pipeline_->scenario());
}

Result<AnnotationRecord> StoreSession::Annotate(AnnotationRecord annotation) {
  std::lock_guard lock(mutex_);
  annotation.scenario = pipeline_->scenario().id;
  return store_->AddAnnotation(annotation);
}

Result<std::vector<AnnotationRecord>> StoreSession::Annotations() {
  std::lock_guard lock(mutex_);
  return store_->Annotations(pipeline_->scenario().id);
}

Result<report::Snapshot> StoreSession::Refresh() {
  std::lock_guard lock(mutex_);
  return Noted([&] { return pipeline::Refresh(pipeline_->scenario(), *store_, options_); });
}

}  // namespace parley::pipeline
