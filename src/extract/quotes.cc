// Quotation regions and attributions: who said (or thought, or reported) what.
//
// The rules follow the structure news prose gives attributions (cf. Pareti 2016, "PARC 3.0",
// and the PolNeAR annotation guide): a cue verb with its subject as the source, content after
// the cue ("X said that ..."), before it ("..., X said."), or around "according to X".
#include <unicode/uchar.h>

#include <algorithm>
#include <unordered_set>

#include "internal.h"

namespace parley::extract_internal {
namespace {

bool IsOpenQuote(char32_t c) { return c == U'\u201C' || c == U'\u00AB' || c == U'\u201E'; }
bool IsCloseQuote(char32_t c) { return c == U'\u201D' || c == U'\u00BB'; }

// The word sets of data/lang/<code>/ that the attribution rules read, looked up once per
// document.
class QuoteWords {
 protected:
  explicit QuoteWords(const Language& lang)
      : auxiliaries_(lang.Words("quote_auxiliaries")),
        phrase_boundaries_(lang.Words("phrase_boundaries")),
        time_words_(lang.Words("quote_time_words")),
        subject_pronouns_(lang.Words("subject_pronouns")),
        speaker_determiners_(lang.Words("speaker_determiners")),
        circumstance_openers_(lang.Words("circumstance_openers")),
        verbs_after_subject_(lang.Words("verbs_after_subject")),
        opening_links_(lang.Words("opening_links")),
        object_pronouns_(lang.Words("object_pronouns")),
        time_nouns_(lang.Words("quote_time_nouns")),
        verb_phrase_auxiliaries_(lang.Words("verb_phrase_auxiliaries")),
        clause_links_(lang.Words("clause_links")),
        first_person_(lang.Words("first_person_pronouns")),
        armed_attack_cues_(lang.Words("armed_attack_cues")) {}

  // Words that may stand between a speaker and the cue: "Merz has also said".
  bool IsAuxiliary(const std::string& w) const {
    return auxiliaries_.Contains(w) || (w.size() > 4 && w.ends_with("ly"));
  }
  // Words that end a noun phrase: clause links and verbs that never sit inside a speaker's name.
  bool IsPhraseBoundary(const std::string& w) const { return phrase_boundaries_.Contains(w); }
  bool IsTimeWord(const std::string& w) const { return time_words_.Contains(w); }
  bool IsTimeNoun(const std::string& w) const { return time_nouns_.Contains(w); }

  const WordList& auxiliaries_;
  const WordList& phrase_boundaries_;
  const WordList& time_words_;
  const WordList& subject_pronouns_;
  const WordList& speaker_determiners_;
  const WordList& circumstance_openers_;
  const WordList& verbs_after_subject_;
  const WordList& opening_links_;
  const WordList& object_pronouns_;
  const WordList& time_nouns_;
  const WordList& verb_phrase_auxiliaries_;
  const WordList& clause_links_;
  const WordList& first_person_;
  const WordList& armed_attack_cues_;
};

class AttributionFinder : private QuoteWords {
 public:
  explicit AttributionFinder(Work& work)
      : QuoteWords(*work.lang),
        work_(work),
        d_(*work.dict),
        out_(*work.out),
        tokens_(work.out->tokens) {}

  void Run() {
    for (int s = 0; s < static_cast<int>(out_.sentences.size()); ++s) FindInSentence(s);
    std::sort(out_.attributions.begin(), out_.attributions.end(),
              [](const Attribution& a, const Attribution& b) {
                return a.content_span.begin < b.content_span.begin;
              });
    AttributeBareQuotes();
    ResolveSpeakerPronouns();
  }

 private:
  int First(int s) const { return work_.sentence_first_token[s]; }
  int Last(int s) const { return work_.sentence_first_token[s + 1]; }
  bool Word(int t) const { return work_.flags[t].word; }
  const std::string& Norm(int t) const { return tokens_[t].norm; }
  bool InQuote(int t) const { return work_.quote_of_token[t] >= 0; }
  bool IsComma(int t) const { return Norm(t) == "," || Norm(t) == "--" || Norm(t) == "-"; }
  // Marks that open and close an aside: commas and dashes ("--" folds en and em dashes).
  bool IsAsideMark(int t) const { return Norm(t) == "," || Norm(t) == "--"; }
  bool IsQuoteMark(int t) const { return Norm(t) == "\"" || Norm(t) == "'"; }
  bool IsFinal(int t) const {
    const std::string& n = Norm(t);
    return n == "." || n == "!" || n == "?" || n == ";" || n == "...";
  }
  bool NounLike(int t) const {
    return Word(t) || Norm(t) == "'s" || Norm(t) == "'" || Norm(t) == "-" || Norm(t) == "%";
  }

  // The token where a subject ends when a parenthesis stands between it and token `k`, else k.
  int SkipParenthesis(int k, int first) const {
    constexpr int kMaxInside = 12;
    if (k <= first + 1 || Norm(k - 1) != ")" || InQuote(k - 1)) return k;
    for (int open = k - 2; open > first && k - open <= kMaxInside; --open) {
      if (Norm(open) == "(") return open;
    }
    return k;
  }

  // The noun phrase that ends at token `end - 1`, walking left; empty when none.
  std::pair<int, int> PhraseEndingAt(int end, int first) const {
    constexpr int kMaxLength = 8;
    int begin = end;
    while (begin > first && end - begin < kMaxLength && NounLike(begin - 1) &&
           !IsPhraseBoundary(Norm(begin - 1))) {
      --begin;
    }
    // "the president of the company": "of" joins two phrases.
    if (begin > first + 1 && Norm(begin - 1) == "of" && NounLike(begin - 2)) {
      int outer = begin - 1;
      while (outer > first && end - outer < kMaxLength && NounLike(outer - 1) &&
             !IsPhraseBoundary(Norm(outer - 1))) {
        --outer;
      }
      if (outer < begin - 1) begin = outer;
    }
    return {begin, end};
  }

