// Finding bundled scenarios, and turning a scenario into extract-stage dictionary entries.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "parley/scenario.h"

#ifndef PARLEY_SOURCE_SCENARIOS
#define PARLEY_SOURCE_SCENARIOS ""
#endif

namespace parley {
namespace {

namespace fs = std::filesystem;

bool LooksLikePath(std::string_view text) {
  auto ends_with = [&](std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
  };
  return text.find('/') != std::string_view::npos || ends_with(".yaml") || ends_with(".yml");
}

}  // namespace

std::vector<std::string> ScenarioSearchPath(std::string_view binary_path) {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("PARLEY_SCENARIOS"); env != nullptr && *env != '\0') {
    std::string_view list(env);
    size_t start = 0;
    for (size_t i = 0; i <= list.size(); ++i) {
      if (i == list.size() || list[i] == ':') {
        if (i > start) dirs.emplace_back(list.substr(start, i - start));
        start = i + 1;
      }
    }
  }
  if (!binary_path.empty()) {
    std::error_code error;
    fs::path binary = fs::weakly_canonical(fs::path(binary_path), error);
    if (error) binary = fs::path(binary_path);
    const fs::path dir = binary.parent_path();
    dirs.push_back((dir / "scenarios").string());
    dirs.push_back((dir / ".." / "scenarios").lexically_normal().string());
    dirs.push_back((dir / ".." / "share" / "parley" / "scenarios").lexically_normal().string());
  }
  if (std::string_view(PARLEY_SOURCE_SCENARIOS).size() > 0) {
    dirs.emplace_back(PARLEY_SOURCE_SCENARIOS);
  }
  // The binary often sits in the source tree's build folder: list each folder once.
  std::vector<std::string> unique;
  for (const std::string& dir : dirs) {
    if (std::find(unique.begin(), unique.end(), dir) == unique.end()) unique.push_back(dir);
  }
  return unique;
}

Result<Scenario> LoadScenario(std::string_view name_or_path,
                              const std::vector<std::string>& search_path,
                              ScenarioDiagnostics* diagnostics) {
  if (LooksLikePath(name_or_path)) {
    return LoadScenarioFile(std::string(name_or_path), diagnostics);
  }
  std::string searched;
  for (const std::string& dir : search_path) {
    const fs::path candidate = fs::path(dir) / (std::string(name_or_path) + ".yaml");
    std::error_code error;
    if (fs::is_regular_file(candidate, error)) {
      return LoadScenarioFile(candidate.string(), diagnostics);
    }
    searched += (searched.empty() ? "" : ", ") + dir;
  }
  return NotFound("no scenario named '" + std::string(name_or_path) + "' (searched " +
                  (searched.empty() ? std::string("no folders") : searched) +
                  "), expected a bundled name or a path to a .yaml file");
}

std::vector<std::string> ListScenarios(const std::vector<std::string>& search_path) {
  std::set<std::string> names;
  for (const std::string& dir : search_path) {
    std::error_code error;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
      if (it->path().extension() == ".yaml") names.insert(it->path().stem().string());
    }
  }
  return {names.begin(), names.end()};
}

namespace {

ActorEntry DictionaryActor(const std::string& code, const std::string& name,
                           const std::vector<std::string>& aliases) {
  ActorEntry entry;
  entry.code = code;
  entry.name = name;
  entry.aliases = aliases;
  return entry;
}

}  // namespace

ExtraDictionary ScenarioDictionary(const Scenario& scenario) {
  ExtraDictionary dictionary;
  for (const ScenarioActor& actor : scenario.actors) {
    dictionary.actors.push_back(DictionaryActor(actor.id, actor.name, actor.aliases));
    for (const ScenarioPerson& person : actor.people) {
      PersonEntry entry;
      entry.id = person.name;
      std::transform(entry.id.begin(), entry.id.end(), entry.id.begin(),
                     [](char c) { return c == ' ' ? '-' : static_cast<char>(std::tolower(c)); });
      entry.name = person.name;
      entry.aliases = person.aliases;
      entry.actor = actor.id;
      entry.sector = "GOV";
      entry.role = person.role;
      entry.gender = person.gender;
      entry.from = person.from;
      entry.to = person.to;
      dictionary.people.push_back(std::move(entry));
    }
  }
  for (const ScenarioGroup& group : scenario.groups) {
    dictionary.actors.push_back(DictionaryActor(group.id, "", group.aliases));
  }
  return dictionary;
}

}  // namespace parley
