// Scores `stances` on a dev set of real news pages with reference stances (stances-dev: the
// Ukraine talks; iran-dev: the Iran nuclear talks) with the rules of
// include/parley/stance_score.h, on a tuning part and a validation part, with the breakdown
// that says what to fix next: per issue and actor, per error class, per confidence band, and
// the worst cases.
//
//   stances_dev_bench [--set stances-dev|iran-dev] [--scenario NAME_OR_PATH] [--data DIR]
//                     [--verbose]
//
// Split, fixed so that figures stay comparable between runs: sort the page file names; the page
// at sorted index i is validation when i % 7 == 3 or i % 7 == 6 (20 of 70 Ukraine pages, 6 of
// 23 Iran pages), tuning otherwise. Look at the tuning part's errors when changing the
// extractor; the validation part says whether the change carries over to pages nobody looked
// at.
//
// Worst cases, of the tuning part only: up to 15 wrong statements, most confident first (they weigh most in the
// matrix), then up to 10 missed gold stances in page order; a part with fewer of one kind gives
// its lines to the other. STANCES_DEV_VERBOSE=1 (or --verbose) lists every error.
//
// Data: --data DIR, else $PARLEY_SHARED_DATA, else <source>/../shared/data; the set is
// DIR/<set>: gold.json and text/<id>.txt. The scenario is the set's bundled one (stances-dev:
// ukraine-2025, iran-dev: iran-2025) unless --scenario names another. Without the data the
// bench prints "skipped" and exits 0. It exits 1 when some evidence is not verbatim in its
// page, which fails the run by the data set's rules, and 2 on a bad argument.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "parley/pipeline.h"
#include "parley/positions.h"
#include "parley/stance_score.h"

namespace {

namespace fs = std::filesystem;
using parley::GoldOutcome;
using parley::PredictionOutcome;
using parley::ScoreCounts;
using parley::StanceErrorClass;
using parley::StanceScore;
using Clock = std::chrono::steady_clock;

constexpr size_t kWorstStatements = 15;
constexpr size_t kWorstMisses = 10;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool IsValidation(size_t sorted_index) { return sorted_index % 7 == 3 || sorted_index % 7 == 6; }

// One line of text at most `max_bytes` long, cut on a UTF-8 character boundary.
std::string Clip(const std::string& text, size_t max_bytes) {
  std::string out;
  for (char c : text) out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  if (out.size() <= max_bytes) return out;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  return out.substr(0, cut) + "...";
}

std::string Ratio(int part, int whole) {
  if (whole == 0) return "-";
  char text[16];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(part) / whole);
  return text;
}

std::string Position(double position) {
  char text[16];
  std::snprintf(text, sizeof text, "%.0f", position);
  return text;
}

void PrintBreakdown(const char* title, const std::map<std::string, ScoreCounts>& groups) {
  std::printf("  %-11s %5s %5s %7s %5s %6s %9s\n", title, "gold", "hit", "recall", "pred", "right",
              "precision");
  for (const auto& [name, c] : groups) {
    std::printf("  %-11s %5d %5d %7s %5d %6d %9s\n", name.c_str(), c.gold, c.hit,
                Ratio(c.hit, c.gold).c_str(), c.predicted, c.right,
                Ratio(c.right, c.predicted).c_str());
  }
}

void PrintClassesAndBands(const StanceScore& score) {
  std::printf("  classes:");
  for (int c = 0; c < parley::kStanceErrorClasses; ++c) {
    const auto error_class = static_cast<StanceErrorClass>(c);
    std::printf("  %s %d", std::string(parley::StanceErrorClassName(error_class)).c_str(),
                score.count(error_class));
  }
  std::printf("\n  precision per confidence band:");
  for (size_t band = 0; band < parley::kConfidenceBandNames.size(); ++band) {
    const ScoreCounts& c = score.by_confidence[band];
    std::printf("  %s %s (%d/%d)", std::string(parley::kConfidenceBandNames[band]).c_str(),
                Ratio(c.right, c.predicted).c_str(), c.right, c.predicted);
  }
  std::printf("\n");
}

void PrintErrorHeader() {
  std::printf("  %-9s %-5s %-11s %4s %4s %-12s %4s  %s\n", "doc", "actor", "issue", "pred", "gold",
              "class", "conf", "evidence (or gold note for a miss)");
}

