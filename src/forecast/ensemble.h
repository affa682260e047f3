// The ensemble model: a fixed blend of base forecasts whose weights were chosen on DEU dev data
// only (bench/forecast_deu_bench.cc searches a 0.1 grid over compromise, median, nash, eum,
// smp and the unweighted mean of positions, and cross-validates that choice).
#pragma once

#include "problem_util.h"

namespace parley::forecast {

// The blend on one issue (weights in ensemble.cc).
// `max_rounds` bounds the eum component.
double EnsembleForecast(const IssueView& view, int max_rounds);

}  // namespace parley::forecast
