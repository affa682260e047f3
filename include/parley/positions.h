// Positions stage: articles -> stances (who stands where on which issue, with evidence) ->
// same-story clusters -> the actor x issue position matrix and its timeline.
//
//   StanceExtractor   one article's Analysis (extract stage) + the scenario's cue phrases ->
//                     Statements. Whose stance it is comes from the attribution (quote) layer
//                     and from the subject of a stance verb ("X insists", "X's demands"), never
//                     from the nearest name to the cue.
//   ClusterStories    groups articles about the same event (shared actors, TF-IDF cosine, a
//                     time window); MarkCorroboration lists, on each statement, the other
//                     outlets of its story that report the same stance.
//   BuildPositions    weights statements by recency, confidence and corroboration into cells
//                     with a range, a salience and their evidence, plus a timeline of shifts.
//
// The JSON that PositionsJson() writes is fixed in docs/positions-json.md.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <deque>
#include <unordered_map>
#include <vector>

#include "parley/article.h"
#include "parley/extract.h"
#include "parley/positions_document.h"
#include "parley/read.h"
#include "parley/scenario.h"
#include "parley/status.h"
#include "parley/store.h"

namespace parley {

// ---- Statements ----

enum class StanceKind {
  kDemand,
  kOffer,
  kPropose,
  kAccept,
  kSupport,
  kReject,
  kOppose,
  kConcede,
  kCondition
};
std::string_view StanceKindName(StanceKind kind);  // "demand", "offer", ...

// Another outlet that reports the same statement (same story, actor and issue, close
// position).
struct StatementSource {
  std::string doc;
  std::string outlet;
  std::string date;
};

struct Statement {
  std::string doc;     // Article::locator
  std::string doc_id;  // Article::id
  std::string date;    // YYYY-MM-DD, or empty when the article has no date
  std::string outlet;
  std::string actor;    // scenario actor id
  std::string issue;    // scenario issue id
  double position = 0;  // 0-100 on the issue's scale
  StanceKind kind = StanceKind::kSupport;
  std::string speaker;    // the holder as the text names it: "Kyiv", "US negotiators"
  std::string evidence;   // the exact text of the sentence, as found in the article
  Span span;              // code points of `evidence` in Article::text
  double confidence = 0;  // 0-1
  std::string condition;  // issue this stance is conditional on, or empty
  bool negated = false;   // the cue phrase was negated or rejected
  bool reported = false;  // a third party's claim about the actor, not the actor's words
  bool joint = false;     // one statement of a group ("the E3") or of all its members together
  std::vector<StatementSource> sources;  // other outlets reporting it (MarkCorroboration)
  int story = -1;                        // index into the story list, -1 before clustering
};

struct StanceOptions {
  // Statements below this confidence are dropped.
  double min_confidence = 0.1;
  // The stance lexicon (stance words, negation, modality, condition phrases); its format is
  // documented at the top of the file. Empty = DefaultDictionaryDir() + "/stances.tsv".
  std::string lexicon_path;
  // Folder with one sub-folder of word sets per language code (data/lang/en/stance_*.tsv, ...;
  // see include/parley/language.h). Empty means DefaultLanguageDir().
  std::string language_dir;
};

// Compiled cue phrases and stance-verb lexicon. Immutable after Create(); Extract() may run on
// many threads at once.
class StanceExtractor {
 public:
  // Loads the stance lexicon and compiles the scenario's cues. The scenario must outlive the
  // extractor. Errors: kNotFound when the lexicon file cannot be opened; kInvalidInput
  // "path:line: what is wrong, what is expected" for a malformed lexicon line.
  static Result<StanceExtractor> Create(const Scenario& scenario, StanceOptions options = {});

  // The statements of one article, in text order. `analysis` must be the extract-stage
  // analysis of article.text (Extractor::Analyze(article.text, article.date)), loaded with
  // ScenarioDictionary(scenario) so mentions carry the scenario's actor ids.
  std::vector<Statement> Extract(const Article& article, const Analysis& analysis) const;

  // A cue phrase of the scenario: Scenario::issues[issue].anchors[anchor].cues[cue].
  struct CueId {
    int issue = 0;
    int anchor = 0;
    int cue = 0;
    auto operator<=>(const CueId&) const = default;
  };
  // The cue phrases that match some sentence of the analysed text, whether or not a longer cue
  // wins there (for `parley scenario check --articles`, which lists the others).
  std::vector<CueId> MatchedCues(const Analysis& analysis) const;

