// The shell shared by `parley quotes` and `parley events`: every document through the
// extractor on --threads workers, each described as JSON lines or table rows.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli.h"
#include "parley/extract.h"

namespace parley::cli {

// What one document produced: JSON lines (with --jsonl) or table rows.
struct DescribedDocument {
  std::vector<std::string> lines;
  std::vector<std::vector<std::string>> rows;
};

using DescribeAnalysis =
    std::function<DescribedDocument(const ExtractInput&, const Analysis&, bool jsonl)>;

struct ExtractCommand {
  std::string task;                 // progress label, e.g. "quotes"
  std::vector<std::string> header;  // the table's header row
  DescribeAnalysis describe;
};

// Loads the dictionaries, analyses every input document and prints what `describe` makes of
// it: JSON lines as documents finish (in input order), or one table at the end.
int RunExtractCommand(const ExtractCommand& command, const std::vector<std::string>& inputs,
                      const std::string& dictionary_dir, const GlobalOptions& global);

// The subcommand `name` that takes input paths and --dict and runs RunExtractCommand().
Command MakeExtractCommand(int order, std::string name, std::string description,
                           ExtractCommand command);

}  // namespace parley::cli
