// `parley read PATH...`: raw pages and texts to clean articles with metadata and near-copies.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.h"
#include "parley/article.h"
#include "parley/parallel.h"
#include "parley/read.h"

namespace parley::cli {
namespace {

struct ReadOptions {
  std::vector<std::string> inputs;
  bool no_dedup = false;
};

// One document's result: the article and, unless dedup is off, its MinHash signature
// (computed on the worker so the serial emit side only probes the index).
struct ReadResult {
  Article article;
  NearDuplicateIndex::Signature signature;
};

std::string ToJsonLine(const Article& article) {
  // ordered_json keeps the field order of the schema.
  nlohmann::ordered_json line = {
      {"path", article.path},     {"id", article.id},         {"url", article.url},
      {"title", article.title},   {"author", article.author}, {"date", article.date},
      {"outlet", article.outlet}, {"lang", article.lang},     {"text", article.text}};
  line["dup_of"] = article.dup_of.empty() ? nlohmann::ordered_json(nullptr)
                                          : nlohmann::ordered_json(article.dup_of);
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// The readable rendering: a field table, then the text.
std::string ToReadable(const Article& article) {
  std::vector<std::vector<std::string>> rows = {{"field", "value"}};
  auto add = [&](const char* name, const std::string& value) {
    if (!value.empty()) rows.push_back({name, value});
  };
  add("path", article.locator);
  add("id", article.id);
  add("url", article.url);
  add("title", article.title);
  add("author", article.author);
  add("date", article.date);
  add("outlet", article.outlet);
  add("lang", article.lang);
  add("dup_of", article.dup_of);
  add("empty", article.empty_reason);
  return FormatTable(rows) + "\n" + article.text + (article.text.empty() ? "" : "\n") + "\n";
}

int Run(const ReadOptions& options, const GlobalOptions& global) {
  ErrorLog errors;
  NearDuplicateIndex index;
  int articles = 0, empty = 0, copies = 0;
  OrderedPipeline<Document, ReadResult> pipeline(
      global.threads,
      [&](Document& document) {
        ReadResult result{ExtractArticle(document), {}};
        if (!options.no_dedup) result.signature = index.Sign(result.article.text);
        return result;
      },
      [&](ReadResult& result) {
        Article& article = result.article;
        if (!options.no_dedup)
          article.dup_of = index.FindOrAdd(article.id, std::move(result.signature));
        ++articles;
        copies += !article.dup_of.empty();
        if (article.text.empty()) {
          ++empty;
          errors.Report(article.locator + ": " + article.empty_reason);
        }
        std::string out = global.jsonl ? ToJsonLine(article) + "\n" : ToReadable(article);
        std::fwrite(out.data(), 1, out.size(), stdout);
      });
  ReadEachDocument(options.inputs, global, "read", errors,
                   [&](Document&& document) { pipeline.Push(std::move(document)); });
  pipeline.Finish();
  if (std::fflush(stdout) != 0) return ReportFatal(IoError("<stdout>: write failed"));
  if (!global.quiet) {
    std::fprintf(stderr, "parley read: %d documents, %d without article text, %d near-copies\n",
                 articles, empty, copies);
  }
  return errors.ExitCode();
}

void AddOptions(CLI::App& app, ReadOptions& options) {
  AddInputsOption(app, options.inputs);
  app.add_flag("--no-dedup", options.no_dedup,
               "Skip near-copy detection (its index grows by about 1 KB per document)");
}

const Registration kReadCommand(MakeCommand<ReadOptions>(
    10, "read",
    "Read pages and texts into clean articles: body, title, author, date, outlet, language, "
    "near-copies",
    AddOptions, Run));

}  // namespace
}  // namespace parley::cli
