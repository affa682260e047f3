// Dispatch, validation, Monte Carlo sampling and sensitivity for the forecast stage.
#include "parley/forecast.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include "ensemble.h"
#include "models.h"
#include "problem_util.h"
#include "sampling.h"
#include "text_fields.h"

namespace parley::forecast {
namespace {

constexpr Model kModels[] = {Model::kCompromise, Model::kMedian, Model::kNash,
                             Model::kEum,        Model::kSmp,    Model::kEnsemble};

// True when every actor has a stance on every issue, listed in the same actor order, so smp can
// bargain over all issues at once as KTAB does.
bool IsFullMatrix(const std::vector<IssueView>& views) {
  for (const IssueView& view : views) {
    if (view.actors != views.front().actors) return false;
  }
  return true;
}

ModelRun RunOneShot(double forecast, const IssueView& view) {
  ModelRun run;
  run.forecast = forecast;
  run.final_positions = view.positions;
  return run;
}

// Runs `model` on every view: one-dimensional models view by view, smp jointly when it can.
std::vector<ModelRun> RunModel(const std::vector<IssueView>& views, Model model, int max_rounds,
                               bool record_moves) {
  std::vector<ModelRun> runs;
  if (model == Model::kSmp && views.size() > 1 && IsFullMatrix(views)) {
    return RunSmp(views, max_rounds, record_moves);
  }
  runs.reserve(views.size());
  for (const IssueView& view : views) {
    switch (model) {
      case Model::kCompromise:
        runs.push_back(RunOneShot(CompromiseForecast(view), view));
        break;
      case Model::kMedian:
        runs.push_back(RunOneShot(MedianForecast(view), view));
        break;
      case Model::kNash:
        runs.push_back(RunOneShot(NashForecast(view), view));
        break;
      case Model::kEum:
        runs.push_back(RunEum(view, max_rounds, record_moves));
        break;
      case Model::kSmp:
        runs.push_back(std::move(RunSmp({view}, max_rounds, record_moves).front()));
        break;
      case Model::kEnsemble:
        runs.push_back(RunOneShot(EnsembleForecast(view), view));
        break;
    }
  }
  return runs;
}

std::vector<IssueView> ViewsOf(const Problem& problem) {
  std::vector<IssueView> views;
  views.reserve(problem.issues.size());
  for (const Issue& issue : problem.issues) views.push_back(ViewOf(problem, issue));
  return views;
}

// Quantile with linear interpolation between order statistics (Hyndman & Fan 1996, type 7).
double Quantile(const std::vector<double>& sorted, double q) {
  double rank = q * (sorted.size() - 1);
  size_t below = static_cast<size_t>(std::floor(rank));
  size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
}

void AddUncertainty(const std::vector<IssueView>& views, Model model,
                    const ForecastOptions& options, std::vector<IssueForecast>& forecasts) {
  size_t issues = views.size();
  std::vector<std::vector<double>> draws(issues);
  for (auto& column : draws) column.reserve(options.samples);
  std::vector<IssueView> perturbed = views;
  for (int sample = 0; sample < options.samples; ++sample) {
    SampleRandom random(options.seed, static_cast<uint64_t>(sample));
    for (size_t i = 0; i < issues; ++i) DrawInputs(views[i], options.jitter, random, perturbed[i]);
    std::vector<ModelRun> runs = RunModel(perturbed, model, options.max_rounds, false);
    for (size_t i = 0; i < issues; ++i) draws[i].push_back(runs[i].forecast);
  }
  for (size_t i = 0; i < issues; ++i) {
    std::vector<double>& column = draws[i];
    std::sort(column.begin(), column.end());
    IssueForecast& forecast = forecasts[i];
    forecast.p10 = Quantile(column, 0.1);
    forecast.p50 = Quantile(column, 0.5);
    forecast.p90 = Quantile(column, 0.9);
    if (options.threshold) {
      size_t above =
          column.end() - std::lower_bound(column.begin(), column.end(), *options.threshold);
      forecast.probability_above = static_cast<double>(above) / column.size();
    }
  }
}

// Capability x salience weighted standard deviation of the positions.
double Spread(const IssueView& view) {
  std::vector<double> weights = BargainingWeights(view);
  double total = 0;
  double mean = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    total += weights[i];
    mean += weights[i] * view.positions[i];
  }
  mean /= total;
  double variance = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    variance += weights[i] * (view.positions[i] - mean) * (view.positions[i] - mean);
  }
  return std::sqrt(variance / total);
}

