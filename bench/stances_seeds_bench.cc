// Scores `stances` on the two seed articles against data/gold/seed-stances.json, and checks
// the positions bar of issue 5 on them.
//
// A statement matches a gold stance of its article when actor and issue agree and the position
// lies within the gold tolerance. Recall = gold stances matched / gold stances; precision =
// statements matching some gold stance / statements. Every evidence string must be found
// verbatim in its article.
//
// Data: $PARLEY_SHARED_DATA (default <source>/../shared/data); seeds in <data>/../seeds.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "parley/pipeline.h"
#include "parley/positions.h"

namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Bar {
  const char* actor;
  const char* issue;
  double low;
  double high;
};

// Issue 5, "Positions on the seeds".
constexpr Bar kPositionBars[] = {{"UKR", "nato", 60, 85},        {"UKR", "territory", 0, 30},
                                 {"UKR", "guarantees", 85, 100}, {"USA", "territory", 60, 90},
                                 {"USA", "guarantees", 75, 100}, {"RUS", "nato", 90, 100},
                                 {"RUS", "territory", 75, 100}};

}  // namespace

int main() {
  const char* env = std::getenv("PARLEY_SHARED_DATA");
  const fs::path data =
      env != nullptr ? fs::path(env) : fs::path(PARLEY_SOURCE_DIR) / ".." / "shared" / "data";
  const fs::path gold_path = data / "gold" / "seed-stances.json";
  const fs::path seeds = data / ".." / "seeds";
  if (!fs::exists(gold_path) || !fs::is_directory(seeds)) {
    std::printf("stances_seeds: skipped, no %s or %s\n", gold_path.c_str(), seeds.c_str());
    return 0;
  }
  auto pipeline = parley::StancePipeline::Load("ukraine-2025", parley::ScenarioSearchPath(""), "");
  if (!pipeline.ok()) {
    std::fprintf(stderr, "stances_seeds: %s\n", pipeline.status().message().c_str());
    return 1;
  }
  const nlohmann::json gold = nlohmann::json::parse(ReadFile(gold_path));
  std::vector<std::string> inputs;
  for (const auto& [name, unused] : gold["articles"].items()) {
    inputs.push_back((seeds / name).string());
  }
  const parley::Corpus corpus = parley::AnalyzeCorpus(
      inputs, (*pipeline)->extractor(), (*pipeline)->stances(), {},
      [](const parley::InputError& error) {
        std::fprintf(stderr, "stances_seeds: %s\n", error.Message().c_str());
      },
      nullptr);

  int gold_total = 0, gold_matched = 0, statements = 0, correct = 0, verbatim = 0;
  for (const auto& [name, article] : gold["articles"].items()) {
    const std::string text = ReadFile(seeds / name);
    auto matches = [&](const parley::Statement& s, const nlohmann::json& g) {
      return s.actor == g["actor"] && s.issue == g["issue"] &&
             std::fabs(s.position - g["position"].get<double>()) <=
                 g["tolerance"].get<double>() + 1e-9;
    };
    std::vector<const parley::Statement*> own;
    for (const parley::Statement& s : corpus.statements) {
      if (fs::path(s.doc).filename() == name) own.push_back(&s);
    }
    for (const auto& g : article["stances"]) {
      ++gold_total;
      bool found = false;
      for (const parley::Statement* s : own) found = found || matches(*s, g);
      gold_matched += found;
      if (!found) {
        std::printf("  missed  %s %s %s %.0f\n", name.c_str(),
                    g["actor"].get<std::string>().c_str(), g["issue"].get<std::string>().c_str(),
                    g["position"].get<double>());
      }
    }
    for (const parley::Statement* s : own) {
      ++statements;
      bool ok = false;
      for (const auto& g : article["stances"]) ok = ok || matches(*s, g);
      correct += ok;
      verbatim += text.find(s->evidence) != std::string::npos;
      if (!ok) {
        std::printf("  extra   %s %s %s %.0f %s\n", name.c_str(), s->actor.c_str(),
                    s->issue.c_str(), s->position, std::string(StanceKindName(s->kind)).c_str());
      }
    }
  }
  const double recall = gold_total ? static_cast<double>(gold_matched) / gold_total : 0;
  const double precision = statements ? static_cast<double>(correct) / statements : 0;
  std::printf("stances_seeds: %d gold stances, %d statements\n", gold_total, statements);
  std::printf(
      "stances_seeds: recall %.3f (bar 0.85), precision %.3f (bar 0.75), evidence "
      "verbatim %d/%d\n",
      recall, precision, verbatim, statements);

  const parley::PositionMatrix matrix =
      parley::BuildPositions((*pipeline)->scenario(), corpus.statements);
  int bars_met = 0;
  for (const Bar& bar : kPositionBars) {
    const parley::PositionCell* cell = nullptr;
    for (const auto& c : matrix.cells) {
      if (c.actor == bar.actor && c.issue == bar.issue) cell = &c;
    }
    const bool met = cell != nullptr && cell->basis == parley::CellBasis::kEvidence &&
                     cell->position >= bar.low && cell->position <= bar.high &&
                     !cell->evidence.empty();
    bars_met += met;
    std::printf(
        "  positions %s %-10s %6s  bar %3.0f-%3.0f  %s\n", bar.actor, bar.issue,
        cell ? std::to_string(static_cast<int>(std::lround(cell->position))).c_str() : "empty",
        bar.low, bar.high, met ? "ok" : "MISSED");
  }
  std::printf("stances_seeds: positions bars met %d/%zu\n", bars_met, std::size(kPositionBars));
  return 0;
}
