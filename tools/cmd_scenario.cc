// `parley scenario list | check FILE... | show NAME`: bundled scenarios and their validation.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.h"
#include "parley/scenario.h"

namespace parley::cli {
namespace {

struct ScenarioOptions {
  std::vector<std::string> check;
  std::string show;
};

std::vector<std::string> SearchPath() {
  std::error_code error;
  return ScenarioSearchPath(std::filesystem::read_symlink("/proc/self/exe", error).string());
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

int List(const GlobalOptions& global) {
  const auto search_path = SearchPath();
  std::vector<std::vector<std::string>> rows = {{"name", "actors", "issues", "title"}};
  ErrorLog errors;
  for (const std::string& name : ListScenarios(search_path)) {
    auto scenario = LoadScenario(name, search_path);
    if (!scenario.ok()) {
      errors.Report(scenario.status().message());
      continue;
    }
    if (global.jsonl) {
      std::printf("%s\n", nlohmann::json({{"name", name},
                                          {"actors", scenario->actors.size()},
                                          {"issues", scenario->issues.size()},
                                          {"title", scenario->title},
                                          {"source", scenario->source}})
                              .dump()
                              .c_str());
    }
    rows.push_back({name, std::to_string(scenario->actors.size()),
                    std::to_string(scenario->issues.size()), scenario->title});
  }
  if (!global.jsonl) std::fputs(FormatTable(rows).c_str(), stdout);
  return errors.ExitCode();
}

int Check(const std::vector<std::string>& files, const GlobalOptions& global) {
  ErrorLog errors;
  for (const std::string& file : files) {
    auto scenario = LoadScenario(file, SearchPath());
    if (!scenario.ok()) {
      errors.Report(scenario.status().message());
      continue;
    }
    size_t cues = 0;
    for (const Issue& issue : scenario->issues) {
      for (const ScaleAnchor& anchor : issue.anchors) cues += anchor.cues.size();
    }
    if (global.jsonl) {
      std::printf("%s\n", nlohmann::json({{"file", scenario->source},
                                          {"ok", true},
                                          {"actors", scenario->actors.size()},
                                          {"issues", scenario->issues.size()},
                                          {"cues", cues}})
                              .dump()
                              .c_str());
    } else if (!global.quiet) {
      std::printf("%s: ok, %zu actors, %zu issues, %zu cue phrases\n", scenario->source.c_str(),
                  scenario->actors.size(), scenario->issues.size(), cues);
    }
  }
  return errors.ExitCode();
}

int Show(const std::string& name) {
  auto scenario = LoadScenario(name, SearchPath());
  if (!scenario.ok()) return ReportFatal(scenario.status());
  std::printf("%s: %s\n%s\n\n", scenario->id.c_str(), scenario->title.c_str(),
              scenario->source.c_str());
  std::vector<std::vector<std::string>> actors = {{"actor", "name", "capability", "people"}};
  for (const ScenarioActor& actor : scenario->actors) {
    std::string people;
    for (const ScenarioPerson& person : actor.people) {
      people += (people.empty() ? "" : ", ") + person.name;
    }
    actors.push_back({actor.id, actor.name, Number(actor.capability), people});
  }
  std::fputs(FormatTable(actors).c_str(), stdout);
  for (const Issue& issue : scenario->issues) {
    std::printf("\n%s: %s (status quo %s)\n  %s\n", issue.id.c_str(), issue.name.c_str(),
                issue.status_quo ? Number(*issue.status_quo).c_str() : "unknown",
                issue.question.c_str());
    for (const ScaleAnchor& anchor : issue.anchors) {
      std::printf("  %5s  %s (%zu cues)\n", Number(anchor.value).c_str(), anchor.label.c_str(),
                  anchor.cues.size());
    }
  }
  return kExitOk;
}

const Registration kScenarioCommand(
    {35, "scenario", "List bundled scenarios, check scenario files, show one",
     [](CLI::App& app, GlobalOptions& global) -> std::function<int()> {
       auto options = std::make_shared<ScenarioOptions>();
       auto mode = std::make_shared<std::string>();
       app.require_subcommand(1);
       CLI::App* list = app.add_subcommand("list", "List the bundled scenarios");
       CLI::App* check = app.add_subcommand("check", "Validate scenario files or bundled names");
       check->add_option("files", options->check, "Scenario .yaml files or bundled names")
           ->required();
       CLI::App* show = app.add_subcommand("show", "Show a scenario's actors and scales");
       show->add_option("scenario", options->show, "Bundled name or .yaml file")->required();
       list->callback([mode] { *mode = "list"; });
       check->callback([mode] { *mode = "check"; });
       show->callback([mode] { *mode = "show"; });
       return [options, mode, &global] {
         if (*mode == "check") return Check(options->check, global);
         if (*mode == "show") return Show(options->show);
         return List(global);
       };
     }});

}  // namespace
}  // namespace parley::cli
