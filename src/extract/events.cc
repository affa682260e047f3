// PLOVER events by light syntax: a cue verb or noun of events.tsv, read in its clause.
//
// Category definitions: the PLOVER codebook (Halterman et al., openeventdata/PLOVER). No parser:
// the roles come from a few chunking rules over the token stream and the actor mentions:
//   - a clause ends at ; : ? ! . and at subordinators, relative pronouns and speech cues, so
//     "X said Y attacked Z" codes Y -> Z (the event belongs to the reported clause);
//   - a verb cue's source is its clause subject, the first mention on its left that is neither a
//     prepositional object nor the object of an earlier event verb; "X offered to hand over"
//     reaches X through the control verb; a participle after a comma (", killing ...") takes the
//     subject at the start of the clause;
//   - its target is chosen by the cue's role frame (events.tsv): the object noun phrase, a
//     mention after one of the frame's prepositions, the subject of a that-clause ("alleged that
//     X ..."), or the subject itself when the frame names the source's preposition ("received
//     weapons from X": X -> subject);
//   - a passive ("was attacked by X") swaps the roles;
//   - a commitment or wish before an infinitive codes AGREE for a cooperative act and THREATEN
//     for a hostile one ("pledged to send aid", "vowed to strike"); the act itself is coded
//     too, as intended or possible;
//   - a noun cue ("the attack on X", "Israeli shelling", "staged a protest") takes its source
//     from a possessor or actor adjective before it, "by X" after it, or the subject of a light
//     verb ("launched", "staged", "held"), and its target from a following preposition.
// Precision first: a cue whose roles cannot be read is dropped rather than guessed.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "internal.h"

namespace parley::extract_internal {
namespace {

// The word sets of data/lang/<code>/ that the event rules read, looked up once per document.
class EventWords {
 protected:
  explicit EventWords(const Language& lang)
      : prepositions_(lang.Words("prepositions")),
        clause_boundaries_(lang.Words("event_clause_boundaries")),
        determiners_(lang.Words("determiners")),
        light_verbs_(lang.Words("light_verbs")),
        irregular_participles_(lang.Words("irregular_participles")),
        auxiliaries_(lang.Words("event_auxiliaries")),
        time_nouns_(lang.Words("event_time_nouns")),
        aspectual_verbs_(lang.Words("event_aspectual_verbs")),
        obligation_modals_(lang.Words("event_obligation_modals")),
        possessives_(lang.Words("event_possessives")),
        denial_cues_(lang.Words("event_denial_cues")),
        claim_rejections_(lang.Words("event_claim_rejections")),
        claim_nouns_(lang.Words("event_claim_nouns")),
        noun_prepositions_(lang.Words("event_noun_prepositions")) {}

  bool IsPreposition(const std::string& w) const { return prepositions_.Contains(w); }

  // Tokens that close a clause when walking away from the cue.
  bool IsClauseBoundary(const std::string& w) const { return clause_boundaries_.Contains(w); }

  bool IsDeterminer(const std::string& w) const { return determiners_.Contains(w); }

  // Verbs whose object is a noun cue naming the event the subject carries out:
  // "launched an attack on X", "staged a protest", "held talks with X".
  bool IsLightVerb(const std::string& w) const { return light_verbs_.Contains(w); }

  static bool IsPassiveAuxiliary(const std::string& w) {
    return w == "was" || w == "were" || w == "been" || w == "being" || w == "is" || w == "are" ||
           w == "be" || w == "got" || w == "get";
  }

  bool IsParticiple(const std::string& w) const {
    return w.ends_with("ed") || irregular_participles_.Contains(w);
  }

  bool IsAuxiliary(const std::string& w) const { return auxiliaries_.Contains(w); }

  static bool IsTimeOpener(const std::string& w) { return w == "on" || w == "last" || w == "this"; }

  bool IsTimeNoun(const std::string& w) const { return time_nouns_.Contains(w); }

  // "continue", "resume": verbs that pass through to the event they govern.
  bool IsAspectual(const std::string& w) const { return aspectual_verbs_.Contains(w); }

  bool IsObligationModal(const std::string& w) const { return obligation_modals_.Contains(w); }

  bool IsPossessive(const std::string& w) const { return possessives_.Contains(w); }

  const WordList& prepositions_;
  const WordList& clause_boundaries_;
  const WordList& determiners_;
  const WordList& light_verbs_;
  const WordList& irregular_participles_;
  const WordList& auxiliaries_;
  const WordList& time_nouns_;
  const WordList& aspectual_verbs_;
  const WordList& obligation_modals_;  // "must", "should"
  const WordList& possessives_;        // "its", "their"
  const WordList& denial_cues_;        // "denied"
  const WordList& claim_rejections_;   // "rejected" (claims that ...)
  const WordList& claim_nouns_;        // "claims", "reports"
  const WordList& noun_prepositions_;  // after a cue's own, in order: "an attack on X"
};

// Acts that, announced for the future on a condition ("will withdraw its force unless ..."),
// are held over the target: PLOVER codes the announcement THREATEN.
bool IsThreatenable(const std::string& category) {
  return category == "FIGHT" || category == "ASSAULT" || category == "COERCE" ||
         category == "SANCTION" || category == "PROTEST" || category == "RETREAT" ||
         category == "REJECT";
}

bool IsMonadic(const std::string& category) {
  return category == "PROTEST" || category == "MOBILIZE" || category == "RETREAT";
}

// A cue's role frame, read from the frame column of events.tsv (see its header):
// "object", "none", or "prep:" followed by prepositions and role words joined by "|".
struct RoleFrame {
  bool object = false;       // the direct object is the target
  bool that_clause = false;  // "that": the subject of the that-clause is the target
  bool reciprocal = false;   // "each": "A and B met" codes A -> B and B -> A
  bool wish = false;         // "wish": the governed infinitive is only wished for ("wants to help")
  bool noun_only = false;    // "noun": the forms are never verbs ("truce", "suspension")
  std::vector<std::string> prepositions;  // the target follows one of these
  std::string source_preposition;         // "<p>=source": the source follows <p>, the subject
                                          // is the target ("received aid from X")
};

RoleFrame FrameOf(const EventCue& cue) {
  RoleFrame frame;
  if (cue.frame == TargetFrame::kObject) frame.object = true;
  if (cue.frame != TargetFrame::kPreposition) return frame;
  for (const std::string& word : cue.prepositions) {
    if (word == "obj") {
      frame.object = true;
    } else if (word == "that") {
      frame.that_clause = true;
    } else if (word == "each") {
      frame.reciprocal = true;
    } else if (word == "wish") {
      frame.wish = true;
    } else if (word == "noun") {
      frame.noun_only = true;
    } else if (word.ends_with("=source")) {
      frame.source_preposition = word.substr(0, word.size() - 7);
    } else {
      frame.prepositions.push_back(word);
    }
  }
  return frame;
}

class EventFinder : private EventWords {
 public:
  explicit EventFinder(Work& work)
      : EventWords(*work.lang),
        work_(work),
        d_(*work.dict),
        out_(*work.out),
        tokens_(work.out->tokens) {}

