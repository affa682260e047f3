#include <xxhash.h>

#include "parley/read.h"

namespace parley {
namespace {

// Length of the Unicode white-space character at `i` (UTF-8), or 0. Covers ASCII space and
// controls, NEL, NBSP, the U+2000 block, line/paragraph separators and ideographic space.
size_t WhiteSpaceLength(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  auto at = [&](size_t k) {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
  };
  if (c == 0xC2 && (at(1) == 0x85 || at(1) == 0xA0)) return 2;
  if (c == 0xE1 && at(1) == 0x9A && at(2) == 0x80) return 3;  // U+1680
  if (c == 0xE2 && at(1) == 0x80 &&
      (at(2) <= 0x8A || at(2) == 0xA8 || at(2) == 0xA9 || at(2) == 0xAF)) {
    return 3;
  }
  if (c == 0xE2 && at(1) == 0x81 && at(2) == 0x9F) return 3;  // U+205F
  if (c == 0xE3 && at(1) == 0x80 && at(2) == 0x80) return 3;  // U+3000
  return 0;
}

}  // namespace

std::string DocumentId(std::string_view text) {
  XXH64_state_t* state = XXH64_createState();
  XXH64_reset(state, 0);
  bool pending_space = false;
  bool started = false;
  size_t run_begin = 0;
  size_t i = 0;
  // Hash maximal runs of non-space bytes, with one space between runs.
  auto flush = [&](size_t end) {
    if (end <= run_begin) return;
    if (pending_space && started) XXH64_update(state, " ", 1);
    XXH64_update(state, text.data() + run_begin, end - run_begin);
    started = true;
    pending_space = false;
  };
  while (i < text.size()) {
    size_t space = WhiteSpaceLength(text, i);
    if (space == 0) {
      ++i;
      continue;
    }
    flush(i);
    pending_space = true;
    i += space;
    run_begin = i;
  }
  flush(text.size());
  uint64_t hash = XXH64_digest(state);
  XXH64_freeState(state);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace parley
