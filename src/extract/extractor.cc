// Extractor: load -> compile -> analyse. Analyze() runs the passes in order over one text:
// sentences, tokens, actor mentions, quotation regions, attributions, events.
#include <algorithm>
#include <cstdlib>

#include "internal.h"
#include "parley/article.h"
#include "parley/language.h"

#ifndef PARLEY_DEFAULT_DICT_DIR
#define PARLEY_DEFAULT_DICT_DIR "data/dict"
#endif

namespace parley {

struct Extractor::Impl {
  extract_internal::Dictionaries dictionaries;
  std::unique_ptr<Languages> languages;
};

std::string DefaultDictionaryDir() {
  const char* env = std::getenv("PARLEY_DICT");
  return env != nullptr && *env != '\0' ? env : PARLEY_DEFAULT_DICT_DIR;
}

std::string_view AttributionKindName(AttributionKind kind) {
  switch (kind) {
    case AttributionKind::kDirect:
      return "direct";
    case AttributionKind::kIndirect:
      return "indirect";
    case AttributionKind::kMixed:
      return "mixed";
  }
  return "indirect";
}

std::string_view ModalityName(Modality modality) {
  switch (modality) {
    case Modality::kAsserted:
      return "asserted";
    case Modality::kPossible:
      return "possible";
    case Modality::kIntended:
      return "intended";
    case Modality::kRequired:
      return "required";
  }
  return "asserted";
}

std::string Analysis::Slice(Span span) const {
  int64_t size = static_cast<int64_t>(byte_of_code_point.size()) - 1;
  if (size < 0) return {};
  int64_t begin = std::clamp<int64_t>(span.begin, 0, size);
  int64_t end = std::clamp<int64_t>(span.end, begin, size);
  return text.substr(byte_of_code_point[begin],
                     byte_of_code_point[end] - byte_of_code_point[begin]);
}

Extractor::Extractor(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;
Extractor::~Extractor() = default;

Result<Extractor> Extractor::Load(const ExtractorOptions& options) {
  auto impl = std::make_unique<Impl>();
  PARLEY_RETURN_IF_ERROR(extract_internal::LoadDictionaries(options, impl->dictionaries));
  impl->languages = std::make_unique<Languages>(
      options.language_dir.empty() ? DefaultLanguageDir() : options.language_dir);
  PARLEY_RETURN_IF_ERROR(impl->languages->LoadAll());
  return Extractor(std::move(impl));
}

Analysis Extractor::Analyze(std::string_view text, std::string_view date,
                            std::string_view lang) const {
  using namespace extract_internal;
  Analysis out;
  out.text = std::string(text);
  Work work;
  work.dict = &impl_->dictionaries;
  work.lang = &impl_->languages->For(lang);
  work.date = std::string(date.substr(0, 10));
  work.out = &out;
  work.points = DecodeUtf8(text);
  const auto& abbreviations = impl_->dictionaries.abbreviations;
  out.sentences = SplitSentences(work.points.chars, abbreviations);
  for (size_t s = 0; s < out.sentences.size(); ++s) {
    work.sentence_first_token.push_back(static_cast<int>(out.tokens.size()));
    Tokenize(work.points.chars, out.sentences[s].span.begin, out.sentences[s].span.end,
             static_cast<int>(s), abbreviations, out.tokens, work.flags);
  }
  work.sentence_first_token.push_back(static_cast<int>(out.tokens.size()));
  FindMentions(work);
  FindQuotes(work);
  FindAttributions(work);
  FindEvents(work);
  out.byte_of_code_point = std::move(work.points.byte_of);
  return out;
}

ExtractInput PrepareInput(const Document& document) {
  ExtractInput input;
  input.doc = document.given_id.empty() ? document.path : document.given_id;
  input.date = document.date.substr(0, 10);
  if (document.format == DocumentFormat::kText) {
    input.text = document.content;
    // The article layer reads the date a text shows ("December 16, 2025"); its cleaned text
    // is not used, so offsets stay in the file's own text.
    if (input.date.empty()) input.date = ExtractArticle(document).date.substr(0, 10);
    return input;
  }
  Article article = ExtractArticle(document);
  input.text = std::move(article.text);
  input.lang = std::move(article.lang);
  if (input.date.empty()) input.date = article.date.substr(0, 10);
  return input;
}

}  // namespace parley
