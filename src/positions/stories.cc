// Same-story clustering: TF-IDF cosine (Salton & Buckley 1988, "Term-weighting approaches in
// automatic text retrieval"; smoothed idf = 1 + log((N + 1) / (df + 1)) as in scikit-learn, so
// a tiny corpus still weighs shared words) between articles that share frequent terms, gated
// by a date window and by the overlap of the scenario actors they mention.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "internal.h"

namespace parley {
namespace {

using positions_internal::DayNumber;

const std::unordered_set<std::string>& StopWords() {
  static const auto* const words = new std::unordered_set<std::string>{
      "the",     "and",       "for",      "that",     "with",     "was",    "were",  "has",
      "have",    "had",       "his",      "her",      "its",      "their",  "this",  "from",
      "are",     "but",       "not",      "they",     "said",     "will",   "would", "could",
      "been",    "also",      "which",    "about",    "after",    "than",   "into",  "more",
      "over",    "she",       "him",      "who",      "what",     "when",   "there", "can",
      "all",     "one",       "out",      "new",      "our",      "you",    "any",   "some",
      "such",    "other",     "these",    "those",    "said",     "says",   "on",    "monday",
      "tuesday", "wednesday", "thursday", "friday",   "saturday", "sunday", "week",  "year",
      "told",    "while",     "during",   "including"};
  return *words;
}

std::vector<std::string> Terms(std::string_view text) {
  std::vector<std::string> terms;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 3 && StopWords().count(word) == 0) terms.push_back(word);
    word.clear();
  };
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) {
      word.push_back(static_cast<char>(std::tolower(c)));
    } else {
      flush();
    }
  }
  flush();
  return terms;
}

using SparseVector = std::vector<std::pair<int, double>>;  // term id, weight; sorted by id

double Cosine(const SparseVector& a, const SparseVector& b) {
  double dot = 0;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first == b[j].first) {
      dot += a[i++].second * b[j++].second;
    } else if (a[i].first < b[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
  return dot;  // both are unit vectors
}

double Jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::set<std::string> left(a.begin(), a.end());
  std::set<std::string> right(b.begin(), b.end());
  if (left.empty() && right.empty()) return 1;
  size_t shared = 0;
  for (const auto& item : left) shared += right.count(item);
  return static_cast<double>(shared) / static_cast<double>(left.size() + right.size() - shared);
}

