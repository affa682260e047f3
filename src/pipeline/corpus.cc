// The whole path for a set of inputs: read -> article -> extract -> stances, in parallel with
// results in input order, then stories and corroboration over everything.
#include <optional>
#include <set>

#include "parley/parallel.h"
#include "parley/pipeline.h"

namespace parley {
namespace {

struct DocumentResult {
  std::optional<AnalyzedArticle> analyzed;  // empty when the page has no article text
};

}  // namespace

AnalyzedArticle AnalyzeArticle(Article article, const Document& source, const Extractor& extractor,
                               const StanceExtractor& stances) {
  AnalyzedArticle result;
  if (article.date.empty()) article.date = source.date;
  if (article.outlet.empty()) article.outlet = source.outlet;
  const std::string date = article.date.substr(0, std::min<size_t>(10, article.date.size()));
  const Analysis analysis = extractor.Analyze(article.text, date);
  result.statements = stances.Extract(article, analysis);
  std::set<std::string> actors;
  for (const ActorMention& mention : analysis.mentions) {
    if (!mention.actor.empty()) actors.insert(mention.actor);
  }
  StoryDocument& document = result.document;
  document.doc = article.locator;
  document.id = article.id;
  document.title = article.title;
  document.outlet = article.outlet;
  document.date = date;
  document.actors.assign(actors.begin(), actors.end());
  document.text = article.title + "\n" + article.text;
  result.article = std::move(article);
  return result;
}

Result<std::unique_ptr<StancePipeline>> StancePipeline::Load(
    std::string_view scenario, const std::vector<std::string>& search_path,
    const std::string& dictionary_dir) {
  Result<Scenario> loaded = LoadScenario(scenario, search_path);
  if (!loaded.ok()) return loaded.status();
  std::unique_ptr<StancePipeline> pipeline(new StancePipeline());
  pipeline->scenario_ = std::move(*loaded);
  ExtractorOptions options;
  options.dictionary_dir = dictionary_dir;
  options.extra = ScenarioDictionary(pipeline->scenario_);
  Result<Extractor> extractor = Extractor::Load(options);
  if (!extractor.ok()) return extractor.status();
  pipeline->extractor_.emplace(std::move(*extractor));
  StanceOptions stance_options;
  if (!dictionary_dir.empty()) stance_options.lexicon_path = dictionary_dir + "/stances.tsv";
  Result<StanceExtractor> stances =
      StanceExtractor::Create(pipeline->scenario_, std::move(stance_options));
  if (!stances.ok()) return stances.status();
  pipeline->stances_.emplace(std::move(*stances));
  return pipeline;
}

std::string StancePipeline::ExtractionStamp() const {
  return scenario_.id + " " + scenario_.content_hash + " v" +
         std::to_string(kStanceExtractorVersion);
}

Corpus AnalyzeCorpus(const std::vector<std::string>& paths, const Extractor& extractor,
                     const StanceExtractor& stances, const CorpusOptions& options,
                     const InputErrorSink& on_error, const std::function<void()>& on_document) {
  Corpus corpus;
  NearDuplicateIndex near_copies;
  OrderedPipeline<Document, DocumentResult> pipeline(
      options.threads,
      [&](Document& document) {
        DocumentResult result;
        Article article = ExtractArticle(document);
        if (!article.text.empty()) {
          result.analyzed = AnalyzeArticle(std::move(article), document, extractor, stances);
        }
        return result;
      },
      [&](DocumentResult& result) {
        if (on_document) on_document();
        if (!result.analyzed) return;
        AnalyzedArticle& analyzed = *result.analyzed;
        // Near-copies need one index in input order: the emit side is serial and ordered.
        analyzed.document.dup_of =
            near_copies.FindOrAdd(analyzed.document.id, analyzed.document.text);
        corpus.documents.push_back(std::move(analyzed.document));
        for (Statement& statement : analyzed.statements) {
          corpus.statements.push_back(std::move(statement));
        }
      });
  for (const std::string& file : ExpandInputPaths(paths, on_error)) {
    ReadInputFile(
        file, options.input, [&](Document&& document) { pipeline.Push(std::move(document)); },
        on_error);
  }
  pipeline.Finish();
  corpus.stories = ClusterStories(corpus.documents, options.stories);
  MarkCorroboration(corpus.documents, corpus.stories, corpus.statements);
  return corpus;
}

}  // namespace parley
