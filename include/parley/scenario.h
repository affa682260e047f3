// Scenario stage: a negotiation described in YAML: its actors, its issues with 0-100 scales,
// the cue phrases that place a statement on a scale, and analyst priors and overrides.
// The file format is documented in docs/scenarios.md; scenarios/ukraine-2025.yaml is the
// bundled example.
//
// A Scenario is a plain value: load it once, then share it read-only between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/extract.h"
#include "parley/status.h"

namespace parley {

// ---- Cue phrases ----
//
// A cue phrase is a sequence of space-separated terms matched against the lower-cased words of
// a sentence (words are runs of letters and digits; apostrophes and hyphens separate words):
//   word        the word itself, case-insensitive
//   word*       any word starting with "word"
//   a|b*|c      any one of the alternatives
//   a|b_c       an alternative of several words joined by '_': "armed_forces"
//   ...         up to kCueMaxGap words of anything
//   @UKR        a mention of the scenario actor UKR (its names, aliases or people)
// Example: "@UKR ... withdraw* from ... donbas|donetsk".
inline constexpr int kCueMaxGap = 4;

struct CueWord {
  std::string text;     // lower case, without the trailing '*'
  bool prefix = false;  // "word*"
};

struct CueTerm {
  // Alternatives, each a sequence of one or more words; empty when `actor` is set.
  std::vector<std::vector<CueWord>> alternatives;
  std::string actor;  // "@UKR" terms: the actor id
  // "$cede" alternatives: word classes of the stance lexicon (data/dict/stances.tsv, class
  // cue:NAME), whose forms the positions stage adds to `alternatives`.
  std::vector<std::string> classes;
  bool gap_before = false;  // a "..." precedes this term
};

struct CuePattern {
  std::string text;  // as written in the scenario
  std::vector<CueTerm> terms;
};

// Parses one cue phrase. Errors: kInvalidInput "what is wrong, what is expected" (no file
// name; the caller adds it). A pattern must start and end with a word or actor term.
Result<CuePattern> ParseCuePattern(std::string_view text);

// A word class name, as in "$cede": lower-case letters and '_'.
bool IsCueClassName(std::string_view name);

// ---- The scenario ----

struct ScenarioPerson {
  std::string name;                  // canonical full name
  std::vector<std::string> aliases;  // other surface forms: "Zelenskyy"
  std::string role;                  // lower-case office: "president"
  std::string gender;                // "m", "f" or empty
  std::string from;                  // ISO date the office began; empty = unknown
  std::string to;                    // ISO date it ended (inclusive); empty = still held
};

struct ScenarioActor {
  std::string id;                    // upper case, e.g. "UKR"
  std::string name;                  // "Ukraine"
  std::vector<std::string> aliases;  // names, demonyms, metonyms: "Kyiv", "Ukrainian"
  std::vector<ScenarioPerson> people;
  double capability = 0;  // 0-100, relative clout
  // A mediator or monitoring agency: what it says another actor did or offered is that actor's
  // stance, flagged reported, at lower confidence; only its own demands stay its own.
  bool relays = false;
};

// Several actors named at once: "the E3", "the Europeans". A statement whose holder is the
// group gives each member the same stance, marked joint (Statement::joint).
struct ScenarioGroup {
  std::string id;                    // upper case, distinct from every actor id: "E3"
  std::string name;                  // "E3 (Britain, France and Germany)"
  std::vector<std::string> members;  // actor ids, at least two
  std::vector<std::string> aliases;  // "E3", "the Europeans", "European powers"
};

struct ScaleAnchor {
  double value = 0;  // 0-100
  std::string label;
  // Where a statement lands when it rejects or negates this anchor's cues ("will not cede
  // land"). Absent means the mirror point, 100 - value.
  std::optional<double> negated;
  std::vector<CuePattern> cues;

