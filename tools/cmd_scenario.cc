// `parley scenario list | check FILE... [--articles PATH...] | show NAME`: bundled scenarios
// and their validation.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.h"
#include "parley/article.h"
#include "parley/scenario.h"
#include "pipeline_cli.h"

namespace parley::cli {
namespace {

struct ScenarioOptions {
  std::vector<std::string> check;
  std::vector<std::string> articles;  // check: warn about cues that match none of these
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

// Cue phrases of `file` that match no sentence of the articles, one warning each. The
// articles are read once per scenario file, through that scenario's actors.
std::vector<std::string> UnmatchedCues(const std::string& file, const Scenario& scenario,
                                       const std::vector<std::string>& articles,
                                       const GlobalOptions& global, ErrorLog& errors) {
  auto pipeline = LoadPipeline(file, "");
  if (!pipeline.ok()) {
    errors.Report(pipeline.status().message());
    return {};
  }
  std::vector<StanceExtractor::CueId> matched;
  int read = 0;
  ReadEachDocument(articles, global, "scenario check", errors, [&](Document&& document) {
    const Article article = ExtractArticle(document);
    const Analysis analysis =
        (*pipeline)->extractor().Analyze(article.text, article.date, article.lang);
    for (const auto& cue : (*pipeline)->stances().MatchedCues(analysis)) matched.push_back(cue);
    ++read;
  });
  std::sort(matched.begin(), matched.end());
  std::vector<std::string> warnings;
  for (size_t i = 0; i < scenario.issues.size(); ++i) {
    const Issue& issue = scenario.issues[i];
    for (size_t a = 0; a < issue.anchors.size(); ++a) {
      for (size_t c = 0; c < issue.anchors[a].cues.size(); ++c) {
        const StanceExtractor::CueId id{static_cast<int>(i), static_cast<int>(a),
                                        static_cast<int>(c)};
        if (std::binary_search(matched.begin(), matched.end(), id)) continue;
        warnings.push_back(scenario.source + ": issue " + issue.id + ", anchor at " +
                           Number(issue.anchors[a].value) + ": cue '" +
                           issue.anchors[a].cues[c].text + "' matches no sentence of the " +
                           std::to_string(read) +
                           " articles given, expected a phrase they use (or more articles)");
      }
    }
  }
  return warnings;
}

// Every error and warning of each file, one line each on stderr; the summary on stdout.
int Check(const ScenarioOptions& options, const GlobalOptions& global) {
  ErrorLog errors;
  for (const std::string& file : options.check) {
    ScenarioDiagnostics diagnostics;
    auto scenario = LoadScenario(file, SearchPath(), &diagnostics);
    for (const std::string& warning : diagnostics.warnings) {
      std::fprintf(stderr, "parley: warning: %s\n", warning.c_str());
    }
    if (!scenario.ok()) {
      if (diagnostics.errors.empty()) errors.Report(scenario.status().message());
      for (const std::string& error : diagnostics.errors) errors.Report(error);
      continue;
    }
    size_t warnings = diagnostics.warnings.size();
    if (!options.articles.empty()) {
      for (const std::string& warning :
           UnmatchedCues(file, *scenario, options.articles, global, errors)) {
        std::fprintf(stderr, "parley: warning: %s\n", warning.c_str());
        ++warnings;
      }
    }
    size_t cues = 0;
    for (const Issue& issue : scenario->issues) {
      for (const ScaleAnchor& anchor : issue.anchors) cues += anchor.cues.size();
    }
    if (global.jsonl) {
      std::printf("%s\n", nlohmann::json({{"file", scenario->source},
                                          {"ok", true},
                                          {"actors", scenario->actors.size()},
                                          {"groups", scenario->groups.size()},
                                          {"issues", scenario->issues.size()},
                                          {"cues", cues},
                                          {"warnings", warnings}})
                              .dump()
                              .c_str());
    } else if (!global.quiet) {
      std::printf("%s: ok, %zu actors, %zu groups, %zu issues, %zu cue phrases, %zu warnings\n",
                  scenario->source.c_str(), scenario->actors.size(), scenario->groups.size(),
                  scenario->issues.size(), cues, warnings);
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
       check->add_option("--articles", options->articles,
                         "Articles (files, folders, JSONL): warn about cues that match none");
       CLI::App* show = app.add_subcommand("show", "Show a scenario's actors and scales");
       show->add_option("scenario", options->show, "Bundled name or .yaml file")->required();
       list->callback([mode] { *mode = "list"; });
       check->callback([mode] { *mode = "check"; });
       show->callback([mode] { *mode = "show"; });
       return [options, mode, &global] {
         if (*mode == "check") return Check(*options, global);
         if (*mode == "show") return Show(options->show);
         return List(global);
       };
     }});

}  // namespace
}  // namespace parley::cli