  StanceExtractor(StanceExtractor&&) noexcept;
  StanceExtractor& operator=(StanceExtractor&&) noexcept;
  ~StanceExtractor();

  struct Impl;

 private:
  explicit StanceExtractor(std::unique_ptr<const Impl> impl);
  std::unique_ptr<const Impl> impl_;
};

// ---- Stories ----

struct StoryDocument {
  std::string doc;  // Article::locator
  std::string title;
  std::string outlet;
  std::string date;  // YYYY-MM-DD or empty (an undated article joins no story but its own)
  std::string text;  // title and body
  std::vector<std::string> actors;  // scenario actor ids mentioned
  std::string dup_of;               // Article::dup_of: near-copies join their original's story
  std::string id;                   // Article::id
};

struct Story {
  std::vector<int> members;  // indexes into the documents, in input order
  std::string first_date;
  std::string last_date;
  std::string title;  // the first member's title
};

struct StoryOptions {
  double min_cosine = 0.2;         // TF-IDF cosine of two articles' bodies to be one story
  double min_actor_overlap = 0.3;  // Jaccard of their scenario-actor sets
  int window_days = 3;             // at most this many days apart
  int candidate_terms = 12;        // heaviest terms per article used to find candidates
};

// The terms of one article as story clustering counts them; thread-safe, so a batch computes
// them on its workers.
struct StoryTerms {
  std::vector<std::pair<uint64_t, int>> counts;  // term hash -> occurrences, sorted by hash
};
StoryTerms CountStoryTerms(std::string_view text);

// Same-story clustering one article at a time against an index kept by `backend` (the store's
// tables, or memory). Its candidate_terms heaviest terms (TF-IDF as it joins) are posted; a new
// article is compared with at most 24 earlier articles within window_days that share the most
// of its candidate terms; it joins the stories of those it
// matches (TF-IDF cosine, actor overlap) and of its dup_of original, merging them. The cost of an
// article follows its candidates, not the size of the index. Not thread-safe (the backend is
// written).
class StoryIndex {
 public:
  explicit StoryIndex(StoryIndexBackend& backend, StoryOptions options = {});
  // Indexes article number `article` (larger than every indexed one) and returns its story:
  // the smallest article number in it. `date` is YYYY-MM-DD... or empty (an undated article
  // joins only its dup_of original's story). Errors: the backend's.
  Result<int64_t> Add(int64_t article, const StoryTerms& terms, const std::string& date,
                      const std::vector<std::string>& actors, const std::string& dup_of);

