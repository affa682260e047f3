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
// Thread safety: every function here is pure (inputs in, value out) and may run concurrently.
// Results are deterministic for a given ForecastOptions::seed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

struct IssueForecast {
  std::string issue;  // Issue::id
  Model model = Model::kCompromise;
  double forecast = 0;  // point forecast from the unperturbed inputs
  // Monte Carlo quantiles of the forecast; equal to `forecast` without samples.
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
};

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

// The positions document (docs/positions-json.md).
// Errors: kInvalidInput with "source:line: what is wrong, what is expected".
Result<Problem> ParsePositionsJson(std::string_view text, std::string_view source);

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
};

// The DEU table (tab-separated: header row, capability row, one row per issue; `p<actor>`
// positions, `s<actor>` saliences, `out`, `rp`, `counvte`, optional `proc` and `prnr`). Rows
// without an outcome or without any position are skipped; a missing salience counts as 0.
// Errors: kInvalidInput with "source:line: ..." for malformed numbers or missing columns.
Result<std::vector<DeuDecision>> ParseDeuTsv(std::string_view text, std::string_view source);

}  // namespace parley::forecast
