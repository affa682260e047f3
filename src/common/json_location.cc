#include "parley/json_location.h"

#include <nlohmann/json.hpp>
#include <vector>

#include "parley/text_util.h"

namespace parley {
namespace {

using Json = nlohmann::json;

// A SAX handler that accepts every event and keeps the first syntax error, so a malformed text
// yields its position without an exception.
class SyntaxErrorFinder : public JsonSaxAcceptingAll {
 public:
  std::optional<size_t> position;  // nlohmann's position: one past the offending character
  std::string token;

  bool parse_error(size_t at, const std::string& last_token,
                   const nlohmann::detail::exception&) override {
    position = at;
    token = last_token;
    return false;
  }
};

uint32_t Hex4(std::string_view text, size_t at) {
  uint32_t value = 0;
  for (size_t i = at; i < at + 4 && i < text.size(); ++i) {
    const char c = text[i];
    const uint32_t digit = c >= '0' && c <= '9'   ? c - '0'
                           : c >= 'a' && c <= 'f' ? c - 'a' + 10
                           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                  : 0;
    value = value * 16 + digit;
  }
  return value;
}

// Decodes the JSON string whose opening quote is at `*i`, leaving `*i` on its closing quote.
// Keys must be decoded because a pointer names the key, not its spelling in the file.
std::string ReadString(std::string_view text, size_t* i) {
  std::string out;
  for (++*i; *i < text.size() && text[*i] != '"'; ++*i) {
    if (text[*i] != '\\' || *i + 1 >= text.size()) {
      out.push_back(text[*i]);
      continue;
    }
    const char escaped = text[++*i];
    switch (escaped) {
      case 'n':
        out.push_back('\n');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'u': {
        uint32_t c = Hex4(text, *i + 1);
        *i += 4;
        const bool high_surrogate = c >= 0xD800 && c < 0xDC00;
        if (high_surrogate && *i + 6 < text.size() && text[*i + 1] == '\\' && text[*i + 2] == 'u') {
          c = 0x10000 + ((c - 0xD800) << 10) + (Hex4(text, *i + 3) - 0xDC00);
          *i += 6;
        }
        AppendUtf8(c, out);
        break;
      }
      default:
        out.push_back(escaped);
        break;  // \" \\ \/
    }
  }
  return out;
}

// One open object or array on the way down to the current value.
struct Frame {
  bool array = false;
  int index = 0;           // arrays: the element being read
  std::string key;         // objects: the last key read, already pointer-escaped
  bool expect_key = true;  // objects: the next string is a key, not a value
};

// RFC 6901: '~' is written "~0" and '/' is written "~1".
std::string EscapePointerToken(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string PointerOf(const std::vector<Frame>& stack) {
  std::string pointer;
  for (const Frame& frame : stack) {
    pointer += '/';
    pointer += frame.array ? std::to_string(frame.index) : frame.key;
  }
  return pointer;
}

bool EndsScalar(char c) {
  return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

}  // namespace

std::optional<JsonSyntaxError> FindJsonSyntaxError(std::string_view text) {
  SyntaxErrorFinder finder;
  Json::sax_parse(text, &finder);
  if (!finder.position) return std::nullopt;
  JsonSyntaxError error;
  error.offset = *finder.position > 0 ? *finder.position - 1 : 0;
  error.token = finder.token;
  for (size_t i = 0; i < error.offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++error.line;
      error.column = 1;
    } else {
      ++error.column;
    }
  }
  return error;
}

JsonLines::JsonLines(std::string_view text, int max_depth) {
  std::vector<Frame> stack;
  int line = 1;
  auto record = [&] {
    if (static_cast<int>(stack.size()) <= max_depth) lines_.emplace(PointerOf(stack), line);
  };
  // nlohmann accepts a leading UTF-8 byte order mark; it is not a value.
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  const size_t start =
      text.substr(0, kByteOrderMark.size()) == kByteOrderMark ? kByteOrderMark.size() : 0;
  for (size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
    } else if (c == '"') {
      const bool is_key = !stack.empty() && !stack.back().array && stack.back().expect_key;
      std::string value = ReadString(text, &i);
      if (is_key) {
        stack.back().key = EscapePointerToken(value);
      } else {
        record();
      }
    } else if (c == '{' || c == '[') {
      record();
      stack.push_back(Frame{c == '[', 0, "", c == '{'});
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
    } else if (c == ',') {
      if (!stack.empty() && stack.back().array) ++stack.back().index;
      if (!stack.empty() && !stack.back().array) stack.back().expect_key = true;
    } else if (c == ':') {
      if (!stack.empty()) stack.back().expect_key = false;
    } else if (c != ' ' && c != '\r' && c != '\t') {
      record();  // a number, true, false or null: skip to its end
      while (i + 1 < text.size() && !EndsScalar(text[i + 1])) ++i;
    }
  }
}

int JsonLines::LineOf(std::string_view pointer) const {
  std::string key(pointer);
  while (true) {
    auto it = lines_.find(key);
    if (it != lines_.end()) return it->second;
    if (key.empty()) return 0;
    key.erase(key.rfind('/'));
  }
}

std::string JsonExcerpt(const nlohmann::json& value) {
  std::string text = value.dump();
  return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

std::string JsonStringOr(const nlohmann::json& object, std::string_view key,
                         std::string fallback) {
  if (!object.is_object()) return fallback;
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : fallback;
}

double JsonNumberOr(const nlohmann::json& object, std::string_view key, double fallback) {
  if (!object.is_object()) return fallback;
  auto found = object.find(key);
  return found != object.end() && found->is_number() ? found->get<double>() : fallback;
}

}  // namespace parley