// Adds the model's own error to the band: the input spread on each side of the point (none when
// the Monte Carlo quantile lies beyond the point) and the calibrated error combine as
// independent spreads, in quadrature. The band then always holds the point forecast.
void AddModelError(double error, IssueForecast& forecast) {
  double point = forecast.forecast;
  double below = std::hypot(error, std::max(0.0, point - forecast.p10));
  double above = std::hypot(error, std::max(0.0, forecast.p90 - point));
  forecast.p10 = std::clamp(point - below, 0.0, 100.0);
  forecast.p90 = std::clamp(point + above, 0.0, 100.0);
}

// One input of one stance pushed to the low and the high end of its range.
struct InputSwing {
  const char* input;
  IssueView low;
  IssueView high;
};

std::vector<InputSwing> SwingsOf(const IssueView& view, const Issue& issue, size_t stance,
                                 double swing) {
  const Stance& source = issue.stances[stance];
  std::vector<InputSwing> swings;
  InputSwing position{"position", view, view};
  bool has_range = source.position_high > source.position_low;
  position.low.positions[stance] =
      has_range ? source.position_low : std::max(0.0, source.position - swing);
  position.high.positions[stance] =
      has_range ? source.position_high : std::min(100.0, source.position + swing);
  swings.push_back(std::move(position));
  InputSwing salience{"salience", view, view};
  salience.low.saliences[stance] = std::max(0.0, view.saliences[stance] - swing);
  salience.high.saliences[stance] = std::min(100.0, view.saliences[stance] + swing);
  swings.push_back(std::move(salience));
  InputSwing capability{"capability", view, view};
  capability.low.capabilities[stance] *= 1 - swing / 100;
  capability.high.capabilities[stance] *= 1 + swing / 100;
  swings.push_back(std::move(capability));
  return swings;
}

// One-at-a-time swings of each actor's inputs on each issue. For a jointly bargained smp problem
// the swing reruns all issues, since a stance on one issue moves the others too.
void AddSensitivity(const Problem& problem, const std::vector<IssueView>& views, Model model,
                    const ForecastOptions& options, std::vector<IssueForecast>& forecasts) {
  bool joint = model == Model::kSmp && views.size() > 1 && IsFullMatrix(views);
  for (size_t i = 0; i < views.size(); ++i) {
    std::vector<Sensitivity>& result = forecasts[i].sensitivities;
    for (size_t stance = 0; stance < views[i].positions.size(); ++stance) {
      Sensitivity best{views[i].actors[stance], -1, ""};
      for (InputSwing& swing :
           SwingsOf(views[i], problem.issues[i], stance, options.sensitivity_swing)) {
        double low;
        double high;
        if (joint) {
          std::vector<IssueView> low_views = views;
          std::vector<IssueView> high_views = views;
          low_views[i] = std::move(swing.low);
          high_views[i] = std::move(swing.high);
          low = RunModel(low_views, model, options.max_rounds, false)[i].forecast;
          high = RunModel(high_views, model, options.max_rounds, false)[i].forecast;
        } else {
          low = RunModel({swing.low}, model, options.max_rounds, false)[0].forecast;
          high = RunModel({swing.high}, model, options.max_rounds, false)[0].forecast;
        }
        double change = std::abs(high - low);
        if (change > best.swing) best = {views[i].actors[stance], change, swing.input};
      }
      result.push_back(best);
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const Sensitivity& a, const Sensitivity& b) { return a.swing > b.swing; });
  }
}

