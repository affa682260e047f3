// Read-only views of a snapshot for the GET endpoints (the public queries are in serve.h).
#pragma once

#include <string_view>
#include <vector>

#include "parley/report.h"

namespace parley::serve {

// Statements of one actor and/or issue; an empty filter matches all.
std::vector<report::SnapshotStatement> FilterStatements(const report::Snapshot& snapshot,
                                                        std::string_view actor,
                                                        std::string_view issue);

// Forecasts of one model; an empty model keeps all.
std::vector<forecast::ForecastSummary> FilterForecasts(
    const std::vector<forecast::ForecastSummary>& forecasts, std::string_view model);

}  // namespace parley::serve
