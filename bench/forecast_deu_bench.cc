// Accuracy and calibration of every forecast model on the DEU III dev decisions (real EU Council
// decisions with known outcomes), out of time: each year of introduction is forecast by models
// fitted only on the years before it (forward chaining), never by shuffled folds, because a
// model fitted on shuffled folds learns the period and not the procedure. Per model: mean
// absolute error, and the coverage and mean width of the band the engine draws: the point
// forecast +- error_scale x (spread of positions + kErrorSpreadFloor), error_scale being the 80%
// split-conformal quantile of |error| / (spread + floor) on the earlier years.
//
//   forecast_deu_bench [--data FILE] [--write-calibration FILE]
//
// Data: $PARLEY_SHARED_DATA/forecast/deu-dev.tsv unless --data is given. --write-calibration
// writes the calibration file the engine reads (data/forecast/calibration.tsv).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "parley/forecast.h"

namespace fc = parley::forecast;

namespace {

constexpr double kCoverage = 0.8;  // the share of outcomes the p10-p90 band should hold

std::string DataDir() {
  const char* env = std::getenv("PARLEY_SHARED_DATA");
  return env ? env : std::string(PARLEY_SOURCE_DIR) + "/../shared/data";
}

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "forecast_deu_bench: %s\n", message.c_str());
  std::exit(1);
}