  void Run() {
    MarkSpeechCues();
    for (int s = 0; s < static_cast<int>(out_.sentences.size()); ++s) {
      int first = work_.sentence_first_token[s], last = work_.sentence_first_token[s + 1];
      matches_ = d_.event_matcher.FindAll(tokens_, work_.flags, first, last);
      MarkPossibleActs(last);
      verb_ending_at_.clear();
      for (const auto& match : matches_) {
        if (!IsNounUse(match, first, last)) verb_ending_at_[match.end - 1] = match.begin;
      }
      MarkVerbObjects(last);
      for (const auto& match : matches_) {
        if (Skip(s, first, match)) continue;
        Code(s, first, last, match);
      }
      CodeRequirements(s, last);
    }
  }

 private:
  const std::string& Norm(int t) const { return tokens_[t].norm; }
  int MentionAt(int t) const {
    int m = work_.mention_of_token[t];
    return m >= 0 && !out_.mentions[m].actor.empty() ? m : -1;
  }
  bool Boundary(int t) const { return IsClauseBoundary(Norm(t)) || speech_cue_[t]; }

  // Attribution cues ("said", "told reporters", "according to") end the clause of an event
  // on either side of them.
  void MarkSpeechCues() {
    speech_cue_.assign(tokens_.size(), 0);
    for (const Attribution& a : out_.attributions) {
      if (a.cue_span.empty()) continue;
      for (int t = TokenAt(a.cue_span.begin);
           t < static_cast<int>(tokens_.size()) && tokens_[t].span.begin < a.cue_span.end; ++t) {
        speech_cue_[t] = 1;
      }
    }
  }

  int TokenAt(int64_t offset) const {
    auto it = std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                               [](const Token& t, int64_t o) { return t.span.begin < o; });
    return static_cast<int>(it - tokens_.begin());
  }
  int MentionStart(int mention) const { return TokenAt(out_.mentions[mention].span.begin); }
  int MentionEnd(int mention) const {  // one past the mention's last token
    auto it = std::upper_bound(tokens_.begin(), tokens_.end(), out_.mentions[mention].span.end,
                               [](int64_t o, const Token& t) { return o <= t.span.begin; });
    return static_cast<int>(it - tokens_.begin());
  }

  // A mention that directly follows an event verb (after determiners) is that verb's object,
  // never the subject of a later verb: "Russia attacked Ukraine and killed civilians".
  void MarkVerbObjects(int last) {
    object_of_verb_.clear();
    for (const auto& match : matches_) {
      int t = match.end;
      while (t < last && IsDeterminer(Norm(t))) ++t;
      if (t < last && MentionAt(t) >= 0) object_of_verb_.insert(MentionAt(t));
    }
  }

  // Whether an attribution denies its content: a denial cue ("denied"), or a rejection
  // whose content opens with what is claimed ("rejected claims that ...").
  bool IsDenial(const Attribution& a) const {
    if (a.cue_span.empty() || a.content_span.empty()) return false;
    const std::string& cue = Norm(TokenAt(a.cue_span.begin));
    if (denial_cues_.Contains(cue)) return true;
    return claim_rejections_.Contains(cue) &&
           claim_nouns_.Contains(Norm(TokenAt(a.content_span.begin)));
  }

  // Whether an attribution's cue asks for something: a word of modality.tsv "required"
  // ("demanded", "urged", "insisted").
  bool IsDemandCue(const Attribution& a) const {
    if (a.cue_span.empty()) return false;
    auto it = d_.modal_words.find(Norm(TokenAt(a.cue_span.begin)));
    return it != d_.modal_words.end() && it->second == ModalWord::kRequired;
  }

  // "Russia said that Sudan must return the helicopter": reported speech whose subject is
  // followed by a modal of obligation ("must", "should") demands the act of that
  // subject (PLOVER DEMAND, speaker -> subject). A speaker binding itself ("said it must")
  // codes nothing: the target equals the source and DEMAND needs a target.
  void CodeRequirements(int sentence, int last) {
    place_of_act_.clear();
    for (int i = 0; i < static_cast<int>(out_.attributions.size()); ++i) {
      const Attribution& a = out_.attributions[i];
      if (a.sentence != sentence || a.actor.empty() || a.content_span.empty()) continue;
      int t = TokenAt(a.content_span.begin);
      while (t < last && (Norm(t) == "that" || IsDeterminer(Norm(t)) || !work_.flags[t].word)) {
        ++t;
      }
      int m = t < last ? MentionAt(t) : -1;
      if (m < 0 || out_.mentions[m].kind == MentionKind::kPronoun) continue;
      int modal = MentionEnd(m);
      if (modal >= last || tokens_[modal].span.end > a.content_span.end) continue;
      if (!IsObligationModal(Norm(modal))) continue;
      Event event;
      event.category = "DEMAND";
      event.sentence = sentence;
      event.cue_span = tokens_[modal].span;
      event.attribution = i;
      event.target = Participant(m);
      EmitWithSpeaker(std::move(event));
    }
  }

  // The "to" of each infinitive whose act is only a possibility: one a threat holds out
  // ("vowed to strike") or one wished for ("wants to help", "seeking to deepen ties").
  void MarkPossibleActs(int last) {
    possible_acts_.clear();
    for (const auto& match : matches_) {
      const EventCue& cue = d_.event_cues[match.payloads.back()];
      int to = Norm(match.end - 1) == "to" ? match.end - 1 : SkipTimePhrase(match.end, last);
      if (to >= last || Norm(to) != "to") continue;
      // "threatened to hold a general strike": whatever act a threat holds out is possible.
      if (cue.category == "THREATEN") {
        possible_acts_.insert(to);
        continue;
      }
      TokenMatcher::Match governed = GovernedCue(match, last);
      if (governed.end == governed.begin) continue;
      std::string category =
          GoverningCategory(cue.category, d_.event_cues[governed.payloads.back()].category);
      if (category == "THREATEN" || (FrameOf(cue).wish && !category.empty())) {
        possible_acts_.insert(to);
      }
    }
  }

