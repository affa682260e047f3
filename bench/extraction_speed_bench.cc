// Reader speed and memory, as the issue measures them:
//   end to end: `parley read --jsonl --threads N <scrapinghub/html>` from gzip files to JSONL
//   (stdout to /dev/null), best of 3 runs, at 1 and 2 threads, with the child's peak RSS;
//   streaming: the same over both benchmark sets at once, to show RSS does not grow with input;
//   in process: ReadInputFile alone and ExtractArticle alone, per page, to split the cost.
// Needs PARLEY_BINARY (set by scripts/run-benchmarks.sh) for the end-to-end rows.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "parley/article.h"
#include "parley/read.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct RunResult {
  double seconds = 0;
  long peak_rss_kb = 0;
  int exit_code = -1;
};

// Runs `argv` with stdout to /dev/null; returns wall time and the child's peak RSS.
RunResult RunChild(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  RunResult result;
  auto start = Clock::now();
  pid_t pid;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) return result;
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.peak_rss_kb = usage.ru_maxrss;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  posix_spawn_file_actions_destroy(&actions);
  return result;
}

size_t CountFiles(const fs::path& dir) {
  size_t count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) count += entry.is_regular_file();
  return count;
}

void EndToEnd(const std::string& binary, const fs::path& scrapinghub, const fs::path& wcxb) {
  size_t pages = CountFiles(scrapinghub);
  for (int threads : {1, 2}) {
    RunResult best;
    for (int run = 0; run < 3; ++run) {
      RunResult result = RunChild({binary, "read", "--jsonl", "-q", "--threads",
                                   std::to_string(threads), scrapinghub.string()});
      if (result.exit_code < 0) {
        std::printf("end to end: could not run %s\n", binary.c_str());
        return;
      }
      if (best.seconds == 0 || result.seconds < best.seconds) best = result;
    }
    std::printf(
        "end to end, scrapinghub (%zu pages), %d thread%s: %.0f pages/s (%.3f s), "
        "peak RSS %.1f MB, exit %d\n",
        pages, threads, threads == 1 ? "" : "s", pages / best.seconds, best.seconds,
        best.peak_rss_kb / 1024.0, best.exit_code);
  }
  if (fs::exists(wcxb)) {
    size_t all = pages + CountFiles(wcxb / "html");
    RunResult result = RunChild({binary, "read", "--jsonl", "-q", "--threads", "2",
                                 scrapinghub.string(), (wcxb / "html").string()});
    std::printf("streaming, both sets (%zu pages), 2 threads: %.0f pages/s, peak RSS %.1f MB\n",
                all, all / result.seconds, result.peak_rss_kb / 1024.0);
  }
}

void InProcess(const fs::path& scrapinghub) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(scrapinghub)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<parley::Document> documents;
  auto start = Clock::now();
  for (const fs::path& file : files) {
    parley::ReadInputFile(
        file.string(), {}, [&](parley::Document&& d) { documents.push_back(std::move(d)); },
        [](const parley::InputError&) {});
  }
  double read_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  size_t bytes = 0;
  for (const auto& d : documents) bytes += d.content.size();
  double best_extract = 0;
  for (int run = 0; run < 3; ++run) {
    start = Clock::now();
    size_t characters = 0;
    for (const parley::Document& document : documents) {
      characters += parley::ExtractArticle(document).text.size();
    }
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (characters > 0 && (best_extract == 0 || seconds < best_extract)) best_extract = seconds;
  }
  size_t pages = documents.size();
  std::printf("in process, one thread, %zu pages, %.0f KB average:\n", pages,
              bytes / 1024.0 / std::max<size_t>(pages, 1));
  std::printf("  ReadInputFile (gunzip, charset): %.0f pages/s (%.3f ms/page)\n",
              pages / read_seconds, 1000 * read_seconds / pages);
  std::printf(
      "  ExtractArticle (parse, extract, metadata, lang, id): %.0f pages/s "
      "(%.3f ms/page, %.0f MB/s)\n",
      pages / best_extract, 1000 * best_extract / pages, bytes / 1e6 / best_extract);
}

}  // namespace

int main() {
  const char* env = std::getenv("PARLEY_SHARED_DATA");
  fs::path data = env ? fs::path(env) : fs::path(PARLEY_SOURCE_DIR) / ".." / "shared" / "data";
  fs::path scrapinghub = data / "extraction" / "scrapinghub" / "html";
  if (!fs::exists(scrapinghub)) {
    std::printf("speed: %s missing, skipped\n", scrapinghub.c_str());
    return 0;
  }
  std::printf("machine: %u hardware threads; load matters, rerun on an idle machine\n",
              std::max(1u, std::thread::hardware_concurrency()));
  InProcess(scrapinghub);
  const char* binary = std::getenv("PARLEY_BINARY");
  if (binary != nullptr && fs::exists(binary)) {
    EndToEnd(binary, scrapinghub, data / "extraction" / "wcxb-dev-articles");
  } else {
    std::printf("end to end: PARLEY_BINARY not set or missing, skipped\n");
  }
  return 0;
}
