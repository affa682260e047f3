// The input layer's entry points: expand paths, pick a reader by name (or by content when the
// name says nothing), and turn bytes into UTF-8 documents.
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>

#include "input_charset.h"
#include "input_formats.h"
#include "input_source.h"
#include "parley/read.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using input::BufferedReader;

enum class Container { kHtml, kText, kJsonl, kWarc, kUnknown };

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string LowerFileName(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

Container ContainerFromName(std::string name) {
  if (EndsWith(name, ".gz")) name.resize(name.size() - 3);
  for (std::string_view ext : {".html", ".htm", ".xhtml"}) {
    if (EndsWith(name, ext)) return Container::kHtml;
  }
  for (std::string_view ext : {".txt", ".md", ".markdown", ".text"}) {
    if (EndsWith(name, ext)) return Container::kText;
  }
  if (EndsWith(name, ".jsonl") || EndsWith(name, ".ndjson")) return Container::kJsonl;
  if (EndsWith(name, ".warc")) return Container::kWarc;
  return Container::kUnknown;
}

bool LooksLikeHtml(std::string_view head) {
  std::string lower(head.substr(0, 4096));
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view marker :
       {"<!doctype html", "<html", "<head", "<body", "<div", "<p>", "<meta", "<article"}) {
    if (lower.find(marker) != std::string::npos) return true;
  }
  return false;
}

Container SniffContainer(std::string_view head) {
  size_t start = head.find_first_not_of(" \t\r\n");
  std::string_view body = start == std::string_view::npos ? "" : head.substr(start);
  if (body.rfind("\xEF\xBB\xBF", 0) == 0) body.remove_prefix(3);
  if (body.rfind("WARC/1.", 0) == 0) return Container::kWarc;
  if (body.rfind("{", 0) == 0) return Container::kJsonl;
  return LooksLikeHtml(body) ? Container::kHtml : Container::kText;
}

// The checks and decoding shared by every one-document file, once its bytes are in memory.
void EmitSingleDocument(const std::string& path, Container container, std::string bytes,
                        const DocumentSink& on_document, const InputErrorSink& on_error) {
  bool is_html = container == Container::kHtml;
  input::DecodedText decoded = input::DecodeToUtf8(std::move(bytes), "", is_html);
  if (decoded.utf8.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
    return on_error(InputError{path, "no text: the file holds only white space"});
  }
  Document document;
  document.path = path;
  document.format = is_html ? DocumentFormat::kHtml : DocumentFormat::kText;
  document.content = std::move(decoded.utf8);
  document.charset = std::move(decoded.charset);
  on_document(std::move(document));
}

std::string OverLimitMessage(const InputOptions& options) {
  return "over --max-bytes " + std::to_string(options.max_bytes) + " once decompressed";
}

// The rest of `reader` into `bytes`. False, with the error reported, when reading fails or the
// text is over --max-bytes.
bool ReadWhole(const std::string& path, BufferedReader& reader, const InputOptions& options,
               const InputErrorSink& on_error, std::string& bytes) {
  auto complete = reader.ReadAll(&bytes, options.max_bytes);
  if (!complete.ok()) {
    on_error(InputError{path, complete.status().message()});
    return false;
  }
  if (!*complete) {
    on_error(InputError{path, OverLimitMessage(options)});
    return false;
  }
  return true;
}

void ReadSingleDocument(const std::string& path, Container container, BufferedReader& reader,
                        const InputOptions& options, const DocumentSink& on_document,
                        const InputErrorSink& on_error) {
  std::string bytes;
  if (!ReadWhole(path, reader, options, on_error, bytes)) return;
  EmitSingleDocument(path, container, std::move(bytes), on_document, on_error);
}

void DispatchContainer(const std::string& path, Container container, BufferedReader& reader,
                       const InputOptions& options, const DocumentSink& on_document,
                       const InputErrorSink& on_error);

// A gzipped page or text (named so) is inflated whole by libdeflate, the fast path for crawls
// stored one page per .html.gz. Anything it cannot inflate goes through the streaming reader,
// which names the problem (truncation, corruption, size).
void ReadGzippedDocument(const std::string& path, Container container, BufferedReader& reader,
                         const InputOptions& options, const DocumentSink& on_document,
                         const InputErrorSink& on_error) {
  std::string compressed;
  if (!ReadWhole(path, reader, options, on_error, compressed)) return;
  std::optional<std::string> bytes = input::GunzipWhole(compressed, options.max_bytes);
  if (!bytes) {
    BufferedReader stream(input::MakeMemorySource(compressed));
    stream.WrapInGunzip();
    return DispatchContainer(path, container, stream, options, on_document, on_error);
  }
  if (bytes->empty()) return on_error(InputError{path, "empty file once decompressed"});
  if (auto binary = input::BinaryReason(*bytes)) return on_error(InputError{path, *binary});
  EmitSingleDocument(path, container, std::move(*bytes), on_document, on_error);
}