  // "“...,” Britain, France(,) and Germany said": the names of a list that follows a quotation
  // or a comma speak together, so the speaker phrase runs from the first of them. `b` starts
  // the last name; the result is `b` unless names joined by "and" (and commas) come before it
  // and the list opens right after a comma or a quotation.
  int TrailingListStart(int b, int first) const {
    const auto name_mention = [&](std::pair<int, int> item) {
      if (item.first < item.second - 1 && IsDeterminer(Norm(item.first))) ++item.first;  // "the US"
      return item.first < item.second && work_.flags[item.first].capitalized &&
             !InQuote(item.first) && work_.mention_of_token[item.second - 1] >= 0;
    };
    if (b - 2 <= first || Norm(b - 1) != "and" || work_.mention_of_token[b] < 0) return b;
    int end = b - 1;
    if (IsComma(end - 1)) --end;  // the serial comma
    std::pair<int, int> item = PhraseEndingAt(end, first);
    if (!name_mention(item)) return b;
    int start = item.first;
    while (start - 1 > first && Norm(start - 1) == ",") {
      item = PhraseEndingAt(start - 1, first);
      // "the ministers of Britain, France and Germany urged": the list is part of a longer
      // subject, which keeps its own head.
      if (!name_mention(item)) return b;
      start = item.first;
    }
    const bool opens_after_quote =
        start > first && (IsComma(start - 1) || IsQuoteMark(start - 1) || InQuote(start - 1));
    return opens_after_quote ? start : b;
  }

  // The noun phrase that starts at token `begin`, walking right.
  std::pair<int, int> PhraseStartingAt(int begin, int last) const {
    constexpr int kMaxLength = 10;
    int end = begin;
    while (end < last && end - begin < kMaxLength && NounLike(end) && !InQuote(end)) {
      const std::string& n = Norm(end);
      bool joins = n == "of" || n == "for" || n == "the" || n == "a" || n == "an";
      if (!joins && IsPhraseBoundary(n)) break;
      if (IsTimeWord(n) && end > begin && !work_.flags[end].capitalized && !joins) break;
      ++end;
    }
    while (end > begin && (Norm(end - 1) == "of" || Norm(end - 1) == "for")) --end;
    return {begin, end};
  }

  static bool IsDeterminer(const std::string& w) {
    return w == "the" || w == "a" || w == "an" || w == "its" || w == "his" || w == "her" ||
           w == "their" || w == "our" || w == "my" || w == "your" || w == "this" || w == "these" ||
           w == "those" || w == "'s";
  }

  // An inverted speaker ("..., said the official") closes the sentence or is followed by a
  // comma or a circumstance ("on Monday"); a pronoun or a phrase followed by a verb is the
  // subject of reported content instead ("said he wanted", "said the chamber will").
  bool IsInvertedSpeaker(std::pair<int, int> phrase, int last) const {
    if (phrase.first == phrase.second || IsCircumstance(phrase.first)) return false;
    const std::string& head = Norm(phrase.first);
    if (subject_pronouns_.Contains(head) && !work_.flags[phrase.first].capitalized) return false;
    if (phrase.second - phrase.first == 1 && speaker_determiners_.Contains(head)) return false;
    int next = phrase.second;
    if (next >= last || !Word(next) || InQuote(next)) return true;
    return IsCircumstance(next) || !(IsVerbAfterSubject(next) || work_.flags[next].word);
  }

  // A word that opens a circumstance after a cue: "said on Monday", "said in a speech",
  // "said answering a question".
  bool IsCircumstance(int t) const {
    const std::string& n = Norm(t);
    return circumstance_openers_.Contains(n) ||
           (n.size() > 5 && n.ends_with("ing") && !work_.flags[t].capitalized);
  }

  bool IsVerbAfterSubject(int t) const { return verbs_after_subject_.Contains(Norm(t)); }

  // The noun phrase before an apposition or relative clause that ends with the comma at
  // `cue_begin - 1`: "Mayra Gonzalez, a cook at the Taj, [said]". Empty when the comma does not
  // close such an aside.
  std::pair<int, int> SubjectBeforeApposition(int first, int cue_begin) const {
    constexpr int kMaxAside = 30;
    int close = cue_begin - 1;
    if (close <= first || !IsAsideMark(close) || InQuote(close)) return {cue_begin, cue_begin};
    for (int open = close - 1; open > first && close - open <= kMaxAside; --open) {
      if (InQuote(open)) continue;  // a title inside the aside: the co-author of “Going Viral,”
      if (IsFinal(open)) break;
      if (!IsAsideMark(open)) continue;
      if (open + 1 == close) break;
      int subject_end = SkipParenthesis(open, first);  // "Rep. X (D-Md.), chair of ..., said"
      auto subject = PhraseEndingAt(subject_end, first);
      if (subject.first == subject.second || !Word(subject_end - 1)) break;
      return {subject.first, open};
    }
    return {cue_begin, cue_begin};
  }

  // "Sen. Marco Rubio, R-Fla., appearing on Fox News, [said]": the name that opens the sentence
  // and is followed by a comma, when the cue follows a comma too. Empty when there is none.
  std::pair<int, int> OpeningNameBeforeAside(int first, int cue_begin) const {
    std::pair<int, int> none{first, first};
    if (cue_begin <= first + 2 || !IsAsideMark(cue_begin - 1) || InQuote(cue_begin - 1)) {
      return none;
    }
    // "But Asa Khalif, an organizer, said": a linking word before the name is not part of it.
    int start = first;
    if (opening_links_.Contains(Norm(start)) && start + 1 < cue_begin) ++start;
    auto name = PhraseStartingAt(start, cue_begin);
    if (name.second < cue_begin && Norm(name.second) == "(") {
      for (int t = name.second + 1; t < cue_begin && t - name.second < 12; ++t) {
        if (Norm(t) == ")") {
          name.second = t + 1;  // "Rep. X (D-Md.), chair of ..., said"
          break;
        }
      }
    }
    if (name.first == name.second || name.second >= cue_begin - 1 || !IsAsideMark(name.second)) {
      return none;
    }
    bool mention = false, capitals = true;
    for (int t = name.first; t < name.second; ++t) {
      mention = mention || work_.mention_of_token[t] >= 0;
      capitals = capitals && (!Word(t) || work_.flags[t].capitalized);
    }
    bool named = mention || (capitals && name.second - name.first >= 2);
    return named && !IsTimeWord(Norm(start)) ? name : none;
  }

