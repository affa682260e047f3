// Forecast stage: bargaining models over an actor x issue position matrix, with Monte Carlo
// uncertainty and sensitivity.
//
// Inputs: the positions document of `parley positions` (docs/positions-json.md), KTAB's scenario
// CSV, and the DEU III table used by the accuracy benchmark. Every scale is 0-100.
// Models (docs/forecast.md gives the formulas and their sources):
//   compromise  capability x salience weighted mean
//   median      capability x salience weighted median (the median voter)
//   nash        asymmetric Nash bargaining solution; the status quo is the disagreement point
//   eum         Bueno de Mesquita's expected-utility model as formalised by Scholz, Calbert and
//               Smith (2011)
//   smp         KTAB's spatial model of politics: probabilistic Condorcet contests over positions
//   ensemble    a procedure-aware blend of compromise, the unweighted mean and nash, its
//               weights fitted on DEU dev data only (by voting rule when the issue gives one)
//
// Trust (docs/forecast.md, "What to trust"): the headline model is the one that won out of time
// on DEU dev (Calibration::headline); the p10-p90 band adds the model's own calibrated error to
// the spread of the inputs; an issue without evidence on both sides gets no forecast
// (CheckEvidence).
//
// Thread safety: every function here is pure (inputs in, value out) and may run concurrently.
// Results are deterministic for a given ForecastOptions::seed.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/positions_document.h"
#include "parley/status.h"

