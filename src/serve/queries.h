// What the endpoints share: checks of request bodies, and read-only views of a snapshot for the
// GET endpoints (the public queries are in serve.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "parley/report.h"
#include "parley/status.h"

namespace parley::serve {

// ---- Checking request bodies (what-if overrides, annotations) ----

// A number on the 0-100 scale.
bool IsScale(const nlohmann::json& value);

// kInvalidInput "<field> is <value>, expected <expected>", e.g.
// "overrides[2].position is 140, expected a number in 0-100".
Status BadField(std::string_view field, const nlohmann::json& value, std::string_view expected);

// ---- Read-only views of a snapshot ----

// Statements of one actor and/or issue; an empty filter matches all.
std::vector<report::SnapshotStatement> FilterStatements(const report::Snapshot& snapshot,
                                                        std::string_view actor,
                                                        std::string_view issue);

// Forecasts of one model; an empty model keeps all.
std::vector<forecast::ForecastSummary> FilterForecasts(
    const std::vector<forecast::ForecastSummary>& forecasts, std::string_view model);

}  // namespace parley::serve