void PrintWrongStatement(const PredictionOutcome& outcome) {
  const parley::Statement& s = *outcome.statement;
  std::string gold = outcome.gold ? Position(outcome.gold->position) : "-";
  if (outcome.gold && outcome.gold->actor != s.actor) gold += " " + outcome.gold->actor;
  std::printf("  %-9s %-5s %-11s %4s %8s %-12s %4.2f  %s%s\n", outcome.article->id.c_str(),
              s.actor.c_str(), s.issue.c_str(), Position(s.position).c_str(), gold.c_str(),
              std::string(parley::StanceErrorClassName(outcome.error_class)).c_str(), s.confidence,
              outcome.verbatim ? "" : "[NOT VERBATIM] ", Clip(s.evidence, 160).c_str());
}

void PrintMiss(const GoldOutcome& outcome) {
  const parley::GoldStance& g = *outcome.stance;
  const std::string predicted = outcome.nearest ? Position(outcome.nearest->position) : "-";
  std::printf("  %-9s %-5s %-11s %4s %8s %-12s %4s  note: %s\n", outcome.article->id.c_str(),
              g.actor.c_str(), g.issue.c_str(), predicted.c_str(), Position(g.position).c_str(),
              "missed", "-", Clip(g.note, 154).c_str());
}

void PrintErrors(const StanceScore& score, bool verbose) {
  std::vector<const PredictionOutcome*> wrong;
  for (const PredictionOutcome& p : score.predictions) {
    if (p.error_class != StanceErrorClass::kRight) wrong.push_back(&p);
  }
  std::stable_sort(wrong.begin(), wrong.end(), [](const auto* a, const auto* b) {
    return a->statement->confidence > b->statement->confidence;
  });
  std::vector<const GoldOutcome*> missed;
  for (const GoldOutcome& g : score.gold) {
    if (g.match == nullptr) missed.push_back(&g);
  }
  size_t show_wrong = wrong.size(), show_missed = missed.size();
  if (!verbose) {
    show_wrong = std::min(wrong.size(),
                          kWorstStatements + kWorstMisses - std::min(missed.size(), kWorstMisses));
    show_missed = std::min(missed.size(), kWorstStatements + kWorstMisses - show_wrong);
  }
  std::printf("  %s: %zu of %zu wrong statements, %zu of %zu misses%s\n",
              verbose ? "all errors" : "worst cases", show_wrong, wrong.size(), show_missed,
              missed.size(), verbose ? "" : " (STANCES_DEV_VERBOSE=1 lists all)");
  PrintErrorHeader();
  for (size_t i = 0; i < show_wrong; ++i) PrintWrongStatement(*wrong[i]);
  for (size_t i = 0; i < show_missed; ++i) PrintMiss(*missed[i]);
}

// `errors`: print the part's worst cases. Only the tuning part's: the validation pages are read
// by nobody, so that the validation figures keep saying whether a change carries over.
enum class Errors { kShown, kHidden };

void PrintPart(const char* name, const char* rule, const StanceScore& score, size_t pages,
               Errors errors, bool verbose) {
  const ScoreCounts& t = score.total;
  std::printf("\n== %s: %zu pages (%s)\n", name, pages, rule);
  std::printf("  recall %s (%d/%d gold)  precision %s (%d/%d predicted)  evidence verbatim %d/%d\n",
              Ratio(t.hit, t.gold).c_str(), t.hit, t.gold, Ratio(t.right, t.predicted).c_str(),
              t.right, t.predicted, score.verbatim, t.predicted);
  PrintBreakdown("issue", score.by_issue);
  PrintBreakdown("actor", score.by_actor);
  PrintClassesAndBands(score);
  if (errors == Errors::kShown) PrintErrors(score, verbose);
}

struct Options {
  std::string set = "stances-dev";
  std::string scenario;  // empty: the set's bundled scenario
  fs::path data;
  bool verbose = false;
};

// The bundled scenario each dev set is labelled with.
std::string DefaultScenario(const std::string& set) {
  if (set == "stances-dev") return "ukraine-2025";
  if (set == "iran-dev") return "iran-2025";
  return "";
}