// Sniffs the (decompressed) stream and hands it to the reader of its container.
void DispatchContainer(const std::string& path, Container container, BufferedReader& reader,
                       const InputOptions& options, const DocumentSink& on_document,
                       const InputErrorSink& on_error) {
  auto sniff = reader.Peek(1 << 16);
  if (!sniff.ok()) return on_error(InputError{path, sniff.status().message()});
  if (sniff->empty()) return on_error(InputError{path, "empty file once decompressed"});
  if (auto binary = input::BinaryReason(*sniff)) return on_error(InputError{path, *binary});
  if (container == Container::kUnknown) container = SniffContainer(*sniff);

  switch (container) {
    case Container::kWarc:
      return input::ReadWarc(path, reader, options, on_document, on_error);
    case Container::kJsonl:
      return input::ReadJsonl(path, reader, options, on_document, on_error);
    case Container::kHtml:
    case Container::kText:
    case Container::kUnknown:
      return ReadSingleDocument(path, container, reader, options, on_document, on_error);
  }
}

// Refuses a plain file over the limit before reading a byte of it.
bool OverSizeLimit(const std::string& path, const InputOptions& options,
                   const InputErrorSink& on_error) {
  struct stat info;
  if (path == "-" || ::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return false;
  if (static_cast<uint64_t>(info.st_size) <= options.max_bytes) return false;
  on_error(InputError{path, "file of " + std::to_string(info.st_size) +
                                " bytes is over --max-bytes " + std::to_string(options.max_bytes)});
  return true;
}

}  // namespace

std::string Document::Locator() const {
  if (line > 0) return path + ":" + std::to_string(line);
  if (offset >= 0) return path + "@" + std::to_string(offset);
  return path;
}

std::vector<std::string> ExpandInputPaths(const std::vector<std::string>& paths,
                                          const InputErrorSink& on_error) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    if (path == "-") {
      files.push_back(path);
      continue;
    }
    std::error_code error;
    fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      on_error(InputError{path, "no such file or directory"});
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator walk(path, fs::directory_options::skip_permission_denied,
                                          error);
    for (; !error && walk != fs::recursive_directory_iterator(); walk.increment(error)) {
      std::string name = walk->path().filename().string();
      if (!name.empty() && name[0] == '.') {  // hidden files and folders are not inputs
        if (walk->is_directory()) walk.disable_recursion_pending();
        continue;
      }
      if (walk->is_regular_file()) found.push_back(walk->path().string());
    }
    if (error) {
      on_error(InputError{path, "cannot list directory: " + error.message()});
    } else if (found.empty()) {
      on_error(InputError{path, "empty directory: no files to read"});
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

void ReadInputFile(const std::string& path, const InputOptions& options,
                   const DocumentSink& on_document, const InputErrorSink& on_error) {
  if (OverSizeLimit(path, options, on_error)) return;
  auto source = input::OpenFileSource(path);
  if (!source.ok()) return on_error(InputError{path, source.status().message()});
  BufferedReader reader(std::move(*source));
  auto head = reader.Peek(2);
  if (!head.ok()) return on_error(InputError{path, head.status().message()});
  if (head->empty()) return on_error(InputError{path, "empty file"});
  Container container = path == "-" ? Container::kUnknown : ContainerFromName(LowerFileName(path));
  const bool named_gz = path != "-" && EndsWith(LowerFileName(path), ".gz");
  if (named_gz && !input::HasGzipMagic(*head)) {
    return on_error(InputError{path,
                               "not gzip data (no gzip header), expected a gzip file as "
                               "the .gz name says"});
  }
  if (input::HasGzipMagic(*head)) {
    if (container == Container::kHtml || container == Container::kText) {
      return ReadGzippedDocument(path, container, reader, options, on_document, on_error);
    }
    reader.WrapInGunzip();
  }
  DispatchContainer(path, container, reader, options, on_document, on_error);
}

}  // namespace parley
