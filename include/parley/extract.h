// Extract stage: sentences, actor mentions, attributions (quotes) and PLOVER events.
//
// Lifecycle, as RE2::Set: Extractor::Load() reads the dictionaries and compiles one matcher;
// the Extractor is then immutable, and Analyze() may be called from many threads at once.
//
// Offsets: every Span is a half-open [begin, end) range of Unicode code points into the text
// given to Analyze(), unchanged (for .txt input the whole file, clutter included; for HTML
// input the extracted Article.text). Analysis::Slice() turns a Span back into UTF-8.
//
// Codes: an actor code is an ISO 3166-1 alpha-3 country code ("USA", "UKR"), an IGO code
// ("NATO", "EU", "UN"), a region ("EUR") or any code a caller adds through ExtraDictionary.
// The sector is a CAMEO-style role: GOV, MIL, DIP, LEG, JUD, OPP, REB, MED, BUS, CVL, IGO, or
// empty when unknown.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parley/read.h"
#include "parley/status.h"

namespace parley {

struct Span {
  int64_t begin = 0;
  int64_t end = 0;
  int64_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool operator==(const Span&) const = default;
};

// ---- Dictionary entries a caller may add (the positions stage fills them from a scenario) ----

// An actor (country, organisation, party, armed group...) and the names that refer to it.
struct ActorEntry {
  std::string code;                  // e.g. "UKR", "NATO", "WAGNER"; required
  std::string name;                  // display name, also matched, e.g. "Ukraine"
  std::vector<std::string> aliases;  // more surface forms: "Kyiv", "Ukrainian", "the Kremlin"
  std::string sector;                // default sector of mentions, e.g. "GOV" for "the Kremlin"
  std::string from;                  // ISO date YYYY-MM-DD the entry is valid from; empty = always
  std::string to;                    // ISO date, inclusive; empty = open-ended
};

// A person and the office held between `from` and `to`. One person may have several entries,
// one per office. Surface forms match case-sensitively when they start with a capital.
struct PersonEntry {
  std::string id;                    // stable id, e.g. "zelensky"; required
  std::string name;                  // canonical full name, e.g. "Volodymyr Zelensky"
  std::vector<std::string> aliases;  // "Zelensky", "Zelenskyy", "Volodymyr Zelenskyy"
  std::string actor;                 // actor code of the office, e.g. "UKR"
  std::string sector;                // "GOV", "MIL", "DIP"...
  std::string role;                  // lower-case office title: "president", "foreign minister"
  std::string gender;                // "m", "f" or empty; used to resolve "he"/"she"
  std::string from;                  // ISO date the office began; empty = unknown/always
  std::string to;                    // ISO date the office ended (inclusive); empty = still held
};

struct ExtraDictionary {
  std::vector<ActorEntry> actors;
  std::vector<PersonEntry> people;
};

struct ExtractorOptions {
  // Folder with actors.tsv, people.tsv, agents.tsv, cues.tsv, events.tsv (docs/extract.md).
  // Empty means DefaultDictionaryDir().
  std::string dictionary_dir;
  // Folder with one sub-folder of word sets per language code (data/lang/en, ...; see
  // include/parley/language.h). Empty means DefaultLanguageDir().
  std::string language_dir;
  // Debian iso-codes country list; every country's names are added as actors. Empty = skip.
  std::string iso_codes_path = "/usr/share/iso-codes/json/iso_3166-1.json";
  // Added after the files; an entry with the same surface form overrides the file entry.
  ExtraDictionary extra;
};

// The data/dict folder of this source tree, or $PARLEY_DICT when that is set.
std::string DefaultDictionaryDir();

// ---- Analysis results ----

struct Sentence {
  Span span;              // code points, trimmed of surrounding white space
  bool headline = false;  // a line without final punctuation standing on its own
};

struct Token {
  Span span;
  int sentence = 0;  // index into Analysis::sentences
  std::string norm;  // lower-case, curly apostrophes and dashes folded: "don't", "u.s."
};

enum class MentionKind {
  kName,     // "Ukraine", "NATO", "Volodymyr Zelensky"
  kMetonym,  // "Kyiv", "the Kremlin", "the White House"
  kAgent,    // "a US official", "Ukrainian negotiators", "Russian forces"
  kTitle,    // "the Russian president", "Ukraine's foreign minister" (resolved by date)
  kPronoun,  // "he", "she" resolved to the most recent compatible person
  kAnaphor,  // "the country", "the alliance", "the president" resolved to an earlier mention
};

struct ActorMention {
  Span span;
  int sentence = 0;
  MentionKind kind = MentionKind::kName;
  std::string actor;    // actor code, empty if unresolved (e.g. a pronoun with no antecedent)
  std::string sector;   // may be empty
  std::string person;   // PersonEntry::id when the mention is a person, else empty
  std::string role;     // the person's office at the document date, if known
  int antecedent = -1;  // for kPronoun/kAnaphor: index of the mention it refers to, else -1
};

enum class AttributionKind { kDirect, kIndirect, kMixed };
std::string_view AttributionKindName(AttributionKind kind);  // "direct", "indirect", "mixed"

// Someone said, thought or reported something.
struct Attribution {
  AttributionKind kind = AttributionKind::kIndirect;
  int sentence = 0;          // sentence holding the cue
  Span speaker_span;         // may be empty when the speaker is not in the text
  Span cue_span;             // "said", "told reporters", "according to"; may be empty for a
                             // bare quote that continues the previous speaker
  Span content_span;         // the quoted or reported material (direct quotes keep their marks)
  int speaker_mention = -1;  // index into Analysis::mentions, or -1
  std::string actor;         // resolved speaker actor code, or empty
  std::string sector;
  std::string person;  // PersonEntry::id, or empty
};

enum class Modality {
  kAsserted,  // "Russia attacked"
  kPossible,  // "may be willing to", "could agree"
  kIntended,  // "wants to", "plans to", "will"
  kRequired,  // "must", "should"
};
std::string_view ModalityName(Modality modality);  // "asserted", "possible", "intended", "required"

struct EventParticipant {
  Span span;          // the mention's text; empty if absent
  std::string actor;  // actor code, or empty
  std::string sector;
  std::string person;
  int mention = -1;  // index into Analysis::mentions, or -1
};

// Who did what to whom, coded in PLOVER categories.
struct Event {
  std::string category;  // "AGREE", "CONSULT", ..., "INVESTIGATE"
  int sentence = 0;
  Span cue_span;  // the verb or noun that triggered the event
  EventParticipant source;
  EventParticipant target;
  bool negated = false;  // "did not agree", "refused to", "no agreement"
  Modality modality = Modality::kAsserted;
  int attribution = -1;  // set when the event sits in reported speech: index of the attribution
};

struct Analysis {
  std::string text;  // the analysed text, as given
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<ActorMention> mentions;     // in text order
  std::vector<Attribution> attributions;  // in text order of the cue/content
  std::vector<Event> events;              // in text order

