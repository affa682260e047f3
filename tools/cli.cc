#include "cli.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>

#include "parley/calendar_date.h"
#include "parley/text_util.h"

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

std::string FormatProgressLine(const std::string& label, uint64_t done, uint64_t total,
                               double seconds) {
  const double rate = seconds > 0 ? done / seconds : 0;
  char line[200];
  if (total == 0 || done > total) {
    std::snprintf(line, sizeof line, "%s %llu  %.0f/s", label.c_str(),
                  static_cast<unsigned long long>(done), rate);
    return line;
  }
  std::string eta = "-";
  if (rate > 0) {
    const long long left = std::llround((total - done) / rate);
    char text[32];
    std::snprintf(text, sizeof text, "%lld:%02lld", left / 60, left % 60);
    eta = text;
  }
  std::snprintf(line, sizeof line, "%s %llu/%llu  %.0f%%  %.0f/s  ETA %s", label.c_str(),
                static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                std::floor(100.0 * done / total), rate, eta.c_str());
  return line;
}

Progress::Progress(std::string label, uint64_t total, bool quiet, FILE* out)
    : label_(std::move(label)),
      total_(total),
      enabled_(!quiet && isatty(fileno(out))),
      out_(out),
      start_(std::chrono::steady_clock::now()),
      // The first document draws the line at once: a slow start still shows something.
      last_draw_(start_ - std::chrono::milliseconds(100)) {}

Progress::~Progress() { Finish(); }

void Progress::Add(uint64_t done) {
  done_ += done;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  Draw();
}

void Progress::Finish() {
  // "\r" then erase to the end of the line: nothing of the progress line stays on screen.
  if (drawn_) {
    std::fputs("\r\033[K", out_);
    std::fflush(out_);
  }
  drawn_ = false;
  enabled_ = false;
}

void Progress::Draw() {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string line = FormatProgressLine(label_, done_, total_, seconds);
  std::fprintf(out_, "\r%s\033[K", line.c_str());
  std::fflush(out_);
  drawn_ = true;
}

CLI::Validator CalendarDateCheck() {
  return CLI::Validator(
      [](const std::string& value) -> std::string {
        return IsCalendarDate(value) ? "" : "expected a date YYYY-MM-DD, got '" + value + "'";
      },
      "DATE");
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
  return parley::FormatNumber(value, decimals);
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
