// The bargaining models, one issue (or one joint problem for smp) at a time. Internal to the
// stage: forecast.cc validates, samples and dispatches.
#pragma once

#include <vector>

#include "parley/forecast.h"
#include "problem_util.h"

namespace parley::forecast {

// Result of one model run on one issue.
struct ModelRun {
  double forecast = 0;
  int rounds = 0;
  std::vector<double> final_positions;  // per stance
  std::vector<Move> moves;              // actor fields hold stance indices until mapped
};

// Capability x salience weighted mean (Achen's compromise model; Achen 2006, in Thomson et al.,
// "The European Union Decides", ch. 4).
double CompromiseForecast(const IssueView& view);

// Weighted median of `positions`: the point where half of the total weight lies on each side.
// When the cumulative weight reaches exactly half at a position, the midpoint between that
// position and the next one is returned. Precondition: weights sum to > 0.
double WeightedMedian(const std::vector<double>& positions, const std::vector<double>& weights);

// The median voter: WeightedMedian over capability x salience (BargainingWeights).
double MedianForecast(const IssueView& view);

// Asymmetric Nash bargaining solution (Nash 1950; Kalai 1977 for the weighted form):
// argmax_x sum_i w_i log(g_i(x)), w_i = capability x salience, quadratic-loss gains
// g_i(x) = (d - p_i)^2 - (x - p_i)^2 over the disagreement point d: the status quo when given,
// else each actor's worst point on the 0-100 scale. When no x leaves every weighted actor
// strictly better off than the status quo (actors on both sides of it), there is no agreement
// and the status quo stands.
double NashForecast(const IssueView& view);

// Bueno de Mesquita's expected-utility model, per Scholz, Calbert & Smith (2011); eum.cc.
ModelRun RunEum(const IssueView& view, int max_rounds, bool record_moves);

// The quantities EUM derives in its first round, n x n row-major over stances: [i * n + j] is
// P that i prevails over j, and E_i(j), the expected utility of i challenging j (with risk
// exponents applied). Lets tests check the formulas on cases worked by hand.
struct EumRoundTrace {
  std::vector<double> win_probability;
  std::vector<double> risk_neutral_expected;  // the r = 1 pass
  std::vector<double> risk_exponent;          // r_i per stance
  std::vector<double> expected;
};
EumRoundTrace TraceEumRound(const IssueView& view);

// KTAB's spatial model of politics over the given issues jointly; smp.cc. Every view must list
// the same actors in the same order (capabilities are taken from the first). Returns one run
// per view.
std::vector<ModelRun> RunSmp(const std::vector<IssueView>& views, int max_rounds,
                             bool record_moves);

}  // namespace parley::forecast