 private:
  StoryIndexBackend& backend_;
  StoryOptions options_;
};

// Indexes the stored articles the store's story index does not hold yet (stored before the
// index existed), oldest insertion first, reading their text in chunks. Errors: kDatabase.
Status IndexStoredStories(Store& store, const StoryOptions& options = {});
// Forgets the store's story index and builds it again from the stored texts: what batch after
// batch of StoryIndex::Add() gave. Errors: kDatabase.
Status RebuildStoredStories(Store& store, const StoryOptions& options = {});

// Groups articles about the same event: StoryIndex::Add() over the documents in input order,
// in memory. Every document ends up in exactly one story; the result is in order of first
// member.
std::vector<Story> ClusterStories(const std::vector<StoryDocument>& documents,
                                  const StoryOptions& options = {});
// The stories of documents whose story is known: documents with equal `roots` (one per
// document) form one story, titled by its first member; stories in order of first member.
std::vector<Story> GroupStories(const std::vector<StoryDocument>& documents,
                                const std::vector<int64_t>& roots);

// Sets Statement::story from `stories` (statements of documents not listed keep -1) and lists,
// on each statement, the other outlets of its story that report the same actor and issue
// within `tolerance` points (kinds may differ: "insists it will not cede" and "was refusing"
// report one refusal).
void MarkCorroboration(const std::vector<StoryDocument>& documents,
                       const std::vector<Story>& stories, std::vector<Statement>& statements,
                       double tolerance = 15);
// The same with the story of each document (Statement::doc -> story) given.
void MarkCorroboration(const std::unordered_map<std::string, int>& story_of_doc,
                       std::vector<Statement>& statements, double tolerance = 15);

// ---- What made a statement ----

// The version of what turns article text into statements (extract and stances stages, and the
// bundled dictionaries). Bump it with every change that changes statements, so stores extract
// their documents again on the next `parley analyze`.
inline constexpr int kStanceExtractorVersion = 4;

// ---- Positions ----

std::string_view CellBasisName(CellBasis basis);  // "evidence", "prior", "override"

struct PositionCell {
  std::string actor;
  std::string issue;
  double position = 0;
  double low = 0;
  double high = 0;
  double salience = 0;  // 0-100
  CellBasis basis = CellBasis::kEvidence;
  int statements = 0;  // statements counted (a corroborated statement counts once)
  std::string note;    // prior/override note
  std::string author;       // who pinned the prior/override, and when (PinnedPosition)
  std::string authored_at;
  bool counts_as_evidence = false;  // a prior/override the analyst marked as evidence
  std::vector<const Statement*> evidence;  // strongest first; point into the input
};

// A move of a cell larger than its noise.
struct PositionShift {
  std::string actor;
  std::string issue;
  double from = 0;
  double to = 0;
  std::string from_date;
  std::string to_date;
  const Statement* statement = nullptr;  // the statement that shows the move
};

struct PositionOptions {
  std::string as_of;  // YYYY-MM-DD; empty = the latest statement date. Later statements are
                      // ignored.
  double half_life_days = 30;  // recency weight halves every this many days
  // How much an issue matters to an actor changes more slowly than where the actor stands on
  // it: salience decays with its own, longer half-life, so a cell whose evidence is a few
  // months old still shows the actor cares.
  double salience_half_life_days = 180;
  double base_spread = 20;  // range half-width one average statement leaves
  double min_shift = 10;    // shifts smaller than this never enter the timeline
  int max_evidence = 5;     // evidence listed per cell
};

struct PositionMatrix {
  std::string scenario;
  std::string as_of;
  std::vector<PositionCell> cells;      // scenario actor order, then issue order
  std::vector<PositionShift> timeline;  // by date
};

// Aggregates statements into cells. Cells without evidence appear only when the scenario
// gives a prior; overrides replace evidence cells (the evidence stays listed).
PositionMatrix BuildPositions(const Scenario& scenario, const std::vector<Statement>& statements,
                              const PositionOptions& options = {});

// ---- Positions from a store ----

// `scenario` with the team's overrides among `annotations` (one scenario's, in the order of
// writing) in force: a cell's latest kOverride, unless a kWithdraw of the cell came after it,
// replaces the scenario file's override of that cell, and carries its author and time. With
// `as_of` (YYYY-MM-DD), only the annotations made by the end of that day count: the positions
// as the team saw them then.
Scenario WithTeamOverrides(const Scenario& scenario,
                           const std::vector<AnnotationRecord>& annotations,
                           std::string_view as_of = {});

// A stored statement as the positions stage's value; `locator` is its article's locator.
Statement StatementFromRecord(const StatementRecord& record, const std::string& locator);

// The matrix of the stored statements, built cell by cell: only one cell's statements are held
// at a time, and only those its evidence and the timeline point to are kept.
struct StoredPositions {
  PositionMatrix matrix;  // points into `kept`
  std::unique_ptr<std::deque<Statement>> kept;
  int64_t statements = 0;  // statements of the scenario read (of known articles)
};

// BuildPositions() over the scenario's stored statements, with their stories (the store's story
// index) and corroboration as MarkCorroboration() marks them, equal to BuildPositions() over all
// of them at once: every cell, its evidence and the timeline depend only on that cell's
// statements and on the as_of date (options.as_of, or the latest statement date of the scenario).
// Without options.as_of, a cell's trace is kept in the store (Store::CellStates) and only cells
// the store has forgotten since (new statements, merged stories) read their statements again.
// The team's overrides kept in the store (Store::Annotations()) are in force, as
// WithTeamOverrides() puts them with the explicit options.as_of. Errors: kDatabase from the store.
Result<StoredPositions> BuildStoredPositions(const Scenario& scenario, Store& store,
                                             const PositionOptions& options = {});

// The positions document (docs/positions-json.md) as the typed value forecast, report, serve and
// export take: numbers rounded to 0.1 as the JSON form carries them, evidence by locator.
PositionsDocument MakePositionsDocument(const Scenario& scenario, const PositionMatrix& matrix);

// The JSON form of a positions document (docs/positions-json.md): the edge for files, --json and
// HTTP. Optional fields (role, voting_rule, second_chamber_veto, note, counts_as_evidence, an
// evidence's url and title) are written only when set.
nlohmann::json PositionsDocumentJson(const PositionsDocument& document);

// PositionsDocumentJson(MakePositionsDocument(scenario, matrix)).
nlohmann::json PositionsJson(const Scenario& scenario, const PositionMatrix& matrix);

// One statement as the `stances --jsonl` line.
nlohmann::json StatementJson(const Statement& statement);

}  // namespace parley
