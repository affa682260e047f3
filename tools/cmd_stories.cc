// `parley stories PATH...`: articles about the same event, grouped across outlets.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parley/positions.h"
#include "pipeline_cli.h"

namespace parley::cli {
namespace {

struct StoriesOptions {
  std::string scenario;
  std::string dictionary_dir;
  std::vector<std::string> inputs;
  StoryOptions story;
};

int Run(const StoriesOptions& options, const GlobalOptions& global) {
  auto pipeline = LoadPipeline(options.scenario, options.dictionary_dir);
  if (!pipeline.ok()) return ReportFatal(pipeline.status());
  ErrorLog errors;
  const Corpus corpus =
      AnalyzeInputs(**pipeline, options.inputs, global, "stories", errors, options.story);
  std::vector<int> statements_of_story(corpus.stories.size(), 0);
  for (const Statement& statement : corpus.statements) {
    if (statement.story >= 0) ++statements_of_story[statement.story];
  }
  std::vector<std::vector<std::string>> rows = {
      {"story", "dates", "articles", "statements", "doc", "outlet", "title"}};
  for (size_t s = 0; s < corpus.stories.size(); ++s) {
    const Story& story = corpus.stories[s];
    if (global.jsonl) {
      nlohmann::json members = nlohmann::json::array();
      for (int member : story.members) {
        const StoryDocument& document = corpus.documents[member];
        members.push_back({{"doc", document.doc},
                           {"outlet", document.outlet},
                           {"date", document.date},
                           {"title", document.title},
                           {"dup_of", document.dup_of}});
      }
      nlohmann::json line = {{"story", s},
                             {"first_date", story.first_date},
                             {"last_date", story.last_date},
                             {"title", story.title},
                             {"statements", statements_of_story[s]},
                             {"articles", members}};
      std::printf("%s\n",
                  line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
      continue;
    }
    for (size_t m = 0; m < story.members.size(); ++m) {
      const StoryDocument& document = corpus.documents[story.members[m]];
      const bool first = m == 0;
      rows.push_back(
          {first ? std::to_string(s) : "",
           first ? story.first_date +
                       (story.last_date != story.first_date ? " -> " + story.last_date : "")
                 : "",
           first ? std::to_string(story.members.size()) : "",
           first ? std::to_string(statements_of_story[s]) : "", document.doc, document.outlet,
           document.title.substr(0, 60)});
    }
  }
  if (!global.jsonl) std::fputs(FormatTable(rows).c_str(), stdout);
  return errors.ExitCode();
}

void AddOptions(CLI::App& app, StoriesOptions& options) {
  AddInputsOption(app, options.inputs);
  app.add_option("--scenario", options.scenario,
                 "Scenario whose actors count as shared entities (name or .yaml file)")
      ->default_val("ukraine-2025");
  app.add_option("--min-cosine", options.story.min_cosine,
                 "TF-IDF cosine two articles need to share a story")
      ->default_val(0.2);
  app.add_option("--window", options.story.window_days,
                 "At most this many days between two articles of a story")
      ->default_val(3);
  app.add_option("--dict", options.dictionary_dir,
                 "Dictionary folder (default: $PARLEY_DICT or the source tree's data/dict)");
}

const Registration kStoriesCommand(MakeCommand<StoriesOptions>(
    42, "stories", "Group articles about the same event from different outlets", AddOptions, Run));

}  // namespace
}  // namespace parley::cli