class UnionFind {
 public:
  explicit UnionFind(size_t size) : parent_(size) { std::iota(parent_.begin(), parent_.end(), 0); }
  int Find(int x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // The smaller index stays the root, so stories are named by their first article.
  void Union(int a, int b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<int> parent_;
};

// Posting lists longer than this belong to terms too common to tell stories apart.
constexpr size_t kMaxPosting = 200;

}  // namespace

std::vector<Story> ClusterStories(const std::vector<StoryDocument>& documents,
                                  const StoryOptions& options) {
  const size_t n = documents.size();
  std::unordered_map<std::string, int> term_ids;
  std::vector<std::map<int, int>> counts(n);
  std::vector<int> document_frequency;
  for (size_t d = 0; d < n; ++d) {
    for (const std::string& term : Terms(documents[d].text)) {
      auto [it, added] = term_ids.emplace(term, static_cast<int>(term_ids.size()));
      if (added) document_frequency.push_back(0);
      if (counts[d][it->second]++ == 0) ++document_frequency[it->second];
    }
  }
  std::vector<SparseVector> vectors(n);
  std::unordered_map<int, std::vector<int>> posting;  // top term -> documents
  for (size_t d = 0; d < n; ++d) {
    double norm = 0;
    for (const auto& [term, count] : counts[d]) {
      const double weight =
          count * (1 + std::log(static_cast<double>(n + 1) / (document_frequency[term] + 1)));
      vectors[d].push_back({term, weight});
      norm += weight * weight;
    }
    norm = std::sqrt(norm);
    for (auto& entry : vectors[d]) entry.second = norm > 0 ? entry.second / norm : 0;
    // Candidates come from the most frequent words: articles on one event repeat the same
    // names and nouns, while their rarest words are what tells them apart.
    std::vector<std::pair<int, int>> top(counts[d].begin(), counts[d].end());
    std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    top.resize(std::min<size_t>(top.size(), options.candidate_terms));
    for (const auto& entry : top) posting[entry.first].push_back(static_cast<int>(d));
  }
  UnionFind groups(n);
  std::unordered_map<std::string, int> by_id;
  for (size_t d = 0; d < n; ++d) by_id.emplace(documents[d].id, static_cast<int>(d));
  for (size_t d = 0; d < n; ++d) {
    if (documents[d].dup_of.empty()) continue;
    if (auto it = by_id.find(documents[d].dup_of); it != by_id.end()) {
      groups.Union(static_cast<int>(d), it->second);
    }
  }
  std::set<std::pair<int, int>> checked;
  for (const auto& [term, members] : posting) {
    if (members.size() < 2 || members.size() > kMaxPosting) continue;
    for (size_t i = 0; i < members.size(); ++i) {
      for (size_t j = i + 1; j < members.size(); ++j) {
        const int a = members[i];
        const int b = members[j];
        if (!checked.insert({a, b}).second) continue;
        const auto day_a = DayNumber(documents[a].date);
        const auto day_b = DayNumber(documents[b].date);
        if (!day_a || !day_b || std::llabs(*day_a - *day_b) > options.window_days) continue;
        if (Jaccard(documents[a].actors, documents[b].actors) < options.min_actor_overlap) {
          continue;
        }
        if (Cosine(vectors[a], vectors[b]) >= options.min_cosine) groups.Union(a, b);
      }
    }
  }
  std::map<int, int> story_of_root;
  std::vector<Story> stories;
  for (size_t d = 0; d < n; ++d) {
    const int root = groups.Find(static_cast<int>(d));
    auto [it, added] = story_of_root.emplace(root, static_cast<int>(stories.size()));
    if (added) {
      stories.emplace_back();
      stories.back().title = documents[d].title;
    }
    Story& story = stories[it->second];
    story.members.push_back(static_cast<int>(d));
    const std::string date = documents[d].date.substr(0, 10);
    if (!date.empty() && (story.first_date.empty() || date < story.first_date)) {
      story.first_date = date;
    }
    if (date > story.last_date) story.last_date = date;
  }
  return stories;
}

void MarkCorroboration(const std::vector<StoryDocument>& documents,
                       const std::vector<Story>& stories, std::vector<Statement>& statements,
                       double tolerance) {
  std::unordered_map<std::string, int> story_of_doc;
  for (size_t s = 0; s < stories.size(); ++s) {
    for (int member : stories[s].members) story_of_doc[documents[member].doc] = static_cast<int>(s);
  }
  // Statements grouped by story, actor and issue: only those groups are compared pairwise.
  std::map<std::tuple<int, std::string, std::string>, std::vector<size_t>> groups;
  for (size_t i = 0; i < statements.size(); ++i) {
    auto it = story_of_doc.find(statements[i].doc);
    statements[i].story = it == story_of_doc.end() ? -1 : it->second;
    statements[i].sources.clear();
    if (statements[i].story >= 0) {
      groups[{statements[i].story, statements[i].actor, statements[i].issue}].push_back(i);
    }
  }
  for (const auto& [key, members] : groups) {
    for (size_t i : members) {
      Statement& statement = statements[i];
      std::set<std::string> listed;
      for (size_t j : members) {
        const Statement& other = statements[j];
        if (other.doc == statement.doc ||
            std::fabs(other.position - statement.position) > tolerance ||
            !listed.insert(other.doc).second) {
          continue;
        }
        statement.sources.push_back({other.doc, other.outlet, other.date});
      }
    }
  }
}

}  // namespace parley
