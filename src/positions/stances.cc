// Stances: cue phrases place a sentence on an issue's scale; the holder is the subject of the
// stance verb that governs the cue ("US negotiators still want Ukraine to cede..."), or the
// speaker of the quote that contains it. Negation, rejection and modality set the kind, the
// side of the scale and the confidence.
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "internal.h"
#include "parley/language.h"

namespace parley {

using positions_internal::CueMatch;
using positions_internal::CueMatcher;
using positions_internal::Lexicon;
using positions_internal::Trigger;
using positions_internal::TriggerClass;
using positions_internal::WordIndex;
using positions_internal::WordRole;

struct StanceExtractor::Impl {
  const Scenario* scenario = nullptr;
  StanceOptions options;
  CueMatcher cues;
  Lexicon lexicon;
  // Actors and groups: a group holds a stance like an actor, then hands it to its members.
  std::unordered_set<std::string> actor_ids;
  std::unordered_set<std::string> relay_ids;  // mediators and agencies (ScenarioActor::relays)
  // The word sets of data/lang/<code>/stance_*.tsv, chosen by the article's language.
  Languages languages;

  Impl(const Scenario& s, StanceOptions o, Lexicon l)
      : scenario(&s),
        options(std::move(o)),
        cues(s, l),
        lexicon(std::move(l)),
        languages(options.language_dir.empty() ? DefaultLanguageDir() : options.language_dir) {
    for (const ScenarioActor& actor : s.actors) actor_ids.insert(actor.id);
    for (const ScenarioGroup& group : s.groups) actor_ids.insert(group.id);
    for (const ScenarioActor& actor : s.actors) {
      if (actor.relays) relay_ids.insert(actor.id);
    }
  }
};

std::string_view StanceKindName(StanceKind kind) {
  switch (kind) {
    case StanceKind::kDemand:
      return "demand";
    case StanceKind::kOffer:
      return "offer";
    case StanceKind::kPropose:
      return "propose";
    case StanceKind::kAccept:
      return "accept";
    case StanceKind::kSupport:
      return "support";
    case StanceKind::kReject:
      return "reject";
    case StanceKind::kOppose:
      return "oppose";
    case StanceKind::kConcede:
      return "concede";
    case StanceKind::kCondition:
      return "condition";
  }
  return "support";
}

namespace {

// The stance rules' word sets of one language (data/lang/<code>/stance_*.tsv).
constexpr std::string_view kWordSets[] = {
    "stance_object_determiners", "stance_finite_auxiliaries",   "stance_auxiliary_adverbs",
    "stance_list_determiners",   "stance_hypothetical_openers", "stance_relative_pronouns",
    "stance_appositive_openers", "stance_topic_nouns",          "stance_topic_prepositions",
};

struct StanceWords {
  explicit StanceWords(const Language& lang)
      : object_determiners(lang.Words("stance_object_determiners")),
        finite_auxiliaries(lang.Words("stance_finite_auxiliaries")),
        auxiliary_adverbs(lang.Words("stance_auxiliary_adverbs")),
        list_determiners(lang.Words("stance_list_determiners")),
        hypothetical_openers(lang.Words("stance_hypothetical_openers")),
        relative_pronouns(lang.Words("stance_relative_pronouns")),
        appositive_openers(lang.Words("stance_appositive_openers")),
        topic_nouns(lang.Words("stance_topic_nouns")),
        topic_prepositions(lang.Words("stance_topic_prepositions")) {}

  const WordList& object_determiners;    // "the proposal": a stance noun, not a verb
  const WordList& finite_auxiliaries;    // will, has, was
  const WordList& auxiliary_adverbs;     // not, still, firmly
  const WordList& list_determiners;      // "the three countries", "Ukraine and its allies"
  const WordList& hypothetical_openers;  // if, unless, whether
  const WordList& relative_pronouns;     // which, that
  const WordList& appositive_openers;    // ", a demand that"
  const WordList& topic_nouns;           // "position on the snapback": position, stance
  const WordList& topic_prepositions;    // on, over, about
};

// Who holds a stance, and how we know.
struct Holder {
  int mention = -1;  // Analysis mention
  std::string actor;
  std::string speaker;
  bool via_pronoun = false;
  int end_word = -1;           // last word of the holder mention; the clause window starts after it
  std::vector<Trigger> chain;  // stance words between the holder and the cue
  bool from_quote = false;
  bool from_document = false;  // the holder put forward the plan or draft that states it
  bool plan_content = false;   // a sentence of the plan's terms, with no holder of its own
  // Actors coordinated with the holder ("Britain, France and Germany proposed"): each holds
  // the same stance.
  std::vector<std::pair<std::string, std::string>> partners;  // actor, speaker
};

// Who put forward a document ("the US plan", "a draft circulated by X").
struct DocumentOwner {
  std::string actor;
  std::string speaker;
  // Actors coordinated with the owner ("a resolution drafted by the E3 and the US").
  std::vector<std::pair<std::string, std::string>> partners;  // actor, speaker
};

// Stance-word classes from the strongest claim about the holder's will to the weakest.
int ClassRank(TriggerClass cls) {
  switch (cls) {
    case TriggerClass::kReject:
      return 0;
    case TriggerClass::kOppose:
      return 1;
    case TriggerClass::kDemand:
      return 2;
    case TriggerClass::kConcede:
      return 3;
    case TriggerClass::kOffer:
      return 4;
    case TriggerClass::kAccept:
      return 5;
    case TriggerClass::kSupport:
      return 6;
    case TriggerClass::kPropose:
      return 7;
    case TriggerClass::kSpeech:
      return 8;
  }
  return 8;
}

// The strongest stance word of a chain sets its class ("signalled willingness to reject").
TriggerClass StrongestClass(const std::vector<Trigger>& chain) {
  TriggerClass cls = TriggerClass::kSpeech;
  for (const Trigger& trigger : chain) {
    if (ClassRank(trigger.cls) < ClassRank(cls)) cls = trigger.cls;
  }
  return cls;
}

// Stance words that put the holder on the other side of what they govern.
bool IsRejecting(TriggerClass cls) {
  return cls == TriggerClass::kReject || cls == TriggerClass::kOppose;
}

// A reference stance: "welcomed the guarantees", "Kyiv was refusing". Its position comes from
// what others said on the issue in the same article, or from the proposal it answers.
struct PendingReference {
  Statement statement;
  TriggerClass cls;
};

class ArticleStances {
 public:
  ArticleStances(const StanceExtractor::Impl& impl, const Article& article,
                 const Analysis& analysis)
      : impl_(impl),
        article_(article),
        analysis_(analysis),
        index_(positions_internal::IndexWords(analysis)),
        words_(impl.languages.For(article.lang)) {}

  std::vector<Statement> Run() {
    for (size_t s = 0; s < analysis_.sentences.size(); ++s) Sentence(static_cast<int>(s));
    ResolveReferences();
    std::vector<Statement> kept;
    for (Statement& statement : statements_) {
      if (statement.confidence >= impl_.options.min_confidence)
        kept.push_back(std::move(statement));
    }
    std::stable_sort(kept.begin(), kept.end(), [](const Statement& a, const Statement& b) {
      return a.span.begin < b.span.begin;
    });
    return kept;
  }

 private:
  const std::string& Lower(int w) const { return index_.words[w].lower; }
  bool HasPunct(int w, char c) const {
    return index_.words[w].punct_before.find(c) != std::string::npos;
  }
  bool IsBoundary(int w) const {
    return impl_.lexicon.RoleOf(Lower(w)) == WordRole::kBoundary || HasPunct(w, ';');
  }

  void Sentence(int s) {
    const int begin = index_.sentence_first[s];
    const int end = index_.sentence_first[s + 1];
    if (begin == end) return;
    const std::vector<CueMatch> matches = impl_.cues.Find(index_, analysis_, begin, end);
    cue_spans_ = matches;
    NoteDocumentOwners(s, begin, end);
    std::vector<Statement> found;
    for (const CueMatch& match : matches) {
      for (Statement& statement : Direct(s, begin, end, match, matches)) {
        if (impl_.relay_ids.count(statement.actor) > 0) Relay(match, begin, statement);
        found.push_back(std::move(statement));
      }
      if (auto agent = PassiveAgent(s, end, match)) found.push_back(std::move(*agent));
      for (Statement& answer : RelativeAnswer(s, end, match)) found.push_back(std::move(answer));
    }
    References(s, begin, end, matches);
    found = impl_.scenario->groups.empty() ? std::move(found) : ForMembers(std::move(found));
    // Two cues of one sentence that put the same actor at the same point are one statement;
    // different points ("will not cede Donbas, but ready to freeze the line") are two.
    for (Statement& statement : found) {
      auto same = std::find_if(sentence_best_.begin(), sentence_best_.end(), [&](const auto& k) {
        return k.first.actor == statement.actor && k.first.issue == statement.issue &&
               std::fabs(k.first.position - statement.position) < 5;
      });
      if (same == sentence_best_.end()) {
        sentence_best_.push_back({statement, 0});
      } else if (statement.confidence > same->first.confidence + 1e-9) {
        same->first = statement;
      }
    }
    for (auto& [statement, unused] : sentence_best_) statements_.push_back(std::move(statement));
    sentence_best_.clear();
  }

