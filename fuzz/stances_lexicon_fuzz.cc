// Fuzzes the stance lexicon parser (data/dict/stances.tsv format): any input must give a
// Lexicon or an error Status, never a crash or an escaping exception.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "positions/internal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto lexicon = parley::positions_internal::Lexicon::Parse(text, "fuzz.tsv");
  if (lexicon.ok()) {
    // A parsed lexicon must answer role queries for any word, including ones it holds.
    (void)lexicon->RoleOf(std::string(text.substr(0, 24)));
    (void)lexicon->RoleOf("not");
  }
  return 0;
}
