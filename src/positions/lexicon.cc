// The stance lexicon, loaded from data/dict/stances.tsv (its format is documented at the top of
// that file): stance words and the small word classes around them. Load -> immutable, so one
// Lexicon serves every thread.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "internal.h"

namespace parley::positions_internal {
namespace {

std::vector<std::string> SplitWords(std::string_view form) {
  std::vector<std::string> words;
  std::string word;
  for (char c : form) {
    if (c == ' ') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// "reject+" -> reject, rejects, rejected, rejecting; "refuse+" -> refuse, refuses, refused,
// refusing; "stress+" -> stress, stresses, stressed, stressing. Only the first word inflects.
std::vector<std::string> Inflect(std::string_view form) {
  if (form.empty() || form.back() != '+') return {std::string(form)};
  std::string stem(form.substr(0, form.size() - 1));
  std::string rest;
  if (size_t space = stem.find(' '); space != std::string::npos) {
    rest = stem.substr(space);
    stem.resize(space);
  }
  const auto ends_with = [&](std::string_view tail) {
    return stem.size() >= tail.size() &&
           stem.compare(stem.size() - tail.size(), tail.size(), tail) == 0;
  };
  std::vector<std::string> forms = {stem};
  if (ends_with("e")) {
    forms.push_back(stem + "s");
    forms.push_back(stem + "d");
    forms.push_back(stem.substr(0, stem.size() - 1) + "ing");
  } else {
    const bool sibilant =
        ends_with("s") || ends_with("sh") || ends_with("ch") || ends_with("x") || ends_with("z");
    forms.push_back(stem + (sibilant ? "es" : "s"));
    forms.push_back(stem + "ed");
    forms.push_back(stem + "ing");
  }
  for (std::string& f : forms) f += rest;
  return forms;
}

struct ClassName {
  std::string_view name;
  bool trigger;
  TriggerClass cls;
  WordRole role;
};

constexpr ClassName kClasses[] = {
    {"demand", true, TriggerClass::kDemand, WordRole::kNone},
    {"offer", true, TriggerClass::kOffer, WordRole::kNone},
    {"propose", true, TriggerClass::kPropose, WordRole::kNone},
    {"accept", true, TriggerClass::kAccept, WordRole::kNone},
    {"support", true, TriggerClass::kSupport, WordRole::kNone},
    {"reject", true, TriggerClass::kReject, WordRole::kNone},
    {"oppose", true, TriggerClass::kOppose, WordRole::kNone},
    {"concede", true, TriggerClass::kConcede, WordRole::kNone},
    {"speech", true, TriggerClass::kSpeech, WordRole::kNone},
    {"negation", false, TriggerClass::kSpeech, WordRole::kNegation},
    {"required", false, TriggerClass::kSpeech, WordRole::kRequired},
    {"possible", false, TriggerClass::kSpeech, WordRole::kPossible},
    {"report", false, TriggerClass::kSpeech, WordRole::kReport},
    {"boundary", false, TriggerClass::kSpeech, WordRole::kBoundary},
    {"concession", false, TriggerClass::kSpeech, WordRole::kConcession},
    {"question", false, TriggerClass::kSpeech, WordRole::kQuestion},
    {"joint", false, TriggerClass::kSpeech, WordRole::kJoint},
    {"document", false, TriggerClass::kSpeech, WordRole::kDocument},
    {"disapproval", false, TriggerClass::kSpeech, WordRole::kDisapproval},
    {"threat", false, TriggerClass::kSpeech, WordRole::kThreat},
    {"averting", false, TriggerClass::kSpeech, WordRole::kAverting},
    {"collective", false, TriggerClass::kSpeech, WordRole::kCollective},
};

// Longest phrase of `phrases` that matches the words at `at` (before `end`), or nullptr.
template <typename Phrase>
const Phrase* LongestAt(const std::vector<Phrase>& phrases, const WordIndex& index, int at,
                        int end) {
  const Phrase* best = nullptr;
  for (const Phrase& phrase : phrases) {
    const auto& words = phrase.words;
    if (at + static_cast<int>(words.size()) > end) continue;
    if (best != nullptr && words.size() <= best->words.size()) continue;
    bool all = true;
    for (size_t k = 0; k < words.size() && all; ++k) all = index.words[at + k].lower == words[k];
    if (all) best = &phrase;
  }
  return best;
}

}  // namespace

Result<Lexicon> Lexicon::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open the stance lexicon");
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

Result<Lexicon> Lexicon::Parse(std::string_view text, std::string_view source_name) {
  Lexicon lexicon;
  int line_number = 0;
  size_t at = 0;
  while (at < text.size()) {
    size_t eol = text.find('\n', at);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(at, eol - at);
    at = eol + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = std::string(source_name) + ":" + std::to_string(line_number) + ": ";
    std::vector<std::string_view> columns;
    for (size_t start = 0;;) {
      const size_t tab = line.find('\t', start);
      columns.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (columns.size() < 2 || columns.size() > 3) {
      return InvalidInput(where +
                          "expected 2 or 3 tab-separated columns (forms, class, flags), got " +
                          std::to_string(columns.size()));
    }
    PARLEY_RETURN_IF_ERROR(lexicon.AddLine(columns, where));
  }
  if (lexicon.triggers_.empty()) {
    return InvalidInput(std::string(source_name) + ": no stance words, expected at least one");
  }
  return lexicon;
}

Status Lexicon::AddLine(const std::vector<std::string_view>& columns, const std::string& where) {
  const std::string_view class_name = columns[1];
  bool hedged = false;
  bool reported = false;
  if (columns.size() == 3) {
    std::string flags(columns[2]);
    std::replace(flags.begin(), flags.end(), ',', ' ');
    for (const std::string& flag : SplitWords(flags)) {
      if (flag == "hedged") {
        hedged = true;
      } else if (flag == "reported") {
        reported = true;
      } else {
        return InvalidInput(where + "unknown flag '" + flag + "', expected hedged or reported");
      }
    }
  }
  std::vector<std::vector<std::string>> phrases;
  std::string forms(columns[0]);
  for (size_t start = 0; start <= forms.size();) {
    size_t bar = forms.find('|', start);
    if (bar == std::string::npos) bar = forms.size();
    for (const std::string& form : Inflect(std::string_view(forms).substr(start, bar - start))) {
      std::vector<std::string> words = SplitWords(form);
      if (words.empty()) return InvalidInput(where + "empty form, expected words separated by |");
      phrases.push_back(std::move(words));
    }
    start = bar + 1;
  }
  for (const ClassName& known : kClasses) {
    if (known.name != class_name) continue;
    if (known.trigger) {
      for (auto& words : phrases) {
        const std::string first = words.front();
        triggers_[first].push_back({std::move(words), known.cls, hedged, reported});
      }
      return Status::Ok();
    }
    if (hedged || reported) return InvalidInput(where + "flags apply to stance words only");
    for (const auto& words : phrases) {
      if (words.size() != 1) {
        return InvalidInput(where + "'" + words.front() +
                            " ...' has several words, expected one "
                            "word per form for class " +
                            std::string(class_name));
      }
      roles_[words.front()] = known.role;
    }
    return Status::Ok();
  }
  if (hedged || reported) return InvalidInput(where + "flags apply to stance words only");
  if (class_name == "condition") {
    for (auto& words : phrases) conditions_.push_back({std::move(words)});
    return Status::Ok();
  }
  if (class_name.substr(0, 4) == "cue:") return AddCueClass(class_name.substr(4), phrases, where);
  if (class_name.substr(0, 6) == "count:") {
    const std::string number(class_name.substr(6));
    const bool digits = !number.empty() && number.size() <= 2 &&
                        std::all_of(number.begin(), number.end(),
                                    [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoi(number) < 2) {
      return InvalidInput(where + "bad class '" + std::string(class_name) +
                          "', expected count:N with N a number from 2 to 99");
    }
    for (const auto& words : phrases) {
      if (words.size() != 1) {
        return InvalidInput(where + "'" + words.front() +
                            " ...' has several words, expected one word per form for class " +
                            std::string(class_name));
      }
      counts_[words.front()] = std::stoi(number);
    }
    return Status::Ok();
  }
  const bool single_words =
      class_name == "preposition" || class_name == "month" || class_name == "timing";
  if (class_name == "month" && phrases.size() != 12) {
    return InvalidInput(where + "got " + std::to_string(phrases.size()) +
                        " month names, expected 12 (January to December)");
  }
  if (single_words || class_name == "retrospect") {
    for (auto& words : phrases) {
      if (single_words && words.size() != 1) {
        return InvalidInput(where + "'" + words.front() +
                            " ...' has several words, expected "
                            "one word per form for class " +
                            std::string(class_name));
      }
      if (class_name == "preposition") {
        prepositions_.insert(words.front());
      } else if (class_name == "timing") {
        timing_.insert(words.front());
      } else if (class_name == "month") {
        months_[words.front()] = static_cast<int>(&words - phrases.data()) + 1;
      } else {
        retrospect_.push_back({std::move(words)});
      }
    }
    return Status::Ok();
  }
  return InvalidInput(where + "unknown class '" + std::string(class_name) +
                      "', expected a stance class (demand, offer, propose, accept, support, "
                      "reject, oppose, concede, speech) or a word role (negation, required, "
                      "possible, report, boundary, concession, question, joint, document, "
                      "disapproval, threat, averting, collective, preposition, condition, "
                      "retrospect, month, timing), a count word class (count:N) or a cue word "
                      "class (cue:NAME)");
}

Status Lexicon::AddCueClass(std::string_view name,
                            const std::vector<std::vector<std::string>>& phrases,
                            const std::string& where) {
  if (!IsCueClassName(name)) {
    return InvalidInput(where + "bad word class 'cue:" + std::string(name) +
                        "', expected cue: and lower-case letters or '_'");
  }
  std::vector<std::vector<CueWord>>& forms = cue_classes_[std::string(name)];
  for (const auto& words : phrases) {
    std::vector<CueWord> sequence;
    for (const std::string& word : words) {
      CueWord cue;
      cue.prefix = !word.empty() && word.back() == '*';
      cue.text = cue.prefix ? word.substr(0, word.size() - 1) : word;
      sequence.push_back(std::move(cue));
    }
    forms.push_back(std::move(sequence));
  }
  return Status::Ok();
}

const std::vector<std::vector<CueWord>>* Lexicon::CueClass(const std::string& name) const {
  auto it = cue_classes_.find(name);
  return it == cue_classes_.end() ? nullptr : &it->second;
}

std::optional<Trigger> Lexicon::TriggerAt(const WordIndex& index, int at, int end) const {
  auto it = triggers_.find(index.words[at].lower);
  if (it == triggers_.end()) return std::nullopt;
  // A time phrase may stand inside a phrase of several words: "voted on Wednesday to".
  constexpr int kTimingWords = 3;
  const TriggerPhrase* best = nullptr;
  int best_last = -1;
  for (const TriggerPhrase& phrase : it->second) {
    if (best != nullptr && phrase.words.size() <= best->words.size()) continue;
    int w = at + 1;
    int skipped = 0;
    bool all = true;
    for (size_t k = 1; k < phrase.words.size() && all; ++k) {
      while (w < end && index.words[w].lower != phrase.words[k] && skipped < kTimingWords &&
             IsTiming(index.words[w].lower)) {
        ++w;
        ++skipped;
      }
      all = w < end && index.words[w].lower == phrase.words[k];
      ++w;
    }
    if (all) {
      best = &phrase;
      best_last = w - 1;
    }
  }
  if (best == nullptr) return std::nullopt;
  Trigger trigger;
  trigger.cls = best->cls;
  trigger.first = at;
  trigger.last = best_last;
  trigger.hedged = best->hedged;
  trigger.reported = best->reported;
  return trigger;
}

WordRole Lexicon::RoleOf(const std::string& word) const {
  auto it = roles_.find(word);
  return it == roles_.end() ? WordRole::kNone : it->second;
}

bool Lexicon::IsPreposition(const std::string& word) const { return prepositions_.count(word) > 0; }

bool Lexicon::IsTiming(const std::string& word) const { return timing_.count(word) > 0; }

int Lexicon::CountOf(const std::string& word) const {
  auto it = counts_.find(word);
  return it == counts_.end() ? 0 : it->second;
}

bool Lexicon::ConditionAt(const WordIndex& index, int at, int end, int& last) const {
  const Phrase* phrase = LongestAt(conditions_, index, at, end);
  if (phrase == nullptr) return false;
  last = at + static_cast<int>(phrase->words.size()) - 1;
  return true;
}

std::optional<std::string> Lexicon::RetrospectDateAt(const WordIndex& index, int at,
                                                     int end) const {
  const Phrase* phrase = LongestAt(retrospect_, index, at, end);
  if (phrase == nullptr) return std::nullopt;
  int w = at + static_cast<int>(phrase->words.size());
  int month = 0;
  if (w < end) {
    if (auto it = months_.find(index.words[w].lower); it != months_.end()) {
      month = it->second;
      ++w;
    }
  }
  if (w >= end) return std::nullopt;
  const std::string& year = index.words[w].lower;
  const bool four_digits = year.size() == 4 && std::all_of(year.begin(), year.end(), [](char c) {
                             return c >= '0' && c <= '9';
                           });
  if (!four_digits || year < "1900") return std::nullopt;
  char date[16];
  std::snprintf(date, sizeof date, "%s-%02d-%02d", year.c_str(), month == 0 ? 7 : month,
                month == 0 ? 1 : 15);
  return std::string(date);
}

}  // namespace parley::positions_internal