Status ValidateIssue(const Problem& problem, const Issue& issue) {
  std::string where = "issue \"" + issue.id + "\": ";
  if (issue.stances.empty()) {
    return InvalidInput(
        AtLine(problem.source, 0, where + "no actor has a position, expected at least one"));
  }
  if (issue.status_quo && !(*issue.status_quo >= 0 && *issue.status_quo <= 100)) {
    return InvalidInput(
        AtLine(problem.source, 0,
               where + "status quo " + FormatNumber(*issue.status_quo) + ", expected 0-100"));
  }
  std::vector<bool> seen(problem.actors.size(), false);
  for (const Stance& stance : issue.stances) {
    if (stance.actor < 0 || stance.actor >= static_cast<int>(problem.actors.size())) {
      return InvalidInput(AtLine(problem.source, 0,
                                 where + "stance of actor #" + std::to_string(stance.actor) +
                                     ", expected an index below " +
                                     std::to_string(problem.actors.size())));
    }
    const Actor& actor = problem.actors[stance.actor];
    std::string who = AtLine(problem.source, actor.line, where + "actor \"" + actor.id + "\" ");
    if (seen[stance.actor]) return InvalidInput(who + "has two stances, expected one");
    seen[stance.actor] = true;
    auto in_scale = [](double value) { return value >= 0 && value <= 100; };  // false for NaN
    if (!in_scale(stance.position) || !in_scale(stance.salience)) {
      return InvalidInput(who + "has position " + FormatNumber(stance.position) + " and salience " +
                          FormatNumber(stance.salience) + ", expected both in 0-100");
    }
    if (!(stance.position_low <= stance.position && stance.position <= stance.position_high) ||
        !in_scale(stance.position_low) || !in_scale(stance.position_high)) {
      return InvalidInput(who + "has range " + FormatNumber(stance.position_low) + ".." +
                          FormatNumber(stance.position_high) + " around position " +
                          FormatNumber(stance.position) +
                          ", expected 0 <= low <= position <= " + "high <= 100");
    }
  }
  return Status::Ok();
}

Status CheckIssueIndex(const Problem& problem, int issue_index) {
  if (issue_index >= 0 && issue_index < static_cast<int>(problem.issues.size())) {
    return Status::Ok();
  }
  return InvalidInput(AtLine(problem.source, 0,
                             "issue #" + std::to_string(issue_index) +
                                 ", expected an index below " +
                                 std::to_string(problem.issues.size())));
}

}  // namespace

std::string_view ModelName(Model model) {
  switch (model) {
    case Model::kCompromise:
      return "compromise";
    case Model::kMedian:
      return "median";
    case Model::kNash:
      return "nash";
    case Model::kEum:
      return "eum";
    case Model::kSmp:
      return "smp";
    case Model::kEnsemble:
      return "ensemble";
  }
  return "unknown";
}

Result<Model> ParseModel(std::string_view name) {
  for (Model model : kModels) {
    if (ModelName(model) == name) return model;
  }
  return InvalidInput("unknown model '" + std::string(name) +
                      "', expected compromise, median, nash, eum, smp, ensemble or all");
}

const std::vector<Model>& AllModels() {
  static const std::vector<Model> models(std::begin(kModels), std::end(kModels));
  return models;
}

std::string_view MoveReasonName(MoveReason reason) {
  switch (reason) {
    case MoveReason::kLostChallenge:
      return "lost a challenge";
    case MoveReason::kCompromise:
      return "compromise";
    case MoveReason::kCapitulation:
      return "capitulation";
    case MoveReason::kBargain:
      return "bargain";
  }
  return "unknown";
}

Status Validate(const Problem& problem) {
  if (problem.actors.empty()) {
    return InvalidInput(AtLine(problem.source, 0, "zero actors, expected at least one"));
  }
  if (problem.issues.empty()) {
    return InvalidInput(AtLine(problem.source, 0, "no issues, expected at least one"));
  }
  std::set<std::string> ids;
  for (const Actor& actor : problem.actors) {
    std::string where = AtLine(problem.source, actor.line, "actor \"" + actor.id + "\" ");
    if (!(actor.capability >= 0) || !std::isfinite(actor.capability)) {
      return InvalidInput(where + "has capability " + FormatNumber(actor.capability) +
                          ", expected a finite number >= 0");
    }
    if (!ids.insert(actor.id).second) return InvalidInput(where + "is defined twice");
  }
  for (const Issue& issue : problem.issues) {
    PARLEY_RETURN_IF_ERROR(ValidateIssue(problem, issue));
  }
  return Status::Ok();
}

