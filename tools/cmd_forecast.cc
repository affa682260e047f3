// `parley forecast`: bargaining forecasts from positions documents or KTAB scenario CSVs.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.h"
#include "parley/forecast.h"
#include "parley/parallel.h"

namespace parley::cli {
namespace {

namespace fc = parley::forecast;

struct ForecastCommandOptions {
  std::vector<std::string> inputs;
  std::string model = "all";
  int samples = 0;
  uint64_t seed = 1;
  double jitter = 0;
  std::optional<double> threshold;
  bool sensitivity = false;
  int max_rounds = 100;
  int max_moves_shown = 12;
  std::string calibration_path;  // empty: forecast::DefaultCalibrationPath()
  fc::Calibration calibration;
};

// What one input file produced: its output text, or the error that stopped it.
struct FileResult {
  std::string output;
  std::string error;
};

// Files of a directory (recursively, sorted) whose extension parley forecast reads; plain file
// arguments are kept whatever their extension, so a wrong one gets a clear error.
Result<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code error;
    if (!std::filesystem::is_directory(input, error)) {
      files.push_back(input);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = std::filesystem::recursive_directory_iterator(input, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      std::string extension = it->path().extension().string();
      if (it->is_regular_file() && (extension == ".csv" || extension == ".json")) {
        found.push_back(it->path().string());
      }
    }
    if (error) return IoError(input + ": cannot list directory: " + error.message());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

double Rounded(double value) { return std::round(value * 1e4) / 1e4; }

std::string Fixed(double value, int decimals = 1) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

// "RUS, USA": the actors whose stances are priors or unmarked overrides.
std::string PriorActors(const fc::Problem& problem, const fc::IssueForecast& forecast) {
  std::string text;
  for (int actor : forecast.evidence.priors) {
    text += (text.empty() ? "" : ", ") + problem.actors[actor].id;
  }
  return text;
}

std::string JsonLine(const fc::Problem& problem, const fc::IssueForecast& forecast,
                     fc::Model headline) {
  nlohmann::ordered_json line;
  line["scenario"] = problem.scenario;
  line["issue"] = forecast.issue;
  line["model"] = fc::ModelName(forecast.model);
  if (forecast.model == headline) line["headline"] = true;
  if (!forecast.evidence.enough) {
    line["forecast"] = nullptr;
    line["not_enough_evidence"] = forecast.evidence.missing;
    return line.dump() + "\n";
  }
  if (!forecast.evidence.priors.empty()) {
    nlohmann::ordered_json priors = nlohmann::ordered_json::array();
    for (int actor : forecast.evidence.priors) priors.push_back(problem.actors[actor].id);
    line["leans_on_priors"] = std::move(priors);
  }
  line["forecast"] = Rounded(forecast.forecast);
  line["p10"] = Rounded(forecast.p10);
  line["p50"] = Rounded(forecast.p50);
  line["p90"] = Rounded(forecast.p90);
  if (forecast.probability_above) line["probability_above"] = Rounded(*forecast.probability_above);
  line["rounds"] = forecast.rounds;
  nlohmann::ordered_json positions = nlohmann::ordered_json::object();
  for (const auto& [actor, position] : forecast.final_positions) {
    positions[problem.actors[actor].id] = Rounded(position);
  }
  line["final_positions"] = std::move(positions);
  if (!forecast.sensitivities.empty()) {
    nlohmann::ordered_json sensitivity = nlohmann::ordered_json::array();
    for (const fc::Sensitivity& item : forecast.sensitivities) {
      sensitivity.push_back({{"actor", problem.actors[item.actor].id},
                             {"swing", Rounded(item.swing)},
                             {"input", item.input}});
    }
    line["sensitivity"] = std::move(sensitivity);
  }
  return line.dump() + "\n";
}

// "round 2: NEA 20.0 -> 39.7 toward XJ (capitulation)".
std::string DescribeMoves(const fc::Problem& problem, const fc::IssueForecast& forecast,
                          int max_shown) {
  if (forecast.moves.empty()) return "";
  std::string text = "  dynamics of " + std::string(fc::ModelName(forecast.model)) + " on " +
                     forecast.issue + " (" + std::to_string(forecast.rounds) +
                     (forecast.rounds == 1 ? " round):\n" : " rounds):\n");
  int shown = 0;
  for (const fc::Move& move : forecast.moves) {
    if (shown++ == max_shown) {
      text += "    ... " + std::to_string(forecast.moves.size() - max_shown) + " more moves\n";
      break;
    }
    text += "    round " + std::to_string(move.round) + ": " + problem.actors[move.actor].id + " " +
            Fixed(move.from) + " -> " + Fixed(move.to) + " toward " +
            problem.actors[move.toward].id + " (" + std::string(fc::MoveReasonName(move.reason)) +
            ")\n";
  }
  return text;
}

std::string DescribeSensitivity(const fc::Problem& problem, const fc::IssueForecast& forecast) {
  if (forecast.sensitivities.empty()) return "";
  std::string text = "  most influential on " + forecast.issue + " (" +
                     std::string(fc::ModelName(forecast.model)) + "):";
  size_t shown = std::min<size_t>(3, forecast.sensitivities.size());
  for (size_t i = 0; i < shown; ++i) {
    const fc::Sensitivity& item = forecast.sensitivities[i];
    text += (i ? ", " : " ") + problem.actors[item.actor].id + " (" + item.input + ", " +
            Fixed(item.swing) + " pts)";
  }
  return text + "\n";
}

std::string HumanReport(const fc::Problem& problem,
                        const std::vector<std::vector<fc::IssueForecast>>& by_model,
                        const ForecastCommandOptions& options) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"issue", "model", "forecast", "p10", "p50", "p90"};
  std::string headline(fc::ModelName(options.calibration.headline));
  if (options.threshold) header.push_back("P(>=" + Fixed(*options.threshold) + ")");
  header.push_back("rounds");
  rows.push_back(header);
  std::string notes;
  for (const auto& forecasts : by_model) {
    for (const fc::IssueForecast& forecast : forecasts) {
      std::string model(fc::ModelName(forecast.model));
      if (model == headline) model += " (headline)";
      if (!forecast.evidence.enough) continue;
      std::string mark = forecast.evidence.priors.empty() ? "" : "*";
      std::vector<std::string> row = {forecast.issue,
                                      model,
                                      Fixed(forecast.forecast) + mark,
                                      Fixed(forecast.p10),
                                      Fixed(forecast.p50),
                                      Fixed(forecast.p90)};
      if (forecast.probability_above) row.push_back(Fixed(*forecast.probability_above, 2));
      row.push_back(std::to_string(forecast.rounds));
      rows.push_back(std::move(row));
      notes += DescribeMoves(problem, forecast, options.max_moves_shown);
      notes += DescribeSensitivity(problem, forecast);
    }
  }
  // The evidence is the same under every model: one note per issue.
  std::string evidence_notes;
  for (const fc::IssueForecast& forecast : by_model.front()) {
    if (!forecast.evidence.enough) {
      evidence_notes += "  " + forecast.issue +
                        ": not enough evidence, no forecast: " + forecast.evidence.missing + "\n";
    } else if (!forecast.evidence.priors.empty()) {
      evidence_notes +=
          "  * " + forecast.issue + " leans on priors: " + PriorActors(problem, forecast) + "\n";
    }
  }
  return "scenario " + problem.scenario + " (" + problem.source + ", " +
         std::to_string(problem.actors.size()) + " actors)\n" + FormatTable(rows) + evidence_notes +
         notes + "\n";
}

FileResult ForecastFile(const std::string& path, const std::vector<fc::Model>& models,
                        const ForecastCommandOptions& options, const GlobalOptions& global) {
  auto problem = fc::LoadProblem(path, global.max_bytes);
  if (!problem.ok()) return {"", problem.status().message()};
  fc::ForecastOptions forecast_options;
  forecast_options.samples = options.samples;
  forecast_options.seed = options.seed;
  forecast_options.jitter = options.jitter;
  forecast_options.threshold = options.threshold;
  forecast_options.sensitivity = options.sensitivity;
  forecast_options.max_rounds = options.max_rounds;
  forecast_options.record_moves = !global.jsonl;
  forecast_options.calibration = options.calibration;
  std::vector<std::vector<fc::IssueForecast>> by_model;
  for (fc::Model model : models) {
    auto forecasts = fc::Forecast(*problem, model, forecast_options);
    if (!forecasts.ok()) return {"", forecasts.status().message()};
    by_model.push_back(std::move(*forecasts));
  }
  FileResult result;
  if (!global.jsonl) {
    result.output = HumanReport(*problem, by_model, options);
    return result;
  }
  // One line per scenario x issue x model, issues in file order.
  for (size_t issue = 0; issue < problem->issues.size(); ++issue) {
    for (const auto& forecasts : by_model) {
      result.output += JsonLine(*problem, forecasts[issue], options.calibration.headline);
    }
  }
  return result;
}

int RunForecast(ForecastCommandOptions& options, const GlobalOptions& global) {
  auto calibration = fc::LoadCalibration(
      options.calibration_path.empty() ? fc::DefaultCalibrationPath() : options.calibration_path);
  if (!calibration.ok()) return ReportFatal(calibration.status());
  options.calibration = *calibration;
  std::vector<fc::Model> models;
  if (options.model == "all") {
    models = fc::AllModels();
  } else {
    auto model = fc::ParseModel(options.model);
    if (!model.ok()) return ReportFatal(model.status());
    models.push_back(*model);
  }
  auto files = ExpandInputs(options.inputs);
  if (!files.ok()) return ReportFatal(files.status());
  if (files->empty()) {
    return ReportFatal(InvalidInput("no .csv or .json scenario files in the given inputs"));
  }
  ErrorLog errors;
  Progress progress("forecast", files->size(), global.quiet);
  OrderedPipeline<std::string, FileResult> pipeline(
      global.threads,
      [&](std::string& path) { return ForecastFile(path, models, options, global); },
      [&](FileResult& result) {
        if (!result.error.empty()) errors.Report(result.error);
        std::fputs(result.output.c_str(), stdout);
        progress.Add();
      });
  for (const std::string& file : *files) pipeline.Push(file);
  pipeline.Finish();
  return errors.ExitCode();
}

void AddOptions(CLI::App& app, ForecastCommandOptions& options) {
  app.add_option("inputs", options.inputs,
                 "Positions documents (.json), KTAB scenario CSVs (.csv) or directories")
      ->required();
  app.add_option("--model", options.model, "compromise, median, nash, eum, smp, ensemble or all")
      ->default_val("all");
  app.add_option("--samples", options.samples, "Monte Carlo draws for p10/p50/p90")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seed", options.seed, "Random seed; same seed, same output")->default_val(1);
  app.add_option("--jitter", options.jitter,
                 "Sampling spread without ranges: +-points for positions and saliences, "
                 "+-percent for capabilities")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--threshold", options.threshold,
                 "Report the probability that the outcome is >= this value (0-100)")
      ->check(CLI::Range(0.0, 100.0));
  app.add_flag("--sensitivity", options.sensitivity,
               "Name the actors whose inputs move each forecast most");
  app.add_option("--max-rounds", options.max_rounds, "Bargaining rounds at most (eum, smp)")
      ->default_val(100)
      ->check(CLI::NonNegativeNumber);
  app.add_option("--calibration", options.calibration_path,
                 "Model errors and headline model (default: data/forecast/calibration.tsv, "
                 "or $PARLEY_CALIBRATION)");
}

const Registration kForecastCommand(MakeCommand<ForecastCommandOptions>(
    60, "forecast", "Forecast bargaining outcomes from a positions document or KTAB CSV",
    AddOptions, RunForecast));

}  // namespace
}  // namespace parley::cli