  bool Skip(int sentence, int first, const TokenMatcher::Match& match) const {
    // A cue inside an actor name ("Defense Ministry") is not an event.
    if (work_.mention_of_token[match.begin] >= 0) return true;
    // "halted economic aid to X": a cue in the object of an event verb is what that verb acts
    // on, not an event of its own.
    if (IsObjectOfEventVerb(match.begin, first)) return true;
    // "Israeli-occupied", "Russian-backed": a cue inside a compound modifier.
    if (match.begin > first && Norm(match.begin - 1) == "-") return true;
    if (match.end < static_cast<int>(tokens_.size()) && Norm(match.end) == "-") return true;
    // A capitalised cue inside a sentence is a name or a month ("in March"), not a verb;
    // headlines capitalise every word and are exempt.
    return match.begin > first && work_.flags[match.begin].capitalized &&
           !out_.sentences[sentence].headline;
  }

  // Whether the words before `cue` are only determiners and modifiers back to the end of a verb
  // cue: "suspended (all) military aid", "halted economic aid". A verb form ("disperse
  // demonstrators protesting") or a cue right after the verb ("help support") is an act of its
  // own.
  bool IsObjectOfEventVerb(int cue, int first) const {
    if (Norm(cue).ends_with("ing") || Norm(cue).ends_with("ed")) return false;
    for (int t = cue - 1; t >= first && cue - t <= 3; --t) {
      // "agreed to send aid": after an infinitive marker the cue is the governed act.
      if (verb_ending_at_.count(t) > 0) return t < cue - 1 && Norm(t) != "to";
      if (!IsDeterminer(Norm(t)) && !IsModifierWord(t)) return false;
    }
    return false;
  }

  EventParticipant Participant(int mention) const {
    EventParticipant p;
    if (mention < 0) return p;
    const ActorMention& m = out_.mentions[mention];
    p.span = m.span;
    p.actor = m.actor.empty() ? CountryOfAgent(mention) : m.actor;
    p.sector = m.sector;
    p.person = m.person;
    p.mention = mention;
    return p;
  }

  // An agent without a country takes its possessor's ("Iraq's national security advisor") or
  // the one its place phrase names ("a court in Guyana", "officials from Kyiv").
  std::string CountryOfAgent(int mention) const {
    // "the prime minister of Pakistan": an unresolved definite description is placed too.
    MentionKind kind = out_.mentions[mention].kind;
    if (kind != MentionKind::kAgent && kind != MentionKind::kAnaphor) return "";
    int start = MentionStart(mention);
    // "Israeli intelligence officials": an agent right after an agent of a country is its.
    int before = start > 0 ? MentionAt(start - 1) : -1;
    if (before >= 0 && out_.mentions[before].kind == MentionKind::kAgent &&
        out_.mentions[before].person.empty() &&
        tokens_[start - 1].sentence == tokens_[start].sentence) {
      return out_.mentions[before].actor;
    }
    for (int t = start - 1, words = 0; t > 0 && words < 3; --t, ++words) {
      // "Serbia said its forces ...": a possessive determiner gives its owner's country.
      if (IsPossessive(Norm(t))) return PossessiveOwner(t);
      if (Norm(t) == "'s") {
        int owner = MentionAt(t - 1);
        return owner >= 0 && out_.mentions[owner].person.empty() ? out_.mentions[owner].actor : "";
      }
      if (!IsModifierWord(t)) break;
    }
    int t = MentionEnd(mention);
    // "President Jacques Chirac of France", "King Hassan of Morocco": a title's holder's name
    // may stand before the place phrase.
    for (int name = 0; name < 4 && t < static_cast<int>(tokens_.size()) &&
                       tokens_[t].sentence == tokens_[start].sentence &&
                       work_.flags[t].capitalized && work_.mention_of_token[t] < 0;
         ++name) {
      ++t;
    }
    if (t + 1 >= static_cast<int>(tokens_.size()) ||
        tokens_[t].sentence != tokens_[t + 1].sentence) {
      return "";
    }
    const std::string& link = Norm(t);
    if (link != "in" && link != "of" && link != "from") return "";
    int place = MentionAt(t + 1);
    if (place < 0 && Norm(t + 1) == "the" && t + 2 < static_cast<int>(tokens_.size())) {
      place = MentionAt(t + 2);
    }
    return place >= 0 && out_.mentions[place].person.empty() ? out_.mentions[place].actor : "";
  }

  // The actor a possessive determiner at `t` refers to: the pronoun's antecedent when it was
  // resolved, else the nearest earlier state or organisation of the sentence.
  std::string PossessiveOwner(int t) const {
    int own = work_.mention_of_token[t];
    if (own >= 0 && !out_.mentions[own].actor.empty()) return out_.mentions[own].actor;
    int first = work_.sentence_first_token[tokens_[t].sentence];
    for (int u = t - 1; u >= first; --u) {
      int m = MentionAt(u);
      if (m < 0) continue;
      const ActorMention& owner = out_.mentions[m];
      bool state = owner.person.empty() &&
                   (owner.kind == MentionKind::kName || owner.kind == MentionKind::kMetonym);
      return state ? owner.actor : "";
    }
    return "";
  }

  // A mention right after a preposition is that preposition's object, not a clause subject:
  // "talks in Kyiv ended". Two exceptions: "by" (a passive agent) and an "of" after a plain
  // noun, where the mention names whose or which ones ("Hundreds of UN troops withdrew").
  bool IsPrepositionalObject(int mention, int first) const {
    int before = MentionStart(mention) - 1;
    while (before > first && IsDeterminer(Norm(before))) --before;
    if (before < first || !IsPreposition(Norm(before)) || Norm(before) == "by") return false;
    if (Norm(before) != "of" || before == first) return true;
    if (work_.mention_of_token[before - 1] >= 0) return true;
    // The "of" phrase must open the clause: "Hundreds of ...", "The leaders of ...", but not
    // "ruled out a formal entry of Ukraine".
    int t = before - 1;
    for (int words = 0;
         t >= first && words < 3 && work_.flags[t].word && work_.mention_of_token[t] < 0 &&
         !IsPreposition(Norm(t)) && !IsDeterminer(Norm(t)) && !IsClauseBoundary(Norm(t));
         --t, ++words) {
    }
    while (t >= first && IsDeterminer(Norm(t))) --t;
    return !(t < first || Norm(t) == "," || IsClauseBoundary(Norm(t)) ||
             (speech_cue_[t] && verb_ending_at_.count(t) == 0));
  }

  struct Subject {
    int mention = -1;  // may be a mention without an actor ("insurgents"): then no event
    bool speaker_controls = false;  // "X pledged to expel ...": the speaker is the subject
  };

