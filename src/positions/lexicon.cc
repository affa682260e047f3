// The stance-verb lexicon: English words and phrases that say someone takes a stance, and the
// small word classes around them (negation, modality, condition, clause boundaries). These are
// language facts, not scenario facts, so they live here rather than in a scenario file.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "internal.h"

namespace parley::positions_internal {
namespace {

struct TriggerEntry {
  std::vector<std::string> words;
  TriggerClass cls;
  bool hedged = false;
  bool reported = false;
};

std::vector<TriggerEntry> TriggerTable() {
  using C = TriggerClass;
  std::vector<TriggerEntry> table;
  auto add = [&](std::initializer_list<const char*> forms, C cls, bool hedged = false,
                 bool reported = false) {
    for (const char* form : forms) {
      TriggerEntry entry{{}, cls, hedged, reported};
      std::string word;
      for (const char* c = form;; ++c) {
        if (*c == ' ' || *c == '\0') {
          if (!word.empty()) entry.words.push_back(word);
          word.clear();
          if (*c == '\0') break;
        } else {
          word.push_back(*c);
        }
      }
      table.push_back(std::move(entry));
    }
  };
  add({"demand",       "demands",    "demanded",    "demanding",   "insist",    "insists",
       "insisted",     "insisting",  "insistence",  "want",        "wants",     "wanted",
       "wanting",      "seek",       "seeks",       "seeking",     "sought",    "call for",
       "calls for",    "called for", "calling for", "urge",        "urges",     "urged",
       "urging",       "require",    "requires",    "required",    "press for", "pressed for",
       "pressing for", "push for",   "pushed for",  "pushing for", "ultimatum"},
      C::kDemand);
  add({"offer", "offers", "offered", "offering", "put on the table", "puts on the table",
       "putting on the table", "pledge", "pledges", "pledged", "promise", "promises", "promised",
       "willingness", "willing", "ready", "prepared"},
      C::kOffer);
  add({"propose", "proposes", "proposed", "proposing", "proposal", "proposals", "suggest",
       "suggests", "suggested", "suggesting"},
      C::kPropose);
  add({"consider", "considers", "considered", "considering", "mull", "mulls", "mulling", "weighing",
       "float", "floated", "floating"},
      C::kPropose, /*hedged=*/true);
  add({"expected to", "is expected to", "are expected to"}, C::kPropose, true, true);
  add({"accept", "accepts", "accepted", "accepting", "agree to", "agrees to", "agreed to",
       "agreeing to", "agreed"},
      C::kAccept);
  add({"welcome", "welcomes", "welcomed", "welcoming", "back",      "backs",
       "backed",  "backing",  "support",  "supports",  "supported", "supporting",
       "endorse", "endorses", "endorsed", "commend",   "commends",  "commended",
       "praise",  "praises",  "praised",  "hail",      "hails",     "hailed",
       "favour",  "favours",  "favoured", "favor",     "favors",    "favored"},
      C::kSupport);
  add({"reject",    "rejects",  "rejected",  "rejecting", "refuse",     "refuses", "refused",
       "refusing",  "rule out", "rules out", "ruled out", "ruling out", "dismiss", "dismisses",
       "dismissed", "rebuff",   "rebuffed",  "veto",      "vetoed",     "balk",    "balked"},
      C::kReject);
  add({"oppose", "opposes", "opposed", "opposing", "object to", "objects to", "objected to",
       "resist", "resists", "resisted", "resisting", "sceptical", "skeptical", "resistant"},
      C::kOppose);
  add({"concede", "concedes", "conceded", "conceding"}, C::kConcede);
  add({"say",           "says",       "said",       "saying",       "tell",          "tells",
       "told",          "state",      "states",     "stated",       "stress",        "stresses",
       "stressed",      "emphasise",  "emphasises", "emphasised",   "emphasize",     "emphasizes",
       "emphasized",    "note",       "notes",      "noted",        "argue",         "argues",
       "argued",        "maintain",   "maintains",  "maintained",   "declare",       "declares",
       "declared",      "announce",   "announces",  "announced",    "warn",          "warns",
       "warned",        "add",        "adds",       "added",        "adding",        "indicate",
       "indicates",     "indicated",  "indication", "characterise", "characterised", "characterize",
       "characterized", "describe",   "describes",  "described",    "call",          "calls",
       "called",        "calling",    "believe",    "believes",     "believed",      "think",
       "thinks",        "view",       "views",      "viewed",       "acknowledge",   "acknowledged",
       "reiterate",     "reiterated", "repeat",     "repeated",     "vow",           "vows",
       "vowed",         "confirm",    "confirms",   "confirmed",    "position",      "stance",
       "plan",          "plans"},
      C::kSpeech);
  add({"signal", "signals", "signalled", "signaled", "signalling", "signaling", "hint", "hints",
       "hinted"},
      C::kSpeech, /*hedged=*/true);
  add({"is reported to", "are reported to", "was reported to", "reportedly", "is said to",
       "are said to"},
      C::kSpeech, true, true);
  return table;
}

const std::unordered_map<std::string, std::vector<TriggerEntry>>& TriggersByFirstWord() {
  static const auto* const by_first = [] {
    auto* map = new std::unordered_map<std::string, std::vector<TriggerEntry>>();
    for (TriggerEntry& entry : TriggerTable()) (*map)[entry.words.front()].push_back(entry);
    return map;
  }();
  return *by_first;
}

const std::unordered_map<std::string_view, WordRole>& Roles() {
  static const auto* const roles = [] {
    auto* map = new std::unordered_map<std::string_view, WordRole>();
    auto add = [&](std::initializer_list<std::string_view> words, WordRole role) {
      for (std::string_view word : words) map->emplace(word, role);
    };
    add({"not", "never", "no", "cannot", "nor", "neither"}, WordRole::kNegation);
    add({"must", "should", "need", "needs", "needed"}, WordRole::kRequired);
    add({"may", "might", "could", "possibly", "potentially", "perhaps", "likely"},
        WordRole::kPossible);
    add({"reportedly", "according", "analysts", "experts", "observers", "sources", "reported"},
        WordRole::kReport);
    add({"but", "while", "whereas", "although", "though", "however"}, WordRole::kBoundary);
    add({"abandon", "abandons", "abandoning", "drop", "dropping", "give", "giving", "cede",
         "ceding", "withdraw", "withdrawing", "renounce", "renouncing", "forgo", "concede",
         "compromise", "relinquish", "surrender", "accept"},
        WordRole::kConcession);
    add({"which", "whether", "how", "what"}, WordRole::kQuestion);
    return map;
  }();
  return *roles;
}

}  // namespace

bool IsPreposition(std::string_view word) {
  static const std::unordered_map<std::string_view, bool> words = {
      {"in", true},     {"at", true},      {"to", true},      {"into", true},    {"from", true},
      {"with", true},   {"against", true}, {"for", true},     {"on", true},      {"over", true},
      {"about", true},  {"of", true},      {"near", true},    {"between", true}, {"among", true},
      {"across", true}, {"toward", true},  {"towards", true}, {"under", true},   {"after", true},
      {"before", true}, {"during", true},  {"through", true}, {"without", true}, {"by", true},
      {"than", true},   {"like", true},    {"unlike", true}};
  return words.count(word) > 0;
}

std::optional<Trigger> TriggerAt(const WordIndex& index, int at, int end) {
  const auto& table = TriggersByFirstWord();
  auto it = table.find(index.words[at].lower);
  if (it == table.end()) return std::nullopt;
  const TriggerEntry* best = nullptr;
  for (const TriggerEntry& entry : it->second) {
    if (at + static_cast<int>(entry.words.size()) > end) continue;
    bool all = true;
    for (size_t k = 1; k < entry.words.size() && all; ++k) {
      all = index.words[at + k].lower == entry.words[k];
    }
    if (all && (best == nullptr || entry.words.size() > best->words.size())) best = &entry;
  }
  if (best == nullptr) return std::nullopt;
  Trigger trigger;
  trigger.cls = best->cls;
  trigger.first = at;
  trigger.last = at + static_cast<int>(best->words.size()) - 1;
  trigger.hedged = best->hedged;
  trigger.reported = best->reported;
  return trigger;
}

WordRole RoleOf(std::string_view word) {
  const auto& roles = Roles();
  auto it = roles.find(word);
  return it == roles.end() ? WordRole::kNone : it->second;
}

bool ConditionAt(const WordIndex& index, int at, int end, int& last) {
  static const std::vector<std::vector<std::string_view>> phrases = {{"in", "exchange", "for"},
                                                                     {"in", "return", "for"},
                                                                     {"on", "condition", "that"},
                                                                     {"provided", "that"},
                                                                     {"only", "if"},
                                                                     {"as", "long", "as"},
                                                                     {"providing", "that"},
                                                                     {"if"}};
  for (const auto& phrase : phrases) {
    if (at + static_cast<int>(phrase.size()) > end) continue;
    bool all = true;
    for (size_t k = 0; k < phrase.size() && all; ++k) all = index.words[at + k].lower == phrase[k];
    if (all) {
      last = at + static_cast<int>(phrase.size()) - 1;
      return true;
    }
  }
  return false;
}

}  // namespace parley::positions_internal
