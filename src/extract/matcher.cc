// TokenMatcher: a trie over normalised tokens with case constraints per token.
#include "internal.h"

namespace parley::extract_internal {
namespace {

uint64_t EdgeKey(int node, int token_id) {
  return (static_cast<uint64_t>(node) << 32) | static_cast<uint32_t>(token_id);
}

bool MeetsNeeds(const std::vector<uint8_t>& needs, const std::vector<TokenFlags>& flags,
                int begin) {
  for (size_t k = 0; k < needs.size(); ++k) {
    const TokenFlags& f = flags[begin + k];
    if (needs[k] == 1 && !f.capitalized) return false;
    if (needs[k] == 2 && !f.all_caps) return false;
  }
  return true;
}

}  // namespace

int TokenMatcher::Child(int node, const std::string& token) const {
  auto id = token_ids_.find(token);
  if (id == token_ids_.end()) return -1;
  auto it = edges_.find(EdgeKey(node, id->second));
  return it == edges_.end() ? -1 : it->second;
}

void TokenMatcher::Add(std::string_view form, int payload,
                       const std::unordered_map<std::string, int>& abbreviations) {
  CodePoints points = DecodeUtf8(form);
  std::vector<Token> tokens;
  std::vector<TokenFlags> flags;
  Tokenize(points.chars, 0, static_cast<int64_t>(points.chars.size()), 0, abbreviations, tokens,
           flags);
  if (tokens.empty()) return;
  int node = 0;
  Accept accept{payload, {}};
  for (size_t i = 0; i < tokens.size(); ++i) {
    accept.needs.push_back(flags[i].all_caps && tokens[i].norm.size() <= 4 ? 2
                           : flags[i].capitalized                          ? 1
                                                                           : 0);
    int token_id =
        token_ids_.emplace(tokens[i].norm, static_cast<int>(token_ids_.size())).first->second;
    uint64_t key = EdgeKey(node, token_id);
    auto it = edges_.find(key);
    if (it == edges_.end()) {
      nodes_.push_back(Node{});
      it = edges_.emplace(key, static_cast<int>(nodes_.size() - 1)).first;
    }
    node = it->second;
  }
  nodes_[node].accepts.push_back(std::move(accept));
}

TokenMatcher::Match TokenMatcher::LongestAt(const std::vector<Token>& tokens,
                                            const std::vector<TokenFlags>& flags, int at,
                                            int limit) const {
  Match best{at, at, {}};
  int node = 0;
  for (int i = at; i < limit; ++i) {
    node = Child(node, tokens[i].norm);
    if (node < 0) break;
    std::vector<int> payloads;
    for (const Accept& accept : nodes_[node].accepts) {
      if (MeetsNeeds(accept.needs, flags, at)) payloads.push_back(accept.payload);
    }
    if (!payloads.empty()) best = {at, i + 1, std::move(payloads)};
  }
  return best;
}

std::vector<TokenMatcher::Match> TokenMatcher::FindAll(const std::vector<Token>& tokens,
                                                       const std::vector<TokenFlags>& flags,
                                                       int begin, int end) const {
  std::vector<Match> matches;
  for (int i = begin; i < end;) {
    Match match = LongestAt(tokens, flags, i, end);
    if (match.end > match.begin) {
      i = match.end;
      matches.push_back(std::move(match));
    } else {
      ++i;
    }
  }
  return matches;
}

}  // namespace parley::extract_internal