  // The clause subject of the word at `cue`: the nearest candidate mention on the left, or for
  // a participle after a comma (", killing ..."), the first one of the clause.
  Subject SubjectOf(int cue, int first) const {
    constexpr int kWindow = 30;
    bool adjunct = cue > first && Norm(cue - 1) == "," && Norm(cue).ends_with("ing");
    Subject subject;
    for (int t = cue - 1; t >= first && cue - t <= kWindow; --t) {
      // "The Palestine Liberation Organization (PLO) said", "Hezbollah (Party of God) group
      // declared": a parenthesis renames what stands before it, so the subject is read there.
      if (Norm(t) == ")") {
        int open = t - 1;
        while (open > first && cue - open <= kWindow && Norm(open) != "(" && Norm(open) != ")") {
          --open;
        }
        if (open >= first && Norm(open) == "(") {  // a ")" opening the clause has no "("
          t = open;
          continue;
        }
      }
      // "Trump ruled out X's entry into NATO and sided with Russia": reaching an earlier event
      // verb first, the cue shares that verb's subject.
      auto verb = verb_ending_at_.find(t);
      if (verb != verb_ending_at_.end() && subject.mention < 0 && !adjunct) {
        return SubjectOf(verb->second, first);
      }
      if (Boundary(t)) {
        // A stance cue governing an infinitive: "Qatar pledged to expel ..." (subject control).
        subject.speaker_controls =
            subject.mention < 0 && speech_cue_[t] && t + 1 < cue && Norm(t + 1) == "to";
        return subject;
      }
      int m = work_.mention_of_token[t];
      // "his decision": a possessive pronoun is a determiner, not the subject.
      if (m < 0 || (out_.mentions[m].kind == MentionKind::kPronoun && IsDeterminer(Norm(t)))) {
        continue;
      }
      int start = MentionStart(m);
      // A possessor stands for a head noun that is no mention: "Rwanda's Senate protested".
      if (!IsPrepositionalObject(m, first) && object_of_verb_.count(m) == 0) {
        // "The US commander in Iraq, General David Petraeus, held talks": an apposition
        // without an actor gives way to the phrase it renames.
        bool apposition = start > first && Norm(start - 1) == "," && Participant(m).actor.empty();
        if (!apposition || subject.mention < 0) subject.mention = m;
        if (!adjunct && !apposition) return subject;
      }
      t = start;
    }
    return subject;
  }

  // The noun phrase right after a verb: determiners, numbers and modifiers up to a
  // preposition other than "of" or "from" ("the mayor of Nablus", "dissidents from Egypt"), a
  // comma or a clause boundary.
  // Returns kUnknownObject when the object is a mention without an actor ("jailed two
  // opposition leaders"): the target is then unknown, and no later phrase stands in for it.
  static constexpr int kUnknownObject = -2;
  int ObjectOf(int from, int last) const {
    constexpr int kWindow = 8;
    for (int t = from; t < last && t - from < kWindow; ++t) {
      if (Boundary(t) || Norm(t) == "," || Norm(t) == "and") return -1;
      // "condemned the attack by Somalia": the agent of the object noun is the target.
      if (IsPreposition(Norm(t)) && Norm(t) != "of" && Norm(t) != "from" &&
          !(Norm(t) == "by" && t > from)) {
        return -1;
      }
      int m = work_.mention_of_token[t];
      if (m < 0) continue;
      // "telephoned his Russian counterpart": a possessive pronoun is a determiner here.
      if (out_.mentions[m].kind == MentionKind::kPronoun && IsDeterminer(Norm(t))) continue;
      if (out_.mentions[m].actor.empty()) {
        if (!Participant(m).actor.empty()) return m;  // "officials in Kyiv"
        // "arrested dozens of farmers": a generic agent is the target, placed by Emit.
        if (out_.mentions[m].kind == MentionKind::kAgent && !out_.mentions[m].sector.empty()) {
          return m;
        }
        return kUnknownObject;
      }
      return IsPlace(m, t) ? -1 : m;
    }
    return -1;
  }

  // "met in Berlin": a capital after a place preposition is where, not whom.
  bool IsPlace(int mention, int t) const {
    if (out_.mentions[mention].kind != MentionKind::kMetonym || t == 0) return false;
    const std::string& before = Norm(t - 1);
    return before == "in" || before == "at" || before == "near" || before == "outside";
  }

  // The first mention after one of `prepositions`, inside the clause.
  // The target phrase attaches to the cue: it may follow the object and one other phrase
  // ("fired batteries at Russia", "met on Tuesday with Lavrov"), never a comma, a quotation
  // mark or a second unlisted phrase ("attacked Clinton for her support of action in Iraq").
  int AfterPreposition(int from, int last, const std::vector<std::string>& prepositions) const {
    constexpr int kWindow = 14;
    bool opened = false;
    int unlisted = 0;
    std::string preposition;  // the last one read
    for (int t = from; t < last && t - from < kWindow; ++t) {
      const std::string& n = Norm(t);
      if (Boundary(t) || n == "," || n == "\"" || n == "``" || n == "''") return -1;
      if (IsPreposition(n)) {
        // "with exiled dissidents from Myanmar": "of" and "from" stay inside the phrase.
        bool inside = opened && (n == "of" || n == "from");
        bool listed = std::find(prepositions.begin(), prepositions.end(), n) != prepositions.end();
        // "able to defend": "to" before a plain word is an infinitive, not a preposition.
        if (listed && n == "to" && t + 1 < last && IsModifierWord(t + 1)) listed = false;
        if (!inside && !listed && ++unlisted > 1) return -1;
        opened = inside || listed;
        preposition = n;
        continue;
      }
      // "with their Afghan counterparts": a possessive pronoun is a determiner here.
      if (work_.mention_of_token[t] >= 0 && IsDeterminer(n) &&
          out_.mentions[work_.mention_of_token[t]].kind == MentionKind::kPronoun) {
        continue;
      }
      int m = MentionAt(t);
      // "used tear gas against demonstrators": a generic agent is the target, placed by Emit.
      int agent = work_.mention_of_token[t];
      // Not a title ("with President Michel Suleiman"), which names a person, nor a place
      // ("in front of parliament").
      bool place = preposition == "in" || preposition == "at" || preposition == "of" ||
                   preposition == "near" || preposition == "outside";
      if (m < 0 && opened && !place && agent >= 0 &&
          out_.mentions[agent].kind == MentionKind::kAgent &&
          !out_.mentions[agent].sector.empty() && !work_.flags[t].capitalized) {
        return agent;
      }
      if (m < 0) continue;
      if (opened && !IsPlace(m, t)) return m;
      t = MentionEnd(m) - 1;
    }
    return -1;
  }

  // "alleged that France was aware ...": the subject of the that-clause.
  int ThatClauseSubject(int from, int last) const {
    int t = SkipTimePhrase(from, last);  // "demanded Friday that X ..."
    if (t < last && Norm(t) == "that") ++t;
    while (t < last && IsDeterminer(Norm(t))) ++t;
    return t < last ? MentionAt(t) : -1;
  }

  int AgentAfterBy(int from, int last) const {
    for (int t = from; t < last && t - from < 8; ++t) {
      if (Boundary(t)) return -1;
      if (Norm(t) != "by") continue;
      for (int u = t + 1; u < last && u - t < 6; ++u) {
        if (MentionAt(u) >= 0) return MentionAt(u);
        if (IsPreposition(Norm(u)) || Boundary(u)) return -1;
      }
      return -1;
    }
    return -1;
  }