  // The sentence's subject as a one-mention phrase: the mention inside the noun phrase that
  // opens the sentence. Empty when that phrase names no actor: in "The plan would cap
  // Ukraine's army and ask Kyiv ...", Ukraine is an object, and the plan speaks.
  std::pair<int, int> SubjectOfSentence(int first, int end) const {
    auto opening = PhraseStartingAt(first, end);
    if (opening.second > opening.first) end = opening.second;
    for (int t = first; t < end; ++t) {
      int m = work_.mention_of_token[t];
      if (m < 0) continue;
      int stop = t;
      while (stop < end && work_.mention_of_token[stop] == m) ++stop;
      return {t, stop};
    }
    return {first, first};
  }

  Span TokenSpan(int begin, int end) const {
    if (end <= begin) return {};
    return {tokens_[begin].span.begin, tokens_[end - 1].span.end};
  }

  // Where content after the cue (or an inverted speaker) begins: past the hearer of "told
  // reporters" and a short time or venue phrase before "that" ("said on Monday that").
  int ContentStart(const Cue& cue, int start, int last) const {
    if (cue.takes_object) {
      // "told them the plan was ready": a pronoun hearer is one word.
      start = start < last && object_pronouns_.Contains(Norm(start))
                  ? start + 1
                  : PhraseStartingAt(start, last).second;
    }
    int probe = start;
    while (probe < last && probe - start < 8 && IsTimeWord(Norm(probe))) ++probe;
    if (probe < last && Norm(probe) == "that") return probe;
    // "said on Monday it would help": the time phrase is not part of what was said.
    bool time_phrase = probe > start && probe < last && IsTimeNoun(Norm(probe - 1));
    return time_phrase ? probe : start;
  }

  static bool IsCuePreposition(const std::string& w) {
    return w == "about" || w == "of" || w == "for" || w == "on" || w == "against" || w == "over" ||
           w == "at";
  }

  // Content running from token `begin` to the end of the sentence (final stop excluded), or the
  // whole quotation when it starts there.
  Span ContentFrom(int begin, int last) const {
    while (begin < last && (Norm(begin) == ":" || Norm(begin) == ",")) ++begin;
    // "asked about the loan": the preposition belongs to the cue.
    if (begin + 1 < last && IsCuePreposition(Norm(begin))) ++begin;
    if (begin >= last) return {};
    int q = work_.quote_of_token[begin];
    if (q >= 0 && work_.quotes[q].begin == tokens_[begin].span.begin) {
      Span quote = work_.quotes[q];
      // A quotation followed by more reported text is kept whole with it ("mixed").
      int after = begin;
      while (after < last && tokens_[after].span.begin < quote.end) ++after;
      if (after >= last || IsFinal(after)) return quote;
    }
    int end = ClauseEnd(begin, last);
    while (end > begin && IsFinal(end - 1) && !InQuote(end - 1)) --end;
    return TokenSpan(begin, end);
  }

  // A word that can only open a verb phrase: an attribution cue, an auxiliary or a regular past
  // tense ("and said", "but has", "and welcomed").
  bool OpensVerbPhrase(int t, int last, bool cue_only) const {
    const std::string& n = Norm(t);
    if (work_.flags[t].capitalized) return false;
    if (!cue_only && (verb_phrase_auxiliaries_.Contains(n) || (n.size() > 4 && n.ends_with("ed"))))
      return true;
    auto cue = d_.cue_matcher.LongestAt(tokens_, work_.flags, t, last);
    return cue.end > cue.begin;
  }

  // Reported content stops where a new clause joins with a comma: ", but ...", ", while ...",
  // ", encouraging ..." (outside quotations, after at least three words), and where the
  // speaker's own next verb is coordinated: "praised the plan and said ...".
  int ClauseEnd(int begin, int last) const {
    // In "said that talks were hard but achieved progress" the verb after "but" belongs to the
    // reported clause; only another cue ("and said") returns to the speaker.
    bool reported_clause = Norm(begin) == "that";
    int words = 0;
    for (int t = begin; t + 1 < last; ++t) {
      words += Word(t);
      if (Norm(t) == ";" && !InQuote(t)) return t;  // "47% say A; 37% disagree"
      if (InQuote(t) || words < 2) continue;
      if ((Norm(t) == "and" || Norm(t) == "but") && OpensVerbPhrase(t + 1, last, reported_clause)) {
        return t > begin && Norm(t - 1) == "," ? t - 1 : t;
      }
      if (Norm(t) != "," || words < 2) continue;
      const std::string& next = Norm(t + 1);
      bool participle = next.size() > 5 && next.ends_with("ing") && !work_.flags[t + 1].capitalized;
      if (clause_links_.Contains(next) || participle) return t;
    }
    return last;
  }

  // Content from the sentence start (or the quotation that opens it) to token `end`.
  Span ContentBefore(int first, int end) const {
    while (end > first && (IsComma(end - 1) || (IsQuoteMark(end - 1) && !InQuote(end - 1)))) {
      --end;
    }
    if (end <= first) return {};
    int q = work_.quote_of_token[end - 1];
    if (q >= 0 && work_.quotes[q].end >= tokens_[end - 1].span.end &&
        (work_.quotes[q].begin <= tokens_[first].span.begin || work_.quote_of_token[first] == q)) {
      return work_.quotes[q];  // may start sentences earlier: a multi-sentence quote
    }
    int begin = first;
    // A leading "But", "And" or an opening quote mark stays with the content.
    return TokenSpan(begin, end);
  }