// Forecasts of one model on every decision; exits on an error (the data set is fixed).
std::vector<double> ModelForecasts(const std::vector<fc::DeuDecision>& decisions, fc::Model model) {
  fc::ForecastOptions options;
  options.record_moves = false;
  std::vector<double> forecasts;
  for (const fc::DeuDecision& decision : decisions) {
    auto result = fc::Forecast(decision.problem, model, options);
    if (!result.ok()) Fail(result.status().message());
    forecasts.push_back(result->front().forecast);
  }
  return forecasts;
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
    if (!parts.ok()) Fail(parts.status().message());
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

// Split-conformal quantile: the ceil((n + 1) * coverage)-th smallest score, so that a new score
// exchangeable with these falls below it with probability >= coverage; the whole scale when
// there are too few scores.
double ConformalQuantile(std::vector<double> errors) {
  size_t rank = static_cast<size_t>(std::ceil((errors.size() + 1) * kCoverage));
  if (errors.empty() || rank > errors.size()) return 100;
  std::nth_element(errors.begin(), errors.begin() + (rank - 1), errors.end());
  return errors[rank - 1];
}

// One forward-chaining step: decisions of `test` forecast by models fitted on `train`.
struct Split {
  int year = 0;
  std::vector<size_t> train;  // every decision introduced before `year`
  std::vector<size_t> test;   // the decisions introduced in `year`
};

// Every year but the first is a test year; decisions without a year are left out.
std::vector<Split> ForwardChain(const std::vector<fc::DeuDecision>& decisions) {
  std::set<int> years;
  for (const auto& decision : decisions) {
    if (decision.year > 0) years.insert(decision.year);
  }
  std::vector<Split> splits;
  for (int year : years) {
    if (year == *years.begin()) continue;
    Split split{year, {}, {}};
    for (size_t i = 0; i < decisions.size(); ++i) {
      if (decisions[i].year <= 0) continue;
      if (decisions[i].year < year) split.train.push_back(i);
      if (decisions[i].year == year) split.test.push_back(i);
    }
    splits.push_back(std::move(split));
  }
  return splits;
}

// What a model's error is scaled by on each decision: the spread of positions plus the floor.
std::vector<double> ErrorUnits(const std::vector<fc::DeuDecision>& decisions) {
  std::vector<double> units;
  for (const fc::DeuDecision& decision : decisions) {
    auto spread = fc::PositionSpread(decision.problem, 0);
    if (!spread.ok()) Fail(spread.status().message());
    units.push_back(*spread + fc::kErrorSpreadFloor);
  }
  return units;
}

// A model's out-of-time record: its forecast of every test decision and the band half-width
// calibrated on the years before.
struct OutOfTime {
  std::string name;
  std::vector<double> forecast;  // per decision; meaningful on test rows
  std::vector<double> half_width;
  std::vector<size_t> rows;  // the test decisions, in split order
};

// `fit(train, rows, out)` writes forecasts of `rows` from a model fitted on `train`.
// For a fitted model (the ensemble) the errors on the earlier years are those of its fit on them.
template <typename Fit>
OutOfTime Evaluate(const std::string& name, const std::vector<Split>& splits,
                   const std::vector<double>& outcomes, const std::vector<double>& units,
                   Fit fit) {
  OutOfTime result{name, std::vector<double>(outcomes.size(), 0),
                   std::vector<double>(outcomes.size(), 0), {}};
  for (const Split& split : splits) {
    std::vector<double> past(outcomes.size(), 0);
    fit(split.train, split.train, past);
    std::vector<double> scores;
    for (size_t row : split.train) scores.push_back(std::abs(past[row] - outcomes[row]) / units[row]);
    double scale = ConformalQuantile(scores);
    fit(split.train, split.test, result.forecast);
    for (size_t row : split.test) {
      result.half_width[row] = scale * units[row];
      result.rows.push_back(row);
    }
  }
  return result;
}

struct Scores {
  double mae = 0;
  double coverage = 0;
  double width = 0;
};

Scores Score(const OutOfTime& model, const std::vector<double>& outcomes) {
  Scores scores;
  for (size_t row : model.rows) {
    double point = model.forecast[row];
    double low = std::max(0.0, point - model.half_width[row]);
    double high = std::min(100.0, point + model.half_width[row]);
    scores.mae += std::abs(point - outcomes[row]);
    scores.coverage += outcomes[row] >= low && outcomes[row] <= high;
    scores.width += high - low;
  }
  double n = model.rows.size();
  return {scores.mae / n, scores.coverage / n, scores.width / n};
}

// Mean of |error of a| - |error of b| over the test decisions, and its standard error with the
// decisions of one proposal as one cluster: issues of one proposal are decided together, so
// their errors are not independent (cluster-robust variance, Liang & Zeger 1986).
std::pair<double, double> PairedDifference(const OutOfTime& a, const OutOfTime& b,
                                           const std::vector<double>& outcomes,
                                           const std::vector<fc::DeuDecision>& decisions) {
  std::vector<double> differences(outcomes.size(), 0);
  double mean = 0;
  for (size_t row : a.rows) {
    differences[row] = std::abs(a.forecast[row] - outcomes[row]) -
                       std::abs(b.forecast[row] - outcomes[row]);
    mean += differences[row] / a.rows.size();
  }
  std::map<std::string, double> cluster_sums;
  for (size_t row : a.rows) cluster_sums[decisions[row].proposal] += differences[row] - mean;
  double variance = 0;
  for (const auto& [proposal, sum] : cluster_sums) variance += sum * sum;
  double n = a.rows.size();
  double clusters = cluster_sums.size();
  // The small-sample factor G / (G - 1) of the cluster-robust estimator.
  if (clusters > 1) variance *= clusters / (clusters - 1);
  return {mean, std::sqrt(variance) / n};
}

struct Options {
  std::string data;
  std::string calibration_out;
};

Options ParseArguments(int argc, char** argv) {
  Options options;
  options.data = DataDir() + "/forecast/deu-dev.tsv";
  for (int i = 1; i < argc; ++i) {
    bool has_value = i + 1 < argc;
    if (std::strcmp(argv[i], "--data") == 0 && has_value) {
      options.data = argv[++i];
    } else if (std::strcmp(argv[i], "--write-calibration") == 0 && has_value) {
      options.calibration_out = argv[++i];
    } else {
      Fail(std::string("unknown argument '") + argv[i] +
           "', expected --data FILE or --write-calibration FILE");
    }
  }
  return options;
}

void WriteCalibration(const std::string& path, const std::vector<OutOfTime>& models,
                      const std::vector<double>& outcomes, const std::vector<double>& units,
                      const std::string& headline, const std::string& data) {
  std::ofstream out(path);
  if (!out) Fail(path + ": cannot write");
  out << "# Out-of-time error of each forecast model on DEU dev (" << data.substr(data.rfind('/') + 1)
      << ", forward chaining by year of\n"
      << "# introduction). Written by bench/forecast_deu_bench --write-calibration; read by the\n"
      << "# forecast engine (docs/forecast.md, \"What to trust\"). error_scale: the split-conformal\n"
      << "# 80% quantile of |out-of-time error| / (spread of positions + 10); a band's half-width is\n"
      << "# error_scale x (spread + 10) points. mae, coverage, width: out of time on the decisions.\n"
      << "# headline: the model demo, analyze, the report and the dashboard lead with.\n"
      << "model\terror_scale\tmae\tcoverage\twidth\tdecisions\theadline\n";
  char line[160];
  for (const OutOfTime& model : models) {
    std::vector<double> scores;
    for (size_t row : model.rows) {
      scores.push_back(std::abs(model.forecast[row] - outcomes[row]) / units[row]);
    }
    Scores out_of_time = Score(model, outcomes);
    std::snprintf(line, sizeof line, "%s\t%.3f\t%.2f\t%.3f\t%.1f\t%zu\t%s\n", model.name.c_str(),
                  ConformalQuantile(scores), out_of_time.mae, out_of_time.coverage,
                  out_of_time.width, model.rows.size(), model.name == headline ? "yes" : "no");
    out << line;
  }
  std::printf("calibration written to %s\n", path.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  Options options = ParseArguments(argc, argv);
  std::ifstream file(options.data);
  if (!file) {
    std::printf("forecast_deu_bench: %s not found, skipped\n", options.data.c_str());
    return 0;
  }
  std::stringstream buffer;
  buffer << file.rdbuf();
  auto parsed = fc::ParseDeuTsv(buffer.str(), options.data);
  if (!parsed.ok()) Fail(parsed.status().message());
  const std::vector<fc::DeuDecision>& decisions = *parsed;
  std::vector<double> outcomes;
  for (const auto& decision : decisions) outcomes.push_back(decision.outcome);
  std::vector<Split> splits = ForwardChain(decisions);
  std::vector<double> units = ErrorUnits(decisions);
  if (splits.empty()) Fail(options.data + ": fewer than two years of introduction");

  std::printf("DEU dev: %zu decisions with an outcome (%s)\n", decisions.size(),
              options.data.c_str());
  std::printf("forward chaining: fit on the years before, test on the year\n");
  for (const Split& split : splits) {
    std::printf("  test %d: %zu decisions, fitted on %zu\n", split.year, split.test.size(),
                split.train.size());
  }

  // Every model but the ensemble has no parameter fitted on DEU: its forecasts stand as they are.
  std::vector<OutOfTime> models;
  for (fc::Model model : fc::AllModels()) {
    std::string name(fc::ModelName(model));
    if (model == fc::Model::kEnsemble) {
      Inputs inputs = EnsembleInputs(decisions);
      models.push_back(Evaluate(name, splits, outcomes, units,
                                [&](const std::vector<size_t>& train,
                                    const std::vector<size_t>& rows, std::vector<double>& out) {
                                  FitAndPredict(decisions, inputs, outcomes, train, rows, out);
                                }));
    } else {
      std::vector<double> forecasts = ModelForecasts(decisions, model);
      models.push_back(Evaluate(
          name, splits, outcomes, units,
          [&](const std::vector<size_t>&, const std::vector<size_t>& rows,
              std::vector<double>& out) {
            for (size_t row : rows) out[row] = forecasts[row];
          }));
    }
  }
  const OutOfTime& compromise = models.front();
  std::printf("\n%-12s %6s %9s %11s   %s\n", "model", "MAE", "coverage", "mean width",
              "MAE difference to compromise (+- standard error, clustered by proposal)");
  std::string best = compromise.name;
  double best_mae = Score(compromise, outcomes).mae;
  for (const OutOfTime& model : models) {
    Scores scores = Score(model, outcomes);
    auto [difference, error] = PairedDifference(model, compromise, outcomes, decisions);
    std::printf("%-12s %6.2f %9.3f %11.1f   %+.2f +- %.2f\n", model.name.c_str(), scores.mae,
                scores.coverage, scores.width, difference, error);
    // The headline rule: a model replaces compromise only when it beats it by more than two
    // standard errors out of time; a smaller win is not one to trust.
    if (scores.mae < best_mae && difference + 2 * error < 0) {
      best = model.name;
      best_mae = scores.mae;
    }
  }
  const OutOfTime& headline =
      *std::find_if(models.begin(), models.end(), [&](const auto& m) { return m.name == best; });
  Scores headline_scores = Score(headline, outcomes);
  std::printf(
      "\nheadline model (lowest MAE among compromise and the models that beat it by > 2 SE): %s\n"
      "  out of time on %zu decisions: MAE %.2f, p10-p90 coverage %.3f, mean width %.1f\n",
      best.c_str(), headline.rows.size(), headline_scores.mae, headline_scores.coverage,
      headline_scores.width);

  Inputs inputs = EnsembleInputs(decisions);
  std::map<int, Weights> chosen;
  std::vector<size_t> all(decisions.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  std::vector<double> refit(decisions.size(), 0);
  FitAndPredict(decisions, inputs, outcomes, all, all, refit, &chosen);
  std::printf("\nensemble weights fitted on all of dev (compromise / mean / nash; ensemble.cc):\n");
  for (const auto& [group, weights] : chosen) {
    std::printf("  %-15s %.2f / %.2f / %.2f\n", kGroupNames[group], weights.compromise,
                weights.mean, weights.nash);
  }
  if (!options.calibration_out.empty()) {
    WriteCalibration(options.calibration_out, models, outcomes, units, best, options.data);
  }
  return 0;
}
