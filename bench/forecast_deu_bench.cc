// Accuracy of every forecast model on the DEU III dev decisions (real EU Council decisions with
// known outcomes): mean absolute error on the 0-100 scale, the fit of the ensemble's blend
// weights, and their cross-validation with folds grouped by proposal, so that the issues of one
// proposal never sit on both sides of a split. Data: $PARLEY_SHARED_DATA/forecast/deu-dev.tsv.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
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

double Mae(const std::vector<double>& forecasts, const std::vector<double>& outcomes,
           const std::vector<size_t>& rows) {
  if (rows.empty()) return 0;
  double total = 0;
  for (size_t row : rows) total += std::abs(forecasts[row] - outcomes[row]);
  return total / rows.size();
}

std::vector<size_t> AllRows(size_t n) {
  std::vector<size_t> rows(n);
  for (size_t i = 0; i < n; ++i) rows[i] = i;
  return rows;
}

// Forecasts of one model on every decision; exits on an error (the data set is fixed).
std::vector<double> ModelForecasts(const std::vector<fc::DeuDecision>& decisions, fc::Model model) {
  fc::ForecastOptions options;
  options.record_moves = false;
  std::vector<double> forecasts;
  for (const fc::DeuDecision& decision : decisions) {
    auto result = fc::Forecast(decision.problem, model, options);
    if (!result.ok()) {
      std::fprintf(stderr, "forecast_deu_bench: %s\n", result.status().message().c_str());
      std::exit(1);
    }
    forecasts.push_back(result->front().forecast);
  }
  return forecasts;
}

// The same decisions without their procedure, as a positions document or a KTAB file gives them.
std::vector<fc::DeuDecision> WithoutProcedure(std::vector<fc::DeuDecision> decisions) {
  for (fc::DeuDecision& decision : decisions) {
    decision.problem.issues[0].voting_rule.reset();
    decision.problem.issues[0].second_chamber_veto.reset();
  }
  return decisions;
}

// The ensemble's three inputs on every decision.
struct Inputs {
  std::vector<double> compromise;
  std::vector<double> mean;
  std::vector<double> nash;
};

Inputs EnsembleInputs(const std::vector<fc::DeuDecision>& decisions) {
  Inputs inputs;
  for (const fc::DeuDecision& decision : decisions) {
    auto parts = fc::EnsembleInputs(decision.problem, 0);
    if (!parts.ok()) {
      std::fprintf(stderr, "forecast_deu_bench: %s\n", parts.status().message().c_str());
      std::exit(1);
    }
    inputs.compromise.push_back(parts->compromise);
    inputs.mean.push_back(parts->mean);
    inputs.nash.push_back(parts->nash);
  }
  return inputs;
}

struct Weights {
  double compromise = 0;
  double mean = 0;
  double nash = 0;
};

double Blend(const Inputs& inputs, const Weights& weights, size_t row) {
  return weights.compromise * inputs.compromise[row] + weights.mean * inputs.mean[row] +
         weights.nash * inputs.nash[row];
}

// The weights on a 0.05 grid (summing to 1) with the least absolute error on `rows`; the first
// such point in grid order on ties, so the choice is deterministic.
Weights FitWeights(const Inputs& inputs, const std::vector<double>& outcomes,
                   const std::vector<size_t>& rows) {
  constexpr int kSteps = 20;
  Weights best;
  double best_error = 1e300;
  for (int c = 0; c <= kSteps; ++c) {
    for (int m = 0; c + m <= kSteps; ++m) {
      Weights weights{c / double(kSteps), m / double(kSteps), (kSteps - c - m) / double(kSteps)};
      double error = 0;
      for (size_t row : rows) error += std::abs(Blend(inputs, weights, row) - outcomes[row]);
      if (error < best_error - 1e-9) {
        best_error = error;
        best = weights;
      }
    }
  }
  return best;
}

// Which weight set a decision uses: its voting rule (unanimity, majority, or none given).
int GroupOf(const fc::DeuDecision& decision) {
  const auto& rule = decision.problem.issues[0].voting_rule;
  if (!rule) return 2;
  return *rule == fc::VotingRule::kUnanimity ? 0 : 1;
}
const char* kGroupNames[] = {"unanimity", "majority", "no voting rule"};

// Fits one weight set per group on `train` and forecasts `rows` with it.
void FitAndPredict(const std::vector<fc::DeuDecision>& decisions, const Inputs& inputs,
                   const std::vector<double>& outcomes, const std::vector<size_t>& train,
                   const std::vector<size_t>& rows, std::vector<double>& forecasts,
                   std::map<int, Weights>* chosen = nullptr) {
  for (int group = 0; group < 3; ++group) {
    std::vector<size_t> group_train;
    for (size_t row : train) {
      if (GroupOf(decisions[row]) == group) group_train.push_back(row);
    }
    if (group_train.empty()) continue;
    Weights weights = FitWeights(inputs, outcomes, group_train);
    if (chosen) (*chosen)[group] = weights;
    for (size_t row : rows) {
      if (GroupOf(decisions[row]) == group) forecasts[row] = Blend(inputs, weights, row);
    }
  }
}