  // "“A,” Trump said. “B.”": a quotation that goes on right after the attributed sentence, in
  // the same paragraph, is the same statement (PolNeAR annotates A and B as one content).
  Span ExtendOverFollowingQuotes(Span content, int sentence) const {
    if (content.empty()) return content;
    int q = QuoteStartingAt(content.begin);
    if (q < 0) return content;
    const std::u32string& chars = work_.points.chars;
    int64_t end = out_.sentences[sentence].span.end;
    for (size_t next = q + 1; next < work_.quotes.size(); ++next) {
      int64_t gap_begin = std::max(end, content.end);
      const Span& quote = work_.quotes[next];
      bool adjacent = quote.begin >= gap_begin;
      for (int64_t i = gap_begin; adjacent && i < quote.begin; ++i) {
        adjacent = chars[i] == ' ' || chars[i] == '\t';
      }
      if (!adjacent) break;
      content.end = quote.end;
      end = quote.end;
    }
    return content;
  }

  // The quotation that ends right before token `t` with only spaces between, or empty.
  Span QuoteEndingBefore(int t) const {
    int64_t at = tokens_[t].span.begin;
    auto it = std::lower_bound(work_.quotes.begin(), work_.quotes.end(), at,
                               [](const Span& q, int64_t offset) { return q.end <= offset; });
    if (it == work_.quotes.begin()) return {};
    const Span& quote = *(it - 1);
    const std::u32string& chars = work_.points.chars;
    for (int64_t i = quote.end; i < at; ++i) {
      if (chars[i] != ' ' && chars[i] != '\t') return {};
    }
    return quote;
  }

  int QuoteStartingAt(int64_t offset) const {
    auto it = std::lower_bound(work_.quotes.begin(), work_.quotes.end(), offset,
                               [](const Span& q, int64_t at) { return q.begin < at; });
    return it != work_.quotes.end() && it->begin == offset
               ? static_cast<int>(it - work_.quotes.begin())
               : -1;
  }

  AttributionKind KindOf(Span content) const {
    bool has_quote = false;
    auto it = std::lower_bound(work_.quotes.begin(), work_.quotes.end(), content.begin,
                               [](const Span& q, int64_t at) { return q.end <= at; });
    for (; it != work_.quotes.end(); ++it) {
      const Span& quote = *it;
      if (quote.begin >= content.end) break;
      if (quote.end <= content.begin) continue;
      if (quote.begin <= content.begin && quote.end >= content.end) return AttributionKind::kDirect;
      has_quote = true;
    }
    return has_quote ? AttributionKind::kMixed : AttributionKind::kIndirect;
  }

  void Emit(int sentence, std::pair<int, int> speaker, std::pair<int, int> cue, Span content) {
    if (content.size() < 2) return;
    Attribution a;
    a.sentence = sentence;
    a.speaker_span = TokenSpan(speaker.first, speaker.second);
    a.cue_span = TokenSpan(cue.first, cue.second);
    a.content_span = content;
    a.kind = KindOf(content);
    // The head of the speaker phrase is its first mention ("an official briefed on the
    // US-Ukrainian talks"), unless that one is an unresolved "spokesman for <actor>".
    for (int t = speaker.first; t < speaker.second; ++t) {
      int m = work_.mention_of_token[t];
      if (m < 0) continue;
      int after = t;
      while (after < speaker.second && work_.mention_of_token[after] == m) ++after;
      bool linked = after < speaker.second && (Norm(after) == "of" || Norm(after) == "for");
      a.speaker_mention = m;
      a.actor = out_.mentions[m].actor;
      a.sector = out_.mentions[m].sector;
      a.person = out_.mentions[m].person;
      if (!a.actor.empty() || !linked) break;
      t = after - 1;
    }
    if (IsArmedAttack(a, cue.first, content)) return;
    out_.attributions.push_back(std::move(a));
  }

  // "Russia attacked Ukraine overnight", "Russian forces attacked the city": a state named as
  // such that attacks a state, or an armed force that attacks anything, fights (events.cc
  // codes FIGHT); no one speaks. A person, a government's seat or a civilian body attacking
  // something ("the senator attacked the plan", "Trump attacked Biden", "the Kremlin
  // attacked Washington for ...") still speaks.
  bool IsArmedAttack(const Attribution& a, int cue, Span content) const {
    if (!armed_attack_cues_.Contains(Norm(cue)) || a.speaker_mention < 0 || !a.person.empty() ||
        out_.mentions[a.speaker_mention].kind == MentionKind::kPronoun || a.actor.empty()) {
      return false;
    }
    if (a.sector == "MIL" || a.sector == "REB") return true;
    // A government's seat ("the Kremlin attacked Washington for ...") speaks.
    if (!a.sector.empty() || out_.mentions[a.speaker_mention].kind != MentionKind::kName) {
      return false;
    }
    int t = cue + 1;
    while (t < static_cast<int>(tokens_.size()) && tokens_[t].span.begin < content.begin) ++t;
    if (t < static_cast<int>(tokens_.size()) && Norm(t) == "the") ++t;
    if (t >= static_cast<int>(tokens_.size())) return false;
    int m = work_.mention_of_token[t];
    return m >= 0 && out_.mentions[m].person.empty() && !out_.mentions[m].actor.empty() &&
           out_.mentions[m].kind != MentionKind::kPronoun;
  }

  // "<tweet id=...>" left in a page's text is markup, not a cue.
  bool InMarkup(const TokenMatcher::Match& match) const {
    const std::u32string& chars = work_.points.chars;
    int64_t begin = tokens_[match.begin].span.begin, end = tokens_[match.end - 1].span.end;
    bool tag_before = begin > 0 && (chars[begin - 1] == '<' || chars[begin - 1] == '/');
    bool attribute_after =
        end < static_cast<int64_t>(chars.size()) && (chars[end] == '=' || chars[end] == '-');
    return tag_before || attribute_after;
  }

  bool StartsLine(int token) const {
    int64_t i = tokens_[token].span.begin;
    const std::u32string& chars = work_.points.chars;
    while (i > 0 && (chars[i - 1] == ' ' || chars[i - 1] == '\t')) --i;
    return i == 0 || chars[i - 1] == '\n';
  }

