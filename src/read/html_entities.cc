// Character reference decoding for the HTML tokenizer. The named table holds the references
// news pages actually use (Latin-1, typography, currency), not the full 2,231 of HTML5: an
// unknown name is kept verbatim, which loses nothing for extraction.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "html_tree.h"
#include "parley/text_util.h"

namespace parley::html {
namespace {

struct NamedReference {
  std::string_view name;
  uint32_t code_point;
};

// Sorted by name for binary search.
constexpr NamedReference kNamedReferences[] = {
    {"AElig", 0xC6},    {"Aacute", 0xC1},   {"Acirc", 0xC2},    {"Agrave", 0xC0},
    {"Aring", 0xC5},    {"Atilde", 0xC3},   {"Auml", 0xC4},     {"Ccedil", 0xC7},
    {"Eacute", 0xC9},   {"Ecirc", 0xCA},    {"Egrave", 0xC8},   {"Euml", 0xCB},
    {"Iacute", 0xCD},   {"Icirc", 0xCE},    {"Iuml", 0xCF},     {"Ntilde", 0xD1},
    {"Oacute", 0xD3},   {"Ocirc", 0xD4},    {"Ograve", 0xD2},   {"Oslash", 0xD8},
    {"Otilde", 0xD5},   {"Ouml", 0xD6},     {"Scaron", 0x160},  {"Uacute", 0xDA},
    {"Ucirc", 0xDB},    {"Ugrave", 0xD9},   {"Uuml", 0xDC},     {"Yacute", 0xDD},
    {"aacute", 0xE1},   {"acirc", 0xE2},    {"acute", 0xB4},    {"aelig", 0xE6},
    {"agrave", 0xE0},   {"amp", 0x26},      {"apos", 0x27},     {"aring", 0xE5},
    {"atilde", 0xE3},   {"auml", 0xE4},     {"bdquo", 0x201E},  {"brvbar", 0xA6},
    {"bull", 0x2022},   {"ccedil", 0xE7},   {"cedil", 0xB8},    {"cent", 0xA2},
    {"copy", 0xA9},     {"curren", 0xA4},   {"dagger", 0x2020}, {"deg", 0xB0},
    {"divide", 0xF7},   {"eacute", 0xE9},   {"ecirc", 0xEA},    {"egrave", 0xE8},
    {"emsp", 0x2003},   {"ensp", 0x2002},   {"eth", 0xF0},      {"euml", 0xEB},
    {"euro", 0x20AC},   {"frac12", 0xBD},   {"frac14", 0xBC},   {"frac34", 0xBE},
    {"gt", 0x3E},       {"hellip", 0x2026}, {"iacute", 0xED},   {"icirc", 0xEE},
    {"iexcl", 0xA1},    {"igrave", 0xEC},   {"iquest", 0xBF},   {"iuml", 0xEF},
    {"laquo", 0xAB},    {"ldquo", 0x201C},  {"lrm", 0x200E},    {"lsaquo", 0x2039},
    {"lsquo", 0x2018},  {"lt", 0x3C},       {"macr", 0xAF},     {"mdash", 0x2014},
    {"micro", 0xB5},    {"middot", 0xB7},   {"minus", 0x2212},  {"nbsp", 0xA0},
    {"ndash", 0x2013},  {"not", 0xAC},      {"ntilde", 0xF1},   {"oacute", 0xF3},
    {"ocirc", 0xF4},    {"oelig", 0x153},   {"ograve", 0xF2},   {"ordf", 0xAA},
    {"ordm", 0xBA},     {"oslash", 0xF8},   {"otilde", 0xF5},   {"ouml", 0xF6},
    {"para", 0xB6},     {"permil", 0x2030}, {"plusmn", 0xB1},   {"pound", 0xA3},
    {"prime", 0x2032},  {"quot", 0x22},     {"raquo", 0xBB},    {"rdquo", 0x201D},
    {"reg", 0xAE},      {"rlm", 0x200F},    {"rsaquo", 0x203A}, {"rsquo", 0x2019},
    {"sbquo", 0x201A},  {"scaron", 0x161},  {"sect", 0xA7},     {"shy", 0xAD},
    {"sup1", 0xB9},     {"sup2", 0xB2},     {"sup3", 0xB3},     {"szlig", 0xDF},
    {"thinsp", 0x2009}, {"thorn", 0xFE},    {"times", 0xD7},    {"trade", 0x2122},
    {"uacute", 0xFA},   {"ucirc", 0xFB},    {"ugrave", 0xF9},   {"uml", 0xA8},
    {"uuml", 0xFC},     {"yacute", 0xFD},   {"yen", 0xA5},      {"yuml", 0xFF},
    {"zwj", 0x200D},    {"zwnj", 0x200C},   {"zwsp", 0x200B},   {"Yuml", 0x178},
};

// Surrogates, NUL and out-of-range values become U+FFFD, as HTML5 prescribes.
void AppendReference(uint32_t code_point, std::string& out) {
  if (code_point == 0 || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    code_point = 0xFFFD;
  }
  AppendUtf8(code_point, out);
}

// Windows-1252 meanings of numeric references 0x80-0x9F, which pages use for curly quotes.
uint32_t FixC1(uint32_t code_point) {
  static constexpr uint16_t kC1[32] = {
      0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021, 0x2C6,  0x2030, 0x160,
      0x2039, 0x152,  0x8D,   0x17D,  0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};
  return (code_point >= 0x80 && code_point <= 0x9F) ? kC1[code_point - 0x80] : code_point;
}

const NamedReference* FindNamed(std::string_view name) {
  static const auto sorted = [] {
    std::vector<NamedReference> table(std::begin(kNamedReferences), std::end(kNamedReferences));
    std::sort(table.begin(), table.end(),
              [](const NamedReference& a, const NamedReference& b) { return a.name < b.name; });
    return table;
  }();
  auto it =
      std::lower_bound(sorted.begin(), sorted.end(), name,
                       [](const NamedReference& a, std::string_view b) { return a.name < b; });
  if (it == sorted.end() || it->name != name) return nullptr;
  return &*it;
}

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Decodes the reference starting at raw[at] == '&'. Returns the characters consumed, 0 when
// it is not a reference we know.
size_t DecodeOne(std::string_view raw, size_t at, std::string& out) {
  size_t i = at + 1;
  if (i < raw.size() && raw[i] == '#') {
    ++i;
    bool hex = i < raw.size() && (raw[i] == 'x' || raw[i] == 'X');
    if (hex) ++i;
    size_t digits_start = i;
    uint32_t value = 0;
    while (i < raw.size() && i - digits_start < 8) {
      char c = raw[i];
      int digit = -1;
      if (c >= '0' && c <= '9')
        digit = c - '0';
      else if (hex && c >= 'a' && c <= 'f')
        digit = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F')
        digit = c - 'A' + 10;
      if (digit < 0) break;
      value = value * (hex ? 16 : 10) + digit;
      ++i;
    }
    if (i == digits_start) return 0;
    if (i < raw.size() && raw[i] == ';') ++i;
    AppendReference(FixC1(value), out);
    return i - at;
  }
  size_t name_start = i;
  while (i < raw.size() && i - name_start < 10 && IsAlnum(raw[i])) ++i;
  if (i == name_start) return 0;
  const NamedReference* named = FindNamed(raw.substr(name_start, i - name_start));
  if (named == nullptr) return 0;
  if (i < raw.size() && raw[i] == ';') ++i;
  AppendReference(named->code_point, out);
  return i - at;
}

}  // namespace

void AppendDecoded(std::string_view raw, std::string& out) {
  size_t start = 0;
  for (;;) {
    size_t amp = raw.find('&', start);
    if (amp == std::string_view::npos) break;
    out.append(raw.data() + start, amp - start);
    size_t used = DecodeOne(raw, amp, out);
    if (used == 0) {
      out.push_back('&');
      start = amp + 1;
    } else {
      start = amp + used;
    }
  }
  out.append(raw.data() + start, raw.size() - start);
}

}  // namespace parley::html
