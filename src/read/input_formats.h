// Container readers of the input layer: WARC records and JSONL lines, streamed from a
// BufferedReader. Each emits documents in order and reports each bad record or line on its own.
#pragma once

#include <string>

#include "input_source.h"
#include "parley/read.h"

namespace parley::input {

void ReadWarc(const std::string& path, BufferedReader& reader, const InputOptions& options,
              const DocumentSink& on_document, const InputErrorSink& on_error);

void ReadJsonl(const std::string& path, BufferedReader& reader, const InputOptions& options,
               const DocumentSink& on_document, const InputErrorSink& on_error);

}  // namespace parley::input