  bool HasLetterWord(int begin, int last) const {
    for (int t = begin; t < last; ++t) {
      if (Word(t) && u_isalpha(work_.points.chars[tokens_[t].span.begin])) return true;
    }
    return false;
  }

  int64_t LineEnd(int64_t from) const {
    const std::u32string& chars = work_.points.chars;
    int64_t end = from;
    while (end < static_cast<int64_t>(chars.size()) && chars[end] != '\n') ++end;
    while (end > from && (chars[end - 1] == ' ' || chars[end - 1] == '\r')) --end;
    return end;
  }

  // Transcripts and headlines: "PENCE: Well, look ..." or "Caddell: Voters worry ...". The
  // content runs to the end of the line.
  bool FindColonSpeaker(int s, int first, int last) {
    constexpr int kMaxNameTokens = 4;
    // "9:50 p.m." and "Sanders: 46." are times and tallies, not speakers.
    if (!StartsLine(first) || !work_.flags[first].capitalized) return false;
    for (int c = first + 1; c < last && c - first <= kMaxNameTokens; ++c) {
      if (Norm(c) == ":") {
        int64_t begin = tokens_[c].span.end;
        const std::u32string& chars = work_.points.chars;
        while (begin < static_cast<int64_t>(chars.size()) && chars[begin] == ' ') ++begin;
        Span content{begin, LineEnd(begin)};
        if (content.size() < 2 || !HasLetterWord(c + 1, last)) return false;
        Emit(s, {first, c}, {c, c + 1}, content);
        skip_until_ = content.end;
        return true;
      }
      if (!Word(c - 1) || !work_.flags[c - 1].capitalized) return false;
    }
    return false;
  }

  // A signature after a quotation: "“...” ― Name, title", on the same line or the next.
  bool FindDashSignature(int s, int first, int last) {
    for (int t = first; t + 1 < last; ++t) {
      if ((Norm(t) == "\u2015" || Norm(t) == "--") && !InQuote(t) && SignatureAt(s, t, last)) {
        return true;
      }
    }
    return false;
  }

  bool SignatureAt(int s, int first, int last) {
    auto it = std::lower_bound(work_.quotes.begin(), work_.quotes.end(), tokens_[first].span.begin,
                               [](const Span& q, int64_t at) { return q.end <= at; });
    if (it == work_.quotes.begin()) return false;
    const Span& quote = *(it - 1);
    const std::u32string& chars = work_.points.chars;
    for (int64_t i = quote.end; i < tokens_[first].span.begin; ++i) {
      if (!u_isUWhiteSpace(chars[i])) return false;
    }
    auto speaker = PhraseStartingAt(first + 1, last);
    if (speaker.first == speaker.second) return false;
    Emit(s, speaker, {first, first + 1}, quote);
    return true;
  }

  // A headline in title case: at least four words, and all but short function words capitalised.
  bool IsTitleCase(int first, int last) const {
    int words = 0, lower = 0;
    for (int t = first; t < last; ++t) {
      if (!Word(t) || InQuote(t)) continue;
      ++words;
      if (!work_.flags[t].capitalized && Norm(t).size() > 3) ++lower;
    }
    return words >= 4 && lower == 0;
  }

  // "Noting that the fields pay for the war, Trump said ...": the participle clause that opens
  // the sentence is content, and the subject after its comma speaks. Returns the token after
  // that comma, or -1 when the sentence has no such shape.
  int FindOpeningParticiple(int s, const TokenMatcher::Match& match) {
    int first = First(s), last = Last(s);
    for (int comma = match.end + 1; comma + 1 < last; ++comma) {
      if (InQuote(comma) || IsFinal(comma)) return -1;
      if (Norm(comma) != ",") continue;
      auto speaker = PhraseStartingAt(comma + 1, last);
      // The subject stops at its verb: "the mayor [urged]".
      for (int t = speaker.first + 1; t < speaker.second; ++t) {
        auto cue = d_.cue_matcher.LongestAt(tokens_, work_.flags, t, last);
        if (cue.end > cue.begin || IsVerbAfterSubject(t)) speaker.second = t;
      }
      if (speaker.first == speaker.second) return -1;
      Emit(s, speaker, {first, match.end}, TokenSpan(match.end, comma));
      return comma + 1;
    }
    return -1;
  }

  // "X believed Putin wanted a deal, Clinton said she would not guess": a cue inside the
  // content of the sentence's previous attribution opens its own clause when its subject
  // follows a clause break (",", ";", "and", "but"). The previous content then ends at the
  // break. Returns whether it did.
  bool CutPreviousContent(const TokenMatcher::Match& match, int first, size_t emitted_before) {
    if (out_.attributions.size() <= emitted_before) return false;
    Attribution& previous = out_.attributions.back();
    int k = match.begin;
    while (k > first && IsAuxiliary(Norm(k - 1)) && !InQuote(k - 1)) --k;
    if (k <= first || !Word(k - 1) || InQuote(k - 1) || IsPhraseBoundary(Norm(k - 1))) {
      return false;
    }
    auto subject = PhraseEndingAt(k, first);
    int cut = subject.first - 1;
    if (cut <= first || InQuote(cut)) return false;
    const std::string& link = Norm(cut);
    if (link != "," && link != ";" && link != "and" && link != "but") return false;
    if (link != "," && link != ";" && Norm(cut - 1) == ",") --cut;
    int64_t end = tokens_[cut - 1].span.end;
    if (end <= previous.content_span.begin + 1 || end >= previous.content_span.end) return false;
    if (tokens_[subject.first].span.begin < previous.cue_span.end) return false;
    previous.content_span.end = end;
    previous.kind = KindOf(previous.content_span);
    return true;
  }

