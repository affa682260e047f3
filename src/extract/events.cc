// PLOVER events: a cue verb or noun from events.tsv, its clause subject as the source and
// the mention its frame selects as the target, with negation and modality read from the words
// before the cue. Category definitions: the PLOVER codebook (Halterman et al., openeventdata).
#include <algorithm>
#include <unordered_set>

#include "internal.h"

namespace parley::extract_internal {
namespace {

bool IsPreposition(const std::string& w) {
  static const std::unordered_set<std::string> kWords = {
      "of",    "in",     "with",    "to",   "from",   "against", "on",
      "for",   "by",     "at",      "into", "over",   "about",   "between",
      "among", "toward", "towards", "near", "across", "through", "like"};
  return kWords.count(w) > 0;
}

// Tokens that close a clause when walking away from the cue.
bool IsClauseBoundary(const std::string& w) {
  static const std::unordered_set<std::string> kWords = {
      ";",       ":",    ".",    "!",    "?",    "that",  "but",    "while", "whereas", "although",
      "because", "said", "says", "told", "when", "after", "before", "if",    "which",   "who"};
  return kWords.count(w) > 0;
}

bool IsNounContext(const std::string& w) {
  static const std::unordered_set<std::string> kWords = {
      "the", "a",   "an", "its",  "his",  "her", "their", "our", "'s", "this", "these",   "those",
      "of",  "for", "in", "with", "from", "by",  "such",  "any", "no", "new",  "chemical"};
  return kWords.count(w) > 0;
}

bool IsPassiveAuxiliary(const std::string& w) {
  return w == "was" || w == "were" || w == "been" || w == "being" || w == "is" || w == "are" ||
         w == "be" || w == "got" || w == "get";
}

bool IsMonadic(const std::string& category) {
  return category == "PROTEST" || category == "MOBILIZE" || category == "RETREAT";
}

class EventFinder {
 public:
  explicit EventFinder(Work& work)
      : work_(work), d_(*work.dict), out_(*work.out), tokens_(work.out->tokens) {}

  void Run() {
    for (int s = 0; s < static_cast<int>(out_.sentences.size()); ++s) {
      int first = work_.sentence_first_token[s], last = work_.sentence_first_token[s + 1];
      for (const auto& match : d_.event_matcher.FindAll(tokens_, work_.flags, first, last)) {
        // A cue inside an actor name ("Defense Ministry") is not an event.
        if (work_.mention_of_token[match.begin] >= 0) continue;
        // After a determiner or preposition the cue is a noun ("the attacks", "of sanctions"):
        // it names an event without saying who did it to whom in this clause.
        if (match.begin > first && IsNounContext(Norm(match.begin - 1))) continue;
        // "Israeli-occupied": a cue inside a compound modifier.
        if (match.begin > first && Norm(match.begin - 1) == "-") continue;
        Code(s, first, last, match);
      }
    }
  }

 private:
  const std::string& Norm(int t) const { return tokens_[t].norm; }

  EventParticipant Participant(int mention) const {
    EventParticipant p;
    if (mention < 0) return p;
    const ActorMention& m = out_.mentions[mention];
    p.span = m.span;
    p.actor = m.actor;
    p.sector = m.sector;
    p.person = m.person;
    p.mention = mention;
    return p;
  }

  int MentionStart(int mention) const {
    auto it = std::lower_bound(tokens_.begin(), tokens_.end(), out_.mentions[mention].span.begin,
                               [](const Token& t, int64_t o) { return t.span.begin < o; });
    return static_cast<int>(it - tokens_.begin());
  }

  // The clause subject: the nearest mention to the left that is not a prepositional object.
  int SubjectBefore(int cue, int first) const {
    constexpr int kWindow = 25;
    for (int t = cue - 1; t >= first && cue - t <= kWindow; --t) {
      if (IsClauseBoundary(Norm(t))) break;
      int m = work_.mention_of_token[t];
      if (m < 0 || out_.mentions[m].actor.empty()) continue;
      int start = MentionStart(m);
      if (start > first && IsPreposition(Norm(start - 1)) && Norm(start - 1) != "by") {
        t = start;
        continue;
      }
      return m;
    }
    return -1;
  }

  // The first resolved mention to the right, inside the clause. With `prepositions`, the mention
  // must follow the cue directly or come after one of them.
  int ObjectAfter(int cue_end, int last, const std::vector<std::string>* prepositions,
                  bool skip_by) const {
    constexpr int kWindow = 12;
    bool opened = prepositions == nullptr;
    for (int t = cue_end; t < last && t - cue_end < kWindow; ++t) {
      const std::string& n = Norm(t);
      if (IsClauseBoundary(n)) break;
      if (skip_by && n == "by") break;
      if (prepositions != nullptr &&
          std::find(prepositions->begin(), prepositions->end(), n) != prepositions->end()) {
        opened = true;
      }
      int m = work_.mention_of_token[t];
      if (m < 0 || out_.mentions[m].actor.empty()) continue;
      // "met in Berlin": a capital after a place preposition is where, not whom.
      bool place = out_.mentions[m].kind == MentionKind::kMetonym && t > cue_end &&
                   (Norm(t - 1) == "in" || Norm(t - 1) == "at" || Norm(t - 1) == "near");
      if ((opened || t == cue_end) && !place) return m;
      t = static_cast<int>(
              std::upper_bound(tokens_.begin(), tokens_.end(), out_.mentions[m].span.end,
                               [](int64_t o, const Token& tok) { return o <= tok.span.begin; }) -
              tokens_.begin()) -
          1;
    }
    return -1;
  }