// K-fold cross-validation with folds grouped by proposal: proposals are shuffled with `seed`
// (Fisher-Yates over mt19937, the same on every platform) and dealt to folds in turn.
double CrossValidate(const std::vector<fc::DeuDecision>& decisions, const Inputs& inputs,
                     const std::vector<double>& outcomes, int folds, uint32_t seed) {
  std::vector<std::string> proposals;
  for (const fc::DeuDecision& decision : decisions) proposals.push_back(decision.proposal);
  std::sort(proposals.begin(), proposals.end());
  proposals.erase(std::unique(proposals.begin(), proposals.end()), proposals.end());
  std::mt19937 random(seed);
  for (size_t i = proposals.size(); i > 1; --i)
    std::swap(proposals[i - 1], proposals[random() % i]);
  std::map<std::string, int> fold_of;
  for (size_t i = 0; i < proposals.size(); ++i) fold_of[proposals[i]] = i % folds;
  size_t n = decisions.size();
  std::vector<double> forecasts(n, 0);
  for (int fold = 0; fold < folds; ++fold) {
    std::vector<size_t> train;
    std::vector<size_t> test;
    for (size_t i = 0; i < n; ++i) {
      (fold_of[decisions[i].proposal] == fold ? test : train).push_back(i);
    }
    FitAndPredict(decisions, inputs, outcomes, train, test, forecasts);
  }
  return Mae(forecasts, outcomes, AllRows(n));
}

void PrintCrossValidation(const char* label, const std::vector<fc::DeuDecision>& decisions,
                          const Inputs& inputs, const std::vector<double>& outcomes) {
  constexpr int kRepeats = 10;
  double total = 0;
  double low = 1e300;
  double high = 0;
  for (int repeat = 0; repeat < kRepeats; ++repeat) {
    double mae = CrossValidate(decisions, inputs, outcomes, 10, 1000 + repeat);
    total += mae;
    low = std::min(low, mae);
    high = std::max(high, mae);
  }
  std::printf("%-34s %.2f   (10-fold CV grouped by proposal, mean of %d shuffles, %.2f-%.2f)\n",
              label, total / kRepeats, kRepeats, low, high);
}

}  // namespace

int main() {
  std::string path = DataDir() + "/forecast/deu-dev.tsv";
  std::ifstream file(path);
  if (!file) {
    std::printf("forecast_deu_bench: %s not found, skipped\n", path.c_str());
    return 0;
  }
  std::stringstream buffer;
  buffer << file.rdbuf();
  auto parsed = fc::ParseDeuTsv(buffer.str(), path);
  if (!parsed.ok()) {
    std::fprintf(stderr, "forecast_deu_bench: %s\n", parsed.status().message().c_str());
    return 1;
  }
  const std::vector<fc::DeuDecision>& decisions = *parsed;
  std::vector<fc::DeuDecision> bare = WithoutProcedure(decisions);
  size_t n = decisions.size();
  std::vector<double> outcomes;
  for (const auto& decision : decisions) outcomes.push_back(decision.outcome);
  std::vector<size_t> all = AllRows(n);
  std::vector<size_t> by_group[3];
  for (size_t i = 0; i < n; ++i) by_group[GroupOf(decisions[i])].push_back(i);

  std::printf("DEU dev: %zu decisions with an outcome, %zu unanimity, %zu majority (%s)\n", n,
              by_group[0].size(), by_group[1].size(), path.c_str());
  std::printf("%-34s %s   %s\n", "model", "MAE (0-100)", "unanimity / majority");
  auto print = [&](const char* label, const std::vector<double>& forecasts, const char* note) {
    std::printf("%-34s %.2f   %5.2f / %5.2f%s\n", label, Mae(forecasts, outcomes, all),
                Mae(forecasts, outcomes, by_group[0]), Mae(forecasts, outcomes, by_group[1]), note);
  };
  print("always 50", std::vector<double>(n, 50), "");
  for (fc::Model model : fc::AllModels()) {
    if (model == fc::Model::kEnsemble) continue;
    print(std::string(fc::ModelName(model)).c_str(), ModelForecasts(decisions, model), "");
  }
  std::vector<fc::DeuDecision> with_status_quo = decisions;
  for (fc::DeuDecision& decision : with_status_quo) {
    decision.problem.issues[0].status_quo = decision.reference_point;
  }
  print("nash (rp as status quo)", ModelForecasts(with_status_quo, fc::Model::kNash), "");

  Inputs bare_inputs = EnsembleInputs(bare);
  Inputs inputs = EnsembleInputs(decisions);
  print("unweighted mean", bare_inputs.mean, "");
  print("compromise, counting actors only", inputs.compromise,
        "   (proposer out under unanimity, second chamber out when consulted)");
  print("mean, counting actors only", inputs.mean, "");
  print("nash, counting actors only", inputs.nash, "");
  print("ensemble", ModelForecasts(decisions, fc::Model::kEnsemble),
        "   (in-sample: weights were fitted on this set)");
  print("ensemble without procedure info", ModelForecasts(bare, fc::Model::kEnsemble),
        "   (in-sample; as for positions JSON / KTAB inputs)");
  PrintCrossValidation("ensemble (CV)", decisions, inputs, outcomes);
  PrintCrossValidation("ensemble without procedure (CV)", bare, bare_inputs, outcomes);

  std::map<int, Weights> chosen;
  std::vector<double> refit(n, 0);
  FitAndPredict(decisions, inputs, outcomes, all, all, refit, &chosen);
  FitAndPredict(bare, bare_inputs, outcomes, all, all, refit, &chosen);  // group 2 only
  std::printf("weights chosen on all of dev (compromise / mean / nash; copy into ensemble.cc):\n");
  for (const auto& [group, weights] : chosen) {
    std::printf("  %-15s %.2f / %.2f / %.2f\n", kGroupNames[group], weights.compromise,
                weights.mean, weights.nash);
  }
  return 0;
}
