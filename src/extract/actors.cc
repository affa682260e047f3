// Actor mentions: dictionary matches, composed into agents and titles ("a US official",
// "German Chancellor Friedrich Merz", "the Russian president"), then pronouns and anaphors
// resolved to the most recent compatible mention.
#include <algorithm>
#include <unordered_set>

#include "internal.h"

namespace parley::extract_internal {
namespace {

// "foreign ministry spokeswoman" holds the word "spokeswoman": "the spokeswoman" may mean her.
bool HasWord(const std::string& office, const std::string& word) {
  size_t at = office.find(word);
  while (at != std::string::npos) {
    const size_t after = at + word.size();
    if ((at == 0 || office[at - 1] == ' ') && (after == office.size() || office[after] == ' ')) {
      return true;
    }
    at = office.find(word, at + 1);
  }
  return false;
}

struct Resolved {
  PayloadKind kind{};
  int index = -1;
};

// Picks the payload of a match to use: people before actors before agents before anaphors;
// among the same kind, the last one valid at `date` (later entries override earlier ones).
Resolved Choose(const std::vector<int>& payloads, const Dictionaries& d, const std::string& date) {
  Resolved best;
  for (PayloadKind kind : {kPersonPayload, kActorPayload, kAgentPayload, kAnaphorPayload}) {
    Resolved fallback;
    for (int payload : payloads) {
      if (KindOf(payload) != kind) continue;
      int index = IndexOf(payload);
      fallback = {kind, index};
      bool valid = kind == kPersonPayload
                       ? DateInRange(date, d.people[index].from, d.people[index].to)
                   : kind == kActorPayload
                       ? DateInRange(date, d.actor_forms[index].from, d.actor_forms[index].to)
                       : true;
      if (valid) best = {kind, index};
    }
    if (best.index >= 0) return best;
    if (fallback.index >= 0) return fallback;
  }
  return best;
}

void SetPerson(const PersonEntry& person, ActorMention& mention) {
  mention.person = person.id;
  mention.actor = person.actor;
  mention.sector = person.sector;
  mention.role = person.role;
}

// The holder of `role` for `actor` at `date`, or -1.
int OfficeHolder(const Dictionaries& d, const std::string& actor, const std::string& role,
                 const std::string& date) {
  auto it = d.people_by_office.find(actor + "|" + role);
  if (it == d.people_by_office.end()) return -1;
  int found = -1;
  for (int index : it->second) {
    if (DateInRange(date, d.people[index].from, d.people[index].to)) found = index;
  }
  return date.empty() ? -1 : found;  // without a date a title is ambiguous
}

struct Piece {
  int begin, end;  // tokens
  Resolved what;
};

class MentionBuilder {
 public:
  explicit MentionBuilder(Work& work)
      : work_(work),
        d_(*work.dict),
        agent_modifiers_(work.lang->Words("agent_modifiers")),
        clause_links_(work.lang->Words("pronoun_clause_links")) {}

  void Run() {
    Analysis& out = *work_.out;
    work_.mention_of_token.assign(out.tokens.size(), -1);
    for (size_t s = 0; s < out.sentences.size(); ++s) {
      int first = work_.sentence_first_token[s], last = work_.sentence_first_token[s + 1];
      std::vector<Piece> pieces;
      for (auto& match : d_.actor_matcher.FindAll(out.tokens, work_.flags, first, last)) {
        Resolved what = Choose(match.payloads, d_, work_.date);
        if (what.index >= 0) pieces.push_back({match.begin, match.end, what});
      }
      ComposeSentence(static_cast<int>(s), pieces);
    }
    ResolveReferences();
  }

 private:
  const std::vector<Token>& tokens() const { return work_.out->tokens; }

  bool IsPossessive(int token) const {
    return token < static_cast<int>(tokens().size()) && tokens()[token].norm == "'s";
  }

  // Token index where a piece following `end` may start: after "'s" and agent modifiers.
  int SkipToAgent(int end, int limit) const {
    int at = end;
    if (at < limit && IsPossessive(at)) ++at;
    while (at < limit && agent_modifiers_.Contains(tokens()[at].norm)) ++at;
    return at;
  }

  void Add(int sentence, int begin, int end, MentionKind kind, ActorMention mention) {
    Analysis& out = *work_.out;
    mention.span = {tokens()[begin].span.begin, tokens()[end - 1].span.end};
    mention.sentence = sentence;
    mention.kind = kind;
    int index = static_cast<int>(out.mentions.size());
    for (int t = begin; t < end; ++t) work_.mention_of_token[t] = index;
    out.mentions.push_back(std::move(mention));
    plural_.push_back(false);
    anaphor_rule_.push_back(-1);
  }