  void ReadModifiers(int cue, int first, Event& event) const {
    // "will not compromise on territory or cede land": a negation before "or"/"nor" reaches
    // the verbs it coordinates.
    int window = 5;
    for (int t = cue - 1; t >= first && cue - t <= window; --t) {
      if (Norm(t) == "or" || Norm(t) == "nor") window = 15;
      // Stance cues are read here, not crossed as boundaries: "refused to", "wants to".
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
    // An infinitive names an aim, not a deed: the subject's own ("plans to attack") or, after
    // an object ("wants Putin to attack", "pressure from Congress to help"), what someone else
    // requires of it.
    int to = cue - 1;
    while (to > first && (Norm(to).ends_with("ly") || IsAspectual(Norm(to)))) --to;
    if (to < first || Norm(to) != "to") return;
    bool object_control = to > first && work_.mention_of_token[to - 1] >= 0;
    // "a threat to boycott", "efforts to counter": an act a noun proposes is only possible.
    bool after_noun = to > first && InNounPhrase(to - 1, first);
    if (!object_control && (possible_acts_.count(to) > 0 || after_noun)) {
      event.modality = Modality::kPossible;
    } else if (event.modality == Modality::kAsserted) {
      event.modality = object_control ? Modality::kRequired : Modality::kIntended;
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

  // PLOVER codes a harmful act announced on a condition ("will withdraw its force unless X
  // agrees", "may halt mediation if ...") as THREATEN; the threat is made, so it is asserted.
  // A threat without a target of its own is held over the subject of the condition.
  // A concession announced with "will" or "would" ("will support X's bid", "said they would
  // release the hostages") commits the source to it: PLOVER's AGREE, asserted. Meetings and
  // deliveries set for later stay CONSULT and AID, as CAMEO coders code them.
  // Likewise a hostile act announced with "will" or "would" ("said they would boycott all
  // contact with X", "will impose sanctions on X") is held over the target: THREATEN, asserted.
  void ReadCommitment(const TokenMatcher::Match& match, int first, Event& event) const {
    const std::string& c = event.category;
    bool commits = c == "SUPPORT" || c == "CONCEDE" || c == "COOPERATE" || c == "RETREAT";
    bool threatens = IsHostile(c) || c == "PROTEST";
    if ((!commits && !threatens) || event.negated || event.modality != Modality::kIntended) {
      return;
    }
    for (int t = match.begin - 1; t >= first && match.begin - t <= 3; --t) {
      if (Norm(t) == "will" || Norm(t) == "would" || Norm(t) == "'ll") {
        event.category = commits ? "AGREE" : "THREATEN";
        event.modality = Modality::kAsserted;
        return;
      }
      if (!Norm(t).ends_with("ly") && Norm(t) != "also" && Norm(t) != "soon") return;
    }
  }

  // An act inside the condition ("unless Britain released the tanker") is only possible.
  void ReadCondition(const TokenMatcher::Match& match, int first, int last, Event& event) {
    condition_subject_ = -1;
    if (InCondition(match.begin, first)) event.modality = Modality::kPossible;
    int condition = ConditionAfter(match.end, last);
    if (condition < 0) return;
    bool infinitive = match.begin > first && Norm(match.begin - 1) == "to";
    bool future = event.modality == Modality::kIntended || event.modality == Modality::kPossible;
    if (IsThreatenable(event.category) && future && !infinitive && !event.negated) {
      event.category = "THREATEN";
      event.modality = Modality::kAsserted;
    }
    if (event.category == "THREATEN") condition_subject_ = ThatClauseSubject(condition + 1, last);
  }

  bool InCondition(int cue, int first) const {
    constexpr int kWindow = 12;
    for (int t = cue - 1; t >= first && cue - t <= kWindow; --t) {
      if (Norm(t) == "unless" || Norm(t) == "if") return true;
      if (Norm(t) == ";" || speech_cue_[t]) return false;
    }
    return false;
  }

  // The "unless" or "if" that opens a condition later in the sentence, or -1.
  int ConditionAfter(int from, int last) const {
    constexpr int kWindow = 25;
    for (int t = from; t < last && t - from < kWindow; ++t) {
      const std::string& n = Norm(t);
      if (n == "unless" || n == "if") return t;
      if (n == ";" || speech_cue_[t]) return -1;
    }
    return -1;
  }

  // The token after a short time phrase starting at `t` ("today", "on Monday", "last week"), or
  // `t` when none starts there.
  int SkipTimePhrase(int t, int last) const {
    int at = t;
    while (at < last && at - t < 2 && IsTimeOpener(Norm(at))) ++at;
    if (at < last && IsTimeNoun(Norm(at))) return at + 1;
    return t;
  }

  // The cue an infinitive after `match` starts: "agreed to lift", "threatened to strike".
  // Returns a match with end == begin when there is none.
  TokenMatcher::Match GovernedCue(const TokenMatcher::Match& match, int last) const {
    int at = SkipTimePhrase(match.end, last);  // "threatened on Monday to break relations"
    if (Norm(match.end - 1) != "to") {
      if (at >= last || Norm(at) != "to") return {match.end, match.end, {}};
      ++at;
    }
    // "promised to continue military aid", "threatened to resume attacks".
    while (at < last && IsAspectual(Norm(at))) ++at;
    if (at >= last) return {at, at, {}};
    return d_.event_matcher.LongestAt(tokens_, work_.flags, at, last);
  }

  static bool IsCooperative(const std::string& category) {
    return category == "AGREE" || category == "CONSULT" || category == "SUPPORT" ||
           category == "CONCEDE" || category == "COOPERATE" || category == "AID" ||
           category == "RETREAT";
  }
  static bool IsHostile(const std::string& category) {
    return category == "FIGHT" || category == "ASSAULT" || category == "COERCE" ||
           category == "SANCTION";
  }

  // What a cue governing an infinitive event codes (PLOVER codebook): a commitment to
  // cooperate is AGREE ("pledged to provide aid"), one to use force or coercion is THREATEN
  // ("vowed to strike"), a threat stays THREATEN, a refusal to cooperate is REJECT ("refused
  // to send aid"); any other governing cue is only the frame
  // of the governed event and codes nothing itself (empty).
  static std::string GoverningCategory(const std::string& governing, const std::string& governed) {
    if (governing == "THREATEN") return governing;
    if (governing == "REJECT") return IsCooperative(governed) ? governing : "";
    if (governing != "AGREE") return "";
    if (IsCooperative(governed)) return "AGREE";
    return IsHostile(governed) ? "THREATEN" : "";
  }

  int TargetOf(const TokenMatcher::Match& match, const RoleFrame& frame, int last) const {
    int target = -1;
    // A form ending in a preposition ("met with", "imposed sanctions on") has its object next.
    if (frame.object || IsPreposition(Norm(match.end - 1))) target = ObjectOf(match.end, last);
    if (target == kUnknownObject) return -1;
    if (target < 0 && frame.that_clause) target = ThatClauseSubject(match.end, last);
    // "released prisoners to Ukraine": a generic object without a country gives way to a
    // named target after one of the frame's prepositions.
    bool generic = target >= 0 && Participant(target).actor.empty();
    if ((target < 0 || generic) && !frame.prepositions.empty()) {
      int named = AfterPreposition(match.end, last, frame.prepositions);
      if (named >= 0 || !generic) target = named;
    }
    return target;
  }

  // Noun reading: after a determiner, possessive, preposition or actor adjective, or before
  // "of"/"by" ("the shelling of", "an attack by").
  bool IsNounUse(const TokenMatcher::Match& match, int first, int last) const {
    if (match.begin > first) {
      const std::string& before = Norm(match.begin - 1);
      // "to" before a verb is the infinitive marker ("offered to hand over").
      if (IsDeterminer(before) || (IsPreposition(before) && before != "to")) return true;
      // "the Berlin talks with": a capital right before the noun says where; before a
      // past-tense verb it is the subject ("Washington imposed new sanctions on").
      if (MentionAt(match.begin - 1) >= 0 &&
          out_.mentions[MentionAt(match.begin - 1)].kind == MentionKind::kMetonym &&
          !IsParticiple(Norm(match.begin))) {
        return true;
      }
      // "US strikes on Iran"; not "Sudan signed a peace agreement on Friday".
      if (MentionAt(match.begin - 1) >= 0 && !IsParticiple(Norm(match.end - 1)) &&
          !IsParticiple(Norm(match.begin)) && match.end < last &&
          (Norm(match.end) == "on" || Norm(match.end) == "against")) {
        return true;
      }
      // "the Russian demand for": a determiner, then a one-word actor adjective; not an
      // acronym ("the UN launched", "the EU demands") nor before a verb form.
      int m = MentionAt(match.begin - 1);
      if (m >= 0 && out_.mentions[m].kind == MentionKind::kName &&
          MentionStart(m) == match.begin - 1 && MentionStart(m) > first &&
          IsDeterminer(Norm(match.begin - 2)) && !Norm(match.begin - 1).ends_with("s") &&
          !work_.flags[match.begin - 1].all_caps && !IsParticiple(Norm(match.begin)) &&
          !IsParticiple(Norm(match.end - 1))) {
        return true;
      }
    }
    if (match.end < last && (Norm(match.end) == "of" || Norm(match.end) == "by")) return true;
    // "news hosts would ...": a verb is not followed by an auxiliary, a noun may be.
    if (match.end < last && match.end - match.begin == 1 && IsAuxiliary(Norm(match.end))) {
      return true;
    }
    // "a Michigan rally", "the new border deployment": a determiner before plain modifiers.
    if (InNounPhrase(match.begin - 1, first)) return true;
    // "Israeli tank shelling in Gaza", "US air strikes on": an actor adjective, then singular
    // modifiers ("Georgian demonstrators launched" is a subject and its verb), and no object.
    if (Norm(match.end - 1).ends_with("ed") ||
        (match.end < last && (MentionAt(match.end) >= 0 || IsDeterminer(Norm(match.end))))) {
      return false;
    }
    for (int t = match.begin - 1, words = 0; t >= first && words < 2; --t, ++words) {
      if (!IsModifierWord(t) || Norm(t).ends_with("s")) return MentionAt(t) >= 0 && words > 0;
    }
    return false;
  }

  // Whether the word at `t` ends a noun phrase opened by a determiner within three words:
  // "a Michigan", "an initial threat".
  bool InNounPhrase(int t, int first) const {
    for (int words = 0; t >= first && words < 3; --t, ++words) {
      if (IsDeterminer(Norm(t))) return words > 0;
      if (!work_.flags[t].word || work_.mention_of_token[t] >= 0 || IsPreposition(Norm(t)) ||
          IsClauseBoundary(Norm(t)) || IsAuxiliary(Norm(t)) || Norm(t) == "to" ||
          Norm(t).ends_with("ly") || Norm(t) == "and" || Norm(t) == "or") {
        return false;  // "praised the proposal and attacked X": a second verb
      }
    }
    return false;
  }

  // A lower-case word that is neither a function word nor part of a verb group.
  bool IsModifierWord(int t) const {
    const std::string& w = Norm(t);
    return work_.flags[t].word && !work_.flags[t].capitalized && work_.mention_of_token[t] < 0 &&
           !IsPreposition(w) && !IsDeterminer(w) && !IsClauseBoundary(w) &&
           !IsPassiveAuxiliary(w) && !w.ends_with("ly") && d_.modal_words.count(w) == 0 &&
           w != "and" && w != "or" && w != "has" && w != "have" && w != "had" && w != "to";
  }

  // The noun phrase's own actor: a possessor ("Russia's attack") or an actor adjective
  // ("Israeli tank shelling") within two modifier words before the noun.
  int NounOwner(int noun, int first) const {
    for (int t = noun - 1; t >= first && noun - t <= 3; --t) {
      if (Norm(t) == "'s") continue;
      int m = MentionAt(t);
      // "the Berlin talks": a capital before the noun says where, unless it owns it
      // ("Washington's support").
      if (m >= 0 && out_.mentions[m].kind == MentionKind::kMetonym && Norm(t + 1) != "'s") {
        return -1;
      }
      if (m >= 0) return m;
      if (IsDeterminer(Norm(t)) || Boundary(t) || IsPreposition(Norm(t)) || Norm(t) == ",") {
        return -1;
      }
    }
    return -1;
  }

  // "launched an air strike", "staged a protest": the subject of the light verb before the
  // noun phrase.
  int LightVerbSubject(int noun, int first) const {
    int t = LightVerbOf(noun, first);
    return t < 0 ? -1 : SubjectOf(t, first).mention;
  }

  // The light verb whose object is the noun at `noun`, or -1.
  // The noun phrase may hold a possessive pronoun ("held their first meeting") and a
  // quantity ("provide 25,000 tons of food aid").
  int LightVerbOf(int noun, int first) const {
    int t = noun - 1;
    for (int steps = 0; t >= first && steps < 7 && !IsLightVerb(Norm(t)); --t, ++steps) {
      bool pronoun = work_.mention_of_token[t] >= 0 &&
                     out_.mentions[work_.mention_of_token[t]].kind == MentionKind::kPronoun &&
                     IsDeterminer(Norm(t));
      if (pronoun || (Norm(t) == "of" && t > first &&
                      (Norm(t - 1).ends_with("s") || !work_.flags[t - 1].word))) {
        continue;
      }
      if (Boundary(t) || MentionAt(t) >= 0 || IsPreposition(Norm(t))) return -1;
    }
    return t < first || !IsLightVerb(Norm(t)) ? -1 : t;
  }

  // Whether an event verb precedes `noun` in its clause and `noun` is in what the verb acts
  // on: its object, or a phrase after "to", "of" or "for" ("refused assistance to the war
  // against X"), not an adjunct ("killed in Israeli shelling").
  bool InArgumentOfEventVerb(int noun, int first) const {
    for (int t = noun - 1; t >= first; --t) {
      if (verb_ending_at_.count(t) > 0) return true;
      if (Boundary(t) || Norm(t) == ";") return false;
      if (IsPreposition(Norm(t)) && Norm(t) != "to" && Norm(t) != "of" && Norm(t) != "for") {
        return false;
      }
    }
    return false;
  }

  void CodeNoun(Event& event, int first, int last, const TokenMatcher::Match& match,
                const RoleFrame& frame) {
    std::vector<std::string> prepositions = frame.prepositions;
    for (const std::string& p : noun_prepositions_) prepositions.push_back(p);
    // A form ending in its preposition ("meeting with", "attack on") has the target next.
    int target = IsPreposition(Norm(match.end - 1)) ? ObjectOf(match.end, last) : -1;
    if (target < 0) target = AfterPreposition(match.end, last, prepositions);
    int light_verb = LightVerbOf(match.begin, first);
    int source = light_verb < 0 ? -1 : SubjectOf(light_verb, first).mention;
    // "broke up a rally by students": the noun's own agent acts, not the verb's subject.
    if (match.end < last && Norm(match.end) == "by" && AgentAfterBy(match.end, last) >= 0) {
      source = -1;
    }
    if (source >= 0 && event.modality == Modality::kAsserted && !event.negated) {
      // "will provide food aid to X", "did not hold talks": the verb group is the light verb's.
      ReadModifiers(light_verb, first, event);
      ReadCommitment({light_verb, light_verb + 1, {}}, first, event);
    }
    if (source >= 0) {
      EmitForSubject(event, source, target, frame.reciprocal, first);
      return;
    }
    // Without a light verb, only a noun followed by its own phrase ("shelling in Gaza", "the
    // attack by X on Y", "the attack on Gaza") names an event; "news hosts would sign up"
    // names people.
    if (!IsPreposition(Norm(match.end - 1)) &&
        (match.end >= last || !IsPreposition(Norm(match.end)))) {
      return;
    }
    // "rejected North Korea's demand to ...", "refused assistance to the US-led war against
    // X": a noun event inside what an earlier event verb of its clause acts on is that
    // verb's matter, not an event of its own.
    if (InArgumentOfEventVerb(match.begin, first)) return;
    source = NounOwner(match.begin, first);
    if (source < 0) source = AgentAfterBy(match.end, last);
    if (source < 0) return;
    event.source = Participant(source);
    event.target = Participant(target);
    Emit(event);
  }

  // One event per conjoined subject ("The US, Russia and Switzerland met"); with no target and
  // a reciprocal frame, each subject acts on each other one.
  void EmitForSubject(const Event& event, int subject, int target, bool reciprocal, int first) {
    std::vector<int> sources = Conjuncts(subject, first);
    bool symmetric = target < 0 && sources.size() > 1 && reciprocal;
    for (size_t i = 0; i < sources.size(); ++i) {
      Event each = event;
      each.source = Participant(sources[i]);
      each.target = Participant(target);
      if (!symmetric) {
        Emit(each);
        continue;
      }
      for (size_t j = 0; j < sources.size(); ++j) {
        if (j == i) continue;
        each.target = Participant(sources[j]);
        Emit(each);
      }
    }
  }

  void Code(int sentence, int first, int last, const TokenMatcher::Match& match) {
    const EventCue& cue = d_.event_cues[match.payloads.back()];
    RoleFrame frame = FrameOf(cue);
    cue_word_ = Norm(match.begin);
    Event event;
    event.category = cue.category;
    TokenMatcher::Match governed = GovernedCue(match, last);
    if (governed.end > governed.begin) {
      // The governed event is coded on its own; this cue may code a commitment or threat
      // whose target is the governed event's.
      const EventCue& inner = d_.event_cues[governed.payloads.back()];
      event.category = GoverningCategory(cue.category, inner.category);
      if (event.category.empty()) return;
      frame = FrameOf(inner);
      frame.source_preposition.clear();
    }
    event.sentence = sentence;
    event.cue_span = {tokens_[match.begin].span.begin, tokens_[match.end - 1].span.end};
    ReadModifiers(match.begin, first, event);
    ReadCondition(match, first, last, event);
    ReadCommitment(match, first, event);
    event.attribution = AttributionHolding(event.cue_span.begin);
    place_of_act_ = PlaceAfter(match.end, last);
    // "Russia denied that its forces attacked Ukraine", "Syria rejected claims that it
    // attacked Turkey": a reported denial says the event did not happen.
    if (event.attribution >= 0 && IsDenial(out_.attributions[event.attribution])) {
      event.negated = !event.negated;
    }
    // "Greece demanded that its partners refuse to recognize X": what a demand asks for has
    // not happened; it is required.
    if (event.attribution >= 0 && event.modality == Modality::kAsserted &&
        IsDemandCue(out_.attributions[event.attribution])) {
      event.modality = Modality::kRequired;
    }
    int before = match.begin;
    while (before > first && Norm(before - 1).ends_with("ly")) --before;
    bool passive =
        before > first && IsPassiveAuxiliary(Norm(before - 1)) && IsParticiple(Norm(match.end - 1));
    if (frame.noun_only || (!passive && IsNounUse(match, first, last))) {
      CodeNoun(event, first, last, match, frame);
      return;
    }
    Subject subject = SubjectOf(match.begin, first);
    if (passive) {
      event.source = Participant(AgentAfterBy(match.end, last));
      event.target = Participant(subject.mention);
      Emit(event);
      return;
    }
    if (!frame.source_preposition.empty()) {
      // "received weapons from X": X gives, the subject receives.
      int source = Norm(match.end - 1) == frame.source_preposition
                       ? ObjectOf(match.end, last)  // the form ends in it: "received support from"
                       : AfterPreposition(match.end, last, {frame.source_preposition});
      event.source = Participant(std::max(source, -1));
      event.target = Participant(subject.mention);
      Emit(event);
      return;
    }
    int target = TargetOf(governed.end > governed.begin ? governed : match, frame, last);
    event.target = Participant(target);
    if (subject.mention < 0) {
      if (subject.speaker_controls) EmitWithSpeaker(event);
      return;
    }
    EmitForSubject(event, subject.mention, target, frame.reciprocal, first);
  }

  // Mentions joined to `mention` on its left by "and" or commas: "The US, Russia and
  // Switzerland met". Returned in text order, `mention` last.
  std::vector<int> Conjuncts(int mention, int first) const {
    std::vector<int> all = {mention};
    int t = MentionStart(mention);
    while (t - 1 > first) {
      int link = t - 1;
      // "the Sri Lankan government and the Tamil Tigers": determiners open each conjunct.
      while (link > first && IsDeterminer(Norm(link))) --link;
      if (Norm(link) != "and" && Norm(link) != ",") break;
      if (Norm(link) == "and" && link - 1 > first && Norm(link - 1) == ",") --link;
      int m = MentionAt(link - 1);
      if (m < 0 || IsPrepositionalObject(m, first)) break;  // "in Iraq, Obama and Clinton"
      all.insert(all.begin(), m);
      t = MentionStart(m);
    }
    return all;
  }

  void EmitWithSpeaker(Event event) {
    if (event.attribution < 0) return;
    const Attribution& a = out_.attributions[event.attribution];
    event.source.actor = a.actor;
    event.source.sector = a.sector;
    event.source.person = a.person;
    event.source.span = a.speaker_span;
    event.source.mention = a.speaker_mention;
    Emit(std::move(event));
  }

  // PLOVER modes decided by who acts on whom (docs/extract.md, "modes"):
  //   - armed forces killing an armed or unnamed side fight (FIGHT); killing civilians, or
  //     killing by anyone else, is one-sided violence (ASSAULT);
  //   - expelling inspectors, an international body or diplomats cuts relations (SANCTION);
  //     expelling anyone else is coercion (COERCE).
  void ApplyModeRules(Event& event) const {
    const std::string& cue = cue_word_;
    if (event.category == "ASSAULT" && cue.starts_with("kill") && event.source.sector == "MIL" &&
        event.target.sector != "CVL") {
      event.category = "FIGHT";
    }
    // Armed force used on civilians ("troops opened fire on protesters") is one-sided.
    if (event.category == "FIGHT" && event.target.sector == "CVL") event.category = "ASSAULT";
    // Armed forces arriving, travelling or visiting deploy (MOBILIZE); they do not consult.
    if (event.category == "CONSULT" && (event.source.sector == "MIL") &&
        (cue.starts_with("arriv") || cue.starts_with("travel") || cue.starts_with("visit"))) {
      event.category = "MOBILIZE";
    }
    if (event.category == "COERCE" && cue.starts_with("expel") &&
        (event.target.sector == "IGO" || event.target.sector == "DIP" ||
         event.target.actor.starts_with("IGO"))) {
      event.category = "SANCTION";
    }
  }

  // A generic agent that no country names ("police arrested dozens of farmers") takes the
  // state where the sentence places its acts: the target of an earlier event of the same
  // sentence by the same source ("Russia attacked Ukraine and killed civilians": UKR), else
  // the source's own state, as PLOVER and CAMEO coders place unnamed people in the acting
  // state. Intergovernmental sources place no one.
  void PlaceDomesticTarget(Event& event) const {
    const EventParticipant& target = event.target;
    if (!target.actor.empty() || target.mention < 0 || event.source.sector == "IGO" ||
        out_.mentions[target.mention].kind != MentionKind::kAgent ||
        event.source.actor.size() != 3 || event.source.actor == "IGO") {
      return;
    }
    event.target.actor = event.source.actor;
    for (auto it = out_.events.rbegin(); it != out_.events.rend(); ++it) {
      if (it->sentence != event.sentence) break;
      if (it->source.actor == event.source.actor && !it->target.actor.empty() &&
          it->target.actor.size() == 3) {
        event.target.actor = it->target.actor;
        return;
      }
    }
  }

  // The state of the place an act happens in: the first "in X" or "at X" after the cue in its
  // clause ("demonstrators protesting in Monrovia"), or empty.
  std::string PlaceAfter(int from, int last) const {
    for (int t = from; t + 1 < last && t - from < 12; ++t) {
      if (Boundary(t) || Norm(t) == ",") return "";
      if (Norm(t) != "in" && Norm(t) != "at") continue;
      int at = t + 1;
      if (at < last && Norm(at) == "the") ++at;
      // "in northern Uganda", "in the southern province of ..." stays a place phrase.
      for (int words = 0; at < last && words < 2 && IsModifierWord(at); ++words) ++at;
      int m = at < last ? MentionAt(at) : -1;
      if (m >= 0 && out_.mentions[m].person.empty()) return out_.mentions[m].actor;
    }
    return "";
  }

  void Emit(Event event) {
    // "demonstrators protesting in Monrovia": a generic agent without a country acts in the
    // state where the act happens.
    if (event.source.actor.empty() && event.source.mention >= 0 &&
        out_.mentions[event.source.mention].kind == MentionKind::kAgent) {
      event.source.actor = place_of_act_;
    }
    if (event.source.actor.empty()) return;
    PlaceDomesticTarget(event);
    if (event.target.actor.empty() && condition_subject_ >= 0) {
      event.target = Participant(condition_subject_);
    }
    if (event.target.actor == event.source.actor && event.target.person == event.source.person &&
        event.target.sector == event.source.sector) {
      event.target = EventParticipant{};
    }
    // PLOVER events are dyadic; only protests, mobilisations and retreats are coded without
    // a target (PLOVER codebook: the target of these may be implicit).
    if (event.target.actor.empty() && !IsMonadic(event.category)) return;
    // "Trump attacked Obama": one person attacking another in the news is a verbal attack,
    // which PLOVER codes DISAPPROVE; FIGHT is the use of armed force.
    if (event.category == "FIGHT" && !event.source.person.empty() && !event.target.person.empty()) {
      event.category = "DISAPPROVE";
    }
    ApplyModeRules(event);
    out_.events.push_back(std::move(event));
  }

  Work& work_;
  const Dictionaries& d_;
  Analysis& out_;
  const std::vector<Token>& tokens_;
  std::vector<uint8_t> speech_cue_;  // per token: part of an attribution cue
  std::vector<TokenMatcher::Match> matches_;
  std::unordered_set<int> object_of_verb_;
  std::unordered_map<int, int> verb_ending_at_;  // last token of a verb cue -> its first token
  std::unordered_set<int> possible_acts_;        // token index of the "to" before a possible act
  std::string cue_word_;        // first word of the cue being coded, for the mode rules
  int condition_subject_ = -1;  // mention opening the condition of the cue being coded
  std::string place_of_act_;    // state of the place of the cue being coded ("in Monrovia")
};

}  // namespace

void FindEvents(Work& work) { EventFinder(work).Run(); }

}  // namespace parley::extract_internal
