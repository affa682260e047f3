// Fuzzes the positions-document parser and the forecast on what it accepts: any input must give
// a value or a Status, never a crash or a forecast outside 0-100.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parley/forecast.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fc = parley::forecast;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto problem = fc::ParsePositionsJson(text, "fuzz.json");
  if (!problem.ok()) return 0;
  if (problem->actors.size() > 40 || problem->issues.size() > 4) return 0;
  fc::ForecastOptions options;
  options.max_rounds = 20;
  options.samples = 3;
  options.sensitivity = true;
  for (fc::Model model : fc::AllModels()) {
    auto forecasts = fc::Forecast(*problem, model, options);
    if (!forecasts.ok()) continue;
    for (const fc::IssueForecast& forecast : *forecasts) {
      if (!std::isfinite(forecast.forecast) || forecast.forecast < -1e-9 ||
          forecast.forecast > 100 + 1e-9) {
        std::abort();
      }
    }
  }
  return 0;
}