  void ComposeSentence(int sentence, const std::vector<Piece>& pieces) {
    int limit = work_.sentence_first_token[sentence + 1];
    for (size_t i = 0; i < pieces.size(); ++i) {
      const Piece& piece = pieces[i];
      ActorMention mention;
      if (piece.what.kind == kPersonPayload) {
        SetPerson(d_.people[piece.what.index], mention);
        Add(sentence, piece.begin, piece.end, MentionKind::kName, mention);
      } else if (piece.what.kind == kActorPayload) {
        const ActorForm& form = d_.actor_forms[piece.what.index];
        mention.actor = form.code;
        mention.sector = form.sector;
        // The agent may follow at once, after "'s", or after modifiers ("chief negotiator").
        const Piece* agent = i + 1 < pieces.size() && pieces[i + 1].begin >= piece.end &&
                                     pieces[i + 1].begin <= SkipToAgent(piece.end, limit)
                                 ? &pieces[i + 1]
                                 : nullptr;
        if (agent != nullptr && agent->what.kind == kAgentPayload) {
          i = ComposeAgent(sentence, piece.begin, i + 1, pieces, mention);
          continue;
        }
        Add(sentence, piece.begin, piece.end,
            form.kind == ActorFormKind::kMetonym ? MentionKind::kMetonym : MentionKind::kName,
            mention);
      } else if (piece.what.kind == kAgentPayload) {
        // "Trump's envoys": the agent belongs to the possessor's actor.
        int prev = piece.begin >= 2 && IsPossessive(piece.begin - 1)
                       ? work_.mention_of_token[piece.begin - 2]
                       : -1;
        if (prev >= 0) {
          mention.actor = work_.out->mentions[prev].actor;
        }
        i = ComposeAgent(sentence, piece.begin, i, pieces, mention);
      } else {
        int rule = piece.what.index;
        Add(sentence, piece.begin, piece.end,
            d_.anaphors[rule].kind == AnaphorRule::kPersonMale ||
                    d_.anaphors[rule].kind == AnaphorRule::kPersonFemale ||
                    d_.anaphors[rule].kind == AnaphorRule::kGroup ||
                    d_.anaphors[rule].kind == AnaphorRule::kSpeaker
                ? MentionKind::kPronoun
                : MentionKind::kAnaphor,
            mention);
        anaphor_rule_.back() = rule;
      }
    }
  }

  // Builds "<actor> <agent> [<person>]" or "<agent> <person>" starting at token `begin`, where
  // pieces[agent_piece] is the agent. Returns the index of the last piece used.
  size_t ComposeAgent(int sentence, int begin, size_t agent_piece, const std::vector<Piece>& pieces,
                      ActorMention mention) {
    const Piece& agent_match = pieces[agent_piece];
    const AgentNoun& agent = d_.agents[agent_match.what.index];
    if (!agent.sector.empty()) mention.sector = agent.sector;
    int end = agent_match.end;
    size_t after = agent_piece + 1;
    if (after < pieces.size() && pieces[after].begin == end &&
        pieces[after].what.kind == kPersonPayload) {
      // "German Chancellor Friedrich Merz": the name decides who it is.
      SetPerson(d_.people[pieces[after].what.index], mention);
      if (!agent.role.empty()) mention.role = agent.role;
      Add(sentence, begin, pieces[after].end, MentionKind::kName, mention);
      return after;
    }
    if (!agent.role.empty() && !mention.actor.empty()) {
      int holder = OfficeHolder(d_, mention.actor, agent.role, work_.date);
      if (holder >= 0) SetPerson(d_.people[holder], mention);
      mention.role = agent.role;
      Add(sentence, begin, end, MentionKind::kTitle, mention);
      plural_.back() = agent.plural;
      return agent_piece;
    }
    Add(sentence, begin, end, MentionKind::kAgent, mention);
    plural_.back() = agent.plural;
    return agent_piece;
  }