  // UTF-8 of a code-point span of `text`; clamps out-of-range spans.
  std::string Slice(Span span) const;

  std::vector<uint32_t> byte_of_code_point;  // byte offset of each code point, plus the end
};

class Extractor {
 public:
  // Reads the dictionaries and compiles the matchers. Errors: kNotFound for a missing file,
  // kInvalidInput "file:line: ..." for a malformed entry.
  static Result<Extractor> Load(const ExtractorOptions& options);

  // Runs sentences, tokens, actors, attributions and events over `text` (UTF-8; invalid bytes
  // are treated as U+FFFD). `date` (YYYY-MM-DD, may be empty = today's holders unknown: every
  // office holder matches) selects which person a title means. `lang` (Article::lang, e.g.
  // "en") picks the word sets of data/lang/<lang>; empty or unknown = English. Never fails;
  // thread-safe.
  Analysis Analyze(std::string_view text, std::string_view date = {},
                   std::string_view lang = {}) const;

  Extractor(Extractor&&) noexcept;
  Extractor& operator=(Extractor&&) noexcept;
  ~Extractor();

  struct Impl;  // compiled dictionaries; opaque

 private:
  explicit Extractor(std::unique_ptr<const Impl> impl);
  std::unique_ptr<const Impl> impl_;
};

// ---- Documents ----

// What Analyze() should see for one input document.
struct ExtractInput {
  std::string doc;   // Document::given_id (JSONL "id") when set, else the input path
  std::string text;  // text input: the content unchanged (clutter included); HTML: the
                     // extracted article body (Article.text)
  std::string date;  // YYYY-MM-DD: the given date, else the article's date, else empty
  std::string lang;  // HTML: the article's detected language (Article::lang); text: empty
};

// Thread-safe; never fails (an HTML page without an article gives an empty text).
ExtractInput PrepareInput(const Document& document);

}  // namespace parley
