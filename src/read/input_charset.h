// Charset layer: raw bytes to UTF-8. Declarations are trusted in this order: byte-order mark,
// the HTTP Content-Type header, the HTML <meta> prescan; with none, valid UTF-8 stays UTF-8 and
// anything else is sniffed with uchardet. Invalid bytes become U+FFFD; nothing here fails.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parley::input {

struct DecodedText {
  std::string utf8;
  std::string charset;  // what the bytes were read as, e.g. "UTF-8", "windows-1252"
};

// `declared` is a charset from outside the bytes (an HTTP header), or empty. Takes the bytes
// by value so that valid UTF-8, by far the common case, is moved through without a copy.
DecodedText DecodeToUtf8(std::string bytes, std::string_view declared, bool is_html);

// Replaces every invalid UTF-8 sequence with U+FFFD (one per maximal invalid subpart).
std::string RepairUtf8(std::string_view bytes);

bool IsValidUtf8(std::string_view bytes);

// The charset named in the first 4 KB of an HTML page (<meta charset> or http-equiv), or empty.
std::string PrescanHtmlCharset(std::string_view html);

// The charset parameter of a Content-Type value such as "text/html; charset=ISO-8859-1".
std::string CharsetFromContentType(std::string_view content_type);

// Why these bytes are not text (e.g. "binary file (PDF)"), or nullopt when they look like text.
// Looks for NUL bytes in the first 64 KB and counts control bytes in the first 8 KB.
std::optional<std::string> BinaryReason(std::string_view head);

}  // namespace parley::input
