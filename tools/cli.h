// The CLI shell: global options, the subcommand registry, and the small helpers every
// subcommand shares (error lines, exit codes, progress, tables). No pipeline logic lives here.
#pragma once

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "parley/read.h"
#include "parley/status.h"

namespace parley::cli {

// Exit codes, one meaning each (docs/ARCHITECTURE.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeInputsFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitFatal = 3;
inline constexpr int kExitInternal = 70;

struct GlobalOptions {
  bool jsonl = false;            // one JSON object per line on stdout
  int threads = 1;               // 0 = all cores
  std::string db = "parley.db";  // SQLite file or postgresql:// URL (OpenStore)
  bool quiet = false;            // no progress, no summaries on stderr
  uint64_t max_bytes = 50ull * 1024 * 1024;
};

// A subcommand adds its options to `app` and returns the function that runs it, which returns
// the exit code.
using CommandSetup = std::function<std::function<int()>(CLI::App& app, GlobalOptions& global)>;

struct Command {
  int order;  // position in `parley help`: pipeline order
  std::string name;
  std::string description;
  CommandSetup setup;
};

// The Command of a subcommand whose flags fill one `Options` value: `add` declares them on the
// subcommand's App, `run` runs it with the values given and returns the exit code.
// `run` is called as run(Options&, const GlobalOptions&).
template <typename Options, typename Run>
Command MakeCommand(int order, std::string name, std::string description,
                    void (*add)(CLI::App& app, Options& options), Run run) {
  return {order, std::move(name), std::move(description),
          [add, run](CLI::App& app, GlobalOptions& global) -> std::function<int()> {
            auto options = std::make_shared<Options>();
            add(app, *options);
            return [options, run, &global] { return run(*options, global); };
          }};
}

// Commands register themselves from their own file in tools/ with a static Registration.
std::vector<Command>& Registry();
struct Registration {
  explicit Registration(Command command) { Registry().push_back(std::move(command)); }
};

// Prints "parley: <message>" on stderr and returns the exit code that fits the status.
int ReportFatal(const Status& status);

// Counts input errors and prints each one as a single stderr line.
class ErrorLog {
 public:
  void Report(const std::string& message);
  int count() const { return count_.load(); }
  int ExitCode() const { return count_ > 0 ? kExitSomeInputsFailed : kExitOk; }

 private:
  std::atomic<int> count_{0};
};

// The progress line: "analyze 42/120  35%  417/s  ETA 0:12". Without a total, or once more
// were done than expected (a JSONL file holds many documents), only "analyze 42  417/s".
std::string FormatProgressLine(const std::string& label, uint64_t done, uint64_t total,
                               double seconds);

// A one-line progress display on stderr (or `out`): drawn at the first document, then at most
// every 100 ms. Silent unless `out` is a terminal and not --quiet. `total` may be 0 when unknown.
// Finish() erases the line, so the summary printed next starts on a clean line; the destructor
// calls it.
class Progress {
 public:
  Progress(std::string label, uint64_t total, bool quiet, FILE* out = stderr);
  ~Progress();
  void Add(uint64_t done = 1);
  void Finish();

 private:
  void Draw();
  std::string label_;
  uint64_t total_;
  uint64_t done_ = 0;
  bool enabled_;
  bool drawn_ = false;
  FILE* out_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// The input loop every per-document command shares: expands `inputs` (files, folders, "-"),
// reads each file with --max-bytes, shows progress labelled `task`, reports every bad input
// as one line in `errors`, and hands each document to `on_document` in input order.
void ReadEachDocument(const std::vector<std::string>& inputs, const GlobalOptions& global,
                      const std::string& task, ErrorLog& errors, const DocumentSink& on_document);

// The options many commands share, worded once: the required input paths, and the
// dictionary folder.
void AddInputsOption(CLI::App& app, std::vector<std::string>& inputs);
void AddDictionaryOption(CLI::App& app, std::string& dictionary_dir);

// A check for date options (--as-of): a real day written YYYY-MM-DD, else a usage error that
// names the value.
CLI::Validator CalendarDateCheck();

// Text for one table cell: line breaks and tabs become spaces, and text longer than `max_bytes`
// is cut on a UTF-8 character boundary and ends in "...".
std::string TableCell(const std::string& text, size_t max_bytes = std::string::npos);

// `value` with `decimals` digits after the point.
std::string FormatNumber(double value, int decimals = 0);

// Renders rows as an aligned plain-text table; the first row is the header. Counts UTF-8 code
// points for width so names with accents line up.
std::string FormatTable(const std::vector<std::vector<std::string>>& rows);

}  // namespace parley::cli