  // The scenario actor a mention stands for, with the pronoun rule below.
  bool MentionActor(int mention, int word, Holder& holder) const {
    const ActorMention& m = analysis_.mentions[mention];
    holder.mention = mention;
    holder.actor = m.actor;
    holder.speaker = analysis_.Slice(m.span);
    if (m.kind == MentionKind::kPronoun) {
      holder.via_pronoun = true;
      // A sentence-initial "He"/"She" continues the previous sentence's subject: its first
      // person mention (centering: the subject is the preferred antecedent).
      if (word == index_.sentence_first[m.sentence]) {
        if (int previous = PreviousSubject(m.sentence); previous >= 0) {
          holder.actor = analysis_.mentions[previous].actor;
          holder.speaker = analysis_.Slice(analysis_.mentions[previous].span);
          return impl_.actor_ids.count(holder.actor) > 0;
        }
      }
      if (m.antecedent >= 0)
        holder.speaker = analysis_.Slice(analysis_.mentions[m.antecedent].span);
      if (holder.actor.empty()) {
        // "it"/"they" left unresolved: the latest actor named before it, in this sentence or
        // the one before.
        for (int k = mention - 1; k >= 0 && analysis_.mentions[k].sentence >= m.sentence - 1; --k) {
          const ActorMention& earlier = analysis_.mentions[k];
          if (earlier.kind != MentionKind::kPronoun && earlier.person.empty() &&
              impl_.actor_ids.count(earlier.actor) > 0) {
            holder.actor = earlier.actor;
            holder.speaker = analysis_.Slice(earlier.span);
            break;
          }
        }
      }
    }
    return impl_.actor_ids.count(holder.actor) > 0;
  }

  int PreviousSubject(int sentence) const {
    for (int s = sentence - 1; s >= 0 && s >= sentence - 2; --s) {
      for (size_t m = 0; m < analysis_.mentions.size(); ++m) {
        const ActorMention& mention = analysis_.mentions[m];
        if (mention.sentence == s && !mention.person.empty() &&
            mention.kind != MentionKind::kPronoun) {
          return static_cast<int>(m);
        }
      }
    }
    return -1;
  }

  // First word of the mention whose last word is `w`.
  int MentionStart(int w) const {
    const int mention = index_.words[w].mention;
    while (w > 0 && index_.words[w - 1].mention == mention) --w;
    return w;
  }

  // Scans left from word `from` (exclusive) for the subject of the stance words met on the way.
  // Mentions met before any stance word belong to the cue's own clause ("Ukraine to cede")
  // and are passed over, as are mentions inside a cue phrase ("join NATO") and prepositional
  // objects; after a stance word, the first other mention is the subject. Stance words join
  // the chain only while they follow each other closely ("signalled willingness to
  // consider"); a clause boundary ends the search.
  std::optional<Holder> FindSubject(int from, int begin, std::optional<Trigger> first) const {
    Holder holder;
    if (first) holder.chain.push_back(*first);
    for (int w = from - 1; w >= begin; --w) {
      if (index_.words[w].mention >= 0) {
        const int start = MentionStart(w);
        const int group_start = CoordinationStart(start, begin);
        const bool possessive =
            w + 1 < static_cast<int>(index_.words.size()) && Lower(w + 1) == "s";
        const bool object = (PrepositionalObject(group_start, begin) && !possessive) ||
                            InsideCue(w) || (possessive && !OwnsStanceNoun(w, holder));
        const ActorMention& m = analysis_.mentions[index_.words[w].mention];
        const bool stray_pronoun =
            m.kind == MentionKind::kPronoun && !holder.chain.empty() && !PronounGoverns(w, holder);
        if (!holder.chain.empty() && !object && !stray_pronoun) {
          if (MentionActor(index_.words[w].mention, start, holder)) {
            holder.end_word = w;
            AddPartners(holder, group_start, start);
            return Governing(std::move(holder), group_start, begin);
          }
          // "The UK and Canada support...": the scenario actors of a coordinated subject.
          if (auto group = GroupHolder(std::move(holder), group_start, w)) {
            return Governing(std::move(*group), group_start, begin);
          }
          // A named non-scenario subject ("analysts", "officials") holds the stance itself.
          if (m.kind != MentionKind::kPronoun) return std::nullopt;
          holder = Holder();
          if (first) holder.chain.push_back(*first);
        }
        if (IsBoundaryAt(start, w + 1)) return std::nullopt;
        w = start;
        continue;
      }
      if (IsDocumentSubject(w, begin)) {
        return DocumentHolder(w, begin, std::move(holder));
      }
      if (!holder.chain.empty()) {
        if (auto counted = CountedHolder(w, begin, holder)) return counted;
      }
      if (auto trigger = impl_.lexicon.TriggerAt(index_, w, from);
          trigger && !AfterDeterminer(w, begin)) {
        // Stance words chain while they follow each other closely ("signalled willingness to
        // consider"); "and" between them starts another predicate ("criticised Russia's
        // stance and pressed for...").
        const bool chained = !holder.chain.empty() &&
                             holder.chain.back().first - trigger->last <= 2 &&
                             !WordBetween(trigger->last, holder.chain.back().first, "and");
        if (holder.chain.empty() || chained) {
          holder.chain.push_back(*trigger);
        }
      }
      if (IsBoundaryAt(w, w + 1)) return std::nullopt;
    }
    return std::nullopt;
  }

  // "The three countries stressed...": a count word and a collective noun stand for the last
  // list of that many scenario actors the article named before them.
  std::optional<Holder> CountedHolder(int w, int begin, const Holder& found) const {
    const int count = impl_.lexicon.CountOf(Lower(w));
    const int words = static_cast<int>(index_.words.size());
    if (count == 0 || w + 1 >= words ||
        impl_.lexicon.RoleOf(Lower(w + 1)) != WordRole::kCollective || w - 1 < begin ||
        !IsListDeterminer(Lower(w - 1)) || PrepositionalObject(w - 1, begin)) {
      return std::nullopt;
    }
    for (int k = w - 2; k >= 0; --k) {
      if (index_.words[k].mention < 0 || !IsNamedActor(index_.words[k].mention)) continue;
      const int sentence_begin = index_.sentence_first[index_.words[k].sentence];
      const int start = CoordinationStart(MentionStart(k), sentence_begin);
      const int last = std::min(CoordinationEnd(MentionEnd(k)), w - 2);
      std::vector<int> actors;
      for (int j = start; j <= last; ++j) {
        const int mention = index_.words[j].mention;
        if (mention < 0 || !IsNamedActor(mention)) continue;
        const bool known = std::any_of(actors.begin(), actors.end(), [&](int other) {
          return analysis_.mentions[other].actor == analysis_.mentions[mention].actor;
        });
        if (!known) actors.push_back(mention);
        j = MentionEnd(j);
      }
      if (static_cast<int>(actors.size()) == count) {
        Holder holder = found;
        holder.mention = -1;
        holder.actor = analysis_.mentions[actors.front()].actor;
        holder.speaker = analysis_.Slice(analysis_.mentions[actors.front()].span);
        holder.end_word = w + 1;
        for (size_t a = 1; a < actors.size(); ++a) {
          holder.partners.emplace_back(analysis_.mentions[actors[a]].actor,
                                       analysis_.Slice(analysis_.mentions[actors[a]].span));
        }
        return holder;
      }
      k = start;
    }
    return std::nullopt;
  }

  // A list or name after a preposition ("talks with the EU and NATO") is an object, unless the
  // list names members of a group subject ("Western leaders, including from the US and the
  // EU, ...").
  bool PrepositionalObject(int group_start, int begin) const {
    int k = group_start - 1;
    if (k >= begin && IsListDeterminer(Lower(k))) --k;
    if (k < begin || !impl_.lexicon.IsPreposition(Lower(k))) return false;
    // "the foreign ministers of Iran, China and Russia": the list names the subject's members.
    if (k > begin && (Lower(k) == "of" || Lower(k) == "from") &&
        impl_.lexicon.RoleOf(Lower(k - 1)) == WordRole::kCollective) {
      return false;
    }
    return !(k > begin && Lower(k - 1) == "including");
  }

  // "Russia's demand that...": a possessive holds the stance noun right after it; in
  // "criticised Russia's stance ... and pressed for", "Russia's" owns no stance word.
  bool OwnsStanceNoun(int possessor_last, const Holder& holder) const {
    constexpr int kNounWords = 3;  // "'s", a modifier, the stance noun
    return std::any_of(holder.chain.begin(), holder.chain.end(), [&](const Trigger& trigger) {
      return trigger.first > possessor_last && trigger.first <= possessor_last + kNounWords;
    });
  }

  bool WordBetween(int from, int to, const char* word) const {
    for (int w = from + 1; w < to; ++w) {
      if (Lower(w) == word) return true;
    }
    return false;
  }

  // ---- coordinated holders ----

  bool IsNamedActor(int mention) const {
    const ActorMention& m = analysis_.mentions[mention];
    return m.kind != MentionKind::kPronoun && impl_.actor_ids.count(m.actor) > 0;
  }

  // The first word of the coordination that ends with the mention starting at `start`:
  // "Britain, France and Germany" from "Germany". Commas link only inside a list closed by
  // "and", so "Moscow, Putin said" and appositions stay single.
  int CoordinationStart(int start, int begin) const {
    int group_start = start;
    bool closed = false;
    for (int k = start;;) {
      if (k - 1 >= begin && IsListDeterminer(Lower(k - 1))) --k;  // "Ukraine and its allies"
      int previous = -1;
      if (k - 1 >= begin && Lower(k - 1) == "and" && !closed) {
        previous = k - 2;
        closed = true;
      } else if (closed && HasPunct(k, ',')) {
        previous = k - 1;
      }
      if (previous < begin || index_.words[previous].mention < 0 ||
          !IsNamedActor(index_.words[previous].mention)) {
        return group_start;
      }
      k = MentionStart(previous);
      group_start = k;
    }
  }

  bool IsListDeterminer(const std::string& word) const {
    return words_.list_determiners.Contains(word);
  }

  // The last scenario actor of the coordination [group_start, last], with the others as
  // partners; nullopt when it names none.
  std::optional<Holder> GroupHolder(Holder holder, int group_start, int last) const {
    for (int w = last; w >= group_start; --w) {
      const int mention = index_.words[w].mention;
      if (mention < 0 || !IsNamedActor(mention)) continue;
      const int start = MentionStart(w);
      if (!MentionActor(mention, start, holder)) return std::nullopt;
      holder.end_word = last;
      AddPartners(holder, group_start, start);
      return holder;
    }
    return std::nullopt;
  }

