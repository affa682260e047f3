// Language data loading (include/parley/language.h).
#include "parley/language.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "parley/tsv.h"

#ifndef PARLEY_DEFAULT_LANG_DIR
#define PARLEY_DEFAULT_LANG_DIR "data/lang"
#endif

namespace parley {

namespace fs = std::filesystem;

WordList::WordList(std::vector<std::string> items)
    : items_(std::move(items)), set_(items_.begin(), items_.end()) {}

Result<WordList> LoadWordList(const std::string& path) {
  std::vector<std::string> items;
  Status status = ReadTsv(
      path, 1, 1,
      [&](const TsvRow& row, const std::string& where) -> Status {
        std::string entry = row[0];
        if (entry.size() >= 2 && entry.front() == '"' && entry.back() == '"') {
          entry = entry.substr(1, entry.size() - 2);
        }
        if (entry.empty()) return InvalidInput(where + ": empty entry");
        items.push_back(std::move(entry));
        return Status::Ok();
      },
      "language file");
  if (!status.ok()) return status;
  return WordList(std::move(items));
}

Result<std::unique_ptr<Language>> Language::Load(const std::string& folder, std::string code,
                                                 const Language* fallback) {
  auto language = std::make_unique<Language>();
  language->code_ = std::move(code);
  language->folder_ = folder;
  language->fallback_ = fallback;
  std::error_code error;
  if (!fs::is_directory(folder, error)) return NotFound(folder + ": no such language folder");
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  }
  if (error) return IoError(folder + ": " + error.message());
  for (const fs::path& file : files) {
    Result<WordList> words = LoadWordList(file.string());
    if (!words.ok()) return words.status();
    language->kinds_.emplace(file.stem().string(), std::move(*words));
  }
  return language;
}

const WordList& Language::Words(std::string_view kind) const {
  auto it = kinds_.find(kind);
  if (it != kinds_.end()) return it->second;
  if (fallback_ != nullptr) return fallback_->Words(kind);
  std::fprintf(stderr, "parley: language '%s' (%s) has no word set '%.*s'\n", code_.c_str(),
               folder_.c_str(), static_cast<int>(kind.size()), kind.data());
  std::abort();
}

std::string DefaultLanguageDir() {
  const char* env = std::getenv("PARLEY_LANG");
  return env != nullptr && *env != '\0' ? env : PARLEY_DEFAULT_LANG_DIR;
}

Languages::Languages(std::string dir) : dir_(std::move(dir)) {}

Result<const Language*> Languages::Get(const std::string& code) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = loaded_.find(code);
  if (it != loaded_.end()) return it->second.get();
  const Language* fallback = nullptr;
  if (code != "en") {
    auto en = loaded_.find("en");
    if (en == loaded_.end()) return InternalError("English must load before " + code);
    fallback = en->second.get();
  }
  auto language = Language::Load(dir_ + "/" + code, code, fallback);
  if (!language.ok()) return language.status();
  const Language* result = language->get();
  loaded_.emplace(code, std::move(*language));
  return result;
}

Status Languages::LoadDefault() const {
  Result<const Language*> en = Get("en");
  return en.ok() ? Status::Ok() : en.status();
}

const Language& Languages::English() const {
  Result<const Language*> en = Get("en");
  if (!en.ok()) {
    std::fprintf(stderr, "parley: cannot load English language data: %s\n",
                 en.status().message().c_str());
    std::abort();
  }
  return **en;
}

const Language& Languages::For(std::string_view code) const {
  const Language& english = English();
  if (code.empty() || code == "en") return english;
  std::string name(code);
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return english;  // not a language code: never a path outside dir_
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (missing_.count(name)) return english;
    auto it = loaded_.find(name);
    if (it != loaded_.end()) return *it->second;
    std::error_code error;
    if (!fs::is_directory(dir_ + "/" + name, error)) {
      missing_.emplace(name, true);
      return english;
    }
  }
  Result<const Language*> language = Get(name);
  if (language.ok()) return **language;
  // LoadAll() reports a broken folder; here it reads as English.
  std::lock_guard<std::mutex> lock(mutex_);
  missing_.emplace(name, true);
  return english;
}

Status Languages::LoadAll() const {
  PARLEY_RETURN_IF_ERROR(LoadDefault());
  std::error_code error;
  std::vector<std::string> codes;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir_, error)) {
    if (entry.is_directory(error) && entry.path().filename() != "en") {
      codes.push_back(entry.path().filename().string());
    }
  }
  if (error) return IoError(dir_ + ": " + error.message());
  for (const std::string& code : codes) {
    Result<const Language*> language = Get(code);
    if (!language.ok()) return language.status();
  }
  return Status::Ok();
}

const Languages& DefaultLanguages() {
  static const Languages languages;
  return languages;
}

}  // namespace parley
