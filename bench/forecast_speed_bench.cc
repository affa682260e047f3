// Speed of the forecast models on one thread: smp on KTAB's 80-actor example, eum with 10000
// Monte Carlo samples, time against the number of actors with the fitted scaling exponent, and
// the what-if latency of re-forecasting one 20-actor issue after one input changes.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "parley/forecast.h"

namespace fc = parley::forecast;

namespace {

std::string DataDir() {
  const char* env = std::getenv("PARLEY_SHARED_DATA");
  return env ? env : std::string(PARLEY_SOURCE_DIR) + "/../shared/data";
}

// Best time of `repeats` runs, in seconds of this process's CPU time: on a shared machine the
// wall clock also counts other people's work. The wall time of that run goes to `wall`.
double BestSeconds(int repeats, const std::function<void()>& run, double* wall = nullptr) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu_start = std::clock();
    run();
    double cpu = double(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (cpu < best && wall) *wall = seconds;
    best = std::min(best, cpu);
  }
  return best;
}

// A reproducible synthetic scenario: `actors` actors on `dims` issues, positions and saliences
// from a fixed linear congruential sequence.
fc::Problem SyntheticProblem(int actors, int dims, uint32_t seed) {
  uint32_t state = seed;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) / double(1u << 24);
  };
  fc::Problem problem;
  problem.scenario = "synthetic";
  problem.source = "synthetic";
  for (int d = 0; d < dims; ++d)
    problem.issues.push_back({"dim" + std::to_string(d + 1), "", {}, {}});
  for (int a = 0; a < actors; ++a) {
    problem.actors.push_back({"A" + std::to_string(a), "", 10 + 190 * next(), 0});
    double budget = 0.75 + 0.24 * next();  // KTAB-style: saliences sum to at most 100
    for (int d = 0; d < dims; ++d) {
      double position = 100 * next();
      double salience = 100 * budget / dims;
      problem.issues[d].stances.push_back({a, position, position, position, salience});
    }
  }
  return problem;
}

double Run(const fc::Problem& problem, fc::Model model, const fc::ForecastOptions& options) {
  auto result = fc::Forecast(problem, model, options);
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().message().c_str());
    std::exit(1);
  }
  return result->front().forecast;
}

void KtabExample(const fc::ForecastOptions& options) {
  std::string path = DataDir() + "/forecast/ktab/dummyData-a080.csv";
  std::ifstream file(path);
  if (!file) {
    std::printf("smp on dummyData-a080.csv: %s not found, skipped\n", path.c_str());
    return;
  }
  std::stringstream text;
  text << file.rdbuf();
  auto problem = fc::ParseKtabCsv(text.str(), path);
  if (!problem.ok()) {
    std::printf("%s\n", problem.status().message().c_str());
    return;
  }
  int rounds = 0;
  double wall = 0;
  double seconds = BestSeconds(
      3, [&] { rounds = fc::Forecast(*problem, fc::Model::kSmp, options)->front().rounds; }, &wall);
  std::printf(
      "smp on dummyData-a080.csv (80 actors, %d turns): cpu %.3f s, wall %.3f s "
      "(bar: 0.8 s)\n",
      rounds, seconds, wall);
}

void Scaling(fc::Model model, const fc::ForecastOptions& options, int largest) {
  std::printf("%s, time against actors (2 issues, one run):\n",
              std::string(fc::ModelName(model)).c_str());
  std::vector<double> log_n;
  std::vector<double> log_t;
  for (int actors = 10; actors <= largest; actors *= 2) {
    fc::Problem problem = SyntheticProblem(actors, 2, 7);
    int rounds = 0;
    double seconds = BestSeconds(actors <= 80 ? 3 : 1, [&] {
      rounds = fc::Forecast(problem, model, options)->front().rounds;
    });
    std::printf("  %4d actors  %9.4f s  %3d rounds  %9.5f s/round\n", actors, seconds, rounds,
                seconds / std::max(rounds, 1));
    log_n.push_back(std::log(actors));
    log_t.push_back(std::log(seconds / std::max(rounds, 1)));
  }
  // Least-squares slope of log(time per round) on log(actors).
  double mean_n = 0;
  double mean_t = 0;
  for (size_t i = 0; i < log_n.size(); ++i) {
    mean_n += log_n[i] / log_n.size();
    mean_t += log_t[i] / log_t.size();
  }
  double covariance = 0;
  double variance = 0;
  for (size_t i = 0; i < log_n.size(); ++i) {
    covariance += (log_n[i] - mean_n) * (log_t[i] - mean_t);
    variance += (log_n[i] - mean_n) * (log_n[i] - mean_n);
  }
  std::printf("  measured scaling exponent (time per round ~ actors^k): k = %.2f\n",
              covariance / variance);
}

void EumSamples() {
  fc::Problem problem = SyntheticProblem(30, 1, 11);
  fc::ForecastOptions options;
  options.samples = 10000;
  options.jitter = 5;
  options.record_moves = false;
  double wall = 0;
  double seconds = BestSeconds(
      3, [&] { Run(problem, fc::Model::kEum, options); }, &wall);
  std::printf("eum, 30 actors, --samples 10000 --jitter 5: cpu %.3f s, wall %.3f s (bar: 1 s)\n",
              seconds, wall);
}

void WhatIf() {
  fc::Problem problem = SyntheticProblem(20, 1, 5);
  fc::ForecastOptions options;
  options.record_moves = false;
  std::printf("what-if: re-forecast one issue, 20 actors, after changing one position:\n");
  for (fc::Model model : fc::AllModels()) {
    const int calls = 200;
    double seconds = BestSeconds(3, [&] {
      for (int call = 0; call < calls; ++call) {
        problem.issues[0].stances[call % 20].position = (call * 37) % 101;
        problem.issues[0].stances[call % 20].position_low =
            problem.issues[0].stances[call % 20].position;
        problem.issues[0].stances[call % 20].position_high =
            problem.issues[0].stances[call % 20].position;
        auto result = fc::ForecastIssue(problem, 0, model, options);
        if (!result.ok()) std::exit(1);
      }
    });
    std::printf("  %-10s %8.3f ms per re-forecast (bar: 10 ms)\n",
                std::string(fc::ModelName(model)).c_str(), 1000 * seconds / calls);
  }
}

}  // namespace

// With no argument every section runs; otherwise only the named ones (ktab, eum-samples,
// smp-scaling, eum-scaling, what-if), e.g. for a quick check or a callgrind run.
int main(int argc, char** argv) {
  std::vector<std::string> wanted(argv + 1, argv + argc);
  auto runs = [&](const std::string& section) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), section) != wanted.end();
  };
  fc::ForecastOptions options;
  options.record_moves = false;
  std::printf("forecast speed, one thread, Release (-O2); times are process CPU seconds\n");
  if (runs("ktab")) KtabExample(options);
  if (runs("eum-samples")) EumSamples();
  if (runs("smp-scaling")) Scaling(fc::Model::kSmp, options, 320);
  if (runs("eum-scaling")) Scaling(fc::Model::kEum, options, 320);
  if (runs("what-if")) WhatIf();
  return 0;
}
