// Fuzzes the request bodies the dashboard's POST endpoints check: POST /api/annotations and
// POST /api/whatif. Any bytes give a checked value or an error message, never a crash, and a
// checked annotation always names a cell of the scenario.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "parley/serve.h"

namespace {

const parley::report::ScenarioSummary& Scenario() {
  static const parley::report::ScenarioSummary scenario = [] {
    parley::report::ScenarioSummary s;
    s.id = "fuzz";
    s.actors = {{"NOR", "Northland", 60}, {"SOU", "Southland", 40}};
    s.issues.push_back({"harbour", "Harbour control", "", 50, {}});
    return s;
  }();
  return scenario;
}

const parley::PositionsDocument& Positions() {
  static const parley::PositionsDocument positions = [] {
    parley::PositionsDocument p;
    p.scenario = "fuzz";
    p.actors = {{"NOR", "Northland", 60, ""}, {"SOU", "Southland", 40, ""}};
    p.issues.push_back({"harbour", "Harbour control", 50, "", std::nullopt});
    parley::PositionsDocument::Cell cell;
    cell.actor = "NOR";
    cell.issue = "harbour";
    cell.position = 20;
    cell.salience = 60;
    p.cells.push_back(cell);
    return p;
  }();
  return positions;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const nlohmann::json body = nlohmann::json::parse(
      std::string_view(reinterpret_cast<const char*>(data), size), nullptr, false);
  if (body.is_discarded()) return 0;
  auto annotation = parley::serve::ParseAnnotationRequest(Scenario(), body);
  if (!annotation.ok() && annotation.status().message().empty()) std::abort();
  if (annotation.ok()) {
    if (annotation->actor != "NOR" && annotation->actor != "SOU") std::abort();
    if (annotation->author.empty() || annotation->author.size() > parley::serve::kMaxAuthorBytes) {
      std::abort();
    }
    (void)parley::serve::AnnotationJson(*annotation).dump();
  }
  auto what_if = parley::serve::ApplyWhatIf(Positions(), body);
  if (!what_if.ok() && what_if.status().message().empty()) std::abort();
  return 0;
}
