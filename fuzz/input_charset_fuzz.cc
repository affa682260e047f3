// Fuzzes the charset layer: any bytes, any declared charset, always valid UTF-8 out.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "read/input_charset.h"

using namespace parley::input;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Bytes up to the first newline name a declared charset; the rest is the document.
  size_t newline = bytes.find('\n');
  std::string declared(newline == std::string_view::npos ? "" : bytes.substr(0, newline));
  std::string_view body = newline == std::string_view::npos ? bytes : bytes.substr(newline + 1);
  for (bool is_html : {false, true}) {
    DecodedText decoded = DecodeToUtf8(std::string(body), declared, is_html);
    if (!IsValidUtf8(decoded.utf8)) std::abort();
  }
  if (!IsValidUtf8(RepairUtf8(bytes))) std::abort();
  (void)BinaryReason(bytes);
  return 0;
}