  // Mentions joined to `mention` on its left by "and" or commas: "The US, Russia and
  // Switzerland met". Returned in text order, `mention` last.
  std::vector<int> Conjuncts(int mention, int first) const {
    std::vector<int> all = {mention};
    int t = MentionStart(mention);
    while (t - 1 > first) {
      int link = t - 1;
      if (Norm(link) != "and" && Norm(link) != ",") break;
      if (Norm(link) == "and" && link - 1 > first && Norm(link - 1) == ",") --link;
      int m = work_.mention_of_token[link - 1];
      if (m < 0 || out_.mentions[m].actor.empty()) break;
      all.insert(all.begin(), m);
      t = MentionStart(m);
    }
    return all;
  }

  int AgentAfterBy(int cue_end, int last) const {
    for (int t = cue_end; t < last && t - cue_end < 8; ++t) {
      if (Norm(t) != "by") continue;
      for (int u = t + 1; u < last && u - t < 6; ++u) {
        int m = work_.mention_of_token[u];
        if (m >= 0 && !out_.mentions[m].actor.empty()) return m;
      }
      return -1;
    }
    return -1;
  }

  void ReadModifiers(int cue, int first, Event& event) const {
    constexpr int kWindow = 5;
    for (int t = cue - 1; t >= first && cue - t <= kWindow; --t) {
      if (work_.mention_of_token[t] >= 0 || IsClauseBoundary(Norm(t))) break;
      auto it = d_.modal_words.find(Norm(t));
      if (it == d_.modal_words.end()) continue;
      switch (it->second) {
        case ModalWord::kNegation:
        case ModalWord::kRefusal:
          event.negated = !event.negated;
          break;
        case ModalWord::kPossible:
          event.modality = Modality::kPossible;
          break;
        case ModalWord::kIntended:
          if (event.modality == Modality::kAsserted) event.modality = Modality::kIntended;
          break;
        case ModalWord::kRequired:
          if (event.modality == Modality::kAsserted) event.modality = Modality::kRequired;
          break;
      }
    }
  }

  // Attributions are sorted by content start; the holder is the last one starting at or
  // before `offset` that still covers it (contents rarely nest, so a few steps back suffice).
  int AttributionHolding(int64_t offset) const {
    constexpr int kStepsBack = 4;
    const auto& all = out_.attributions;
    auto it = std::upper_bound(all.begin(), all.end(), offset, [](int64_t o, const Attribution& a) {
      return o < a.content_span.begin;
    });
    for (int steps = 0; it != all.begin() && steps < kStepsBack; ++steps) {
      --it;
      if (offset < it->content_span.end) return static_cast<int>(it - all.begin());
    }
    return -1;
  }

  // "agreed to lift the sanctions": a cue ending in "to" that governs another cue is only
  // the frame of that event.
  bool GovernsAnotherCue(const TokenMatcher::Match& match, int last) const {
    if (Norm(match.end - 1) != "to" || match.end >= last) return false;
    auto next = d_.event_matcher.LongestAt(tokens_, work_.flags, match.end, last);
    return next.end > next.begin;
  }

  void Code(int sentence, int first, int last, const TokenMatcher::Match& match) {
    if (GovernsAnotherCue(match, last)) return;
    const EventCue& cue = d_.event_cues[match.payloads.back()];
    Event event;
    event.category = cue.category;
    event.sentence = sentence;
    event.cue_span = {tokens_[match.begin].span.begin, tokens_[match.end - 1].span.end};
    int before = match.begin;
    while (before > first && Norm(before - 1).ends_with("ly")) --before;
    bool passive = before > first && IsPassiveAuxiliary(Norm(before - 1)) &&
                   Norm(match.end - 1).ends_with("ed");
    int subject = SubjectBefore(match.begin, first);
    int source = subject, target = -1;
    if (passive) {
      source = AgentAfterBy(match.end, last);
      target = subject;
    } else if (cue.frame != TargetFrame::kNone) {
      target =
          ObjectAfter(match.end, last,
                      cue.frame == TargetFrame::kPreposition ? &cue.prepositions : nullptr, false);
    }
    ReadModifiers(match.begin, first, event);
    event.attribution = AttributionHolding(event.cue_span.begin);
    event.target = Participant(target);
    std::vector<int> sources =
        source >= 0 && !passive ? Conjuncts(source, first) : std::vector<int>{source};
    bool symmetric = target < 0 && sources.size() > 1;
    for (size_t i = 0; i + 1 < sources.size(); ++i) {
      Event each = event;
      each.source = Participant(sources[i]);
      if (symmetric) each.target = Participant(sources.back());
      Emit(each);
      if (symmetric) {
        // "A and B met": each met the other.
        std::swap(each.source, each.target);
        Emit(each);
      }
    }
    event.source = Participant(sources.back());
    if (symmetric) event.target = Participant(sources.front());
    Emit(event);
  }

  void Emit(Event event) {
    if (event.source.actor.empty() && event.attribution >= 0) {
      // "..., the ministry said": an event with no subject in reported speech is the speaker's.
      const Attribution& a = out_.attributions[event.attribution];
      event.source.actor = a.actor;
      event.source.sector = a.sector;
      event.source.person = a.person;
      event.source.span = a.speaker_span;
      event.source.mention = a.speaker_mention;
    }
    if (event.source.actor.empty()) return;
    if (event.target.actor == event.source.actor && event.target.person == event.source.person) {
      event.target = EventParticipant{};
    }
    // PLOVER events are dyadic; only protests, mobilisations and retreats are coded without
    // a target (PLOVER codebook: the target of these may be implicit).
    if (event.target.actor.empty() && !IsMonadic(event.category)) return;
    out_.events.push_back(std::move(event));
  }

  Work& work_;
  const Dictionaries& d_;
  Analysis& out_;
  const std::vector<Token>& tokens_;
};

}  // namespace

void FindEvents(Work& work) { EventFinder(work).Run(); }

}  // namespace parley::extract_internal
