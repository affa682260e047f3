// Fuzzes the article extractor on arbitrary bytes, as HTML and as text: the tree builder, the
// block scoring, the metadata readers (JSON-LD, dates) and the text cleaner must never crash,
// hang or read out of bounds, whatever the input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "parley/article.h"
#include "parley/read.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  parley::Document document;
  document.path = "fuzz.html";
  document.content.assign(reinterpret_cast<const char*>(data), size);
  document.format = parley::DocumentFormat::kHtml;
  parley::Article html = parley::ExtractArticle(document);
  document.format = parley::DocumentFormat::kText;
  parley::Article text = parley::ExtractArticle(document);
  parley::NearDuplicateIndex index;
  index.FindOrAdd(html.id, html.text);
  index.FindOrAdd(text.id, text.text);
  return 0;
}