bool ParseOptions(int argc, char** argv, Options& options) {
  const char* env = std::getenv("STANCES_DEV_VERBOSE");
  options.verbose = env != nullptr && std::strcmp(env, "") != 0 && std::strcmp(env, "0") != 0;
  const char* data = std::getenv("PARLEY_SHARED_DATA");
  options.data =
      data != nullptr ? fs::path(data) : fs::path(PARLEY_SOURCE_DIR) / ".." / "shared" / "data";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--verbose") {
      options.verbose = true;
    } else if (arg == "--set" && has_value) {
      options.set = argv[++i];
    } else if (arg == "--scenario" && has_value) {
      options.scenario = argv[++i];
    } else if (arg == "--data" && has_value) {
      options.data = argv[++i];
    } else {
      std::fprintf(stderr,
                   "stances_dev: unknown or incomplete argument '%s', expected --set NAME, "
                   "--scenario NAME_OR_PATH, --data DIR or --verbose\n",
                   arg.c_str());
      return false;
    }
  }
  if (options.scenario.empty()) options.scenario = DefaultScenario(options.set);
  if (options.scenario.empty()) {
    std::fprintf(stderr, "stances_dev: no bundled scenario for set '%s', expected --scenario\n",
                 options.set.c_str());
    return false;
  }
  return true;
}

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseOptions(argc, argv, options)) return 2;
  const bool verbose = options.verbose;
  const fs::path dev = options.data / options.set;
  const fs::path gold_path = dev / "gold.json";
  if (!fs::exists(gold_path) || !fs::is_directory(dev / "text")) {
    std::printf("stances_dev: skipped, no %s or %s\n", gold_path.c_str(), (dev / "text").c_str());
    return 0;
  }
  const Clock::time_point load_start = Clock::now();
  parley::Result<parley::StanceGold> gold = parley::LoadStanceGold(gold_path.string());
  if (!gold.ok()) {
    std::fprintf(stderr, "stances_dev: %s\n", gold.status().message().c_str());
    return 1;
  }
  auto pipeline = parley::StancePipeline::Load(options.scenario, parley::ScenarioSearchPath(""), "");
  if (!pipeline.ok()) {
    std::fprintf(stderr, "stances_dev: %s\n", pipeline.status().message().c_str());
    return 1;
  }
  const parley::Status known = parley::CheckStanceGold(*gold, (*pipeline)->scenario());
  if (!known.ok()) std::fprintf(stderr, "stances_dev: warning: %s\n", known.message().c_str());
  const double load_seconds = SecondsSince(load_start);

  // Gold articles come sorted by id, which is the sorted page file name the split is over.
  std::vector<std::string> inputs;
  std::map<std::string, std::string> tuning, validation;
  for (const parley::GoldArticle& article : gold->articles) {
    const fs::path page = dev / "text" / article.id;
    if (!fs::exists(page)) {
      std::fprintf(stderr, "stances_dev: %s: no page text, left out\n", page.c_str());
      continue;
    }
    auto& part = IsValidation(inputs.size()) ? validation : tuning;
    part.emplace(article.id, ReadFile(page));
    inputs.push_back(page.string());
  }

  const Clock::time_point analyse_start = Clock::now();
  const parley::Corpus corpus = parley::AnalyzeCorpus(
      inputs, (*pipeline)->extractor(), (*pipeline)->stances(), {},
      [](const parley::InputError& error) {
        std::fprintf(stderr, "stances_dev: %s\n", error.Message().c_str());
      },
      nullptr);
  const double analyse_seconds = SecondsSince(analyse_start);

  std::printf("stances_dev: %s, scenario %s, %zu pages, %zu statements\n", dev.c_str(),
              options.scenario.c_str(), inputs.size(), corpus.statements.size());
  const StanceScore tuning_score = parley::ScoreStances(*gold, corpus.statements, tuning);
  const StanceScore validation_score = parley::ScoreStances(*gold, corpus.statements, validation);
  PrintPart("tuning", "page file names sorted, index i with i % 7 not 3 or 6", tuning_score,
            tuning.size(), Errors::kShown, verbose);
  PrintPart("validation", "page file names sorted, index i with i % 7 == 3 or 6", validation_score,
            validation.size(), Errors::kHidden, verbose);

  const int predicted = tuning_score.total.predicted + validation_score.total.predicted;
  const int verbatim = tuning_score.verbatim + validation_score.verbatim;
  std::printf(
      "\nstances_dev: tuning recall %s precision %s | validation recall %s precision %s"
      " | evidence verbatim %d/%d\n",
      Ratio(tuning_score.total.hit, tuning_score.total.gold).c_str(),
      Ratio(tuning_score.total.right, tuning_score.total.predicted).c_str(),
      Ratio(validation_score.total.hit, validation_score.total.gold).c_str(),
      Ratio(validation_score.total.right, validation_score.total.predicted).c_str(), verbatim,
      predicted);
  std::printf(
      "stances_dev: elapsed %.2f s load (scenario, dictionaries, gold), %.2f s analyse "
      "(%.0f pages/s, 1 thread; machine has %u hardware threads)\n",
      load_seconds, analyse_seconds, inputs.size() / std::max(analyse_seconds, 1e-9),
      std::thread::hardware_concurrency());
  if (verbatim != predicted) {
    std::printf("stances_dev: FAILED: %d evidence strings are not verbatim in their pages\n",
                predicted - verbatim);
    return 1;
  }
  return 0;
}