  // Adds every actor named in [group_start, holder_start) to the holder's partners.
  void AddPartners(Holder& holder, int group_start, int holder_start) const {
    for (int w = group_start; w < holder_start; ++w) {
      const int mention = index_.words[w].mention;
      if (mention < 0 || !IsNamedActor(mention)) continue;
      const ActorMention& m = analysis_.mentions[mention];
      const bool known =
          m.actor == holder.actor || std::any_of(holder.partners.begin(), holder.partners.end(),
                                                 [&](const auto& p) { return p.first == m.actor; });
      if (!known) holder.partners.emplace_back(m.actor, analysis_.Slice(m.span));
      w = MentionEnd(w);
    }
  }

  int MentionEnd(int w) const {
    const int mention = index_.words[w].mention;
    const int words = static_cast<int>(index_.words.size());
    while (w + 1 < words && index_.words[w + 1].mention == mention) ++w;
    return w;
  }

  // ---- documents as holders ----

  bool IsDocumentSubject(int w, int begin) const {
    return impl_.lexicon.RoleOf(Lower(w)) == WordRole::kDocument && !InsideCue(w) &&
           IsClauseSubject(w, begin);
  }

  // A document word opens its clause ("The plan would...", "..., the draft calls for"):
  // between it and the clause start only a few modifiers, no preposition and no stance verb
  // other than one of speech ("Zelensky said the plan would..." is still the plan's content).
  bool IsClauseSubject(int w, int begin) const {
    constexpr int kModifiers = 5;
    for (int k = w - 1; k >= begin && k >= w - kModifiers; --k) {
      if (HasPunct(k + 1, ',') || HasPunct(k + 1, ';') || HasPunct(k + 1, ':') || IsBoundary(k) ||
          Lower(k) == "that") {
        return true;
      }
      if (impl_.lexicon.IsPreposition(Lower(k))) return false;
      if (auto trigger = impl_.lexicon.TriggerAt(index_, k, w)) {
        return trigger->cls == TriggerClass::kSpeech;
      }
    }
    return w - begin <= kModifiers;
  }

  std::optional<Holder> DocumentHolder(int w, int begin, Holder holder) const {
    const int end = index_.sentence_first[index_.words[w].sentence + 1];
    std::optional<DocumentOwner> owner = OwnerNear(w, begin, end);
    if (!owner && !document_owner_.actor.empty()) owner = document_owner_;
    if (!owner) return std::nullopt;
    return OwnedBy(*owner, w, std::move(holder));
  }

  // The holder `holder` as the document owner, its clause starting after word `end_word`.
  static Holder OwnedBy(const DocumentOwner& owner, int end_word, Holder holder) {
    holder.actor = owner.actor;
    holder.speaker = owner.speaker;
    holder.from_document = true;
    holder.end_word = end_word;
    holder.partners = owner.partners;
    if (holder.chain.empty()) holder.chain.push_back(Trigger());
    return holder;
  }

  // The owner named by the mention at word `w`, with the actors coordinated with it.
  DocumentOwner OwnerAt(int w) const {
    const int mention = index_.words[w].mention;
    DocumentOwner owner{
        analysis_.mentions[mention].actor, analysis_.Slice(analysis_.mentions[mention].span), {}};
    const int sentence_begin = index_.sentence_first[index_.words[w].sentence];
    Holder list;
    list.actor = owner.actor;
    AddPartners(list, CoordinationStart(MentionStart(w), sentence_begin),
                CoordinationEnd(MentionEnd(w)) + 1);
    owner.partners = std::move(list.partners);
    return owner;
  }

  // "- Military constraints: a peacetime cap of 800,000", "Sanctions would be lifted in
  // stages": in an article that attributes a plan, a sentence that names no actor before its
  // cue and reads as the plan's content (a list item, or a modal verb with no subject of its
  // own) states the plan's terms.
  std::optional<Holder> PlanContent(const CueMatch& match, int begin) const {
    if (document_owner_.actor.empty()) return std::nullopt;
    bool modal = false;
    for (int w = begin; w <= match.last; ++w) {
      const int mention = index_.words[w].mention;
      if (w < match.first && mention >= 0 &&
          impl_.actor_ids.count(analysis_.mentions[mention].actor) > 0) {
        return std::nullopt;
      }
      modal = modal || Lower(w) == "would" || Lower(w) == "will";
    }
    if (!modal && !in_list_ && !ListItem(begin)) return std::nullopt;
    Holder holder = OwnedBy(document_owner_, begin - 1, Holder());  // the sentence is the clause
    holder.plan_content = true;
    return holder;
  }

  // A line that opens with a dash or bullet, or with a short label and a colon.
  bool ListItem(int begin) const {
    constexpr int kLabelWords = 4;
    if (HasPunct(begin, '-')) return true;
    const int end = index_.sentence_first[index_.words[begin].sentence + 1];
    for (int w = begin + 1; w < end && w <= begin + kLabelWords; ++w) {
      if (HasPunct(w, ':')) return true;
    }
    return false;
  }

  bool OwnerlessDocumentSubject(int from, int begin) const {
    for (int w = from - 1; w >= begin && index_.words[w].mention < 0; --w) {
      if (IsDocumentSubject(w, begin)) {
        const int end = index_.sentence_first[index_.words[w].sentence + 1];
        return !OwnerNear(w, begin, end) && document_owner_.actor.empty();
      }
    }
    return false;
  }

  // "The proposal would confirm X, but limit its army": a document that opens the sentence
  // is the subject of its later clauses too.
  std::optional<Holder> DocumentSubject(int from, int begin) const {
    for (int w = from - 1; w >= begin; --w) {
      if (IsDocumentSubject(w, begin)) {
        return DocumentHolder(w, begin, Holder());
      }
    }
    return std::nullopt;
  }

  // The actor who put forward the document word at `w`: a name right before it ("the US
  // plan", "Kyiv's draft"), "by" a name after it ("a plan drafted by Witkoff"), or the subject
  // of the clause that presents it ("Zelensky unveiled a 20-point plan"), unless that clause
  // rejects it.
  std::optional<DocumentOwner> OwnerNear(int w, int begin, int end) const {
    constexpr int kModifierWords = 4;
    constexpr int kAfterWords = 8;
    constexpr int kClauseWords = 10;
    bool presented = false;  // a verb of presenting stands between: "Kyiv proposed a plan"
    for (int k = w - 1; k >= begin && k >= w - kClauseWords; --k) {
      if (HasPunct(k + 1, ',') || HasPunct(k + 1, ';') || IsBoundary(k)) break;
      if (auto trigger = impl_.lexicon.TriggerAt(index_, k, w)) {
        // "Putin said the plan...", "Zelensky rejected the plan": not its author.
        if (trigger->cls != TriggerClass::kPropose && trigger->cls != TriggerClass::kOffer) break;
        presented = true;
      }
      const int mention = index_.words[k].mention;
      if (mention < 0) continue;
      const int start = MentionStart(k);
      const bool object = start > begin && impl_.lexicon.IsPreposition(Lower(start - 1));
      const bool modifier = !presented && w - k <= kModifierWords;
      if (impl_.actor_ids.count(analysis_.mentions[mention].actor) > 0 && (modifier || !object)) {
        return OwnerAt(k);
      }
      if (!modifier && object) break;
      k = start;
    }
    for (int k = w + 1; k + 1 < end && k <= w + kAfterWords; ++k) {
      if (IsBoundary(k) || HasPunct(k, ';')) break;
      if (Lower(k) != "by") continue;
      int name = k + 1;  // "drafted by the E3 and the US"
      if (name + 1 < end && IsListDeterminer(Lower(name)) && index_.words[name].mention < 0) {
        ++name;
      }
      const int mention = index_.words[name].mention;
      if (mention >= 0 && impl_.actor_ids.count(analysis_.mentions[mention].actor) > 0) {
        return OwnerAt(name);
      }
    }
    return std::nullopt;
  }

  // "The plan" in a later sentence is the last document whose owner the article named.
  // Also "Medinsky outlined Moscow's five demands:": the short lines after a sentence that
  // ends in a colon are the terms its subject lists.
  void NoteDocumentOwners(int s, int begin, int end) {
    const char mark = FinalMark(s);
    // A list goes on over dashed or labelled lines and lines without a full stop.
    in_list_ = in_list_ &&
               (ListItem(begin) || std::string_view(".!?").find(mark) == std::string_view::npos);
    for (int w = begin; w < end; ++w) {
      if (impl_.lexicon.RoleOf(Lower(w)) != WordRole::kDocument) continue;
      if (auto owner = OwnerNear(w, begin, end)) document_owner_ = *owner;
    }
    if (mark != ':') return;
    if (auto owner = SentenceSubject(begin, end)) {
      document_owner_ = *owner;
      in_list_ = true;
    }
  }

  // The last character of sentence `s` before closing quotes and spaces, or '\0'. Read from the
  // text in place: this runs for every sentence.
  char FinalMark(int s) const {
    const Span span = analysis_.sentences[s].span;
    const std::string& text = analysis_.text;
    size_t at = analysis_.byte_of_code_point[span.end];
    const size_t first = analysis_.byte_of_code_point[span.begin];
    while (at > first &&
           std::string_view(" \t\r\n\"'").find(text[at - 1]) != std::string_view::npos) {
      --at;
    }
    return at > first ? text[at - 1] : '\0';
  }

  // The scenario actor that opens the sentence ("Volodymyr Zelensky, the President of Ukraine,
  // has unveiled..."), or the owner of its first stance noun ("outlined Moscow's demands").
  std::optional<DocumentOwner> SentenceSubject(int begin, int end) const {
    for (int w = begin; w < end; ++w) {
      const int mention = index_.words[w].mention;
      if (mention < 0) continue;
      const int start = MentionStart(w);
      const bool object = start > begin && impl_.lexicon.IsPreposition(Lower(start - 1));
      if (!object && impl_.actor_ids.count(analysis_.mentions[mention].actor) > 0) {
        return OwnerAt(w);
      }
      w = MentionEnd(w);
    }
    return std::nullopt;
  }

