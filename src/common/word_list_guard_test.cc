// Language as data (docs/ARCHITECTURE.md, "Language data"): English word sets live in
// data/lang/en/*.tsv, not in the code. This test fails when a .cc file of src/, tools/ or
// bench/ holds a brace-initialised list of five or more lower-case word literals
// ({"said", "told", ...}), the shape every moved word set had. Tests (*_test.cc) may hold
// word lists as fixtures.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace parley {
namespace {

namespace fs = std::filesystem;

// Not language data, or not moved yet. Each entry is "path" (the whole file) or
// "path:first literal" (one list).
const std::set<std::string>& Allowed() {
  static const std::set<std::string> allowed = {};
  return allowed;
}

bool IsWordLiteral(const std::string& text) {
  if (text.empty()) return false;
  bool letter = false;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') {
      letter = true;
    } else if (c != ' ' && c != '\'' && c != '-') {
      return false;
    }
  }
  return letter;
}

struct WordListSite {
  int line = 0;
  std::vector<std::string> literals;
};

// Brace-enclosed runs that hold only string literals, commas, white space and comments, and
// initialise a variable or a range-for ("kWords[] = {", "kSet{", ": {"). Lists passed as
// arguments ("CheckKeys(node, {...})") and rows of tables ("{{...}}") are keys and column
// names, not language.
std::vector<WordListSite> FindWordLists(const std::string& text) {
  std::vector<WordListSite> sites;
  for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    size_t before = text.find_last_not_of(" \t\r\n", open == 0 ? 0 : open - 1);
    if (open == 0 || before == std::string::npos) continue;
    char previous = text[before];
    bool identifier = std::isalnum(static_cast<unsigned char>(previous)) || previous == '_';
    if (previous != '=' && previous != ':' && previous != ']' && !identifier) continue;
    WordListSite site;
    size_t i = open + 1;
    bool only_literals = true;
    while (i < text.size() && text[i] != '}') {
      char c = text[i];
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ',') {
        ++i;
      } else if (text.compare(i, 2, "//") == 0) {
        i = text.find('\n', i);
        if (i == std::string::npos) i = text.size();
      } else if (c == '"') {
        std::string literal;
        ++i;
        while (i < text.size() && text[i] != '"') {
          if (text[i] == '\\' && i + 1 < text.size()) literal += text[i++];
          literal += text[i++];
        }
        ++i;
        site.literals.push_back(literal);
      } else {
        only_literals = false;
        break;
      }
    }
    if (!only_literals || i >= text.size()) continue;
    int words = 0;
    for (const std::string& literal : site.literals) words += IsWordLiteral(literal);
    if (words < 5) continue;
    site.line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + open, '\n'));
    sites.push_back(std::move(site));
  }
  return sites;
}

TEST(WordListGuardTest, FindsABraceListOfWords) {
  auto sites = FindWordLists(
      "static const std::unordered_set<std::string> kWords = {\n"
      "    \"said\", \"told\", // speech\n    \"says\", \"tells\", \"added\"};\n"
      "int kDays[] = {31, 28, 31, 30, 31};\n"
      "Check(node, {\"name\", \"aliases\", \"role\", \"gender\", \"from\"});\n"
      "for (std::string_view w : {\"on\", \"in\", \"at\", \"by\", \"of\"}) {}\n"
      "const char* kFew[] = {\"a\", \"b\"};\n");
  ASSERT_EQ(sites.size(), 2u);
  EXPECT_EQ(sites[0].line, 1);
  EXPECT_EQ(sites[0].literals.size(), 5u);
  EXPECT_EQ(sites[1].line, 6);
}

TEST(WordListGuardTest, NoEnglishWordListsInCode) {
  const fs::path root = PARLEY_SOURCE_DIR;
  std::vector<std::string> found;
  for (const char* top : {"src", "tools", "bench"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || !name.ends_with(".cc") || name.ends_with("_test.cc")) {
        continue;
      }
      const std::string path = fs::relative(entry.path(), root).generic_string();
      if (Allowed().count(path)) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      for (const WordListSite& site : FindWordLists(text.str())) {
        if (Allowed().count(path + ":" + site.literals[0])) continue;
        found.push_back(path + ":" + std::to_string(site.line) + ": {\"" + site.literals[0] +
                        "\", ...} (" + std::to_string(site.literals.size()) + " literals)");
      }
    }
  }
  std::string report;
  for (const std::string& line : found) report += "\n  " + line;
  EXPECT_TRUE(found.empty())
      << "word lists in code; move them to data/lang/en/<kind>.tsv and read them through "
         "parley::Language (include/parley/language.h):"
      << report;
}

}  // namespace
}  // namespace parley
