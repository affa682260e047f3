// JSONL input: one document per line, {"id","text"|"html","url","date","title","outlet"}.
#include <nlohmann/json.hpp>

#include "input_charset.h"
#include "input_formats.h"

namespace parley::input {
namespace {

std::string StringField(const nlohmann::json& object, const char* name) {
  auto field = object.find(name);
  if (field == object.end() || !field->is_string()) return "";
  return field->get<std::string>();
}

// Parses one line; an error names what is wrong with it.
Result<Document> ParseLine(const std::string& line) {
  nlohmann::json object;
  try {
    object = nlohmann::json::parse(RepairUtf8(line));
  } catch (const nlohmann::json::exception& error) {
    // Syntax errors and out-of-range numbers alike. nlohmann's message starts with
    // "[json.exception.parse_error.101] "; keep what follows.
    std::string what = error.what();
    size_t cut = what.find("] ");
    return InvalidInput("invalid JSON: " +
                        (cut == std::string::npos ? what : what.substr(cut + 2)));
  }
  if (!object.is_object()) return InvalidInput("expected a JSON object");
  Document document;
  if (object.contains("text") && object["text"].is_string()) {
    document.format = DocumentFormat::kText;
    document.content = object["text"].get<std::string>();
  } else if (object.contains("html") && object["html"].is_string()) {
    document.format = DocumentFormat::kHtml;
    document.content = object["html"].get<std::string>();
  } else {
    return InvalidInput("expected a string field \"text\" or \"html\"");
  }
  document.charset = "UTF-8";
  document.given_id = StringField(object, "id");
  if (object.contains("id") && object["id"].is_number_integer()) {
    document.given_id = std::to_string(object["id"].get<int64_t>());
  }
  document.url = StringField(object, "url");
  document.date = StringField(object, "date");
  document.title = StringField(object, "title");
  document.outlet = StringField(object, "outlet");
  return document;
}

}  // namespace

void ReadJsonl(const std::string& path, BufferedReader& reader, const InputOptions& options,
               const DocumentSink& on_document, const InputErrorSink& on_error) {
  std::string line;
  bool too_long = false;
  for (uint64_t number = 1;; ++number) {
    auto got = reader.ReadLine(&line, options.max_bytes, &too_long);
    std::string locator = path + ":" + std::to_string(number);
    if (!got.ok()) return on_error(InputError{locator, got.status().message()});
    if (!*got) return;
    if (too_long) {
      on_error(
          InputError{locator, "line is over --max-bytes " + std::to_string(options.max_bytes)});
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto document = ParseLine(line);
    if (!document.ok()) {
      on_error(InputError{locator, document.status().message()});
      continue;
    }
    document->path = path;
    document->line = number;
    on_document(std::move(*document));
  }
}

}  // namespace parley::input
