// Read stage, input layer: paths in, UTF-8 documents out.
//
// Formats, chosen by file name (".gz" is stripped first and the rest decides):
//   .html .htm          one HTML document
//   .txt .md            one text document
//   .jsonl              one document per line: {"id","text"|"html","url","date","title","outlet"}
//   .warc               WARC/1.0 and 1.1 "response" records whose payload is HTML
//   anything else       sniffed: HTML if it looks like markup, text otherwise, error if binary
// Directories are walked recursively in sorted order; "-" reads standard input (sniffed).
//
// Bad input never stops a run: each bad file, line or record is reported once through the
// error callback and reading goes on with the next one.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/status.h"

namespace parley {

enum class DocumentFormat { kHtml, kText };

// One document as it came in, converted to UTF-8 (invalid bytes become U+FFFD).
struct Document {
  std::string path;     // the input file, or "-" for standard input
  std::string url;      // from JSONL "url" or the WARC target URI; may be empty
  uint64_t line = 0;    // 1-based line number for JSONL input, else 0
  int64_t offset = -1;  // byte offset of the WARC record (in the uncompressed stream), else -1
  DocumentFormat format = DocumentFormat::kText;
  std::string content;  // UTF-8 text or HTML markup
  std::string charset;  // the charset the bytes were decoded from, e.g. "UTF-8", "windows-1252"
  // Metadata given by the container (JSONL fields); empty when absent.
  std::string given_id;
  std::string title;
  std::string date;
  std::string outlet;

  // "path", "path:12" (JSONL line) or "path@4096" (WARC record offset): where to look.
  std::string Locator() const;
};

// A file, line or record that could not be read.
struct InputError {
  std::string locator;  // as Document::Locator(): names the file and line or record
  std::string reason;   // e.g. "truncated gzip stream", "binary file"
  std::string Message() const { return locator + ": " + reason; }
};

struct InputOptions {
  // Files (or decompressed streams) larger than this are refused. 50 MB.
  uint64_t max_bytes = 50ull * 1024 * 1024;
};

using DocumentSink = std::function<void(Document&&)>;
using InputErrorSink = std::function<void(const InputError&)>;

// Expands files and directories (recursively, sorted) into input files. "-" is kept as is.
// Paths that do not exist or cannot be read, and directories without a file to read, are
// reported to `on_error` and left out.
std::vector<std::string> ExpandInputPaths(const std::vector<std::string>& paths,
                                          const InputErrorSink& on_error);

// Reads one input file (or "-") and emits its documents in order. Thread-compatible: separate
// calls may run on separate threads.
void ReadInputFile(const std::string& path, const InputOptions& options,
                   const DocumentSink& on_document, const InputErrorSink& on_error);

// The stable document id: xxhash64 (seed 0), as 16 lower-case hex digits, of the text with
// every run of Unicode white space folded to one space and both ends trimmed.
std::string DocumentId(std::string_view text);

}  // namespace parley