  // "He demanded that Ukraine drop...": a subject inside the complement of a demand is not
  // the holder; the one who demands is.
  std::optional<Holder> Governing(Holder holder, int subject_start, int begin) const {
    int w = subject_start - 1;
    if (w < begin) return holder;
    if (auto urging = Urging(holder, w, begin)) return urging;
    if (Lower(w) != "that" && Lower(w) != "for") return holder;
    for (int k = w - 1; k >= std::max(begin, w - 2); --k) {
      auto trigger = impl_.lexicon.TriggerAt(index_, k, w + 1);
      if (trigger && trigger->cls == TriggerClass::kDemand) {
        if (auto governing = FindSubject(k, begin, trigger)) return governing;
        return holder;
      }
    }
    return holder;
  }

  // "Putin urged Trump to accept...": the object of a demand verb ending at `w`, followed by
  // "to", is asked to act; whoever urges holds the stance.
  std::optional<Holder> Urging(const Holder& holder, int w, int begin) const {
    const int after = holder.end_word + 1;
    if (after >= static_cast<int>(index_.words.size()) || Lower(after) != "to") return std::nullopt;
    for (int k = w; k >= std::max(begin, w - 2); --k) {
      auto trigger = impl_.lexicon.TriggerAt(index_, k, w + 1);
      if (trigger && trigger->cls == TriggerClass::kDemand && trigger->last == w) {
        return FindSubject(k, begin, trigger);
      }
    }
    return std::nullopt;
  }

  // "Moscow could have agreed to a ceasefire": a modal with "have" before the stance words is
  // a counterfactual, a reproach by whoever reports it, not the subject's stance.
  bool Counterfactual(const Holder& holder) const {
    if (holder.end_word < 0 || holder.chain.empty() || holder.chain.front().last < 0) {
      return false;
    }
    int verb = holder.chain.front().first;
    for (const Trigger& trigger : holder.chain) verb = std::min(verb, trigger.first);
    for (int w = holder.end_word + 1; w + 1 < verb; ++w) {
      const WordRole role = impl_.lexicon.RoleOf(Lower(w));
      const bool modal =
          role == WordRole::kPossible || role == WordRole::kRequired || Lower(w) == "would";
      if (modal && Lower(w + 1) == "have") {
        return true;
      }
    }
    return false;
  }

  // "if Russia were to accept the guarantees": the subject of an if-clause is supposed to
  // act, it states nothing.
  bool Hypothetical(const Holder& holder, int begin) const {
    if (holder.end_word < 0 || index_.words[holder.end_word].mention < 0) return false;
    const int start = CoordinationStart(MentionStart(holder.end_word), begin);
    if (start <= begin) return false;
    return words_.hypothetical_openers.Contains(Lower(start - 1));
  }

  // "Russia and China support Iran's position on the snapback": a cue right after a stance
  // noun and its topic preposition names what the position is about, not where it lies.
  bool TopicOfStanceNoun(const CueMatch& match, int begin) const {
    int k = match.first - 1;
    if (k > begin && words_.object_determiners.Contains(Lower(k))) --k;  // "on the snapback"
    return k > begin && words_.topic_prepositions.Contains(Lower(k)) &&
           words_.topic_nouns.Contains(Lower(k - 1));
  }

  // "..., even if they serve in a peacekeeping mission": a cue in a concessive clause is what
  // the holder would reject anyway, not a stance of its own.
  bool InConcession(const CueMatch& match, int begin) const {
    for (int w = match.first - 1; w > begin; --w) {
      if (Lower(w) == "if" && Lower(w - 1) == "even") return true;
      if (HasPunct(w, ',') || HasPunct(w, ';') || IsBoundary(w)) return false;
    }
    return false;
  }

  // "even if they are part of a guarantee": a concession, not a condition the holder sets.
  bool ConditionAtWord(int w, int end, int& last) const {
    if (w > 0 && Lower(w - 1) == "even") return false;
    // "at once", "once again": a time, not a condition.
    if (Lower(w) == "once" &&
        ((w > 0 && Lower(w - 1) == "at") ||
         (w + 1 < end && (Lower(w + 1) == "again" || Lower(w + 1) == "more")))) {
      return false;
    }
    return impl_.lexicon.ConditionAt(index_, w, end, last);
  }

  // "rejected the proposal": a stance noun after a determiner is an object, not a verb.
  bool AfterDeterminer(int w, int begin) const {
    return w > begin && words_.object_determiners.Contains(Lower(w - 1));
  }

  bool InsideCue(int w) const {
    return std::any_of(cue_spans_.begin(), cue_spans_.end(),
                       [&](const CueMatch& m) { return m.first <= w && w <= m.last; });
  }

  bool IsFinite(const std::string& word) const { return words_.finite_auxiliaries.Contains(word); }
  bool IsAuxiliaryAdverb(const std::string& word) const {
    return words_.auxiliary_adverbs.Contains(word);
  }

  // A pronoun holds a stance only as the verb's own subject: "it still rejects". In "freeze the
  // front where it stands, and rejected the idea", "it" belongs to another clause.
  bool PronounGoverns(int pronoun_last, const Holder& holder) const {
    int verb = holder.chain.front().first;
    for (const Trigger& trigger : holder.chain) verb = std::min(verb, trigger.first);
    for (int w = pronoun_last + 1; w < verb; ++w) {
      if (!IsFinite(Lower(w)) && !IsAuxiliaryAdverb(Lower(w))) return false;
    }
    return true;
  }

