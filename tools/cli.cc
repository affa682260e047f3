#include "cli.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <mutex>

namespace parley::cli {

std::vector<Command>& Registry() {
  static std::vector<Command> commands;
  return commands;
}

int ReportFatal(const Status& status) {
  std::fprintf(stderr, "parley: %s\n", status.message().c_str());
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidInput:
    case StatusCode::kNotFound:
      return kExitUsage;
    case StatusCode::kIo:
    case StatusCode::kDatabase:
      return kExitFatal;
    case StatusCode::kInternal:
      return kExitInternal;
  }
  return kExitInternal;
}

void ErrorLog::Report(const std::string& message) {
  static std::mutex stderr_mutex;
  ++count_;
  std::lock_guard lock(stderr_mutex);
  std::fprintf(stderr, "parley: %s\n", message.c_str());
}

void ReadEachDocument(const std::vector<std::string>& inputs, const GlobalOptions& global,
                      const std::string& task, ErrorLog& errors, const DocumentSink& on_document) {
  auto on_error = [&](const InputError& error) { errors.Report(error.Message()); };
  std::vector<std::string> files = ExpandInputPaths(inputs, on_error);
  InputOptions input_options;
  input_options.max_bytes = global.max_bytes;
  Progress progress(task, files.size(), global.quiet);
  for (const std::string& file : files) {
    ReadInputFile(file, input_options, on_document, on_error);
    progress.Add();
  }
}

void AddInputsOption(CLI::App& app, std::vector<std::string>& inputs) {
  app.add_option("inputs", inputs,
                 "Files or directories (.html .txt .md .jsonl .warc, optionally .gz); - for stdin")
      ->required();
}

void AddDictionaryOption(CLI::App& app, std::string& dictionary_dir) {
  app.add_option("--dict", dictionary_dir,
                 "Dictionary folder (default: $PARLEY_DICT or the source tree's data/dict)");
}

Progress::Progress(std::string label, uint64_t total, bool quiet)
    : label_(std::move(label)),
      total_(total),
      enabled_(!quiet && isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() {
  if (enabled_ && done_ > 0) Draw(true);
}

void Progress::Add(uint64_t done) {
  done_ += done;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  Draw(false);
}

void Progress::Draw(bool final) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = seconds > 0 ? done_ / seconds : 0;
  char line[160];
  if (total_ > 0) {
    double eta = rate > 0 ? (total_ - std::min(done_, total_)) / rate : 0;
    std::snprintf(line, sizeof line, "\r%s %llu/%llu  %.0f/s  ETA %.0fs   ", label_.c_str(),
                  static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_),
                  rate, eta);
  } else {
    std::snprintf(line, sizeof line, "\r%s %llu  %.0f/s   ", label_.c_str(),
                  static_cast<unsigned long long>(done_), rate);
  }
  std::fputs(line, stderr);
  if (final) std::fputs("\n", stderr);
}

std::string TableCell(const std::string& text, size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes));
  for (char c : text) out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  if (out.size() <= max_bytes) return out;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  return out.substr(0, cut) + "...";
}

std::string FormatNumber(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

namespace {
size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80;  // count UTF-8 lead bytes
  return width;
}
}  // namespace

std::string FormatTable(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line.append(widths[i] - DisplayWidth(row[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace parley::cli
