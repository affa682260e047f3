// `parley demo [--scenario NAME]`: the whole pipeline on embedded defaults: the sample articles
// the project wrote for a bundled scenario (data/demo/<scenario>.jsonl, compiled in; ukraine-2025
// unless --scenario names another) and a local store. Writes the HTML report and prints the
// summary.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "pipeline_cli.h"
#include "serve_cli.h"

namespace parley::cli {

struct DemoSample {
  const char* scenario;
  const char* articles;
};
extern const DemoSample kDemoSamples[];
extern const size_t kDemoSampleCount;

namespace {

namespace fs = std::filesystem;

struct DemoOptions {
  std::string scenario = "ukraine-2025";
  std::string output = "parley-report.html";
  std::string dictionary_dir;
  bool serve = false;
  DashboardSettings dashboard;
};

// The embedded articles as a file the input layer can read; removed when the demo ends.
class DemoArticlesFile {
 public:
  explicit DemoArticlesFile(const char* articles)
      : path_(fs::temp_directory_path() /
              ("parley-demo-" + std::to_string(::getpid()) + "-articles.jsonl")) {
    std::ofstream(path_, std::ios::binary) << articles;
  }
  ~DemoArticlesFile() {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

const DemoSample* FindSample(const std::string& scenario) {
  for (size_t i = 0; i < kDemoSampleCount; ++i) {
    if (scenario == kDemoSamples[i].scenario) return &kDemoSamples[i];
  }
  return nullptr;
}

int Run(const DemoOptions& options, const GlobalOptions& global) {
  const DemoSample* sample = FindSample(options.scenario);
  if (sample == nullptr) {
    std::string known;
    for (size_t i = 0; i < kDemoSampleCount; ++i) {
      known += std::string(known.empty() ? "" : ", ") + kDemoSamples[i].scenario;
    }
    return ReportFatal(InvalidInput("no demo articles for scenario '" + options.scenario +
                                    "', expected one of: " + known));
  }
  auto pipeline = LoadPipeline(options.scenario, options.dictionary_dir);
  if (!pipeline.ok()) return ReportFatal(pipeline.status());
  DemoArticlesFile articles(sample->articles);
  AnalyzeRun run;
  run.db = global.db;
  run.inputs = {articles.path()};
  run.options.threads = global.threads;
  ErrorLog errors;
  auto snapshot = RunAnalysis(**pipeline, run, global, errors);
  if (!snapshot.ok()) return ReportFatal(snapshot.status());
  Status written = report::WriteReport(*snapshot, options.output);
  if (!written.ok()) return ReportFatal(written);
  if (global.jsonl) {
    nlohmann::json snapshot_json = report::SnapshotJson(*snapshot);
    std::printf("%s\n",
                nlohmann::json({{"report", fs::absolute(options.output).string()},
                                {"db", StoreDisplayName(global.db)},
                                {"forecasts", std::move(snapshot_json["forecasts"])},
                                {"no_forecast", std::move(snapshot_json["no_forecast"])}})
                    .dump()
                    .c_str());
  } else {
    std::printf("parley demo: %s, from %zu sample articles\n\n",
                (*pipeline)->scenario().title.c_str(), snapshot->articles.size());
    std::fputs(FormatSummary(*snapshot, 8).c_str(), stdout);
    std::printf("\nReport: %s\n", fs::absolute(options.output).c_str());
  }
  if (options.serve) {
    std::fflush(stdout);
    DashboardSettings dashboard = options.dashboard;
    dashboard.scenario = options.scenario;
    int served = RunDashboard(dashboard, global);
    if (served != kExitOk) return served;
  }
  return errors.ExitCode();
}

void AddOptions(CLI::App& app, DemoOptions& options) {
  app.add_option("--scenario", options.scenario,
                 "Bundled scenario whose sample articles to run (ukraine-2025, iran-2025)")
      ->default_val("ukraine-2025");
  app.add_option("-o,--output", options.output, "The HTML report to write")
      ->default_val("parley-report.html");
  AddDictionaryOption(app, options.dictionary_dir);
  app.add_flag("--serve", options.serve, "Then serve the live dashboard over the demo store");
  AddDashboardOptions(app, options.dashboard);
}

const Registration kDemoCommand(MakeCommand<DemoOptions>(
    5, "demo", "Run the whole pipeline on the bundled sample articles and write the HTML report",
    AddOptions, Run));

}  // namespace
}  // namespace parley::cli