  double NegatedValue() const { return negated ? *negated : 100 - value; }
};

struct Issue {
  std::string id;                    // lower case, e.g. "territory"
  std::string name;                  // "The land Russia claims"
  std::string question;              // one line
  std::optional<double> status_quo;  // 0-100; the disagreement point, if known
  // Words that show a sentence is about this issue without placing it on the scale
  // ("guarantees", "Donbas"); they let "welcomed the guarantees" refer to a known offer.
  std::vector<std::string> keywords;
  std::vector<ScaleAnchor> anchors;  // sorted by value, at least two
  // Where a stance lands when the holder ties it to a condition that follows it ("a ceasefire
  // as soon as Kyiv withdraws"); absent means where its cue puts it.
  std::optional<double> conditional;
};

// A position the scenario supplies: a prior (used when there is no evidence) or an analyst
// override (replaces whatever the evidence says).
struct PinnedPosition {
  std::string actor;
  std::string issue;
  double position = 0;
  std::optional<double> low;
  std::optional<double> high;
  // How much the actor cares (0-100). Absent: an override keeps the salience of its evidence,
  // and a cell without evidence takes kPinnedSalience.
  std::optional<double> salience;
  std::string note;
  // Who pinned it and when (ISO 8601 UTC): a team's override kept in the store (docs/teams.md);
  // empty for the scenario file's own.
  std::string author;
  std::string authored_at;
  // The analyst vouches for it as evidence (a briefing, a treaty text): it then counts towards
  // the evidence a forecast needs (docs/forecast.md).
  bool counts_as_evidence = false;
};

// The salience of a prior, or of an override without evidence, when the scenario gives none:
// the actor is taken to care as much as a typical actor with evidence, so that the prior weighs
// in the forecasts (and in their KTAB export) instead of counting for nothing.
inline constexpr double kPinnedSalience = 50;

struct Scenario {
  std::string id;  // e.g. "ukraine-2025"
  std::string title;
  std::string description;
  std::string source;  // the file it was loaded from
  // 16 hex digits hashing the YAML text: statements extracted with another version of the
  // scenario are extracted again (see StancePipeline::ExtractionStamp()).
  std::string content_hash;
  std::vector<ScenarioActor> actors;
  std::vector<ScenarioGroup> groups;
  std::vector<Issue> issues;
  std::vector<PinnedPosition> priors;
  std::vector<PinnedPosition> overrides;

  // Index into actors / groups / issues, or -1.
  int ActorIndex(std::string_view id) const;
  int GroupIndex(std::string_view id) const;
  int IssueIndex(std::string_view id) const;
};

// Everything wrong with a scenario file, each "source:line:col: what is wrong, what is
// expected". Errors make the file unusable; warnings flag what loads but probably does not mean
// what was written: a space inside a cue alternative ("snap back|snapback"), one alias given to
// two actors or groups, a keyword with capitals or spaces, an anchor without cues.
struct ScenarioDiagnostics {
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};

// Parses and validates scenario YAML. `source_name` names the input in messages. Errors:
// kInvalidInput "source:line:col: what is wrong, what is expected" for malformed YAML, unknown
// or missing keys, duplicate ids, values out of range, bad dates and bad cue phrases; the first
// one found. `diagnostics`, when given, receives all of them and the warnings.
Result<Scenario> ParseScenario(std::string_view yaml, std::string_view source_name,
                               ScenarioDiagnostics* diagnostics = nullptr);

// Reads and parses a file. Errors: kNotFound when it cannot be opened, else as ParseScenario.
Result<Scenario> LoadScenarioFile(const std::string& path,
                                  ScenarioDiagnostics* diagnostics = nullptr);

// Folders searched for bundled scenarios, in order: $PARLEY_SCENARIOS (colon-separated),
// <dir of binary>/scenarios, <dir of binary>/../scenarios, <dir of binary>/../share/parley/
// scenarios, the source tree's scenarios/. `binary_path` may be empty (argv[0] unknown).
std::vector<std::string> ScenarioSearchPath(std::string_view binary_path);

// `name_or_path` is a file path when it contains '/' or ends in ".yaml"/".yml", else a bundled
// name resolved as <dir>/<name>.yaml over `search_path`. Errors: kNotFound naming the folders
// searched, or those of LoadScenarioFile.
Result<Scenario> LoadScenario(std::string_view name_or_path,
                              const std::vector<std::string>& search_path,
                              ScenarioDiagnostics* diagnostics = nullptr);

// Names of the bundled scenarios found over `search_path`, sorted, without duplicates.
std::vector<std::string> ListScenarios(const std::vector<std::string>& search_path);

// The scenario's actors, groups and people as extract-stage dictionary entries, so mentions of
// "Kyiv" or "Zelenskyy" come back with the scenario's actor ids ("the E3" with the group id).
ExtraDictionary ScenarioDictionary(const Scenario& scenario);

}  // namespace parley
