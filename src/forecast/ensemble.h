// The ensemble model: a blend of compromise, the unweighted mean and nash over the actors that
// count under the issue's procedure, with weights per voting rule chosen on DEU dev data only
// (bench/forecast_deu_bench.cc fits and cross-validates them; docs/forecast.md).
#pragma once

#include "problem_util.h"

namespace parley::forecast {

// The stances of `view` that count under its procedure: a proposer sits out unanimity issues
// (the members can amend its proposal unanimously), a second chamber sits out unless it holds
// a veto (a known second_chamber_veto == false). Without procedure information everyone
// counts, and when nobody would be left everyone counts too. The status quo is dropped: the
// blend was fitted with nash's default disagreement point.
IssueView CountingView(const IssueView& view);

// The blend's three inputs on CountingView(view).
EnsembleParts EnsembleInputsOf(const IssueView& view);

// The blend on one issue.
double EnsembleForecast(const IssueView& view);

}  // namespace parley::forecast