namespace parley::forecast {

// An actor's formal part in the decision. Only the ensemble reads it, together with the issue's
// voting rule and procedure, to leave out actors the procedure gives no hold over the outcome.
enum class ActorRole {
  kMember,         // a member of the deciding body (the default)
  kProposer,       // sets the agenda (EU: the Commission); sits out unanimity issues
  kSecondChamber,  // a second chamber (EU: the Parliament); sits out unless it has a veto
};

struct Actor {
  std::string id;
  std::string name;
  double capability = 0;  // >= 0; only ratios matter
  int line = 0;           // where the actor was defined in its file, 0 if unknown
  ActorRole role = ActorRole::kMember;
};

// How the deciding body decides an issue.
enum class VotingRule {
  kMajority,   // simple or qualified majority
  kUnanimity,  // every member holds a veto
};

// One actor's stance on one issue.
struct Stance {
  int actor = 0;            // index into Problem::actors
  double position = 0;      // 0-100
  double position_low = 0;  // plausible range for sampling; equal to `position` when unknown
  double position_high = 0;
  double salience = 0;  // 0-100
  // True when the stance rests on evidence: read from statements, or a prior or override the
  // analyst marked as counting as evidence. Plain priors and overrides are false.
  bool evidence = true;
};

struct Issue {
  std::string id;
  std::string name;
  std::optional<double> status_quo;  // 0-100; the disagreement point of `nash`
  std::vector<Stance> stances;       // at most one per actor; actors without one sit out
  // The procedure, when known; the ensemble uses it (docs/forecast.md), the other models not.
  std::optional<VotingRule> voting_rule = std::nullopt;
  std::optional<bool> second_chamber_veto = std::nullopt;  // true: co-decision; false: consulted
};

// One scenario: who bargains over what. For KTAB CSV input each dimension is an issue and every
// actor has a stance on every issue; `smp` then bargains over all issues jointly.
struct Problem {
  std::string scenario;  // file name without directory and extension
  std::string source;    // file the problem came from, for messages
  std::vector<Actor> actors;
  std::vector<Issue> issues;
  // True when the input says which stances rest on evidence (positions documents). KTAB CSV and
  // DEU rows do not: their every issue counts as having enough evidence.
  bool evidence_known = false;
};

enum class Model { kCompromise, kMedian, kNash, kEum, kSmp, kEnsemble };

// "compromise", "median", "nash", "eum", "smp", "ensemble".
std::string_view ModelName(Model model);
// Parses a model name; kInvalidInput naming the accepted names otherwise.
Result<Model> ParseModel(std::string_view name);
// Every model in the order `--model all` prints them.
const std::vector<Model>& AllModels();

// Why an actor moved in a bargaining round.
enum class MoveReason {
  kLostChallenge,  // eum: it was challenged and lost the conflict
  kCompromise,     // eum: it met the challenger part way
  kCapitulation,   // eum: it gave in without a fight
  kBargain,        // smp: it accepted a bargain proposed by or to `toward`
};
std::string_view MoveReasonName(MoveReason reason);

struct Move {
  int round = 0;  // 1-based
  int actor = 0;  // index into Problem::actors
  int toward = 0;
  MoveReason reason = MoveReason::kBargain;
  double from = 0;
  double to = 0;
};

// How far moving one actor's inputs across their range moves the forecast. Each input is swung
// alone: the position between its low and high (or +-sensitivity_swing points), the salience
// by +-sensitivity_swing points, the capability by +-sensitivity_swing percent.
struct Sensitivity {
  int actor = 0;      // index into Problem::actors
  double swing = 0;   // largest |forecast(high) - forecast(low)| over the inputs, points
  std::string input;  // which input gave it: "position", "salience" or "capability"
};

// Whether an issue has the evidence a forecast needs: two actors with evidence-based stances on
// opposite sides of the scale's midpoint, one at or below 50 and one at or above it, at
// different positions. An issue where every evidenced actor stands on one side shows no
// negotiation yet, only one side of it. Always enough when !Problem::evidence_known.
struct EvidenceCheck {
  bool enough = true;
  // What is missing, naming the actors with evidence: "needs evidence from an actor at or
  // above 50; evidence only from UKR (20)". Empty when enough.
  std::string missing;
  std::vector<int> priors;  // actors whose stances are not evidence: the forecast leans on them
};
// Errors: kInvalidInput for an issue index out of range.
Result<EvidenceCheck> CheckEvidence(const Problem& problem, int issue_index);

struct IssueForecast {
  std::string issue;  // Issue::id
  Model model = Model::kCompromise;
  double forecast = 0;  // point forecast from the unperturbed inputs
  // The band the outcome should fall in 80% of the time: the Monte Carlo p10-p90 of the input
  // spread widened by the model's calibrated error (ForecastOptions::calibration); it always
  // holds `forecast`. p50 is the Monte Carlo median. All equal `forecast` without samples and
  // without calibration.
  double p10 = 0;
  double p50 = 0;
  double p90 = 0;
  // Share of samples whose forecast is >= the threshold; nullopt without a threshold.
  std::optional<double> probability_above;
  int rounds = 0;  // bargaining rounds until stable; 0 for one-shot models
  // Final position of every actor with a stance, as (actor index, position), in stance order.
  std::vector<std::pair<int, double>> final_positions;
  std::vector<Move> moves;                 // dynamics of eum and smp, in round order
  std::vector<Sensitivity> sensitivities;  // largest swing first; empty unless requested
  // Filled for every issue; callers show `evidence.missing` instead of the numbers when
  // `evidence.enough` is false (the numbers are still computed, for what-if comparisons).
  EvidenceCheck evidence;
};

// How far each model's forecasts missed real outcomes out of time, and which model leads.
// Data, not code: bench/forecast_deu_bench --write-calibration writes data/forecast/
// calibration.tsv from DEU dev with forward-chaining splits (docs/forecast.md). A model's error
// on an issue is taken to grow with how far apart the actors stand: its 80% half-width is
// error_scale x (PositionSpread + kErrorSpreadFloor) points.
struct Calibration {
  // The model demo, analyze, the report and the dashboard lead with.
  Model headline = Model::kCompromise;
  // Per model (indexed by Model): the split-conformal 80% quantile of |outcome - forecast| /
  // (spread + kErrorSpreadFloor) out of time. 0 = no calibration: bands show input spread only.
  std::array<double, 6> error_scale{};
  double ErrorScaleOf(Model model) const { return error_scale[static_cast<size_t>(model)]; }
};

// Points added to the spread before scaling, so that an issue where everyone agrees still gets
// a band: outcomes on DEU dev missed even unanimous positions. Of 0, 5, 10, 20 and 40, 10 came
// closest to 80% coverage out of time (docs/forecast.md).
inline constexpr double kErrorSpreadFloor = 10;

// The capability x salience weighted standard deviation of the positions on one issue (the
// weights of BargainingWeights: capabilities alone, then equal weights, when all are zero).
// Errors: kInvalidInput for an issue index out of range.
Result<double> PositionSpread(const Problem& problem, int issue_index);

// Tab-separated, '#' comment lines and blank lines skipped; a header naming at least the columns
// "model", "error_scale" and "headline"; one row per model (all six), "headline" "yes" on exactly
// one row, "no" on the others; further columns are for readers and ignored.
// Errors: kInvalidInput with "source:line: what is wrong, what is expected".
Result<Calibration> ParseCalibrationTsv(std::string_view text, std::string_view source);

// Errors: kIo when the file cannot be read, else as ParseCalibrationTsv.
Result<Calibration> LoadCalibration(const std::string& path);

// $PARLEY_CALIBRATION when set, else data/forecast/calibration.tsv of the source tree.
std::string DefaultCalibrationPath();

struct ForecastOptions {
  int samples = 0;    // Monte Carlo draws; 0 = point forecast only
  uint64_t seed = 1;  // the same seed gives the same draws on any thread count
  // Sampling spread for inputs without a range (KTAB CSV, saliences, capabilities): positions
  // and saliences move uniformly within +-jitter points, capabilities within +-jitter percent.
  double jitter = 0;
  std::optional<double> threshold;  // for IssueForecast::probability_above
  bool sensitivity = false;         // fill IssueForecast::sensitivities
  double sensitivity_swing = 10;    // +-points for stances without a range
  int max_rounds = 100;             // eum and smp stop earlier once no actor moves
  bool record_moves = true;         // eum and smp record the dynamics of the point forecast
  // The model's error (Calibration) joins the band (IssueForecast::p10/p90) as an independent
  // spread: each side's half-width is hypot(error, Monte Carlo side). Default: no model error.
  Calibration calibration;
};

// Forecasts every issue of `problem` with `model`, one IssueForecast per issue in issue order.
// `smp` bargains over all issues jointly when every issue lists stances of the same actors in
// the same order (always so for KTAB CSV), else issue by issue.
// Errors: kInvalidInput when the problem fails Validate().
Result<std::vector<IssueForecast>> Forecast(const Problem& problem, Model model,
                                            const ForecastOptions& options);

// Forecasts one issue alone (the what-if path of the dashboard): cheap for one-dimensional use.
// Errors: kInvalidInput for a bad problem or an issue index out of range.
Result<IssueForecast> ForecastIssue(const Problem& problem, int issue_index, Model model,
                                    const ForecastOptions& options);

// What the ensemble blends on one issue, each over the stances that count under the issue's
// procedure (a proposer sits out unanimity issues, a second chamber sits out when it has no
// veto; everyone counts when the issue gives no procedure): the capability x salience weighted
// mean, the unweighted mean of positions, and nash without a status quo. Lets a benchmark refit
// and cross-validate the blend; the weights themselves are in src/forecast/ensemble.cc.
struct EnsembleParts {
  double compromise = 0;
  double mean = 0;
  double nash = 0;
};
// Errors: as ForecastIssue.
Result<EnsembleParts> EnsembleInputs(const Problem& problem, int issue_index);

// Checks ranges: capability >= 0 and finite, positions and saliences in 0-100, low <= position
// <= high, actor indices in range, at most one stance per actor and issue, at least one issue
// and one actor with a stance on each issue. Messages start with "source:line:" when known.
Status Validate(const Problem& problem);

// KTAB scenario CSV: line 1 "name,description,nActors,nDims"; line 2 headers; then one line per
// actor "actor,description,capability,pos1,sal1,pos2,sal2,...". Trailing commas and blank
// trailing lines are tolerated. Each actor's saliences may sum to at most 100.
// Errors: kInvalidInput with "source:line: what is wrong, what is expected".
Result<Problem> ParseKtabCsv(std::string_view text, std::string_view source);

// The positions document (docs/positions-json.md), typed: the entry point the other stages use.
// `source` names the problem in messages and gives Problem::scenario. Ranges (0-100, low <=
// position <= high), references to actors and issues, duplicates, roles and voting rules are
// checked; every issue needs a cell. Errors: kInvalidInput "source: cells[3]: what is wrong, what
// is expected".
Result<Problem> ProblemFromPositions(const PositionsDocument& document, std::string_view source);

// The JSON form of the positions document read into the typed value (the file and HTTP edge).
// Types, names and required keys are checked here; ranges and references by
// ProblemFromPositions(). Evidence and timeline entries are taken as far as they are well formed.
// Errors: kInvalidInput with "source:line: what is wrong, what is expected" (no line for the
// parsed value, PositionsDocumentFromJson()).
Result<PositionsDocument> ParsePositionsDocument(std::string_view text, std::string_view source);
Result<PositionsDocument> PositionsDocumentFromJson(const nlohmann::json& document,
                                                    std::string_view source);

// ParsePositionsDocument() then ProblemFromPositions(), with line numbers in every message.
// Errors: kInvalidInput with "source:line: what is wrong, what is expected".
Result<Problem> ParsePositionsJson(std::string_view text, std::string_view source);

// A positions document as KTAB's scenario CSV, so ParseKtabCsv() reads it back: line 1
// "name,description,nActors,nDims", line 2 the headers, then "actor,description,capability,pos1,
// sal1,...". KTAB needs every actor on every dimension: a cell without evidence is written at the
// issue's status quo (50 when unknown) with salience 0, so it weighs nothing. Issues with no cell
// at all are left out. An actor's saliences are scaled down to sum to 100 when they exceed it, as
// KTAB requires.
std::string KtabCsv(const PositionsDocument& positions);

// Reads a file and parses it by extension: ".csv" KTAB CSV, ".json" positions document.
// Errors: kIo when the file cannot be read or exceeds max_bytes, else as the parsers.
Result<Problem> LoadProblem(const std::string& path, uint64_t max_bytes);

// One decision of the DEU III data set (benchmark input): a one-issue problem with its outcome.
// The issue carries the voting rule ("counvte": Unan -> kUnanimity, QMV... -> kMajority) and
// the procedure ("proc": COD -> second-chamber veto, CNS -> consulted); actor "com" is the
// proposer and "ep" the second chamber. The reference point is kept apart, not used as the
// issue's status quo (nash with it scores far worse on dev: docs/forecast.md).
struct DeuDecision {
  Problem problem;  // one issue; capabilities from the GDP-weight row
  double outcome = 0;
  std::optional<double> reference_point;  // "rp"
  std::string voting_rule;                // "counvte": QMV, Unan, ...
  std::string procedure;                  // "proc": COD, CNS, ...
  std::string proposal;                   // "prnr": issues of one proposal share it
  int year = 0;  // year of introduction ("intro": dd-mm-yy or yyyy); 0 when not given
};

// The DEU table (tab-separated: header row, capability row, one row per issue; `p<actor>`
// positions, `s<actor>` saliences, `out`, `rp`, `counvte`, optional `proc`, `prnr`, `intro`). Rows
// without an outcome or without any position are skipped; a missing salience counts as 0.
// Errors: kInvalidInput with "source:line: ..." for malformed numbers or missing columns.
Result<std::vector<DeuDecision>> ParseDeuTsv(std::string_view text, std::string_view source);

// ---- A positions document through every model (analyze, report, dashboard what-if) ----

// The positions document reduced to the issues someone has spoken on (an issue nobody has spoken
// on has nothing to forecast), as a Problem; nullopt when no issue is left. Errors: those of
// ProblemFromPositions().
Result<std::optional<Problem>> SpokenProblem(const PositionsDocument& positions,
                                             std::string_view source = "positions");

struct PositionsForecast {
  Problem problem;  // SpokenProblem(); no issues when nobody has spoken
  struct Entry {
    int issue_index = 0;    // into problem.issues
    bool headline = false;  // the model is ForecastOptions::calibration.headline
    IssueForecast result;
  };
  // Model by model (in the order asked), issue by issue; issues without enough evidence
  // (CheckEvidence) are left out.
  std::vector<Entry> entries;
  // The spoken issues without enough evidence: (issue id, EvidenceCheck::missing).
  std::vector<std::pair<std::string, std::string>> withheld;
};

// Forecasts every spoken issue of `positions` with each of `models` over all issues at once
// (Forecast()); the headline model (options.calibration.headline) gets sensitivities, the others
// not, whatever options.sensitivity says. Errors: kInvalidInput for a malformed document.
Result<PositionsForecast> ForecastPositions(const PositionsDocument& positions,
                                            const std::vector<Model>& models,
                                            const ForecastOptions& options,
                                            std::string_view source = "positions");

// One forecast as the snapshot and the dashboard show it (docs/report-data.md, "forecasts"):
// actors and issues by id, numbers rounded to 0.1.
struct ForecastSummary {
  struct Swing {
    std::string actor;
    std::string input;  // "position", "salience" or "capability"
    double swing = 0;   // points
  };
  std::string issue;
  std::string model;  // ModelName()
  double forecast = 0;
  double p10 = 0;
  double p90 = 0;
  // Every actor's position per bargaining round, round 0 first, rebuilt from the moves the
  // model recorded; empty for one-shot models.
  std::vector<std::map<std::string, double>> rounds;
  bool headline = false;                     // the calibration's headline model
  std::vector<std::string> leans_on_priors;  // actors whose stances are not evidence
  std::vector<Swing> sensitivity;            // the three largest, headline model only
};

// The entries of `forecast`, in order.
std::vector<ForecastSummary> ForecastSummaries(const PositionsForecast& forecast);

// The JSON edge of ForecastSummary: one entry of the snapshot's "forecasts" ("headline",
// "leans_on_priors" and "sensitivity" only when set), and back. The reader expects a value
// report::ValidateSnapshot() accepted; optional fields of another type read as unset.
nlohmann::json ForecastSummaryJson(const ForecastSummary& summary);
ForecastSummary ForecastSummaryFromJson(const nlohmann::json& entry);

// The entries as the snapshot's "forecasts" array, and the withheld issues as its "no_forecast"
// array [{"issue", "missing"}].
nlohmann::json ForecastsJson(const std::vector<ForecastSummary>& forecasts);
nlohmann::json ForecastsJson(const PositionsForecast& forecast);
nlohmann::json NoForecastJson(const PositionsForecast& forecast);

}  // namespace parley::forecast