  void FindInSentence(int s) {
    int first = First(s), last = Last(s);
    if (first >= last || tokens_[first].span.begin < skip_until_) return;
    if (FindColonSpeaker(s, first, last) || FindDashSignature(s, first, last)) return;
    int covered_until = first;  // tokens before this already belong to an attribution's content
    size_t emitted_before = out_.attributions.size();
    bool title_case = IsTitleCase(first, last);
    std::pair<int, int> last_speaker{first, first};
    for (const auto& match : d_.cue_matcher.FindAll(tokens_, work_.flags, first, last)) {
      if (InQuote(match.begin) || InMarkup(match)) continue;
      if (match.begin < covered_until && !CutPreviousContent(match, first, emitted_before))
        continue;
      // A capitalised cue is a name ("United States") or an imperative heading ("Find ..."),
      // except in a title-case headline after its subject ("Rubio Calls Plan 'Reckless'").
      if (work_.flags[match.begin].capitalized &&
          !(match.begin == first && Norm(match.begin) == "according")) {
        if (match.begin == first && (Norm(first) == "said" || Norm(first) == "says")) {
          // "Said Comey, “...”": the speaker follows, the statement is the quotation after.
          auto speaker = PhraseStartingAt(match.end, last);
          int quote = speaker.second;
          while (quote < last && !InQuote(quote)) ++quote;
          if (speaker.first < speaker.second && quote < last) {
            Emit(s, speaker, {match.begin, match.end}, ContentFrom(quote, last));
            covered_until = last;
          }
          continue;
        }
        if (match.begin == first && Norm(first).ends_with("ing")) {
          int clause_end = FindOpeningParticiple(s, match);
          if (clause_end >= 0) covered_until = clause_end;  // the main clause may report too
          continue;
        }
        if (!(title_case && match.begin > first && Word(match.begin - 1))) continue;
      }
      // "a proposal suggested by Trump" is a passive participle, not an attribution.
      if (match.end < last && Norm(match.end) == "by") continue;
      if (match.begin > first && IsDeterminer(Norm(match.begin - 1))) continue;
      const Cue& cue = d_.cues[match.payloads.back()];
      std::pair<int, int> cue_tokens{match.begin, match.end};
      if (cue.frame == CueFrame::kSourceAfter) {
        auto source = PhraseStartingAt(match.end, last);
        if (source.second == source.first) continue;
        Span content;
        int lead = match.begin;
        while (lead > first && !Word(lead - 1)) --lead;
        if (lead == first) {
          int after = source.second;
          while (after < last && !IsComma(after) && !IsFinal(after)) ++after;
          content = ContentFrom(after + 1, last);
        } else {
          content = ContentBefore(first, match.begin);
        }
        Emit(s, source, cue_tokens, content);
        covered_until = last;
        continue;
      }
      int k = match.begin;
      while (k > first && IsAuxiliary(Norm(k - 1)) && !InQuote(k - 1)) --k;
      std::pair<int, int> speaker{k, k};
      // "Sen. Rand Paul (R-Ky.) said", "Kasich (who has 25 delegates) said": the subject ends
      // before the parenthesis, and the speaker span keeps it.
      int subject_end = SkipParenthesis(k, first);
      bool it_subject = subject_end > first && Norm(subject_end - 1) == "it";  // "It says ..."
      bool speaker_left = subject_end > first && !InQuote(subject_end - 1) &&
                          ((NounLike(subject_end - 1) && Norm(subject_end - 1) != "-" &&
                            !IsPhraseBoundary(Norm(subject_end - 1))) ||
                           it_subject);
      // "voters who said", "de Vos, who said": the speaker span runs from the antecedent to the
      // relative pronoun, which is the grammatical subject of the cue.
      int relative = -1;
      for (int t = k; t < match.begin; ++t) {
        if (Norm(t) == "who" || Norm(t) == "which") relative = t;
      }
      if (!speaker_left && relative == k && k > first + 1 && Norm(k - 1) == "," && Word(k - 2) &&
          !InQuote(k - 2)) {
        speaker = PhraseEndingAt(k - 1, first);
        speaker_left = speaker.first < speaker.second;
        if (speaker_left) speaker.second = relative + 1;
      } else if (speaker_left) {
        speaker = it_subject ? std::pair<int, int>{subject_end - 1, subject_end}
                             : PhraseEndingAt(subject_end, first);
        speaker.second = k;
        // "Kessel, whose group backs the bill, said": the name before an apposition speaks.
        int b = speaker.first;
        if (b > first + 1 && Norm(b - 1) == "," && work_.flags[b - 2].capitalized &&
            !IsTimeWord(Norm(b - 2)) && !InQuote(b - 2) && !work_.flags[b].capitalized) {
          auto name = PhraseEndingAt(b - 1, first);
          if (name.second > name.first) speaker.first = name.first;
        }
        if (relative >= 0) speaker.second = relative + 1;
        if (relative < 0) speaker.first = TrailingListStart(speaker.first, first);
      } else if (k > first && ((Norm(k - 1) == "," && Norm(match.begin).ends_with("ing")) ||
                               Norm(k - 1) == "and" || Norm(k - 1) == "but")) {
        // "Merz expressed optimism, stating that ...": the main clause's subject speaks.
        // ", adding that ..." or "and said ..." after an attribution in this sentence
        // continues its speaker.
        if (last_speaker.second > last_speaker.first) {
          speaker = last_speaker;
        } else {
          speaker = SubjectOfSentence(first, k - 1);
        }
        if (speaker.first == speaker.second) speaker = PhraseStartingAt(first, k - 1);
        if (speaker.first == speaker.second) continue;
        Span content = ContentFrom(ContentStart(cue, match.end, last), last);
        Emit(s, speaker, cue_tokens, content);
        covered_until = std::max(match.end, TokenAtOrAfter(content.end, last));
        continue;
      } else if (auto subject = OpeningNameBeforeAside(first, k); subject.second > first) {
        // "Chris Collins, a Trump supporter, said ...": a sentence that opens with a name and
        // an aside has its subject there, not after the cue.
        speaker = subject;
        speaker_left = true;
      } else if (cue.inverts) {
        speaker = PhraseStartingAt(match.end, last);  // "..., said the official."
        // "..., said the chamber will vote": a phrase followed by its verb is the content's
        // subject, not an inverted speaker.
        if (!IsInvertedSpeaker(speaker, last)) speaker = {match.end, match.end};
      }
      if (speaker.first == speaker.second) {
        // "Crawford, who worked on the book, said in an interview that ...": the subject
        // stands before an apposition set off by commas.
        speaker = SubjectBeforeApposition(first, k);
        speaker_left = speaker.first < speaker.second;
      }
      if (speaker.first == speaker.second) continue;
      // Is there reported material before the speaker? "..., X said." / "“...,” X said."
      int before = speaker_left ? speaker.first : match.begin;
      // Trailing attributions end the sentence: after the cue (and an inverted speaker) only a
      // short phrase is left ("..., Merz said on Monday."), never a clause.
      int rest_begin = speaker_left ? match.end : std::max(match.end, speaker.second);
      // "“...,” Fiorina told the crowd, her voice ...": the hearer is part of the cue's frame.
      if (cue.takes_object && speaker_left) rest_begin = PhraseStartingAt(rest_begin, last).second;
      // "“Savage,” she said, meaning that ...": a participle or circumstance after a comma
      // describes the saying, it is not more of the statement.
      bool circumstance_rest =
          rest_begin + 1 < last && Norm(rest_begin) == "," && IsCircumstance(rest_begin + 1);
      int rest_words = 0;
      bool rest_clause = false;
      for (int t = rest_begin; t < last; ++t) {
        rest_words += Word(t);
        // "X said, “...”": a quotation right after the cue (and its comma) is the statement.
        bool opens_rest = t == rest_begin || (t == rest_begin + 1 &&
                                              (Norm(rest_begin) == "," || Norm(rest_begin) == ":"));
        bool quote_before = before > first && (InQuote(before - 1) || IsQuoteMark(before - 1));
        if ((Norm(t) == "that" && !InQuote(t)) ||
            (InQuote(t) && (t == rest_begin || (opens_rest && !quote_before)))) {
          rest_clause = true;
        }
      }
      if (circumstance_rest) rest_clause = false;
      bool short_rest = !rest_clause && (rest_words <= 4 ||
                                         Norm(rest_begin < last ? rest_begin : last - 1) == "," ||
                                         (rest_begin < last && IsCircumstance(rest_begin)));
      // "Asked whether he would go, he said: “Probably.”": an opening participle clause sets
      // the scene; the statement follows the cue.
      bool scene_first = rest_words > 0 && work_.flags[first].capitalized &&
                         (Norm(first).ends_with("ed") || Norm(first).ends_with("ing")) &&
                         !InQuote(first);
      bool trailing = before > first && !scene_first && (short_rest || !speaker_left) &&
                      (IsComma(before - 1) || IsQuoteMark(before - 1) || InQuote(before - 1)) &&
                      (before - first >= 4 || InQuote(before - 1));
      // "A, he said, B." / "“A,” he says, “B?”": the speaker interrupts one statement.
      bool interjected = false;
      if (rest_begin + 1 < last && Norm(rest_begin) == ",") {
        auto next_cue = d_.cue_matcher.LongestAt(tokens_, work_.flags, rest_begin + 1, last);
        // After an inverted speaker ("..., said X, the founder of ...") a comma opens an
        // apposition unless a quotation resumes.
        // A quotation resumes a quotation, plain text resumes plain text.
        bool same_voice = before > first && InQuote(before - 1) == InQuote(rest_begin + 1);
        interjected = next_cue.end == next_cue.begin && rest_words >= 3 && !circumstance_rest &&
                      (speaker_left || InQuote(rest_begin + 1)) && same_voice;
      }
      if (!trailing && interjected && !rest_clause && speaker_left && before > first &&
          IsComma(before - 1) && !InQuote(before - 1)) {
        trailing = true;
      }
      Span content;
      last_speaker = speaker;
      if (trailing) {
        content = ExtendOverFollowingQuotes(ContentBefore(first, before), s);
        if (interjected && !content.empty()) {
          Span after = ContentFrom(rest_begin + 1, last);
          if (!after.empty()) content.end = std::max(content.end, after.end);
        }
        Emit(s, speaker, cue_tokens, content);
        covered_until = std::max(speaker.second, match.end);
        continue;
      } else {
        content =
            ContentFrom(ContentStart(cue, speaker_left ? match.end : speaker.second, last), last);
        if (content.empty() && before == first && short_rest) {
          // "“Is that all?” Trump said.": the sentence break after “?” or “!” left the
          // quotation in the sentence before.
          content = ExtendOverFollowingQuotes(QuoteEndingBefore(first), s);
        }
      }
      Emit(s, speaker, cue_tokens, content);
      // A cue after the content may still open an attribution: "..., saying ...".
      covered_until = std::max(match.end, TokenAtOrAfter(content.end, last));
    }
    if (out_.attributions.size() == emitted_before) FindColonQuote(s, first, last);
  }

