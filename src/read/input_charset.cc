#include "input_charset.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>

#include "parley/text_util.h"

namespace parley::input {
namespace {

// The first index at or after `i` holding a byte >= 0x80. Pages are mostly ASCII markup, so it
// tests eight bytes at a time.
size_t SkipAscii(std::string_view s, size_t i) {
  constexpr uint64_t kHighBits = 0x8080808080808080ull;
  for (uint64_t word; i + sizeof word <= s.size(); i += sizeof word) {
    std::memcpy(&word, s.data() + i, sizeof word);
    if (word & kHighBits) break;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

// Length of the valid UTF-8 sequence at `i`, or 0 when it is invalid (RFC 3629 ranges).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

// WHATWG maps these labels to windows-1252, which is what such pages really use.
std::string CanonicalCharset(std::string_view label) {
  std::string name = Lower(label);
  name.erase(std::remove_if(name.begin(), name.end(),
                            [](char c) { return c == '"' || c == '\'' || std::isspace(c); }),
             name.end());
  if (name == "utf8" || name == "utf-8" || name == "unicode-1-1-utf-8") return "UTF-8";
  if (name == "latin1" || name == "iso-8859-1" || name == "iso8859-1" || name == "us-ascii" ||
      name == "ascii" || name == "l1" || name == "cp1252" || name == "windows-1252") {
    return "windows-1252";
  }
  return name;
}

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};

// Converts with ICU; returns false when ICU does not know the charset.
bool ConvertWithIcu(std::string_view bytes, const std::string& charset, std::string* out) {
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> source(ucnv_open(charset.c_str(), &error));
  if (U_FAILURE(error)) return false;
  error = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> utf8(ucnv_open("UTF-8", &error));
  if (U_FAILURE(error)) return false;
  out->resize(bytes.size() * 3 + 16);
  char* target = out->data();
  const char* input = bytes.data();
  error = U_ZERO_ERROR;
  // The default to-Unicode callback substitutes U+FFFD for illegal or unmapped bytes.
  ucnv_convertEx(utf8.get(), source.get(), &target, out->data() + out->size(), &input,
                 bytes.data() + bytes.size(), nullptr, nullptr, nullptr, nullptr, true, true,
                 &error);
  if (U_FAILURE(error)) return false;
  out->resize(target - out->data());
  return true;
}

std::string SniffCharset(std::string_view bytes) {
  uchardet_t detector = uchardet_new();
  uchardet_handle_data(detector, bytes.data(), std::min<size_t>(bytes.size(), 1 << 16));
  uchardet_data_end(detector);
  std::string charset = uchardet_get_charset(detector);
  uchardet_delete(detector);
  return charset.empty() ? "windows-1252" : CanonicalCharset(charset);
}

bool HasNonAscii(std::string_view bytes) { return SkipAscii(bytes, 0) < bytes.size(); }

// Share of invalid sequences among non-ASCII ones: a page with a stray bad byte is still UTF-8.
bool MostlyUtf8(std::string_view bytes) {
  size_t valid = 0, invalid = 0;
  for (size_t i = SkipAscii(bytes, 0); i < bytes.size(); i = SkipAscii(bytes, i)) {
    size_t length = Utf8SequenceLength(bytes, i);
    if (length == 0) {
      ++invalid;
      ++i;
    } else {
      ++valid;
      i += length;
    }
  }
  return valid > 0 && invalid * 20 <= valid;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  for (size_t i = SkipAscii(bytes, 0); i < bytes.size(); i = SkipAscii(bytes, i)) {
    size_t length = Utf8SequenceLength(bytes, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string RepairUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size();) {
    size_t length = Utf8SequenceLength(bytes, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      // Skip the continuation bytes of the broken sequence: one U+FFFD per broken character.
      while (i < bytes.size() && (static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80) ++i;
    } else {
      out.append(bytes.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string CharsetFromContentType(std::string_view content_type) {
  std::string lower = Lower(content_type);
  size_t at = lower.find("charset=");
  if (at == std::string::npos) return "";
  size_t begin = at + 8;
  while (begin < lower.size() && (lower[begin] == '"' || lower[begin] == '\'')) ++begin;
  size_t end = begin;
  while (end < lower.size() &&
         (std::isalnum(static_cast<unsigned char>(lower[end])) || lower[end] == '-' ||
          lower[end] == '_' || lower[end] == ':' || lower[end] == '.')) {
    ++end;
  }
  return lower.substr(begin, end - begin);
}

std::string PrescanHtmlCharset(std::string_view html) {
  std::string head = Lower(html.substr(0, 4096));
  for (size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    size_t end = head.find('>', at);
    std::string_view tag =
        std::string_view(head).substr(at, end == std::string::npos ? std::string::npos : end - at);
    std::string charset = CharsetFromContentType(tag);
    if (!charset.empty()) return charset;
  }
  return "";
}

std::optional<std::string> BinaryReason(std::string_view head) {
  head = head.substr(0, 1 << 16);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kMagic = {{
      {"%PDF-", "PDF"},
      {"\x89PNG", "PNG image"},
      {"\xFF\xD8\xFF", "JPEG image"},
      {"GIF8", "GIF image"},
      {"PK\x03\x04", "ZIP archive"},
      {"\x7F"
       "ELF",
       "ELF executable"},
      {"\x1F\x8B", "gzip data without a .gz name"},
      {"BZh", "bzip2 data"},
      {"\xFD"
       "7zXZ",
       "xz data"},
  }};
  for (const auto& [magic, kind] : kMagic) {
    if (head.substr(0, magic.size()) == magic) return "binary file (" + std::string(kind) + ")";
  }
  // UTF-16 and UTF-32 text carries NULs but starts with a byte-order mark.
  if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF") return std::nullopt;
  if (std::memchr(head.data(), '\0', head.size())) {
    return std::string("binary file (contains NUL bytes)");
  }
  // Binary data shows its control bytes early; 8 KB is the sample git uses for the same test.
  std::string_view sample = head.substr(0, 8192);
  size_t control = 0;
  for (char c : sample) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && byte != '\n' && byte != '\r' && byte != '\t' && byte != '\f' &&
        byte != 0x1B) {
      ++control;
    }
  }
  if (control * 10 > sample.size()) return std::string("binary file (mostly control bytes)");
  return std::nullopt;
}

DecodedText DecodeToUtf8(std::string bytes, std::string_view declared, bool is_html) {
  if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    bytes.erase(0, 3);
    if (IsValidUtf8(bytes)) return {std::move(bytes), "UTF-8"};
    return {RepairUtf8(bytes), "UTF-8"};
  }
  std::string charset;
  if (bytes.compare(0, 2, "\xFF\xFE") == 0) charset = "UTF-16LE";
  if (bytes.compare(0, 2, "\xFE\xFF") == 0) charset = "UTF-16BE";
  if (!charset.empty()) bytes.erase(0, 2);
  if (charset.empty() && !declared.empty()) charset = CanonicalCharset(declared);
  if (charset.empty() && is_html) charset = CanonicalCharset(PrescanHtmlCharset(bytes));

  // Pure ASCII reads the same in every declared charset we would meet.
  if (!HasNonAscii(bytes)) return {std::move(bytes), charset.empty() ? "UTF-8" : charset};
  // Pages that declare Latin-1 but are valid UTF-8 are mislabelled: valid multi-byte UTF-8 is
  // vanishingly rare in real Latin-1 text.
  bool utf8_or_latin1 = charset.empty() || charset == "UTF-8" || charset == "windows-1252";
  if (utf8_or_latin1 && IsValidUtf8(bytes)) return {std::move(bytes), "UTF-8"};
  if ((charset.empty() || charset == "UTF-8") && MostlyUtf8(bytes)) {
    return {RepairUtf8(bytes), "UTF-8"};
  }
  std::string out;
  if (!charset.empty() && charset != "UTF-8" && ConvertWithIcu(bytes, charset, &out)) {
    return {RepairUtf8(out), charset};
  }
  // No usable declaration (missing, unknown to ICU, or wrong): sniff.
  charset = SniffCharset(bytes);
  // Sniffed as UTF-8 with invalid bytes in it: those bytes become U+FFFD. Reading the whole text
  // as windows-1252 instead would garble every valid character around them.
  if (charset == "UTF-8") return {RepairUtf8(bytes), "UTF-8"};
  if (ConvertWithIcu(bytes, charset, &out)) return {RepairUtf8(out), charset};
  if (ConvertWithIcu(bytes, "windows-1252", &out)) return {RepairUtf8(out), "windows-1252"};
  return {RepairUtf8(bytes), "UTF-8"};
}

}  // namespace parley::input
