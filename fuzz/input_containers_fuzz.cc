// Fuzzes the WARC and JSONL readers, each over plain and gunzipped bytes: whatever the input,
// they must emit valid UTF-8 documents or errors, and never crash.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "read/input_charset.h"
#include "read/input_formats.h"

using parley::Document;
using parley::InputError;
using namespace parley::input;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the reader and whether the rest goes through gunzip.
  uint8_t mode = data[0];
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  parley::InputOptions options;
  options.max_bytes = 1 << 20;
  auto on_document = [](Document&& document) {
    if (!IsValidUtf8(document.content)) std::abort();
  };
  auto on_error = [](const InputError& error) {
    if (error.reason.empty()) std::abort();
  };
  auto source = MakeMemorySource(bytes);
  if (mode & 2) source = MakeGunzipSource(std::move(source));
  BufferedReader reader(std::move(source));
  if (mode & 1) {
    ReadWarc("fuzz.warc", reader, options, on_document, on_error);
  } else {
    ReadJsonl("fuzz.jsonl", reader, options, on_document, on_error);
  }
  return 0;
}