  bool Compatible(const AnaphorRule& rule, int candidate) const {
    const ActorMention& m = work_.out->mentions[candidate];
    bool resolved = !m.actor.empty() || !m.person.empty();
    switch (rule.kind) {
      case AnaphorRule::kPersonMale:
      case AnaphorRule::kPersonFemale: {
        if (!m.person.empty()) {
          const std::string& wanted = rule.kind == AnaphorRule::kPersonMale ? "m" : "f";
          return GenderOf(m.person).empty() || GenderOf(m.person) == wanted;
        }
        return (m.kind == MentionKind::kAgent || m.kind == MentionKind::kTitle) &&
               !plural_[candidate] && resolved;
      }
      case AnaphorRule::kGroup:
        return m.kind == MentionKind::kAgent && plural_[candidate];
      case AnaphorRule::kCountry:
        return d_.country_kind.count(m.actor) > 0 &&
               (m.kind == MentionKind::kName || m.kind == MentionKind::kMetonym);
      case AnaphorRule::kPersonRole:
        return m.role == rule.value && !m.person.empty();
      case AnaphorRule::kPersonOffice:
        return !m.person.empty() && HasWord(m.role, rule.value);
      case AnaphorRule::kActorCode:
        return m.actor == rule.value;
      case AnaphorRule::kSpeaker:
        return false;  // resolved by the attribution pass
    }
    return false;
  }

  const std::string& GenderOf(const std::string& person_id) const {
    static const std::string kNone;
    auto it = d_.gender_of.find(person_id);
    return it == d_.gender_of.end() ? kNone : it->second;
  }

  // An object pronoun never means the subject of its own clause (binding principle B:
  // Chomsky 1981): in "Ukrainian officials welcomed them", "them" is not the officials. The
  // clause is approximated as the tokens between the two mentions holding no clause link.
  bool SameClauseObject(int candidate, int pronoun) const {
    const auto& mentions = work_.out->mentions;
    const auto& tokens = work_.out->tokens;
    if (mentions[candidate].sentence != mentions[pronoun].sentence) return false;
    int t = TokenAt(mentions[pronoun].span.begin);
    if (t < 0) return false;
    const std::string& word = tokens[t].norm;
    if (word != "him" && word != "her" && word != "them") return false;
    for (int u = t - 1; u >= 0 && tokens[u].span.begin >= mentions[candidate].span.end; --u) {
      if (clause_links_.Contains(tokens[u].norm)) return false;
    }
    return true;
  }

  int TokenAt(int64_t offset) const {
    const auto& tokens = work_.out->tokens;
    auto it = std::lower_bound(tokens.begin(), tokens.end(), offset,
                               [](const Token& token, int64_t o) { return token.span.begin < o; });
    return it != tokens.end() && it->span.begin == offset ? static_cast<int>(it - tokens.begin())
                                                          : -1;
  }

  // Walks back at most kLookBack mentions: recent context decides, and the cost stays linear.
  void ResolveReferences() {
    constexpr int kLookBack = 30;
    auto& mentions = work_.out->mentions;
    for (int i = 0; i < static_cast<int>(mentions.size()); ++i) {
      int rule_index = anaphor_rule_[i];
      if (rule_index < 0) continue;
      const AnaphorRule& rule = d_.anaphors[rule_index];
      int chosen = -1;
      for (int j = i - 1; j >= std::max(0, i - kLookBack); --j) {
        if (anaphor_rule_[j] >= 0 && mentions[j].actor.empty()) continue;
        if (!Compatible(rule, j) || SameClauseObject(j, i)) continue;
        // In the same sentence the nearest wins; in an earlier one the first, which is
        // usually the subject (a centering preference: Grosz, Joshi, Weinstein 1995).
        if (mentions[j].sentence == mentions[i].sentence) {
          chosen = j;
          break;
        }
        int sentence = mentions[j].sentence;
        chosen = j;
        for (int k = j - 1; k >= std::max(0, i - kLookBack) && mentions[k].sentence == sentence;
             --k) {
          bool usable = !(anaphor_rule_[k] >= 0 && mentions[k].actor.empty());
          if (usable && Compatible(rule, k)) chosen = k;
        }
        break;
      }
      if (chosen >= 0) {
        int j = chosen;
        ActorMention& m = mentions[i];
        m.antecedent = j;
        m.actor = mentions[j].actor;
        m.sector = mentions[j].sector;
        m.person = mentions[j].person;
        m.role = mentions[j].role;
        plural_[i] = plural_[j];
      }
      if (rule.kind == AnaphorRule::kActorCode && mentions[i].actor.empty()) {
        mentions[i].actor = rule.value;
      }
    }
  }

  Work& work_;
  const Dictionaries& d_;
  // Words allowed between a country and an agent noun: "US chief negotiator".
  const WordList& agent_modifiers_;
  // Tokens that put an object pronoun in another clause than a candidate antecedent.
  const WordList& clause_links_;
  std::vector<bool> plural_;       // per mention
  std::vector<int> anaphor_rule_;  // per mention: index into anaphors, or -1
};

}  // namespace

void FindMentions(Work& work) { MentionBuilder(work).Run(); }

}  // namespace parley::extract_internal