Result<std::vector<IssueForecast>> Forecast(const Problem& problem, Model model,
                                            const ForecastOptions& options) {
  PARLEY_RETURN_IF_ERROR(Validate(problem));
  if (options.samples < 0 || !(options.jitter >= 0) || options.max_rounds < 0) {
    return InvalidInput("forecast options: samples, jitter and max_rounds must be >= 0");
  }
  std::vector<IssueView> views = ViewsOf(problem);
  std::vector<ModelRun> runs = RunModel(views, model, options.max_rounds, options.record_moves);
  std::vector<IssueForecast> forecasts(views.size());
  for (size_t i = 0; i < views.size(); ++i) {
    IssueForecast& forecast = forecasts[i];
    ModelRun& run = runs[i];
    const std::vector<int>& actors = views[i].actors;
    forecast.issue = problem.issues[i].id;
    forecast.model = model;
    forecast.forecast = forecast.p10 = forecast.p50 = forecast.p90 = run.forecast;
    if (options.threshold) forecast.probability_above = run.forecast >= *options.threshold;
    forecast.rounds = run.rounds;
    for (size_t s = 0; s < actors.size(); ++s) {
      forecast.final_positions.emplace_back(actors[s], run.final_positions[s]);
    }
    for (Move move : run.moves) {
      move.actor = actors[move.actor];
      move.toward = actors[move.toward];
      forecast.moves.push_back(move);
    }
  }
  if (options.samples > 0) AddUncertainty(views, model, options, forecasts);
  for (size_t i = 0; i < forecasts.size(); ++i) {
    double error = options.calibration.ErrorScaleOf(model) * (Spread(views[i]) + kErrorSpreadFloor);
    AddModelError(error, forecasts[i]);
    forecasts[i].evidence = *CheckEvidence(problem, static_cast<int>(i));
  }
  if (options.sensitivity) AddSensitivity(problem, views, model, options, forecasts);
  return forecasts;
}

Result<IssueForecast> ForecastIssue(const Problem& problem, int issue_index, Model model,
                                    const ForecastOptions& options) {
  PARLEY_RETURN_IF_ERROR(CheckIssueIndex(problem, issue_index));
  Problem single;
  single.scenario = problem.scenario;
  single.source = problem.source;
  single.actors = problem.actors;
  single.evidence_known = problem.evidence_known;
  single.issues.push_back(problem.issues[issue_index]);
  auto forecasts = Forecast(single, model, options);
  if (!forecasts.ok()) return forecasts.status();
  return std::move(forecasts->front());
}

Result<double> PositionSpread(const Problem& problem, int issue_index) {
  PARLEY_RETURN_IF_ERROR(CheckIssueIndex(problem, issue_index));
  PARLEY_RETURN_IF_ERROR(Validate(problem));
  return Spread(ViewOf(problem, problem.issues[issue_index]));
}

Result<EnsembleParts> EnsembleInputs(const Problem& problem, int issue_index) {
  PARLEY_RETURN_IF_ERROR(CheckIssueIndex(problem, issue_index));
  PARLEY_RETURN_IF_ERROR(Validate(problem));
  return EnsembleInputsOf(ViewOf(problem, problem.issues[issue_index]));
}

Result<Problem> LoadProblem(const std::string& path, uint64_t max_bytes) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return IoError(path + ": cannot open file");
  file.seekg(0, std::ios::end);
  std::streamoff size = file.tellg();
  if (size < 0) return IoError(path + ": cannot read file");
  if (static_cast<uint64_t>(size) > max_bytes) {
    return IoError(path + ": " + std::to_string(size) + " bytes, more than the limit of " +
                   std::to_string(max_bytes) + " (--max-bytes)");
  }
  file.seekg(0);
  std::string text(static_cast<size_t>(size), '\0');
  if (!file.read(text.data(), size)) return IoError(path + ": cannot read file");
  std::string extension = path.substr(
      path.find_last_of('.') == std::string::npos ? path.size() : path.find_last_of('.'));
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (extension == ".csv") return ParseKtabCsv(text, path);
  if (extension == ".json") return ParsePositionsJson(text, path);
  return InvalidInput(path + ": unknown extension '" + extension +
                      "', expected .csv (KTAB) or .json (positions document)");
}

}  // namespace parley::forecast
