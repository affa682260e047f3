// Read-only views of a snapshot for the GET endpoints (the public queries are in serve.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "parley/report.h"

namespace parley::serve {

// {"id", "title", "description", "actors", "issues"} of the snapshot's scenario.
nlohmann::json ScenarioSummary(const report::Snapshot& snapshot);

// Statements of one actor and/or issue; an empty filter matches all.
nlohmann::json FilterStatements(const report::Snapshot& snapshot, std::string_view actor,
                                std::string_view issue);

// Forecasts of one model; an empty model keeps all.
nlohmann::json FilterForecasts(const nlohmann::json& forecasts, std::string_view model);

}  // namespace parley::serve
