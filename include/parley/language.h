// Language as data: the word sets the stages need (quote verbs, month names, clutter phrases,
// ...) live in data/lang/<code>/<kind>.tsv, one entry a line, not in the code. A Language is one
// such folder, loaded once; Languages picks the one for an article's detected language code
// (Article::lang, a CLD2 code such as "en") and falls back to English. docs/ARCHITECTURE.md
// ("Language data") tells how to add a language.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "parley/status.h"

namespace parley {

// One word set: the entries of one <kind>.tsv in file order, and a hash set over them.
class WordList {
 public:
  WordList() = default;
  explicit WordList(std::vector<std::string> items);

  bool Contains(std::string_view word) const { return set_.find(std::string(word)) != set_.end(); }
  bool Contains(const std::string& word) const { return set_.find(word) != set_.end(); }
  const std::vector<std::string>& Items() const { return items_; }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }
  size_t size() const { return items_.size(); }

 private:
  std::vector<std::string> items_;
  std::unordered_set<std::string> set_;
};

// Reads one word-set file: '#' lines and blank lines are skipped, every other line is one
// entry taken as written (case and inner spaces kept). An entry wrapped in double quotes loses
// them, so an entry may begin or end with a space: "" sale"" is " sale".
Result<WordList> LoadWordList(const std::string& path);

// The word sets of one language folder.
class Language {
 public:
  // Reads every <kind>.tsv of `folder` (e.g. data/lang/en). `fallback` (may be null, must
  // outlive this) answers the kinds the folder lacks.
  static Result<std::unique_ptr<Language>> Load(const std::string& folder, std::string code,
                                                const Language* fallback);

  const std::string& code() const { return code_; }
  // The set of `kind` ("quote_auxiliaries"), or the fallback's. A kind neither has is a bug in
  // parley (a data file was renamed or is missing): it aborts naming the kind.
  const WordList& Words(std::string_view kind) const;
  bool Has(std::string_view kind) const { return kinds_.find(kind) != kinds_.end(); }

 private:
  std::string code_;
  std::string folder_;
  std::map<std::string, WordList, std::less<>> kinds_;
  const Language* fallback_ = nullptr;
};

// The folder holding one sub-folder per language code: $PARLEY_LANG when set, else this source
// tree's data/lang (the same lookup as DefaultDictionaryDir() and $PARLEY_DICT).
std::string DefaultLanguageDir();

// The languages of one folder, each loaded on first use and then kept; safe to share between
// threads. English ("en") is the fallback of every other language and of unknown codes.
class Languages {
 public:
  explicit Languages(std::string dir = DefaultLanguageDir());

  // Loads English now, so a missing or broken data folder is an error at start-up.
  Status LoadDefault() const;
  // Loads English and every other language folder now: a broken file is an error at start-up
  // rather than a language that silently reads as English.
  Status LoadAll() const;
  // The language of `code` ("en", "de", "un"), or English when `code` has no folder (or one
  // that does not load: LoadAll() reports those). English itself failing to load is fatal
  // (DefaultLanguages() users have no Status to return); call LoadDefault() first to get it
  // as an error.
  const Language& For(std::string_view code) const;
  const Language& English() const;
  const std::string& dir() const { return dir_; }

 private:
  Result<const Language*> Get(const std::string& code) const;

  std::string dir_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::unique_ptr<Language>, std::less<>> loaded_;
  mutable std::map<std::string, bool, std::less<>> missing_;
};

// The languages of DefaultLanguageDir(), for stages that take no options (the reader).
const Languages& DefaultLanguages();

}  // namespace parley
