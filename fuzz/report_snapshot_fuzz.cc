// Fuzzes the snapshot parser behind `parley report --snapshot` and `parley serve --snapshot`:
// any bytes give a validated snapshot or an error message, never a crash.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parley/report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto snapshot = parley::report::ParseSnapshot(text, "fuzz.json");
  if (!snapshot.ok() && snapshot.status().message().empty()) std::abort();
  if (snapshot.ok()) (void)parley::report::RenderHtml(*snapshot);
  return 0;
}