  // Without a stance word: "Kyiv would not join any bloc", a subject and a finite modal chain
  // right before the cue. An event of the actor's own, so the actor holds the stance.
  std::optional<Holder> ModalSubject(int from, int begin) const {
    bool finite = false;
    for (int w = from - 1; w >= begin; --w) {
      if (index_.words[w].mention >= 0) {
        Holder holder;
        const int start = MentionStart(w);
        // "Britain sanctioned both companies", "Britain on Thursday triggered...": a
        // clause-opening subject right before a cue that starts with its verb, or with only a
        // time phrase between.
        const bool acting =
            OnlyTimingBetween(w, from) && OpensClause(CoordinationStart(start, begin), begin);
        if ((!finite && !acting) || InsideCue(w) ||
            !MentionActor(index_.words[w].mention, start, holder)) {
          return std::nullopt;
        }
        // "...ask Kyiv to write into its constitution that it will not join": a that-clause
        // under no stance verb is what a text or a third party stipulates, not the actor's word.
        if (start > begin && Lower(start - 1) == "that") return std::nullopt;
        holder.end_word = w;
        holder.chain.push_back(Trigger());
        AddPartners(holder, CoordinationStart(start, begin), start);
        return holder;
      }
      const std::string& word = Lower(w);
      if (IsFinite(word)) {
        finite = true;
      } else if (!IsAuxiliaryAdverb(word) && !impl_.lexicon.IsTiming(word)) {
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  bool OnlyTimingBetween(int subject_last, int verb) const {
    constexpr int kTimingWords = 3;
    if (verb - subject_last - 1 > kTimingWords) return false;
    for (int w = subject_last + 1; w < verb; ++w) {
      if (!impl_.lexicon.IsTiming(Lower(w))) return false;
    }
    return true;
  }

  bool OpensClause(int w, int begin) const {
    if (w == begin || Dateline(begin, w)) return true;
    if (IsListDeterminer(Lower(w - 1)) && w - 1 == begin) return true;  // "The US imposed..."
    return HasPunct(w, ',') || HasPunct(w, ';') || HasPunct(w, ':') || IsBoundary(w - 1);
  }

  // "date 2025-08-28 France, Germany and the UK triggered...": a page's date stamp glued to
  // the first sentence is no part of its clause. Only numbers, month names and the word "date"
  // stand in [begin, w).
  bool Dateline(int begin, int w) const {
    bool number = false;
    for (int k = begin; k < w; ++k) {
      const std::string& word = Lower(k);
      const bool digits = std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '/';
      });
      if (digits) {
        number = true;
      } else if (word != "date" && !impl_.lexicon.IsMonth(word)) {
        return false;
      }
    }
    return number;
  }

  bool NegationOfAnotherItem(int negation, const CueMatch& match,
                             const std::vector<CueMatch>& matches) const {
    if (ListSeparatorBetween(negation, match.first)) return true;
    bool names_negation = false;
    for (int w = match.first; w <= match.last && !names_negation; ++w) {
      names_negation =
          impl_.lexicon.RoleOf(Lower(w)) == WordRole::kNegation && match.Names(Lower(w));
    }
    if (!names_negation) return false;
    return std::any_of(matches.begin(), matches.end(), [&](const CueMatch& other) {
      return &other != &match && other.first >= negation && other.last < match.first;
    });
  }

  // A comma or semicolon before any word in (from, to].
  bool ListSeparatorBetween(int from, int to) const {
    for (int w = from + 1; w <= to; ++w) {
      if (HasPunct(w, ',') || HasPunct(w, ';')) return true;
    }
    return false;
  }

  // A boundary word or ';' in [from, to).
  bool IsBoundaryAt(int from, int to) const {
    for (int w = from; w < to; ++w) {
      if (IsBoundary(w)) return true;
    }
    return false;
  }

  // The quote or report that contains the code points [begin, end), with a scenario speaker.
  // Nested reports belong to the innermost speaker: in "..., but the two sides found no
  // compromise on territory, Ushakov said", the cue is what "the two sides" found, not a stance
  // of Ushakov's; a non-scenario innermost speaker holds no scenario stance.
  std::optional<Holder> FromAttribution(int64_t begin, int64_t end) const {
    const Attribution* innermost = nullptr;
    for (const Attribution& attribution : analysis_.attributions) {
      if (attribution.content_span.begin > begin || attribution.content_span.end < end) continue;
      if (innermost == nullptr ||
          attribution.content_span.size() < innermost->content_span.size()) {
        innermost = &attribution;
      }
    }
    if (innermost == nullptr) return std::nullopt;
    const Attribution& attribution = *innermost;
    Holder holder;
    holder.from_quote = true;
    if (attribution.speaker_mention >= 0) {
      const ActorMention& m = analysis_.mentions[attribution.speaker_mention];
      int word = -1;
      for (int w = index_.sentence_first[m.sentence]; w < index_.sentence_first[m.sentence + 1];
           ++w) {
        if (index_.words[w].mention == attribution.speaker_mention) {
          word = w;
          break;
        }
      }
      if (!MentionActor(attribution.speaker_mention, word, holder)) return std::nullopt;
    } else {
      if (impl_.actor_ids.count(attribution.actor) == 0) return std::nullopt;
      holder.actor = attribution.actor;
      holder.speaker = analysis_.Slice(attribution.speaker_span);
    }
    // The attribution cue ("said", "insisted") sets the kind like a stance word.
    const int cue_word = WordAt(attribution.cue_span.begin);
    Trigger trigger;
    if (cue_word >= 0) {
      const int words = static_cast<int>(index_.words.size());
      if (auto found = impl_.lexicon.TriggerAt(index_, cue_word, words)) trigger = *found;
    }
    holder.chain.push_back(trigger);
    AddSpeakerPartners(holder, attribution.speaker_span);
    return holder;
  }

  // "the leaders of France, Britain and Germany said in a joint statement": every scenario
  // actor the speaker phrase names speaks.
  void AddSpeakerPartners(Holder& holder, Span speaker) const {
    if (speaker.size() <= 0) return;
    int first = WordAt(speaker.begin);
    if (first < 0) return;
    if (index_.words[first].mention >= 0) {
      first = CoordinationStart(MentionStart(first),
                                index_.sentence_first[index_.words[first].sentence]);
    }
    int last = first;
    while (last + 1 < static_cast<int>(index_.words.size()) &&
           index_.words[last + 1].end <= speaker.end) {
      ++last;
    }
    AddPartners(holder, first, CoordinationEnd(last) + 1);
  }

  // The last word of the list that continues after word `last`: "France, Italy and Poland".
  int CoordinationEnd(int last) const {
    const int words = static_cast<int>(index_.words.size());
    const int sentence = index_.words[last].sentence;
    for (int next = last + 1; next < words && index_.words[next].sentence == sentence;) {
      if (Lower(next) == "and" || HasPunct(next, ',')) {
        int item = Lower(next) == "and" ? next + 1 : next;
        // "the E3 and the US", as CoordinationStart reads it
        if (item + 1 < words && IsListDeterminer(Lower(item)) && index_.words[item].mention < 0) {
          ++item;
        }
        if (item >= words || index_.words[item].mention < 0 ||
            !IsNamedActor(index_.words[item].mention)) {
          break;
        }
        last = MentionEnd(item);
        next = last + 1;
        continue;
      }
      break;
    }
    return last;
  }

  int WordAt(int64_t code_point) const {
    auto it = std::lower_bound(index_.words.begin(), index_.words.end(), code_point,
                               [](const auto& word, int64_t cp) { return word.end <= cp; });
    if (it == index_.words.end() || it->begin > code_point) return -1;
    return static_cast<int>(it - index_.words.begin());
  }

  // A cue that opens with an actor ("@UKR ... withdraw from ...") holds that actor's own
  // stance when a stance word sits inside it: "Kyiv again refused to withdraw from...".
  std::optional<Holder> ActorInCue(const CueMatch& match, int begin) const {
    const int mention = index_.words[match.first].mention;
    if (mention < 0) return std::nullopt;
    int w = match.first;
    while (w <= match.last && index_.words[w].mention == mention) ++w;
    for (int k = w; k <= match.last; ++k) {
      if (AfterDeterminer(k, begin)) continue;  // "be given a veto": a noun, not a verb
      if (auto trigger = impl_.lexicon.TriggerAt(index_, k, match.last + 1)) {
        Holder holder;
        if (match.first > begin && impl_.lexicon.IsPreposition(Lower(match.first - 1))) {
          return std::nullopt;
        }
        if (!MentionActor(mention, match.first, holder)) return std::nullopt;
        holder.end_word = w - 1;
        holder.chain.push_back(*trigger);
        AddPartners(holder, CoordinationStart(match.first, begin), match.first);
        return holder;
      }
    }
    return std::nullopt;
  }

  std::vector<Statement> Direct(int s, int begin, int end, const CueMatch& match,
                                const std::vector<CueMatch>& matches) {
    std::optional<Trigger> at_cue = impl_.lexicon.TriggerAt(index_, match.first, end);
    std::optional<Holder> holder = ActorInCue(match, begin);
    if (!holder) holder = FindSubject(match.first, begin, at_cue);
    if (InConcession(match, begin) || TopicOfStanceNoun(match, begin)) return {};
    bool conditional_of_main = false;
    if (holder && Hypothetical(*holder, begin)) {
      // "Russia may agree to X if Ukraine agrees to neutral status": what the if-clause asks
      // is the main clause holder's condition.
      const int if_word = CoordinationStart(MentionStart(holder->end_word), begin) - 1;
      std::optional<Holder> main = FindSubject(if_word, begin, std::nullopt);
      if (!main || main->actor == holder->actor) return {};
      holder = std::move(main);
      conditional_of_main = true;
    }
    if (holder && Counterfactual(*holder)) {
      holder = FromAttribution(index_.words[match.first].begin, index_.words[match.last].end);
      if (!holder) return {};
      holder->end_word = match.first - 1;
      holder->chain.front().cls = TriggerClass::kDemand;
    } else if (holder) {
      // An indirect question ("over which territories Ukraine might cede") asserts nothing.
      int chain_end = holder->chain.front().last;
      for (const Trigger& trigger : holder->chain) chain_end = std::max(chain_end, trigger.last);
      for (int w = chain_end + 1; w < match.first; ++w) {
        if (impl_.lexicon.RoleOf(Lower(w)) == WordRole::kQuestion) return {};
      }
    } else if (OwnerlessDocumentSubject(match.first, begin)) {
      return {};  // "Zelensky said the plan would...": the plan's, whose author is unknown
    } else if ((holder = FromAttribution(index_.words[match.first].begin,
                                         index_.words[match.last].end))) {
      holder->end_word = match.first - 1;
      // Inside a quote the clause starts at the quote, not at the speaker.
      for (int w = match.first - 1; w >= begin; --w) {
        if (HasPunct(w + 1, '"') || IsBoundary(w + 1)) break;
        holder->end_word = w - 1;
      }
    } else {
      holder = ModalSubject(match.first, begin);
      if (!holder) holder = DocumentSubject(match.first, begin);
      if (!holder) holder = PlanContent(match, begin);
      if (!holder) return {};
    }
    if (DescribesAnother(*holder, match, begin) || JointClause(match, begin)) return {};
    const Issue& issue = impl_.scenario->issues[match.issue];
    const ScaleAnchor& anchor = issue.anchors[match.anchor];
    Statement statement = Base(s, *holder, match.issue);
    Shape(*holder, match, begin, end, matches, anchor, statement);
    if (conditional_of_main) statement.kind = StanceKind::kCondition;
    RedateRetrospective(*holder, match, begin, statement);
    if (!holder->from_quote) MarkReportedByAnother(*holder, match, statement);
    std::vector<Statement> statements = WithPartners(statement, *holder);
    if (std::optional<Holder> outer = OuterHolder(*holder, begin)) {
      Statement answer = Base(s, *outer, match.issue);
      Shape(*outer, match, begin, end, matches, anchor, answer);
      // The outer verb turns the inner stance around when it rejects it, or when a negation
      // stands between the two holders ("did not accept Moscow's demand").
      const TriggerClass cls = StrongestClass(outer->chain);
      const bool negated = NegatedBetween(outer->end_word + 1, MentionStart(holder->end_word));
      answer.negated = (IsRejecting(cls) != negated) != statement.negated;
      answer.position = answer.negated ? anchor.NegatedValue() : anchor.value;
      answer.kind = KindOf(cls, negated, false, false, false);
      // "Moscow insists on Ukraine's refusal to join NATO": what is demanded of Ukraine is
      // Moscow's stance, not Ukraine's.
      if (cls == TriggerClass::kDemand) statements.clear();
      RedateRetrospective(*outer, match, begin, answer);
      for (Statement& each : WithPartners(answer, *outer)) statements.push_back(std::move(each));
    }
    return statements;
  }

  // A negation count in [from, to) that leaves the sense turned around.
  bool NegatedBetween(int from, int to) const {
    bool negated = false;
    for (int w = from; w < to; ++w) {
      if (impl_.lexicon.RoleOf(Lower(w)) == WordRole::kNegation) negated = !negated;
    }
    return negated;
  }

  // "Moscow's negotiator said Kyiv had accepted neutrality": one side's account of another's
  // stance is the reported actor's, as weaker evidence.
  void MarkReportedByAnother(const Holder& holder, const CueMatch& match,
                             Statement& statement) const {
    constexpr double kAccountWeight = 0.7;
    const std::optional<Holder> speaker =
        FromAttribution(index_.words[match.first].begin, index_.words[match.last].end);
    if (!speaker || speaker->actor == holder.actor) return;
    // "a resolution drafted by the E3 and the US calls on...": the speaker is one of the
    // holders.
    for (const auto& [actor, unused] : holder.partners) {
      if (actor == speaker->actor) return;
    }
    statement.reported = true;
    statement.confidence *= kAccountWeight;
  }

  // "Russia's demands, including territorial concessions, were rejected by Ukraine": the agent
  // of a passive stance verb after the cue takes that stance on it.
  std::optional<Statement> PassiveAgent(int s, int end, const CueMatch& match) const {
    constexpr int kClauseWords = 12;
    for (int by = match.last + 2; by + 1 < end && by <= match.last + kClauseWords; ++by) {
      if (IsBoundary(by)) return std::nullopt;
      if (Lower(by) != "by") continue;
      const std::optional<Trigger> verb = impl_.lexicon.TriggerAt(index_, by - 1, by);
      const int agent = index_.words[by + 1].mention;
      if (!verb || verb->cls == TriggerClass::kSpeech || agent < 0 || !IsNamedActor(agent)) {
        return std::nullopt;
      }
      bool passive = false;  // "was rejected by", "have been backed by"
      bool negation = false;
      for (int k = by - 2; k > match.last && k >= by - 4; --k) {
        passive = passive || IsFinite(Lower(k)) || Lower(k) == "been" || Lower(k) == "being";
        negation = negation || impl_.lexicon.RoleOf(Lower(k)) == WordRole::kNegation;
      }
      if (!passive) return std::nullopt;
      Holder holder;
      if (!MentionActor(agent, by + 1, holder)) return std::nullopt;
      const bool rejecting = IsRejecting(verb->cls);
      const ScaleAnchor& anchor = impl_.scenario->issues[match.issue].anchors[match.anchor];
      Statement statement = Base(s, holder, match.issue);
      statement.negated = rejecting != negation;
      statement.position = statement.negated ? anchor.NegatedValue() : anchor.value;
      statement.kind = KindOf(verb->cls, negation, false, false, false);
      constexpr double kPassiveConfidence = 0.7;
      statement.confidence = kPassiveConfidence;
      return statement;
    }
    return std::nullopt;
  }

  // "Russia wants to keep the land, a demand that Kyiv has refused to entertain", "...,
  // which Moscow rejected": a relative clause set off after the cue, whose subject is a named
  // actor and whose verb is a stance verb, gives that actor its own stance on the same cue.
  std::vector<Statement> RelativeAnswer(int s, int end, const CueMatch& match) const {
    constexpr int kClauseWords = 12;
    for (int w = match.last + 1; w + 2 < end && w <= match.last + kClauseWords; ++w) {
      if (IsBoundary(w) && !IsRelativePronoun(Lower(w))) return {};
      if (!IsRelativePronoun(Lower(w)) || !SetOffRelative(w, match.last + 1)) continue;
      int subject = w + 1;
      if (IsListDeterminer(Lower(subject)) && index_.words[subject].mention < 0) ++subject;
      const int mention = index_.words[subject].mention;
      if (mention < 0 || !IsNamedActor(mention)) return {};
      const int subject_end = CoordinationEnd(MentionEnd(subject));
      bool negation = false;
      int verb = subject_end + 1;
      for (; verb < end && (IsFinite(Lower(verb)) || IsAuxiliaryAdverb(Lower(verb))); ++verb) {
        negation = negation != (impl_.lexicon.RoleOf(Lower(verb)) == WordRole::kNegation);
      }
      const std::optional<Trigger> trigger =
          verb < end ? impl_.lexicon.TriggerAt(index_, verb, end) : std::nullopt;
      Holder holder;
      if (!trigger || trigger->cls == TriggerClass::kSpeech ||
          !MentionActor(mention, subject, holder)) {
        return {};
      }
      AddPartners(holder, subject, subject_end + 1);
      const ScaleAnchor& anchor = impl_.scenario->issues[match.issue].anchors[match.anchor];
      Statement statement = Base(s, holder, match.issue);
      statement.negated = IsRejecting(trigger->cls) != negation;
      statement.position = statement.negated ? anchor.NegatedValue() : anchor.value;
      statement.kind = KindOf(trigger->cls, negation, false, false, false);
      constexpr double kRelativeConfidence = 0.7;
      statement.confidence = kRelativeConfidence;
      return WithPartners(statement, holder);
    }
    return {};
  }

  bool IsRelativePronoun(const std::string& word) const {
    return words_.relative_pronouns.Contains(word);
  }

  // The relative pronoun at `w` follows a comma, semicolon or dash at once, or after a short
  // appositive that opens with a determiner ("a demand that", "an option which").
  bool SetOffRelative(int w, int from) const {
    constexpr int kAppositiveWords = 3;
    for (int k = w; k >= from && k >= w - kAppositiveWords; --k) {
      if (HasPunct(k, ',') || HasPunct(k, ';') || HasPunct(k, '-')) {
        return k == w || words_.appositive_openers.Contains(Lower(k));
      }
    }
    return false;
  }

  // "Grossi said Iran had suspended access": a relaying actor (a mediator, an agency) that
  // describes another actor's move gives that actor the stance, reported, at 0.7 of its
  // confidence. The described actor is the nearest one before the cue in the cue's sentence,
  // not after a preposition ("cooperation with the agency"), and not past the relaying
  // actor's own mention. What the relaying actor demands stays its own.
  void Relay(const CueMatch& match, int begin, Statement& statement) const {
    if (statement.kind == StanceKind::kDemand) return;
    for (int w = match.first - 1; w >= begin; --w) {
      const int mention = index_.words[w].mention;
      if (mention < 0) continue;
      const std::string& actor = analysis_.mentions[mention].actor;
      if (actor == statement.actor || impl_.relay_ids.count(actor) > 0) return;
      w = MentionStart(w);
      if (PrepositionalObject(w, begin) || impl_.actor_ids.count(actor) == 0 ||
          analysis_.mentions[mention].kind == MentionKind::kPronoun) {
        continue;
      }
      constexpr double kRelayedConfidence = 0.7;
      statement.actor = actor;
      statement.speaker = analysis_.Slice(analysis_.mentions[mention].span);
      statement.reported = true;
      statement.confidence *= kRelayedConfidence;
      return;
    }
  }

  // A group's statement ("the E3 called for...") is each member's, marked joint; so are the
  // statements of a coordinated list that names every member ("Britain, France and Germany").
  std::vector<Statement> ForMembers(std::vector<Statement> found) const {
    std::vector<Statement> out;
    for (Statement& statement : found) {
      const int group = impl_.scenario->GroupIndex(statement.actor);
      if (group < 0) {
        out.push_back(std::move(statement));
        continue;
      }
      for (const std::string& member : impl_.scenario->groups[group].members) {
        out.push_back(statement);
        out.back().actor = member;
        out.back().joint = true;
      }
    }
    for (const ScenarioGroup& group : impl_.scenario->groups) {
      for (Statement& statement : out) {
        if (statement.joint) continue;
        auto stated_by = [&](const std::string& member) {
          return std::any_of(out.begin(), out.end(), [&](const Statement& other) {
            return other.actor == member && other.issue == statement.issue &&
                   std::fabs(other.position - statement.position) < 5;
          });
        };
        const auto& members = group.members;
        if (std::find(members.begin(), members.end(), statement.actor) != members.end() &&
            std::all_of(members.begin(), members.end(), stated_by)) {
          statement.joint = true;
        }
      }
    }
    return out;
  }

  static std::vector<Statement> WithPartners(const Statement& statement, const Holder& holder) {
    std::vector<Statement> statements = {statement};
    for (const auto& [actor, speaker] : holder.partners) {
      statements.push_back(statement);
      statements.back().actor = actor;
      statements.back().speaker = speaker;
    }
    return statements;
  }

  // "Kyiv rejected Moscow's demand that Ukraine leave Donbas": the holder owns a stance noun
  // ("Moscow's demand", "the US proposal") that is the object of another stance verb, whose
  // subject takes its own stance on the same cue.
  std::optional<Holder> OuterHolder(const Holder& inner, int begin) const {
    if (inner.from_quote || inner.from_document || inner.end_word < 0 || inner.chain.empty() ||
        index_.words[inner.end_word].mention < 0) {
      return std::nullopt;
    }
    constexpr int kPossessiveGap = 3;  // "Moscow ' s latest demand"
    if (inner.chain.back().first - inner.end_word > kPossessiveGap) return std::nullopt;
    int k = CoordinationStart(MentionStart(inner.end_word), begin) - 1;
    if (k >= begin && AfterDeterminer(k + 1, begin)) --k;
    if (k >= begin && impl_.lexicon.IsPreposition(Lower(k))) --k;  // "insists on"

    for (int j = k; j >= begin && j >= k - 2; --j) {
      auto trigger = impl_.lexicon.TriggerAt(index_, j, k + 1);
      if (trigger && trigger->last == k && trigger->cls != TriggerClass::kSpeech) {
        return FindSubject(j, begin, trigger);
      }
    }
    return std::nullopt;
  }

  // "In March 2022, Ukrainian negotiators offered neutrality...": a year named before the
  // stance words dates the stance, so recency weighs it as old and the timeline shows the
  // shift. Only an earlier date moves it; "annexed in 2014" after the verb dates an object.
  void RedateRetrospective(const Holder& holder, const CueMatch& match, int begin,
                           Statement& statement) const {
    int stance_start = match.first;
    for (const Trigger& trigger : holder.chain) {
      if (trigger.last >= trigger.first) stance_start = std::min(stance_start, trigger.first);
    }
    for (int w = begin; w < stance_start; ++w) {
      const std::optional<std::string> date =
          impl_.lexicon.RetrospectDateAt(index_, w, stance_start);
      if (!date) continue;
      const auto named = positions_internal::DayNumber(*date);
      const auto published = positions_internal::DayNumber(statement.date);
      constexpr int kMinimumAgeDays = 45;  // a recent month is today's news, not history
      if (named && (!published || *published - *named >= kMinimumAgeDays)) {
        statement.date = *date;
      }
      return;
    }
  }

  // "..., but the two sides reached no compromise on territory": a clause whose subject is both
  // parties reports an outcome of the talks, not anyone's stance. The joint word must open the
  // clause (within its first four words after the sentence start, a comma, a boundary word or
  // a speech verb: "said the two sides were closer"). What someone says both sides must do is
  // that speaker's demand: "Trump said both sides must...".
  bool JointClause(const CueMatch& match, int begin) const {
    constexpr int kSubjectWords = 4;
    int clause_start = begin;
    for (int w = begin; w < match.first; ++w) {
      const bool after_verb = w > begin && impl_.lexicon.TriggerAt(index_, w - 1, w).has_value();
      if (IsBoundary(w) || HasPunct(w, ',') || after_verb) clause_start = w;
      if (w - clause_start < kSubjectWords && impl_.lexicon.RoleOf(Lower(w)) == WordRole::kJoint) {
        return !DemandedOfBoth(w, match.first);
      }
    }
    return false;
  }

  bool DemandedOfBoth(int joint, int cue) const {
    for (int w = joint + 1; w < cue; ++w) {
      if (impl_.lexicon.RoleOf(Lower(w)) == WordRole::kRequired) return true;
    }
    return false;
  }

  // "Trump ... calling Kyiv's aspirations to the alliance a reason": a cue owned by another
  // actor ("Kyiv's") under a mere speech verb describes that actor, not the holder.
  bool DescribesAnother(const Holder& holder, const CueMatch& match, int begin) const {
    if (match.first - 2 < begin || Lower(match.first - 1) != "s") return false;
    const int owner = index_.words[match.first - 2].mention;
    if (owner < 0 || analysis_.mentions[owner].actor == holder.actor) return false;
    return std::all_of(holder.chain.begin(), holder.chain.end(),
                       [](const Trigger& trigger) { return trigger.cls == TriggerClass::kSpeech; });
  }

  Statement Base(int s, const Holder& holder, int issue) const {
    Statement statement;
    statement.doc = article_.locator;
    statement.doc_id = article_.id;
    statement.date = article_.date.substr(0, std::min<size_t>(10, article_.date.size()));
    statement.outlet = article_.outlet;
    statement.actor = holder.actor;
    statement.issue = impl_.scenario->issues[issue].id;
    statement.speaker = holder.speaker;
    statement.span = analysis_.sentences[s].span;
    statement.evidence = analysis_.Slice(statement.span);
    return statement;
  }

  // Kind, side of the scale, condition and confidence from the words between the holder and
  // the end of the cue.
  void Shape(const Holder& holder, const CueMatch& match, int begin, int end,
             const std::vector<CueMatch>& matches, const ScaleAnchor& anchor,
             Statement& statement) const {
    const TriggerClass cls = StrongestClass(holder.chain);
    bool hedged = false;
    bool reported = false;
    for (const Trigger& trigger : holder.chain) {
      hedged = hedged || trigger.hedged;
      reported = reported || trigger.reported;
    }
    bool negation = false;
    bool never = false;
    bool required = false;
    bool possible = false;
    bool concession = false;
    bool condition_before = false;
    bool threat = false;       // "warned of a harsh response": a threat word before the cue
    bool threatened = false;   // ... "if sanctions return": the cue is what it threatens over
    bool averted = false;      // "to prevent Iran from enriching": the cue is averted
    const int window_begin = std::max(begin, holder.end_word + 1);
    constexpr int kNegatedVerbGap = 2;  // "did not accept", "will not ever accept"
    int negation_word = -1;
    for (int w = window_begin; w <= match.last; ++w) {
      const WordRole role = impl_.lexicon.RoleOf(Lower(w));
      const bool in_cue = w >= match.first;
      // A negation in a cue's gap ("Kyiv would not withdraw from...") negates it; one the
      // phrase names ("never ... join nato") is already part of its anchor.
      // A negation before an earlier list item is that item's: "no NATO, no troops", "no
      // NATO and no troops" (where the cue carries its own "no").
      if (role == WordRole::kNegation && (!in_cue || !match.Names(Lower(w))) &&
          (in_cue || !NegationOfAnotherItem(w, match, matches))) {
        negation = true;
        never = never || Lower(w) == "never";
        negation_word = w;
      } else if (negation && !in_cue && w - negation_word > kNegatedVerbGap &&
                 impl_.lexicon.TriggerAt(index_, w, match.first)) {
        // "would not withdraw ... and wanted a ceasefire": a later stance verb starts its own
        // predicate, out of the negation's reach.
        negation = false;
        never = false;
      }
      // "won't have a bomb and they're not going to enrich": "and" with a modal or auxiliary
      // right after it (or after its subject) opens a predicate of its own.
      if (negation && !in_cue && Lower(w) == "and" && w + 2 <= match.first &&
          (IsFinite(Lower(w + 1)) || IsFinite(Lower(w + 2)) ||
           impl_.lexicon.RoleOf(Lower(w + 1)) == WordRole::kRequired)) {
        negation = false;
        never = false;
      }
      const bool named = in_cue && match.Names(Lower(w));
      threat = threat || (role == WordRole::kThreat && !named);
      averted = averted != (role == WordRole::kAverting && !in_cue && Averts(w, match));
      required = required || (!in_cue && role == WordRole::kRequired);
      possible = possible || (!in_cue && role == WordRole::kPossible);
      reported = reported || (!in_cue && role == WordRole::kReport);
      concession = concession || role == WordRole::kConcession;
      int last = 0;
      if (!in_cue && ConditionAtWord(w, match.first, last)) {
        // "rules out neutrality without binding guarantees": the cue is what the stance
        // depends on, which the holder wants; a refusal before the condition is not about it.
        condition_before = true;
        threatened = threat;
        negation = false;
        never = false;
        w = last;
      }
    }
    const bool retracted = Retracted(holder, window_begin);
    // "refused to discuss its missiles" under the cue "refus* ... discuss* ... missile*": a
    // refusal the cue names is part of its anchor, as a named negation is.
    const bool named_refusal =
        std::any_of(holder.chain.begin(), holder.chain.end(), [&](const Trigger& trigger) {
          return IsRejecting(trigger.cls) && trigger.first >= match.first &&
                 trigger.first <= match.last && match.Names(Lower(trigger.first));
        });
    const bool rejecting = !condition_before && IsRejecting(cls) && !named_refusal;
    const bool disapproved = Disapproved(match, end);
    const bool flip =
        ((((negation != rejecting) != retracted) != disapproved) != threatened) != averted;
    statement.negated = flip;
    statement.position = flip ? anchor.NegatedValue() : anchor.value;
    if (flip && never) {
      // "never" is the strongest refusal: half way from the negated point to the scale's end.
      const double extreme = anchor.NegatedValue() > anchor.value ? 100 : 0;
      statement.position += (extreme - statement.position) / 2;
    }
    statement.kind = KindOf(cls, negation, required, possible, concession);
    if (holder.from_document && statement.kind == StanceKind::kSupport) {
      statement.kind = StanceKind::kPropose;
    }
    if (disapproved && statement.kind == StanceKind::kSupport) statement.kind = StanceKind::kReject;
    if (retracted) statement.kind = StanceKind::kConcede;
    if (condition_before) statement.kind = threatened ? StanceKind::kOppose : StanceKind::kCondition;
    if (averted && !negation && !IsRejecting(cls)) statement.kind = StanceKind::kOppose;
    const Issue& issue = impl_.scenario->issues[match.issue];
    if (issue.conditional && !flip && ConditionFollows(match, end)) {
      statement.position = *issue.conditional;
      statement.kind = StanceKind::kCondition;
    }
    statement.condition = ConditionAfter(match, end, matches);
    statement.reported = reported;
    double confidence = 0.75;
    if (cls == TriggerClass::kDemand || required || never) confidence += 0.1;
    // Measured on the development set: a statement that turns its cue around (a refusal, a
    // negation) is right less often than one that takes the cue as it stands.
    if (flip) confidence *= 0.8;
    if (hedged || possible) confidence *= 0.75;
    if (reported) confidence *= 0.5;
    if (holder.via_pronoun) confidence *= 0.9;
    if (holder.from_document) confidence *= 0.8;
    if (holder.plan_content) confidence *= 0.75;
    statement.confidence = std::clamp(confidence, 0.05, 0.95);
  }

  // "to prevent Iran from enriching", "to avert new sanctions": the averting word governs the
  // cue only when it is close and no other predicate ("and ...") or clause stands between.
  bool Averts(int w, const CueMatch& match) const {
    constexpr int kAvertedWords = 6;
    if (match.first - w > kAvertedWords || IsBoundaryAt(w, match.first)) return false;
    for (int k = w + 1; k < match.first; ++k) {
      if (Lower(k) == "and" || HasPunct(k, ',') || HasPunct(k, ';')) return false;
    }
    return true;
  }

  // "calls a pull-out from Donetsk unacceptable", "described more sanctions as a fantasy": a
  // judgement after the cue, in its clause, turns it around.
  bool Disapproved(const CueMatch& match, int end) const {
    constexpr int kJudgementWords = 8;
    for (int w = match.last + 1; w < end && w <= match.last + kJudgementWords; ++w) {
      if (IsBoundary(w) || HasPunct(w, ';')) return false;
      if (impl_.lexicon.RoleOf(Lower(w)) == WordRole::kDisapproval) return true;
    }
    return false;
  }

  // "Trump dropped his call for an immediate ceasefire": a concession word before a demand
  // withdraws it, which concedes the other side of the scale.
  // A possessive holder ("dropped his call for") has the concession word right before it.
  bool Retracted(const Holder& holder, int window_begin) const {
    // Only a subject found before its stance verb; a quote's cue ("..., Ushakov insisted")
    // follows its content, whose words are not about the verb.
    if (holder.from_quote || holder.end_word < 0 || index_.words[holder.end_word].mention < 0) {
      return false;
    }
    const int holder_start = MentionStart(holder.end_word);
    const int sentence_begin = index_.sentence_first[index_.words[holder.end_word].sentence];
    for (const Trigger& trigger : holder.chain) {
      if (trigger.cls != TriggerClass::kDemand || trigger.first <= holder.end_word) continue;
      // Only a pronoun owner is the conceding subject itself: "accepted Moscow's demand"
      // takes up another actor's demand, it does not withdraw one.
      const bool own_demand =
          analysis_.mentions[index_.words[holder.end_word].mention].kind == MentionKind::kPronoun;
      if (own_demand && holder_start > sentence_begin &&
          impl_.lexicon.RoleOf(Lower(holder_start - 1)) == WordRole::kConcession) {
        return true;
      }
      for (int w = window_begin; w < trigger.first; ++w) {
        if (impl_.lexicon.RoleOf(Lower(w)) == WordRole::kConcession) return true;
      }
    }
    return false;
  }

  static StanceKind KindOf(TriggerClass cls, bool negation, bool required, bool possible,
                           bool concession) {
    switch (cls) {
      case TriggerClass::kReject:
        return negation ? StanceKind::kAccept : StanceKind::kReject;
      case TriggerClass::kOppose:
        return negation ? StanceKind::kAccept : StanceKind::kOppose;
      case TriggerClass::kDemand:
        return StanceKind::kDemand;
      case TriggerClass::kConcede:
        return StanceKind::kConcede;
      case TriggerClass::kOffer:
        if (negation) return StanceKind::kReject;
        return concession ? StanceKind::kConcede : StanceKind::kOffer;
      case TriggerClass::kAccept:
        return negation ? StanceKind::kReject : StanceKind::kAccept;
      case TriggerClass::kSupport:
        return negation ? StanceKind::kReject : StanceKind::kSupport;
      case TriggerClass::kPropose:
        return negation ? StanceKind::kReject : StanceKind::kPropose;
      case TriggerClass::kSpeech:
        if (negation) return StanceKind::kReject;
        if (required) return StanceKind::kDemand;
        if (possible) return concession ? StanceKind::kConcede : StanceKind::kPropose;
        return StanceKind::kSupport;
    }
    return StanceKind::kSupport;
  }

  // "a ceasefire as soon as Kyiv withdraws": a condition phrase after the cue, in its clause.
  // "without" names what the holder refuses, not a condition it sets.
  bool ConditionFollows(const CueMatch& match, int end) const {
    for (int w = match.last + 1; w < end && !IsBoundary(w); ++w) {
      int last = 0;
      if (Lower(w) != "without" && ConditionAtWord(w, end, last)) return true;
    }
    return false;
  }

  // "in exchange for legally binding guarantees": the issue the stance depends on.
  std::string ConditionAfter(const CueMatch& match, int end,
                             const std::vector<CueMatch>& matches) const {
    for (int w = match.last + 1; w < end; ++w) {
      if (IsBoundary(w)) return {};
      int last = 0;
      if (!ConditionAtWord(w, end, last)) continue;
      for (const CueMatch& other : matches) {
        if (other.first > last && other.issue != match.issue) {
          return impl_.scenario->issues[other.issue].id;
        }
      }
      for (int k = last + 1; k < end && !IsBoundary(k); ++k) {
        const int issue = impl_.cues.KeywordIssue(Lower(k));
        if (issue >= 0 && issue != match.issue) return impl_.scenario->issues[issue].id;
      }
      return {};
    }
    return {};
  }

  // Support and rejection without a cue of their own: "He welcomed the new guarantees",
  // "and that Kyiv was refusing".
  void References(int s, int begin, int end, const std::vector<CueMatch>& matches) {
    for (int w = begin; w < end; ++w) {
      std::optional<Trigger> trigger = impl_.lexicon.TriggerAt(index_, w, end);
      if (!trigger || AfterDeterminer(w, begin)) continue;
      const TriggerClass cls = trigger->cls;
      if (cls != TriggerClass::kSupport && cls != TriggerClass::kAccept &&
          cls != TriggerClass::kReject && cls != TriggerClass::kOppose) {
        continue;
      }
      int object_end = trigger->last + 1;
      while (object_end < end && !IsBoundary(object_end) && !HasPunct(object_end, ',')) {
        ++object_end;
      }
      const bool has_cue = std::any_of(matches.begin(), matches.end(), [&](const CueMatch& m) {
        return m.first > trigger->last && m.first < object_end;
      });
      if (has_cue) continue;
      std::optional<Holder> holder = FindSubject(w, begin, trigger);
      if (!holder) continue;
      int issue = -1;
      for (int k = trigger->last + 1; k < object_end && issue < 0; ++k) {
        issue = impl_.cues.KeywordIssue(Lower(k));
      }
      const bool rejecting = IsRejecting(cls);
      if (issue >= 0) {
        PendingReference pending{Base(s, *holder, issue), cls};
        pending.statement.kind = rejecting ? StanceKind::kReject : StanceKind::kSupport;
        if (cls == TriggerClass::kAccept) pending.statement.kind = StanceKind::kAccept;
        pending.statement.negated = rejecting;
        pending.statement.confidence = 0.6 * (holder->via_pronoun ? 0.9 : 1.0);
        references_.push_back(std::move(pending));
        w = trigger->last;
        continue;
      }
      // A bare refusal answers the last proposal of the same sentence.
      if (!rejecting || object_end - trigger->last > 2) continue;
      const CueMatch* answered = nullptr;
      for (const CueMatch& m : matches) {
        if (m.last < trigger->first) answered = &m;
      }
      if (answered == nullptr) continue;
      Statement statement = Base(s, *holder, answered->issue);
      const ScaleAnchor& anchor = impl_.scenario->issues[answered->issue].anchors[answered->anchor];
      statement.position = anchor.NegatedValue();
      statement.negated = true;
      statement.kind = cls == TriggerClass::kReject ? StanceKind::kReject : StanceKind::kOppose;
      statement.confidence = 0.6 * (holder->via_pronoun ? 0.9 : 1.0);
      sentence_best_.push_back({statement, 0});
      w = trigger->last;
    }
  }

  // A reference takes the confidence-weighted mean of what other actors said on its issue in
  // this article; a rejection takes the mirror of it. Without such statements it is dropped.
  void ResolveReferences() {
    for (PendingReference& pending : references_) {
      double sum = 0;
      double weight = 0;
      for (const Statement& other : statements_) {
        if (other.issue != pending.statement.issue || other.actor == pending.statement.actor) {
          continue;
        }
        sum += other.position * other.confidence;
        weight += other.confidence;
      }
      if (weight <= 0) continue;
      const double mean = sum / weight;
      pending.statement.position = pending.statement.negated ? 100 - mean : mean;
      const bool duplicate =
          std::any_of(statements_.begin(), statements_.end(), [&](const Statement& other) {
            return other.actor == pending.statement.actor &&
                   other.issue == pending.statement.issue && other.span == pending.statement.span;
          });
      if (!duplicate) statements_.push_back(std::move(pending.statement));
    }
  }

  const StanceExtractor::Impl& impl_;
  const Article& article_;
  const Analysis& analysis_;
  WordIndex index_;
  StanceWords words_;
  std::vector<Statement> statements_;
  std::vector<std::pair<Statement, int>> sentence_best_;
  std::vector<CueMatch> cue_spans_;  // the current sentence's cue matches
  std::vector<PendingReference> references_;
  DocumentOwner document_owner_;  // the owner of the last document the article attributed
  bool in_list_ = false;          // inside the short lines after "...'s demands:"
};

// A "$class" that the lexicon does not define would silently match nothing.
Status CheckCueClasses(const Scenario& scenario, const Lexicon& lexicon,
                       const std::string& lexicon_path) {
  for (const Issue& issue : scenario.issues) {
    for (const ScaleAnchor& anchor : issue.anchors) {
      for (const CuePattern& pattern : anchor.cues) {
        for (const CueTerm& term : pattern.terms) {
          for (const std::string& name : term.classes) {
            if (lexicon.CueClass(name) != nullptr) continue;
            return InvalidInput("scenario " + scenario.id + ", issue " + issue.id + ": cue '" +
                                pattern.text + "' names word class $" + name + ", which " +
                                lexicon_path + " does not define (expected a 'cue:" + name +
                                "' line)");
          }
        }
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<StanceExtractor> StanceExtractor::Create(const Scenario& scenario, StanceOptions options) {
  const std::string path =
      options.lexicon_path.empty() ? DefaultDictionaryDir() + "/stances.tsv" : options.lexicon_path;
  Result<Lexicon> lexicon = Lexicon::Load(path);
  if (!lexicon.ok()) return lexicon.status();
  PARLEY_RETURN_IF_ERROR(CheckCueClasses(scenario, *lexicon, path));
  auto impl = std::make_unique<const Impl>(scenario, std::move(options), std::move(*lexicon));
  // Every language folder loads now, and English has every word set: Extract() cannot fail.
  PARLEY_RETURN_IF_ERROR(impl->languages.LoadAll());
  for (std::string_view kind : kWordSets) {
    if (!impl->languages.English().Has(kind)) {
      return NotFound(impl->languages.dir() + "/en/" + std::string(kind) +
                      ".tsv: missing, the stance rules need it");
    }
  }
  return StanceExtractor(std::move(impl));
}

StanceExtractor::StanceExtractor(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
StanceExtractor::StanceExtractor(StanceExtractor&&) noexcept = default;
StanceExtractor& StanceExtractor::operator=(StanceExtractor&&) noexcept = default;
StanceExtractor::~StanceExtractor() = default;

std::vector<Statement> StanceExtractor::Extract(const Article& article,
                                                const Analysis& analysis) const {
  return ArticleStances(*impl_, article, analysis).Run();
}

std::vector<StanceExtractor::CueId> StanceExtractor::MatchedCues(const Analysis& analysis) const {
  const WordIndex index = positions_internal::IndexWords(analysis);
  std::vector<CueId> matched;
  for (size_t s = 0; s + 1 < index.sentence_first.size(); ++s) {
    for (const CueMatch& match :
         impl_->cues.FindAll(index, analysis, index.sentence_first[s], index.sentence_first[s + 1])) {
      matched.push_back({match.issue, match.anchor, match.cue});
    }
  }
  std::sort(matched.begin(), matched.end());
  matched.erase(std::unique(matched.begin(), matched.end()), matched.end());
  return matched;
}

}  // namespace parley
