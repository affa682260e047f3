// Internal types shared by the extract stage's files. Not part of the public API.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/extract.h"
#include "parley/language.h"
#include "parley/status.h"

namespace parley::extract_internal {

// ---- text layer (text.cc) ----

// The document as code points, with the byte offset of each one (plus one past the end).
struct CodePoints {
  std::u32string chars;
  std::vector<uint32_t> byte_of;
};
CodePoints DecodeUtf8(std::string_view text);

// Lower-case UTF-8 of one token, with typographic quotes, apostrophes and dashes folded.
std::string NormalizeToken(std::u32string_view chars);

struct TokenFlags {
  bool capitalized = false;  // first letter upper case
  bool all_caps = false;     // two or more letters, all upper case
  bool word = false;         // starts with a letter or digit
};

// Splits [begin, end) of `chars` into tokens. `abbreviations` holds lower-case forms ending in
// "." that keep their period ("gen.", "dec."). Flags are appended in step with tokens.
void Tokenize(const std::u32string& chars, int64_t begin, int64_t end, int sentence,
              const std::unordered_map<std::string, int>& abbreviations, std::vector<Token>& tokens,
              std::vector<TokenFlags>& flags);

// Sentences of the whole text: lines first (a line is a paragraph or a headline), ICU sentence
// breaks inside each line, then breaks after known abbreviations are undone.
std::vector<Sentence> SplitSentences(const std::u32string& chars,
                                     const std::unordered_map<std::string, int>& abbreviations);

// ---- token-sequence matcher (matcher.cc) ----

// A trie over normalised tokens, with per-token case constraints. Compile once, then match.
// Matching from each token walks at most the depth of the trie, so a text is matched in
// O(tokens x longest pattern).
class TokenMatcher {
 public:
  // `form` is tokenised with Tokenize(); a token written with a capital must meet a capital,
  // an all-caps token (e.g. "US") must meet all caps. `payload` is returned on a match.
  void Add(std::string_view form, int payload,
           const std::unordered_map<std::string, int>& abbreviations);

  struct Match {
    int begin = 0;  // token indexes [begin, end)
    int end = 0;
    std::vector<int> payloads;  // every pattern with exactly these tokens (same form, many entries)
  };
  // Leftmost-longest, non-overlapping matches over tokens [begin, end).
  std::vector<Match> FindAll(const std::vector<Token>& tokens, const std::vector<TokenFlags>& flags,
                             int begin, int end) const;
  // The longest match starting exactly at token `at`, or end == begin when none.
  Match LongestAt(const std::vector<Token>& tokens, const std::vector<TokenFlags>& flags, int at,
                  int limit) const;

 private:
  struct Accept {
    int payload;
    std::vector<uint8_t> needs;  // per token: 0 none, 1 capital, 2 all caps
  };
  struct Node {
    std::vector<Accept> accepts;
  };
  int Child(int node, const std::string& token) const;
  std::vector<Node> nodes_{Node{}};
  std::unordered_map<std::string, int> token_ids_;  // interned token norms
  std::unordered_map<uint64_t, int> edges_;         // key: node id << 32 | token id
};

// ---- dictionaries (dictionary.cc) ----

enum class ActorFormKind { kName, kAdjective, kMetonym };

struct ActorForm {
  std::string code;
  std::string sector;
  ActorFormKind kind = ActorFormKind::kName;
  std::string from, to;
};

struct AgentNoun {
  std::string sector;
  bool plural = false;
  std::string role;  // an office title ("president") or empty for generic agents
};

// What an anaphor may refer to.
struct AnaphorRule {
  enum Kind {
    kPersonMale,
    kPersonFemale,
    kGroup,
    kPersonRole,
    kPersonOffice,
    kCountry,
    kActorCode,
    kSpeaker
  };
  Kind kind = kCountry;
  std::string value;  // the role, a word of an office, or an actor code
};

enum class CueFrame {
  kSpeech,       // "X said (that) ...", "..., X said", "X told Y ..."
  kSourceAfter,  // "according to X, ..."
};

struct Cue {
  CueFrame frame = CueFrame::kSpeech;
  bool takes_object = false;  // "told reporters that ..."
  bool inverts = true;        // the speaker may follow: "..., said the official"
};

enum class TargetFrame { kObject, kPreposition, kNone };

struct EventCue {
  std::string category;
  TargetFrame frame = TargetFrame::kObject;
  std::vector<std::string> prepositions;  // for kPreposition, lower case
};

enum class ModalWord { kNegation, kPossible, kIntended, kRequired, kRefusal };

// Payload ids of the actor matcher point into one of these vectors; the kind is in the top bits.
inline constexpr int kPayloadShift = 24;
enum PayloadKind { kActorPayload = 1, kPersonPayload, kAgentPayload, kAnaphorPayload };
inline int MakePayload(PayloadKind kind, int index) { return (kind << kPayloadShift) | index; }
inline PayloadKind KindOf(int payload) {
  return static_cast<PayloadKind>(payload >> kPayloadShift);
}
inline int IndexOf(int payload) { return payload & ((1 << kPayloadShift) - 1); }

struct Dictionaries {
  std::unordered_map<std::string, int> abbreviations;
  std::vector<ActorForm> actor_forms;
  std::vector<PersonEntry> people;
  std::vector<AgentNoun> agents;
  std::vector<AnaphorRule> anaphors;
  std::vector<Cue> cues;
  std::vector<EventCue> event_cues;
  std::unordered_map<std::string, ModalWord> modal_words;     // by token norm
  std::unordered_map<std::string, std::string> country_kind;  // actor code -> "country"
  // "UKR|president" -> indexes into people of everyone who held that office.
  std::unordered_map<std::string, std::vector<int>> people_by_office;
  std::unordered_map<std::string, std::string> gender_of;  // person id -> "m", "f" or ""

  TokenMatcher actor_matcher;
  TokenMatcher cue_matcher;
  TokenMatcher event_matcher;
};

Status LoadDictionaries(const ExtractorOptions& options, Dictionaries& dictionaries);

// Expands "agree+" into agree, agrees, agreed, agreeing (regular English inflection); a form
// without "+" is returned as is. Only the first word of a multi-word form is inflected.
std::vector<std::string> ExpandForm(std::string_view form);

// ---- analysis passes ----

// State shared by the passes over one document.
struct Work {
  const Dictionaries* dict = nullptr;
  const Language* lang = nullptr;  // word sets of the document's language (never null)
  std::string date;
  CodePoints points;
  Analysis* out = nullptr;
  std::vector<TokenFlags> flags;
  std::vector<int> sentence_first_token;  // per sentence, plus one past the end
  std::vector<int> mention_of_token;      // per token: index of the mention covering it or -1
  std::vector<Span> quotes;               // quotation regions, code points, marks included
  std::vector<int> quote_of_token;        // per token: index into quotes or -1
};

void FindMentions(Work& work);      // actors.cc
void FindQuotes(Work& work);        // quotes.cc: quotation regions
void FindAttributions(Work& work);  // quotes.cc
void FindEvents(Work& work);        // events.cc

bool DateInRange(std::string_view date, std::string_view from, std::string_view to);

}  // namespace parley::extract_internal
