// Accuracy of every forecast model on the DEU III dev decisions (real EU Council decisions with
// known outcomes): mean absolute error on the 0-100 scale, plus the cross-validated error of the
// ensemble's weight selection. Data: $PARLEY_SHARED_DATA/forecast/deu-dev.tsv.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
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

// The base models the ensemble blends, in the order of its weights, followed by the
// unweighted mean of the positions (kBaseNames.back()).
const std::vector<fc::Model> kBase = {fc::Model::kCompromise, fc::Model::kMedian, fc::Model::kNash,
                                      fc::Model::kEum, fc::Model::kSmp};
const std::vector<std::string> kBaseNames = {"compromise", "median", "nash",
                                             "eum",        "smp",    "unweighted mean"};

double UnweightedMean(const fc::Problem& problem) {
  double total = 0;
  for (const fc::Stance& stance : problem.issues[0].stances) total += stance.position;
  return total / problem.issues[0].stances.size();
}

double Mae(const std::vector<double>& forecasts, const std::vector<double>& outcomes,
           const std::vector<size_t>& rows) {
  double total = 0;
  for (size_t row : rows) total += std::abs(forecasts[row] - outcomes[row]);
  return total / rows.size();
}

// Every weight vector over kBase on a 0.1 grid that sums to 1.
std::vector<std::vector<double>> WeightGrid() {
  std::vector<std::vector<double>> grid;
  std::vector<int> w(kBaseNames.size(), 0);
  auto recurse = [&](auto&& self, size_t index, int left) -> void {
    if (index + 1 == w.size()) {
      w[index] = left;
      std::vector<double> weights;
      for (int tenths : w) weights.push_back(tenths / 10.0);
      grid.push_back(weights);
      return;
    }
    for (int tenths = 0; tenths <= left; ++tenths) {
      w[index] = tenths;
      self(self, index + 1, left - tenths);
    }
  };
  recurse(recurse, 0, 10);
  return grid;
}

std::vector<double> Blend(const std::vector<std::vector<double>>& base,
                          const std::vector<double>& weights) {
  std::vector<double> blended(base[0].size(), 0);
  for (size_t m = 0; m < base.size(); ++m) {
    for (size_t row = 0; row < blended.size(); ++row) blended[row] += weights[m] * base[m][row];
  }
  return blended;
}

const std::vector<double>& BestWeights(const std::vector<std::vector<double>>& base,
                                       const std::vector<double>& outcomes,
                                       const std::vector<size_t>& rows,
                                       const std::vector<std::vector<double>>& grid) {
  size_t best = 0;
  double best_mae = 1e300;
  for (size_t g = 0; g < grid.size(); ++g) {
    double mae = Mae(Blend(base, grid[g]), outcomes, rows);
    if (mae < best_mae - 1e-12) {
      best_mae = mae;
      best = g;
    }
  }
  return grid[best];
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
  auto decisions = fc::ParseDeuTsv(buffer.str(), path);
  if (!decisions.ok()) {
    std::fprintf(stderr, "forecast_deu_bench: %s\n", decisions.status().message().c_str());
    return 1;
  }
  size_t n = decisions->size();
  std::vector<double> outcomes;
  for (const auto& decision : *decisions) outcomes.push_back(decision.outcome);
  std::vector<size_t> all(n);
  for (size_t i = 0; i < n; ++i) all[i] = i;

  fc::ForecastOptions options;
  options.record_moves = false;
  std::vector<std::vector<double>> base(kBaseNames.size(), std::vector<double>(n));
  for (size_t m = 0; m < kBase.size(); ++m) {
    for (size_t i = 0; i < n; ++i) {
      auto forecast = fc::Forecast((*decisions)[i].problem, kBase[m], options);
      if (!forecast.ok()) {
        std::fprintf(stderr, "%s\n", forecast.status().message().c_str());
        return 1;
      }
      base[m][i] = forecast->front().forecast;
    }
  }
  for (size_t i = 0; i < n; ++i) base.back()[i] = UnweightedMean((*decisions)[i].problem);
  // Nash with DEU's reference point as the status quo, where the table gives one.
  std::vector<double> nash_sq(n);
  for (size_t i = 0; i < n; ++i) {
    fc::Problem problem = (*decisions)[i].problem;
    problem.issues[0].status_quo = (*decisions)[i].reference_point;
    nash_sq[i] = fc::Forecast(problem, fc::Model::kNash, options)->front().forecast;
  }
  std::vector<double> ensemble(n);
  for (size_t i = 0; i < n; ++i) {
    ensemble[i] =
        fc::Forecast((*decisions)[i].problem, fc::Model::kEnsemble, options)->front().forecast;
  }

  std::printf("DEU dev: %zu decisions with an outcome (%s)\n", n, path.c_str());
  std::printf("%-26s %s\n", "model", "MAE (0-100)");
  std::printf("%-26s %.2f\n", "always 50", Mae(std::vector<double>(n, 50), outcomes, all));
  for (size_t m = 0; m < kBaseNames.size(); ++m) {
    std::printf("%-26s %.2f\n", kBaseNames[m].c_str(), Mae(base[m], outcomes, all));
  }
  std::printf("%-26s %.2f\n", "nash (rp as status quo)", Mae(nash_sq, outcomes, all));
  std::printf("%-26s %.2f   (in-sample: weights were fitted on this set)\n", "ensemble",
              Mae(ensemble, outcomes, all));

  // Cross-validation of the weight selection: 10 contiguous folds in table order (decisions of
  // one proposal stay together); in each, choose the grid weights on the other nine folds and
  // score them on the held-out one.
  auto grid = WeightGrid();
  const size_t folds = 10;
  std::vector<double> cv_forecast(n);
  for (size_t fold = 0; fold < folds; ++fold) {
    size_t begin = fold * n / folds;
    size_t end = (fold + 1) * n / folds;
    std::vector<size_t> train;
    for (size_t i = 0; i < n; ++i) {
      if (i < begin || i >= end) train.push_back(i);
    }
    const std::vector<double>& weights = BestWeights(base, outcomes, train, grid);
    std::vector<double> blended = Blend(base, weights);
    for (size_t i = begin; i < end; ++i) cv_forecast[i] = blended[i];
  }
  std::printf("%-26s %.2f   (10-fold CV of the weight selection)\n", "ensemble (CV)",
              Mae(cv_forecast, outcomes, all));
  const std::vector<double>& chosen = BestWeights(base, outcomes, all, grid);
  std::printf("weights chosen on all of dev (in-sample MAE %.2f):",
              Mae(Blend(base, chosen), outcomes, all));
  for (size_t m = 0; m < kBaseNames.size(); ++m) {
    std::printf(" %s=%.1f", kBaseNames[m].c_str(), chosen[m]);
  }
  std::printf("\n");
  return 0;
}