  // "The letter continues: “...”", "Zeldin tried it on CNN on Tuesday: “...”": a quotation
  // introduced by a colon belongs to the sentence's subject, whatever the verb before it.
  void FindColonQuote(int s, int first, int last) {
    for (int colon = first + 1; colon + 1 < last; ++colon) {
      if (Norm(colon) != ":" || InQuote(colon)) continue;
      int q = QuoteStartingAt(tokens_[colon + 1].span.begin);
      if (q < 0) return;
      auto speaker = SubjectOfSentence(first, colon);
      if (speaker.first == speaker.second) speaker = PhraseStartingAt(first, colon);
      if (speaker.first == speaker.second) return;
      Emit(s, speaker, {colon, colon + 1}, ExtendOverFollowingQuotes(work_.quotes[q], s));
      return;
    }
  }

  // A quotation that opens a sentence with no cue of its own continues the previous speaker
  // when that speaker was quoted in the last two sentences.
  void AttributeBareQuotes() {
    std::vector<Attribution> added;
    size_t next = 0;
    const Attribution* previous = nullptr;
    for (const Span& quote : work_.quotes) {
      while (next < out_.attributions.size() &&
             out_.attributions[next].content_span.begin <= quote.begin) {
        previous = &out_.attributions[next++];
      }
      bool covered = false;
      for (size_t i = next > 0 ? next - 1 : 0; i < out_.attributions.size(); ++i) {
        const Span& c = out_.attributions[i].content_span;
        if (c.begin >= quote.end) break;
        if (c.end > quote.begin) covered = true;
      }
      if (covered || previous == nullptr) continue;
      int t = FirstTokenAt(quote.begin);
      if (t < 0) continue;
      int sentence = tokens_[t].sentence;
      bool opens_sentence = First(sentence) == t;
      int words = 0;
      for (int u = t; u < static_cast<int>(tokens_.size()) && tokens_[u].span.end <= quote.end;
           ++u) {
        words += Word(u);
      }
      if (!opens_sentence || words < 5 || sentence - previous->sentence > 2) continue;
      Attribution a = *previous;
      a.sentence = sentence;
      a.cue_span = {};
      a.content_span = quote;
      a.kind = AttributionKind::kDirect;
      added.push_back(std::move(a));
    }
    out_.attributions.insert(out_.attributions.end(), added.begin(), added.end());
    std::sort(out_.attributions.begin(), out_.attributions.end(),
              [](const Attribution& a, const Attribution& b) {
                return a.content_span.begin < b.content_span.begin;
              });
  }

