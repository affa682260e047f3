// Fuzzes the scenario YAML parser and cue phrase syntax: any input must give a Scenario or an
// error Status, never a crash or an escaping exception.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parley/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  parley::Result<parley::Scenario> scenario = parley::ParseScenario(text, "fuzz.yaml");
  if (scenario.ok()) {
    // A valid scenario must also convert to extract-stage dictionary entries.
    const parley::ExtraDictionary dictionary = parley::ScenarioDictionary(*scenario);
    if (dictionary.actors.size() != scenario->actors.size()) __builtin_trap();
  }
  (void)parley::ParseCuePattern(text.substr(0, 200));
  return 0;
}