  // The first token of [0, limit) that starts at or after `offset`, else `limit`.
  int TokenAtOrAfter(int64_t offset, int limit) const {
    int t = FirstTokenAt(offset);
    return t < 0 ? limit : std::min(t, limit);
  }

  int FirstTokenAt(int64_t offset) const {
    auto it = std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                               [](const Token& t, int64_t o) { return t.span.begin < o; });
    return it == tokens_.end() ? -1 : static_cast<int>(it - tokens_.begin());
  }

  bool SpeaksAsInstitution(const Attribution& a) const {
    if (a.speaker_mention < 0 || !a.person.empty()) return false;
    MentionKind kind = out_.mentions[a.speaker_mention].kind;
    return kind == MentionKind::kName || kind == MentionKind::kMetonym;
  }

  // "I", "we", "it" inside reported content mean the speaker.
  void ResolveSpeakerPronouns() {
    for (const Attribution& a : out_.attributions) {
      if (a.speaker_mention < 0 && a.actor.empty()) continue;
      for (int t = FirstTokenAt(a.content_span.begin);
           t >= 0 && t < static_cast<int>(tokens_.size()) &&
           tokens_[t].span.end <= a.content_span.end;
           ++t) {
        int m = work_.mention_of_token[t];
        if (m < 0) continue;
        ActorMention& mention = out_.mentions[m];
        if (mention.kind != MentionKind::kPronoun || !mention.actor.empty()) continue;
        // "it" is the speaker only when the speaker is a country or an organisation: in
        // "officials said it was ready", "it" is the thing being talked about.
        bool institution = Norm(t) == "it" || Norm(t) == "its";
        if (institution ? !SpeaksAsInstitution(a) : !first_person_.Contains(Norm(t))) continue;
        mention.actor = a.actor;
        mention.sector = a.sector;
        mention.antecedent = a.speaker_mention;
        bool singular = Norm(t) == "i" || Norm(t) == "me" || Norm(t) == "my";
        if (singular) mention.person = a.person;
      }
    }
  }

  Work& work_;
  const Dictionaries& d_;
  Analysis& out_;
  const std::vector<Token>& tokens_;
  int64_t skip_until_ = 0;  // content of a colon attribution runs to here
};

bool StartsWord(const std::u32string& chars, int64_t i) {
  bool before = i == 0 || chars[i - 1] == '\n' || chars[i - 1] == ' ';
  return before && i + 1 < static_cast<int64_t>(chars.size()) && u_isalnum(chars[i + 1]);
}

}  // namespace

void FindQuotes(Work& work) {
  const std::u32string& chars = work.points.chars;
  int64_t open = -1;
  bool straight = false;
  for (int64_t i = 0; i < static_cast<int64_t>(chars.size()); ++i) {
    char32_t c = chars[i];
    if (c == '\n') {
      // A quotation never runs past its paragraph; news repeats the mark on the next one.
      if (open >= 0) {
        int64_t end = i;
        while (end > open && (chars[end - 1] == ' ' || chars[end - 1] == '\r')) --end;
        if (end - open > 1) work.quotes.push_back({open, end});
      }
      open = -1;
    } else if (open < 0 && (IsOpenQuote(c) || (IsCloseQuote(c) && StartsWord(chars, i)))) {
      // A closing mark at the start of a paragraph or word is a mis-typed opening one.
      open = i;
      straight = false;
    } else if (IsCloseQuote(c) && open >= 0 && !straight) {
      work.quotes.push_back({open, i + 1});
      open = -1;
    } else if (c == '"' ||
               (c == '\'' && i + 1 < static_cast<int64_t>(chars.size()) && chars[i + 1] == '\'')) {
      // '' is the typewriter double quote some archives (NYT) use.
      if (c == '\'') ++i;
      if (open >= 0 && straight) {
        work.quotes.push_back({open, i + 1});
        open = -1;
      } else if (open < 0) {
        open = c == '\'' ? i - 1 : i;
        straight = true;
      }
    }
  }
  if (open >= 0 && static_cast<int64_t>(chars.size()) - open > 1) {
    work.quotes.push_back({open, static_cast<int64_t>(chars.size())});
  }
  const auto& tokens = work.out->tokens;
  work.quote_of_token.assign(tokens.size(), -1);
  size_t q = 0;
  for (size_t t = 0; t < tokens.size(); ++t) {
    while (q < work.quotes.size() && work.quotes[q].end <= tokens[t].span.begin) ++q;
    if (q < work.quotes.size() && work.quotes[q].begin <= tokens[t].span.begin) {
      work.quote_of_token[t] = static_cast<int>(q);
    }
  }
}

void FindAttributions(Work& work) { AttributionFinder(work).Run(); }

}  // namespace parley::extract_internal
